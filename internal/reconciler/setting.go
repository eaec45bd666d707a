package reconciler

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/auth0/go-auth0/management"
)

// clientSetting is one managed setting of an Auth0 client: the only place
// that names the setting's fields. Planning, intent, ownership, sharing,
// conflicts, validation, the tenant's read model and the write loop over
// the settings instead. Every method is pure.
type clientSetting interface {
	// configName names the setting in a config and in conflicts: allowedOrigins.
	configName() string

	// plan adds to patch what makes the client match app, records in next
	// what the config owns once the patch lands, and returns the changes.
	// A setting app leaves out releases what owned records, restoring only
	// what it changed.
	plan(app Application, owned AppState, obs ClientSettings, patch *ClientPatch, next *AppState) []Change

	// owns reports whether s records something of this setting to undo.
	owns(s AppState) bool
	// inFlight sets in out what is owned while a write taking owned to
	// next is in flight: both, since either may hold when it ends.
	inFlight(owned, next AppState, out *AppState)
	// normalize puts the setting's ownership in s in one form, to compare.
	normalize(s *AppState)

	// conflict says how a and b, two owners' declarations of one client,
	// claim the setting incompatibly; "" when they can share it.
	conflict(a, b Application) string
	// share sets in next what a config owns once other owners' claims on
	// the client are taken into account (see ShareState).
	share(app Application, owned AppState, claims []claim, next *AppState)

	// validate checks the config's value; prefix is applications[i].
	validate(prefix string, app Application) ValidationErrors
	// withDefault fills in the setting's documented default.
	withDefault(app *Application)

	// fields are the client properties a read asks for.
	fields() []string
	// observe copies the setting from a client the Management API returned.
	observe(c *management.Client, s *ClientSettings)
	// writeTo puts the setting's part of p into a PATCH body.
	writeTo(p ClientPatch, body *management.Client)
	// patched reports whether p writes the setting.
	patched(p ClientPatch) bool
	// apply is s once p's part lands.
	apply(p ClientPatch, s *ClientSettings)
	// held reports whether after kept what p wrote.
	held(p ClientPatch, after ClientSettings) bool
}

// clientSettings are every managed client setting, in the order their
// changes are reported. A new setting is one more entry here.
var clientSettings = append([]clientSetting{AllowedOrigins, WebOrigins, crossOriginSetting{}}, refreshPolicies()...)

// ListSettings are the managed list settings, for the faces that offer one
// resource or field per list.
func ListSettings() []*ListSetting {
	var out []*ListSetting
	for _, s := range clientSettings {
		if l, ok := s.(*ListSetting); ok {
			out = append(out, l)
		}
	}
	return out
}

// clientFields are the fields a client read asks for, so an in-sync run
// moves as little as possible.
func clientFields() []string {
	out := []string{"client_id", "name", "is_first_party", "app_type"}
	for _, s := range clientSettings {
		for _, f := range s.fields() {
			if !slices.Contains(out, f) { // the refresh-token policies share refresh_token
				out = append(out, f)
			}
		}
	}
	return out
}

// PlanClient is the patch that makes a client match app, the ownership after
// it lands, and the changes it makes. Settings app leaves nil release what
// owned records. Pure.
func PlanClient(app Application, owned AppState, obs ClientSettings) (ClientPatch, AppState, []Change) {
	var patch ClientPatch
	next := owned
	var changes []Change
	for _, s := range clientSettings {
		changes = append(changes, s.plan(app, owned, obs, &patch, &next)...)
	}
	return patch, next, changes
}

// ClientPatch is one PATCH of the fields myaccount manages; nil means unchanged.
type ClientPatch struct {
	// Lists are the list settings written, whole, by field (allowed_origins).
	Lists map[string][]string
	// CrossOriginEnabled is cross_origin_authentication.
	CrossOriginEnabled *bool
	// CrossOriginLocation "" clears cross_origin_loc (Auth0 validates it as
	// absolute-uri-or-empty).
	CrossOriginLocation *string
	// RefreshToken is the whole refresh_token object as read, with only
	// its policies changed (see refreshPolicySetting).
	RefreshToken *management.ClientRefreshToken
}

// Empty reports whether the patch changes nothing.
func (p ClientPatch) Empty() bool {
	return !slices.ContainsFunc(clientSettings, func(s clientSetting) bool { return s.patched(p) })
}

// heldBy reports the first patched field whose value the tenant did not
// keep in after, "" when every one held.
func (p ClientPatch) heldBy(after ClientSettings) string {
	for _, s := range clientSettings {
		if s.patched(p) && !s.held(p, after) {
			return s.fields()[0]
		}
	}
	return ""
}

// body is the PATCH body: only the changed fields.
func (p ClientPatch) body() *management.Client {
	body := &management.Client{}
	for _, s := range clientSettings {
		if s.patched(p) {
			s.writeTo(p, body)
		}
	}
	return body
}

// MaxRequestBody is Auth0's limit on a Management API request body: larger
// ones get 413 "Payload content length greater than maximum allowed:
// 1048576" (seen from real Auth0 in auth0/auth0.js#1133; the emulator
// answers the same).
const MaxRequestBody = 1 << 20

// checkSize refuses, before any write, a PATCH Auth0 would refuse as too
// large, naming its largest list: fieldOf turns the list's config name into
// the face's field (applications[0].allowedOrigins, or origins).
func (p ClientPatch) checkSize(fieldOf func(configName string) string) error {
	b, err := json.Marshal(p.body())
	if err != nil || len(b) <= MaxRequestBody {
		return nil
	}
	var largest *ListSetting
	for _, l := range ListSettings() {
		if largest == nil || len(strings.Join(p.Lists[l.Field], ",")) > len(strings.Join(p.Lists[largest.Field], ",")) {
			largest = l
		}
	}
	return ValidationErrors{{Field: fieldOf(largest.ConfigName), Value: fmt.Sprintf("%d entries on the client", len(p.Lists[largest.Field])),
		Fix: fmt.Sprintf("with them the client's update is %d bytes, and Auth0 takes at most %d in a request; list fewer entries, or cover several with a wildcard such as https://*.example.com",
			len(b), MaxRequestBody)}}
}

// CheckClientUpdate refuses at plan time, as checkSize does before a
// write, the update app would make to a client holding obs: for a face that
// plans one resource at a time (Terraform), so no write of the run happens
// first. field names the setting in the face's terms.
func CheckClientUpdate(app Application, owned AppState, obs ClientSettings, field string) error {
	return CheckClientUpdateAs(app, owned, obs, func(string) string { return field })
}

// CheckClientUpdateAs is CheckClientUpdate for a face whose one resource
// declares several lists of the client: fieldOf names, in the face's terms,
// the list (by its config name) that the refusal blames, the largest.
func CheckClientUpdateAs(app Application, owned AppState, obs ClientSettings, fieldOf func(configName string) string) error {
	patch, _, _ := PlanClient(app, owned, obs)
	return patch.checkSize(fieldOf)
}

// onlyLists is p without the settings that are not lists.
func (p ClientPatch) onlyLists() ClientPatch { return ClientPatch{Lists: p.Lists} }

// onlyListsPatched reports whether p writes no setting but origin lists.
func (p ClientPatch) onlyListsPatched() bool {
	return !slices.ContainsFunc(clientSettings, func(s clientSetting) bool {
		_, list := s.(*ListSetting)
		return !list && s.patched(p)
	})
}

// wroteLists reports whether the patch wrote a list setting.
func (p ClientPatch) wroteLists() bool { return len(p.Lists) > 0 }

// Declares reports whether app manages anything on its client.
func (app Application) Declares() bool {
	for _, l := range ListSettings() {
		if list, _ := l.desired(app); list != nil {
			return true
		}
	}
	return app.CrossOriginAuthentication != nil || app.DeclaresUserAccess() ||
		slices.ContainsFunc(SystemAPIs(), func(a SystemAPI) bool { return a.PolicyOf(app) != nil })
}

// DeclaresUserAccess reports whether app declares a user grant for any
// system API.
func (app Application) DeclaresUserAccess() bool {
	return slices.ContainsFunc(SystemAPIs(), func(a SystemAPI) bool { return a.UserAccessOf(app) != nil })
}

// listsOnly is app with only its list settings, for re-checking them.
func listsOnly(app Application) Application {
	out := Application{ClientID: app.ClientID}
	for _, l := range ListSettings() {
		if list, mode := l.desired(app); list != nil {
			l.setDesired(&out, list, mode)
		}
	}
	return out
}

func ptr[T any](v T) *T { return &v }
