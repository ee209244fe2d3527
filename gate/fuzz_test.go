package gate

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// FuzzInlineWaiver checks the inline waiver parser on arbitrary files, in
// every comment syntax: it never panics, finds at most one waiver per line,
// on a line that holds the marker, with non-empty ids without spaces and a
// trimmed reason; a JSON file (no comments) never holds one.
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
		"/* infragate:ignore IG-8 block */ a = 1\n/*\n# infragate:ignore IG-9 inside\n*/\n",
		"s: |\n  # infragate:ignore IG-10 block scalar\n# infragate:ignore IG-10 block scalar\n",
		"x = <<EOT\n# infragate:ignore IG-11 heredoc\nEOT\n",
		"RUN <<EOF\n# infragate:ignore IG-12 heredoc\nEOF\n# infragate:ignore IG-12 r\nFROM x\n",
		"{\"a\": \"# infragate:ignore IG-13 json\"}\n",
		"a = \"\"\"\n# infragate:ignore IG-14 toml string\n\"\"\" # infragate:ignore IG-14 r\n",
		"[s]\n; infragate:ignore IG-15 ini\nk = v \\\n  # infragate:ignore IG-15 continued\n",
		"K=\"a\n# infragate:ignore IG-16 quoted\"\n! infragate:ignore IG-16 r\nk=v\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, syntax := range []Syntax{NoComments, HCLComments, YAMLComments, DockerfileComments,
			TOMLComments, INIComments, DotenvComments, PropertiesComments} {
			checkInlineWaivers(t, syntax, src)
		}
		checkInlineSource(t, src)
	})
}

// checkInlineWaivers checks the invariants of ParseInlineWaivers and the
// inline index for one syntax.
func checkInlineWaivers(t *testing.T, syntax Syntax, src []byte) {
	t.Helper()
	ws := ParseInlineWaivers(syntax, src)
	if syntax == NoComments && ws != nil {
		t.Fatalf("a file without comments holds waivers: %+v", ws)
	}
	lines := bytes.Split(src, []byte("\n"))
	last := 0
	for _, w := range ws {
		if w.Line <= last || w.Line > len(lines) {
			t.Fatalf("%s: line %d after %d (of %d)", syntax, w.Line, last, len(lines))
		}
		last = w.Line
		if !bytes.Contains(lines[w.Line-1], []byte(inlineMarker)) {
			t.Fatalf("%s: line %d has no marker", syntax, w.Line)
		}
		if len(w.IDs) == 0 {
			t.Fatalf("%s: waiver without ids", syntax)
		}
		for _, id := range w.IDs {
			if id == "" || strings.ContainsAny(id, " \t,") {
				t.Fatalf("%s: bad id %q", syntax, id)
			}
		}
		if w.Reason != strings.TrimSpace(w.Reason) {
			t.Fatalf("%s: untrimmed reason %q", syntax, w.Reason)
		}
	}
	ix := newInlineIndex(syntax, src)
	for _, w := range ws {
		if got, ok := ix.find(w.IDs[0], w.Line); !ok || got.Line != w.Line {
			t.Fatalf("%s: waiver on line %d not found on its own line", syntax, w.Line)
		}
	}
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
	for _, syntax := range []Syntax{NoComments, HCLComments, YAMLComments, DockerfileComments} {
		if !reflect.DeepEqual(newInlineIndex(syntax, src), newInlineIndex(syntax, got)) || ParseInlineWaivers(syntax, got) != nil {
			t.Fatalf("the skeleton differs for inline waivers (%s):\n%q\n%q", syntax, src, got)
		}
	}
	if bytes.Count(got, []byte("\n")) != bytes.Count(src, []byte("\n")) || len(got) > len(src) {
		t.Fatalf("the skeleton does not keep the lines:\n%q\n%q", src, got)
	}
}
