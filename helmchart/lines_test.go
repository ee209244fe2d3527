package helmchart

import (
	"fmt"
	"strings"
	"testing"
)

func TestAlign(t *testing.T) {
	tests := []struct {
		name string
		tpl  string
		out  string
		// want is the template span of each rendered line ("" when the
		// line is blank and maps nowhere), as "start-end".
		want []string
	}{
		{
			name: "literal lines",
			tpl:  "a: 1\nb:\n  c: 2\n",
			out:  "a: 1\nb:\n  c: 2\n",
			want: []string{"1-1", "2-2", "3-3", ""},
		},
		{
			name: "values filled in",
			tpl:  "name: {{ .Release.Name }}\nimage: \"nginx:{{ .Values.tag }}\"\n",
			out:  "name: release-name\nimage: \"nginx:latest\"\n",
			want: []string{"1-1", "2-2", ""},
		},
		{
			name: "a false condition drops lines",
			tpl:  "a: 1\n{{- if .Values.x }}\nb: 2\n{{- end }}\nc: 3\n",
			out:  "a: 1\nc: 3\n",
			want: []string{"1-1", "5-5", ""},
		},
		{
			name: "a true condition keeps them",
			tpl:  "spec:\n  {{- if .Values.x }}\n  securityContext:\n    privileged: true\n  {{- end }}\n",
			out:  "spec:\n  securityContext:\n    privileged: true\n",
			want: []string{"1-1", "3-3", "4-4", ""},
		},
		{
			name: "toYaml output comes from its action",
			tpl:  "spec:\n  securityContext:\n    {{- toYaml .Values.sc | nindent 4 }}\n  image: x\n",
			out:  "spec:\n  securityContext:\n    privileged: true\n    runAsUser: 0\n  image: x\n",
			want: []string{"1-1", "2-2", "3-3", "3-3", "4-4", ""},
		},
		{
			name: "a range repeats its lines",
			tpl:  "containers:\n{{- range .Values.cs }}\n- name: {{ .name }}\n  image: {{ .image }}\n{{- end }}\nextra: 1\n",
			out:  "containers:\n- name: a\n  image: x\n- name: b\n  image: y\nextra: 1\n",
			want: []string{"1-1", "3-3", "4-4", "3-3", "4-4", "6-6", ""},
		},
		{
			name: "an action over several lines",
			tpl:  "a: 1\n{{- /*\na comment\n*/}}\nb: 2\n",
			out:  "a: 1\nb: 2\n",
			want: []string{"1-1", "5-5", ""},
		},
		{
			name: "indentation tells nested keys apart",
			tpl:  "metadata:\n  name: {{ .a }}\nspec:\n  template:\n    metadata:\n      name: {{ .b }}\n",
			out:  "metadata:\n  name: x\nspec:\n  template:\n    metadata:\n      name: y\n",
			want: []string{"1-1", "2-2", "3-3", "4-4", "5-5", "6-6", ""},
		},
		{
			name: "include output between literal lines",
			tpl:  "metadata:\n  labels:\n    {{- include \"labels\" . | nindent 4 }}\n    extra: yes\nspec: {}\n",
			out:  "metadata:\n  labels:\n    app: a\n    tier: b\n    extra: yes\nspec: {}\n",
			want: []string{"1-1", "2-2", "3-3", "3-3", "4-4", "5-5", ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := align(tt.tpl, tt.out)
			var got []string
			for _, s := range m.spans {
				if s.start == 0 {
					got = append(got, "")
					continue
				}
				got = append(got, fmt.Sprintf("%d-%d", s.start, s.end))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("spans:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestLineMapAt(t *testing.T) {
	m := align("a:\n  b: {{ .x }}\n  c: 1\n", "a:\n  b: 2\n  c: 1\n")
	if s, ok := m.at(2, 3); !ok || s != (span{2, 3}) {
		t.Errorf("at(2, 3) = %v, %v; want 2-3", s, ok)
	}
	if _, ok := m.at(9, 9); ok {
		t.Errorf("at(9, 9) found a span past the output")
	}
}

func TestAlignDoesNotBlowUp(t *testing.T) {
	// Every rendered line matches every template line: the candidates are
	// bounded, so this stays fast and maps each line somewhere.
	tpl := strings.Repeat("{{ $k }}: {{ $v }}\n", 500)
	out := strings.Repeat("k: v\n", 5000)
	m := align(tpl, out)
	for i, s := range m.spans[:5000] {
		if s.start == 0 {
			t.Fatalf("line %d maps nowhere", i+1)
		}
	}
}

func TestWrites(t *testing.T) {
	for action, want := range map[string]bool{
		" .Values.x }}":               true,
		"- toYaml . | nindent 4 }}":   true,
		"- include \"x\" . }}":        true,
		" template \"x\" . }}":        true,
		"- if .Values.x }}":           false,
		"- end }}":                    false,
		" else if .a }}":              false,
		"- range $k, $v := .a }}":     false,
		"- with .Values.sc }}":        false,
		"/* a comment */}}":           false,
		"- $name := .Release.Name }}": false,
		" $name = 1 }}":               false,
		" $name }}":                   true,
		" eq $a $b }}":                true,
	} {
		if got := writes(action); got != want {
			t.Errorf("writes(%q) = %v, want %v", action, got, want)
		}
	}
}
