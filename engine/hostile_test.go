package engine

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/infragate/infragate/parsers"
)

// Tests for policies of unknown origin: they must not reach the network or
// the file system, must not hang the run, and their runtime errors must
// block instead of silently dropping violations.

// hostilePolicy evaluates src (package main) over the given JSON inputs
// (named fa.json, fb.json, ...) and returns the report.
func hostilePolicy(t *testing.T, src string, timeout time.Duration, inputs ...string) *Report {
	t.Helper()
	dir := writePolicy(t, map[string]string{"p.rego": src})
	return run(t, Options{Policies: []string{dir}, Timeout: timeout}, inputs...)
}

// countingServer counts the requests it receives; a policy that reaches it
// has network access.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"type": "number"}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// TestOutsideReachingBuiltinsRejected: builtins that can reach the network
// or read local files do not compile, and the error names the policy file
// and line. json.match_schema and json.verify_schema are among them: a
// schema's "$ref": "file:///..." reads any file of the machine (and
// "file:///dev/zero" never ends), and OPA offers no switch to turn file
// references off.
func TestOutsideReachingBuiltinsRejected(t *testing.T) {
	srv, hits := countingServer(t)
	secret := filepath.Join(t.TempDir(), "secret.json")
	if err := os.WriteFile(secret, []byte(`{"type": "number"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	calls := map[string]string{
		"http.send":          fmt.Sprintf(`http.send({"method": "get", "url": %q})`, srv.URL),
		"net.lookup_ip_addr": `net.lookup_ip_addr("example.com")`,
		"json.match_schema":  fmt.Sprintf(`json.match_schema({"a": 1}, {"$ref": %q})`, "file://"+secret),
		"json.verify_schema": fmt.Sprintf(`json.verify_schema({"$ref": %q})`, srv.URL+"/schema.json"),
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			src := "package main\n\ndeny contains sprintf(\"%v\", [r]) if {\n\tr := " + call + "\n}\n"
			_, err := New(context.Background(), Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": src})}})
			var pe *PolicyError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), "p.rego:4") || !strings.Contains(err.Error(), name) {
				t.Fatalf("want a compile error naming %s at p.rego:4, got %v", name, err)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("a policy reached the network (%d requests)", n)
	}
}

// TestJWTKeysAreNotFetched: a token whose header names key URLs (jku, x5u)
// is verified with the key the policy gives, and nothing is fetched.
func TestJWTKeysAreNotFetched(t *testing.T) {
	srv, hits := countingServer(t)
	hdr := base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf(`{"alg":"HS256","typ":"JWT","jku":%q,"x5u":%q}`, srv.URL, srv.URL)))
	body := base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"x"}`))
	token := hdr + "." + body + ".c2ln"
	rep := hostilePolicy(t, fmt.Sprintf(`package main
deny contains sprintf("%%v", [r]) if { r := io.jwt.decode_verify(%q, {"secret": "k"}) }
`, token), 10*time.Second, `{}`)
	if n := hits.Load(); n != 0 {
		t.Fatalf("the JWT builtin fetched a key (%d requests)", n)
	}
	if len(rep.Findings) != 1 || !strings.HasPrefix(rep.Findings[0].Message, "[false,") {
		t.Fatalf("want the token rejected with the policy's key, got %+v", rep.Findings)
	}
}

func TestRuntimeExposesNothing(t *testing.T) {
	t.Setenv("GITHUB_TOKEN", "ghs_runtimeLeakCheck")
	rep := hostilePolicy(t, `package main
deny contains sprintf("%v", [object.keys(opa.runtime())]) if true
deny contains "env" if opa.runtime().env
deny contains "config" if opa.runtime().config
`, 10*time.Second, `{}`)
	if len(rep.Findings) != 1 || rep.Findings[0].Message != `{"name"}` {
		t.Fatalf("opa.runtime() should hold only a name, got %+v", rep.Findings)
	}
}

func TestPurePoliciesStillWork(t *testing.T) {
	rep := hostilePolicy(t, `package main
deny contains "cidr" if net.cidr_contains("10.0.0.0/8", "10.1.2.3")
deny contains "overlap" if net.cidr_intersects("0.0.0.0/0", "192.168.0.0/16")
deny contains "clock" if time.now_ns() > 0
deny contains "hash" if crypto.sha256("x") == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
`, 10*time.Second, `{}`)
	if rep.Summary.Failures != 4 || rep.Summary.Errors != 0 {
		t.Fatalf("want the four pure rules to fire, got %+v", rep.Findings)
	}
}

func TestRecursionIsACompileError(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main

deny contains "loop" if f(1)

f(x) if f(x)
`})
	_, err := New(context.Background(), Options{Policies: []string{dir}})
	var pe *PolicyError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "p.rego:5") || !strings.Contains(err.Error(), "recursi") {
		t.Fatalf("want a recursion error at p.rego:5, got %v", err)
	}
}

// TestRunawayPoliciesHitTheDeadline: unbounded work on one document becomes
// a blocking eval-error finding for that document; the other document is
// still evaluated and keeps its violation.
func TestRunawayPoliciesHitTheDeadline(t *testing.T) {
	cases := map[string]string{
		"numbers.range": `count(numbers.range(1, 1e9)) > 0`,
		"comprehension": `count({[a, b] | some a in numbers.range(1, 100000); some b in numbers.range(1, 100000)}) > 0`,
		"walk":          `count([p | walk(input.big, [p, _]); some q in numbers.range(1, 1000); q > 0]) < 0`,
	}
	big := `{"spin": true, "big": ` + strings.Repeat(`{"a": [1, 2, 3, `, 500) + `0` + strings.Repeat(`]}`, 500) + `}`
	for name, cond := range cases {
		t.Run(name, func(t *testing.T) {
			src := "package main\n\ndeny contains \"plain violation\" if input.bad\n\ndeny contains \"runaway\" if {\n\tinput.spin\n\t" + cond + "\n}\n"
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			done := make(chan *Report, 1)
			go func() { done <- hostilePolicy(t, src, 300*time.Millisecond, big, `{"bad": true}`) }()
			var rep *Report
			select {
			case rep = <-done:
			case <-ctx.Done():
				t.Fatal("evaluation did not stop at its deadline")
			}
			var gotErr, gotViolation bool
			for _, f := range rep.Findings {
				switch {
				case f.File == "fa.json" && f.ID == IDEvalError && f.Blocking && strings.Contains(f.Message, "deadline"):
					gotErr = true
				case f.File == "fb.json" && f.Message == "plain violation":
					gotViolation = true
				}
			}
			if !gotErr || !gotViolation {
				t.Fatalf("want a deadline error on fa.json and the violation on fb.json, got %+v", rep.Findings)
			}
		})
	}
}

// TestBuiltinErrorNextToViolations: a builtin error in one rule is an error
// finding; it does not hide the violation another rule found in the same
// document, and is not dropped.
func TestBuiltinErrorBlocks(t *testing.T) {
	rep := hostilePolicy(t, `package main

deny contains msg if {
	n := to_number(input.port)
	msg := sprintf("port %v", [n])
}
`, 10*time.Second, `{"port": "eighty"}`, `{"port": "22"}`)
	var errs, fails int
	for _, f := range rep.Findings {
		if f.ID == IDEvalError && f.File == "fa.json" && f.Blocking && strings.Contains(f.Message, "to_number") && strings.Contains(f.Message, "p.rego:4") {
			errs++
		}
		if f.File == "fb.json" && f.Message == "port 22" {
			fails++
		}
	}
	if errs != 1 || fails != 1 {
		t.Fatalf("want the builtin error on fa.json (naming p.rego:4) and the finding on fb.json, got %+v", rep.Findings)
	}
}

// rewritingParser rewrites the file on disk while the engine holds its
// content, then parses what it was given: the state of a file that changes
// while being read. The engine reads each file exactly once; findings must
// describe the content that was parsed, not the new file.
type rewritingParser struct {
	path  string
	after []byte
	calls atomic.Int64
}

func (p *rewritingParser) Parse(name string, src []byte) ([]parsers.Document, error) {
	p.calls.Add(1)
	if err := os.WriteFile(p.path, p.after, 0o644); err != nil {
		return nil, err
	}
	return (&parsers.YAMLParser{}).Parse(name, src)
}

func TestFileChangingWhileRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pod.yaml")
	before := "kind: Pod\nspec:\n  privileged: true\n"
	after := "# rewritten\n#\n#\n#\nkind: Pod\nspec:\n  hostNetwork: true\n  privileged: false\n"
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	pol := writePolicy(t, map[string]string{"p.rego": `package main
deny contains {"msg": "privileged", "path": ["spec", "privileged"]} if input.spec.privileged
deny contains {"msg": "host network", "path": ["spec", "hostNetwork"]} if input.spec.hostNetwork
`})
	e, err := New(context.Background(), Options{Policies: []string{pol}})
	if err != nil {
		t.Fatal(err)
	}
	p := &rewritingParser{path: path, after: []byte(after)}
	rep, err := e.Check(context.Background(), []File{{Name: "pod.yaml", Path: path, Parser: p}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Message != "privileged" || rep.Findings[0].StartLine != 3 {
		t.Fatalf("want the finding of the parsed content (privileged, line 3), got %+v", rep.Findings)
	}
	if n := p.calls.Load(); n != 1 {
		t.Fatalf("file parsed %d times, want once", n)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, []byte(after)) {
		t.Fatal("the test did not rewrite the file")
	}
}

// TestOversizedFileIsNotRead: a file above MaxFileSize is reported as a
// blocking finding (it cannot be checked, so it cannot pass) without being
// read into memory (the message gives the size from the file's metadata);
// the 200 MB file is sparse, so the test is fast. The other file is still
// evaluated.
func TestOversizedFileIsNotRead(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.yaml")
	fh, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := fh.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	small := filepath.Join(dir, "small.yaml")
	if err := os.WriteFile(small, []byte("bad: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pol := writePolicy(t, map[string]string{"p.rego": "package main\ndeny contains \"bad\" if input.bad\n"})
	for _, limit := range []int64{0, 1 << 20} {
		e, err := New(context.Background(), Options{Policies: []string{pol}, MaxFileSize: limit})
		if err != nil {
			t.Fatal(err)
		}
		y := &parsers.YAMLParser{}
		rep, err := e.Check(context.Background(), []File{
			{Name: "huge.yaml", Path: huge, Parser: y},
			{Name: "small.yaml", Path: small, Parser: y},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := limit
		if want == 0 {
			want = DefaultMaxFileSize
		}
		if len(rep.Findings) != 2 {
			t.Fatalf("limit %d: want 2 findings, got %+v", limit, rep.Findings)
		}
		h, s := rep.Findings[0], rep.Findings[1]
		if h.File != "huge.yaml" || h.ID != IDParseError || !h.Blocking || h.StartLine != 1 ||
			!strings.Contains(h.Message, fmt.Sprintf("file is %d bytes, above the %d-byte limit (--max-file-size)", 200<<20, want)) {
			t.Fatalf("limit %d: huge file finding %+v", limit, h)
		}
		if s.File != "small.yaml" || s.Message != "bad" {
			t.Fatalf("limit %d: small file finding %+v", limit, s)
		}
	}
}

// TestPrintEscapesControlCharacters: print() output of input values cannot
// carry terminal escape sequences (ESC, BEL, other C0 and C1 controls):
// they are shown as \xNN or \uNNNN; tabs and text stay as they are.
func TestPrintEscapesControlCharacters(t *testing.T) {
	var buf bytes.Buffer
	dir := writePolicy(t, map[string]string{"p.rego": "package main\ndeny contains \"x\" if { print(input.name) }\n"})
	run(t, Options{Policies: []string{dir}, Stderr: &buf},
		`{"name": "a\u001b[2J\u001b]0;title\u0007b\u0000c\u0008\td\u007f\u009b31m\u0085é ü"}`)
	want := `p.rego:2: a\x1b[2J\x1b]0;title\x07b\x00c\x08` + "\t" + `d\x7f\u009b31m\u0085é ü` + "\n"
	if got := strings.ReplaceAll(buf.String(), dir+string(filepath.Separator), ""); got != want {
		t.Fatalf("print output %q, want %q", got, want)
	}
}

func TestEscapeControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, tab\there": "plain text, tab\there",
		"\x1b[31mred":           `\x1b[31mred`,
		"bell\a":                `bell\x07`,
		"\u009b1m":              `\u009b1m`,
		"bad \xff\x9b byte":     `bad \xff\x9b byte`,
		"\ufffd kept":           "\ufffd kept",
		"ünïcødé €":             "ünïcødé €",
	} {
		if got := escapeControls(in); got != want {
			t.Errorf("escapeControls(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPrintCannotForgeLogCommands: print() output of input values goes to
// standard error with the policy location on every line, so a value from
// a file under review cannot start a workflow command in a CI log.
func TestPrintCannotForgeLogCommands(t *testing.T) {
	var buf bytes.Buffer
	dir := writePolicy(t, map[string]string{"p.rego": "package main\ndeny contains \"x\" if { print(input.name) }\n"})
	run(t, Options{Policies: []string{dir}, Stderr: &buf}, `{"name": "a\n::error::forged\r::stop-commands::x\r\nlegacy ##[error]y"}`)
	want := "p.rego:2: a\np.rego:2: ::error::forged\np.rego:2: ::stop-commands::x\np.rego:2: legacy ##\\x5berror]y\n"
	if got := strings.ReplaceAll(buf.String(), dir+string(filepath.Separator), ""); got != want {
		t.Fatalf("print output %q, want %q", got, want)
	}
}

// A test's captured print() output keeps its lines, with their control
// characters made visible: `infragate test` shows it in a terminal.
func TestTestOutputEscapesControlCharacters(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p_test.rego": "package main\nimport rego.v1\ntest_x if {\n\tprint(\"a\\u001b[2Jb\")\n\tprint(\"second\")\n\tfalse\n}\n"})
	rep, err := RunTests(context.Background(), TestOptions{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 {
		t.Fatalf("results: %+v", rep.Results)
	}
	if got := rep.Results[0].Output; !strings.Contains(got, `a\x1b[2Jb`) || !strings.Contains(got, "\nsecond") || strings.Contains(got, "\x1b") {
		t.Errorf("output %q: want the escape visible and the lines kept", got)
	}
}

// TestDeadlineNamesTheRule: the deadline error names the rule that was
// running (package.rule and the file:line of its body) and, when the time
// goes into a function or rule it calls, that one too; the finding still
// blocks.
func TestDeadlineNamesTheRule(t *testing.T) {
	fast := `package main

deny contains "fast" if input.bad

warn contains "fast warning" if {
	some x in input.items
	x > 1
}
`
	spin := `count({[a, b] | some a in numbers.range(1, 100000); some b in numbers.range(1, 100000)}) < 0`
	cases := map[string]struct {
		src, want string
	}{
		"body": {
			src:  "package main\n\ndeny contains \"ok\" if input.ok\n\ndeny contains \"never\" if {\n\tinput.spin\n\t" + spin + "\n}\n",
			want: "in main.deny (" + "%s:5): ",
		},
		"function": {
			src:  "package main\n\nwarn contains \"never\" if slow(input)\n\nslow(x) if {\n\tx.spin\n\t" + spin + "\n}\n",
			want: "in main.warn (%[1]s:3), within main.slow (%[1]s:5): ",
		},
		"complete rule": {
			src:  "package main\n\nviolation contains \"never\" if spinning\n\nspinning if {\n\tinput.spin\n\t" + spin + "\n}\n",
			want: "in main.violation (%[1]s:3), within main.spinning (%[1]s:5): ",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writePolicy(t, map[string]string{"a.rego": fast, "b.rego": tc.src})
			rep := run(t, Options{Policies: []string{dir}, Timeout: 300 * time.Millisecond}, `{"spin": true, "items": [1, 2]}`, `{"bad": true}`)
			want := "evaluation exceeded the 300ms deadline (--timeout) " + fmt.Sprintf(tc.want, filepath.Join(dir, "b.rego"))
			var gotErr, gotViolation bool
			for _, f := range rep.Findings {
				switch {
				case f.File == "fa.json" && f.ID == IDEvalError && f.Blocking && strings.HasPrefix(f.Message, want):
					gotErr = true
				case f.File == "fb.json" && f.Message == "fast":
					gotViolation = true
				}
			}
			if !gotErr || !gotViolation {
				t.Fatalf("want a deadline error starting %q on fa.json and the violation on fb.json, got %+v", want, rep.Findings)
			}
		})
	}
}

// TestDeadlineDiagnosedOnlyForTheFirstDocuments: a policy that runs away
// on every document has only the first lateRuleRuns deadlines diagnosed
// (each costs up to twice --timeout more); the others still block, with
// the deadline error but without the rule.
func TestDeadlineDiagnosedOnlyForTheFirstDocuments(t *testing.T) {
	spin := `count({[a, b] | some a in numbers.range(1, 100000); some b in numbers.range(1, 100000)}) < 0`
	dir := writePolicy(t, map[string]string{"p.rego": "package main\n\ndeny contains \"never\" if {\n\tinput.spin\n\t" + spin + "\n}\n"})
	// Files of equal content are evaluated once: each is different.
	inputs := make([]string, lateRuleRuns+3)
	for i := range inputs {
		inputs[i] = fmt.Sprintf(`{"spin": true, "n": %d}`, i)
	}
	rep := run(t, Options{Policies: []string{dir}, Timeout: 100 * time.Millisecond}, inputs...)
	named, unnamed := 0, 0
	for _, f := range rep.Findings {
		if f.ID != IDEvalError || !f.Blocking || !strings.HasPrefix(f.Message, "evaluation exceeded the 100ms deadline (--timeout)") {
			t.Fatalf("unexpected finding %+v", f)
		}
		if strings.Contains(f.Message, "(--timeout) in main.deny (") {
			named++
		} else {
			unnamed++
		}
	}
	if named != lateRuleRuns || unnamed != 3 {
		t.Errorf("%d deadline errors name the rule and %d do not; want %d and 3", named, unnamed, lateRuleRuns)
	}
}
