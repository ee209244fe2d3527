package helmchart

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

// FuzzAlign: any template and output align without panicking, every span
// lies within the template, and an output equal to a template without
// actions maps each line to itself.
func FuzzAlign(f *testing.F) {
	f.Add(deployTemplate, "apiVersion: apps/v1\nkind: Deployment\n")
	f.Add("a: {{ .x }}\n{{- range .y }}\n- {{ . }}\n{{- end }}\n", "a: 1\n- 2\n- 3\n")
	f.Add("{{ /* open", "x\n")
	f.Add("a: 1\nb: 2\n", "a: 1\nb: 2\n")
	f.Fuzz(func(t *testing.T, tpl, out string) {
		m := align(tpl, out)
		n := strings.Count(tpl, "\n") + 1
		if len(m.spans) != strings.Count(out, "\n")+1 {
			t.Fatalf("%d spans for %d lines", len(m.spans), strings.Count(out, "\n")+1)
		}
		for i, s := range m.spans {
			if s.start == 0 {
				continue
			}
			if s.start < 1 || s.end > n || s.start > s.end {
				t.Fatalf("line %d maps to %d-%d of %d template lines", i+1, s.start, s.end, n)
			}
		}
		if !strings.Contains(tpl, "{{") && tpl == out {
			for i, line := range strings.Split(out, "\n") {
				if strings.TrimSpace(line) == "" {
					continue
				}
				if s := m.spans[i]; s.start > i+1 || s.end < i+1 {
					t.Fatalf("line %d of a literal template maps to %d-%d", i+1, s.start, s.end)
				}
			}
		}
	})
}

// FuzzTemplate: any template in a chart renders to documents or to a
// parse error, never a panic, and every range lies within the template.
// Templates that can loop or allocate at will are left out: rendering is
// bounded in time, not in memory (docs/security.md), and a fuzzer that
// finds `until 1000000000` only finds that.
func FuzzTemplate(f *testing.F) {
	f.Add(deployTemplate)
	f.Add("a: {{ .Values.image.tag }}: b\n")
	f.Add("{{ fail \"no\" }}")
	f.Add("{{ include \"app.labels\" . }}\n---\nkind: Pod\n")
	f.Add("{{ tpl \"{{ .Values }}\" . }}")
	dir := f.TempDir()
	testtree.Write(f, dir, chartFiles())
	name := filepath.Join(dir, "app/templates/deploy.yaml")
	p := NewParser(parsers.Default()[parsers.YAML], Options{Timeout: time.Second})
	f.Fuzz(func(t *testing.T, src string) {
		for _, unbounded := range []string{"until", "seq", "repeat", "rand", "range", "indent", "pad", "trunc"} {
			if strings.Contains(src, unbounded) {
				t.Skip()
			}
		}
		docs, err := parsers.For(p, name).Parse(name, []byte(src))
		if err != nil {
			return
		}
		n := strings.Count(src, "\n") + 1
		for _, d := range docs {
			for _, e := range d.Map.Entries() {
				if e.StartLine < 1 || e.EndLine > n || e.StartLine > e.EndLine {
					t.Fatalf("%s at %d-%d of %d lines", e.Pointer, e.StartLine, e.EndLine, n)
				}
			}
		}
	})
}
