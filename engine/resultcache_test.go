package engine

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// memResults is an in-memory ResultCache counting hits.
type memResults struct {
	mu   sync.Mutex
	m    map[string][]byte
	hits int
}

func (c *memResults) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	if ok {
		c.hits++
	}
	return v, ok
}

func (c *memResults) Put(key string, v []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = v
}

func checkCached(t *testing.T, opts Options, files []File) *Report {
	t.Helper()
	e, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestResultCacheReusesOnlyWhatIsUnchanged(t *testing.T) {
	yaml := parsers.Default()[parsers.YAML]
	files := []File{
		{Name: "a.yaml", Content: []byte("kind: Pod\nmetadata:\n  name: a\nspec:\n  hostNetwork: true\n"), Parser: yaml},
		{Name: "b.yaml", Content: []byte("kind: Pod\nmetadata:\n  name: b\n---\nkind: Pod\nmetadata:\n  name: c\nspec:\n  hostNetwork: true\n"), Parser: yaml},
	}
	policy := writePolicy(t, map[string]string{"p.rego": `package main

deny contains msg if {
	input.spec.hostNetwork
	msg := sprintf("%s uses the host network", [input.metadata.name])
}

warn contains {"msg": "pod", "n": 1} if input.kind == "Pod"
`})
	cache := &memResults{m: map[string][]byte{}}
	opts := Options{Policies: []string{policy}, Results: cache}
	want := checkCached(t, Options{Policies: []string{policy}}, files)
	first := checkCached(t, opts, files)
	second := checkCached(t, opts, files)
	if cache.hits != 2 {
		t.Errorf("second run: %d hits, want 2", cache.hits)
	}
	for _, got := range []*Report{first, second} {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("report with the cache differs (-without +with):\n%s", diff)
		}
	}

	// Another name for the same bytes, another policy, other data: misses.
	hits := cache.hits
	renamed := []File{{Name: "c.yaml", Content: files[0].Content, Parser: yaml}}
	if rep := checkCached(t, opts, renamed); rep.Findings[0].File != "c.yaml" {
		t.Errorf("finding of a renamed file reported in %s", rep.Findings[0].File)
	}
	policy2 := writePolicy(t, map[string]string{"p.rego": `package main

deny contains "changed" if input.kind == "Pod"
`})
	rep := checkCached(t, Options{Policies: []string{policy2}, Results: cache}, files)
	if rep.Summary.Failures != 3 || rep.Findings[0].Message != "changed" {
		t.Errorf("stale findings after a policy change: %+v", rep.Summary)
	}
	if cache.hits != hits {
		t.Errorf("%d hits for changed names and policies", cache.hits-hits)
	}
}

func TestResultCacheOffForNondeterministicPolicies(t *testing.T) {
	for name, body := range map[string]string{
		"time":  `deny contains "late" if time.now_ns() > 0`,
		"rand":  `deny contains "x" if rand.intn("k", 10) >= 0`,
		"print": `deny contains "x" if { print("hello"); input.kind }`,
	} {
		t.Run(name, func(t *testing.T) {
			policy := writePolicy(t, map[string]string{"p.rego": "package main\n\n" + body + "\n"})
			e, err := New(context.Background(), Options{Policies: []string{policy}, Results: &memResults{m: map[string][]byte{}}})
			if err != nil {
				t.Fatal(err)
			}
			if e.fingerprint != "" {
				t.Errorf("results of a policy using %s would be reused", name)
			}
		})
	}
}

func TestResultCacheSkipsErrors(t *testing.T) {
	yaml := parsers.Default()[parsers.YAML]
	cache := &memResults{m: map[string][]byte{}}
	policy := writePolicy(t, map[string]string{"p.rego": "package main\n\ndeny contains \"x\" if input.a\n"})
	files := []File{{Name: "bad.yaml", Content: []byte("a: [\n"), Parser: yaml}}
	checkCached(t, Options{Policies: []string{policy}, Results: cache}, files)
	if len(cache.m) != 0 {
		t.Errorf("a parse error was cached")
	}
}

// TestResultCacheNamespacesApart checks that namespace lists that print
// alike ("x", "y z" and "x y", "z" both print as [x y z]) select different
// rules and so have different keys: the first run's findings of package x
// were given to the second run, which selects only z.
func TestResultCacheNamespacesApart(t *testing.T) {
	yaml := parsers.Default()[parsers.YAML]
	files := []File{{Name: "a.yaml", Content: []byte("a: 1\n"), Parser: yaml}}
	policy := writePolicy(t, map[string]string{
		"x.rego": "package x\n\ndeny contains \"from x\" if input.a\n",
		"z.rego": "package z\n\ndeny contains \"from z\" if input.a\n",
	})
	cache := &memResults{m: map[string][]byte{}}
	checkCached(t, Options{Policies: []string{policy}, Namespaces: []string{"x", "y z"}, Results: cache}, files)
	rep := checkCached(t, Options{Policies: []string{policy}, Namespaces: []string{"x y", "z"}, Results: cache}, files)
	if cache.hits != 0 || len(rep.Findings) != 1 || rep.Findings[0].Message != "from z" {
		t.Errorf("%d hits, findings %+v; want a miss and the finding of z", cache.hits, rep.Findings)
	}
}

// TestResultCacheKeepsBytes checks that findings holding text that is not
// UTF-8 (a file name with a byte such as 0xff) are not stored: JSON would
// bring them back with U+FFFD, so a cached run named another file than a
// run without the cache (which baselines, waivers and reporters then see).
func TestResultCacheKeepsBytes(t *testing.T) {
	yaml := parsers.Default()[parsers.YAML]
	files := []File{{Name: "bad\xff.yaml", Content: []byte("a: 1\n"), Parser: yaml}}
	policy := writePolicy(t, map[string]string{"p.rego": "package main\n\ndeny contains \"x\" if input.a\n"})
	cache := &memResults{m: map[string][]byte{}}
	want := checkCached(t, Options{Policies: []string{policy}}, files)
	checkCached(t, Options{Policies: []string{policy}, Results: cache}, files)
	got := checkCached(t, Options{Policies: []string{policy}, Results: cache}, files)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report with the cache differs (-without +with):\n%s", diff)
	}
	// U+FFFD itself is text like any other: kept and reused.
	files[0].Name = "ok\uFFFD.yaml"
	checkCached(t, Options{Policies: []string{policy}, Results: cache}, files)
	hits := cache.hits
	if rep := checkCached(t, Options{Policies: []string{policy}, Results: cache}, files); cache.hits != hits+1 || rep.Findings[0].File != files[0].Name {
		t.Errorf("a name with U+FFFD: %d hits, file %q", cache.hits-hits, rep.Findings[0].File)
	}
}
