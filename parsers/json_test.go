package parsers

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJSONValues(t *testing.T) {
	src := "{\n  \"a\": [1, -2.5e3, true, null, \"x\\u00e9\\ud83d\\ude00\\n\"],\n  \"a2\": {},\n  \"big\": 12345678901234567890,\n  \"dup\": 1, \"dup\": 2,\n  \"lone\": \"\\ud800x\"\n}\n"
	docs, err := (&JSONParser{}).Parse("v.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var want any
	d := json.NewDecoder(strings.NewReader(src))
	d.UseNumber()
	if err := d.Decode(&want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, docs[0].Value); diff != "" {
		t.Errorf("differs from encoding/json (-want +got):\n%s", diff)
	}
	m := docs[0].Map
	for ptr, w := range map[string]Range{
		"":     {StartLine: 1, StartCol: 1, EndLine: 7, EndCol: 2},
		"/a":   {StartLine: 2, StartCol: 3, EndLine: 2, EndCol: 56},
		"/a/1": {StartLine: 2, StartCol: 12, EndLine: 2, EndCol: 18},
		"/dup": {StartLine: 5, StartCol: 13, EndLine: 5, EndCol: 21},
		"/big": {StartLine: 4, StartCol: 3, EndLine: 4, EndCol: 30},
		"/a2":  {StartLine: 3, StartCol: 3, EndLine: 3, EndCol: 11},
	} {
		if got, _ := m.Exact(ParsePointer(ptr)); got != w {
			t.Errorf("%q: got %+v, want %+v", ptr, got, w)
		}
	}
}

func TestJSONTopLevelArray(t *testing.T) {
	src := "[\n  {\"kind\": \"a\"},\n  {\"kind\": \"b\",\n   \"x\": [1]}\n]\n"
	docs, err := (&JSONParser{}).Parse("l.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want one per element", len(docs))
	}
	if docs[1].Index != 1 || docs[1].Range != (Range{StartLine: 3, StartCol: 3, EndLine: 4, EndCol: 13}) {
		t.Errorf("element 1: index %d range %+v", docs[1].Index, docs[1].Range)
	}
	if r, ok := docs[1].Map.Exact(Path{"x", "0"}); !ok || r.StartLine != 4 || r.StartCol != 10 {
		t.Errorf("element 1 /x/0 at %+v", r)
	}
	if docs, err := (&JSONParser{}).Parse("e.json", []byte("[]")); err != nil || len(docs) != 0 {
		t.Errorf("empty array: %d documents, %v", len(docs), err)
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
	}{
		{"missing comma", "{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3},
		{"trailing comma", "{\"a\": [1,]}", 1, 10},
		{"unclosed", "{\"a\": 1", 1, 8},
		{"bad literal", "[tru]", 1, 2},
		{"bad number", "{\"a\": -x}", 1, 8},
		{"two values", "{} {}", 1, 4},
		{"control char", "\"a\tb\"", 1, 3},
		{"bad escape", "\"\\x\"", 1, 3},
		{"deep nesting", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), 1, 1001},
		{"unicode column", "{\"é\": ?}", 1, 7},
		{"crlf", "{\r\n\"a\":\r\n}", 3, 1},
		{"bom", "\xef\xbb\xbf{,}", 1, 2},
		{"unclosed before blank lines", "{\"a\": 1\n\n\n", 1, 8},
		{"unclosed before crlf blank lines", "{\r\n\"a\": 1\r\n\r\n", 2, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&JSONParser{}).Parse("e.json", []byte(tt.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if pe.Line != tt.line || pe.Col != tt.col {
				t.Errorf("got %d:%d (%s), want %d:%d", pe.Line, pe.Col, pe.Msg, tt.line, tt.col)
			}
		})
	}
}

// TestTerraformJSONRepeatedKeys: Terraform reads a repeated block key of a
// .tf.json file as one more block ({"resource": A, "resource": B} declares
// the resources of A and B), which a JSON value cannot hold: keeping the
// last would hide A from the rules. In a Terraform-shaped document a
// repeated key is a parse error at the second key; elsewhere the last value
// wins, as with encoding/json.
func TestTerraformJSONRepeatedKeys(t *testing.T) {
	p := &JSONParser{}
	for _, tt := range []struct{ src, key string }{
		{`{"resource": {"a": {"x": {"acl": "public-read"}}},` + "\n" + ` "resource": {"b": {"y": {}}}}`, "resource"},
		{`{"resource": {"a": {"x": {"acl": "public-read"}}, "a": {"y": {}}}}`, "a"},
		{`{"module": {"m": {"source": "./m"}}, "module": {}}`, "module"},
		{`{"resource": [{"a": {"x": {"acl": "public-read"}}, "a": {"y": {}}}]}`, "a"},
		{`{"resource": {"a": {"x": {"acl": "public-read"}}}, "resource": []}`, "resource"},
	} {
		_, err := p.Parse("main.tf.json", []byte(tt.src))
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, `repeated key "`+tt.key+`"`) {
			t.Errorf("%s: got %v, want a repeated key %q error", tt.src, err, tt.key)
		}
	}
	_, err := p.Parse("x.tf.json", []byte("{\"resource\": {},\n  \"resource\": {}}"))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Col != 3 {
		t.Errorf("got %v, want the error at 2:3", err)
	}
	for _, src := range []string{`{"name": "a", "name": "b"}`, `{"data": [{"name": "a", "name": "b"}]}`, `{"output": "a", "output": "b"}`, `{"data": {"id": 1, "id": 2}}`} {
		docs, err := p.Parse("package.json", []byte(src))
		if err != nil || len(docs) != 1 {
			t.Errorf("other JSON %s: got %v, %v; want the last value kept", src, docs, err)
		}
	}
}
