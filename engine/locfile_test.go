package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

// A result's _loc places it only in a file of the input it was evaluated
// on, named as conftest users name it; anything else stays on the
// evaluated file (a finding elsewhere would not block a change to it).
func TestLocFile(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{
		"infra/main.yaml":  "a: 1\nb: 2\nc: 3\n---\nd: 4\n",
		"infra/other.yaml": "x: 1\ny: 2\n",
		"b/other.yaml":     "x: 1\n",
	})
	t.Chdir(dir)
	wd, _ := os.Getwd()
	reg := parsers.Default()
	file := func(name string) File { return File{Name: name, Path: name, Parser: reg[parsers.YAML]} }
	tests := []struct {
		name string
		loc  string // the _loc object's Rego
		want string // file:line:document of the finding on infra/main.yaml's first document
	}{
		{"conftest file name", `{"file": data.conftest.file.name, "line": 2}`, "infra/main.yaml:2:0"},
		{"name as given", `{"file": "infra/main.yaml", "line": 3}`, "infra/main.yaml:3:0"},
		{"dotted and unclean", `{"file": "./infra/../infra/main.yaml", "line": 2}`, "infra/main.yaml:2:0"},
		{"absolute", fmt.Sprintf(`{"file": %q, "line": 2}`, filepath.Join(wd, "infra/main.yaml")), "infra/main.yaml:2:0"},
		{"conftest dir and name", `{"file": concat("/", [data.conftest.file.dir, data.conftest.file.name]), "line": 2}`, "infra/main.yaml:2:0"},
		// A file not of the input: its line is not this file's either;
		// the finding is the document.
		{"another file", `{"file": "infra/other.yaml", "line": 2}`, "infra/main.yaml:1:0"},
		{"a file not in the input", `{"file": "/etc/passwd", "line": 3}`, "infra/main.yaml:1:0"},
		{"no file", `{"line": 2}`, "infra/main.yaml:2:0"},
		{"line past the end", `{"file": "infra/main.yaml", "line": 6}`, "infra/main.yaml:1:0"},
		{"line of the file's other document", `{"line": 5}`, "infra/main.yaml:5:0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pol := writePolicy(t, map[string]string{"p.rego": `package main
deny contains {"msg": "m", "_loc": ` + tt.loc + `} if input.a
`})
			e, err := New(context.Background(), Options{Policies: []string{pol}})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := e.Check(context.Background(), []File{file("infra/main.yaml")})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Findings) != 1 {
				t.Fatalf("findings: %+v", rep.Findings)
			}
			f := rep.Findings[0]
			if got := fmt.Sprintf("%s:%d:%d", f.File, f.StartLine, f.Document); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}

	// With --combine, _loc may name any of the combined files (then the
	// document of that file holding the line); a base name that two of
	// them share names neither.
	combined := []struct {
		name string
		loc  string
		want string
	}{
		{"another combined file", `{"file": "infra/other.yaml", "line": 2}`, "infra/other.yaml:2:0"},
		{"a later document", `{"file": "infra/main.yaml", "line": 5}`, "infra/main.yaml:5:1"},
		{"shared base name", `{"file": "other.yaml", "line": 2}`, "b/other.yaml:1:0"},
		{"not combined", `{"file": "infra/nope.yaml", "line": 1}`, "b/other.yaml:1:0"},
		{"line past the end", `{"file": "infra/other.yaml", "line": 3}`, "infra/other.yaml:1:0"},
	}
	for _, tt := range combined {
		t.Run("combine/"+tt.name, func(t *testing.T) {
			pol := writePolicy(t, map[string]string{"p.rego": `package main
deny contains {"msg": "m", "_loc": ` + tt.loc + `} if count(input) > 0
`})
			e, err := New(context.Background(), Options{Policies: []string{pol}})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := e.CheckCombined(context.Background(), []File{file("infra/main.yaml"), file("infra/other.yaml"), file("b/other.yaml")})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Findings) != 1 {
				t.Fatalf("findings: %+v", rep.Findings)
			}
			f := rep.Findings[0]
			if got := fmt.Sprintf("%s:%d:%d", f.File, f.StartLine, f.Document); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
