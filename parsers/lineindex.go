package parsers

import (
	"sort"
	"unicode/utf8"
)

// lineIndex converts byte offsets of a file to lines (counted on '\n')
// and character columns, both 1-based.
type lineIndex struct {
	src    []byte
	starts []int // offsets where lines start
}

func newLineIndex(src []byte) *lineIndex {
	x := &lineIndex{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			x.starts = append(x.starts, i+1)
		}
	}
	return x
}

func (x *lineIndex) pos(off int) (line, col int) {
	off = min(max(off, 0), len(x.src))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	return i + 1, utf8.RuneCount(x.src[x.starts[i]:off]) + 1
}
