package reconciler

import "testing"

// The whole-run budget grows with documents and applications, and for more
// than a couple of documents it is below the sum of their own budgets:
// otherwise it would add nothing.
func TestWholeRunBudgetIsBelowTheSumOfDocuments(t *testing.T) {
	doc := func(apps int) Desired {
		d := Desired{}
		for range apps {
			d.Applications = append(d.Applications, Application{ClientID: "c"})
		}
		return d
	}
	for _, tc := range []struct {
		docs, apps, want int
	}{
		{1, 1, 60 + 15 + 15},
		{20, 1, 60 + 20*(15+15)},
		{5, 4, 60 + 5*(15+4*15)},
	} {
		ds, ss, sum := make([]Desired, tc.docs), make([]State, tc.docs), 0
		for i := range ds {
			ds[i] = doc(tc.apps)
			sum += RunBudget(ds[i], ss[i])
		}
		got := WholeRunBudget(ds, ss)
		if got != tc.want {
			t.Errorf("%d documents of %d application(s): %d, want %d", tc.docs, tc.apps, got, tc.want)
		}
		if tc.docs > 2 && got >= sum {
			t.Errorf("%d documents: whole-run %d is not below the sum of their budgets %d", tc.docs, got, sum)
		}
	}
}
