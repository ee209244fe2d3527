package parsers

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenDoc is how a golden file renders one document.
type goldenDoc struct {
	Index     int     `json:"index"`
	Range     Range   `json:"range"`
	Value     any     `json:"value"`
	Locations []Entry `json:"locations"`
}

func renderGolden(t *testing.T, docs []Document) []byte {
	t.Helper()
	out := struct {
		Documents []goldenDoc `json:"documents"`
	}{Documents: []goldenDoc{}}
	for _, d := range docs {
		out.Documents = append(out.Documents, goldenDoc{Index: d.Index, Range: d.Range, Value: d.Value, Locations: d.Map.Entries()})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestGolden parses every file in testdata/golden and compares documents
// and source maps with <file>.golden (go test ./parsers -update rewrites).
func TestGolden(t *testing.T) {
	// Walk, not glob: workflows are found under .github/workflows/.
	var files []string
	err := filepath.WalkDir("testdata/golden", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	reg := Default()
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		n++
		t.Run(filepath.ToSlash(strings.TrimPrefix(file, "testdata/golden/")), func(t *testing.T) {
			f, ok := DetectFormat(file)
			if !ok {
				t.Fatalf("no format for %s", file)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := reg[f].Parse(file, src)
			if err != nil {
				t.Fatal(err)
			}
			got := renderGolden(t, docs)
			if *update {
				if err := os.WriteFile(file+".golden", got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file + ".golden")
			if err != nil {
				t.Fatalf("%v (run go test ./parsers -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from its golden file (-want +got):\n%s", file, cmp.Diff(string(want), string(got)))
			}
		})
	}
	if n < 5 {
		t.Fatalf("only %d golden inputs found", n)
	}
}

// TestFactsExample checks the HCL2 shape against the JSON conftest
// (hcl2json) gives for the example in FACTS.md section 1.
func TestFactsExample(t *testing.T) {
	src, err := os.ReadFile("testdata/golden/facts.tf")
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"variable": {"env": [{"default": "dev"}]},
   "resource": {"aws_s3_bucket": {"c": [{"bucket": "${var.env}",
       "versioning": [{"enabled": true}], "tags": {"a": "b"},
       "list": [1, "two", "${var.env}"]}]}}}`
	docs, err := (&HCLParser{}).Parse("facts.tf", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	if diff := cmp.Diff(asJSON(t, []byte(want)), roundTrip(t, docs[0].Value)); diff != "" {
		t.Errorf("HCL2 shape differs from conftest's (-want +got):\n%s", diff)
	}
}

// roundTrip renders v as JSON and reads it back with numbers as float64,
// the way conftest hands values to OPA.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return asJSON(t, b)
}

func asJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
