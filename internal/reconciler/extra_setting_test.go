package reconciler_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/conformance"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// callbacks is a list setting that only this test manages: the client's
// callbacks, declared the way a new list setting would be. Nothing else in
// the core names it.
var callbacks = reconciler.NewListSetting("callbacks", "callbacks", "callbacksMode",
	reconciler.ItemGrammar{Noun: "callback URL", Canonical: canonicalCallback, SameWhy: "the same URL"},
	(*management.Client).GetCallbacks,
	func(c *management.Client, l []string) { c.Callbacks = &l })

func canonicalCallback(v string) (string, string) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", "use an absolute URL such as https://app.example.com/callback"
	}
	u.Host = strings.ToLower(u.Host)
	return u.String(), ""
}

const (
	legacyCallback = "https://legacy.example.com/callback"
	appCallback    = "https://app.example.com/callback"
)

func declareCallbacks(mode reconciler.OriginsMode, entries ...string) reconciler.Application {
	return callbacks.Declare("", entries, mode)
}

func wantCallbacks(entries ...string) conformance.Tenant {
	return conformance.Tenant{ClientSettings: callbacks.WithObserved(reconciler.ClientSettings{}, entries), APIActive: true}
}

var (
	patchClient = map[string]int{"PATCH /api/v2/clients/{id}": 1}
	retain      = reconciler.APISpec{Enabled: true, DeletionPolicy: reconciler.DeletionRetain}
)

// callbackScenarios are the list rows of the conformance table, for the
// test-only setting.
func callbackScenarios() []conformance.Scenario {
	second := func(mode reconciler.OriginsMode, entries ...string) *reconciler.Application {
		app := declareCallbacks(mode, entries...)
		return &app
	}
	twoWrites := map[string]int{"PATCH /api/v2/clients/{id}": 2}
	return []conformance.Scenario{{
		Name: "merge keeps a foreign entry, release removes only ours", Start: auth0sim.Client{Callbacks: []string{legacyCallback}},
		APIActive: true, API: retain, App: declareCallbacks(reconciler.OriginsMerge, appCallback), Remove: true,
		Want: wantCallbacks(legacyCallback), WantWrites: twoWrites,
	}, {
		Name: "exclusive replaces the list", Start: auth0sim.Client{Callbacks: []string{legacyCallback}},
		APIActive: true, API: retain, App: declareCallbacks(reconciler.OriginsExclusive, appCallback),
		Want: wantCallbacks(appCallback), WantWrites: patchClient,
	}, {
		Name: "merge: a dashboard removal is put back", APIActive: true, API: retain,
		App:  declareCallbacks(reconciler.OriginsMerge, appCallback),
		Edit: func(c *auth0sim.Client) { c.Callbacks = []string{legacyCallback} },
		Want: wantCallbacks(legacyCallback, appCallback), WantWrites: twoWrites,
	}, {
		Name: "an invalid entry is refused before any write", Start: auth0sim.Client{Callbacks: []string{legacyCallback}},
		APIActive: true, API: retain, App: declareCallbacks(reconciler.OriginsMerge, "app.example.com/callback"),
		WantError: "applications[0].callbacks[0]", Want: wantCallbacks(legacyCallback),
	}, {
		Name: "two owners of one merge entry: it stays until the last lets go", Start: auth0sim.Client{Callbacks: []string{legacyCallback}},
		APIActive: true, API: retain, App: declareCallbacks(reconciler.OriginsMerge, appCallback),
		Second: second(reconciler.OriginsMerge, appCallback), Remove: true,
		Want: wantCallbacks(legacyCallback, appCallback), WantLast: ptr(wantCallbacks(legacyCallback)), WantWrites: twoWrites,
	}, {
		Name: "exclusive against another owner: the later is refused before any write", Start: auth0sim.Client{Callbacks: []string{legacyCallback}},
		APIActive: true, API: retain, App: declareCallbacks(reconciler.OriginsExclusive, appCallback),
		Second: second(reconciler.OriginsMerge, legacyCallback), WantError: "conflicts with",
		Want: wantCallbacks(appCallback), WantWrites: patchClient,
	}}
}

func ptr[T any](v T) *T { return &v }

// TestConformanceEngineNewListSetting shows that a list setting added as
// one descriptor, here in a test file, passes the conformance table's list
// rows on the engine: planning, ownership, sharing, conflicts, validation,
// the read and the PATCH all come from the descriptor.
func TestConformanceEngineNewListSetting(t *testing.T) {
	reconciler.AddClientSettingForTest(t, callbacks)
	for _, sc := range callbackScenarios() {
		t.Run(sc.Name, func(t *testing.T) { runEngineScenario(t, sc) })
	}
}

// TestNewListSettingKeepsTheBuiltInsApart checks that the new list's
// ownership is persisted beside the built-in lists and read back.
func TestNewListSettingKeepsTheBuiltInsApart(t *testing.T) {
	reconciler.AddClientSettingForTest(t, callbacks)
	ctx := context.Background()
	srv, eng := newEngine(t)
	app := declareCallbacks(reconciler.OriginsMerge, appCallback)
	app.ClientID, app.AllowedOrigins = "spa", []string{"https://app.example.com"}
	d := reconciler.Desired{Domain: srv.Domain(), API: reconciler.APISpec{Enabled: true}, Applications: []reconciler.Application{app}}
	d.Defaults()
	res, err := eng.Apply(ctx, d, reconciler.State{})
	if err != nil {
		t.Fatal(err)
	}
	owned := res.State.Apps["spa"]
	if got := callbacks.Owned(owned); len(got) != 1 || got[0] != appCallback {
		t.Errorf("owned callbacks %v, want [%s]", got, appCallback)
	}
	if got := reconciler.AllowedOrigins.Owned(owned); len(got) != 1 || got[0] != "https://app.example.com" {
		t.Errorf("owned allowed origins %v", got)
	}
	if plan, err := eng.Plan(ctx, d, res.State); err != nil || !plan.InSync() {
		t.Errorf("plan after apply: %v, changes %v", err, plan.Changes)
	}
}
