package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/tenantcfg/myaccount/internal/auth0sim"
	"github.com/tenantcfg/myaccount/internal/cli"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// ownerDoc is a MyAccountConfig document named name for spa_demo_client;
// apps is the YAML of the application's settings after clientId.
func ownerDoc(name, app string) string {
	return `apiVersion: myaccount.tenantcfg.io/v1alpha1
kind: MyAccountConfig
metadata: {name: ` + name + `}
spec:
  domain: DOMAIN
  api: {enabled: true}
  applications:
    - clientId: spa_demo_client
` + app
}

// userGrants are spa_demo_client's user grants for the My Account API.
func (h *harness) userGrants() []auth0sim.ClientGrant {
	var out []auth0sim.ClientGrant
	for _, g := range h.srv.Grants() {
		if g.ClientID == "spa_demo_client" && g.SubjectType == "user" && g.Audience == reconciler.AudienceFor(h.srv.Domain()) {
			out = append(out, g)
		}
	}
	return out
}

const (
	sharedOrigin = "https://shared.example.com"
	sharedGrant  = "      allowedOrigins: [https://shared.example.com]\n      userAccess: {scopes: [read:me:authentication_methods]}\n"
)

// Two documents list the same origin and the same scopes: one origin, one
// grant. Dropping one document's settings keeps both; dropping the other's
// removes both, and the foreign origin stays throughout.
func TestCLISharedOriginAndGrantGoWithTheLastOwner(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	both := h.manifest("both.yaml", ownerDoc("share-a", sharedGrant)+"---\n"+ownerDoc("share-b", sharedGrant))
	h.run("apply", "-f", both).mustCode(t, cli.ExitOK)
	if g := h.userGrants(); len(g) != 1 {
		t.Fatalf("%d user grants, want 1", len(g))
	}
	h.srv.ResetCounts()
	h.run("apply", "-f", both).mustCode(t, cli.ExitOK)
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("second apply made %d writes: %v", w, h.srv.Counts())
	}

	// share-a stops declaring anything for the client: nothing is removed.
	onlyB := h.manifest("only-b.yaml", ownerDoc("share-a", "      webOrigins: [https://legacy.example.com]\n")+"---\n"+ownerDoc("share-b", sharedGrant))
	h.srv.ResetCounts()
	h.run("apply", "-f", onlyB).mustCode(t, cli.ExitOK)
	if !slices.Contains(h.client("spa_demo_client").AllowedOrigins, sharedOrigin) {
		t.Fatalf("the shared origin went with the first owner: %v", h.client("spa_demo_client").AllowedOrigins)
	}
	if g := h.userGrants(); len(g) != 1 {
		t.Fatalf("the shared grant went with the first owner: %d user grants", len(g))
	}
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("letting go of shared settings made %d writes: %v", w, h.srv.Counts())
	}

	// share-b lets go too: the last owner removes both.
	none := h.manifest("none.yaml", ownerDoc("share-a", "      webOrigins: [https://legacy.example.com]\n")+"---\n"+ownerDoc("share-b", "      webOrigins: [https://legacy.example.com]\n"))
	h.run("apply", "-f", none).mustCode(t, cli.ExitOK)
	if got := h.client("spa_demo_client").AllowedOrigins; !slices.Equal(got, []string{"https://legacy.example.com"}) {
		t.Fatalf("allowed_origins %v, want only the foreign origin", got)
	}
	if g := h.userGrants(); len(g) != 0 {
		t.Fatalf("%d user grants left after the last owner let go", len(g))
	}
}

// Two documents asking for different scopes, or Exclusive origins against
// another document, are refused before any request, naming both documents.
func TestCLIRefusesConflictingDocumentsBeforeAnyWrite(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for name, docs := range map[string][2]string{
		"scopes": {
			"      userAccess: {scopes: [read:me:authentication_methods]}\n",
			"      userAccess: {scopes: [create:me:authentication_methods]}\n",
		},
		"exclusive": {
			"      originsMode: Exclusive\n      allowedOrigins: [https://one.example.com]\n",
			"      originsMode: Exclusive\n      allowedOrigins: [https://two.example.com]\n",
		},
		"cross-origin": {
			"      crossOriginAuthentication: {enabled: true}\n",
			"      crossOriginAuthentication: {enabled: false}\n",
		},
	} {
		f := h.manifest(name+".yaml", ownerDoc("first", docs[0])+"---\n"+ownerDoc("second", docs[1]))
		h.srv.ResetCounts()
		r := h.run("apply", "-f", f)
		if r.code != cli.ExitError {
			t.Errorf("%s: exit %d, want %d\n%s", name, r.code, cli.ExitError, r.stderr)
		}
		contains(t, name+": stderr", r.stderr, "MyAccountConfig default/second (", name+".yaml (document 2)) conflicts with MyAccountConfig default/first (", "the second makes no changes")
		if n := len(h.srv.Counts()); n != 0 {
			t.Errorf("%s: %d requests, want none: %v", name, n, h.srv.Counts())
		}
	}
}

// --adopt-grant takes over a grant made elsewhere: apply updates its
// scopes, and once the document lets go the grant is deleted. A wrong id
// is refused before any write and names the flag.
func TestCLIAdoptsAGrantExplicitly(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	if _, err := h.srv.ActivateMyAccountAPI(""); err != nil {
		t.Fatal(err)
	}
	id := h.srv.SeedGrant(auth0sim.ClientGrant{ClientID: "spa_demo_client", Audience: reconciler.AudienceFor(h.srv.Domain()), SubjectType: "user", Scope: []string{"create:me:authentication_methods"}})
	f := h.manifest("adopt.yaml", ownerDoc("adopt", "      userAccess: {scopes: [read:me:authentication_methods]}\n"))

	r := h.run("apply", "-f", f).mustCode(t, cli.ExitError)
	// Issue 17 §4: the fix is the CLI's own flag, ready to paste.
	contains(t, "apply without adoption", r.stderr, "already has a user grant "+id, "take it over with --adopt-grant spa_demo_client="+id)
	if strings.Contains(r.stderr, "terraform import") {
		t.Errorf("the CLI suggests Terraform's remedy:\n%s", r.stderr)
	}

	h.srv.ResetCounts()
	r = h.run("apply", "-f", f, "--adopt-grant", "spa_demo_client=cgr_doesnotexist").mustCode(t, cli.ExitError)
	contains(t, "wrong id", r.stderr, `--adopt-grant: invalid value "spa_demo_client=cgr_doesnotexist"`, "is "+id)
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("a wrong adoption made %d writes", w)
	}
	r = h.run("apply", "-f", f, "--adopt-grant", "native_demo_client="+id).mustCode(t, cli.ExitUsage)
	contains(t, "undeclared client", r.stderr, "no manifest declares client native_demo_client with userAccess")

	h.run("apply", "-f", f, "--adopt-grant", "spa_demo_client="+id).mustCode(t, cli.ExitOK)
	g := h.userGrants()
	if len(g) != 1 || g[0].ID != id || strings.Join(g[0].Scope, " ") != "read:me:authentication_methods" {
		t.Fatalf("grants after adoption %+v, want %s with the manifest's scopes", g, id)
	}
	// Owned now: no flag needed, and letting go deletes it.
	h.run("apply", "-f", f).mustCode(t, cli.ExitOK)
	h.run("apply", "-f", h.manifest("release.yaml", ownerDoc("adopt", "      webOrigins: [https://legacy.example.com]\n"))).mustCode(t, cli.ExitOK)
	if g := h.userGrants(); len(g) != 0 {
		t.Fatalf("the adopted grant survived its release: %+v", g)
	}
}

// Two documents that disagree about the API: the CLI refuses the whole run
// before any request, naming both; a document without an api block uses
// the API and never switches it off.
func TestCLIDocumentsThatDisagreeOnTheAPIAreRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	on := ownerDoc("team-a", sharedGrant)
	off := strings.Replace(ownerDoc("team-b", "      allowedOrigins: [https://b.example.com]\n"), "api: {enabled: true}", "api: {enabled: false, deletionPolicy: Delete}", 1)
	h.run("apply", "-f", h.manifest("a.yaml", on)).mustCode(t, cli.ExitOK)
	h.srv.ResetCounts()
	r := h.run("apply", "-f", h.manifest("both.yaml", on+"---\n"+off)).mustCode(t, cli.ExitError)
	for _, want := range []string{"team-b", "conflicts with", "team-a", "the tenant's My Account API", "api.enabled false against true"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if w := h.srv.Writes(); w != 0 {
		t.Fatalf("a refused run made %d writes: %v", w, h.srv.Counts())
	}

	// Without the api block the document only uses the API.
	user := strings.Replace(off, "  api: {enabled: false, deletionPolicy: Delete}\n", "", 1)
	h.run("apply", "-f", h.manifest("both.yaml", on+"---\n"+user)).mustCode(t, cli.ExitOK)
	if _, ok := h.srv.GetResourceServerByIdentifier(reconciler.AudienceFor(h.srv.Domain())); !ok {
		t.Fatal("the API was switched off")
	}
}

// Three documents each merge their own origin into one client: one PATCH
// carries all three, each document reports its own change, the state file
// records each as the owner of its origin, and the next apply is in sync.
func TestCLIDocumentsOnOneClientShareOnePatch(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	doc := func(name, origin string) string { return ownerDoc(name, "      allowedOrigins: ["+origin+"]\n") }
	m := h.manifest("three.yaml", doc("one", "https://one.example.com")+"---\n"+doc("two", "https://two.example.com")+"---\n"+doc("three", "https://three.example.com"))
	r := h.run("apply", "-f", m)
	r.mustCode(t, cli.ExitOK)
	if n := h.srv.Counts()["PATCH /api/v2/clients/{id}"]; n != 1 {
		t.Errorf("%d PATCHes of the client for three documents; want 1", n)
	}
	for _, o := range []string{"one", "two", "three"} {
		if !strings.Contains(r.stdout, "https://"+o+".example.com") {
			t.Errorf("the apply's output does not report %s's origin:\n%s", o, r.stdout)
		}
		if !slices.Contains(h.client("spa_demo_client").AllowedOrigins, "https://"+o+".example.com") {
			t.Errorf("the tenant lacks %s's origin", o)
		}
	}
	h.srv.ResetCounts()
	h.run("apply", "-f", m).mustCode(t, cli.ExitOK)
	if w := h.srv.Writes(); w != 0 {
		t.Errorf("the next apply made %d writes: %v", w, h.srv.Counts())
	}
	// Dropping one document's origin removes only it: each owns its own.
	h.run("apply", "-f", h.manifest("two-left.yaml", doc("one", "https://one.example.com")+"---\n"+ownerDoc("two", "      webOrigins: [https://legacy.example.com]\n")+"---\n"+doc("three", "https://three.example.com"))).mustCode(t, cli.ExitOK)
	got := h.client("spa_demo_client").AllowedOrigins
	if slices.Contains(got, "https://two.example.com") || !slices.Contains(got, "https://one.example.com") || !slices.Contains(got, "https://three.example.com") {
		t.Errorf("after two let go: %v; want one's and three's origins only", got)
	}
}
