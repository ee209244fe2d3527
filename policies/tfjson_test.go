package policies_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/cmd"
	"github.com/infragate/infragate/parsers"
)

// TestTerraformJSONMatchesHCL writes every Terraform rule fixture again in
// Terraform's JSON syntax (a resource and a nested block that occur once
// become one object, as cdktf and hand-written .tf.json files have them;
// "//" comment keys in the root and in every resource body) and checks that
// the built-in library gives the same findings, each once, on the JSON
// attribute that corresponds to the HCL one.
func TestTerraformJSONMatchesHCL(t *testing.T) {
	files, _ := filepath.Glob("terraform/testdata/*/*.tf")
	if len(files) == 0 {
		t.Fatal("no Terraform fixtures")
	}
	hcl := parsers.Default()[parsers.HCL]
	jsonParser := parsers.Default()[parsers.JSON]
	for _, file := range files {
		t.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := hcl.Parse(file, src)
			if err != nil || len(docs) != 1 {
				t.Fatalf("parse: %v (%d documents)", err, len(docs))
			}
			conv := &jsonShape{single: map[string]bool{}}
			value := conv.root(docs[0].Value)
			js, err := json.MarshalIndent(value, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			tfPath := filepath.Join(dir, "main.tf")
			jsonPath := filepath.Join(dir, "main.tf.json")
			if err := os.WriteFile(tfPath, src, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(jsonPath, js, 0o644); err != nil {
				t.Fatal(err)
			}
			jdocs, err := jsonParser.Parse(jsonPath, js)
			if err != nil || len(jdocs) != 1 {
				t.Fatalf("parse JSON: %v", err)
			}

			var want, got []string
			for _, f := range checkFile(t, tfPath) {
				p := conv.path(parsers.ParsePointer(f.Path))
				want = append(want, f.ID+" "+f.Resource+" "+p.String()+" "+f.Message)
			}
			for _, f := range checkFile(t, jsonPath) {
				got = append(got, f.ID+" "+f.Resource+" "+f.Path+" "+f.Message)
				if _, ok := jdocs[0].Map.Exact(parsers.ParsePointer(f.Path)); !ok {
					t.Errorf("%s: path %s is not in the JSON document", f.ID, f.Path)
				}
			}
			sort.Strings(want)
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings on the .tf.json differ (-tf +tf.json):\n%s\n%s", diff, js)
			}
		})
	}
}

// jsonShape rewrites an HCL document in the Terraform JSON shape and
// remembers which arrays became single objects, to map HCL paths.
type jsonShape struct {
	single map[string]bool // pointers of the arrays written as one object
}

func (c *jsonShape) root(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]any{"//": map[string]any{"metadata": "written by TestTerraformJSONMatchesHCL"}}
	for k, x := range m {
		switch k {
		case "resource", "data":
			types, _ := x.(map[string]any)
			byType := map[string]any{}
			for typ, named := range types {
				byName := map[string]any{}
				for name, bodies := range named.(map[string]any) {
					p := parsers.Path{k, typ, name}
					byName[name] = c.blocks(p, bodies, true)
				}
				byType[typ] = byName
			}
			out[k] = byType
		default:
			out[k] = x
		}
	}
	return out
}

// blocks writes an array of one block as the block itself.
func (c *jsonShape) blocks(p parsers.Path, v any, comment bool) any {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return v
	}
	for _, e := range arr {
		if _, ok := e.(map[string]any); !ok {
			return v
		}
	}
	if len(arr) == 1 {
		c.single[p.String()] = true
		return c.body(p.Index(0), arr[0].(map[string]any), comment)
	}
	out := make([]any, len(arr))
	for i, e := range arr {
		out[i] = c.body(p.Index(i), e.(map[string]any), comment)
	}
	return out
}

func (c *jsonShape) body(p parsers.Path, m map[string]any, comment bool) map[string]any {
	out := map[string]any{}
	if comment {
		out["//"] = "a comment"
	}
	for k, x := range m {
		if k == "dynamic" {
			if dyn, ok := x.(map[string]any); ok {
				d := map[string]any{}
				for name, v := range dyn {
					d[name] = c.blocks(p.Child(k).Child(name), v, false)
				}
				out[k] = d
				continue
			}
		}
		out[k] = c.blocks(p.Child(k), x, false)
	}
	return out
}

// path maps an HCL path to the JSON document's path.
func (c *jsonShape) path(p parsers.Path) parsers.Path {
	var out parsers.Path
	for i, s := range p {
		if _, err := strconv.Atoi(s); err == nil && c.single[p[:i].String()] {
			continue
		}
		out = append(out, s)
	}
	return slices.Clip(out)
}

type locatedFinding struct {
	ID       string `json:"id"`
	Path     string `json:"path"`
	Resource string `json:"resource"`
	Message  string `json:"message"`
}

// checkFile runs the real command line on one file with the built-in
// library.
func checkFile(t *testing.T, file string) []locatedFinding {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cmd.Main(context.Background(), []string{"check", "--no-cache", "-o", "json", file},
		cmd.IO{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}, cmd.Version{})
	if code == cmd.ExitUnknown {
		t.Fatalf("infragate check %s: exit %d: %s", file, code, errOut.String())
	}
	var rep struct {
		Findings []locatedFinding `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("json output: %v\n%s", err, out.String())
	}
	return rep.Findings
}
