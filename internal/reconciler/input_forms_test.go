package reconciler

import (
	"testing"
)

func TestValidateStaticNamesTheAudienceDomainFix(t *testing.T) {
	errs := ValidateStatic(Desired{Domain: "t.eu.auth0.com", API: APISpec{Enabled: true, AudienceDomain: "https://login.example.com"}})
	if len(errs) != 1 || errs[0].Error() != `api.audienceDomain: invalid value "https://login.example.com": a domain only, without https://; use login.example.com` {
		t.Errorf("ValidateStatic = %v", errs)
	}
}

// Issue 10: the CLI took Retain and Terraform retain; every face takes both.
func TestDeletionPolicyEitherCase(t *testing.T) {
	for in, want := range map[DeletionPolicy]DeletionPolicy{"delete": DeletionDelete, "Delete": DeletionDelete, "DELETE": DeletionDelete, "retain": DeletionRetain, "": DeletionRetain, "Orphan": "Orphan"} {
		d := Desired{Domain: "t.eu.auth0.com", API: APISpec{DeletionPolicy: in}}
		d.Defaults()
		if d.API.DeletionPolicy != want {
			t.Errorf("%q: got %q, want %q", in, d.API.DeletionPolicy, want)
		}
		if errs := ValidateStatic(d); (len(errs) > 0) != (want == "Orphan") {
			t.Errorf("%q: ValidateStatic = %v", in, errs)
		}
	}
}
