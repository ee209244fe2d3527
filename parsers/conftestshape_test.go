package parsers

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestConftestShape parses the golden file of each testdata/conftest/F.json
// (testdata/golden/F) and compares its value with F.json: what `conftest
// parse` (v0.69.0) printed for it, so that conftest's policies over these
// files run unchanged. (TestGolden checks their source maps.)
func TestConftestShape(t *testing.T) {
	wants, err := filepath.Glob("testdata/conftest/*.json")
	if err != nil {
		t.Fatal(err)
	}
	reg := Default()
	n := 0
	for _, wantFile := range wants {
		file := filepath.Join("testdata/golden", strings.TrimSuffix(filepath.Base(wantFile), ".json"))
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			f, ok := DetectFormat(file)
			if !ok {
				t.Fatalf("no format for %s", file)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			d := parseOne(t, reg[f], file, string(src))
			if diff := cmp.Diff(asJSON(t, want), roundTrip(t, d.Value)); diff != "" {
				t.Errorf("value differs from conftest's (-conftest +infragate):\n%s", diff)
			}
		})
	}
	if n == 0 {
		t.Fatal("no fixtures")
	}
}

// lineCase is a parse whose value and source lines a test checks.
type lineCase struct {
	name  string
	src   string
	want  string         // the value, as JSON
	lines map[string]int // JSON pointer -> start line
}

func runLineCases(t *testing.T, p Parser, file string, cases []lineCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := parseOne(t, p, file, c.src)
			if diff := cmp.Diff(asJSON(t, []byte(c.want)), roundTrip(t, d.Value)); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
			for ptr, line := range c.lines {
				r, ok := d.Map.Exact(ParsePointer(ptr))
				if !ok {
					t.Errorf("%s: no range", ptr)
				} else if r.StartLine != line {
					t.Errorf("%s: line %d, want %d (%+v)", ptr, r.StartLine, line, r)
				}
			}
		})
	}
}

// errorCase is input a parser must refuse on a line.
type errorCase struct {
	src  string
	line int
	msg  string // a substring of the message
}

func runErrorCases(t *testing.T, p Parser, file string, cases []errorCase) {
	t.Helper()
	for _, c := range cases {
		_, err := p.Parse(file, []byte(c.src))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %v, want a *ParseError", c.src, err)
			continue
		}
		if pe.File != file || pe.Line != c.line || !strings.Contains(pe.Msg, c.msg) {
			t.Errorf("%q: %v; want line %d and %q", c.src, err, c.line, c.msg)
		}
	}
}

// checkLeavesMapped fails when a value of the document has no range of
// its own: the source map must place every key.
func checkLeavesMapped(t *testing.T, d Document) {
	t.Helper()
	var walk func(v any, p Path)
	walk = func(v any, p Path) {
		if _, ok := d.Map.Exact(p); !ok {
			t.Fatalf("%s: no range in the source map", p)
		}
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(e, p.Child(k))
			}
		case []any:
			for i, e := range x {
				walk(e, p.Index(i))
			}
		}
	}
	walk(d.Value, Path{})
}

// TestDetectOtherFormats: conftest's names for TOML, INI and properties
// files (dotenv: TestDetectDotenv).
func TestDetectOtherFormats(t *testing.T) {
	for path, want := range map[string]Format{
		"pyproject.toml":  TOML,
		"conf/App.TOML":   TOML,
		"Dockerfile.toml": Dockerfile, // as conftest: Dockerfile.* is a Dockerfile
		"php.ini":         INI,
		"conf/SETUP.INI":  INI,
		"app.properties":  Properties,
		"x.PROPERTIES":    Properties,
	} {
		if got, ok := DetectFormat(path); !ok || got != want {
			t.Errorf("DetectFormat(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
}
