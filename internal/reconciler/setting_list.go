package reconciler

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/management"
)

// ListSetting is a list on a client (allowed_origins, web_origins) that a
// config manages in Merge or Exclusive mode: Merge adds its entries and
// removes only those it added; Exclusive makes the list the whole truth.
// Several owners may merge into one list; an Exclusive one shares it with
// no one.
type ListSetting struct {
	// Field is the client's property in the Management API; it names the
	// list in changes.
	Field string
	// ConfigName and ModeName name the list and its mode in a config
	// (manifest, CRD, errors): allowedOrigins, originsMode.
	ConfigName, ModeName string
	// Grammar is what one entry may be.
	Grammar ItemGrammar
	store   listStore
}

// ItemGrammar is the syntax of a list's entries.
type ItemGrammar struct {
	// Noun names one entry in messages: "origin".
	Noun string
	// Canonical is an entry's canonical form, the one Auth0 stores, or the
	// fix to suggest for an invalid one.
	Canonical func(string) (canonical, fix string)
	// SameWhy says why two entries are equal once canonical.
	SameWhy string
	// Warn is what to say about a valid entry (nil: nothing); it also
	// marks the entries as origins a browser sends.
	Warn func(entry, canonical string) []string
}

// listStore is where a list setting lives in the core's model and in the
// Management API's client.
type listStore struct {
	desired     func(Application) ([]string, OriginsMode)
	setDesired  func(*Application, []string, OriginsMode)
	owned       func(AppState) []string
	setOwned    func(*AppState, []string)
	observed    func(ClientSettings) []string
	setObserved func(*ClientSettings, []string)
	read        func(*management.Client) []string
	write       func(*management.Client, []string)
}

// The built-in lists keep their own fields in the model: their persisted
// names (managedOrigins, managedWebOrigins) predate the descriptors.
var (
	AllowedOrigins = &ListSetting{Field: "allowed_origins", ConfigName: "allowedOrigins", ModeName: "originsMode", Grammar: OriginGrammar,
		store: listStore{
			desired:     func(a Application) ([]string, OriginsMode) { return a.AllowedOrigins, a.OriginsMode },
			setDesired:  func(a *Application, l []string, m OriginsMode) { a.AllowedOrigins, a.OriginsMode = l, m },
			owned:       func(s AppState) []string { return s.ManagedOrigins },
			setOwned:    func(s *AppState, l []string) { s.ManagedOrigins = l },
			observed:    func(c ClientSettings) []string { return c.AllowedOrigins },
			setObserved: func(c *ClientSettings, l []string) { c.AllowedOrigins = l },
			read:        (*management.Client).GetAllowedOrigins,
			write:       func(c *management.Client, l []string) { c.AllowedOrigins = &l },
		}}
	WebOrigins = &ListSetting{Field: "web_origins", ConfigName: "webOrigins", ModeName: "webOriginsMode", Grammar: OriginGrammar,
		store: listStore{
			desired:     func(a Application) ([]string, OriginsMode) { return a.WebOrigins, a.WebOriginsMode },
			setDesired:  func(a *Application, l []string, m OriginsMode) { a.WebOrigins, a.WebOriginsMode = l, m },
			owned:       func(s AppState) []string { return s.ManagedWebOrigins },
			setOwned:    func(s *AppState, l []string) { s.ManagedWebOrigins = l },
			observed:    func(c ClientSettings) []string { return c.WebOrigins },
			setObserved: func(c *ClientSettings, l []string) { c.WebOrigins = l },
			read:        (*management.Client).GetWebOrigins,
			write:       func(c *management.Client, l []string) { c.WebOrigins = &l },
		}}
)

// NewListSetting is a list setting kept, by field, in the model's Lists
// maps, so that adding one touches no model type: read and write reach
// the field on the Management API's client.
func NewListSetting(field, configName, modeName string, grammar ItemGrammar,
	read func(*management.Client) []string, write func(*management.Client, []string)) *ListSetting {
	return &ListSetting{Field: field, ConfigName: configName, ModeName: modeName, Grammar: grammar, store: listStore{
		desired: func(a Application) ([]string, OriginsMode) {
			spec, ok := a.Lists[field]
			if !ok {
				return nil, ""
			}
			return nonNil(spec.Entries), spec.Mode
		},
		setDesired: func(a *Application, l []string, m OriginsMode) {
			a.Lists = withKey(a.Lists, field, ListSpec{Entries: l, Mode: m})
		},
		owned:       func(s AppState) []string { return s.Lists[field] },
		setOwned:    func(s *AppState, l []string) { s.Lists = withKey(s.Lists, field, l) },
		observed:    func(c ClientSettings) []string { return c.Lists[field] },
		setObserved: func(c *ClientSettings, l []string) { c.Lists = withKey(c.Lists, field, l) },
		read:        read,
		write:       write,
	}}
}

// withKey is m with key set to v (deleted when v is empty), copied so that
// the values of the model, which are copied freely, never share a map.
func withKey[V any](m map[string]V, key string, v V) map[string]V {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]V{}
	}
	out[key] = v
	if isEmpty(v) {
		delete(out, key)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func isEmpty(v any) bool {
	l, ok := v.([]string)
	return ok && len(l) == 0
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// Declare is the core model of a config that manages only this list on a
// client, as a Terraform resource does.
func (l *ListSetting) Declare(clientID string, entries []string, mode OriginsMode) Application {
	app := Application{ClientID: clientID}
	l.setDesired(&app, nonNil(entries), mode)
	return app
}

// Owned is what s records as owned in this list.
func (l *ListSetting) Owned(s AppState) []string { return l.store.owned(s) }

// WithOwned is s owning entries in this list.
func (l *ListSetting) WithOwned(s AppState, entries []string) AppState {
	l.store.setOwned(&s, entries)
	return s
}

// Observed is this list on a client.
func (l *ListSetting) Observed(c ClientSettings) []string { return l.store.observed(c) }

// WithObserved is c holding entries in this list.
func (l *ListSetting) WithObserved(c ClientSettings, entries []string) ClientSettings {
	l.store.setObserved(&c, entries)
	return c
}

// Declared is the list app declares (nil: not managed) and its mode.
func (l *ListSetting) Declared(app Application) ([]string, OriginsMode) { return l.store.desired(app) }

// SetDeclared makes app declare entries (nil: not managed) in mode.
func (l *ListSetting) SetDeclared(app *Application, entries []string, mode OriginsMode) {
	if entries == nil && !isBuiltIn(l) {
		return // a keyed list present is managed
	}
	l.store.setDesired(app, entries, mode)
}

func (l *ListSetting) desired(app Application) ([]string, OriginsMode) { return l.store.desired(app) }

func (l *ListSetting) setDesired(app *Application, entries []string, mode OriginsMode) {
	l.store.setDesired(app, entries, mode)
}

// Canonical is entries in their canonical form; an invalid one (which
// validation refuses earlier) stays as written.
func (l *ListSetting) Canonical(entries []string) []string {
	if entries == nil {
		return nil
	}
	out := make([]string, len(entries))
	for i, e := range entries {
		if c, fix := l.Grammar.Canonical(e); fix == "" {
			e = c
		}
		out[i] = e
	}
	return out
}

func (l *ListSetting) configName() string { return l.ConfigName }

func (l *ListSetting) plan(app Application, owned AppState, obs ClientSettings, patch *ClientPatch, next *AppState) []Change {
	res := clientResource(app.ClientID)
	var d OriginsDiff
	if desired, mode := l.desired(app); desired != nil {
		d = diffList(res, l.Field, l.Canonical(desired), mode, l.Owned(owned), l.Observed(obs))
	} else {
		d = DiffOriginsOnDelete(res, l.Field, l.Owned(owned), l.Observed(obs))
	}
	l.store.setOwned(next, d.Managed)
	if d.NeedsWrite() {
		// Not withKey: an emptied list is a write of [], never dropped.
		patch.Lists = maps.Clone(patch.Lists)
		if patch.Lists == nil {
			patch.Lists = map[string][]string{}
		}
		patch.Lists[l.Field] = nonNil(d.Target)
	}
	return d.Changes
}

func (l *ListSetting) owns(s AppState) bool { return len(l.Owned(s)) > 0 }

func (l *ListSetting) inFlight(owned, next AppState, out *AppState) {
	l.store.setOwned(out, sortedUnique(append(slices.Clone(l.Owned(owned)), l.Owned(next)...)))
}

func (l *ListSetting) normalize(s *AppState) {
	list := sortedUnique(l.Owned(*s))
	if len(list) == 0 {
		list = nil
	}
	l.store.setOwned(s, list)
}

func (l *ListSetting) conflict(a, b Application) string {
	aList, aMode := l.desired(a)
	bList, bMode := l.desired(b)
	if aList == nil || bList == nil || (aMode != OriginsExclusive && bMode != OriginsExclusive) {
		return ""
	}
	return fmt.Sprintf("%s against %s: an Exclusive list is the whole list, so no other configuration may manage it",
		l.describe(aList, aMode), l.describe(bList, bMode))
}

func (l *ListSetting) describe(list []string, mode OriginsMode) string {
	if mode == "" {
		mode = OriginsMerge
	}
	return fmt.Sprintf("%s [%s]", mode, strings.Join(sortedUnique(l.Canonical(list)), " "))
}

// share: an entry another owner added and this one also lists is owned by
// both from now on; an entry this one no longer lists while another still
// lists and owns it is let go without being removed.
func (l *ListSetting) share(app Application, owned AppState, claims []claim, next *AppState) {
	desired, _ := l.desired(app)
	wanted := setOf(l.Canonical(desired))
	out := slices.Clone(l.Owned(owned))
	inOut := setOf(out)
	for _, c := range claims {
		theirs, _ := l.desired(c.app)
		declared, ownedByThem := setOf(l.Canonical(theirs)), setOf(l.Owned(c.owned))
		for _, e := range l.Owned(c.owned) {
			if desired != nil && wanted[e] && !inOut[e] {
				out = append(out, e)
				inOut[e] = true
			}
		}
		out = slices.DeleteFunc(out, func(e string) bool {
			letGo := !wanted[e] && declared[e] && ownedByThem[e]
			if letGo {
				delete(inOut, e)
			}
			return letGo
		})
	}
	if len(out) == 0 {
		out = nil
	}
	slices.Sort(out)
	l.store.setOwned(next, out)
}

func (l *ListSetting) validate(prefix string, app Application) ValidationErrors {
	var errs ValidationErrors
	list, mode := l.desired(app)
	switch mode {
	case "", OriginsMerge, OriginsExclusive:
	default:
		errs = append(errs, &FieldError{Field: prefix + "." + l.ModeName, Value: string(mode), Fix: "use Merge or Exclusive"})
	}
	return append(errs, l.validateEntries(prefix+"."+l.ConfigName, list)...)
}

// validateEntries checks each entry and that no two are the same once
// canonical.
func (l *ListSetting) validateEntries(field string, entries []string) ValidationErrors {
	errs, _ := l.entryErrors(context.Background(), field, entries, true) // never interrupted
	return errs
}

// Duplicates are the valid entries that are the same as an earlier one
// once canonical (https://A.example.com beside https://a.example.com): a
// face whose own validators check each entry adds this, so every face
// refuses them. It stops with ctx's error when ctx ends.
func (l *ListSetting) Duplicates(ctx context.Context, field string, entries []string) (ValidationErrors, error) {
	return l.entryErrors(ctx, field, entries, false)
}

func (l *ListSetting) entryErrors(ctx context.Context, field string, entries []string, withGrammar bool) (ValidationErrors, error) {
	var errs ValidationErrors
	seen := make(map[string]int, len(entries))
	for j, e := range entries {
		if err := Interrupted(ctx, j); err != nil {
			return errs, err
		}
		f := fmt.Sprintf("%s[%d]", field, j)
		c, fix := l.Grammar.Canonical(e)
		if fix != "" {
			if withGrammar {
				errs = append(errs, &FieldError{Field: f, Value: e, Fix: fix})
			}
			continue
		}
		if k, dup := seen[c]; dup {
			errs = append(errs, &FieldError{Field: f, Value: e, Fix: l.sameAs(field, k, entries[k])})
			continue
		}
		seen[c] = j
	}
	return errs, nil
}

// sameAs is the fix for a duplicate of entry k; a face whose list is a
// set, where an index means nothing, passes no field.
func (l *ListSetting) sameAs(field string, k int, entry string) string {
	ref := entry
	if field != "" {
		ref = fmt.Sprintf("%s[%d] (%s)", field, k, entry)
	}
	return fmt.Sprintf("the same %s as %s once canonical, since %s; remove the duplicate", l.Grammar.Noun, ref, l.Grammar.SameWhy)
}

// InTenantForm is how a face that keeps the user's spelling shows what the
// tenant holds: each observed entry as configured when a configured entry
// is the same once canonical, else as observed. So a list written as
// https://App.Example.com reads back unchanged, and an in-sync plan is empty.
// It stops with ctx's error when ctx ends.
func (l *ListSetting) InTenantForm(ctx context.Context, observed, configured []string) ([]string, error) {
	spelled := make(map[string]string, len(configured))
	for i, c := range configured {
		if err := Interrupted(ctx, i); err != nil {
			return nil, err
		}
		if canon, fix := l.Grammar.Canonical(c); fix == "" {
			spelled[canon] = c
		}
	}
	out := make([]string, 0, len(observed))
	for _, o := range observed {
		if c, ok := spelled[o]; ok {
			o = c
		}
		out = append(out, o)
	}
	return out, nil
}

// EntryWarnings are what the grammar says about valid entries, such as an
// origin that Auth0 stores in another form. It stops with ctx's error when
// ctx ends.
func (l *ListSetting) EntryWarnings(ctx context.Context, entries []string) ([]string, error) {
	warnings, err := l.entryWarnings(ctx, "", entries, new([]string))
	var ws []string
	for _, w := range warnings {
		ws = append(ws, w.Message)
	}
	return ws, err
}

func (l *ListSetting) withDefault(app *Application) {
	if list, mode := l.desired(*app); mode == "" && (list != nil || isBuiltIn(l)) {
		l.setDesired(app, list, OriginsMerge)
	}
}

// isBuiltIn reports whether l keeps its own fields in the model, where a
// mode may be set without the list.
func isBuiltIn(l *ListSetting) bool { return l == AllowedOrigins || l == WebOrigins }

func (l *ListSetting) fields() []string { return []string{l.Field} }

func (l *ListSetting) observe(c *management.Client, s *ClientSettings) {
	l.store.setObserved(s, l.store.read(c))
}

func (l *ListSetting) writeTo(p ClientPatch, body *management.Client) {
	l.store.write(body, append([]string{}, p.Lists[l.Field]...)) // send [] not null
}

func (l *ListSetting) patched(p ClientPatch) bool {
	_, ok := p.Lists[l.Field]
	return ok
}

func (l *ListSetting) apply(p ClientPatch, s *ClientSettings) {
	l.store.setObserved(s, slices.Clone(p.Lists[l.Field]))
}

func (l *ListSetting) held(p ClientPatch, after ClientSettings) bool {
	return slices.Equal(sortedUnique(p.Lists[l.Field]), sortedUnique(l.Observed(after)))
}
