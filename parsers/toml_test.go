package parsers

import (
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2/unstable"
)

func TestTOML(t *testing.T) {
	runLineCases(t, &TOMLParser{}, "c.toml", []lineCase{
		{name: "blank", src: "\n# only a comment\n", want: `{}`, lines: map[string]int{"": 1}},
		{name: "empty", src: "", want: `{}`, lines: map[string]int{"": 1}},
		{
			name: "tables",
			src:  "a = 1\n\n[server]\nport = 8080\ntls.enabled = false\n\n[server.limits]\nmax = [\n  1,\n  2,\n]\n",
			want: `{"a": 1, "server": {"port": 8080, "tls": {"enabled": false}, "limits": {"max": [1, 2]}}}`,
			lines: map[string]int{"/a": 1, "/server": 3, "/server/port": 4, "/server/tls": 5, "/server/tls/enabled": 5,
				"/server/limits": 7, "/server/limits/max": 8, "/server/limits/max/0": 9, "/server/limits/max/1": 10},
		},
		{
			name: "array tables",
			src:  "[[a]]\nx = 1\n[[a.b]]\ny = 2\n[[a]]\nx = 3\n[[a.b]]\ny = 4\n[a.c]\nz = 5\n",
			want: `{"a": [{"x": 1, "b": [{"y": 2}]}, {"x": 3, "b": [{"y": 4}], "c": {"z": 5}}]}`,
			lines: map[string]int{"/a": 1, "/a/0": 1, "/a/0/x": 2, "/a/0/b/0": 3, "/a/0/b/0/y": 4,
				"/a/1": 5, "/a/1/x": 6, "/a/1/b/0/y": 8, "/a/1/c": 9, "/a/1/c/z": 10},
		},
		{
			name:  "inline tables in arrays",
			src:   "rules = [\n  { port = 22, cidr = \"0.0.0.0/0\" },\n  { port = 443 },\n]\n",
			want:  `{"rules": [{"port": 22, "cidr": "0.0.0.0/0"}, {"port": 443}]}`,
			lines: map[string]int{"/rules": 1, "/rules/0": 2, "/rules/0/cidr": 2, "/rules/1/port": 3},
		},
		{
			name:  "datetimes as conftest prints them",
			src:   "odt = 1979-05-27T00:32:00.999999-07:00\nldt = 1979-05-27 07:32:00\nld = 1979-05-27\nlt = 00:32:00.5\n",
			want:  `{"odt": "1979-05-27T00:32:00.999999-07:00", "ldt": "1979-05-27T07:32:00Z", "ld": "1979-05-27T00:00:00Z", "lt": "0000-01-01T00:32:00.5Z"}`,
			lines: map[string]int{"/lt": 4},
		},
		{
			name:  "strings spanning lines",
			src:   "a = \"\"\"\none\ntwo\"\"\"\nb = '''x\n'''\nc = 1\n",
			want:  `{"a": "one\ntwo", "b": "x\n", "c": 1}`,
			lines: map[string]int{"/a": 1, "/b": 4, "/c": 6},
		},
		{
			name:  "byte order mark and CRLF",
			src:   "\ufeffa = 1\r\n[t]\r\nb = 'x'\r\n",
			want:  `{"a": 1, "t": {"b": "x"}}`,
			lines: map[string]int{"/a": 1, "/t": 2, "/t/b": 3},
		},
	})
	d := parseOne(t, &TOMLParser{}, "c.toml", "[s]\nports = [\n  80,\n]\nx = 1\n\n[t]\n")
	if r, _ := d.Map.Exact(Path{"s"}); r.EndLine != 5 {
		t.Errorf("table [s] ends on line %d, want 5 (its last key): %+v", r.EndLine, r)
	}
	if r, _ := d.Map.Exact(Path{"s", "ports"}); r != (Range{StartLine: 2, StartCol: 1, EndLine: 4, EndCol: 2}) {
		t.Errorf("ports: %+v", r)
	}
}

func TestTOMLErrors(t *testing.T) {
	runErrorCases(t, &TOMLParser{}, "c.toml", []errorCase{
		{"a = 1\na = 2\n", 2, "already been defined"},
		{"a = 1\nb = \n", 2, ""},
		{"[t\n", 1, ""},
		{"a = \"x\nb = 1\n", 1, ""},
		{"a = 1\nb = inf\n", 2, "b is inf or nan"},
		{"[t]\nx = [1.0, nan]\n", 2, "t.x[1] is inf or nan"},
		{"a = 1e400\n", 1, "out of range"},
		{"a = 1\n\x00\n", 2, "NUL byte"},
		{"a = " + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + "\n", 1, "nested more than 1000 deep"},
		{"a = \"\"\"\n[[[[\n\"\"\"\nb = " + strings.Repeat("{x=", 1001) + "\n", 4, "nested more than"},
	})
	// Brackets in strings and comments do not count.
	s := "a = '" + strings.Repeat("[", 2000) + "'\n# " + strings.Repeat("{", 2000) + "\nb = \"\\\"[[\"\n"
	if _, err := (&TOMLParser{}).Parse("c.toml", []byte(s)); err != nil {
		t.Error(err)
	}
}

func FuzzTOML(f *testing.F) {
	addSeeds(f, "a = 1\n[t]\nb = [1, {c = 2}]\n[[x]]\ny = 1979-05-27\n", "a.b = \"\"\"\nx\"\"\"\n[a.c]\n", "x = [ # c\n 1,\n]\n")
	p := &TOMLParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("c.toml", src)
		checkDocs(t, src, lineCount(stripBOM(src)), docs, err)
		if err != nil {
			return
		}
		// When go-toml's parser reads the file too, every value is placed.
		var up unstable.Parser
		up.Reset(stripBOM(src))
		for up.NextExpression() {
		}
		if up.Error() == nil {
			checkLeavesMapped(t, docs[0])
		}
	})
}
