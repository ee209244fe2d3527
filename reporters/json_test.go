package reporters

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/infragate/infragate/engine"
)

// TestJSONStreamsTheSameBytes checks that the finding-by-finding writer
// gives exactly the bytes of one indented encoding of the whole contract,
// for reports in order and out of order, empty, and with hostile strings.
func TestJSONStreamsTheSameBytes(t *testing.T) {
	inOrder := fixture()
	inOrder.Sort()
	reports := map[string]*engine.Report{
		"fixture":  fixture(),
		"in order": inOrder,
		"empty":    {},
		"nil":      nil,
	}
	large := &engine.Report{}
	for i := range 5*jsonChunk + 7 { // several chunks and batches, the last one short
		f := fixture().Findings[i%len(fixture().Findings)]
		f.StartLine = i + 1
		large.Findings = append(large.Findings, f)
	}
	large.Sort()
	reports["large"] = large
	for i, s := range hostileStrings {
		reports["hostile "+string(rune('a'+i))] = &engine.Report{
			Findings: []engine.Finding{hostileFinding(s), hostileFinding(s + "2")},
			Deleted:  []string{s},
		}
	}
	for name, r := range reports {
		want := jsonReport{FormatVersion: JSONFormatVersion, Summary: summary(r), Findings: []jsonFinding{}}
		fs := sorted(r)
		repeated := repeats(fs)
		for i, f := range fs {
			want.Findings = append(want.Findings, jsonFinding{Finding: f, Fingerprint: reportFingerprint(f, repeated[i])})
		}
		if r != nil {
			want.Deleted = r.Deleted
		}
		var wantBuf, got bytes.Buffer
		if err := encodeJSON(&wantBuf, want); err != nil {
			t.Fatal(err)
		}
		if err := JSON(&got, r, Options{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(wantBuf.String(), got.String()); diff != "" {
			t.Errorf("%s: streamed JSON differs (-whole +streamed):\n%s", name, diff)
		}
	}
}

// TestSortedDoesNotCopyOrderedReports checks that a report already in
// canonical order is handed to reporters as it is.
func TestSortedDoesNotCopyOrderedReports(t *testing.T) {
	r := fixture()
	if fs := sorted(r); &fs[0] == &r.Findings[0] {
		t.Fatal("an unordered report was not copied")
	}
	r.Sort()
	if fs := sorted(r); &fs[0] != &r.Findings[0] {
		t.Error("an ordered report was copied")
	}
}
