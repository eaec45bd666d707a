package operator

import (
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type corev1Secret struct{ name, ns, id, secret string }

func (s *corev1Secret) obj() *corev1.Secret {
	return &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: s.name, Namespace: s.ns},
		Data: map[string][]byte{KeyClientID: []byte(s.id), KeyClientSecret: []byte(s.secret)}}
}

type corev1Namespace struct{ name string }

func (n *corev1Namespace) obj() *corev1.Namespace {
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: n.name}}
}

func envtestAdmin() envtest.User {
	return envtest.User{Name: "e2e-admin", Groups: []string{"system:masters"}}
}
