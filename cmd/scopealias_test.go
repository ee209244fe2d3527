package cmd

import (
	"slices"
	"strings"
	"testing"

	"github.com/infragate/infragate/scm/git"
)

// TestAliasLines: the lines of the aliases whose anchored node a change
// touches; a node ends where the next one starts (a block scalar's lines
// included), within its document; an alias inside a touched anchor
// passes it on.
func TestAliasLines(t *testing.T) {
	const src = `a: &a
  x: 1
script: &s |
  echo one
  echo two
b: *a
c: *s
d: &d
  e: *a
f: *d
---
a: &a
  x: 2
g: *a
`
	tests := []struct {
		name    string
		changed []git.LineRange
		removed []int
		want    []int
	}{
		{"the anchor's value", []git.LineRange{{Start: 2, End: 2}}, nil, []int{6, 9, 10}},
		{"a block scalar's last line", []git.LineRange{{Start: 5, End: 5}}, nil, []int{7}},
		{"an alias's own line", []git.LineRange{{Start: 6, End: 6}}, nil, nil},
		{"a line deleted inside the anchor", nil, []int{1}, []int{6, 9, 10}},
		{"the second document", []git.LineRange{{Start: 13, End: 13}}, nil, []int{14}},
		{"nothing", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := aliasLines([]byte(src), git.Change{Path: "f.yaml", Status: git.StatusModified, Lines: tt.changed, RemovedAfter: tt.removed})
			if !slices.Equal(got, tt.want) {
				t.Errorf("aliasLines = %v, want %v", got, tt.want)
			}
		})
	}
	if got := aliasLines([]byte("a: &a [\n"), git.Change{Lines: []git.LineRange{{Start: 1, End: 1}}}); got != nil {
		t.Errorf("a file that does not parse: %v, want nothing", got)
	}
}

// TestNoteUnreadLogSafe: the names of files passed over come from the
// repository; on standard error (a CI log) they cannot forge a line nor a
// log command.
func TestNoteUnreadLogSafe(t *testing.T) {
	var b strings.Builder
	noteUnread(&b, []string{"a\n::error::forged.xml", "b##vso[task.setvariable x]1.xml"})
	got := b.String()
	if strings.Count(got, "\n") != 1 || strings.Contains(got, "##vso[") || strings.Contains(got, "\n::") {
		t.Errorf("note = %q", got)
	}
}
