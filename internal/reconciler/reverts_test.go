package reconciler

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestRevertHistoryDecidesWhenWritesAreReverted(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	origin := Change{Resource: "client/spa", Field: "allowed_origins", Action: ActionAdd, Desired: "https://app.example.com"}
	other := Change{Resource: "client/spa", Field: "allowed_origins", Action: ActionAdd, Desired: "https://b.example.com"}
	cross := Change{Resource: "client/spa", Field: "cross_origin_authentication", Observed: "false", Desired: "true", Action: ActionUpdate}
	type round struct {
		min     int
		changes []Change
		by      string
	}
	p := DefaultRevertPolicy
	for _, tc := range []struct {
		name   string
		rounds []round
		want   []string // Reverted, as "resource field desired times by"
	}{
		{"applied once: not reverted", []round{{0, []Change{origin}, ""}}, nil},
		{"re-applied twice: drift, not yet a fight",
			[]round{{0, []Change{origin}, ""}, {10, []Change{origin}, ""}, {20, []Change{origin}, ""}}, nil},
		{"re-applied three times in a row within the window: reverted",
			[]round{{0, []Change{origin}, ""}, {10, []Change{origin}, ""}, {20, []Change{origin}, ""}, {30, []Change{origin}, ""}},
			[]string{"client/spa allowed_origins https://app.example.com 3 "}},
		{"quiet rounds between reverts keep the count",
			[]round{{0, []Change{origin}, ""}, {5, nil, ""}, {10, []Change{origin}, ""}, {15, nil, ""}, {20, []Change{origin}, ""}, {25, nil, ""}, {30, []Change{origin}, ""}},
			[]string{"client/spa allowed_origins https://app.example.com 3 "}},
		{"a gap longer than the window starts over",
			[]round{{0, []Change{origin}, ""}, {10, []Change{origin}, ""}, {20, []Change{origin}, ""}, {51, []Change{origin}, ""}, {60, []Change{origin}, ""}}, nil},
		{"still reported on a quiet round before the quiet period ends",
			[]round{{0, []Change{origin}, ""}, {1, []Change{origin}, ""}, {2, []Change{origin}, ""}, {3, []Change{origin}, ""}, {20, nil, ""}},
			[]string{"client/spa allowed_origins https://app.example.com 3 "}},
		{"cleared by a round that needed no write after the quiet period",
			[]round{{0, []Change{origin}, ""}, {1, []Change{origin}, ""}, {2, []Change{origin}, ""}, {3, []Change{origin}, ""}, {34, nil, ""}}, nil},
		{"not cleared by the mere passing of time: a revert after the window restarts the count",
			[]round{{0, []Change{origin}, ""}, {1, []Change{origin}, ""}, {2, []Change{origin}, ""}, {3, []Change{origin}, ""}, {40, []Change{origin}, ""}}, nil},
		{"different desired values are different changes",
			[]round{{0, []Change{origin}, ""}, {1, []Change{other}, ""}, {2, []Change{origin}, ""}, {3, []Change{other}, ""}}, nil},
		{"several fields reverted together are each named, with the other writer",
			[]round{{0, []Change{origin, cross}, ""}, {1, []Change{origin, cross}, "MyAccountConfig ns/b"}, {2, []Change{origin, cross}, "MyAccountConfig ns/b"}, {3, []Change{cross, origin}, "MyAccountConfig ns/b"}},
			[]string{"client/spa allowed_origins https://app.example.com 3 MyAccountConfig ns/b", "client/spa cross_origin_authentication true 3 MyAccountConfig ns/b"}},
		{"a change listed twice in one round counts once",
			[]round{{0, []Change{origin, origin}, ""}, {1, []Change{origin, origin}, ""}, {2, []Change{origin}, ""}}, nil},
		{"a conflict is not a write",
			[]round{{0, []Change{{Resource: "grant/spa", Action: ActionConflict}}, ""}, {1, []Change{{Resource: "grant/spa", Action: ActionConflict}}, ""}, {2, []Change{{Resource: "grant/spa", Action: ActionConflict}}, ""}, {3, []Change{{Resource: "grant/spa", Action: ActionConflict}}, ""}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h RevertHistory
			for _, r := range tc.rounds {
				h = h.Record(p, at(r.min), r.changes, r.by)
			}
			var got []string
			for _, r := range h.Reverted(p) {
				got = append(got, fmt.Sprintf("%s %s %s %d %s", r.Resource, r.Field, r.Desired, r.Times, r.By))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("reverted %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRevertHistoryIsBounded(t *testing.T) {
	p := RevertPolicy{Times: 3, Window: time.Hour, Quiet: time.Hour, Keep: 4}
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	var h RevertHistory
	for i := range 100 {
		c := Change{Resource: "client/spa", Field: "allowed_origins", Action: ActionAdd, Desired: fmt.Sprintf("https://%d.example.com", i)}
		h = h.Record(p, t0.Add(time.Duration(i)*time.Second), []Change{c}, "")
		if h.Len() > p.Keep {
			t.Fatalf("after %d rounds the history holds %d changes, more than %d", i+1, h.Len(), p.Keep)
		}
	}
	// The most recent ones are kept: a fight on one of them is still seen.
	last := Change{Resource: "client/spa", Field: "allowed_origins", Action: ActionAdd, Desired: "https://99.example.com"}
	for i := range 3 {
		h = h.Record(p, t0.Add(time.Duration(100+i)*time.Second), []Change{last}, "")
	}
	if r := h.Reverted(p); len(r) != 1 || r[0].Desired != last.Desired {
		t.Errorf("reverted %+v, want the latest change", r)
	}
}

func TestRecordLeavesTheHistoryItWasCalledOn(t *testing.T) {
	p := DefaultRevertPolicy
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	c := Change{Resource: "client/spa", Field: "web_origins", Action: ActionAdd, Desired: "https://app.example.com"}
	h := RevertHistory{}.Record(p, t0, []Change{c}, "")
	for i := 1; i <= 3; i++ {
		_ = h.Record(p, t0.Add(time.Duration(i)*time.Minute), []Change{c}, "")
	}
	if len(h.Reverted(p)) != 0 {
		t.Error("Record changed its receiver")
	}
}

func TestRevertMessageNamesFieldTimesSpanAndWriter(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	r := Revert{Resource: "client/spa", Field: "allowed_origins", Action: ActionAdd, Desired: "https://app.example.com", Times: 3, First: t0, Last: t0.Add(150 * time.Second)}
	msg := r.String()
	for _, want := range []string{"client/spa allowed_origins", "https://app.example.com", "3 times", "2m30s", UnknownWriter} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not say %q", msg, want)
		}
	}
	r.By = "MyAccountConfig team-b/spa"
	if msg := r.String(); !strings.Contains(msg, "by MyAccountConfig team-b/spa") {
		t.Errorf("%q does not name the other writer", msg)
	}
	long := SummarizeReverts([]Revert{r, r, r, r, r}, 200)
	if len(long) > 200 || !strings.Contains(long, "(5 reverted changes)") {
		t.Errorf("summary not bounded or not counted: %q", long)
	}
}

// BenchmarkRevertHistoryRecord: one round of a config with a full history
// (Keep changes remembered) re-applying one of them.
func BenchmarkRevertHistoryRecord(b *testing.B) {
	p := DefaultRevertPolicy
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	var h RevertHistory
	for i := range p.Keep {
		h = h.Record(p, t0, []Change{{Resource: "client/spa", Field: "allowed_origins", Action: ActionAdd, Desired: fmt.Sprintf("https://%d.example.com", i)}}, "")
	}
	round := []Change{{Resource: "client/spa", Field: "allowed_origins", Action: ActionAdd, Desired: "https://7.example.com"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = h.Record(p, t0.Add(time.Duration(i%60)*time.Second), round, "").Reverted(p)
	}
}
