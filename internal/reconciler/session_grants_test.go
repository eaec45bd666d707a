package reconciler

import "testing"

// The choice of how to read a client's user grant (issue 16 §1): one
// request probing at most, then whichever costs fewer requests.
func TestChooseGrantRead(t *testing.T) {
	for _, tc := range []struct {
		name string
		cost grantCost
		want grantReadWay
	}{
		{"one wanted grant, not probed: read it alone", grantCost{Wanted: 1}, grantByClient},
		{"two wanted, not probed: the first page may answer both", grantCost{Wanted: 2}, grantFromList},
		{"unknown count, not probed: probe", grantCost{}, grantFromList},
		{"first page is the whole list", grantCost{Probed: true, Total: 100, Wanted: 50, Misses: 1}, grantFromList},
		{"no grants at all", grantCost{Probed: true, Total: 0, Wanted: 5, Misses: 1}, grantFromList},
		{"4 wanted, 4 pages left: alone", grantCost{Probed: true, Total: 500, Wanted: 4, Misses: 1}, grantByClient},
		{"5 wanted, 4 pages left: the pages", grantCost{Probed: true, Total: 500, Wanted: 5, Misses: 1}, grantFromList},
		{"1 wanted of 5,000 grants", grantCost{Probed: true, Total: 5000, Wanted: 1, Misses: 1}, grantByClient},
		{"1,000 wanted of 5,000 grants", grantCost{Probed: true, Total: 5000, Wanted: 1000, Misses: 1}, grantFromList},
		{"unknown count, misses below the pages left", grantCost{Probed: true, Total: 500, Misses: 3}, grantByClient},
		{"unknown count, misses reach the pages left", grantCost{Probed: true, Total: 500, Misses: 4}, grantFromList},
		{"more pages than a run lists: alone", grantCost{Probed: true, Total: 100 * (maxGrantPages + 1), Wanted: 5000, Misses: 1}, grantByClient},
		{"more pages than a run lists, unknown count", grantCost{Probed: true, Total: 100 * (maxGrantPages + 1), Misses: 500}, grantByClient},
	} {
		if got := chooseGrantRead(tc.cost); got != tc.want {
			t.Errorf("%s: chooseGrantRead(%+v) = %v, want %v", tc.name, tc.cost, got, tc.want)
		}
	}
}
