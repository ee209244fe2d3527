package policies_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/cmd"
	"github.com/infragate/infragate/parsers"
)

// TestTerraformJSONMatchesHCL writes every Terraform rule fixture again in
// Terraform's JSON syntax and checks that the built-in library gives the
// same findings, each once, on the JSON attribute that corresponds to the
// HCL one. Two shapes: "objects", where a resource and a nested block that
// occur once become one object, as cdktf and hand-written .tf.json files
// have them, with "//" comment keys in the root and in every resource
// body; and "ordered", HCL's JSON mapping with an array of objects
// wherever it allows one in a document: "resource" and "data" arrays of
// one-resource objects (a type occurs in several), each type an array of
// objects by name, every block an array of bodies, and "dynamic" an array
// of objects by name; blocks that the HCL body does not have are written
// as null or [], which declare none. (A root array of bodies, which HCL
// also allows, is one document per element, as for any JSON file.)
func TestTerraformJSONMatchesHCL(t *testing.T) {
	files, _ := filepath.Glob("terraform/testdata/*/*.tf")
	if len(files) == 0 {
		t.Fatal("no Terraform fixtures")
	}
	hcl := parsers.Default()[parsers.HCL]
	jsonParser := parsers.Default()[parsers.JSON]
	for _, shape := range []string{"objects", "ordered"} {
		for _, file := range files {
			t.Run(shape+"/"+filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(t *testing.T) {
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				docs, err := hcl.Parse(file, src)
				if err != nil || len(docs) != 1 {
					t.Fatalf("parse: %v (%d documents)", err, len(docs))
				}
				conv := &jsonShape{ordered: shape == "ordered", bodies: map[string]parsers.Path{}}
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
}

// jsonShape rewrites an HCL document in a Terraform JSON shape and
// remembers where each HCL block body went, to map HCL paths.
type jsonShape struct {
	ordered bool
	bodies  map[string]parsers.Path // HCL pointer of a body -> its JSON path
}

// absentBlocks are blocks that rules test the presence of; the ordered
// shape declares them as null or [] (no block) where HCL has none.
var absentBlocks = map[string]any{
	"logging":                              nil,
	"versioning":                           []any{},
	"server_side_encryption_configuration": []any{},
	"master_authorized_networks_config":    nil,
	"encryption_config":                    []any{},
	"image_scanning_configuration":         nil,
	"metadata_options":                     []any{},
	"private_cluster_config":               nil,
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
			if c.ordered {
				// One object per resource in an array, each type an
				// array of objects by name.
				var list []any
				for _, typ := range sortedKeys(types) {
					for _, name := range sortedKeys(types[typ].(map[string]any)) {
						bodies := types[typ].(map[string]any)[name]
						p := parsers.Path{k}.Index(len(list)).Child(typ).Index(0).Child(name)
						list = append(list, map[string]any{typ: []any{map[string]any{
							name: c.blocks(parsers.Path{k, typ, name}, p, bodies, true),
						}}})
					}
				}
				out[k] = list
				continue
			}
			byType := map[string]any{}
			for typ, named := range types {
				byName := map[string]any{}
				for name, bodies := range named.(map[string]any) {
					p := parsers.Path{k, typ, name}
					byName[name] = c.blocks(p, p, bodies, true)
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

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// blocks writes an array of blocks (HCL path hp, JSON path jp): in the
// objects shape one block becomes the block itself; in the ordered shape
// it stays an array.
func (c *jsonShape) blocks(hp, jp parsers.Path, v any, resource bool) any {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return v
	}
	for _, e := range arr {
		if _, ok := e.(map[string]any); !ok {
			return v
		}
	}
	if len(arr) == 1 && !c.ordered {
		return c.body(hp.Index(0), jp, arr[0].(map[string]any), resource)
	}
	out := make([]any, len(arr))
	for i, e := range arr {
		out[i] = c.body(hp.Index(i), jp.Index(i), e.(map[string]any), resource)
	}
	return out
}

func (c *jsonShape) body(hp, jp parsers.Path, m map[string]any, resource bool) map[string]any {
	c.bodies[hp.String()] = jp
	out := map[string]any{}
	if resource && !c.ordered {
		out["//"] = "a comment"
	}
	if resource && c.ordered {
		for k, v := range absentBlocks {
			if _, ok := m[k]; !ok {
				out[k] = v
			}
		}
	}
	for k, x := range m {
		if k == "dynamic" {
			if dyn, ok := x.(map[string]any); ok {
				if c.ordered {
					var list []any
					for _, name := range sortedKeys(dyn) {
						list = append(list, map[string]any{name: c.blocks(hp.Child(k).Child(name), jp.Child(k).Index(len(list)).Child(name), dyn[name], false)})
					}
					out[k] = list
					continue
				}
				d := map[string]any{}
				for name, v := range dyn {
					d[name] = c.blocks(hp.Child(k).Child(name), jp.Child(k).Child(name), v, false)
				}
				out[k] = d
				continue
			}
		}
		out[k] = c.blocks(hp.Child(k), jp.Child(k), x, false)
	}
	return out
}

// path maps an HCL path to the JSON document's path: the JSON path of the
// innermost body it is in, then the rest.
func (c *jsonShape) path(p parsers.Path) parsers.Path {
	for i := len(p); i >= 0; i-- {
		if jp, ok := c.bodies[p[:i].String()]; ok {
			return slices.Clip(append(slices.Clone(jp), p[i:]...))
		}
	}
	return p
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
