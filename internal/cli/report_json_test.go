package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// TestReportJSONMatchesREADME pins the -o json documents of plan/apply/drift
// and verify to the examples in examples/pipeline/README.md: each example
// decodes into the Go type and encodes back to the same bytes (compacted),
// so a field renamed, reordered or dropped in Report, ConfigReport,
// VerifyReport or VerifyConfigReport fails here.
func TestReportJSONMatchesREADME(t *testing.T) {
	readme, err := os.ReadFile("../../examples/pipeline/README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllSubmatch(readme, -1)
	var plan, verify []byte
	for _, b := range blocks {
		switch {
		case bytes.Contains(b[1], []byte(`"inSync"`)) && bytes.Contains(b[1], []byte(`"changes"`)):
			plan = b[1]
		case bytes.Contains(b[1], []byte(`"pass"`)) && bytes.Contains(b[1], []byte(`"applications"`)):
			verify = b[1]
		}
	}
	if plan == nil || verify == nil {
		t.Fatalf("examples/pipeline/README.md: want a plan/drift json example and a verify json example, found plan=%v verify=%v", plan != nil, verify != nil)
	}
	for _, tc := range []struct {
		name string
		doc  []byte
		into any
	}{
		{"plan/apply/drift (Report)", plan, &Report{}},
		{"verify (VerifyReport)", verify, &VerifyReport{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dec := json.NewDecoder(bytes.NewReader(tc.doc))
			dec.DisallowUnknownFields()
			if err := dec.Decode(tc.into); err != nil {
				t.Fatalf("README example does not decode: %v", err)
			}
			got, err := json.Marshal(tc.into)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := json.Compact(&want, tc.doc); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("README example and the encoded type differ:\n got %s\nwant %s", got, want.Bytes())
			}
		})
	}
}
