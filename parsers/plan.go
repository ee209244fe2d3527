package parsers

import (
	"fmt"
	"strconv"
)

// PlanMapDepth is how deep the source map of a Terraform plan goes: paths
// of at most this many elements have their own range, so each resource
// change (/resource_changes/3) and each top-level section is located;
// deeper lookups fall back to them. A plan can be hundreds of megabytes
// and `terraform show -json` writes it on one line: recording every value
// would double the memory a plan costs (measured in BenchmarkLargePlan:
// depth 2 parses a 100 MB plan in 1.9 s, depth 5 in 5.2 s with twice the
// peak heap) and add no line information. Findings on a resource change
// are best located in the .tf sources (see TFSource).
const PlanMapDepth = 2

// PlanParser reads Terraform plan JSON (`terraform show -json plan.out`).
// The document is the plan exactly as Terraform writes it, so conftest
// plan policies (input.resource_changes[_].change.after, .actions) run
// unchanged. JSONParser recognises plans by content as well; this parser
// forces the format (--parser tfplan, stdin) and refuses a file that is
// not a plan.
type PlanParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *PlanParser) ContentOnly() bool { return true }

// Parse implements Parser: one document. Source map as JSONParser's, up
// to PlanMapDepth elements deep.
func (p *PlanParser) Parse(filename string, src []byte) ([]Document, error) {
	docs, err := (&JSONParser{Limits: p.Limits}).parse(filename, src, true)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, nil // an empty file, as for every format
	}
	if len(docs) != 1 || !IsPlan(docs[0].Value) {
		line := 1
		if len(docs) > 0 {
			line = docs[0].Range.StartLine
		}
		return nil, &ParseError{File: filename, Line: line,
			Msg: "not a Terraform plan: expected a JSON object with format_version and resource_changes or planned_values (terraform show -json plan.out)"}
	}
	return docs, nil
}

// IsPlan reports whether a decoded document is a Terraform plan: an object
// with format_version and resource_changes or planned_values.
func IsPlan(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	if _, ok := m["format_version"]; !ok {
		return false
	}
	_, rc := m["resource_changes"]
	_, pv := m["planned_values"]
	return rc || pv
}

// PlanAddresses maps the address of each resource change in a plan
// document (including module path and count/for_each key, as Terraform
// prints it: module.net.aws_subnet.a["x"]) to the path of its element,
// /resource_changes/<i>. Entries without an address are skipped; when an
// address repeats (deposed objects), the first element wins.
func PlanAddresses(doc any) map[string]Path {
	m, _ := doc.(map[string]any)
	changes, _ := m["resource_changes"].([]any)
	out := make(map[string]Path, len(changes))
	for i, c := range changes {
		rc, _ := c.(map[string]any)
		addr, _ := rc["address"].(string)
		if addr == "" {
			continue
		}
		if _, dup := out[addr]; !dup {
			out[addr] = Path{"resource_changes", strconv.Itoa(i)}
		}
	}
	return out
}

// PlanAddressAt returns the address of the resource change that path p
// points into (p starts with resource_changes/<i>), or "" when p is not in
// a resource change.
func PlanAddressAt(doc any, p Path) string {
	i, ok := PlanChangeIndex(p)
	if !ok {
		return ""
	}
	m, _ := doc.(map[string]any)
	changes, _ := m["resource_changes"].([]any)
	if i < 0 || i >= len(changes) {
		return ""
	}
	rc, _ := changes[i].(map[string]any)
	addr, _ := rc["address"].(string)
	return addr
}

// PlanChangeIndex returns the index of the resource change that path p
// points into (p starts with resource_changes/<i>).
func PlanChangeIndex(p Path) (int, bool) {
	if len(p) < 2 || p[0] != "resource_changes" {
		return 0, false
	}
	i, err := strconv.Atoi(p[1])
	return i, err == nil && i >= 0
}

// Address is a parsed Terraform resource address.
type Address struct {
	// Modules are the module calls from the root, with their instance key
	// ("" when the call has no count/for_each).
	Modules []AddressStep
	// Mode is "managed" for resources and "data" for data sources.
	Mode string
	Type string
	Name string
	// Key is the instance key as written: `0` or `"k"` (with quotes); ""
	// when there is none.
	Key string
}

// AddressStep is one module call of an address.
type AddressStep struct {
	Name string
	Key  string
}

// ParseAddress parses a resource instance address such as
// module.a["x"].module.b.aws_s3_bucket.logs[0] or data.aws_iam_policy.p.
func ParseAddress(s string) (Address, error) {
	var a Address
	parts, err := splitAddress(s)
	if err != nil {
		return a, err
	}
	i := 0
	for i+1 < len(parts) && parts[i].name == "module" && parts[i].key == "" {
		a.Modules = append(a.Modules, AddressStep{Name: parts[i+1].name, Key: parts[i+1].key})
		i += 2
	}
	a.Mode = "managed"
	if i < len(parts) && parts[i].name == "data" && parts[i].key == "" {
		a.Mode = "data"
		i++
	}
	if len(parts)-i != 2 || parts[i].key != "" {
		return Address{}, fmt.Errorf("%q is not a resource address", s)
	}
	a.Type, a.Name, a.Key = parts[i].name, parts[i+1].name, parts[i+1].key
	return a, nil
}

type addrPart struct{ name, key string }

// splitAddress splits on the dots between names, keeping [key] suffixes
// (which may hold quoted strings with dots and brackets) with their name.
func splitAddress(s string) ([]addrPart, error) {
	var out []addrPart
	i := 0
	for i < len(s) {
		start := i
		for i < len(s) && s[i] != '.' && s[i] != '[' {
			i++
		}
		p := addrPart{name: s[start:i]}
		if p.name == "" {
			return nil, fmt.Errorf("%q: empty name at offset %d", s, start)
		}
		if i < len(s) && s[i] == '[' {
			kstart := i + 1
			i++
			inStr := false
			for i < len(s) && (inStr || s[i] != ']') {
				switch {
				case inStr && s[i] == '\\':
					i++
				case s[i] == '"':
					inStr = !inStr
				}
				i++
			}
			if i >= len(s) {
				return nil, fmt.Errorf("%q: unclosed [", s)
			}
			p.key = s[kstart:i]
			i++ // ']'
		}
		out = append(out, p)
		if i < len(s) {
			if s[i] != '.' {
				return nil, fmt.Errorf("%q: unexpected %q at offset %d", s, s[i], i)
			}
			i++
			if i == len(s) {
				return nil, fmt.Errorf("%q: ends with a dot", s)
			}
		}
	}
	return out, nil
}
