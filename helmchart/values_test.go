package helmchart

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

func TestValuesOrigins(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/values.yaml"] = "image:\n  tag: \"1.27\"\nsecurityContext:\n  runAsUser: 1000\n  readOnlyRootFilesystem: true\ndb:\n  enabled: false\n"
	files["app/prod.yaml"] = "securityContext:\n  privileged: true\n"
	testtree.Write(t, dir, files)
	t.Chdir(dir)
	p := NewParser(parsers.Default()[parsers.YAML], Options{Values: map[string][]string{"app": {"app/prod.yaml"}}})
	docs, err := parseFile(t, p, "app/templates/deploy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	c := "/spec/template/spec/containers/0"
	for pointer, want := range map[string]string{
		// toYaml of a values block, merged from two files: each key
		// from the file that sets it last.
		c + "/securityContext/privileged":             "app/prod.yaml:2",
		c + "/securityContext/runAsUser":              "app/values.yaml:4",
		c + "/securityContext/readOnlyRootFilesystem": "app/values.yaml:5",
		// A value written into a string.
		c + "/image": "app/values.yaml:2",
		// Literal text of the template, and a block whose key line is
		// literal: no origin.
		c + "/name":            "",
		c:                      "",
		c + "/securityContext": "",
		"/metadata/name":       "",
		"/kind":                "",
	} {
		o, ok := d.Origins[pointer]
		got := ""
		if ok {
			got = o.File + ":" + itoa(o.StartLine)
		}
		if got != want {
			t.Errorf("%s: origin %q, want %q", pointer, got, want)
		}
	}
	// A subchart's template is not placed in values (its values are its
	// parent's under its name).
	testtree.Write(t, dir, map[string]string{"app/values.yaml": "db:\n  enabled: true\n"})
	p = NewParser(parsers.Default()[parsers.YAML], Options{})
	sub, err := parseFile(t, p, filepath.Join("app", "charts", "db", "templates", "pod.yaml"))
	if err != nil || len(sub) != 1 {
		t.Fatalf("subchart: %d documents, %v", len(sub), err)
	}
	if sub[0].Origins != nil {
		t.Errorf("subchart origins = %v, want none", sub[0].Origins)
	}
}

func itoa(n int) string { return parsers.Path{}.Index(n)[0] }

func TestLineRefs(t *testing.T) {
	tpl := `a: {{ .Values.a }}
{{- with .Values.sc }}
sc:
  {{- toYaml . | nindent 2 }}
  x: {{ $.Values.b.c }}-{{ .Values.d }}
{{- end }}
{{- range .Values.list }}
- {{ . }}
{{- end }}
{{- if .Values.on }}
e: {{ include "x" . }}
{{- end }}
{{- range $i, $s := .Values.services }}
- name: {{ .name | quote }}
  r: {{ .Release.Name }}-{{ $s.port }}
  {{- range .ports }}
  p: {{ .port }}
  {{- end }}
  {{- with .sc }}
  {{- toYaml . }}
  {{- end }}
{{- end }}
{{- define "x" }}{{ .name }}{{ end }}
`
	got := lineRefs(tpl)
	want := map[int][]string{
		1:  {"/a"},
		4:  {"/sc"},
		5:  {"/b/c", "/d"},
		8:  {"/list/*"},
		14: {"/services/*/name"},
		17: {"/services/*/ports/*/port"},
		20: {"/services/*/sc"},
	}
	for i, refs := range got {
		var ps []string
		for _, r := range refs {
			ps = append(ps, r.String())
		}
		if !slices.Equal(ps, want[i+1]) {
			t.Errorf("line %d: refs %v, want %v", i+1, ps, want[i+1])
		}
	}
}

func TestSameValue(t *testing.T) {
	for _, tc := range []struct {
		v, rendered any
		want        bool
	}{
		{"latest", "nginx:latest", true},
		{"1", "nginx:1.27", false}, // too short to say
		{true, true, true},
		{map[string]any{}, map[string]any{"a": 1}, true},
		{[]any{}, map[string]any{}, false},
		{"x", map[string]any{}, false},
		{nil, nil, true},
		{"a", "b", false},
	} {
		if got := sameValue(tc.v, tc.rendered); got != tc.want {
			t.Errorf("sameValue(%v, %v) = %v, want %v", tc.v, tc.rendered, got, tc.want)
		}
	}
}

func TestChartDirOf(t *testing.T) {
	for _, tc := range [][3]string{
		{"charts/web/templates/deploy.yaml", "templates/deploy.yaml", "charts/web"},
		{"templates/deploy.yaml", "templates/deploy.yaml", "."},
		{"/abs/app/templates/x.yaml", "templates/x.yaml", "/abs/app"},
	} {
		if got := chartDirOf(tc[0], tc[1]); got != tc[2] {
			t.Errorf("chartDirOf(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}

// A value read inside `range .Values.x` (or `with .Values.x`) from a
// field of `.` has the values file and line of the item it came from.
func TestRangeValuesOrigins(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/values.yaml"] = `extra:
  - name: one
    image: "redis:latest"
  - name: two
    image: "redis:7"
  - name: three
    image: "redis:7"
sc:
  privileged: true
ports:
  web: 80
  admin: 9000
`
	files["app/prod.yaml"] = "ports:\n  admin: 9090\n"
	files["app/templates/pod.yaml"] = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
{{- range .Values.extra }}
    - name: {{ .name }}
      image: {{ .image }}
      {{- with $.Values.sc }}
      securityContext:
        privileged: {{ .privileged }}
        runAsUser: {{ .runAsUser | default 0 }}
      {{- end }}
{{- end }}
  ports:
{{- range $name, $port := .Values.ports }}
    - name: {{ $name }}
      containerPort: {{ . }}
{{- end }}
`
	testtree.Write(t, dir, files)
	t.Chdir(dir)
	p := NewParser(parsers.Default()[parsers.YAML], Options{Values: map[string][]string{"app": {"app/prod.yaml"}}})
	docs, err := parseFile(t, p, "app/templates/pod.yaml")
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	d := docs[0]
	for pointer, want := range map[string]string{
		"/spec/containers/0/image": "app/values.yaml:3-3",
		"/spec/containers/0/name":  "app/values.yaml:2-2",
		"/spec/containers/1/name":  "app/values.yaml:4-4",
		// Two items with the value rendered: both.
		"/spec/containers/1/image": "app/values.yaml:5-7",
		"/spec/containers/2/image": "app/values.yaml:5-7",
		// A field of `.` in a with block.
		"/spec/containers/0/securityContext/privileged": "app/values.yaml:9-9",
		"/spec/containers/0/securityContext/runAsUser":  "",
		// Items of a map, merged from two files.
		"/spec/ports/0/containerPort": "app/prod.yaml:2-2",
		"/spec/ports/1/containerPort": "app/values.yaml:11-11",
		"/kind":                       "",
	} {
		o, ok := d.Origins[pointer]
		got := ""
		if ok {
			got = o.File + ":" + itoa(o.StartLine) + "-" + itoa(o.EndLine)
		}
		if got != want {
			t.Errorf("%s: origin %q, want %q", pointer, got, want)
		}
	}
}
