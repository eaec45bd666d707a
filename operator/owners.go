package operator

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/predicate"

	v1 "github.com/tenantcfg/myaccount/api/v1alpha1"
	"github.com/tenantcfg/myaccount/internal/reconciler"
)

// AdoptGrantAnnotation names existing user grants the object takes over as
// its own: "GRANT_ID" or "CLIENT_ID=GRANT_ID", comma-separated. Each must be
// the subject_type=user grant of an application the object declares with
// userAccess, for its My Account API audience, or with
// myOrganizationUserAccess, for its My Organization API audience; it is
// then owned like a
// grant the object created, so deleting the object deletes it.
const AdoptGrantAnnotation = "myaccount.tenantcfg.io/adopt-grant"

// ownerName names an object in conflict messages.
func ownerName(o *v1.MyAccountConfig) string {
	return "MyAccountConfig " + o.Namespace + "/" + o.Name
}

// sharing is the tenant's MyAccountConfigs as owners, in precedence order:
// the oldest first, then by namespace and name. Objects being deleted
// declare nothing; self is the object being reconciled, whose fresh copy
// replaces the indexed one. The owners come from r.owners, converted once
// per change of each object and shared read-only by every reconcile.
func (r *MyAccountConfigReconciler) sharing(ctx context.Context, domain string, self *v1.MyAccountConfig) (*reconciler.Sharing, error) {
	if err := r.owners.waitSynced(ctx); err != nil {
		return nil, err
	}
	entries := r.owners.tenant(domain)
	if fresh, ok := entryOf(self); ok {
		for i, e := range entries {
			if e.uid == self.UID {
				entries[i] = fresh
			}
		}
	}
	// Only objects linked to self's clients, directly or through a chain of
	// shared clients, can refuse it or share with it; every object, when
	// self manages a system API, which is the whole tenant's.
	linked := linkedEntries(self.UID, clientsOf(self), entries)
	tenantWide := self.Spec.API != nil || self.Spec.MyOrganizationAPI != nil
	s := &reconciler.Sharing{Self: ownerName(self), Owners: make([]reconciler.Owner, 0, countTrue(linked, tenantWide))}
	for i, e := range entries {
		if linked[i] || tenantWide {
			s.Owners = append(s.Owners, e.owner)
		}
	}
	return s, nil
}

// countTrue counts the marked entries, or all of them when all is set: the
// size of the owners list, allocated once (a tenant-wide object's holds
// every object of the tenant).
func countTrue(marked []bool, all bool) int {
	if all {
		return len(marked)
	}
	n := 0
	for _, m := range marked {
		if m {
			n++
		}
	}
	return n
}

// linkedEntries marks the entries that share a client with self (whose
// clients are selfClients), or with an entry so marked.
func linkedEntries(self types.UID, selfClients []string, entries []*ownerEntry) []bool {
	clients := map[string]bool{}
	for _, id := range selfClients {
		clients[id] = true
	}
	linked := make([]bool, len(entries))
	for grew := true; grew; {
		grew = false
		for i, e := range entries {
			if linked[i] {
				continue
			}
			touches := e.uid == self
			for _, id := range e.clients {
				touches = touches || clients[id]
			}
			if !touches {
				continue
			}
			linked[i], grew = true, true
			for _, id := range e.clients {
				clients[id] = true
			}
		}
	}
	return linked
}

// clientsOf is every client o declares (spec), reports (status) or owns
// (its ownership record).
func clientsOf(o *v1.MyAccountConfig) []string {
	var ids []string
	for _, a := range o.Spec.Applications {
		ids = append(ids, a.ClientID)
	}
	for _, a := range o.Status.Applications {
		ids = append(ids, a.ClientID)
	}
	for id := range ownedOf(o).Apps {
		ids = append(ids, id)
	}
	return ids
}

// adoptions parses the adopt-grant annotation.
func adoptions(o *v1.MyAccountConfig) []reconciler.AdoptGrant {
	var out []reconciler.AdoptGrant
	for _, part := range strings.Split(o.Annotations[AdoptGrantAnnotation], ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		a := reconciler.AdoptGrant{GrantID: part}
		if client, grant, ok := strings.Cut(part, "="); ok {
			a = reconciler.AdoptGrant{ClientID: strings.TrimSpace(client), GrantID: strings.TrimSpace(grant)}
		}
		out = append(out, a)
	}
	return out
}

// annotationFields names the core's logical adoption field as the object
// spells it.
func annotationFields(err error) error {
	var ve reconciler.ValidationErrors
	if !errors.As(err, &ve) {
		return err
	}
	out := make(reconciler.ValidationErrors, len(ve))
	for i, fe := range ve {
		c := *fe
		if c.Field == reconciler.AdoptField {
			c.Field = "metadata.annotations[" + AdoptGrantAnnotation + "]"
		}
		out[i] = &c
	}
	return out
}

// operatorWrites remembers, per tenant client, the last write this operator
// made and for which object, so that a change one object finds after
// another object (or its deletion) wrote the client is not reported as an
// edit outside the operator.
type operatorWrites struct {
	mu   sync.Mutex
	last map[string]operatorWrite // "domain/clientID"
}

type operatorWrite struct {
	by string
	at time.Time
}

// clientOf is the client id of a change's resource ("client/ID", "grant/ID").
func clientOf(c reconciler.Change) (string, bool) {
	_, id, ok := strings.Cut(c.Resource, "/")
	return id, ok && id != ""
}

func (w *operatorWrites) record(domain, by string, at time.Time, changes []reconciler.Change) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.last == nil {
		w.last = map[string]operatorWrite{}
	}
	for _, c := range changes {
		if id, ok := clientOf(c); ok {
			w.last[domain+"/"+id] = operatorWrite{by: by, at: at}
		}
	}
}

// byOther reports whether every change touches a client that another
// object of this operator wrote after since, and names that object.
func (w *operatorWrites) byOther(domain, self string, since time.Time, changes []reconciler.Change) (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	other := ""
	for _, c := range changes {
		id, ok := clientOf(c)
		if !ok {
			return "", false
		}
		lw, ok := w.last[domain+"/"+id]
		if !ok || lw.by == self || lw.at.Before(since) {
			return "", false
		}
		other = lw.by
	}
	return other, other != ""
}

// ownershipChanged passes updates that change what an object owns or
// declares (its spec), and deletions: the other objects on the same clients may then
// have to take over or put something back.
var ownershipChanged = predicate.Funcs{
	CreateFunc:  func(event.CreateEvent) bool { return false },
	GenericFunc: func(event.GenericEvent) bool { return false },
	DeleteFunc:  func(event.DeleteEvent) bool { return true },
	UpdateFunc: func(e event.UpdateEvent) bool {
		a, okA := e.ObjectOld.(*v1.MyAccountConfig)
		b, okB := e.ObjectNew.(*v1.MyAccountConfig)
		if !okA || !okB {
			return false
		}
		if a.DeletionTimestamp.IsZero() != b.DeletionTimestamp.IsZero() || a.Generation != b.Generation {
			return true // a spec change may settle a conflict
		}
		return !equality.Semantic.DeepEqual(ownedOf(a), ownedOf(b))
	},
}
