package parsers

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// yamlSlowOptions are YAMLParser's options without the fast path.
func yamlSlowOptions() yamlOptions {
	o := (&YAMLParser{}).options()
	o.fast = false
	return o
}

// yamlStream is what ParseEach hands over for a file: the documents with
// their source-map entries, then the error.
type yamlStream struct {
	Docs []yamlStreamDoc
	Err  string
}

type yamlStreamDoc struct {
	Value   any
	Index   int
	Range   Range
	Entries []Entry
}

func streamYAML(src []byte, o yamlOptions) yamlStream {
	var st yamlStream
	err := eachYAML("f.yaml", src, o, func(d Document) error {
		st.Docs = append(st.Docs, yamlStreamDoc{Value: d.Value, Index: d.Index, Range: d.Range, Entries: d.Map.Entries()})
		return nil
	})
	if err != nil {
		st.Err = err.Error()
	}
	return st
}

// yamlFastAccepts reports whether the fast path converts src whole.
func yamlFastAccepts(src []byte) bool {
	src = stripBOM(src)
	if isBlank(src) || checkText("f.yaml", src) != nil {
		return false
	}
	_, ok, _ := eachYAMLFast(src, newYAMLLines(src), DefaultMaxDepth, func(Document) error { return nil })
	return ok
}

// compareYAMLFast runs ParseEach with and without the fast path on src. It
// reports whether the fast path accepted src and how the two streams
// differ ("" when identical). When the fast path accepts, the goyaml path
// must also succeed.
func compareYAMLFast(src []byte) (accepted bool, diff string) {
	accepted = yamlFastAccepts(src)
	slow := streamYAML(src, yamlSlowOptions())
	fast := streamYAML(src, (&YAMLParser{}).options())
	if accepted && slow.Err != "" {
		return true, "fast path accepted input goyaml rejects: " + slow.Err
	}
	if reflect.DeepEqual(slow, fast) {
		return accepted, ""
	}
	if d := cmp.Diff(slow, fast); d != "" {
		return accepted, "(-goyaml +fast):\n" + d
	}
	return accepted, ""
}

func TestYAMLFastTable(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		accept bool // whether the fast path must accept (else it must bail)
	}{
		// accepted constructs
		{"mapping", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    app: web\n", true},
		{"sequence root", "- a\n- b: 1\n  c: 2\n-\n  d: 3\n", true},
		{"single seq split", "- name: a\n  v: 1\n# c\n- name: b\n", true},
		{"indentless", "a:\n- x\n- y\nb:\n  - z\n  -\n  - w\nc: 1\n", true},
		{"compact", "- a: 1\n  b:\n  - c\n  d:\n    e: f\n- - x\n  - y\n-   g: h\n    i: j\n", true},
		{"empty values", "a:\nb: # c\nc:\n  # only a comment\nd: 1\ne:\n- \n-\n- # c\n- x\n", true},
		{"empty entry last", "a:\n-\n", true},
		{"scalars", "a: 1\nb: 1.5\nc: 0755\nd: 0x1F\ne: 1e3\nf: -2\ng: +3\nh: 1_000\ni: 0b101\nj: .5\nk: 12345678901234567890\nl: 2024-01-02\nm: 2024-01-02T03:04:05Z\nn: ~\no: null\np: 3.\n", true},
		{"yaml 1.1 words", "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: True\nh: FALSE\n", true},
		{"word keys", "yes: 1\nno: 2\non: 3\n1: 4\n1.5: 5\n0x10: 6\ntrue: 7\n1e3: 8\n.5: 9\n", true},
		{"plain text", "a: hello world\nb: http://x:8080/y?z=1#frag\nc: a#b\nd: -c\ne: --flag=1\nf: x: y\n", false},
		{"plain odd", "a: hello world\nb: http://x:8080/y?z=1#frag\nc: a#b\nd: -c\ne: --flag=1\nf: 'a''b'\ng: a  b\nh: <<\ni: a&b*c!d\nj: a [b] {c}, d\n", true},
		{"comments", "# head\na: 1 # one\n  # indented\n# col 0\nb:   2   # two\nc: 'x' # q\nd: [1] # f\n\n\n", true},
		{"key spaces", "a : 1\n\"b\" : 2\n'c': 3\n\"\": 4\nd:: 5\n-e: 6\n", true},
		{"key escapes", "\"a/b~c\": 1\n'x''y': 2\n\"\\t\": 3\n", true},
		{"double quoted", `a: "x\ny\t\"\\ \u00e9\x41\U0001F600 \0\a\b\v\f\r\e\ \N\_\L\P"` + "\nb: \"\"\nc: \"  sp  \"\nd: \"tab\tin\"\n", true},
		{"single quoted", "a: 'it''s'\nb: ''\nc: 'a\\nb'\nd: '  x '\n", true},
		{"quoted types", "a: \"1\"\nb: 'true'\nc: \"null\"\n", true},
		{"duplicate keys", "a:\n  x: 1\nb: 2\na:\n  y: 3\n", true},
		{"literal", "a: |\n  line1\n    indented\n\n  line3\nb: |-\n  x\n\n\nc: |+\n  y\n\n\nd: x\n", true},
		{"literal empty", "a: |\nb: |-\nc: |+\n\nd: 1\n", true},
		{"literal comment header", "a: |  # c\n  x\n", true},
		{"literal content", "a: |\n  # not a comment\n  ---\n  key: value\n  \ttab\n   \n  end\n", true},
		{"literal in seq", "- |\n  x\n  y\n- >-\n  a\n  b\n", true},
		{"literal at eof", "a: |\n  x", true},
		{"literal trailing spaces", "a: |\n  x\n    \n  \nb: 1\n", true},
		{"literal deeper block", "a:\n  b: |\n      x\n    y\n", false},
		{"literal less indented", "a:\n  b: |\n    x\n   y\n", false},
		{"folded", "a: >\n  one\n  two\n\n  three\n    more\n  four\nb: >-\n  x\n  y\nc: >+\n  z\n\n", true},
		{"folded blanks", "a: >\n\n  one\n\n\n  two\n   sp\n  \ttab\n  end\n", true},
		{"flow", "a: []\nb: {}\nc: [\"sh\", \"-c\"]\nd: [a, b c, 1, true, ~]\ne: {x: 1, 'y': [2], \"z\": {}}\nf: [ a , [b, [c]] ]\n", true},
		{"flow in seq", "- [1, 2]\n- {a: b}\n- []\n", true},
		{"documents", "a: 1\n---\nb: 2\n--- # c\n# d\nc: 3\n", true},
		{"empty documents", "---\n---\n# x\n---\na: 1\n---\n---\n", true},
		{"many documents", strings.Repeat("---\na: 1\nb:\n- c\n", 12), true},
		{"only comments", "# a\n# b\n", true},
		{"indented root", "  a: 1\n  b:\n    c: 2\n", true},
		{"unicode", "a: héllo wörld\nb: [\"é\", x]\n\"ключ\": {ä: 1, b: 2}\nc: \"✓\"\n", true},
		{"no final newline", "a: 1\nb: [x]", true},
		{"trailing spaces", "a: 1   \nb:   \n  c: 2  \n", true},

		// refused constructs
		{"anchor", "a: &x 1\nb: *x\n", false},
		{"tag", "a: !Ref x\n", false},
		{"merge", "a: {x: 1}\nb:\n  <<: {y: 2}\n", false},
		{"complex key", "? a\n: b\n", false},
		{"directive", "%YAML 1.1\n---\na: 1\n", false},
		{"end marker", "a: 1\n...\n", false},
		{"multi-line plain", "a: one\n  two\n\n  three\n   four # c\nb: 1\n", true},
		{"multi-line plain in seq", "- one\n  two\n-  three\n    four\n   five\n- a: b\n     c\n", true},
		{"multi-line plain indicators", "a: b\n  - c\n  [d] 'e' &f *g !h |i >j\n", true},
		{"multi-line plain comment line", "a: b\n  # c\nd: e\n", true},
		{"multi-line plain trailing blanks", "a: b\n  c\n\n\nd: e\n", true},
		{"multi-line quoted", "a: 'one\n  two''s  \n\n   three'\nb: \"x\n  \\ty\\\"\n\n\n  z \"\n", true},
		{"scalar on next line", "a:\n  value\n  more\nb:\n  'q'\nc:\n  {}\nd:\n  [x]\ne:\n  |\n   t\n-\n", false},
		{"scalars on next lines", "a:\n  value\n  more\nb:\n  'q'\nc:\n  {}\nd:\n  [x]\ne:\n  |\n   t\nf:\n- \n  x\n", true},
		{"colon and question starts", "- :x\n- ?y\n- a: :b\n", true},
		{"quoted continuation unindented", "a: 'x\ny'\n", false},
		{"plain continuation key", "a: b\n  c: d\n", false},
		{"plain continuation after comment", "a: b # c\n  d\n", false},
		{"quoted then colon", "- 'a\n  b': c\n", false},
		{"quoted key over lines", "'a\n  b': c\n", false},
		{"escaped line break", "a: \"x\\\n  y\"\n", false},
		{"quoted continuation tab", "a: 'x\n\t y'\n", false},
		{"multi-line flow", "a: [1,\n  2]\n", false},
		{"tab indent", "a:\n\tb: 1\n", false},
		{"tab value", "a:\tb\n", false},
		{"crlf", "a: 1\r\nb: 2\r\n", false},
		{"scalar root", "hello\n", false},
		{"flow root", "[1, 2]\n", false},
		{"inf", "a: .inf\n", false},
		{"null key", "~: 1\n", false},
		{"big int key", "18446744073709551615: 1\n", false},
		{"indentation indicator", "a: |2\n    x\n  y\n\n   z\nb:\n  c: >-1\n     p\n    q\n  d: |+3\n      r\n\n", true},
		{"indentation indicator short", "a:\n  b: |4\n   x\n", false},
		{"indentation indicator zero", "a: |0\n  x\n", false},
		{"two chomping indicators", "a: |-+\n  x\n", false},
		{"trailing comma", "a: [1, 2,]\n", false},
		{"flow colon", "a: [a:b]\n", false},
		{"bad indent", "a:\n    b: 1\n  c: 2\n", false},
		{"seq then key", "a:\n  - x\n  b: 1\n", false},
		{"key then seq", "a: 1\n- x\n", false},
		{"mapping in value", "a: b: c\n", false},
		{"dash in value", "a: - b\n", false},
		{"doc start content", "--- a: 1\n", false},
		{"bad escape", "a: \"\\q\"\n", false},
		{"json escape", "a: \"\\/\"\n", false},
		{"surrogate escape", "a: \"\\ud800\"\n", false},
		{"comment without space", "a: 'x'#c\n", false},
		{"nel", "a: x\u0085y\n", false},
		{"control char", "a: x\x01y\n", false},
		{"content after root", "- a\nb: 1\n", false},
		{"long key", strings.Repeat("k", 1100) + ": 1\n", false},
		{"deep", strings.Repeat("[", 150) + strings.Repeat("]", 150) + "\n", false},
		{"flow key no space", "a: {\"b\":1}\n", false},
		{"empty flow value", "a: {b: }\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			accepted, diff := compareYAMLFast([]byte(tt.src))
			if diff != "" {
				t.Fatalf("fast path diverges:\n%s", diff)
			}
			if accepted != tt.accept {
				t.Fatalf("fast path accepted = %v, want %v", accepted, tt.accept)
			}
		})
	}
}

// TestYAMLFastDepthLimit checks that a configured depth limit makes the
// fast path give up where goyaml's path reports the limit.
func TestYAMLFastDepthLimit(t *testing.T) {
	src := []byte("a:\n  b:\n    c:\n      d: 1\n")
	p := &YAMLParser{Limits: Limits{MaxDepth: 2}}
	if _, err := p.Parse("f.yaml", src); err == nil || !strings.Contains(err.Error(), "nesting deeper than 2") {
		t.Fatalf("err = %v, want the depth limit", err)
	}
	p.Limits.MaxDepth = 4
	docs, err := p.Parse("f.yaml", src)
	if err != nil || len(docs) != 1 {
		t.Fatalf("Parse = %d docs, %v", len(docs), err)
	}
}

// TestYAMLFastStream checks that a stream the fast path gives up on part
// way hands over the same documents as goyaml's path, and that the fast
// path handed over the first ones itself.
func TestYAMLFastStream(t *testing.T) {
	var b strings.Builder
	for i := range 12 {
		fmt.Fprintf(&b, "---\nkind: K%d\nspec:\n  n: %d\n", i, i)
	}
	good := b.String()
	for _, tail := range []string{
		"---\na: &x 1\n",                  // handled by goyaml
		"---\na: [1\n",                    // an error in the last document
		"---\n---\n---\na: \"unclosed\n",  // an error behind empty documents
		"---\nkind: x\n  bad: indent\n",   // an error the fast path also sees
		"---\na: 1\n---\n- x\n---\n\"s\"", // a scalar document
	} {
		src := []byte(good + tail)
		accepted, diff := compareYAMLFast(src)
		if accepted || diff != "" {
			t.Fatalf("tail %q: accepted=%v diff:\n%s", tail, accepted, diff)
		}
		yielded, ok, _ := eachYAMLFast(src, newYAMLLines(src), DefaultMaxDepth, func(Document) error { return nil })
		if ok || yielded == 0 || yielded >= 12 {
			t.Fatalf("tail %q: fast path yielded %d documents (ok=%v), want some but not all", tail, yielded, ok)
		}
	}

	// yield's error stops the stream.
	stop := errors.New("stop")
	n := 0
	err := (&YAMLParser{}).ParseEach("f.yaml", []byte(good), func(Document) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Fatalf("ParseEach = %v after %d documents, want stop after 2", err, n)
	}
}

// TestYAMLFastFiles compares the two paths on every YAML file of the
// repository's fixtures and, when INFRAGATE_CORPUS is set, of the corpus
// (all files listed in its INDEX.tsv with a YAML extension). Every file
// must give the same documents (or error) both ways.
func TestYAMLFastFiles(t *testing.T) {
	var files []string
	for _, dir := range []string{"testdata", "../testdata", "../examples", "../policies"} {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && isYAMLName(path) && !strings.Contains(path, "/fuzz/") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatal("no YAML fixtures found")
	}
	checkYAMLFastFiles(t, "fixtures", files)
	root := os.Getenv("INFRAGATE_CORPUS")
	if root == "" {
		return
	}
	byType := corpusYAMLFiles(t, root)
	types := make([]string, 0, len(byType))
	for k := range byType {
		types = append(types, k)
	}
	sort.Strings(types)
	for _, typ := range types {
		checkYAMLFastFiles(t, "corpus "+typ, byType[typ])
	}
	if list, err := os.ReadFile(filepath.Join("..", "..", "shared", "bench", "k8s.txt")); err == nil {
		var bench []string
		for _, l := range strings.Split(strings.TrimSpace(string(list)), "\n") {
			bench = append(bench, filepath.Join(root, l))
		}
		checkYAMLFastFiles(t, "bench k8s.txt", bench)
	}
}

func isYAMLName(path string) bool {
	return strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")
}

// corpusYAMLFiles lists the corpus's YAML files by type from INDEX.tsv.
func corpusYAMLFiles(t *testing.T, root string) map[string][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "INDEX.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 || fields[0] == "path" || !isYAMLName(fields[0]) {
			continue
		}
		out[fields[1]] = append(out[fields[1]], filepath.Join(root, fields[0]))
	}
	return out
}

func checkYAMLFastFiles(t *testing.T, set string, files []string) {
	t.Helper()
	accepted, failed := 0, 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ok, diff := compareYAMLFast(src)
		if diff != "" {
			failed++
			if failed <= 5 {
				t.Errorf("%s: fast path diverges:\n%s", path, diff)
			}
		}
		if ok {
			accepted++
		}
	}
	if failed > 5 {
		t.Errorf("%s: %d files diverge", set, failed)
	}
	t.Logf("%s: fast path accepted %d of %d YAML files (%.1f%%)", set, accepted, len(files),
		100*float64(accepted)/float64(max(len(files), 1)))
}

// yamlLinesReference indexes lines like newYAMLLines, written plainly: it
// splits src at every line break goyaml knows, then looks at each line.
func yamlLinesReference(src []byte) *yamlLines {
	var lines []string
	start := 0
	for i := 0; i < len(src); {
		n := 0
		switch {
		case src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n':
			n = 2
		case src[i] == '\r', src[i] == '\n':
			n = 1
		case strings.HasPrefix(string(src[i:]), "\u0085"):
			n = 2
		case strings.HasPrefix(string(src[i:]), "\u2028"), strings.HasPrefix(string(src[i:]), "\u2029"):
			n = 3
		}
		if n == 0 {
			i++
			continue
		}
		lines = append(lines, string(src[start:i]))
		i += n
		start = i
	}
	if start < len(src) {
		lines = append(lines, string(src[start:]))
	}
	l := &yamlLines{count: max(len(lines), 1), lastContent: []int32{0}}
	for i, line := range lines {
		last := l.lastContent[i]
		t := strings.TrimLeft(line, " \t")
		content := t != "" && t[0] != '#'
		if strings.HasPrefix(t, "---") || strings.HasPrefix(t, "...") {
			rest := strings.TrimLeft(t[3:], " \t")
			content = rest != "" && rest[0] != '#'
		}
		if content {
			last = int32(i + 1)
		}
		l.lastContent = append(l.lastContent, last)
	}
	for len(l.lastContent) <= l.count {
		l.lastContent = append(l.lastContent, l.lastContent[len(l.lastContent)-1])
	}
	return l
}

func TestYAMLLines(t *testing.T) {
	for _, src := range []string{
		"", "\n", "a", "a\n", "a\n\n", "# c\na: 1\n  # d\n\n", "---\na\n--- # x\n...\n--- b\n",
		"a\r\nb\rc\n", "a\u0085b\u2028c\u2029d\u00e9\u2027\n", "\t\n \t# x\n\tb\n", "a\n\r\n\r",
	} {
		got, want := newYAMLLines([]byte(src)), yamlLinesReference([]byte(src))
		if got.count != want.count || !reflect.DeepEqual(got.lastContent, want.lastContent) {
			t.Errorf("%q: newYAMLLines = %d %v, want %d %v", src, got.count, got.lastContent, want.count, want.lastContent)
		}
	}
}
