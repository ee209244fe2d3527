package parsers

import (
	"reflect"
	"testing"
)

func TestSourceMapElements(t *testing.T) {
	r := func(line int) Range { return Range{StartLine: line, EndLine: line} }
	var sm SourceMap
	sm.Set(Path{}, r(1))
	sm.Set(Path{"items"}, r(2))
	sm.Set(Path{"items", "0"}, r(3))
	sm.Set(Path{"items", "0", "kind"}, r(4))
	sm.Set(Path{"items", "0", "spec", "a/b"}, r(5))
	sm.Set(Path{"items", "1"}, r(6))
	sm.Set(Path{"items", "10"}, r(7))       // beyond n
	sm.Set(Path{"items", "01"}, r(12))      // not an index
	sm.Set(Path{"itemsX", "0", "k"}, r(13)) // shares the prefix "/items"
	sm.SetList(Path{"items", "0", "list"}, []Range{r(8), r(9)})
	sm.SetList(Path{"big"}, []Range{r(10), r(11)})

	entries := func(m *SourceMap) map[string]Range {
		got := map[string]Range{}
		for _, e := range m.Entries() {
			got[e.Pointer] = e.Range
		}
		return got
	}
	els := sm.Elements(Path{"items"}, 2)
	if len(els) != 2 {
		t.Fatalf("Elements gave %d maps, want 2", len(els))
	}
	want := map[string]Range{"": r(3), "/kind": r(4), "/spec/a~1b": r(5), "/list/0": r(8), "/list/1": r(9)}
	if got := entries(els[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("element 0 = %v, want %v", got, want)
	}
	if got := entries(els[1]); !reflect.DeepEqual(got, map[string]Range{"": r(6)}) {
		t.Errorf("element 1 = %v, want only its own range", got)
	}
	// The elements of a list kept by index are their own roots.
	big := sm.Elements(Path{"big"}, 3)
	if rg, ok := big[1].Exact(Path{}); !ok || rg != r(11) {
		t.Errorf("big[1] root = %v, %v; want %v", rg, ok, r(11))
	}
	if big[2].Len() != 0 {
		t.Errorf("big[2] has entries beyond the list: %v", big[2].Entries())
	}
	var nilMap *SourceMap
	if m := nilMap.Elements(Path{"x"}, 1); len(m) != 1 || m[0].Len() != 0 {
		t.Error("Elements of a nil map are not empty")
	}
}
