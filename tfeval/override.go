package tfeval

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/infragate/infragate/parsers"
)

// Override files (override.tf, *_override.tf and their .tf.json forms) are
// merged by Terraform into the blocks of the module's other files: an
// argument of an overriding resource, data or module block replaces the
// original's, a nested block type replaces all the original's blocks of
// that type (static or dynamic), and lifecycle merges argument by argument.
// Read alone, neither file shows what is deployed: `from_port = 22` in
// sg_override.tf opens SSH on a rule that main.tf opens to the internet on
// port 443. So the document of a primary file gets the overrides of its
// blocks merged in, with the override's known values (Module.Apply); the
// override file's own document stays what it says.

// labelDepth is how many labels the blocks that override files merge have.
var labelDepth = map[string]int{"resource": 2, "data": 2, "module": 1}

// hasOverrides reports whether files holds an override file.
func hasOverrides(files []Source) bool {
	for _, f := range files {
		if isTerraform(f.Name) && isOverride(f.Name) {
			return true
		}
	}
	return false
}

// applyOverrides merges the override files among files (in name order, as
// Terraform reads them) into docs, the documents of the primary file
// filename. parse parses a native override file as the HCL parser does.
// It returns the notes of the override files' values left unknown because
// a work budget ran out, located at the start of the primary file (the
// override files report them where they are).
func (m *Module) applyOverrides(files []Source, docs []parsers.Document, parse func(name string, src []byte) ([]parsers.Document, error)) (notes []note) {
	if len(docs) != 1 || !hasOverrides(files) {
		return nil
	}
	root, ok := docs[0].Value.(map[string]any)
	if !ok {
		return nil
	}
	for _, f := range orderFiles(files) {
		if !isOverride(f.Name) {
			continue
		}
		var over any
		if strings.HasSuffix(strings.ToLower(f.Name), ".json") {
			dec := json.NewDecoder(bytes.NewReader(stripBOM(f.Src)))
			dec.UseNumber()
			if dec.Decode(&over) != nil {
				continue // Terraform refuses the module; the file is judged on its own
			}
		} else {
			odocs, err := parse(f.Name, f.Src)
			if err != nil || len(odocs) != 1 {
				continue
			}
			_, spent := m.apply(f.Name, f.Src, odocs)
			for _, n := range spent {
				cause := n
				if n.cause != nil {
					cause = *n.cause
				}
				notes = append(notes, note{cause: &cause})
			}
			over = odocs[0].Value
		}
		o, ok := over.(map[string]any)
		if !ok {
			continue
		}
		for kind, depth := range labelDepth {
			mergeLabelled(root[kind], o[kind], depth)
		}
	}
	return notes
}

// mergeLabelled merges the blocks of src into those of dst that have the
// same labels (depth levels of them), leaving blocks dst lacks out.
func mergeLabelled(dst, src any, depth int) {
	if depth == 0 {
		d := bodies(dst)
		if len(d) == 0 {
			return
		}
		for _, s := range bodies(src) {
			mergeBody(d[0], s)
		}
		return
	}
	d, ok := dst.(map[string]any)
	if !ok {
		return
	}
	s, ok := src.(map[string]any)
	if !ok {
		return
	}
	for k, sv := range s {
		if dv, ok := d[k]; ok {
			mergeLabelled(dv, sv, depth-1)
		}
	}
}

// bodies returns the block bodies of a labelled block's value: the HCL
// parser's array of bodies, or Terraform JSON's object (or array of them).
func bodies(v any) []map[string]any {
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}
	case []any:
		var out []map[string]any
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// mergeBody merges an overriding block body into the original, as
// Terraform does.
func mergeBody(dst, src map[string]any) {
	for k, v := range src {
		switch k {
		case "dynamic":
			sd, ok := v.(map[string]any)
			if !ok {
				dst[k] = v
				continue
			}
			dd, ok := dst["dynamic"].(map[string]any)
			if !ok {
				dd = map[string]any{}
				dst["dynamic"] = dd
			}
			for t, tv := range sd {
				delete(dst, t)
				dd[t] = tv
			}
		case "lifecycle":
			d, s := bodies(dst[k]), bodies(v)
			if len(d) == 0 || len(s) == 0 {
				dst[k] = v
				continue
			}
			for _, sb := range s {
				for a, av := range sb {
					d[0][a] = av
				}
			}
		default:
			dst[k] = v
			if dd, ok := dst["dynamic"].(map[string]any); ok {
				delete(dd, k)
			}
		}
	}
}
