package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/reporters"
)

// TestRenderOutputsSharedDestination checks that outputs naming one
// destination (check and gate -o) are all written there, in order.
func TestRenderOutputsSharedDestination(t *testing.T) {
	rep := &engine.Report{Findings: []engine.Finding{{
		Level: engine.LevelFailure, ID: "r", Message: "public bucket", File: "main.tf",
		StartLine: 1, EndLine: 1, Blocking: true,
	}}}
	rep.Count()
	render := func(format string, color bool) string {
		var b bytes.Buffer
		if err := reporters.Write(&b, format, rep, reporters.Options{Color: color}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	tests := []struct {
		name        string
		specs       []string
		defaultFile string
		files       map[string][]string // file -> formats, in order
		stdout      []string
	}{
		{"default file twice", []string{"text", "json"}, "out.txt",
			map[string][]string{"out.txt": {"text", "json"}}, nil},
		{"named file twice", []string{"sarif=a.out", "json=a.out"}, "",
			map[string][]string{"a.out": {"sarif", "json"}}, nil},
		{"spelled two ways", []string{"json=d/a.out", "tap=d/../d/a.out", "text"}, "",
			map[string][]string{"d/a.out": {"json", "tap"}}, []string{"text"}},
		{"named and default", []string{"tap", "json=c.out", "text=x.out"}, "c.out",
			map[string][]string{"c.out": {"tap", "json"}, "x.out": {"text"}}, nil},
		{"stdout twice", []string{"text", "tap"}, "", nil, []string{"text", "tap"}},
		{"- is standard output", []string{"json=-", "tap"}, "", nil, []string{"json", "tap"}},
		{"- is standard output, not --output-file", []string{"json=-", "tap"}, "o.out",
			map[string][]string{"o.out": {"tap"}}, []string{"json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			// As gate does: files are relative to a root directory.
			resolve := func(f string) string { return filepath.Join(dir, f) }
			def := ""
			if tt.defaultFile != "" {
				def = resolve(tt.defaultFile)
			}
			outs, err := parseOutputs(tt.specs, def, resolve)
			if err != nil {
				t.Fatal(err)
			}
			var stdout bytes.Buffer
			if err := renderOutputs(&stdout, outs, rep, reporters.Options{Color: true}); err != nil {
				t.Fatal(err)
			}
			for file, formats := range tt.files {
				got, err := os.ReadFile(filepath.Join(dir, file))
				if err != nil {
					t.Fatal(err)
				}
				var want strings.Builder
				for _, f := range formats {
					want.WriteString(render(f, false)) // files get no colour
				}
				if string(got) != want.String() {
					t.Errorf("%s:\n%s\nwant %v:\n%s", file, got, formats, want.String())
				}
			}
			var want strings.Builder
			for _, f := range tt.stdout {
				want.WriteString(render(f, true))
			}
			if stdout.String() != want.String() {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want.String())
			}
		})
	}
}
