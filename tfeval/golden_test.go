package tfeval

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden renders main.tf of testdata/module (document and source map)
// without evaluation, as conftest sees it, and with it, and compares each
// with its golden file (go test ./tfeval -update rewrites them).
func TestGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/module/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	base := &parsers.HCLParser{}
	eval, err := NewParser(base, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		golden string
		parser parsers.Parser
	}{
		{"testdata/module.golden", base},
		{"testdata/module.eval.golden", eval},
	} {
		t.Run(filepath.Base(tt.golden), func(t *testing.T) {
			docs, err := tt.parser.Parse("testdata/module/main.tf", src)
			if err != nil {
				t.Fatal(err)
			}
			got := render(t, docs)
			if *update {
				if err := os.WriteFile(tt.golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(tt.golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", tt.golden, diff)
			}
		})
	}
}

func render(t *testing.T, docs []parsers.Document) []byte {
	t.Helper()
	type doc struct {
		Value     any             `json:"value"`
		Locations []parsers.Entry `json:"locations"`
	}
	var out []doc
	for _, d := range docs {
		out = append(out, doc{Value: d.Value, Locations: d.Map.Entries()})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
