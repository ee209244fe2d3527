package parsers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/magiconair/properties"
)

func TestProperties(t *testing.T) {
	runLineCases(t, &PropertiesParser{}, "a.properties", []lineCase{
		{name: "empty", src: "", want: `{}`, lines: map[string]int{"": 1}},
		{name: "comments only", src: "# a\n  ! b\n\n", want: `{}`},
		{
			name:  "forms",
			src:   "a=1\nb : 2\nc 3\n  d\ne=x\\\n   y\nf=${a}\na=9\n",
			want:  `{"a": "9", "b": "2", "c": "3", "d": "", "e": "xy", "f": "${a}"}`,
			lines: map[string]int{"/a": 8, "/b": 2, "/c": 3, "/d": 4, "/e": 5, "/f": 7},
		},
		{
			name:  "escapes",
			src:   "k\\ 1\\:x=\\t\\u0041\\q\n",
			want:  `{"k 1:x": "\tAq"}`,
			lines: map[string]int{"/k 1:x": 1},
		},
		{
			name:  "reference to a key the file does not have",
			src:   "a=${HOME}\n",
			want:  `{"a": "${HOME}"}`,
			lines: map[string]int{"/a": 1},
		},
		{
			name:  "CRLF and CR",
			src:   "a=1\r\nb=2\rc=3\n",
			want:  `{"a": "1", "b": "2", "c": "3"}`,
			lines: map[string]int{"/a": 1, "/b": 2, "/c": 2},
		},
	})
	d := parseOne(t, &PropertiesParser{}, "a.properties", "x = one \\\n  two\ny=1\n")
	if r, _ := d.Map.Exact(Path{"x"}); r != (Range{StartLine: 1, StartCol: 1, EndLine: 2, EndCol: 6}) {
		t.Errorf("x: %+v", r)
	}
}

func TestPropertiesErrors(t *testing.T) {
	var chain strings.Builder
	for i := range 70 {
		fmt.Fprintf(&chain, "k%d=${k%d}\n", i, i+1)
	}
	var doubling strings.Builder // exponential for conftest's reader
	for i := range 60 {
		fmt.Fprintf(&doubling, "k%02d=${k%02d}${k%02d}\n", i, i+1, i+1)
	}
	doubling.WriteString("k60=x\n")
	runErrorCases(t, &PropertiesParser{}, "a.properties", []errorCase{
		{"a=1\nb=${a\n", 2, "malformed expression"},
		{"a=${b}\nb=${a}\n", 1, "circular reference: a -> b -> a"},
		{"a=1\nb=\\u00zz\n", 2, "invalid unicode literal"},
		{"a=1\nb=x\\", 2, "premature EOF"},
		{"a=1\n= v\n", 2, `a value without a key: "v"`},
		{chain.String(), 1, "expansion too deep"},
		{"a=1\n\x00", 2, "NUL byte"},
	})
	if _, err := boundedParse(t, &PropertiesParser{}, "a.properties", doubling.String()); err != nil {
		t.Error(err)
	}
}

// FuzzProperties also checks the values and refusals against
// magiconair/properties, conftest's reader (without its ${...} check,
// which reads the environment).
func FuzzProperties(f *testing.F) {
	addSeeds(f, "a=1\nb : x\\\n  y\n# c\n!d\ne\\u0041 f\n", "k\\=\\ =${a}\r\nx\\\r\n", "\\\n= v\n")
	p := &PropertiesParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("a.properties", src)
		checkDocs(t, src, lineCount(stripBOM(src)), docs, err)
		text, _, terr := textOf("a.properties", src)
		if terr != nil {
			return
		}
		l := &properties.Loader{Encoding: properties.UTF8, DisableExpansion: true}
		mp, merr := l.LoadBytes(text)
		if merr == nil && err != nil {
			for _, m := range []string{"malformed expression", "circular reference", "expansion too deep"} {
				if strings.Contains(err.Error(), m) {
					return // the reference check, tested on its own
				}
			}
		}
		if (err == nil) != (merr == nil) {
			t.Fatalf("infragate: %v; magiconair: %v", err, merr)
		}
		if err != nil {
			return
		}
		want := map[string]any{}
		for k, v := range mp.Map() {
			want[k] = v
		}
		if diff := cmp.Diff(want, docs[0].Value); diff != "" {
			t.Fatalf("values differ from magiconair's (-magiconair +infragate):\n%s", diff)
		}
		checkLeavesMapped(t, docs[0])
	})
}
