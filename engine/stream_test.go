package engine

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/infragate/infragate/parsers"
)

// wholeParser hides ParseEach, so a file is parsed whole.
type wholeParser struct{ p parsers.Parser }

func (w wholeParser) Parse(name string, src []byte) ([]parsers.Document, error) {
	return w.p.Parse(name, src)
}

// bigYAML is a multi-document file above streamMinSize; every 7th document
// is bad.
func bigYAML(docs int) []byte {
	var b strings.Builder
	for i := range docs {
		fmt.Fprintf(&b, "---\nkind: Thing\nname: doc-%d\nbad: %t\npadding: %q\n", i, i%7 == 0, strings.Repeat("x", 400))
	}
	return []byte(b.String())
}

// TestStreamingMatchesWhole: evaluating a large file while it is parsed
// gives the same report as parsing it whole, and a syntax error anywhere
// is still the file's only finding.
func TestStreamingMatchesWhole(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
deny contains {"msg": sprintf("%s is bad", [input.name]), "path": ["bad"]} if input.bad
`})
	e, err := New(context.Background(), Options{Policies: []string{dir}, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	src := bigYAML(3000)
	if len(src) < streamMinSize {
		t.Fatalf("fixture of %d bytes does not stream", len(src))
	}
	yp := &parsers.YAMLParser{}
	check := func(p parsers.Parser, content []byte) *Report {
		rep, err := e.Check(context.Background(), []File{{Name: "big.yaml", Content: content, Parser: p}})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	streamed, whole := check(yp, src), check(wholeParser{yp}, src)
	if streamed.Summary.Failures != 429 || streamed.Summary.Documents != 3000 {
		t.Fatalf("streamed summary %+v", streamed.Summary)
	}
	if !reflect.DeepEqual(streamed.Findings, whole.Findings) || streamed.Summary != whole.Summary {
		t.Fatalf("streamed and whole reports differ:\n%+v\n%+v", streamed.Summary, whole.Summary)
	}

	broken := append(append([]byte{}, src...), "---\nkey: [unclosed\n"...)
	rep := check(yp, broken)
	if len(rep.Findings) != 1 || rep.Findings[0].ID != IDParseError || rep.Summary.Documents != 0 {
		t.Fatalf("a syntax error after streamed documents: %+v", rep.Summary)
	}
}
