package parsers

import "errors"

// ErrNotStreamable is returned by StreamPlan for a JSON document that it
// cannot read member by member with the meaning Parse gives it: a top
// level that is not an object, resource_changes that is not an array, or
// resource_changes given twice (the last one would win). The caller parses
// the file whole instead.
var ErrNotStreamable = errors.New("not a plan that can be read member by member")

// StreamPlan reads a Terraform plan (a JSON object with resource_changes)
// without building its resource_changes array: it calls change with the
// index, value and size in bytes of each element, in order. The document it
// returns holds, in its value, the other top-level members for which keep
// returns true (keep nil keeps none), and the plan's source map as Parse
// builds it (top-level members and /resource_changes/<i>, PlanMapDepth
// deep). n is the number of elements.
//
// Syntax errors are the ones Parse reports, at the same place: the whole
// file is scanned, including the members that are not kept. An error that
// change returns stops the scan and is returned as it is.
//
// As Parse does, JSONParser takes a top-level object for a plan only when
// its first member is format_version; other objects are not streamable.
func (p *JSONParser) StreamPlan(filename string, src []byte, keep func(key string) bool,
	change func(i int, v any, size int) error) (doc Document, n int, err error) {
	return streamPlan(filename, src, p.Limits, true, keep, change)
}

// StreamPlan is JSONParser.StreamPlan for a file read as a plan: a plan
// whose members come in any order. A document without format_version is
// not streamable (Parse refuses it).
func (p *PlanParser) StreamPlan(filename string, src []byte, keep func(key string) bool,
	change func(i int, v any, size int) error) (doc Document, n int, err error) {
	return streamPlan(filename, src, p.Limits, false, keep, change)
}

func streamPlan(filename string, src []byte, limits Limits, formatFirst bool, keep func(key string) bool,
	change func(i int, v any, size int) error) (doc Document, n int, err error) {
	defer guard(filename, &err)
	src, blank, err := textOf(filename, src)
	if err != nil {
		return Document{}, 0, err
	}
	if blank {
		return Document{}, 0, ErrNotStreamable
	}
	s := &jsonScanner{src: src, file: filename, maxDepth: limits.depth(), line: 1,
		mapDepth: PlanMapDepth, sm: &SourceMap{}}
	s.skipSpace()
	if s.i >= len(src) || src[s.i] != '{' {
		return Document{}, 0, ErrNotStreamable
	}
	var r Range
	r.StartLine, r.StartCol = s.pos(s.i)
	m, n, err := s.planObject(formatFirst, keep, change)
	if err != nil {
		return Document{}, 0, err
	}
	r.EndLine, r.EndCol = s.pos(s.i)
	s.skipSpace()
	if s.i < len(src) {
		return Document{}, 0, s.errorf("invalid character %s after top-level value", s.quoteChar())
	}
	s.sm.Set(Path{}, r)
	return Document{Value: m, Range: r, Map: s.sm}, n, nil
}

// planObject is object(1) for the top level of a plan: resource_changes is
// handed element by element to change, other members are decoded and kept
// when keep says so.
func (s *jsonScanner) planObject(formatFirst bool, keep func(string) bool, change func(int, any, int) error) (map[string]any, int, error) {
	s.i++ // '{'
	m := make(map[string]any)
	n, seen, format := 0, false, false
	s.skipSpace()
	if s.i < len(s.src) && s.src[s.i] == '}' {
		s.i++
		return nil, 0, ErrNotStreamable
	}
	for {
		s.skipSpace()
		if s.i >= len(s.src) || s.src[s.i] != '"' {
			return nil, 0, s.errorf("invalid character %s looking for beginning of object key string", s.quoteChar())
		}
		var r Range
		r.StartLine, r.StartCol = s.pos(s.i)
		k, err := s.str()
		if err != nil {
			return nil, 0, err
		}
		if formatFirst && !format && k != "format_version" {
			return nil, 0, ErrNotStreamable
		}
		format = format || k == "format_version"
		s.skipSpace()
		if s.i >= len(s.src) || s.src[s.i] != ':' {
			return nil, 0, s.errorf("invalid character %s after object key", s.quoteChar())
		}
		s.i++
		s.skipSpace()
		s.ptr.push(k)
		var vr Range
		if k == "resource_changes" {
			if seen || s.i >= len(s.src) || s.src[s.i] != '[' {
				return nil, 0, ErrNotStreamable
			}
			seen = true
			vr.StartLine, vr.StartCol = s.pos(s.i)
			n, err = s.planChanges(change)
			vr.EndLine, vr.EndCol = s.pos(s.i)
		} else {
			var v any
			v, vr, err = s.value(1)
			if err == nil && keep != nil && keep(k) {
				m[k] = v
			}
		}
		if err != nil {
			return nil, 0, err
		}
		r.EndLine, r.EndCol = vr.EndLine, vr.EndCol
		s.record(r)
		s.ptr.pop()
		s.skipSpace()
		if s.i >= len(s.src) {
			return nil, 0, s.errorf("unexpected end of JSON input: the object is not closed")
		}
		switch s.src[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			if !seen || !format {
				return nil, 0, ErrNotStreamable
			}
			return m, n, nil
		default:
			return nil, 0, s.errorf("invalid character %s after object key:value pair", s.quoteChar())
		}
	}
}

// planChanges is array(2) for resource_changes, handing each element to
// change instead of keeping it.
func (s *jsonScanner) planChanges(change func(int, any, int) error) (int, error) {
	if 2 > s.maxDepth {
		return 0, s.errorf("nesting deeper than %d levels", s.maxDepth)
	}
	s.i++ // '['
	s.skipSpace()
	if s.i < len(s.src) && s.src[s.i] == ']' {
		s.i++
		return 0, nil
	}
	// The elements' ranges, by index (SourceMap.SetList).
	var ranges []Range
	defer func() { s.sm.SetList(Path{"resource_changes"}, ranges) }()
	for n := 0; ; n++ {
		s.skipSpace()
		s.ptr.pushIndex(n)
		start := s.i
		v, r, err := s.value(2)
		if err != nil {
			return 0, err
		}
		ranges = append(ranges, r)
		s.ptr.pop()
		if err := change(n, v, s.i-start); err != nil {
			return 0, err
		}
		s.skipSpace()
		if s.i >= len(s.src) {
			return 0, s.errorf("unexpected end of JSON input: the array is not closed")
		}
		switch s.src[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			return n + 1, nil
		default:
			return 0, s.errorf("invalid character %s after array element", s.quoteChar())
		}
	}
}
