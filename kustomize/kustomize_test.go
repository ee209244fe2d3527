package kustomize

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

// repo is a repository (it has .git) with a base, an overlay that
// patches, retags and namespaces it, and a generated ConfigMap.
func repo() map[string]string {
	return map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		"base/kustomization.yaml": `resources:
  - deployment.yaml
`,
		"base/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true
`,
		"prod/kustomization.yaml": `namespace: prod
namePrefix: prod-
resources:
  - ../base
patches:
  - path: debug.yaml
images:
  - name: nginx
    newTag: "1.28"
configMapGenerator:
  - name: settings
    literals: [mode=fast]
`,
		"prod/debug.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          securityContext:
            privileged: true
`,
	}
}

func newTestParser(dir string) *Parser {
	return NewParser(parsers.Default()[parsers.YAML], Options{Dir: dir})
}

func parseFile(t *testing.T, p *Parser, dir, name string) ([]parsers.Document, error) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return p.ParserFor(name).Parse(name, src)
}

func TestBuildPlacesValues(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, repo())
	docs, err := parseFile(t, newTestParser(dir), dir, "prod/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want the kustomization, the Deployment and the ConfigMap", len(docs))
	}
	if v := docs[0].Value.(map[string]any); v["namePrefix"] != "prod-" {
		t.Errorf("document 0 is not the kustomization itself: %v", v)
	}
	dep := docs[1]
	meta := dep.Value.(map[string]any)["metadata"].(map[string]any)
	if meta["name"] != "prod-web" || meta["namespace"] != "prod" {
		t.Errorf("metadata = %v, want the built name and namespace", meta)
	}
	if _, ok := meta["annotations"]; ok {
		t.Errorf("the origin annotation asked for by the build is left in: %v", meta["annotations"])
	}
	if dep.Index != 1 || dep.Range.StartLine != 4 {
		t.Errorf("Deployment: index %d, line %d; want 1 and the resources entry's line 4", dep.Index, dep.Range.StartLine)
	}
	c := "/spec/template/spec/containers/0"
	for _, tc := range []struct {
		path       string
		line       int    // in the kustomization
		originFile string // "" for none
		originLine int
	}{
		{"", 4, "base/deployment.yaml", 1},
		{"/metadata/namespace", 1, "", 0},
		{"/metadata/name", 2, "", 0},
		{c + "/image", 8, "", 0}, // the images entry that retagged it
		{c + "/securityContext/privileged", 6, "prod/debug.yaml", 11},
		{c + "/securityContext/runAsNonRoot", 4, "base/deployment.yaml", 12},
		{c + "/name", 4, "base/deployment.yaml", 9},
		{c, 4, "base/deployment.yaml", 9},
	} {
		p := parsers.ParsePointer(tc.path)
		r, ok := dep.Map.Exact(p)
		if !ok || r.StartLine != tc.line {
			t.Errorf("%s: line %d (%v), want %d", tc.path, r.StartLine, ok, tc.line)
		}
		o, ok := dep.OriginOf(p)
		switch {
		case tc.originFile == "" && ok:
			t.Errorf("%s: origin %s:%d, want none (the kustomization changed it)", tc.path, o.File, o.StartLine)
		case tc.originFile != "" && (o.File != tc.originFile || o.StartLine != tc.originLine):
			t.Errorf("%s: origin %s:%d, want %s:%d", tc.path, o.File, o.StartLine, tc.originFile, tc.originLine)
		}
	}
	cm := docs[2]
	if kindOf(cm.Value) != "ConfigMap" || cm.Range.StartLine != 11 {
		t.Errorf("ConfigMap: kind %q on line %d, want the generator entry's line 11", kindOf(cm.Value), cm.Range.StartLine)
	}
}

// An origin is named as the kustomization is: relative to Options.Dir
// the way a user would name that file from there, whichever directory the
// build reached it through; absolute when the kustomization is named so.
func TestOriginNames(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, repo())
	for _, tc := range []struct {
		dir, name string
		want      string
	}{
		{dir, "prod/kustomization.yaml", "base/deployment.yaml"},
		{filepath.Join(dir, "base"), "../prod/kustomization.yaml", "deployment.yaml"},
		{filepath.Join(dir, "prod"), "kustomization.yaml", "../base/deployment.yaml"},
		{dir, filepath.Join(dir, "prod", "kustomization.yaml"), filepath.ToSlash(filepath.Join(dir, "base", "deployment.yaml"))},
	} {
		src, err := os.ReadFile(filepath.Join(dir, "prod", "kustomization.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := newTestParser(tc.dir).ParserFor(tc.name).Parse(tc.name, src)
		if err != nil {
			t.Fatal(err)
		}
		o, ok := docs[1].OriginOf(parsers.Path{"metadata"})
		if !ok || o.File != tc.want {
			t.Errorf("%s from %s: origin %q (%v), want %q", tc.name, tc.dir, o.File, ok, tc.want)
		}
	}
}

// An image an images entry changed lands on that entry, found by its name
// or its newName, not on the whole images field.
func TestImagesEntry(t *testing.T) {
	dir := t.TempDir()
	files := repo()
	files["prod/kustomization.yaml"] = `resources:
  - ../base
images:
  - name: busybox
    newTag: "1.36"
  - name: nginx
    newName: registry.example.com/nginx
    newTag: latest
  - name: redis
    newTag: "7"
`
	testtree.Write(t, dir, files)
	docs, err := parseFile(t, newTestParser(dir), dir, "prod/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := parsers.Path{"spec", "template", "spec", "containers", "0", "image"}
	if v, _ := parsers.ValueAt(docs[1].Value, p); v != "registry.example.com/nginx:latest" {
		t.Fatalf("image = %v", v)
	}
	if r, ok := docs[1].Map.Exact(p); !ok || r.StartLine != 6 || r.EndLine != 8 {
		t.Errorf("image at %d-%d (%v), want the nginx entry, 6-8", r.StartLine, r.EndLine, ok)
	}
	for _, tc := range []struct{ ref, want string }{
		{"nginx", "nginx"}, {"nginx:1.27", "nginx"}, {"registry:5000/team/app:v1", "registry:5000/team/app"},
		{"registry:5000/app", "registry:5000/app"}, {"app@sha256:abc", "app"}, {"app:v1@sha256:abc", "app"},
	} {
		if got := imageName(tc.ref); got != tc.want {
			t.Errorf("imageName(%q) = %q, want %q", tc.ref, got, tc.want)
		}
	}
}

// A missing key (a policy that finds no securityContext) takes the origin
// of the nearest value that is there.
func TestOriginOfMissingKey(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, repo())
	docs, err := parseFile(t, newTestParser(dir), dir, "base/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o, ok := docs[1].OriginOf(parsers.Path{"spec", "template", "spec", "containers", "0", "resources", "limits"})
	if !ok || o.File != "base/deployment.yaml" || o.StartLine != 9 {
		t.Errorf("origin %v %v, want the container at base/deployment.yaml:9", o, ok)
	}
}

func TestKustomizationAskingForOrigins(t *testing.T) {
	dir := t.TempDir()
	files := repo()
	files["base/kustomization.yaml"] = "buildMetadata: [originAnnotations]\nresources:\n  - deployment.yaml\n"
	testtree.Write(t, dir, files)
	docs, err := parseFile(t, newTestParser(dir), dir, "base/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ann, _ := docs[1].Value.(map[string]any)["metadata"].(map[string]any)["annotations"].(map[string]any)
	if !strings.Contains(ann[originAnnotation].(string), "deployment.yaml") {
		t.Errorf("annotations = %v, want the origin the kustomization asked for", ann)
	}
}

func TestComponentIsNotBuiltAlone(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{
		"comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: p.yaml\n",
		"comp/p.yaml":             "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
	})
	docs, err := parseFile(t, newTestParser(dir), dir, "comp/kustomization.yaml")
	if err != nil || len(docs) != 1 {
		t.Fatalf("got %d documents, %v; want the component itself only", len(docs), err)
	}
}

func TestRemoteReferencesRefused(t *testing.T) {
	for _, tc := range []struct {
		name, kustomization string
		extra               map[string]string
		line                int
		want                string
	}{
		{"git base", "resources:\n  - deployment.yaml\n  - github.com/org/repo//deploy?ref=v1\n", nil, 3, `resources entry "github.com/org/repo//deploy?ref=v1" is remote`},
		{"https file", "resources:\n  - https://example.com/x.yaml\n", nil, 2, "is remote"},
		{"scp base", "bases:\n  - git@github.com:org/repo.git\n", nil, 2, "is remote"},
		{"ssh component", "components:\n  - ssh://host/repo.git//c\n", nil, 2, "is remote"},
		{"patch URL", "resources:\n  - deployment.yaml\npatches:\n  - path: https://example.com/p.yaml\n", nil, 4, "patches entry"},
		{"generator file URL", "configMapGenerator:\n  - name: x\n    files:\n      - k=https://example.com/f\n", nil, 4, "configMapGenerator entry"},
		{"transformer config", "resources:\n  - deployment.yaml\ntransformers:\n  - t.yaml\n",
			map[string]string{"app/t.yaml": "apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p\npath: http://example.com/p.yaml\n"}, 4, "transformers entry names"},
		{"inline transformer", "resources:\n  - deployment.yaml\ntransformers:\n  - |\n    apiVersion: builtin\n    kind: PatchTransformer\n    metadata:\n      name: p\n    path: https://example.com/p.yaml\n", nil, 4, "is remote"},
		{"in a base", "resources:\n  - ../remote-base\n",
			map[string]string{"remote-base/kustomization.yaml": "resources:\n  - https://example.com/x.yaml\n"}, 2, "remote-base/kustomization.yaml:2: resources entry"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := repo()
			files["app/kustomization.yaml"] = tc.kustomization
			files["app/deployment.yaml"] = files["base/deployment.yaml"]
			for k, v := range tc.extra {
				files[k] = v
			}
			testtree.Write(t, dir, files)
			_, err := parseFile(t, newTestParser(dir), dir, "app/kustomization.yaml")
			var perr *parsers.ParseError
			if !errors.As(err, &perr) {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if perr.File != "app/kustomization.yaml" || perr.Line != tc.line || !strings.Contains(perr.Msg, tc.want) {
				t.Errorf("error %s:%d: %s; want line %d and %q", perr.File, perr.Line, perr.Msg, tc.line, tc.want)
			}
		})
	}
}

func TestRemoteRef(t *testing.T) {
	for s, want := range map[string]bool{
		"github.com/org/repo":                    true,
		"GitHub.com:org/repo":                    true,
		"git::https://gitlab.com/org/repo":       true,
		"https://example.com/a.yaml":             true,
		"HTTP://example.com/a.yaml":              true,
		"file:///srv/repo//base":                 true,
		"git@gitlab.com:org/repo.git":            true,
		"user-1@host:repo":                       true,
		"ssh://git@host:22/org/repo.git?ref=v1":  true,
		"https:/example.com/x.yaml":              true,
		"HTTP:example.com/x.yaml":                true,
		"gh:org/repo":                            true,
		"file:/srv/repo":                         true,
		"gitlab.com/org/repo?ref=v1":             false, // kustomize reads this as a local path
		"../base":                                false,
		"deployment.yaml":                        false,
		"base/github.com/x":                      false,
		"config/e-mail@2x.yaml":                  false,
		"overlays/prod":                          false,
		"k8s/@sha256-digest.yaml":                false,
		"./github.com-mirror/org/repo/base.yaml": false,
	} {
		if got := remoteRef(s); got != want {
			t.Errorf("remoteRef(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestReadsNothingOutsideTheRepository(t *testing.T) {
	outside := t.TempDir()
	testtree.Write(t, outside, map[string]string{"secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"})
	for _, tc := range []struct {
		name, kustomization string
		link                bool
	}{
		{"climbing out", "resources:\n  - ../../" + filepath.Base(outside) + "/secret.yaml\n", false},
		{"through a link", "resources:\n  - linked/secret.yaml\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "repo")
			// The outside directory sits beside the repository.
			if err := os.Symlink(outside, filepath.Join(parent, filepath.Base(outside))); err != nil {
				t.Fatal(err)
			}
			testtree.Write(t, dir, map[string]string{".git/HEAD": "x", "app/kustomization.yaml": tc.kustomization})
			if tc.link {
				if err := os.Symlink(outside, filepath.Join(dir, "app", "linked")); err != nil {
					t.Fatal(err)
				}
			}
			_, err := parseFile(t, newTestParser(dir), dir, "app/kustomization.yaml")
			var perr *parsers.ParseError
			if !errors.As(err, &perr) || !strings.Contains(perr.Msg, "outside the repository") {
				t.Fatalf("err = %v, want a refusal to read outside the repository", err)
			}
			if perr.Line != 2 || strings.Contains(perr.Msg, dir) {
				t.Errorf("error on line %d: %s; want the entry's line 2 and names relative to the repository", perr.Line, perr.Msg)
			}
		})
	}
}

// git's own files are not read: a checkout's .git/config can hold the
// job's token, and a generator would put it in a ConfigMap.
func TestReadsNothingInGit(t *testing.T) {
	for _, tc := range []struct{ name, file, kustomization string }{
		// A kustomization at the top of the repository has .git below it.
		{"generator file", "kustomization.yaml", "configMapGenerator:\n  - name: leak\n    files:\n      - .git/config\n"},
		{"through a link", "app/kustomization.yaml", "configMapGenerator:\n  - name: leak\n    files:\n      - cfg\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			testtree.Write(t, dir, map[string]string{
				".git/config": "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
				tc.file:       tc.kustomization,
			})
			if err := os.Symlink(filepath.Join(dir, ".git", "config"), filepath.Join(dir, "cfg")); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "app"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(dir, ".git", "config"), filepath.Join(dir, "app", "cfg")); err != nil {
				t.Fatal(err)
			}
			docs, err := parseFile(t, newTestParser(dir), dir, tc.file)
			for _, d := range docs {
				if strings.Contains(fmt.Sprint(d.Value), "c2VjcmV0") {
					t.Fatalf("a document holds .git/config: %v", d.Value)
				}
			}
			var perr *parsers.ParseError
			if !errors.As(err, &perr) || !strings.Contains(perr.Msg, ".git") {
				t.Fatalf("err = %v, want a refusal to read .git", err)
			}
		})
	}
}

func TestBuildError(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{
		".git/HEAD":              "x",
		"app/kustomization.yaml": "namespace: x\nresources:\n  - deployment.yaml\n  - missing.yaml\n",
		"app/deployment.yaml":    repo()["base/deployment.yaml"],
	})
	_, err := parseFile(t, newTestParser(dir), dir, "app/kustomization.yaml")
	var perr *parsers.ParseError
	if !errors.As(err, &perr) || perr.Line != 4 || !strings.Contains(perr.Msg, "kustomize build:") {
		t.Fatalf("err = %v, want a build error on the missing entry's line 4", err)
	}
	if strings.Contains(perr.Msg, dir) {
		t.Errorf("the message names the machine's directory: %s", perr.Msg)
	}
}

// TestBuildErrorMissingFile: a missing file is named once, on one line,
// on the line of the entry that names it (kustomize's own text names it
// three times through layers of wrapping, a patch's with its YAML
// configuration over several lines).
func TestBuildErrorMissingFile(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{
		".git/HEAD":               "x",
		"base/kustomization.yaml": "resources:\n  - gone.yaml\n",
		"app/kustomization.yaml":  "resources:\n  - deployment.yaml\n",
		"app/deployment.yaml":     repo()["base/deployment.yaml"],
		"patched/kustomization.yaml": `resources:
  - ../app
patches:
  - target:
      kind: Deployment
    path: patches/gone.yaml
`,
		"overlay/kustomization.yaml": "resources:\n  - ../app\n  - ../base\n",
	})
	for _, tt := range []struct {
		file string
		line int
		msg  string
	}{
		{"base/kustomization.yaml", 2, "kustomize build: base/gone.yaml: no such file or directory"},
		{"patched/kustomization.yaml", 6, "kustomize build: patched/patches/gone.yaml: no such file or directory"},
		{"overlay/kustomization.yaml", 3, "kustomize build: base/gone.yaml: no such file or directory"},
	} {
		_, err := parseFile(t, newTestParser(dir), dir, tt.file)
		var perr *parsers.ParseError
		if !errors.As(err, &perr) || perr.Line != tt.line || perr.Msg != tt.msg {
			t.Errorf("%s: err = %v, want %q on line %d", tt.file, err, tt.msg, tt.line)
		}
	}
}

func TestBuildTimeout(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, repo())
	p := NewParser(parsers.Default()[parsers.YAML], Options{Dir: dir, Timeout: time.Nanosecond})
	_, err := parseFile(t, p, dir, "prod/kustomization.yaml")
	if err == nil || !strings.Contains(err.Error(), "took longer than") {
		t.Fatalf("err = %v, want the time limit", err)
	}
}

func TestFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, repo())
	p := NewParser(parsers.Default()[parsers.YAML], Options{Dir: dir, MaxFileSize: 100})
	_, err := parseFile(t, p, dir, "prod/kustomization.yaml")
	if err == nil || !strings.Contains(err.Error(), "larger than the file size limit") {
		t.Fatalf("err = %v, want the size limit", err)
	}
}

func TestPatchHasNoDocumentsOfItsOwn(t *testing.T) {
	dir := t.TempDir()
	files := repo()
	files["prod/nested/other.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
	testtree.Write(t, dir, files)
	p := newTestParser(dir)
	pt, ok := p.ParserFor("prod/debug.yaml").(*Patch)
	if !ok {
		t.Fatalf("ParserFor(patch) = %T, want *Patch", p.ParserFor("prod/debug.yaml"))
	}
	if pt.Kustomization != filepath.Join(dir, "prod", "kustomization.yaml") {
		t.Errorf("Kustomization = %s", pt.Kustomization)
	}
	docs, err := pt.Parse("prod/debug.yaml", []byte(files["prod/debug.yaml"]))
	if err != nil || len(docs) != 0 {
		t.Errorf("Parse = %d documents, %v; want none", len(docs), err)
	}
	var perr *parsers.ParseError
	if _, err := pt.Parse("prod/debug.yaml", []byte("a: [\n")); !errors.As(err, &perr) {
		t.Errorf("a patch's syntax error: %v, want a parse error", err)
	}
	for _, name := range []string{"base/deployment.yaml", "prod/nested/other.yaml"} {
		if _, ok := p.ParserFor(name).(*Patch); ok {
			t.Errorf("%s is not a patch", name)
		}
	}
}

func TestInputsAndID(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, repo())
	got := Inputs(dir, filepath.Join(dir, "prod", "kustomization.yaml"), parsers.Default()[parsers.YAML])
	var rel []string
	for _, f := range got {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"base/deployment.yaml", "base/kustomization.yaml", "prod/debug.yaml", "prod/kustomization.yaml"}
	if !slices.Equal(rel, want) {
		t.Errorf("Inputs = %v, want %v", rel, want)
	}
	id := func() string {
		return newTestParser(dir).ParserFor("prod/kustomization.yaml").(*Kustomization).ID()
	}
	before := id()
	if again := id(); again != before {
		t.Errorf("ID differs between two parsers: %s, %s", before, again)
	}
	testtree.Write(t, dir, map[string]string{"base/deployment.yaml": strings.Replace(repo()["base/deployment.yaml"], "1.27", "1.26", 1)})
	if after := id(); after == before {
		t.Errorf("ID %s did not change with the base's manifest", after)
	}
}

// Patches of every kind place the values they write: inline patches on
// their own line of the kustomization, JSON 6902 operations (in a file or
// inline) on their value, an intermediate overlay's patch file as the
// origin of a value that comes through its entry.
func TestPatchKinds(t *testing.T) {
	dir := t.TempDir()
	files := repo()
	files["staging/kustomization.yaml"] = "resources:\n  - ../base\npatches:\n  - path: replicas.yaml\n"
	files["staging/replicas.yaml"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n"
	files["prod/kustomization.yaml"] = `resources:
  - ../staging
patches:
  - target:
      kind: Deployment
      name: web
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            hostNetwork: true
  - target:
      kind: Deployment
    path: ops.yaml
  - target:
      kind: Deployment
    patch: |-
      - op: add
        path: /spec/template/spec/hostIPC
        value: true
`
	files["prod/ops.yaml"] = "- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: nginx:1.29\n- op: add\n  path: /spec/template/spec/containers/0/securityContext/privileged\n  value: true\n"
	testtree.Write(t, dir, files)
	docs, err := parseFile(t, newTestParser(dir), dir, "prod/kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dep := docs[1]
	c := "/spec/template/spec/containers/0"
	for _, tc := range []struct {
		path       string
		line       int
		originFile string
		originLine int
	}{
		{"/spec/template/spec/hostNetwork", 15, "", 0},              // inline, on its own line
		{c + "/image", 16, "prod/ops.yaml", 3},                      // a JSON 6902 file: the op's value
		{c + "/securityContext/privileged", 16, "prod/ops.yaml", 6}, // an added key
		{"/spec/template/spec/hostIPC", 24, "", 0},                  // inline operations, on the value's line
		{"/spec/replicas", 2, "staging/replicas.yaml", 6},           // an intermediate overlay's patch
		{c + "/securityContext/runAsNonRoot", 2, "base/deployment.yaml", 12},
	} {
		p := parsers.ParsePointer(tc.path)
		r, ok := dep.Map.Exact(p)
		if !ok || r.StartLine != tc.line {
			t.Errorf("%s: line %d (%v), want %d", tc.path, r.StartLine, ok, tc.line)
		}
		o, ok := dep.Origins[tc.path]
		switch {
		case tc.originFile == "" && ok:
			t.Errorf("%s: origin %s:%d, want none", tc.path, o.File, o.StartLine)
		case tc.originFile != "" && (o.File != tc.originFile || o.StartLine != tc.originLine):
			t.Errorf("%s: origin %s:%d, want %s:%d", tc.path, o.File, o.StartLine, tc.originFile, tc.originLine)
		}
	}
}

// A kustomization with a schema of its own (openapi) does not change what
// the other builds of the run give: kustomize keeps the schema in
// process-wide variables. With the schema, a patch merges MyKind's items
// by id; without it, the patch's list replaces the base's.
func TestOwnSchemaDoesNotLeak(t *testing.T) {
	dir := t.TempDir()
	base := "apiVersion: example.com/v1alpha1\nkind: MyKind\nmetadata:\n  name: m\nspec:\n  items:\n    - id: a\n      x: 1\n    - id: b\n      x: 2\n"
	patch := "apiVersion: example.com/v1alpha1\nkind: MyKind\nmetadata:\n  name: m\nspec:\n  items:\n    - id: b\n      x: 3\n"
	schema := `{"definitions": {"v1alpha1.MyKind": {"type": "object",
  "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
    "spec": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"},
      "x-kubernetes-patch-merge-key": "id", "x-kubernetes-patch-strategy": "merge"}}}},
  "x-kubernetes-group-version-kind": [{"group": "example.com", "kind": "MyKind", "version": "v1alpha1"}]}}}`
	testtree.Write(t, dir, map[string]string{
		".git/HEAD":                 "x",
		"base/kustomization.yaml":   "resources:\n  - m.yaml\n",
		"base/m.yaml":               base,
		"plain/kustomization.yaml":  "resources:\n  - ../base\npatches:\n  - path: p.yaml\n",
		"plain/p.yaml":              patch,
		"custom/kustomization.yaml": "openapi:\n  path: schema.json\nresources:\n  - ../base\npatches:\n  - path: p.yaml\n",
		"custom/p.yaml":             patch,
		"custom/schema.json":        schema,
	})
	build := func(name string) string {
		t.Helper()
		docs, err := parseFile(t, newTestParser(dir), dir, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return fmt.Sprint(docs[len(docs)-1].Value)
	}
	before := build("plain/kustomization.yaml")
	custom := build("custom/kustomization.yaml")
	if before == custom {
		t.Fatalf("the schema changed nothing (the test shows nothing): %s", custom)
	}
	var wg sync.WaitGroup
	results := make([]string, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%4 == 0 {
				build("custom/kustomization.yaml")
				return
			}
			results[i] = build("plain/kustomization.yaml")
		}()
	}
	wg.Wait()
	for i, r := range results {
		if i%4 != 0 && r != before {
			t.Errorf("build %d beside a custom schema: %s, want %s", i, r, before)
		}
	}
	if after := build("plain/kustomization.yaml"); after != before {
		t.Errorf("a build after a custom schema: %s, want %s", after, before)
	}
}
