package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

var samples = map[parsers.Format]string{
	parsers.HCL: `resource "aws_s3_bucket" "b" {
  bucket = var.name
  acl    = "public-read"
  tags   = { env = "dev", n = 3 }
  versioning {
    enabled = true
  }
}
`,
	parsers.YAML: `apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers:
  - name: c
    image: nginx
    securityContext: {privileged: true, runAsUser: 0}
    ports: [{containerPort: 80.5}]
--- # second
kind: Service
spec: {x: null, y: [yes, no]}
`,
	parsers.JSON: `[{"a": 1, "b": [true, null, 1.5e3], "c": {"d": "e"}}, {"f": -2}]`,
}

func TestRoundTripEqualsParser(t *testing.T) {
	reg := parsers.Default()
	for format, src := range samples {
		t.Run(string(format), func(t *testing.T) {
			want, err := reg[format].Parse("f", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			data, err := encode(want)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d documents, want %d", len(got), len(want))
			}
			for i := range want {
				if diff := cmp.Diff(want[i].Value, got[i].Value); diff != "" {
					t.Errorf("document %d value (-parser +cache):\n%s", i, diff)
				}
				if want[i].Index != got[i].Index || want[i].Range != got[i].Range {
					t.Errorf("document %d header %d %v, want %d %v", i, got[i].Index, got[i].Range, want[i].Index, want[i].Range)
				}
				if diff := cmp.Diff(want[i].Map.Entries(), got[i].Map.Entries()); diff != "" {
					t.Errorf("document %d source map (-parser +cache):\n%s", i, diff)
				}
			}
		})
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	docs, err := parsers.Default()[parsers.YAML].Parse("f", []byte(samples[parsers.YAML]))
	if err != nil {
		t.Fatal(err)
	}
	data, err := encode(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 3, 8, len(data) / 2, len(data) - 1} {
		if _, err := decode(data[:n]); err == nil {
			t.Errorf("truncated to %d bytes: decoded", n)
		}
	}
	for i := 0; i < len(data); i += 7 {
		bad := append([]byte(nil), data...)
		bad[i] ^= 0x5a
		if _, err := decode(bad); err == nil {
			t.Errorf("byte %d flipped: decoded", i)
		}
	}
}

func TestEncodeRefusesUnknownTypes(t *testing.T) {
	if _, err := encode([]parsers.Document{{Value: map[string]any{"a": struct{}{}}}}); err == nil {
		t.Fatal("encoded a struct value")
	}
}

func TestWrapHitsMissesAndKeys(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	reg := Wrap(parsers.Default(), s)
	src := []byte(samples[parsers.HCL])
	first, err := reg[parsers.HCL].Parse("a.tf", src)
	if err != nil {
		t.Fatal(err)
	}
	second, err := reg[parsers.HCL].Parse("b.tf", src)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first[0].Value, second[0].Value); diff != "" {
		t.Errorf("cached value differs:\n%s", diff)
	}
	if st := s.Stats(); st.Hits != 1 || st.Misses != 1 {
		t.Errorf("stats %+v, want 1 hit 1 miss", st)
	}
	// Another content, another format, another store identity: misses.
	if _, err := reg[parsers.HCL].Parse("a.tf", append(src, '\n')); err != nil {
		t.Fatal(err)
	}
	if _, err := reg[parsers.JSON].Parse("a.json", []byte(`{"resource": 1}`)); err != nil {
		t.Fatal(err)
	}
	s2, _ := Open(dir)
	s2.build = "another build"
	if _, err := Wrap(parsers.Default(), s2)[parsers.HCL].Parse("a.tf", src); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(); st.Hits != 1 || st.Misses != 3 {
		t.Errorf("stats %+v, want 1 hit 3 misses", st)
	}
	if st := s2.Stats(); st.Hits != 0 || st.Misses != 1 {
		t.Errorf("other build: stats %+v, want a miss", st)
	}
	// Parse errors are returned and not cached.
	for range 2 {
		if _, err := reg[parsers.HCL].Parse("bad.tf", []byte("resource {")); err == nil {
			t.Fatal("no parse error")
		}
	}
	if st := s.Stats(); st.Hits != 1 {
		t.Errorf("a parse error was served from the cache: %+v", st)
	}
}

func TestCorruptEntryIsAMiss(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reg := Wrap(parsers.Default(), s)
	src := []byte(samples[parsers.JSON])
	if _, err := reg[parsers.JSON].Parse("a.json", src); err != nil {
		t.Fatal(err)
	}
	p := reg[parsers.JSON].(*PlanParser).Parser
	file := s.path(s.key(p.format, p.id, src))
	if err := os.WriteFile(file, []byte("IGPDgarbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := reg[parsers.JSON].Parse("a.json", src)
	if err != nil || len(docs) != 2 {
		t.Fatalf("got %d documents, %v", len(docs), err)
	}
	if st := s.Stats(); st.Hits != 0 || st.Misses != 2 {
		t.Errorf("stats %+v, want 2 misses", st)
	}
	if _, err := os.Stat(filepath.Dir(file)); err != nil {
		t.Error(err)
	}
}

func TestEnabled(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, tc := range []struct {
		name string
		flag string
		env  func(string) string
		want bool
	}{
		{"local default", "", env(), true},
		{"CI default", "", env("CI", "true"), false},
		{"CI configured by env", "", env("CI", "true", EnvVar, "1"), true},
		{"env off", "", env(EnvVar, "off"), false},
		{"flag on in CI", "on", env("CI", "true"), true},
		{"flag off beats env", "off", env(EnvVar, "on"), false},
	} {
		if got, err := Enabled(tc.flag, tc.env); got != tc.want || err != nil {
			t.Errorf("%s: Enabled = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	// A value that is neither on nor off is said, not taken silently for
	// the default.
	for _, e := range []func(string) string{env(EnvVar, "enabled"), env(EnvVar, "of", "CI", "true")} {
		got, err := Enabled("", e)
		if want := e("CI") == ""; got != want || err == nil || !strings.Contains(err.Error(), "INFRAGATE_CACHE") {
			t.Errorf("INFRAGATE_CACHE=%q: Enabled = %v, %v; want %v and an error naming the variable", e(EnvVar), got, err, want)
		}
	}
	if got, err := Enabled("off", env(EnvVar, "bogus")); got || err != nil {
		t.Errorf("a flag decides without looking at the variable: %v, %v", got, err)
	}
}

func TestDefaultDir(t *testing.T) {
	d, err := DefaultDir(func(k string) string {
		if k == DirEnvVar {
			return "/x/y"
		}
		return ""
	})
	if err != nil || d != "/x/y" {
		t.Fatalf("DefaultDir = %q, %v", d, err)
	}
}

// TestParseEachStreamsWithoutStoring: a cached parser streams the inner
// parser's documents (the same as Parse gives) and keeps nothing, and a
// parser that cannot stream is read whole, through the store.
func TestParseEachStreamsWithoutStoring(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reg := Wrap(parsers.Default(), s)
	src := []byte("a: 1\n---\nb: 2\n---\nc: 3\n")
	var got []any
	err = reg[parsers.YAML].(parsers.Streamer).ParseEach("m.yaml", src, func(d parsers.Document) error {
		got = append(got, d.Value)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := parsers.Default()[parsers.YAML].Parse("m.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || len(whole) != 3 {
		t.Fatalf("streamed %d documents, parsed %d", len(got), len(whole))
	}
	for i := range whole {
		if diff := cmp.Diff(whole[i].Value, got[i]); diff != "" {
			t.Errorf("document %d:\n%s", i, diff)
		}
	}
	if st := s.Stats(); st.Hits != 0 || st.Misses != 0 {
		t.Errorf("streaming used the store: %+v", st)
	}
	n := 0
	if err := reg[parsers.HCL].(parsers.Streamer).ParseEach("a.tf", []byte(samples[parsers.HCL]), func(parsers.Document) error { n++; return nil }); err != nil || n != 1 {
		t.Fatalf("HCL through ParseEach: %d documents, %v", n, err)
	}
	if st := s.Stats(); st.Misses != 1 {
		t.Errorf("a non-streaming parser was not read through the store: %+v", st)
	}
}

// enginePlanStreamer is the engine's interface of parsers that read a plan
// by slices (engine/planstream.go), written out again so that the test
// does not depend on the package's copy.
type enginePlanStreamer interface {
	StreamPlan(filename string, src []byte, keep func(string) bool,
		change func(i int, v any, size int) error) (parsers.Document, int, error)
}

// TestPlanStreamingKept checks that the store keeps the inner parser's
// plan streaming: without it, a large plan was parsed and evaluated whole
// when the cache was on (the local default), several times the memory of
// the slices (docs/performance.md), and stored whole. Streamed plans are
// not stored; parsers that cannot stream plans do not claim to.
func TestPlanStreamingKept(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reg := Wrap(parsers.Default(), s)
	src := []byte(`{"format_version": "1.2", "resource_changes": [{"address": "a.b", "change": {"actions": ["create"]}}, {"address": "c.d"}]}`)
	for _, f := range []parsers.Format{parsers.JSON, parsers.TFPlan} {
		ps, ok := reg[f].(enginePlanStreamer)
		if !ok {
			t.Errorf("%s: the cached parser cannot stream plans", f)
			continue
		}
		var addrs []any
		_, n, err := ps.StreamPlan("plan.json", src, func(string) bool { return true }, func(_ int, v any, _ int) error {
			addrs = append(addrs, v.(map[string]any)["address"])
			return nil
		})
		if err != nil || n != 2 || len(addrs) != 2 || addrs[0] != "a.b" || addrs[1] != "c.d" {
			t.Errorf("%s: streamed %d changes %v, %v", f, n, addrs, err)
		}
		if _, ok := reg[f].(interface{ ID() string }); !ok || !parsers.IsContentOnly(reg[f]) {
			t.Errorf("%s: the plan-streaming parser lost ID or ContentOnly", f)
		}
	}
	if st := s.Stats(); st.Hits != 0 || st.Misses != 0 {
		t.Errorf("streaming a plan used the store: %+v", st)
	}
	for _, f := range []parsers.Format{parsers.YAML, parsers.HCL, parsers.Dockerfile} {
		if _, ok := reg[f].(enginePlanStreamer); ok {
			t.Errorf("%s: the cached parser claims to stream plans", f)
		}
	}
}
