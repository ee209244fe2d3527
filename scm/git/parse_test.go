package git

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

func TestUnquote(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"plain name.tf", "plain name.tf", false},
		{`"a\tb"`, "a\tb", false},
		{`"new\nline \"q\" back\\slash"`, "new\nline \"q\" back\\slash", false},
		{`"\303\251t\303\251"`, "été", false},
		{`"\a\b\f\r\v"`, "\a\b\f\r\v", false},
		{`"unterminated`, "", true},
		{`"bad \q escape"`, "", true},
		{`"short \30"`, "", true},
		{`"\777"`, "", true},
		{`"a" "b"`, "", true},
	}
	for _, tt := range tests {
		got, err := unquote(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("unquote(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestGitHeaderNewPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a/x.tf b/x.tf", "x.tf"},
		{"a/with space b/with space", "with space"},
		{"a/x b/x b/x b/x", "x b/x"},
		{`"a/t\tab" "b/t\tab"`, "t\tab"},
		{`a/old "b/new\nname"`, "new\nname"},
		{`"a/old\nname" b/new name`, "new name"},
		{"a/old b/new", ""}, // a rename; "rename to" names it
		{"", ""},
		{`"a/x" "c/x"`, ""},
	}
	for _, tt := range tests {
		if got := gitHeaderNewPath(tt.in); got != tt.want {
			t.Errorf("gitHeaderNewPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseHunkHeader(t *testing.T) {
	tests := []struct {
		in              string
		old, new, first int
		wantErr         bool
	}{
		{"@@ -3 +3 @@ func", 1, 1, 3, false},
		{"@@ -1,0 +2,4 @@", 0, 4, 2, false},
		{"@@ -7 +6,0 @@ f", 1, 0, 7, false},
		{"@@ -1,2 +0,0 @@", 2, 0, 1, false},
		{"@@ -0,0 +1 @@", 0, 1, 1, false},
		{"@@ -x +1 @@", 0, 0, 0, true},
		{"@@ -1 +1", 0, 0, 0, true},
		{"@@ -1 1 @@", 0, 0, 0, true},
		{"@@ -1,-2 +1 @@", 0, 0, 0, true},
	}
	for _, tt := range tests {
		old, nw, first, err := parseHunkHeader(tt.in)
		if (err != nil) != tt.wantErr || old != tt.old || nw != tt.new || first != tt.first {
			t.Errorf("parseHunkHeader(%q) = %d, %d, %d, %v; want %d, %d, %d, error %v",
				tt.in, old, nw, first, err, tt.old, tt.new, tt.first, tt.wantErr)
		}
	}
}

func TestParseDiff(t *testing.T) {
	// Hand-written output in the shape of `git diff -z --raw --patch -U0`,
	// including added lines that look like headers and a long line.
	long := "+" + strings.Repeat("x", 3*maxLine) + "\n"
	out := ":100644 100644 1111111 2222222 M\x00a.tf\x00" +
		":000000 100644 0000000 3333333 A\x00b c.tf\x00" +
		":100644 100644 4444444 4444444 R091\x00old.tf\x00new\nname.tf\x00" +
		":100644 100644 5555555 6666666 M\x00img.png\x00" +
		":100644 000000 7777777 0000000 D\x00gone.tf\x00" +
		":000000 160000 0000000 8888888 A\x00infra\x00" +
		"\x00" +
		"diff --git a/a.tf b/a.tf\nindex 1111111..2222222 100644\n--- a/a.tf\n+++ b/a.tf\n" +
		"@@ -2 +2,2 @@ ctx\n-old\n+++ b/not-a-header\n+diff --git a/x b/x\n" +
		"@@ -10,2 +11,0 @@\n-gone1\n-gone2\n" +
		"@@ -20,0 +19 @@\n" + long +
		"\\ No newline at end of file\n" +
		"diff --git a/b c.tf b/b c.tf\nnew file mode 100644\n--- /dev/null\n+++ b/b c.tf\t\n@@ -0,0 +1,2 @@\n+1\n+2\n" +
		"diff --git a/old.tf \"b/new\\nname.tf\"\nsimilarity index 91%\nrename from old.tf\nrename to \"new\\nname.tf\"\n" +
		"--- a/old.tf\n+++ \"b/new\\nname.tf\"\n@@ -5 +5 @@\n-a\n+b\n" +
		"diff --git a/img.png b/img.png\nindex 5555555..6666666 100644\nBinary files a/img.png and b/img.png differ\n" +
		"diff --git a/gone.tf b/gone.tf\ndeleted file mode 100644\n--- a/gone.tf\n+++ /dev/null\n@@ -1 +0,0 @@\n-x"
	want := []Change{
		{Path: "a.tf", Status: StatusModified, Lines: []LineRange{{2, 3}, {19, 19}}, RemovedAfter: []int{11}},
		{Path: "b c.tf", Status: StatusAdded, Lines: []LineRange{{1, 2}}},
		{Path: "gone.tf", Status: StatusDeleted},
		{Path: "img.png", Status: StatusModified, Binary: true},
		{Path: "infra", Status: StatusAdded, Submodule: true},
		{Path: "new\nname.tf", OldPath: "old.tf", Status: StatusRenamed, Lines: []LineRange{{5, 5}}},
	}
	got, err := parseDiff(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	// Reading one byte at a time gives the same result.
	got, err = parseDiff(iotest.OneByteReader(strings.NewReader(out)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("one byte at a time: mismatch (-want +got):\n%s", diff)
	}

	for name, bad := range map[string]string{
		"garbage record":   "garbage\x00",
		"truncated record": ":100644 100644 1 2 M\x00",
		"bad hunk":         ":100644 100644 1 2 M\x00a\x00\x00diff --git a/a b/a\n+++ b/a\n@@ -x +1 @@\n",
		"bad hunk line":    ":100644 100644 1 2 M\x00a\x00\x00diff --git a/a b/a\n+++ b/a\n@@ -1 +1 @@\n?\n",
	} {
		if _, err := parseDiff(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: parseDiff succeeded, want an error", name)
		}
	}
	if got, err := parseDiff(strings.NewReader("")); err != nil || len(got) != 0 {
		t.Errorf("empty output: %v, %v; want no changes", got, err)
	}
}

func TestTouches(t *testing.T) {
	c := Change{Lines: []LineRange{{5, 7}, {20, 20}}, RemovedAfter: []int{12}}
	tests := []struct {
		start, end int
		want       bool
	}{
		{1, 4, false},
		{1, 5, true},
		{7, 7, true},
		{6, 0, true}, // end before start: one line
		{8, 11, false},
		{8, 12, false}, // the deletion is after line 12, outside the range
		{12, 13, true}, // lines were removed between 12 and 13
		{13, 19, false},
		{10, 30, true},
		{21, 21, false},
	}
	for _, tt := range tests {
		if got := c.Touches(tt.start, tt.end); got != tt.want {
			t.Errorf("Touches(%d, %d) = %v, want %v", tt.start, tt.end, got, tt.want)
		}
	}
	if (Change{Status: StatusDeleted}).Touches(1, 100) {
		t.Errorf("a deleted file touches lines")
	}
	// Without line information, every line may have changed.
	if !(Change{Status: StatusModified, Binary: true}).Touches(7, 7) {
		t.Errorf("a binary change touches no line")
	}
	// A renamed or copied file is new at its path (notes.txt -> main.tf),
	// with or without edited lines.
	for _, st := range []Status{StatusRenamed, StatusCopied} {
		if !(Change{Status: st, OldPath: "notes.txt", Lines: []LineRange{{9, 9}}}).Touches(2, 3) {
			t.Errorf("a %s file does not touch all its lines", st)
		}
	}
}

func TestPolicyData(t *testing.T) {
	data := PolicyData([]Change{
		{Path: "a.tf", Status: StatusModified, Lines: []LineRange{{1, 2}, {9, 9}}, RemovedAfter: []int{4}},
		{Path: "new.tf", OldPath: "old.tf", Status: StatusRenamed},
	})
	got, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	a := `{"binary":false,"lines":[[1,2],[9,9]],"old_path":"","path":"a.tf","removed_after":[4],"status":"modified"}`
	n := `{"binary":false,"lines":[],"old_path":"old.tf","path":"new.tf","removed_after":[],"status":"renamed"}`
	want := `{"by_path":{"a.tf":` + a + `,"new.tf":` + n + `},"files":[` + a + `,` + n + `]}`
	if string(got) != want {
		t.Errorf("PolicyData =\n%s\nwant\n%s", got, want)
	}
	empty, _ := json.Marshal(PolicyData(nil))
	if string(empty) != `{"by_path":{},"files":[]}` {
		t.Errorf("PolicyData(nil) = %s", empty)
	}
}

func TestParseFilesFrom(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"lines", "a.tf\nb c.tf\n\n  \nd/e.yaml", []string{"a.tf", "b c.tf", "d/e.yaml"}},
		{"crlf", "a.tf\r\nb.tf\r\n", []string{"a.tf", "b.tf"}},
		{"nul", "a\nb.tf\x00c.tf\x00\x00", []string{"a\nb.tf", "c.tf"}},
		{"duplicates", "a.tf\nb.tf\na.tf\n", []string{"a.tf", "b.tf"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFilesFrom(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := ParseFilesFrom(iotest.ErrReader(iotest.ErrTimeout)); err == nil {
		t.Errorf("a read error was not reported")
	}
}
