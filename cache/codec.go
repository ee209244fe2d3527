package cache

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"sort"

	"github.com/infragate/infragate/parsers"
)

// codecVersion changes whenever the entry layout changes; it is part of
// every key.
const codecVersion = 1

// magic starts every entry.
const magic = "IGPD"

// Value tags.
const (
	tagNull byte = iota
	tagFalse
	tagTrue
	tagString
	tagNumber // json.Number text
	tagFloat
	tagInt
	tagObject
	tagArray
)

// encode lays out documents as: magic, crc32 of the rest, then for each
// document its index, range, value and source map. Object keys are written
// sorted so equal documents give equal bytes.
func encode(docs []parsers.Document) ([]byte, error) {
	e := encoder{buf: make([]byte, 0, 4096)}
	e.buf = append(e.buf, magic...)
	e.buf = append(e.buf, 0, 0, 0, 0) // checksum, filled below
	e.uvarint(uint64(len(docs)))
	for i := range docs {
		d := &docs[i]
		e.uvarint(uint64(d.Index))
		e.rng(d.Range)
		if err := e.value(d.Value, 0); err != nil {
			return nil, err
		}
		entries := d.Map.Entries()
		e.uvarint(uint64(len(entries)))
		for _, en := range entries {
			e.str(en.Pointer)
			e.rng(en.Range)
		}
	}
	binary.LittleEndian.PutUint32(e.buf[len(magic):], crc32.ChecksumIEEE(e.buf[len(magic)+4:]))
	return e.buf, nil
}

type encoder struct{ buf []byte }

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) rng(r parsers.Range) {
	e.uvarint(uint64(r.StartLine))
	e.uvarint(uint64(r.StartCol))
	e.uvarint(uint64(r.EndLine))
	e.uvarint(uint64(r.EndCol))
}

// maxDepth guards the recursion of encode and decode.
const maxDepth = 10000

func (e *encoder) value(v any, depth int) error {
	if depth > maxDepth {
		return errors.New("value nested too deeply")
	}
	switch x := v.(type) {
	case nil:
		e.buf = append(e.buf, tagNull)
	case bool:
		if x {
			e.buf = append(e.buf, tagTrue)
		} else {
			e.buf = append(e.buf, tagFalse)
		}
	case string:
		e.buf = append(e.buf, tagString)
		e.str(x)
	case json.Number:
		e.buf = append(e.buf, tagNumber)
		e.str(string(x))
	case float64:
		e.buf = append(e.buf, tagFloat)
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(x))
	case int64:
		e.buf = append(e.buf, tagInt)
		e.buf = binary.AppendVarint(e.buf, x)
	case map[string]any:
		e.buf = append(e.buf, tagObject)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		e.uvarint(uint64(len(keys)))
		for _, k := range keys {
			e.str(k)
			if err := e.value(x[k], depth+1); err != nil {
				return err
			}
		}
	case []any:
		e.buf = append(e.buf, tagArray)
		e.uvarint(uint64(len(x)))
		for _, el := range x {
			if err := e.value(el, depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("cannot cache a value of type %T", v)
	}
	return nil
}

// errCorrupt is any entry that does not decode.
var errCorrupt = errors.New("corrupt cache entry")

// decode is the inverse of encode. It never panics on bad input.
func decode(data []byte) ([]parsers.Document, error) {
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil, errCorrupt
	}
	body := data[len(magic)+4:]
	if binary.LittleEndian.Uint32(data[len(magic):]) != crc32.ChecksumIEEE(body) {
		return nil, errCorrupt
	}
	d := decoder{buf: body}
	n := d.count()
	docs := make([]parsers.Document, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		var doc parsers.Document
		doc.Index = int(d.uvarint())
		doc.Range = d.rng()
		doc.Value = d.value(0)
		doc.Map = &parsers.SourceMap{}
		m := d.count()
		for j := 0; j < m && d.err == nil; j++ {
			p := d.str()
			doc.Map.Set(parsers.ParsePointer(p), d.rng())
		}
		docs = append(docs, doc)
	}
	if d.err != nil || len(d.buf) != 0 {
		return nil, errCorrupt
	}
	return docs, nil
}

type decoder struct {
	buf []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.buf = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// count reads a length that cannot exceed the bytes left (every element
// takes at least one byte), so a corrupt length cannot allocate much.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.buf)) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}

func (d *decoder) rng() parsers.Range {
	return parsers.Range{
		StartLine: int(d.uvarint()), StartCol: int(d.uvarint()),
		EndLine: int(d.uvarint()), EndCol: int(d.uvarint()),
	}
}

func (d *decoder) value(depth int) any {
	if d.err != nil {
		return nil
	}
	if len(d.buf) == 0 || depth > maxDepth {
		d.fail()
		return nil
	}
	tag := d.buf[0]
	d.buf = d.buf[1:]
	switch tag {
	case tagNull:
		return nil
	case tagFalse:
		return false
	case tagTrue:
		return true
	case tagString:
		return d.str()
	case tagNumber:
		return json.Number(d.str())
	case tagFloat:
		if len(d.buf) < 8 {
			d.fail()
			return nil
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64(d.buf))
		d.buf = d.buf[8:]
		return f
	case tagInt:
		v, n := binary.Varint(d.buf)
		if n <= 0 {
			d.fail()
			return nil
		}
		d.buf = d.buf[n:]
		return v
	case tagObject:
		n := d.count()
		m := make(map[string]any, n)
		for i := 0; i < n && d.err == nil; i++ {
			k := d.str()
			m[k] = d.value(depth + 1)
		}
		return m
	case tagArray:
		n := d.count()
		a := make([]any, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			a = append(a, d.value(depth+1))
		}
		return a
	}
	d.fail()
	return nil
}
