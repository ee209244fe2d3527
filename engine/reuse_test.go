package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/infragate/infragate/parsers"
)

func TestFilesAlike(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      bool
	}{
		{"input only", `deny contains "x" if input.a`, true},
		{"helper rules and functions", "f(x) := upper(x)\ndeny contains f(input.a) if input.a\n", true},
		{"other data", `deny contains "x" if data.lists.bad[input.a]`, true},
		{"conftest file name", `deny contains data.conftest.file.name if input.a`, false},
		{"conftest file dir", "deny contains d if {\n d := data.conftest.file.dir\n input.a\n}\n", false},
		{"conftest as a whole", "deny contains \"x\" if {\n c := data.conftest\n c.file.name == input.a\n}\n", false},
		{"data under a variable", "deny contains \"x\" if {\n some k\n data[k].file.name == input.a\n}\n", false},
		{"time", `deny contains "x" if time.now_ns() > input.a`, false},
		{"random", `deny contains "x" if rand.intn("k", 10) > input.a`, false},
		{"print", "deny contains \"x\" if {\n print(input.a)\n input.a\n}\n", false},
		{"package conftest", "package conftest\n\ndeny contains \"x\" if input.a\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src
			if !strings.HasPrefix(src, "package") {
				src = "package main\n\n" + src
			}
			dir := writePolicy(t, map[string]string{"p.rego": src})
			e, err := New(context.Background(), Options{Policies: []string{dir}, AllNamespaces: true})
			if err != nil {
				t.Fatal(err)
			}
			if e.filesAlike != tc.want {
				t.Errorf("filesAlike = %v, want %v", e.filesAlike, tc.want)
			}
		})
	}
}

// countingParser is a content-only JSON parser that counts its calls.
type countingParser struct {
	stubParser
	calls *int
}

func (p countingParser) Parse(name string, src []byte) ([]parsers.Document, error) {
	*p.calls++
	return p.stubParser.Parse(name, src)
}

func (countingParser) ContentOnly() bool { return true }

func TestSameBytesEvaluatedOnce(t *testing.T) {
	policy := `package main

deny contains sprintf("bad %v", [input.a]) if input.a
`
	for _, tc := range []struct {
		name      string
		policy    string
		pure      bool
		wantCalls int
		wantMsg   string // %s: the file name
	}{
		{"reused", policy, true, 2, "bad true"},
		{"parser reads more than bytes", policy, false, 4, "bad true"},
		{"policy reads the file name", "package main\n\ndeny contains data.conftest.file.name if input.a\n", true, 4, "%s"},
		{"runtime error", "package main\n\ndeny contains x if {\n input.a\n x := to_number(\"nan-\")\n}\n", true, 4, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			var p parsers.Parser = countingParser{calls: &calls}
			if !tc.pure {
				p = stubParser{}
			}
			e, err := New(context.Background(), Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": tc.policy})}, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			same, other := `{"a": true}`, `{"a": 2}`
			files := []File{
				{Name: "a/x.json", Content: []byte(same), Parser: p},
				{Name: "b/x.json", Content: []byte(same), Parser: p},
				{Name: "c/y.json", Content: []byte(other), Parser: p},
				{Name: "d/z.json", Content: []byte(same), Parser: p},
			}
			rep, err := e.Check(context.Background(), files)
			if err != nil {
				t.Fatal(err)
			}
			if tc.pure && calls != tc.wantCalls {
				t.Errorf("parsed %d times, want %d", calls, tc.wantCalls)
			}
			if rep.Summary.Documents != 4 {
				t.Errorf("documents = %d, want 4", rep.Summary.Documents)
			}
			byFile := map[string][]Finding{}
			for _, f := range rep.Findings {
				byFile[f.File] = append(byFile[f.File], f)
			}
			for _, f := range files {
				got := byFile[f.Name]
				if len(got) != 1 {
					t.Fatalf("%s: %d findings, want 1: %+v", f.Name, len(got), rep.Findings)
				}
				want := tc.wantMsg
				if strings.Contains(want, "%s") {
					want = fmt.Sprintf(want, f.Name[strings.LastIndexByte(f.Name, '/')+1:])
				}
				if f.Name == "c/y.json" && want == "bad true" {
					want = "bad 2"
				}
				if want != "" && got[0].Message != want {
					t.Errorf("%s: message %q, want %q", f.Name, got[0].Message, want)
				}
				if tc.wantMsg == "" && !got[0].IsError() {
					t.Errorf("%s: want an error finding, got %+v", f.Name, got[0])
				}
			}
		})
	}
}

// TestCheckStreamOrder checks that the report of files streamed in any
// order is the report of Check, byte for byte once encoded.
func TestCheckStreamOrder(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": "package main\n\ndeny contains sprintf(\"bad %v\", [input.a]) if input.a\n\nwarn contains \"w\" if input.b\n"})
	e, err := New(context.Background(), Options{Policies: []string{dir}, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	var files []File
	for i := range 40 {
		src := fmt.Sprintf(`{"a": %d, "b": %t}`, i%5, i%3 == 0)
		if i%7 == 0 {
			src = "{broken"
		}
		files = append(files, File{Name: fmt.Sprintf("f%02d.json", i), Content: []byte(src), Parser: countingParser{calls: new(int)}})
	}
	want, err := e.Check(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	for _, order := range [][]int{reversed(len(files)), interleaved(len(files))} {
		ch := make(chan File)
		go func() {
			defer close(ch)
			for _, i := range order {
				ch <- files[i]
			}
		}()
		got, err := e.CheckStream(context.Background(), ch)
		if err != nil {
			t.Fatal(err)
		}
		if gotJSON, _ := json.Marshal(got); string(gotJSON) != string(wantJSON) {
			t.Errorf("order %v:\n%s\nwant\n%s", order, gotJSON, wantJSON)
		}
	}
	if want.Summary.Files != 40 || want.Summary.Failures == 0 || want.Summary.Warnings == 0 || want.Summary.Errors == 0 {
		t.Errorf("summary %+v: want files, failures, warnings and parse errors", want.Summary)
	}
}

func reversed(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = n - 1 - i
	}
	return out
}

func interleaved(n int) []int {
	var out []int
	for i := 0; i < n; i += 2 {
		out = append(out, i)
	}
	for i := 1; i < n; i += 2 {
		out = append(out, i)
	}
	return out
}

// TestSameBytesStartsAgainWhenFull checks that the memory of contents is
// bounded: when full it starts again empty and keeps remembering.
func TestSameBytesStartsAgainWhenFull(t *testing.T) {
	s := sameBytes{max: 3}
	key := func(i int) reuseKey { return reuseKey{byte(i)} }
	for i := range 5 {
		s.put(key(i), fileResult{docs: i})
	}
	if len(s.results) != 2 {
		t.Errorf("%d contents remembered, want 2 (3 kept, then cleared, then 2 more)", len(s.results))
	}
	if r, ok := s.get(key(4), "x"); !ok || r.docs != 4 {
		t.Errorf("the last content is not remembered: %v %v", r, ok)
	}
	if _, ok := s.get(key(0), "x"); ok {
		t.Error("a content from before the memory started again is remembered")
	}
}

// TestCheckStreamCancelled checks that a cancelled run stops taking files,
// and returns the context's error.
func TestCheckStreamCancelled(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": "package main\n\ndeny contains \"x\" if input.a\n"})
	e, err := New(context.Background(), Options{Policies: []string{dir}, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	files := make(chan File)
	sent := make(chan int, 1)
	go func() {
		n := 0
		defer func() { sent <- n }()
		for i := 0; ; i++ {
			f := File{Name: fmt.Sprintf("f%d.json", i), Content: []byte(`{"a": true}`), Parser: stubParser{}}
			select {
			case files <- f:
				n++
				if n == 5 {
					cancel()
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	rep, err := e.CheckStream(ctx, files)
	if err != context.Canceled || rep != nil {
		t.Fatalf("CheckStream = %v, %v; want nil, context.Canceled", rep, err)
	}
	if n := <-sent; n < 5 {
		t.Errorf("sender stopped after %d files", n)
	}
}
