package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/internal/testtree"
)

// loadData places files as OPA's loader (and so conftest) does.
func TestLoadDataPlaces(t *testing.T) {
	dir := t.TempDir()
	testtree.Write(t, dir, map[string]string{
		"data/top.yaml":                 "top: 1\n",
		"data/registries/list.yaml":     "blocked: [docker.io/]\n",
		"data/sub/deeper/d.yml":         "d: 2\n",
		"data/arrays/a.json":            "[1, 2]",
		"data/.hidden/h.json":           `{"h": true}`,
		"data/skipped.txt":              "x: 1\n",
		"data/Upper.YAML":               "upper: 1\n",
		"big.yaml":                      "id: 12345678901234567890\n",
		"two.json":                      `{"a": 1} {"b": 2}`,
		"loop/self/x.json":              `{"x": 1}`,
		"clash/registries/blocked.json": `[1]`,
	})
	if err := os.Symlink(filepath.Join(dir, "loop"), filepath.Join(dir, "loop/self/back")); err != nil {
		t.Fatal(err)
	}
	at := func(p string) string { return filepath.Join(dir, p) }
	tests := []struct {
		name  string
		paths []string
		want  map[string]any
		err   string
	}{
		{name: "directory", paths: []string{at("data")}, want: map[string]any{
			"top":        json.Number("1"),
			"registries": map[string]any{"blocked": []any{"docker.io/"}},
			"sub":        map[string]any{"deeper": map[string]any{"d": json.Number("2")}},
			"arrays":     []any{json.Number("1"), json.Number("2")},
			".hidden":    map[string]any{"h": true},
		}},
		{name: "subdirectory", paths: []string{at("data/sub")}, want: map[string]any{
			"deeper": map[string]any{"d": json.Number("2")},
		}},
		{name: "file", paths: []string{at("data/registries/list.yaml")}, want: map[string]any{
			"blocked": []any{"docker.io/"},
		}},
		{name: "prefix", paths: []string{"a.b:" + at("data/top.yaml")}, want: map[string]any{
			"a": map[string]any{"b": map[string]any{"top": json.Number("1")}},
		}},
		{name: "exact numbers", paths: []string{at("big.yaml")}, want: map[string]any{"id": json.Number("12345678901234567890")}},
		{name: "array at the root", paths: []string{at("data/arrays/a.json")}, err: "top level must be an object"},
		{name: "conflict", paths: []string{at("data"), at("clash")}, err: "registries is also set by " + at("data/registries/list.yaml")},
		{name: "same twice", paths: []string{at("data/top.yaml"), at("data/top.yaml")}, err: "top is also set by"},
		{name: "not data", paths: []string{at("data/skipped.txt")}, err: "not a .json, .yaml or .yml file"},
		{name: "two values", paths: []string{at("two.json")}, err: "more than one JSON value"},
		{name: "link loop", paths: []string{at("loop")}, err: "loops back"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := loadData(tt.paths)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
		})
	}
}
