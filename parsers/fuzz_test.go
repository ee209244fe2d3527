package parsers

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"
)

// checkDocs asserts the invariants every parser keeps on any input: a
// failure is a *ParseError, and every range lies within the file.
func checkDocs(t *testing.T, src []byte, lines int, docs []Document, err error) {
	t.Helper()
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error is not a *ParseError: %v", err)
		}
		if pe.Line < 0 || pe.Line > lines {
			t.Fatalf("error line %d outside 0..%d: %v", pe.Line, lines, err)
		}
		return
	}
	for _, d := range docs {
		if d.Map == nil {
			t.Fatal("document without a source map")
		}
		for _, e := range append(d.Map.Entries(), Entry{Pointer: "(document)", Range: d.Range}) {
			r := e.Range
			if r.StartLine < 1 || r.EndLine < r.StartLine || r.EndLine > lines {
				t.Fatalf("%s: range %+v outside lines 1..%d", e.Pointer, r, lines)
			}
		}
	}
}

// checkErrorColumn asserts that a parse error's column lies on its line
// (at most one past the line's last character), for the parsers whose
// lines end at '\n' alone (HCL and JSON).
func checkErrorColumn(t *testing.T, src []byte, err error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Col <= 0 || pe.Line < 1 {
		return
	}
	lines := bytes.Split(stripBOM(src), []byte("\n"))
	if pe.Line > len(lines) {
		return // checkDocs reports it
	}
	text := bytes.TrimSuffix(lines[pe.Line-1], []byte("\r"))
	if n := utf8.RuneCount(text); pe.Col > n+1 {
		t.Fatalf("error at %d:%d, past the end of line %d (%d characters): %v", pe.Line, pe.Col, pe.Line, n, err)
	}
}

func addSeeds(f *testing.F, inline ...string) {
	for _, s := range inline {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("testdata/golden/*")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
}

func FuzzHCL(f *testing.F) {
	addSeeds(f, "a = 1\n", "resource \"a\" \"b\" {\n  x = [1, {y = var.z}]\n}\n", "a = \"${b}\"", "x = <<EOT\nhi\nEOT\n")
	p := &HCLParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("f.tf", src)
		checkDocs(t, src, lineCount(stripBOM(src)), docs, err)
		checkErrorColumn(t, src, err)
	})
}

func FuzzJSON(f *testing.F) {
	addSeeds(f, `{"a": [1, 2.5, "x", null, true]}`, "[1, {\"b\": {}}]", "\"\\ud83d\\ude00\"", "-0.5e+3")
	p := &JSONParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("f.json", src)
		checkDocs(t, src, lineCount(stripBOM(src)), docs, err)
		checkErrorColumn(t, src, err)
	})
}

// FuzzYAML also checks that a single-document input has the value
// sigs.k8s.io/yaml gives it.
func FuzzYAML(f *testing.F) {
	addSeeds(f, "a: yes\nb: 0755\non: [1, 1.5, ~]\n", "a: &x {k: 1}\nb: {<<: *x, j: 2}\n", "- a\n- b: c\n", "a: 1\n--- # c\nb: 2\n")
	p := &YAMLParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("f.yaml", src)
		checkDocs(t, src, newYAMLLines(stripBOM(src)).count, docs, err)
		if err != nil || len(docs) != 1 || bytes.Contains(src, []byte("---")) || bytes.Contains(src, []byte("...")) ||
			bytes.Contains(src, []byte("!")) || bytes.ContainsAny(src, "\r\x85") {
			return
		}
		want, werr := sigsValue(src)
		if werr != nil {
			return
		}
		if _, isList := want.([]any); isList {
			return
		}
		if !reflect.DeepEqual(want, docs[0].Value) {
			t.Fatalf("value differs from sigs.k8s.io/yaml:\n sigs %#v\n ours %#v", want, docs[0].Value)
		}
	})
}
