package helmchart

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

const deployTemplate = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.name" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  template:
    spec:
      containers:
      - name: app
        image: "nginx:{{ .Values.image.tag }}"
        {{- with .Values.securityContext }}
        securityContext:
          {{- toYaml . | nindent 10 }}
        {{- end }}
`

// chartFiles is a chart with a helper, a values file, a subchart turned
// on by a condition and a template that fails unless a value is given.
func chartFiles() map[string]string {
	return map[string]string{
		"app/Chart.yaml":  "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: db\n  version: 0.1.0\n  condition: db.enabled\n",
		"app/values.yaml": "image:\n  tag: \"1.27\"\nsecurityContext: {}\ndb:\n  enabled: false\n",
		"app/templates/_helpers.tpl": `{{- define "app.name" -}}{{ .Release.Name }}-app{{- end }}
{{- define "app.labels" -}}
app: {{ include "app.name" . }}
tier: web
{{- end }}
`,
		"app/templates/deploy.yaml":        deployTemplate,
		"app/templates/NOTES.txt":          "Installed {{ .Release.Name }}.\n",
		"app/charts/db/Chart.yaml":         "apiVersion: v2\nname: db\nversion: 0.1.0\n",
		"app/charts/db/values.yaml":        "hostNetwork: true\n",
		"app/charts/db/templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  hostNetwork: {{ .Values.hostNetwork }}\n  containers: []\n",
	}
}

func parseFile(t *testing.T, p parsers.Parser, name string) ([]parsers.Document, error) {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return parsers.For(p, name).Parse(name, src)
}

// lineOf returns the range recorded for a data path.
func lineOf(t *testing.T, d parsers.Document, pointer string) parsers.Range {
	t.Helper()
	r, ok := d.Map.Exact(parsers.ParsePointer(pointer))
	if !ok {
		t.Fatalf("no range for %s", pointer)
	}
	return r
}

func TestRenderedTemplate(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/values.yaml"] = "image:\n  tag: latest\nsecurityContext:\n  privileged: true\n  runAsUser: 0\ndb:\n  enabled: false\n"
	testtree.Write(t, dir, files)
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	docs, err := parseFile(t, p, filepath.Join(dir, "app/templates/deploy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	d := docs[0]
	v := d.Value.(map[string]any)
	if name := v["metadata"].(map[string]any)["name"]; name != "release-name-app" {
		t.Errorf("metadata.name = %v, want release-name-app (the helper, with the release name)", name)
	}
	c := v["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)
	if c["image"] != "nginx:latest" {
		t.Errorf("image = %v, want the value's tag", c["image"])
	}
	if d.Range.StartLine != 1 || d.Range.EndLine != 15 {
		t.Errorf("document range = %+v, want the template's lines 1-15", d.Range)
	}
	for pointer, want := range map[string]int{
		"/metadata/name":                                   4,
		"/metadata/labels/tier":                            6, // from the include on line 6
		"/spec/template/spec/containers/0/image":           12,
		"/spec/template/spec/containers/0/securityContext": 14,
		// toYaml's output comes from its action's line.
		"/spec/template/spec/containers/0/securityContext/privileged": 15,
	} {
		if r := lineOf(t, d, pointer); r.StartLine != want {
			t.Errorf("%s at line %d, want %d", pointer, r.StartLine, want)
		}
	}
}

func TestSubchartCondition(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, chartFiles())
	pod := filepath.Join(dir, "app/charts/db/templates/pod.yaml")
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	docs, err := parseFile(t, p, pod)
	if err != nil || len(docs) != 0 {
		t.Fatalf("a disabled subchart deploys nothing: got %d documents, %v", len(docs), err)
	}

	// A values file turns it on, and the parent's values reach it.
	testtree.Write(t, dir, map[string]string{"prod.yaml": "db:\n  enabled: true\n"})
	p = NewParser(parsers.Default()[parsers.YAML], Options{Dir: dir, Values: map[string][]string{"app": {"prod.yaml"}}})
	docs, err = parseFile(t, p, pod)
	if err != nil || len(docs) != 1 {
		t.Fatalf("got %d documents, %v; want the subchart's pod", len(docs), err)
	}
	spec := docs[0].Value.(map[string]any)["spec"].(map[string]any)
	if spec["hostNetwork"] != true {
		t.Errorf("hostNetwork = %v, want the subchart's default true", spec["hostNetwork"])
	}
	if r := lineOf(t, docs[0], "/spec/hostNetwork"); r.StartLine != 6 {
		t.Errorf("hostNetwork at line %d, want 6", r.StartLine)
	}
}

func TestValuesFilesInOrder(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, chartFiles())
	testtree.Write(t, dir, map[string]string{
		"a.yaml": "image:\n  tag: a\n",
		"b.yaml": "image:\n  tag: b\n",
	})
	p := NewParser(parsers.Default()[parsers.YAML], Options{Dir: dir, Values: map[string][]string{"app": {"a.yaml", "b.yaml"}}})
	docs, err := parseFile(t, p, filepath.Join(dir, "app/templates/deploy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docs[0].Value.(map[string]any)["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)["image"].(string), ":b") {
		t.Errorf("the last values file wins: got %v", docs[0].Value)
	}
}

func TestTemplateErrors(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/templates/bad.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required \"name is required\" .Values.name }}\n"
	files["app/templates/env.yaml"] = "apiVersion: v1\nkind: ConfigMap\ndata:\n  home: {{ env \"HOME\" }}\n"
	files["app/templates/exec.yaml"] = "apiVersion: v1\nkind: ConfigMap\ndata:\n\n  a: {{ include \"missing\" . }}\n"
	testtree.Write(t, dir, files)
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	for name, want := range map[string]struct {
		line int
		msg  string
	}{
		"bad.yaml": {4, "name is required"},
		"env.yaml": {4, `function "env" not defined`},
		// Helm 4 writes execution errors over several lines.
		"exec.yaml": {5, `no template "missing"`},
	} {
		_, err := parseFile(t, p, filepath.Join(dir, "app/templates", name))
		var perr *parsers.ParseError
		if !errors.As(err, &perr) || perr.Line != want.line || !strings.Contains(perr.Msg, want.msg) {
			t.Errorf("%s: got %v, want a parse error at line %d with %q", name, err, want.line, want.msg)
		}
	}
	// An error in one template does not hide what the others deploy... unless
	// it stops the whole chart from parsing (env.yaml does: an unknown
	// function is a parse error of the template set).
	docs, err := parseFile(t, p, filepath.Join(dir, "app/templates/deploy.yaml"))
	if err != nil || len(docs) != 1 {
		t.Errorf("deploy.yaml: %d documents, %v; want 1", len(docs), err)
	}
}

// TestRecursiveIncludeError: a template that includes itself, directly or
// through another, fails at Helm's 1000 nested calls, and Helm's error
// names every call (86 KB for a one-line partial, past what a pull request
// comment or a check annotation holds): the calls that repeat are named
// once, with their count.
func TestRecursiveIncludeError(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/templates/_rec.tpl"] = "{{- define \"rec\" -}}{{ include \"rec\" . }}{{- end -}}\n" +
		"{{- define \"ping\" -}}{{ include \"pong\" . }}{{- end -}}\n{{- define \"pong\" -}}{{ include \"ping\" . }}{{- end -}}\n"
	files["app/templates/self.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"rec\" . }}\n"
	files["app/templates/mutual.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\n  name: {{ include \"ping\" . }}\n"
	testtree.Write(t, dir, files)
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	for name, line := range map[string]int{"self.yaml": 4, "mutual.yaml": 5} {
		_, err := parseFile(t, p, filepath.Join(dir, "app/templates", name))
		var perr *parsers.ParseError
		if !errors.As(err, &perr) || perr.Line != line || !strings.Contains(perr.Msg, "nested reference name") {
			t.Fatalf("%s: got %.300v, want a parse error at line %d naming the nesting", name, err, line)
		}
		if len(perr.Msg) > 1000 || !strings.Contains(perr.Msg, "more times") {
			t.Errorf("%s: message of %d bytes, want the repeated calls named once with their count: %.600s", name, len(perr.Msg), perr.Msg)
		}
	}
}

func TestRenderedNotYAML(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/templates/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: {{ .Values.image.tag }}: b\n"
	testtree.Write(t, dir, files)
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	docs, err := parseFile(t, p, filepath.Join(dir, "app/templates/cm.yaml"))
	var perr *parsers.ParseError
	if !errors.As(err, &perr) || !strings.Contains(perr.Msg, "rendered template is not valid YAML") || perr.Line != 4 {
		t.Errorf("got %d documents, %v; want a parse error at line 4", len(docs), err)
	}
}

func TestLinksOutOfTheChartAreNotRead(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["secret.txt"] = "s3cr3t\n"
	files["app/templates/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: {{ .Files.Get \"files/leak\" | quote }}\n  b: {{ .Files.Get \"files/inside\" | quote }}\n"
	files["app/files/own.txt"] = "mine\n"
	testtree.Write(t, dir, files)
	if err := os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(dir, "app/files/leak")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("own.txt", filepath.Join(dir, "app/files/inside")); err != nil {
		t.Fatal(err)
	}
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	docs, err := parseFile(t, p, filepath.Join(dir, "app/templates/cm.yaml"))
	if err != nil || len(docs) != 1 {
		t.Fatalf("got %d documents, %v", len(docs), err)
	}
	data := docs[0].Value.(map[string]any)["data"].(map[string]any)
	if data["a"] != "" || data["b"] != "mine\n" {
		t.Errorf("data = %v; want the link out of the chart unread and the one inside read", data)
	}
}

func TestEvaluatedBytesWin(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, chartFiles())
	name := filepath.Join(dir, "app/templates/deploy.yaml")
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	docs, err := parsers.For(p, name).Parse(name, []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Chart.Name }}\n"))
	if err != nil || len(docs) != 1 || docs[0].Value.(map[string]any)["kind"] != "Pod" {
		t.Fatalf("got %v, %v; want the given bytes rendered", docs, err)
	}
}

func TestIDFollowsTheChart(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, chartFiles())
	name := filepath.Join(dir, "app/templates/deploy.yaml")
	id := func() string {
		p := NewParser(parsers.Default()[parsers.YAML], Options{})
		tp, ok := parsers.For(p, name).(*Template)
		if !ok {
			t.Fatalf("%s is not handed to a template parser", name)
		}
		return tp.ID()
	}
	before := id()
	testtree.Write(t, dir, map[string]string{"app/values.yaml": "image:\n  tag: other\n"})
	if after := id(); after == before {
		t.Error("the template's ID did not change with its chart's values")
	}
	// Findings name the values file they come from: a renamed values file
	// with the same bytes is another result.
	testtree.Write(t, dir, map[string]string{"prod.yaml": "image:\n  tag: x\n", "prod2.yaml": "image:\n  tag: x\n"})
	withValues := func(file string) string {
		p := NewParser(parsers.Default()[parsers.YAML], Options{Dir: dir, Values: map[string][]string{"app": {file}}})
		return parsers.For(p, name).(*Template).ID()
	}
	if withValues("prod.yaml") == withValues("prod2.yaml") {
		t.Error("the template's ID did not change with the name of its values file")
	}
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	if parsers.IsContentOnly(parsers.For(p, name)) {
		t.Error("a template promises its documents depend on its bytes alone")
	}
	for _, other := range []string{filepath.Join(dir, "app/values.yaml"), filepath.Join(dir, "templates/x.yaml"), "k8s/templates/x.yaml"} {
		if _, ok := parsers.For(p, other).(*Template); ok {
			t.Errorf("%s is handed to a template parser", other)
		}
	}
}

func TestRenderTimeout(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/templates/slow.yaml"] = "a: |\n  {{- range until 50000000 }}x{{ end }}\n"
	testtree.Write(t, dir, files)
	p := NewParser(parsers.Default()[parsers.YAML], Options{Timeout: 50 * time.Millisecond})
	_, err := parseFile(t, p, filepath.Join(dir, "app/templates/deploy.yaml"))
	var perr *parsers.ParseError
	if !errors.As(err, &perr) || !strings.Contains(perr.Msg, "took longer than 50ms") {
		t.Errorf("got %v, want a parse error naming the timeout", err)
	}
}

func TestChartOfAndTemplates(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, chartFiles())
	app := filepath.Join(dir, "app")
	for _, name := range []string{"app/values.yaml", "app/templates/_helpers.tpl", "app/charts/db/values.yaml", "app/charts/db/templates/pod.yaml"} {
		if root, ok := ChartOf(dir, filepath.Join(dir, name)); !ok || root != app {
			t.Errorf("ChartOf(%s) = %q, %v; want %s", name, root, ok, app)
		}
	}
	if _, ok := ChartOf(dir, filepath.Join(dir, "other/x.yaml")); ok {
		t.Error("a file outside any chart has a chart")
	}
	got, err := Rendered(app)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Chart.yaml,charts/db/Chart.yaml,charts/db/templates/pod.yaml,templates/deploy.yaml"; strings.Join(got, ",") != want {
		t.Errorf("Rendered = %v, want %s", got, want)
	}
}

func TestChartThatDoesNotLoad(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"broken Chart.yaml": {"app/Chart.yaml": "name: [\n"},
		"file too large":    {"app/files/big.txt": strings.Repeat("x", 2048)},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			testtree.Write(t, dir, chartFiles())
			testtree.Write(t, dir, files)
			p := NewParser(parsers.Default()[parsers.YAML], Options{MaxFileSize: 1024})
			_, err := parseFile(t, p, filepath.Join(dir, "app/templates/deploy.yaml"))
			var perr *parsers.ParseError
			if !errors.As(err, &perr) || perr.Line != 1 || !strings.Contains(perr.Msg, "cannot render the Helm chart") {
				t.Errorf("got %v, want a parse error on line 1", err)
			}
		})
	}
}

func TestMultiDocumentTemplate(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/templates/two.yaml"] = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n---\n{{- if true }}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n"
	testtree.Write(t, dir, files)
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	docs, err := parseFile(t, p, filepath.Join(dir, "app/templates/two.yaml"))
	if err != nil || len(docs) != 2 {
		t.Fatalf("got %d documents, %v; want 2", len(docs), err)
	}
	if docs[1].Index != 1 || docs[1].Range.StartLine != 7 || lineOf(t, docs[1], "/metadata/name").StartLine != 10 {
		t.Errorf("second document: index %d, range %+v", docs[1].Index, docs[1].Range)
	}
}

func TestErrMessage(t *testing.T) {
	const key = "app/templates/x.yaml"
	for msg, want := range map[string]string{
		"parse error at (app/templates/x.yaml:12): unexpected EOF":                                                  "unexpected EOF",
		"execution error at (app/templates/x.yaml:3:7): name is required":                                           "name is required",
		"template: app/templates/x.yaml:7:38\n  executing \"app/templates/x.yaml\" at <b64enc>:\n    invalid value": "at <b64enc>: invalid value",
	} {
		if got := errMessage(msg, key); got != want {
			t.Errorf("errMessage(%q) = %q, want %q", msg, got, want)
		}
	}
}

func TestErrLocation(t *testing.T) {
	keys := map[string]string{"app/templates/x.yaml": "templates/x.yaml", "app/charts/db/templates/x.yaml": "charts/db/templates/x.yaml"}
	for msg, want := range map[string]string{
		"parse error at (app/templates/x.yaml:12): unexpected EOF":                                    "app/templates/x.yaml 12 0",
		"execution error at (app/charts/db/templates/x.yaml:3:7): name is required":                   "app/charts/db/templates/x.yaml 3 7",
		"template: app/templates/x.yaml:4:10\n  executing \"app/templates/x.yaml\" at <include>:\n x": "app/templates/x.yaml 4 10",
		"rendering template failed: runtime error: integer divide by zero":                            "",
	} {
		key, line, col, ok := errLocation(msg, keys)
		got := ""
		if ok {
			got = fmt.Sprintf("%s %d %d", key, line, col)
		}
		if got != want {
			t.Errorf("errLocation(%q) = %q, want %q", msg, got, want)
		}
	}
}

func TestMissingDependency(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/Chart.yaml"] = "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: db\n  version: 0.1.0\n  condition: db.enabled\n- name: common\n  version: 2.0.0\n  repository: oci://registry.example.com/charts\n"
	files["app/charts/db/Chart.yaml"] = "apiVersion: v2\nname: db\nversion: 0.1.0\ndependencies:\n  - name: \"metrics\"\n    version: 1.0.0\n"
	testtree.Write(t, dir, files)
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	for name, line := range map[string]int{"app/Chart.yaml": 8, "app/charts/db/Chart.yaml": 5} {
		_, err := parseFile(t, p, filepath.Join(dir, name))
		var perr *parsers.ParseError
		if !errors.As(err, &perr) || perr.Line != line || !strings.Contains(perr.Msg, "is not in charts/") {
			t.Errorf("%s: got %v, want a parse error at line %d", name, err, line)
		}
	}
	// What is there still renders.
	if docs, err := parseFile(t, p, filepath.Join(dir, "app/templates/deploy.yaml")); err != nil || len(docs) != 1 {
		t.Errorf("deploy.yaml: %d documents, %v", len(docs), err)
	}
	// A chart with all its dependencies: Chart.yaml is a plain document.
	testtree.Write(t, dir, map[string]string{"app/Chart.yaml": chartFiles()["app/Chart.yaml"], "app/charts/db/Chart.yaml": chartFiles()["app/charts/db/Chart.yaml"]})
	p = NewParser(parsers.Default()[parsers.YAML], Options{})
	if docs, err := parseFile(t, p, filepath.Join(dir, "app/Chart.yaml")); err != nil || len(docs) != 1 || docs[0].Value.(map[string]any)["name"] != "app" {
		t.Errorf("Chart.yaml: %v, %v", docs, err)
	}
}

// BenchmarkRenderChart renders the test chart (three templates, a helper,
// a subchart) and parses one template's output with its line map, as one
// run of check does per chart.
func BenchmarkRenderChart(b *testing.B) {
	dir := b.TempDir()
	testtree.Write(b, dir, chartFiles())
	name := filepath.Join(dir, "app/templates/deploy.yaml")
	src, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p := NewParser(parsers.Default()[parsers.YAML], Options{})
		if _, err := parsers.For(p, name).Parse(name, src); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGeneratedValues(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/templates/secret.yaml"] = `apiVersion: v1
kind: Secret
metadata:
  name: creds
  annotations:
    rendered-at: {{ now | date "2006-01-02T15:04:05.000000000" | quote }}
data:
  generated: {{ randAlphaNum 16 | b64enc | quote }}
  id: {{ uuidv4 | quote }}
  fromValues: {{ .Values.image.tag | b64enc | quote }}
`
	testtree.Write(t, dir, files)
	var first []parsers.Document
	for range 2 {
		p := NewParser(parsers.Default()[parsers.YAML], Options{})
		docs, err := parseFile(t, p, filepath.Join(dir, "app/templates/secret.yaml"))
		if err != nil || len(docs) != 1 {
			t.Fatalf("got %d documents, %v", len(docs), err)
		}
		v := docs[0].Value.(map[string]any)
		data := v["data"].(map[string]any)
		if data["generated"] != Generated || data["id"] != Generated || v["metadata"].(map[string]any)["annotations"].(map[string]any)["rendered-at"] != Generated {
			t.Errorf("random and time values are not marked generated: %v", v)
		}
		if data["fromValues"] != "MS4yNw==" {
			t.Errorf("a value from values.yaml was changed: %v", data["fromValues"])
		}
		if r := lineOf(t, docs[0], "/data/generated"); r.StartLine != 8 {
			t.Errorf("data.generated at line %d, want 8", r.StartLine)
		}
		if first != nil && fmt.Sprint(first[0].Value) != fmt.Sprint(docs[0].Value) {
			t.Errorf("two runs differ:\n%v\n%v", first[0].Value, docs[0].Value)
		}
		first = docs
	}
}

func TestSettle(t *testing.T) {
	a := map[string]any{"same": "x", "n": "1", "list": []any{"a", "b"}, "deep": map[string]any{"k": "1"}}
	b := map[string]any{"same": "x", "n": "2", "list": []any{"a", "c"}, "deep": map[string]any{"k": "2"}}
	c3 := map[string]any{"same": "x", "n": "3", "list": []any{"a", "d"}, "deep": map[string]any{"k": "3"}}
	v, c := settle([]any{a, b, c3}, parsers.Path{})
	if c != nil {
		t.Fatalf("settle: %+v", c)
	}
	got := v.(map[string]any)
	if got["same"] != "x" || got["n"] != Generated || got["list"].([]any)[1] != Generated || got["list"].([]any)[0] != "a" || got["deep"].(map[string]any)["k"] != Generated {
		t.Errorf("settle = %v", got)
	}
	// Any other difference is where a policy would judge one value and a
	// deployment may get the other: it is returned, the first in key order.
	for _, tc := range []struct {
		a, b any
		at   string
		what string
	}{
		{map[string]any{"p": false}, map[string]any{"p": true}, "/p", "false in one rendering, true in another"},
		{map[string]any{"n": 1.0}, map[string]any{"n": 2.0}, "/n", "1 in one rendering, 2 in another"},
		{map[string]any{"s": "1"}, map[string]any{"s": 1.0}, "/s", `"1" in one rendering, 1 in another`},
		{map[string]any{"s": nil}, map[string]any{"s": "x"}, "/s", `null in one rendering, "x" in another`},
		{map[string]any{"m": map[string]any{}}, map[string]any{"m": []any{}}, "/m", "a mapping in one rendering, a list in another"},
		{map[string]any{"a": "1"}, map[string]any{"b": "1"}, "/a", "in one rendering only"},
		{map[string]any{"a": "1", "c": "1"}, map[string]any{"a": "1", "b": "1", "c": "1"}, "/b", "in one rendering only"},
		{[]any{"a"}, []any{"a", "b"}, "/1", "in one rendering only"},
		{[]any{"x", map[string]any{"z": true, "y": 1.0}}, []any{"x", map[string]any{"z": false, "y": 2.0}}, "/1/y", "1 in one rendering, 2 in another"},
		// A string that the third rendering gives as one of the first two
		// is picked, not made.
		{map[string]any{"s": "1.25"}, map[string]any{"s": "latest"}, "/s", `"1.25" in one rendering, "latest" in another`},
		{map[string]any{"s": "1.25"}, map[string]any{"s": "1.25"}, "/s", `"1.25" in one rendering, "1.26" in another`},
	} {
		third := tc.b
		if tc.at == "/s" && tc.a.(map[string]any)["s"] == "1.25" {
			third = map[string]any{"s": "1.26"}
			if tc.b.(map[string]any)["s"] == "latest" {
				third = tc.a
			}
		}
		v, c := settle([]any{tc.a, tc.b, third}, parsers.Path{})
		if c == nil || c.at.String() != tc.at || c.what != tc.what {
			t.Errorf("settle(%v, %v) = %v, %+v; want a conflict at %s: %s", tc.a, tc.b, v, c, tc.at, tc.what)
		}
	}
}

// tgz packs files (paths inside the archive) as helm package does.
func tgz(t *testing.T, files map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(files[name])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// An archived subchart has no files to report on: what it deploys is
// judged as documents of the Chart.yaml that holds it, on its dependency
// entry's line.
func TestArchivedSubchart(t *testing.T) {
	dir := t.TempDir()
	files := chartFiles()
	files["app/Chart.yaml"] = "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: db\n  version: 0.1.0\n  condition: db.enabled\n- name: cache\n  version: 1.2.3\n"
	files["app/charts/cache-1.2.3.tgz"] = tgz(t, map[string]string{
		"cache/Chart.yaml":         "apiVersion: v2\nname: cache\nversion: 1.2.3\n",
		"cache/values.yaml":        "privileged: true\n",
		"cache/templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: {{ .Values.privileged }}\n",
	})
	testtree.Write(t, dir, files)
	p := NewParser(parsers.Default()[parsers.YAML], Options{})
	docs, err := parseFile(t, p, filepath.Join(dir, "app/Chart.yaml"))
	if err != nil || len(docs) != 2 {
		t.Fatalf("got %d documents, %v; want Chart.yaml's and the archive's pod", len(docs), err)
	}
	pod := docs[1]
	if pod.Index != 1 || pod.Value.(map[string]any)["kind"] != "Pod" {
		t.Fatalf("second document: %v", pod.Value)
	}
	if r := lineOf(t, pod, "/spec/containers/0/securityContext/privileged"); r.StartLine != 8 {
		t.Errorf("the archive's value at line %d, want 8 (its dependency entry)", r.StartLine)
	}
	got, err := Rendered(filepath.Join(dir, "app"))
	if err != nil || !slices.Contains(got, "Chart.yaml") {
		t.Errorf("Rendered = %v, %v; want Chart.yaml, which reports the archive", got, err)
	}
	if root, ok := ChartOf(dir, filepath.Join(dir, "app/charts/cache-1.2.3.tgz")); !ok || root != filepath.Join(dir, "app") {
		t.Errorf("ChartOf(the archive) = %q, %v", root, ok)
	}
}

func TestArchiveChartName(t *testing.T) {
	for name, want := range map[string]string{"db-1.2.3.tgz": "db", "my-chart-0.1.0-rc.1.tgz": "my-chart", "plain.tar.gz": "plain", "x-y.tgz": "x-y"} {
		if got := archiveChartName(name); got != want {
			t.Errorf("archiveChartName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestChartWide(t *testing.T) {
	for name, want := range map[string]bool{
		"Chart.yaml":         true,
		"Chart.lock":         true,
		"values.yaml":        true,
		"values-prod.yml":    true,
		"values.schema.json": true,
		"deployment.yaml":    false,
		"main.tf":            false,
		"chart.yaml":         false, // Helm reads only Chart.yaml
		"values.txt":         false,
	} {
		if got := ChartWide(name); got != want {
			t.Errorf("ChartWide(%q) = %v, want %v", name, got, want)
		}
	}
}
