package reporters

import (
	"reflect"
	"strings"
	"testing"

	"github.com/infragate/infragate/engine"
)

// reflectiveFinding is a finding as encoding/json writes it in the report.
func reflectiveFinding(t testing.TB, f engine.Finding, fp string) string {
	enc := newIndentEncoder("    ")
	out := string(enc.encode(&jsonFinding{Finding: f, Fingerprint: fp}))
	if enc.err != nil {
		t.Fatal(enc.err)
	}
	return out
}

// everyField is a finding with every field of engine.Finding set, found by
// reflection: a field added later without a line in findingEncoder makes
// the comparison fail.
func everyField(t *testing.T) engine.Finding {
	var f engine.Finding
	v := reflect.ValueOf(&f).Elem()
	for i := range v.NumField() {
		fv, name := v.Field(i), v.Type().Field(i).Name
		switch fv.Kind() {
		case reflect.String:
			fv.SetString("x-" + name)
		case reflect.Int:
			fv.SetInt(int64(7 + i))
		case reflect.Bool:
			fv.SetBool(true)
		case reflect.Map:
			fv.Set(reflect.ValueOf(map[string]any{"b": []any{1.5, "two", nil, true}, "a": map[string]any{"c": "<&>"}}))
		case reflect.Pointer:
			fv.Set(reflect.New(fv.Type().Elem()))
			w := fv.Elem()
			for j := range w.NumField() {
				switch w.Field(j).Kind() {
				case reflect.String:
					w.Field(j).SetString("w-" + w.Type().Field(j).Name)
				case reflect.Int:
					w.Field(j).SetInt(3)
				}
			}
		default:
			t.Fatalf("field %s of kind %s: teach this test and findingEncoder about it", name, fv.Kind())
		}
	}
	return f
}

func TestFindingEncoderMatchesJSON(t *testing.T) {
	var hostile strings.Builder
	for b := range 0x20 {
		hostile.WriteByte(byte(b))
	}
	hostile.WriteString("\"\\/<>&\x7f é \u2028\u2029 \U0001F600 \xff\xfe bad \xe2\x80 end")
	cases := map[string]engine.Finding{
		"every field": everyField(t),
		"zero":        {},
		"typical": {Level: engine.LevelFailure, ID: "deny", Rule: "data.main.deny", Message: "Deployment/web: container app must set runAsNonRoot",
			File: "k8s/web.yaml", StartLine: 12, EndLine: 30, Severity: "high", Path: "/spec/template/spec/containers/0", Blocking: true},
		"hostile strings": {Level: engine.LevelWarning, ID: hostile.String(), Title: hostile.String(), Message: hostile.String(),
			File: hostile.String(), Note: hostile.String(), Metadata: map[string]any{hostile.String(): hostile.String()}},
		"empty metadata": {ID: "x", Metadata: map[string]any{}},
		"negative lines": {ID: "x", StartLine: -1, EndLine: -20, Document: -3},
	}
	enc := newFindingEncoder()
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			want := reflectiveFinding(t, f, "fp-"+name)
			got := string(enc.append(nil, &f, "fp-"+name))
			if enc.err() != nil {
				t.Fatal(enc.err())
			}
			if got != want {
				t.Errorf("hand-written encoding differs:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func FuzzFindingEncoder(f *testing.F) {
	f.Add("msg", "file.tf", "key", "value", 3)
	f.Add("\u2028\x00\"", "\xff", "<&>", "\\", -1)
	f.Fuzz(func(t *testing.T, msg, file, key, value string, line int) {
		fin := engine.Finding{Level: engine.LevelFailure, ID: key, Message: msg, File: file, StartLine: line, EndLine: line,
			Path: value, Metadata: map[string]any{key: value, "n": []any{msg}}, Blocking: line%2 == 0}
		want := reflectiveFinding(t, fin, file)
		enc := newFindingEncoder()
		if got := string(enc.append(nil, &fin, file)); got != want {
			t.Errorf("hand-written encoding differs:\n got %q\nwant %q", got, want)
		}
	})
}
