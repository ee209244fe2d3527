package parsers

import (
	"bufio"
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/subosito/gotenv"
)

func TestDotenv(t *testing.T) {
	runLineCases(t, &DotenvParser{}, ".env", []lineCase{
		{name: "empty", src: "", want: `{}`, lines: map[string]int{"": 1}},
		{name: "comments only", src: "# a\n\n  # b\n", want: `{}`},
		{
			name:  "forms",
			src:   "A=1\nexport B = two\nC: three\n  D='$A x'\nE=\"$A ${B}\\n\" # c\nF=x # c\nA=9\n",
			want:  `{"A": "9", "B": "two", "C": "three", "D": "$A x", "E": "1 two\n", "F": "x"}`,
			lines: map[string]int{"/A": 7, "/B": 2, "/C": 3, "/D": 4, "/E": 5, "/F": 6},
		},
		{
			// Only the file's own variables, never the environment's.
			name: "expansion",
			src:  "P=$PATH\nH=${HOME}x\nQ=\\$P\nl=$lower\n",
			want: `{"P": "", "H": "x", "Q": "$P", "l": "$lower"}`,
		},
		{
			name:  "quoted value over lines",
			src:   "A=\"one\ntwo\"\nB='x\n\ny'\nC=3\n",
			want:  `{"A": "one\ntwo", "B": "x\n\ny", "C": "3"}`,
			lines: map[string]int{"/A": 1, "/B": 3, "/C": 6},
		},
		{
			name:  "CRLF, CR and a byte order mark",
			src:   "\ufeffA=1\r\nB=2\rC=3\n",
			want:  `{"A": "1", "B": "2", "C": "3"}`,
			lines: map[string]int{"/A": 1, "/B": 2, "/C": 2},
		},
	})
	d := parseOne(t, &DotenvParser{}, ".env", "A=\"x\n  y\" \nB=1\n")
	if r, _ := d.Map.Exact(Path{"A"}); r != (Range{StartLine: 1, StartCol: 1, EndLine: 2, EndCol: 5}) {
		t.Errorf("A: %+v", r)
	}
}

func TestDotenvErrors(t *testing.T) {
	runErrorCases(t, &DotenvParser{}, ".env", []errorCase{
		{"A=1\nNOVALUE\n", 2, "line `NOVALUE` doesn't match format"},
		{"A=1\na-b=1\n", 2, "doesn't match format"},
		{"export A\n", 1, "has an unset variable"},
		{"A=1\nB=\"x\nC=2\n", 2, "missing quotes"},
		{"A=1\n\x00\n", 2, "NUL byte"},
	})
}

func TestDetectDotenv(t *testing.T) {
	for path, want := range map[string]Format{
		".env": Dotenv, "app/.env": Dotenv, ".ENV": Dotenv, ".env.prod": Dotenv, ".env.local": Dotenv,
		".env.example": Dotenv, "prod.env": Dotenv, "x.dotenv": Dotenv, ".env.json": JSON,
		".env.yaml": YAML, ".env.tf": HCL, "dockerfile-x.env": Dotenv, "Dockerfile.env": Dockerfile,
	} {
		if got, ok := DetectFormat(path); !ok || got != want {
			t.Errorf("DetectFormat(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
	for _, path := range []string{".env.md", ".env.j2", ".env.tmpl", "env", ".envrc", "x.env.bak", ".env.gitignore"} {
		if f, ok := DetectFormat(path); ok {
			t.Errorf("DetectFormat(%q) = %q, want none", path, f)
		}
	}
}

// FuzzDotenv also checks the values against gotenv's, conftest's reader,
// for input without $ (gotenv fills $NAME from the environment).
func FuzzDotenv(f *testing.F) {
	addSeeds(f, "A=1\nexport B = \"x\ny\" # c\nC: 'z'\n", "A=\"\\\"\"\nB='\\''\n", "#c\r\nA=1\rB=2")
	p := &DotenvParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse(".env", src)
		checkDocs(t, src, lineCount(stripBOM(src)), docs, err)
		text, _, terr := textOf(".env", src)
		if terr != nil || bytes.Contains(text, []byte{'$'}) {
			return
		}
		env, gerr := gotenv.StrictParse(bytes.NewReader(text))
		if (err == nil) != (gerr == nil) {
			if errors.Is(gerr, bufio.ErrTooLong) {
				return // gotenv's line reader stops at 64 KiB; lines here are unbounded
			}
			t.Fatalf("infragate: %v; gotenv: %v", err, gerr)
		}
		if err != nil {
			return
		}
		want := map[string]any{}
		for k, v := range env {
			want[k] = v
		}
		if diff := cmp.Diff(want, docs[0].Value); diff != "" {
			t.Fatalf("values differ from gotenv's (-gotenv +infragate):\n%s", diff)
		}
		checkLeavesMapped(t, docs[0])
	})
}
