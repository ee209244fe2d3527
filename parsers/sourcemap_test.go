package parsers

import (
	"reflect"
	"testing"
)

func TestSourceMapSub(t *testing.T) {
	r := func(line int) Range { return Range{StartLine: line, EndLine: line} }
	var sm SourceMap
	sm.Set(Path{}, r(1))
	sm.Set(Path{"items"}, r(2))
	sm.Set(Path{"items", "0"}, r(3))
	sm.Set(Path{"items", "0", "kind"}, r(4))
	sm.Set(Path{"items", "0", "spec", "a/b"}, r(5))
	sm.Set(Path{"items", "1"}, r(6))
	sm.Set(Path{"items", "10"}, r(7)) // shares the prefix "/items/1"
	sm.SetList(Path{"items", "0", "list"}, []Range{r(8), r(9)})
	sm.SetList(Path{"big"}, []Range{r(10), r(11)})

	got := map[string]Range{}
	for _, e := range sm.Sub(Path{"items", "0"}).Entries() {
		got[e.Pointer] = e.Range
	}
	want := map[string]Range{
		"": r(3), "/kind": r(4), "/spec/a~1b": r(5), "/list/0": r(8), "/list/1": r(9),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sub(/items/0) = %v, want %v", got, want)
	}
	if e := sm.Sub(Path{"items", "1"}).Entries(); len(e) != 1 || e[0].Range != r(6) {
		t.Errorf("Sub(/items/1) = %v, want only its own range (not /items/10)", e)
	}
	// An element of a list kept by index is its own root.
	if rg, ok := sm.Sub(Path{"big", "1"}).Exact(Path{}); !ok || rg != r(11) {
		t.Errorf("Sub(/big/1) root = %v, %v; want %v", rg, ok, r(11))
	}
	var nilMap *SourceMap
	if nilMap.Sub(Path{"x"}).Len() != 0 {
		t.Error("Sub of a nil map is not empty")
	}
}
