package gate

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// FuzzInlineWaiver checks the inline waiver parser on arbitrary files: it
// never panics, finds at most one waiver per line, on a line that holds the
// marker, with non-empty ids without spaces and a trimmed reason.
func FuzzInlineWaiver(f *testing.F) {
	for _, s := range []string{
		"# infragate:ignore IG-1 reason\nresource \"a\" \"b\" {}\n",
		"acl = \"x\" # infragate:ignore IG-2,IG-3 - reviewed\n",
		"// infragate:ignore IG-4\n",
		"x: 'a # infragate:ignore IG-5 in a string'\n",
		"#infragate:ignore\n",
		"# infragate:ignore ,,, r\r\n",
		"\t//\tinfragate:ignore\tIG-6\tr */\n",
		"# infragate:ignore IG-7 é ünïcode\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ws := ParseInlineWaivers(src)
		lines := bytes.Split(src, []byte("\n"))
		last := 0
		for _, w := range ws {
			if w.Line <= last || w.Line > len(lines) {
				t.Fatalf("line %d after %d (of %d)", w.Line, last, len(lines))
			}
			last = w.Line
			if !bytes.Contains(lines[w.Line-1], []byte(inlineMarker)) {
				t.Fatalf("line %d has no marker", w.Line)
			}
			if len(w.IDs) == 0 {
				t.Fatal("waiver without ids")
			}
			for _, id := range w.IDs {
				if id == "" || strings.ContainsAny(id, " \t,") {
					t.Fatalf("bad id %q", id)
				}
			}
			if w.Reason != strings.TrimSpace(w.Reason) {
				t.Fatalf("untrimmed reason %q", w.Reason)
			}
		}
		ix := newInlineIndex(src)
		for _, w := range ws {
			if got, ok := ix.find(w.IDs[0], w.Line); !ok || got.Line != w.Line {
				t.Fatalf("waiver on line %d not found on its own line", w.Line)
			}
		}
		checkInlineSource(t, src)
	})
}

// checkInlineSource checks that ReadInlineSource gives the whole file
// when it holds the marker, and otherwise its line breaks, in which Decide
// finds what it finds in the file: no inline waiver.
func checkInlineSource(t *testing.T, src []byte) {
	t.Helper()
	got, err := ReadInlineSource(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(src, []byte(inlineMarker)) {
		if !bytes.Equal(got, src) {
			t.Fatalf("a file with the marker was not returned whole:\n%q\n%q", src, got)
		}
		return
	}
	if !reflect.DeepEqual(newInlineIndex(src), newInlineIndex(got)) || ParseInlineWaivers(got) != nil {
		t.Fatalf("the skeleton differs for inline waivers:\n%q\n%q", src, got)
	}
	if bytes.Count(got, []byte("\n")) != bytes.Count(src, []byte("\n")) || len(got) > len(src) {
		t.Fatalf("the skeleton does not keep the lines:\n%q\n%q", src, got)
	}
}
