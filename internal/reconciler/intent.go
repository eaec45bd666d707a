package reconciler

import (
	"context"
	"reflect"
)

// Crash safety. A write can land in the tenant while its answer is lost: the
// connection breaks, or the process dies before it records what it did. So
// the core records intent first: before a write that adds to what a config
// owns (an origin, the value before a cross-origin change, a user grant), it
// hands the face the ownership as it will be, and writes only once the face
// has persisted it. The next run reads the intent against the tenant: the
// thing present is this config's, the thing absent is dropped.

// Persist records a config's whole State before a write; the write happens
// only when it returns nil. The operator patches the object's ownership
// annotation, the CLI writes its state file. nil records nothing.
type Persist func(ctx context.Context, s State) error

// Intent records one client's ownership before a write; the write happens
// only when it returns nil. Terraform resources set their private state,
// the engine turns it into a Persist of the whole State. nil records nothing.
type Intent func(ctx context.Context, owned AppState) error

// inFlight is what a config owns while a write that takes owned to next is
// in flight: both, since either may hold when it ends. Pure.
func inFlight(owned, next AppState) AppState {
	out := owned
	for _, s := range clientSettings {
		s.inFlight(owned, next, &out)
	}
	for _, a := range SystemAPIs() {
		id, intent := a.grant(&out)
		nextID, nextIntent := a.grant(&next)
		_, ownedIntent := a.grant(&owned)
		if *id == "" {
			*id = *nextID
		}
		*intent = *ownedIntent || *nextIntent
	}
	return out
}

// sameOwnership reports whether a and b record the same ownership.
func sameOwnership(a, b AppState) bool {
	for _, s := range clientSettings {
		s.normalize(&a)
		s.normalize(&b)
	}
	return reflect.DeepEqual(a, b)
}

// record persists intent through fn unless it records nothing new.
func (fn Intent) record(ctx context.Context, owned, intent AppState) error {
	if fn == nil || sameOwnership(owned, intent) {
		return nil
	}
	return fn(ctx, intent)
}

// ResolveGrantIntent reads a recorded intent to create the client's user
// grant for the My Account API against the grant observed now: one present
// was created by this config (the answer carrying its id was lost), so it
// is owned; none means the create never landed, and the intent is dropped.
// Pure.
func ResolveGrantIntent(owned AppState, obs GrantObservation) AppState {
	return MyAccount.resolveGrantIntent(owned, obs)
}

// resolveGrantIntent is ResolveGrantIntent for the user grant for a.
func (a SystemAPI) resolveGrantIntent(owned AppState, obs GrantObservation) AppState {
	id, intent := a.grant(&owned)
	if !*intent {
		return owned
	}
	*intent = false
	if *id == "" && obs.Exists {
		*id = obs.ID
	}
	return owned
}
