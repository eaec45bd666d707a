package crd

import (
	"reflect"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

func TestOwned(t *testing.T) {
	inStatus := v1.MyAccountConfigStatus{APIID: "rs_1", Audience: "https://t.example.com/me/",
		Applications: []v1.ApplicationStatus{{ClientID: "c1", ManagedOrigins: []string{"https://old.example.com"}}}}
	recorded := reconciler.State{APIID: "rs_1", Audience: "https://t.example.com/me/", Apps: map[string]reconciler.AppState{
		"c1": {ManagedOrigins: []string{"https://a.example.com"}, GrantIntent: true}}}
	obj := func(annotations map[string]string) *v1.MyAccountConfig {
		return &v1.MyAccountConfig{ObjectMeta: metav1.ObjectMeta{Annotations: annotations}, Status: inStatus}
	}

	// Without the annotation (an object from before it): the status.
	got, err := Owned(obj(nil))
	if err != nil || !reflect.DeepEqual(got, State(&inStatus)) {
		t.Fatalf("without the annotation: %+v, %v; want the status's record", got, err)
	}
	// With it: the annotation, whatever the status says; it round-trips.
	got, err = Owned(obj(map[string]string{OwnedAnnotation: EncodeOwned(recorded)}))
	if err != nil || !reflect.DeepEqual(got, recorded) {
		t.Fatalf("with the annotation: %+v, %v; want %+v", got, err, recorded)
	}
	// Status wiped: still the annotation.
	o := obj(map[string]string{OwnedAnnotation: EncodeOwned(recorded)})
	o.Status = v1.MyAccountConfigStatus{}
	if got, _ = Owned(o); !reflect.DeepEqual(got, recorded) {
		t.Fatalf("status wiped: %+v, want %+v", got, recorded)
	}
	// Not JSON: an error naming the annotation and the way out.
	if _, err = Owned(obj(map[string]string{OwnedAnnotation: "{"})); err == nil || !strings.Contains(err.Error(), OwnedAnnotation) || !strings.Contains(err.Error(), "remove the annotation") {
		t.Fatalf("corrupt annotation: %v", err)
	}
	if enc := EncodeOwned(recorded); strings.Contains(enc, "\n") || strings.Contains(enc, ": ") {
		t.Errorf("the annotation is not compact: %s", enc)
	}
}
