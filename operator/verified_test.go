package operator

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

func chain(checks ...reconciler.LinkCheck) *reconciler.Verification {
	return &reconciler.Verification{Audience: "https://t/me/", Preflights: 1,
		Apps: []reconciler.AppVerification{{ClientID: "spa", Checks: checks}}}
}

func linkCheck(l reconciler.Link, o reconciler.Outcome, origin string) reconciler.LinkCheck {
	return reconciler.LinkCheck{Link: l, ID: l.ID(), Outcome: o, Origin: origin, Message: "found " + l.ID(), Fix: "fix " + l.ID()}
}

// TestDecideSyncVerified is the Verified condition's table: present only
// under spec.verify, True when every link passes, False naming the first
// failing link and its fix, Unknown when the reconcile failed; it never
// touches Ready.
func TestDecideSyncVerified(t *testing.T) {
	pass := chain(linkCheck(reconciler.LinkAPIActive, reconciler.OutcomePass, ""), linkCheck(reconciler.LinkWebOrigins, reconciler.OutcomeWarn, ""))
	corsFails := chain(linkCheck(reconciler.LinkAPIActive, reconciler.OutcomePass, ""),
		linkCheck(reconciler.LinkCORSPreflight, reconciler.OutcomeFail, "https://app.example.com"),
		linkCheck(reconciler.LinkCrossOriginAuth, reconciler.OutcomeFail, ""))
	policyFails := chain(linkCheck(reconciler.LinkAPIActive, reconciler.OutcomePass, ""),
		linkCheck(reconciler.LinkRefreshTokenRotation, reconciler.OutcomePass, ""),
		reconciler.LinkCheck{Link: reconciler.LinkRefreshTokenPolicy, ID: reconciler.LinkRefreshTokenPolicy.ID(), Audience: "https://t/me/",
			Outcome: reconciler.OutcomeFail, Message: "no entry", Fix: "run myaccount apply to write the entry that applications[0].refreshTokenPolicy names"})
	withVerify := func(o syncOutcome, v *reconciler.Verification) syncOutcome {
		o.Verify, o.Chain = true, v
		return o
	}
	tests := []struct {
		name    string
		prev    v1.MyAccountConfigStatus
		out     syncOutcome
		want    want
		message []string
	}{
		{"off: no condition", readyAt(1), success(1, 0), absent, nil},
		{"turned off: removed", readyAt(1, cond(v1.ConditionVerified, metav1.ConditionTrue, v1.ReasonAllLinksPass, 1)), success(1, 0), absent, nil},
		{"every link passes", readyAt(1), withVerify(success(1, 0), pass), want{metav1.ConditionTrue, v1.ReasonAllLinksPass},
			[]string{"every link passes for 1 application(s), with 1 CORS preflight(s) and 1 warning(s)"}},
		{"first failing link names the reason", readyAt(1), withVerify(success(1, 0), corsFails), want{metav1.ConditionFalse, "CORSPreflightFailed"},
			[]string{"application spa, link 5 (CORS preflight from https://app.example.com): found cors-preflight; fix: fix cors-preflight", "2 failing links in all"}},
		{"a refresh-token link names its audience", readyAt(1), withVerify(success(1, 0), policyFails), want{metav1.ConditionFalse, "RefreshTokenPolicyFailed"},
			[]string{"application spa, link 10 (refresh-token policy for the API https://t/me/): no entry; fix: run myaccount apply to write the entry"}},
		{"chain not checked: unknown, Ready untouched", readyAt(1), func() syncOutcome {
			o := withVerify(success(1, 0), nil)
			o.ChainErr = "GET /api/v2/client-grants: 503"
			return o
		}(), want{metav1.ConditionUnknown, v1.ReasonNotVerified}, []string{"could not be checked: GET /api/v2/client-grants: 503"}},
		{"reconcile failed: unknown", readyAt(1), withVerify(failure(1, v1.ReasonRateLimited), nil), want{metav1.ConditionUnknown, v1.ReasonNotVerified}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _ := decideSync(tt.prev, tt.out)
			c := meta.FindStatusCondition(st.Conditions, v1.ConditionVerified)
			switch {
			case tt.want == absent && c != nil:
				t.Fatalf("Verified = %+v, want absent", c)
			case tt.want == absent:
				return
			case c == nil:
				t.Fatalf("Verified absent, want %+v", tt.want)
			}
			if c.Status != tt.want.status || c.Reason != tt.want.reason || c.ObservedGeneration != tt.out.Generation {
				t.Errorf("Verified = %s %s gen %d, want %s %s gen %d", c.Status, c.Reason, c.ObservedGeneration, tt.want.status, tt.want.reason, tt.out.Generation)
			}
			for _, m := range tt.message {
				if !strings.Contains(c.Message, m) {
					t.Errorf("message %q lacks %q", c.Message, m)
				}
			}
			if tt.out.FailReason == "" && !meta.IsStatusConditionTrue(st.Conditions, v1.ConditionReady) {
				t.Errorf("Verified changed Ready: %+v", st.Conditions)
			}
		})
	}
}
