package cli

import (
	"strings"
	"testing"
)

func TestUnknownManifestFieldNamesPathAndGuess(t *testing.T) {
	const head = "apiVersion: myaccount.tenantcfg.io/v1alpha1\nkind: MyAccountConfig\nmetadata: {name: x}\n"
	for _, tc := range []struct{ doc, want string }{
		{"spec:\n  domain: t.eu.auth0.com\n  applications:\n  - clientId: a\n    allowedOrigin: [https://a.example.com]\n",
			`unknown field "allowedOrigin" at spec.applications[0].allowedOrigin: did you mean allowedOrigins?`},
		{"spec:\n  domain: t.eu.auth0.com\n  api: {enabled: true, audiencedomain: login.example.com}\n",
			`unknown field "audiencedomain" at spec.api.audiencedomain: did you mean audienceDomain?`},
		{"spec:\n  domian: t.eu.auth0.com\n", `unknown field "domian" at spec.domian: did you mean domain?`},
		{"metadata2: {}\nspec: {domain: t.eu.auth0.com}\n", `unknown field "metadata2" at metadata2: did you mean metadata?`},
		{"spec:\n  domain: t.eu.auth0.com\n  somethingElse: 1\n", `unknown field "somethingElse" at spec.somethingElse (check it against`},
	} {
		_, err := parseManifests("m.yaml", []byte(head+tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v\nwant %q", err, tc.want)
		}
	}
}
