package reconciler

import (
	"context"
)

// Writes that other configurations share. The operator runs one object at
// a time, and ten objects that each merge an origin into one client would
// send ten PATCHes (and ten checks that the list held). Instead, the run
// that writes a client offers the face the client's other owners that are
// not refused (Engine.Sharers); the face hands back the writes of those it
// can vouch for (Sharer), and they ride in the run's PATCH, planned after
// it from the same read (coalesce.go). Each records its own ownership
// before the PATCH, as a write of its own would, and hears its outcome; its
// own run then finds the client in sync. A sharer joins only for its origin
// lists: its other settings, and its grants, wait for its own run.

// Sharer is another configuration's write of a client.
type Sharer struct {
	// Name names it as its face does; App is its declaration of the
	// client, Owned what it owns there, and Intent records its ownership
	// before the PATCH.
	Name   string
	App    Application
	Owned  AppState
	Intent Intent
	// Done hears the outcome, once, whether it joined or not: nothing
	// written (an empty Wrote) when it did not.
	Done func(ClientResult, error)
}

// SharersOf offers, for a client a run is about to write, the writes of
// the named configurations (the tenant's other owners of the client that
// are not refused) that may join its PATCH; busy is how many of the others
// are in runs under way, which may still bring their own writes to a
// coalesced batch (Session.Coalesce): it waits for them, never for more.
type SharersOf func(ctx context.Context, clientID string, names []string) (sharers []Sharer, busy int)

// reconcileWithSharers is ReconcileClient whose one PATCH also carries the
// sharers' origin lists.
// busy is as SharersOf's; -1 when unknown (a Terraform resource).
func reconcileWithSharers(ctx context.Context, s *Session, app Application, owned AppState, intent Intent, sharers []Sharer, busy int) (ClientResult, error) {
	switch {
	case s.Coalesce > 0:
		return s.reconcileJoined(ctx, app, owned, intent, sharers, busy)
	case len(sharers) == 0:
		return reconcileAlone(ctx, s, app, owned, intent)
	}
	j := newJoiner(app, owned, intent, sharers)
	s.lead(ctx, app.ClientID, []*joiner{j}, s.locks.lock(s.Domain, app.ClientID))
	return j.res, j.err
}

// sharerNames are the run's other owners, not refused, that declare
// clientID.
func (o *observed) sharerNames(clientID string) []string {
	var names []string
	for _, other := range o.others {
		if _, ok := other.app(clientID); ok {
			names = append(names, other.Name)
		}
	}
	return names
}

// writeClient writes p's client, with the writes of the sharers the face
// offers, and notes every list written for VerifyLists.
func (o *observed) writeClient(ctx context.Context, p *appPlan) (ClientResult, error) {
	var sharers []Sharer
	busy := -1
	if names := o.sharerNames(p.app.ClientID); o.sharersOf != nil && p.inConfig {
		busy = 0
		if len(names) > 0 {
			sharers, busy = o.sharersOf(ctx, p.app.ClientID, names)
		}
	}
	for i := range sharers {
		done, app := sharers[i].Done, sharers[i].App
		sharers[i].Done = func(res ClientResult, err error) {
			if err == nil {
				o.written = append(o.written, res.Verify(app)...)
			}
			done(res, err)
		}
	}
	res, err := reconcileWithSharers(ctx, o.session, p.app, p.prev, o.intent(p), sharers, busy)
	if err == nil {
		o.written = append(o.written, res.Verify(p.app)...)
	}
	return res, err
}
