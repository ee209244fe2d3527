package helmchart

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
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
		{
			// The loop's body repeats the literal lines of the container
			// before the loop: the first pass maps to the body, not to
			// those lines (it cannot go back out of the loop).
			name: "a range repeats literal lines found before it",
			tpl:  podRangeTemplate,
			out:  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod\nspec:\n  containers:\n    - name: main\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n    - name: one\n      image: redis:latest\n      securityContext:\n        privileged: true\n    - name: two\n      image: redis:7\n      securityContext:\n        privileged: true\n",
			want: []string{"1-1", "2-2", "3-3", "4-4", "5-5", "6-6", "7-7", "8-8", "9-9", "10-10", "12-12", "13-13", "14-14", "15-15", "12-12", "13-13", "14-14", "15-15", ""},
		},
		{
			// Literal lines after the loops repeat the loops' lines: a
			// pass's last lines are not taken for them.
			name: "nested ranges and repeated lines after them",
			tpl:  "spec:\n  containers:\n  {{- range .Values.containers }}\n  - name: {{ .name }}\n    ports:\n    {{- range .ports }}\n    - containerPort: {{ . }}\n      protocol: TCP\n    {{- end }}\n    securityContext:\n      privileged: true\n  {{- end }}\n  initContainers:\n  - name: init\n    ports:\n    - containerPort: 80\n      protocol: TCP\n    securityContext:\n      privileged: true\n",
			out:  "spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 1\n      protocol: TCP\n    - containerPort: 2\n      protocol: TCP\n    securityContext:\n      privileged: true\n  - name: b\n    ports:\n    - containerPort: 3\n      protocol: TCP\n    securityContext:\n      privileged: true\n  initContainers:\n  - name: init\n    ports:\n    - containerPort: 80\n      protocol: TCP\n    securityContext:\n      privileged: true\n",
			want: []string{"1-1", "2-2", "4-4", "5-5", "7-7", "8-8", "7-7", "8-8", "10-10", "11-11", "4-4", "5-5", "7-7", "8-8", "10-10", "11-11", "13-13", "14-14", "15-15", "16-16", "17-17", "18-18", "19-19", ""},
		},
		{
			// "privileged: false" matches both arms; the output holds the
			// else arm's first line, so it is the else arm.
			name: "if and else with the same lines",
			tpl:  "spec:\n{{- if .Values.a }}\n  securityContext:\n    privileged: {{ .Values.p }}\n{{- else }}\n  securityContext:\n    privileged: false\n{{- end }}\n",
			out:  "spec:\n  securityContext:\n    privileged: false\n",
			want: []string{"1-1", "6-6", "7-7", ""},
		},
		{
			// An if whose lines were not rendered did not run: what the
			// toYaml after it writes is its own.
			name: "an if that renders nothing",
			tpl:  "spec:\n  {{- if .Values.extra }}\n  extra: {{ .Values.extra }}\n  {{- end }}\n  {{- toYaml .Values.rest | nindent 2 }}\nend: 1\n",
			out:  "spec:\n  a: 1\n  b: 2\nend: 1\n",
			want: []string{"1-1", "5-5", "5-5", "6-6", ""},
		},
		{
			// Between two passes of a loop, an unmatched line comes from
			// the loop's body, not from what follows the loop.
			name: "a range's unmatched lines",
			tpl:  "items:\n{{- range .Values.items }}\n- name: {{ .name }}\n{{- end }}\n{{- toYaml .Values.tail | nindent 0 }}\n{{- range .Values.items }}\n  {{- toYaml .rest | nindent 2 }}\n- id: {{ .id }}\n{{- end }}\n",
			out:  "items:\n- name: a\n- name: b\n  x: 1\n- id: 1\n  x: 2\n- id: 2\n",
			want: []string{"1-1", "3-3", "3-3", "5-5", "8-8", "7-7", "8-8", ""},
		},
		{
			// A define's body is rendered where it is included.
			name: "a define in the template",
			tpl:  "{{- define \"x\" }}\nkind: Secret\n{{- end }}\nitems:\n  {{- include \"x\" . | nindent 2 }}\nkind: Secret\n",
			out:  "items:\n  kind: Secret\nkind: Secret\n",
			want: []string{"4-4", "5-5", "6-6", ""},
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

const podRangeTemplate = `apiVersion: v1
kind: Pod
metadata:
  name: pod
spec:
  containers:
    - name: main
      image: nginx:1.25
      securityContext:
        privileged: true
    {{- range .Values.extra }}
    - name: {{ .name }}
      image: {{ .image }}
      securityContext:
        privileged: true
    {{- end }}
`

// TestRangeFindingsOnTheLoop: QA's case, through the chart: the first
// item of the range is on the loop's lines, not the container before it.
func TestRangeFindingsOnTheLoop(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{
		"c/Chart.yaml":         "apiVersion: v2\nname: c\nversion: 0.1.0\n",
		"c/values.yaml":        "extra:\n  - name: one\n    image: \"redis:latest\"\n  - name: two\n    image: \"redis:7\"\n",
		"c/templates/pod.yaml": podRangeTemplate,
	})
	p := NewParser(parsers.Default()[parsers.YAML], Options{Dir: dir})
	docs, err := parseFile(t, p, filepath.Join(dir, "c/templates/pod.yaml"))
	if err != nil || len(docs) != 1 {
		t.Fatalf("got %d documents, %v", len(docs), err)
	}
	for i, want := range []int{10, 15, 15} {
		ptr := fmt.Sprintf("/spec/containers/%d/securityContext/privileged", i)
		if r := lineOf(t, docs[0], ptr); r.StartLine != want {
			t.Errorf("%s at line %d, want %d", ptr, r.StartLine, want)
		}
	}
	if r := lineOf(t, docs[0], "/spec/containers/1/name"); r.StartLine != 12 {
		t.Errorf("container one's name at line %d, want 12", r.StartLine)
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
