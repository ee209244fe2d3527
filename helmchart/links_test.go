package helmchart

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"helm.sh/helm/v4/pkg/chart/common"
	commonutil "helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/engine"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

const privilegedPod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: evil\nspec:\n  containers:\n  - name: evil\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n"

// linkedRepo writes a repository (a directory holding .git) with the
// chart repo/app and files, and makes the links (path -> target, both
// relative to the repository). It returns the repository.
func linkedRepo(t *testing.T, files map[string]string, links map[string]string) string {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "repo")
	testtree.Write(t, repo, map[string]string{
		".git/config":           "[core]\n",
		"app/Chart.yaml":        "apiVersion: v2\nname: app\nversion: 0.1.0\n",
		"app/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n",
	})
	testtree.Write(t, repo, files)
	for name, target := range links {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	return repo
}

// helmRenders renders the chart at dir as Helm does (its own loader and
// engine): the rendered templates by name, without the chart's name.
func helmRenders(t *testing.T, dir string) map[string]string {
	t.Helper()
	ch, err := loader.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := commonutil.ToRenderValuesWithSchemaValidation(ch, map[string]any{}, common.ReleaseOptions{Name: ReleaseName, Namespace: ReleaseNamespace}, common.DefaultCapabilities.Copy(), true)
	if err != nil {
		t.Fatal(err)
	}
	out, err := engine.Engine{}.Render(ch, vals)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for k, v := range out {
		got[strings.TrimPrefix(k, ch.Name()+"/")] = v
	}
	return got
}

// TestDirectoryLinksAreFollowed: a link to a directory inside the
// repository is followed, as Helm's loader follows it, in templates/
// (to the chart's files/, or out of the chart) and as a subchart in
// charts/: what Helm renders through it is judged.
func TestDirectoryLinksAreFollowed(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		links    map[string]string
		template string // what is judged, in the repository
		key      string // a data path of it whose value is true
	}{
		{
			name:     "templates to the chart's files",
			files:    map[string]string{"app/files/pod.txt": privilegedPod},
			links:    map[string]string{"app/templates/extra": "../files"},
			template: "app/templates/extra/pod.txt",
			key:      "/spec/containers/0/securityContext/privileged",
		},
		{
			name:     "templates out of the chart",
			files:    map[string]string{"evil/pod.yaml": privilegedPod},
			links:    map[string]string{"app/templates/extra": "../../evil"},
			template: "app/templates/extra/pod.yaml",
			key:      "/spec/containers/0/securityContext/privileged",
		},
		{
			name: "a subchart",
			files: map[string]string{
				"app/values.yaml":            "db:\n  privileged: true\n",
				"libs/db/Chart.yaml":         "apiVersion: v2\nname: db\nversion: 0.1.0\n",
				"libs/db/values.yaml":        "privileged: false\n",
				"libs/db/templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n  - name: db\n    securityContext:\n      privileged: {{ .Values.privileged }}\n",
			},
			links:    map[string]string{"app/charts/db": "../../libs/db"},
			template: "app/charts/db/templates/pod.yaml",
			key:      "/spec/containers/0/securityContext/privileged",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := linkedRepo(t, tc.files, tc.links)
			app := filepath.Join(repo, "app")
			rel, _ := filepath.Rel(app, filepath.Join(repo, filepath.FromSlash(tc.template)))
			rel = filepath.ToSlash(rel)
			if _, ok := helmRenders(t, app)[rel]; !ok {
				t.Fatalf("Helm does not render %s: the case does not show what it should", rel)
			}
			listed, err := Rendered(app)
			if err != nil || !slices.Contains(listed, rel) {
				t.Errorf("Rendered = %v, %v; want %s listed", listed, err, rel)
			}
			p := NewParser(parsers.Default()[parsers.YAML], Options{Dir: repo})
			docs, err := parseFile(t, p, filepath.Join(repo, filepath.FromSlash(tc.template)))
			if err != nil || len(docs) != 1 {
				t.Fatalf("got %d documents, %v; want the linked pod", len(docs), err)
			}
			v := any(docs[0].Value)
			for _, k := range strings.Split(tc.key[1:], "/") {
				switch x := v.(type) {
				case map[string]any:
					v = x[k]
				case []any:
					v = x[0]
				}
			}
			if v != true {
				t.Errorf("%s = %v, want true (as Helm renders it)", tc.key, v)
			}
		})
	}
}

// TestLinksOutOfTheRepository: a link to a directory outside the
// repository (or into its .git), or a link cycle, keeps the chart from
// rendering: a parse error on Chart.yaml and on each template naming the
// link, never a chart judged without what Helm would read. A link to a
// file outside is left out (.Files.Get gives ""); one to a file of the
// repository outside the chart is read, as Helm reads it.
func TestLinksOutOfTheRepository(t *testing.T) {
	outside := t.TempDir()
	testtree.Write(t, outside, map[string]string{"evil/pod.yaml": privilegedPod, "secret.txt": "s3cr3t\n"})
	for _, tc := range []struct {
		name  string
		links map[string]string
		want  string // in the error; "" for none
	}{
		{"directory outside", map[string]string{"app/templates/extra": filepath.Join(outside, "evil")}, "templates/extra (-> " + filepath.Join(outside, "evil") + ") is a link to a directory outside the repository"},
		{"subchart outside", map[string]string{"app/charts/db": filepath.Join(outside, "evil")}, "charts/db (-> " + filepath.Join(outside, "evil") + ") is a link to a directory outside the repository"},
		{"into .git", map[string]string{"app/templates/extra": "../../.git"}, "templates/extra (-> ../../.git) is a link to a directory outside the repository"},
		{"a cycle", map[string]string{"app/templates/loop": ".."}, "templates/loop (-> ..) is a link to a directory that holds it (a cycle)"},
		{"ignored", map[string]string{"app/templates/extra": filepath.Join(outside, "evil"), "app/.helmignore": "templates/extra\n"}, ""},
		{"file outside", map[string]string{"app/files/leak": filepath.Join(outside, "secret.txt")}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			links := map[string]string{}
			files := map[string]string{}
			for k, v := range tc.links {
				if strings.HasSuffix(k, ".helmignore") {
					files[k] = v
				} else {
					links[k] = v
				}
			}
			repo := linkedRepo(t, files, links)
			app := filepath.Join(repo, "app")
			p := NewParser(parsers.Default()[parsers.YAML], Options{Dir: repo})
			_, err := parseFile(t, p, filepath.Join(app, "templates/cm.yaml"))
			_, merr := parseFile(t, p, filepath.Join(app, "Chart.yaml"))
			for _, err := range []error{err, merr} {
				var perr *parsers.ParseError
				switch {
				case tc.want == "" && err != nil:
					t.Errorf("got %v, want the chart rendered", err)
				case tc.want != "" && (!errors.As(err, &perr) || perr.Line != 1 || !strings.Contains(perr.Msg, tc.want)):
					t.Errorf("got %v, want a parse error on line 1 with %q", err, tc.want)
				}
			}
			listed, err := Rendered(app)
			if err != nil || !slices.Contains(listed, "Chart.yaml") || !slices.Contains(listed, "templates/cm.yaml") {
				t.Errorf("Rendered = %v, %v; want Chart.yaml and the template listed, to report the link", listed, err)
			}
		})
	}
}

func TestFileLinksInsideTheRepositoryAreRead(t *testing.T) {
	repo := linkedRepo(t, map[string]string{
		"shared.txt":               "shared\n",
		"app/templates/cm.yaml":    "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: {{ .Files.Get \"files/shared\" | quote }}\n  b: {{ .Files.Get \"vendored/.git/config\" | quote }}\n",
		"app/vendored/.git/config": "[remote]\n  token = x\n",
	}, map[string]string{"app/files/shared": "../../shared.txt"})
	p := NewParser(parsers.Default()[parsers.YAML], Options{Dir: repo})
	docs, err := parseFile(t, p, filepath.Join(repo, "app/templates/cm.yaml"))
	if err != nil || len(docs) != 1 {
		t.Fatalf("got %d documents, %v", len(docs), err)
	}
	data := docs[0].Value.(map[string]any)["data"].(map[string]any)
	if data["a"] != "shared\n" || data["b"] != "" {
		t.Errorf("data = %v; want the repository's file read through the link and .git left out", data)
	}
}

// TestLinkFanOutIsBounded: directories that each link twice to the next
// make a tree of 2^n paths from n directories; the walk stops.
func TestLinkFanOutIsBounded(t *testing.T) {
	links := map[string]string{}
	files := map[string]string{}
	for i := 1; i <= 24; i++ {
		files[filepath.ToSlash(filepath.Join("fan", "d"+strings.Repeat("x", i), "keep"))] = ""
	}
	for i := 1; i < 24; i++ {
		dir := "fan/d" + strings.Repeat("x", i)
		links[dir+"/a"] = "../d" + strings.Repeat("x", i+1)
		links[dir+"/b"] = "../d" + strings.Repeat("x", i+1)
	}
	links["app/templates/fan"] = "../../fan/dx"
	repo := linkedRepo(t, files, links)
	// The walk of a parse is held to maxEntries; a smaller bound here
	// keeps the test fast.
	r := &chartReader{repo: repository(filepath.Join(repo, "app"), repo), names: true, entries: 1000}
	if err := r.read(filepath.Join(repo, "app")); err == nil || !strings.Contains(err.Error(), "more than 100000 files and directories") {
		t.Errorf("got %v, want the walk stopped", err)
	}
}
