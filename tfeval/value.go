package tfeval

import (
	"fmt"

	"github.com/infragate/infragate/parsers"

	"github.com/zclconf/go-cty/cty"
)

// toJSON converts a wholly known value into the JSON-compatible shape the
// HCL parser produces: numbers as json.Number with their exact decimal
// text, sets, lists and tuples as arrays, maps and objects as objects, null
// as nil. ok is false when some part is unknown or has no JSON form
// (infinities, capsules).
func toJSON(v cty.Value) (out any, ok bool) {
	if v.IsMarked() {
		v, _ = v.UnmarkDeep()
	}
	if !v.IsKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Bool:
		return v.True(), true
	case ty == cty.Number:
		n, ok := parsers.NumberJSON(v.AsBigFloat())
		return n, ok
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		list := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			j, ok := toJSON(e)
			if !ok {
				return nil, false
			}
			list = append(list, j)
		}
		return list, true
	case ty.IsMapType() || ty.IsObjectType():
		m := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			j, ok := toJSON(e)
			if !ok {
				return nil, false
			}
			m[k.AsString()] = j
		}
		return m, true
	}
	return nil, false
}

// Bounds on values, so that a hostile module cannot make evaluation
// allocate or loop without limit (see also valueLimit and totalLimit).
// Except maxRange, which is Terraform's own, they are infragate's: a value
// past one is noted (see budget.exceed), not left silently unknown.
const (
	maxNodes       = 10_000    // elements and attributes of one value, recursively
	maxStringBytes = 256 << 10 // bytes of all strings in one value
	maxRange       = 1024      // elements range() may produce (Terraform's own limit)
	// maxForDepth bounds the nesting of for expressions in one expression,
	// far above what real modules write. The work budget bounds their cost
	// (each for expression pays for its iterations before it starts, and
	// skips the remaining ones once the value ran out, see meter): 16
	// levels over 1024 elements each take as long as 4.
	maxForDepth = 8
)

// size is the work units of v: its nodes (every value, element and
// attribute, unknown and null parts counting one) plus a unit per 64 bytes
// of string. over says which bound v exceeds, "" when none: more than
// maxNodes nodes or maxStringBytes bytes of strings (the count then stops
// early).
func size(v cty.Value) (units int, over string) {
	nodes := 0
	bytes := 0
	var walk func(cty.Value) bool
	walk = func(v cty.Value) bool {
		nodes++
		if nodes > maxNodes {
			over = fmt.Sprintf("a value of more than %d elements", maxNodes)
			return false
		}
		if v.IsMarked() {
			v, _ = v.Unmark()
		}
		if !v.IsKnown() || v.IsNull() {
			return true
		}
		ty := v.Type()
		switch {
		case ty == cty.String:
			bytes += len(v.AsString())
			if bytes > maxStringBytes {
				over = fmt.Sprintf("a value of more than %d KiB of strings", maxStringBytes>>10)
				return false
			}
		case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				if !walk(e) {
					return false
				}
			}
		}
		return true
	}
	walk(v)
	return nodes + bytes/64, over
}
