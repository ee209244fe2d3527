package parsers

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// streamAgainstParse checks that StreamPlan gives what Parse gives: the
// members, the changes in order, and the same ranges for every path the
// map holds. It returns false when Parse and StreamPlan both refuse src.
func streamAgainstParse(t *testing.T, p interface {
	Parser
	StreamPlan(string, []byte, func(string) bool, func(int, any, int) error) (Document, int, error)
}, src string) bool {
	t.Helper()
	docs, perr := p.Parse("plan.json", []byte(src))
	var changes []any
	doc, n, serr := p.StreamPlan("plan.json", []byte(src), func(string) bool { return true },
		func(i int, v any, size int) error {
			if i != len(changes) {
				t.Fatalf("change %d after %d", i, len(changes))
			}
			if size <= 0 {
				t.Fatalf("change %d has size %d", i, size)
			}
			changes = append(changes, v)
			return nil
		})
	if errors.Is(serr, ErrNotStreamable) {
		return false
	}
	if perr != nil || serr != nil {
		if !reflect.DeepEqual(perr, serr) {
			t.Fatalf("errors differ:\n  Parse      %v\n  StreamPlan %v", perr, serr)
		}
		return true
	}
	if len(docs) != 1 {
		t.Fatalf("Parse gave %d documents", len(docs))
	}
	whole := docs[0].Value.(map[string]any)
	if n != len(changes) || !reflect.DeepEqual(any(changes), whole["resource_changes"]) &&
		!(len(changes) == 0 && reflect.DeepEqual(whole["resource_changes"], []any{})) {
		t.Fatalf("changes differ: %d streamed, want %v", n, whole["resource_changes"])
	}
	members := map[string]any{}
	for k, v := range whole {
		if k != "resource_changes" {
			members[k] = v
		}
	}
	if !reflect.DeepEqual(doc.Value, members) {
		t.Fatalf("members differ:\n  %v\n  %v", doc.Value, members)
	}
	if doc.Range != docs[0].Range {
		t.Fatalf("document range %v, want %v", doc.Range, docs[0].Range)
	}
	if got, want := doc.Map.Entries(), docs[0].Map.Entries(); !reflect.DeepEqual(got, want) {
		t.Fatalf("source maps differ:\n  %v\n  %v", got, want)
	}
	return true
}

func TestStreamPlanMatchesParse(t *testing.T) {
	plans := []string{
		`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["create"],"after":{"x":[1,2]}}},{"address":"c.d"}],"configuration":{"root_module":{}}}`,
		"{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {\"root_module\": {\"resources\": []}},\n  \"resource_changes\": [\n    {\n      \"address\": \"a.b\"\n    },\n    {\n      \"address\": \"é.ü\",\n      \"change\": {}\n    }\n  ],\n  \"prior_state\": null\n}\n",
		`{"format_version":"1.2","resource_changes":[]}`,
	}
	for _, src := range plans {
		for _, p := range []interface {
			Parser
			StreamPlan(string, []byte, func(string) bool, func(int, any, int) error) (Document, int, error)
		}{&JSONParser{}, &PlanParser{}} {
			if !streamAgainstParse(t, p, src) {
				t.Errorf("%T: not streamable: %s", p, src)
			}
		}
	}
}

func TestStreamPlanSyntaxErrors(t *testing.T) {
	for _, src := range []string{
		`{"format_version":"1.2","resource_changes":[{"address":"a.b",}]}`,
		"{\"format_version\":\"1.2\",\n\"resource_changes\":[{}],\n\"configuration\": {\"a\" 1}}",
		`{"format_version":"1.2","resource_changes":[{}]`,
		`{"format_version":"1.2","resource_changes":[{}]} x`,
		`{"format_version":"1.2","resource_changes":[{} {}]}`,
	} {
		if !streamAgainstParse(t, &JSONParser{}, src) {
			t.Errorf("not streamable: %s", src)
		}
	}
}

func TestStreamPlanNotStreamable(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    interface {
			StreamPlan(string, []byte, func(string) bool, func(int, any, int) error) (Document, int, error)
		}
		src string
	}{
		{"array", &JSONParser{}, `[{"format_version":"1.2","resource_changes":[]}]`},
		{"blank", &JSONParser{}, "  \n"},
		{"changes not an array", &JSONParser{}, `{"format_version":"1.2","resource_changes":null}`},
		{"changes twice", &JSONParser{}, `{"format_version":"1.2","resource_changes":[],"resource_changes":[{}]}`},
		{"format_version not first", &JSONParser{}, `{"resource_changes":[],"format_version":"1.2"}`},
		{"no format_version", &PlanParser{}, `{"resource_changes":[]}`},
		{"no changes", &PlanParser{}, `{"format_version":"1.2","planned_values":{}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tc.p.StreamPlan("plan.json", []byte(tc.src), nil, func(int, any, int) error { return nil })
			if !errors.Is(err, ErrNotStreamable) {
				t.Errorf("error %v, want ErrNotStreamable", err)
			}
		})
	}
	// A plan parser reads members in any order.
	if !streamAgainstParse(t, &PlanParser{}, `{"resource_changes":[{"address":"a"}],"format_version":"1.2"}`) {
		t.Error("PlanParser: members in another order not streamable")
	}
}

func TestSourceMapList(t *testing.T) {
	var m SourceMap
	m.Set(Path{}, Range{StartLine: 1, EndLine: 9})
	m.SetList(Path{"resource_changes"}, []Range{{StartLine: 2, EndLine: 3}, {StartLine: 4, EndLine: 8}})
	for _, tc := range []struct {
		p    string
		want int // start line; 0: not recorded
	}{
		{"/resource_changes/0", 2}, {"/resource_changes/1", 4}, {"/resource_changes/2", 0},
		{"/resource_changes/01", 0}, {"/resource_changes/-1", 0}, {"/resource_changes/x", 0},
		{"/other/0", 0},
	} {
		r, ok := m.Exact(ParsePointer(tc.p))
		if ok != (tc.want > 0) || r.StartLine != tc.want {
			t.Errorf("Exact(%s) = %v, %v; want line %d", tc.p, r, ok, tc.want)
		}
	}
	if r, p := m.Lookup(ParsePointer("/resource_changes/1/change/after")); r.StartLine != 4 || p.String() != "/resource_changes/1" {
		t.Errorf("Lookup = %v at %s", r, p)
	}
	var ptrs []string
	for _, e := range m.Entries() {
		ptrs = append(ptrs, e.Pointer)
	}
	if got := strings.Join(ptrs, " "); got != " /resource_changes/0 /resource_changes/1" || m.Len() != 3 {
		t.Errorf("entries %q, len %d", got, m.Len())
	}
}

// FuzzStreamPlan checks StreamPlan against Parse on arbitrary input.
func FuzzStreamPlan(f *testing.F) {
	f.Add(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["delete"]}}]}`)
	f.Add("{\"format_version\":\"1\",\n\"resource_changes\":[\n{},\n[1,\"x\"]\n],\"z\":{\"y\":[true,null]}}")
	f.Add(`{"format_version":"1.2","resource_changes":[{"a":1e3}],"resource_changes":[]}`)
	f.Add(`{"format_version":"1.2","resource_changes":[{"a":"\u00e9\ud83d\ude00"}]`)
	f.Fuzz(func(t *testing.T, src string) {
		streamAgainstParse(t, &JSONParser{}, src)
		streamAgainstParse(t, &PlanParser{}, src)
	})
}
