package kustomize

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

// noFetching makes every download go to a proxy that counts requests and
// every git command to a script that leaves a mark, and returns a check
// that fails the test if either was used: a kustomization must never make
// the gate fetch anything.
func noFetching(tb testing.TB, setenv func(k, v string)) func(testing.TB) {
	var requests atomic.Int64
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		http.Error(w, "no fetching", http.StatusForbidden)
	}))
	tb.Cleanup(proxy.Close)
	bin := tb.TempDir()
	mark := filepath.Join(bin, "git-was-run")
	script := "#!/bin/sh\ntouch '" + mark + "'\nexit 1\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		tb.Fatal(err)
	}
	for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"} {
		setenv(k, proxy.URL)
	}
	setenv("NO_PROXY", "")
	setenv("PATH", bin)
	return func(tb testing.TB) {
		tb.Helper()
		if n := requests.Load(); n > 0 {
			tb.Errorf("the build made %d download requests", n)
		}
		if _, err := os.Stat(mark); err == nil {
			tb.Errorf("the build ran git")
		}
	}
}

func TestNoFetching(t *testing.T) {
	check := noFetching(t, t.Setenv)
	for _, ref := range []string{
		"github.com/org/repo//deploy?ref=v1",
		"https://github.com/org/repo/deploy?ref=v1",
		"https://example.com/x.yaml",
		"git::https://example.com/org/repo",
		"ssh://git@example.com/org/repo.git",
		"git@example.com:org/repo.git",
		"file:///tmp/repo.git//deploy",
	} {
		for _, field := range []string{"resources", "components", "bases"} {
			dir := t.TempDir()
			files := repo()
			files["app/kustomization.yaml"] = field + ":\n  - " + ref + "\n"
			testtree.Write(t, dir, files)
			if _, err := parseFile(t, newTestParser(dir), dir, "app/kustomization.yaml"); err == nil {
				t.Errorf("%s %s: built", field, ref)
			}
		}
	}
	check(t)
}

// FuzzKustomization builds arbitrary kustomizations beside a base and an
// overlay: no panic, nothing fetched, and a failure is a parse error on a
// line of the file.
func FuzzKustomization(f *testing.F) {
	for _, seed := range []string{
		repo()["prod/kustomization.yaml"],
		"resources:\n  - ../base\n",
		"resources:\n  - ../prod\nnameSuffix: -x\n",
		"resources:\n  - https://example.com/x.yaml\n",
		"patches:\n  - path: ../prod/debug.yaml\nresources: [../base]\n",
		"kind: Component\n",
		"configMapGenerator:\n  - name: a\n    envs: [x.env]\n",
		"resources: 7\n",
		"replicas:\n  - name: web\n    count: 3\nresources: [../base]\n",
		"[",
	} {
		f.Add(seed)
	}
	check := noFetching(f, f.Setenv)
	f.Fuzz(func(t *testing.T, kustomization string) {
		dir := t.TempDir()
		files := repo()
		files["app/kustomization.yaml"] = kustomization
		testtree.Write(t, dir, files)
		docs, err := parseFile(t, newTestParser(dir), dir, "app/kustomization.yaml")
		if err != nil {
			var perr *parsers.ParseError
			if !errors.As(err, &perr) || perr.Line < 1 || perr.File != "app/kustomization.yaml" {
				t.Fatalf("error %v, want a parse error on a line of the file", err)
			}
			if strings.Contains(perr.Msg, dir) {
				t.Fatalf("the message names the machine's directory: %s", perr.Msg)
			}
			check(t)
			return
		}
		for i, d := range docs {
			if d.Index != i || d.Map == nil || d.Range.StartLine < 1 {
				t.Fatalf("document %d: index %d, range %v", i, d.Index, d.Range)
			}
		}
		check(t)
	})
}
