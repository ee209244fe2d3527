package parsers

import (
	"errors"
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Hostile input across the parsers: every case ends in bounded time and
// memory with a *ParseError on a line of the file (or, for files that are
// valid, with values on the right lines).

// boundedParse parses src, failing the test if the parser does not return
// within a generous minute, and logs the bytes it allocated.
func boundedParse(t *testing.T, p Parser, name, src string) ([]Document, error) {
	t.Helper()
	type out struct {
		docs []Document
		err  error
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan out, 1)
	go func() {
		docs, err := p.Parse(name, []byte(src))
		done <- out{docs, err}
	}()
	select {
	case o := <-done:
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%d-byte input: %d bytes allocated", len(src), alloc)
		// A sanity bound, far above what any case needs: catches an
		// expansion (alias bomb) that the limits failed to stop.
		if alloc > 2<<30 {
			t.Errorf("parsing allocated %d bytes", alloc)
		}
		return o.docs, o.err
	case <-time.After(time.Minute):
		t.Fatal("parser did not return within a minute")
		return nil, nil
	}
}

func billionLaughs(levels, fanout int) string {
	var b strings.Builder
	b.WriteString("l0: &l0 \"lol\"\n")
	for i := 1; i <= levels; i++ {
		refs := make([]string, fanout)
		for j := range refs {
			refs[j] = fmt.Sprintf("*l%d", i-1)
		}
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.Join(refs, ", "))
	}
	return b.String()
}

func nested(n int, open, leaf, close string) string {
	return strings.Repeat(open, n) + leaf + strings.Repeat(close, n)
}

// binaryJunk is deterministic bytes that look like a compiled or
// compressed file (a PNG signature, then noise).
func binaryJunk(n int) string {
	r := rand.New(rand.NewSource(42))
	b := []byte("\x89PNG\r\n\x1a\n")
	for len(b) < n {
		b = append(b, byte(r.Intn(256)))
	}
	return string(b)
}

func TestHostileInputFails(t *testing.T) {
	tests := []struct {
		name, file, src string
		line            int    // expected error line; 0: any line >= 1
		msg             string // substring of the message
	}{
		{"yaml billion laughs", "b.yaml", billionLaughs(9, 10), 0, "alias"},
		{"yaml wide alias fan-out", "w.yaml", billionLaughs(3, 1000), 0, "alias"},
		{"yaml 10000 flow sequences", "n.yaml", nested(10000, "[", "1", "]"), 1, "nesting"},
		{"yaml 10000 flow mappings", "m.yaml", nested(10000, "{a: ", "1", "}"), 1, "nesting"},
		{"json 10000 arrays", "n.json", nested(10000, "[", "1", "]"), 1, "nesting"},
		{"json 10000 objects", "m.json", nested(10000, `{"a": `, "1", "}"), 1, "nesting"},
		{"hcl 10000 tuples", "n.tf", "a = " + nested(10000, "[", "1", "]") + "\n", 1, "nesting"},
		{"hcl 10000 objects", "m.tf", "a = " + nested(10000, "{b = ", "1", "}") + "\n", 1, "nesting"},
		{"hcl 10000 blocks", "b.tf", nested(10000, "a {\n", "x = 1\n", "}\n"), 0, "nesting"},
		{"yaml recursive anchor", "r.yaml", "a: &x [1, *x]\n", 1, "alias *x refers to a value that contains it"},
		{"yaml recursive anchor in a sequence", "s.yaml", "steps:\n- &r\n  run: x\n  env: *r\n", 4, "recursive anchor"},
		{"yaml recursive merge", "k.yaml", "a: &m\n  b: 1\n  <<: *m\n", 3, "recursive anchor"},
		{"yaml recursive merge list", "l.yaml", "a: &m\n  <<: [*m]\n", 2, "recursive anchor"},
		{"yaml binary", "bin.yaml", binaryJunk(4096), 0, ""},
		{"json binary", "bin.json", binaryJunk(4096), 0, ""},
		{"hcl binary", "bin.tf", binaryJunk(4096), 0, ""},
		{"yaml nul", "z.yaml", "a: 1\nb: x\x00y\n", 2, "NUL"},
		{"json nul", "z.json", "{\"a\":\n \"x\x00\"}", 2, "NUL"},
		{"hcl nul", "z.tf", "a = 1\nb = \"\x00\"\n", 2, "NUL"},
		{"yaml invalid utf-8", "u.yaml", "a: 1\r\nb: \xff\xfe\r\n", 2, "UTF-8"},
		{"json invalid utf-8", "u.json", "{\n\"a\": \"\xc3\x28\"}", 2, "UTF-8"},
		{"hcl invalid utf-8", "u.tf", "\xef\xbb\xbfa = 1\nb = \"\xe2\x82\"\n", 2, "UTF-8"},
		{"utf-16 json", "w.json", "\xff\xfe{\x00}\x00", 1, ""},
	}
	reg := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := DetectFormat(tt.file)
			_, err := boundedParse(t, reg[f], tt.file, tt.src)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if pe.File != tt.file || pe.Line < 1 || pe.Line > lineCount([]byte(tt.src)) {
				t.Errorf("error %q is not on a line of %s", pe, tt.file)
			}
			if tt.line > 0 && pe.Line != tt.line {
				t.Errorf("error on line %d, want %d: %v", pe.Line, tt.line, pe)
			}
			if !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("message %q does not mention %q", pe.Msg, tt.msg)
			}
		})
	}
}

// TestLimitsAreConfigurable: the nesting and alias limits are parser
// options; at the default, 10,000 levels fail and 500 pass.
func TestLimitsAreConfigurable(t *testing.T) {
	deep := map[Format]string{
		JSON: nested(500, "[", "1", "]"),
		YAML: nested(500, "[", "1", "]"),
		HCL:  "a = " + nested(500, "[", "1", "]") + "\n",
	}
	for f, src := range deep {
		if _, err := Default()[f].Parse("ok", []byte(src)); err != nil {
			t.Errorf("%s: 500 levels under the default limit: %v", f, err)
		}
		_, err := New(Limits{MaxDepth: 100})[f].Parse("low", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "nesting deeper than 100 levels") {
			t.Errorf("%s: MaxDepth 100: got %v", f, err)
		}
	}
	small := billionLaughs(2, 10) // 10 + 100 values through aliases
	if _, err := Default()[YAML].Parse("ok.yaml", []byte(small)); err != nil {
		t.Errorf("small alias use under the default limit: %v", err)
	}
	_, err := New(Limits{MaxAliasNodes: 50})[YAML].Parse("low.yaml", []byte(small))
	if err == nil || !strings.Contains(err.Error(), "more than 50 values") {
		t.Errorf("MaxAliasNodes 50: got %v", err)
	}
}

// TestLinesSurviveBOMAndCRLF: a byte order mark and CRLF (or lone CR in
// YAML) line ends do not shift the line of any value.
func TestLinesSurviveBOMAndCRLF(t *testing.T) {
	tests := []struct {
		file, src string
		path      Path
		line      int
	}{
		{"a.json", "\xef\xbb\xbf{\r\n  \"a\": {\r\n    \"b\": [\r\n      1,\r\n      true\r\n    ]\r\n  }\r\n}\r\n", Path{"a", "b", "1"}, 5},
		{"a.yaml", "\xef\xbb\xbf# c\r\na:\r\n  b:\r\n    - 1\r\n    - true\r\n", Path{"a", "b", "1"}, 5},
		{"a.tf", "\xef\xbb\xbf# c\r\nresource \"x\" \"y\" {\r\n  b = [\r\n    1,\r\n    true,\r\n  ]\r\n}\r\n", Path{"resource", "x", "y", "0", "b", "1"}, 5},
	}
	reg := Default()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, _ := DetectFormat(tt.file)
			docs, err := boundedParse(t, reg[f], tt.file, tt.src)
			if err != nil || len(docs) != 1 {
				t.Fatalf("got %d documents, %v", len(docs), err)
			}
			r, at := docs[0].Map.Lookup(tt.path)
			if r.StartLine != tt.line || len(at) != len(tt.path) {
				t.Errorf("%s at %+v (matched %q), want line %d", tt.path, r, at, tt.line)
			}
		})
	}
}

// TestHugeNumberLiterals checks that a number literal whose decimal
// expansion would be millions of digits keeps an exponent (both HCL paths:
// the fast path leaves such literals to hclsyntax), while ordinary numbers
// are written out as conftest writes them.
func TestHugeNumberLiterals(t *testing.T) {
	for src, want := range map[string]string{
		"a = 4E10040000\n":  "4e10040000",
		"a = -4E10040000\n": "-4e10040000",
		"a = 1e-10040000\n": "1e-10040000",
		"a = 1e300\n":       "1" + strings.Repeat("0", 300),
		"a = 12.50\n":       "12.5",
	} {
		docs, err := boundedParse(t, &HCLParser{}, "main.tf", src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		got := fmt.Sprint(docs[0].Value.(map[string]any)["a"])
		if got != want {
			t.Errorf("%q: a = %.40s..., want %.40s...", src, got, want)
		}
	}
}
