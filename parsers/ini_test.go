package parsers

import (
	"testing"

	"github.com/go-ini/ini"
)

func TestINI(t *testing.T) {
	runLineCases(t, &INIParser{}, "c.ini", []lineCase{
		{name: "empty", src: "", want: `{}`, lines: map[string]int{"": 1}},
		{name: "comments only", src: "; a\n# b\n\n", want: `{}`, lines: map[string]int{"": 1}},
		{name: "default section left out", src: "a = 1\n[DEFAULT]\nb = 2\n", want: `{}`},
		{
			name:  "types as conftest",
			src:   "[s]\nn = 8080\nf = -1.5e3\nb = FALSE\nt = t\none = 1\ns = on\nx = 0x10\ninf = inf\nbig = 1e400\n",
			want:  `{"s": {"n": 8080, "f": -1500, "b": false, "t": true, "one": 1, "s": "on", "x": "0x10", "inf": "inf", "big": "1e400"}}`,
			lines: map[string]int{"/s": 1, "/s/n": 2, "/s/big": 10},
		},
		{
			name:  "repeated sections and keys",
			src:   "[a]\nk = 1\n[b]\nj = 2\n[a]\nk = 3\nm = 4\n",
			want:  `{"a": {"k": 3, "m": 4}, "b": {"j": 2}}`,
			lines: map[string]int{"/a": 1, "/a/k": 6, "/a/m": 7, "/b": 3},
		},
		{
			name:  "values over several lines",
			src:   "[s]\na = \"\"\"x\ny\n\"\"\"\nb = one \\\n  two \\\n\n c = `p\nq`\nd = 1\n",
			want:  `{"s": {"a": "x\ny\n", "b": "one two ", "c": "p\nq", "d": 1}}`,
			lines: map[string]int{"/s/a": 2, "/s/b": 5, "/s/c": 8, "/s/d": 10},
		},
		{
			name:  "quoted keys, auto-numbered keys, spaces",
			src:   "[ sp ]\n\"a b\" = 1\n  - = x\n\t- = y\n",
			want:  `{" sp ": {"a b": 1, "#1": "x", "#2": "y"}}`,
			lines: map[string]int{"/ sp ": 1, "/ sp /a b": 2, "/ sp /#1": 3, "/ sp /#2": 4},
		},
		{
			name:  "byte order mark and CRLF",
			src:   "\ufeff[s]\r\nk = v\r\n",
			want:  `{"s": {"k": "v"}}`,
			lines: map[string]int{"/s": 1, "/s/k": 2},
		},
	})
	d := parseOne(t, &INIParser{}, "c.ini", "[s]\nk = 1\n\n; c\nj = 2\n\n[t]\n")
	if r, _ := d.Map.Exact(Path{"s"}); r != (Range{StartLine: 1, StartCol: 1, EndLine: 5, EndCol: 6}) {
		t.Errorf("[s]: %+v, want lines 1-5", r)
	}
}

func TestINIErrors(t *testing.T) {
	runErrorCases(t, &INIParser{}, "c.ini", []errorCase{
		{"[s]\nk = 1\nnovalue\n", 3, "key-value delimiter not found: novalue"},
		{"[s\nk = 1\n", 1, "unclosed section"},
		{"[]\n", 1, "empty section name"},
		{"[s]\n= v\n", 2, "empty key name"},
		{"[s]\n\"k = v\n", 2, "missing closing key quote"},
		{"[s]\na = 1\nb = \"\"\"x\ny\n", 3, "not closed"},
		{"[s]\nk = 1\n\x00", 3, "NUL byte"},
	})
}

// FuzzINI also checks that the line scan refuses exactly what go-ini
// refuses, and places every key go-ini finds.
func FuzzINI(f *testing.F) {
	addSeeds(f, "[s]\nk = v ; c\n- = a\n", "[a]\nb = \"\"\"x\ny\"\"\"\nc = 1 \\\n 2\n", "\"k\" : `v`\n[DEFAULT]\n")
	p := &INIParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("c.ini", src)
		checkDocs(t, src, lineCount(stripBOM(src)), docs, err)
		text, _, terr := textOf("c.ini", src)
		if terr != nil {
			return
		}
		_, lerr := ini.Load(text)
		if (err == nil) != (lerr == nil) {
			t.Fatalf("infragate: %v; go-ini: %v", err, lerr)
		}
		if err == nil {
			checkLeavesMapped(t, docs[0])
		}
	})
}
