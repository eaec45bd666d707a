package reconciler

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/auth0/go-auth0/management"
)

// Coalesced client writes. A Terraform resource writes one setting of a
// client (its origins, or its cross-origin authentication), so a client
// with three resources would get three PATCHes. With Session.Coalesce set,
// the first write of a client opens a batch and waits, at most that long,
// while others keep joining (awaitJoiners); every write of the same client
// that arrives meanwhile, or while the client is locked by another write,
// joins it. Then, with the client locked, each
// joiner is planned from the same observation, each records its own intent
// (its ownership while the PATCH is in flight) exactly as a write of its
// own would, and one PATCH carries every joiner's fields. The answer is
// checked per joiner (its settings held), and each gets its own result; a
// failed PATCH fails every joiner with the same error, each keeping the
// ownership it recorded.
//
// Joiners are planned in turn, each against the client as the patches
// merged before it leave it (chained): a second merge-mode writer of one
// list sends the list with the first's origins too, so every writer of a
// client, whichever settings it writes, shares the one PATCH, and the
// body holds, per setting, its last writer's value. A joiner that would
// make the body larger than Auth0 accepts writes alone after the batch,
// from a fresh read, as without coalescing. So do the joiners after one
// whose intent could not be recorded: their plans hold its part.

// clientBatch is the writes of one client that will share one PATCH.
type clientBatch struct {
	sealed   bool // planning started: no joiner may leave or join
	joiners  []*joiner
	joinedAt time.Time // when the last joiner came
}

// joiner is one write in a batch, and its outcome.
type joiner struct {
	app     Application
	owned   AppState
	intent  Intent
	done    chan struct{} // closed once res and err are set
	sharers []*joiner     // other configurations' writes it brings
	// tell is a sharer's Sharer.Done (nil for a caller's own write): a
	// sharer joins only to write origin lists.
	tell func(ClientResult, error)

	patch   ClientPatch
	next    AppState
	changes []Change

	res ClientResult
	err error
}

// reconcileJoined is ReconcileClient through a batch: the caller that opens
// the batch writes it, the others wait for their outcome. sharers are other
// configurations' writes the caller brings (shared_write.go).
func (s *Session) reconcileJoined(ctx context.Context, app Application, owned AppState, intent Intent, sharers []Sharer, busy int) (ClientResult, error) {
	j := newJoiner(app, owned, intent, sharers)
	b, leader := s.joinBatch(app.ClientID, j)
	if !leader {
		return s.awaitBatch(ctx, b, j)
	}
	if busy >= 0 {
		s.awaitBusy(ctx, b, busy)
	} else {
		s.awaitJoiners(ctx, b)
	}
	unlock := s.locks.lock(s.Domain, app.ClientID)
	s.lead(ctx, app.ClientID, s.sealBatch(app.ClientID, b), unlock)
	return j.res, j.err
}

func newJoiner(app Application, owned AppState, intent Intent, sharers []Sharer) *joiner {
	j := &joiner{app: app, owned: owned, intent: intent, done: make(chan struct{})}
	for _, sh := range sharers {
		j.sharers = append(j.sharers, &joiner{app: sh.App, owned: sh.Owned, intent: sh.Intent, tell: sh.Done})
	}
	return j
}

// lead writes the joined writes, and the sharers they bring, in one PATCH
// of the client, which unlock unlocks; then it gives each its outcome, and
// writes alone, from a fresh read, those that could not join.
func (s *Session) lead(ctx context.Context, clientID string, joined []*joiner, unlock func(wrote bool)) {
	all := withSharers(joined)
	var alone []*joiner
	if err := ctx.Err(); err != nil {
		finish(all, nil, err)
		unlock(false)
	} else {
		var wrote bool
		wrote, alone = s.writeBatch(ctx, clientID, all)
		unlock(wrote)
	}
	for _, o := range joined {
		tellSharers(o, alone)
		if !slices.Contains(alone, o) {
			close(o.done)
		}
	}
	for _, o := range alone {
		if o.tell == nil { // a sharer left out is written by its own run
			o.res, o.err = reconcileAlone(ctx, s, o.app, o.owned, o.intent)
			close(o.done)
		}
	}
}

// withSharers is joined with, after each, the sharers it brings.
func withSharers(joined []*joiner) []*joiner {
	var all []*joiner
	for _, j := range joined {
		all = append(append(all, j), j.sharers...)
	}
	return all
}

// tellSharers gives each sharer j brings its outcome (nothing written when
// it did not join), before j's own outcome is released.
func tellSharers(j *joiner, alone []*joiner) {
	for _, sh := range j.sharers {
		if slices.Contains(alone, sh) {
			sh.tell(ClientResult{State: sh.owned}, nil)
		} else {
			sh.tell(sh.res, sh.err)
		}
	}
}

// How often a batch's leader looks whether anything can still join, and how
// long every call must have been waiting before it stops waiting.
const (
	coalescePoll  = 5 * time.Millisecond
	coalesceQuiet = 25 * time.Millisecond
)

// awaitJoiners waits while writes keep joining b: until a quarter of the
// session's window passes without one (the resources of one client that
// Terraform releases together arrive within that), or the whole window.
// It stops sooner once every call of the face in flight (Session.InFlight)
// has been waiting in a batch for coalesceQuiet: nothing is left running
// that could send another write to join, so waiting longer only delays.
// That is always so under Terraform's -parallelism=1, and when every slot
// holds a waiting write.
func (s *Session) awaitJoiners(ctx context.Context, b *clientBatch) {
	deadline := time.NewTimer(s.Coalesce)
	defer deadline.Stop()
	tick := time.NewTicker(coalescePoll)
	defer tick.Stop()
	var quietSince time.Time
	for {
		select {
		case <-deadline.C:
			return
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if now.Sub(s.lastJoin(b)) >= s.Coalesce/4 {
				return
			}
			if s.InFlight == nil || s.InFlight() > s.waiting() {
				quietSince = time.Time{}
			} else if quietSince.IsZero() {
				quietSince = now
			} else if now.Sub(quietSince) >= coalesceQuiet {
				return
			}
		}
	}
}

// awaitBusy waits, at most the session's window, until busy more writes
// have joined b: the runs under way that declare the client (a face that
// knows them, SharersOf). With none, it does not wait.
func (s *Session) awaitBusy(ctx context.Context, b *clientBatch, busy int) {
	deadline := time.NewTimer(s.Coalesce)
	defer deadline.Stop()
	tick := time.NewTicker(coalescePoll)
	defer tick.Stop()
	for s.joined(b) < busy+1 {
		select {
		case <-deadline.C:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (s *Session) joined(b *clientBatch) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(b.joiners)
}

func (s *Session) lastJoin(b *clientBatch) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return b.joinedAt
}

// waiting is the number of writes waiting in a batch not yet sealed.
func (s *Session) waiting() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, b := range s.batches {
		n += len(b.joiners)
	}
	return n
}

// joinBatch adds j to the client's open batch, or opens one with j as its
// leader.
func (s *Session) joinBatch(clientID string, j *joiner) (*clientBatch, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.batches[clientID]; ok {
		b.joiners, b.joinedAt = append(b.joiners, j), time.Now()
		return b, false
	}
	if s.batches == nil {
		s.batches = map[string]*clientBatch{}
	}
	b := &clientBatch{joiners: []*joiner{j}, joinedAt: time.Now()}
	s.batches[clientID] = b
	return b, true
}

// sealBatch closes b to joiners and returns them; later writes of the
// client open a new batch.
func (s *Session) sealBatch(clientID string, b *clientBatch) []*joiner {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.batches[clientID] == b {
		delete(s.batches, clientID)
	}
	b.sealed = true
	return b.joiners
}

// awaitBatch waits for j's outcome. A caller whose context ends before the
// batch is sealed leaves it, having recorded and written nothing; once
// sealed, its intent may be recorded and the PATCH sent, so it waits for the
// outcome (bounded by the leader's requests) rather than lose the record.
func (s *Session) awaitBatch(ctx context.Context, b *clientBatch, j *joiner) (ClientResult, error) {
	select {
	case <-j.done:
		return j.res, j.err
	case <-ctx.Done():
	}
	s.mu.Lock()
	left := !b.sealed
	if left {
		b.joiners = slices.DeleteFunc(b.joiners, func(o *joiner) bool { return o == j })
	}
	s.mu.Unlock()
	if left {
		tellSharers(j, j.sharers) // none written
		return ClientResult{State: j.owned}, ctx.Err()
	}
	<-j.done
	return j.res, j.err
}

// writeBatch plans every joiner from one observation, records the intents
// of those that merge, and sends their one PATCH; it returns whether it
// wrote, and the joiners left to write alone. Call it with the client locked.
func (s *Session) writeBatch(ctx context.Context, clientID string, joined []*joiner) (bool, []*joiner) {
	obs, err := s.freshClient(ctx, clientID)
	if err != nil || obs == nil {
		finish(joined, nil, err)
		return false, nil
	}
	merged, alone := planBatch(joined, obs)
	merged, late := recordIntents(ctx, merged)
	alone = append(alone, late...)
	if len(merged) == 0 {
		return false, alone
	}
	after, err := patchClientBody(ctx, s.M, clientID, mergedBody(merged))
	if err != nil {
		finish(merged, obs, err)
		return false, alone
	}
	if after.ClientID == "" {
		after.ClientID, after.Name = obs.ClientID, obs.Name
	}
	store(s, s.clients, clientID, after, s.locks.generation(s.Domain, clientID)+1)
	for i, j := range merged {
		if field := heldByLastWriters(merged, i, after.ClientSettings); field != "" {
			j.res, j.err = ClientResult{Client: after, State: j.owned}, fmt.Errorf("client %s: the tenant answered the update with a different %s than was sent; another writer may be changing it: check the client in Auth0 Dashboard > Applications, then apply again", clientID, field)
			continue
		}
		j.res = ClientResult{Client: after, State: j.next, Changes: j.changes, Wrote: j.patch}
	}
	return true, alone
}

// planBatch plans each joiner against obs with the patches merged before it
// applied: one with nothing to write is done, one refused is done with its
// error, one that would make the body too large (or, joining only for its
// lists, writes another setting) is left to write alone, and the others
// merge.
func planBatch(joined []*joiner, obs *ClientObservation) (merged, alone []*joiner) {
	view := obs.ClientSettings
	for _, j := range joined {
		j.patch, j.next, j.changes = PlanClient(j.app, j.owned, view)
		tooLarge := j.patch.checkSize(func(name string) string { return "client " + j.app.ClientID + " " + name })
		switch {
		case j.patch.Empty():
			j.res = ClientResult{Client: obs, State: j.next, Changes: j.changes}
		case tooLarge != nil:
			j.res, j.err = ClientResult{Client: obs, State: j.owned}, tooLarge
		case j.tell != nil && !j.patch.onlyListsPatched() || !fits(append(slices.Clone(merged), j)):
			alone = append(alone, j)
		default:
			merged = append(merged, j)
			view = applied(view, j.patch)
		}
	}
	return merged, alone
}

// applied is settings once p lands.
func applied(settings ClientSettings, p ClientPatch) ClientSettings {
	for _, s := range clientSettings {
		if s.patched(p) {
			s.apply(p, &settings)
		}
	}
	return settings
}

// recordIntents records, in order, each joiner's ownership while the PATCH
// is in flight. One whose record fails is done with that error and changes
// nothing; the joiners after it were planned with its part, so they are
// returned as late, to write alone from a fresh read.
func recordIntents(ctx context.Context, merged []*joiner) (recorded, late []*joiner) {
	for i, j := range merged {
		pending := inFlight(j.owned, j.next)
		if err := j.intent.record(ctx, j.owned, pending); err != nil {
			j.res, j.err = ClientResult{State: j.owned}, fmt.Errorf("client %s: could not record what this run is about to change, so it changed nothing: %w", j.app.ClientID, err)
			return recorded, merged[i+1:]
		}
		j.owned = pending
		recorded = append(recorded, j)
	}
	return recorded, nil
}

// heldByLastWriters reports the first setting merged[i] wrote that the
// tenant did not keep in after, "" when all held. A setting's value in the
// body is its last writer's, which holds every earlier writer's part.
func heldByLastWriters(merged []*joiner, i int, after ClientSettings) string {
	for _, s := range clientSettings {
		if !s.patched(merged[i].patch) {
			continue
		}
		last := merged[i]
		for _, o := range merged[i+1:] {
			if s.patched(o.patch) {
				last = o
			}
		}
		if !s.held(last.patch, after) {
			return s.fields()[0]
		}
	}
	return ""
}

// finish ends every joiner with err, each keeping what it owns (with a
// write that failed, what it recorded as in flight: it may have landed).
func finish(joined []*joiner, obs *ClientObservation, err error) {
	for _, j := range joined {
		j.res, j.err = ClientResult{Client: obs, State: j.owned}, err
	}
}

// mergedBody is one PATCH body holding every joiner's fields.
func mergedBody(merged []*joiner) *management.Client {
	body := &management.Client{}
	for _, j := range merged {
		for _, s := range clientSettings {
			if s.patched(j.patch) {
				s.writeTo(j.patch, body)
			}
		}
	}
	return body
}

// fits reports whether the merged body is within Auth0's request limit.
func fits(merged []*joiner) bool {
	b, err := json.Marshal(mergedBody(merged))
	return err == nil && len(b) <= MaxRequestBody
}
