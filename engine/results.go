package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/infragate/infragate/parsers"
)

// subject is what a set of results is about: one document of one file.
type subject struct {
	file  string
	doc   *parsers.Document
	input ast.Value
	scope fileScope
	// planAddrs are the addresses of a plan's resource changes when the
	// document does not hold them (a plan evaluated by slices).
	planAddrs []string
}

// result is one element of a rule's value.
type result struct {
	msg  string
	obj  map[string]any // nil for string results
	rule *ruleRef
}

// findings turns the query bindings for one document into findings.
func (e *Engine) findings(ctx context.Context, b rego.Vars, sub subject) []Finding {
	excepted := map[string]map[string]bool{} // package -> exception names
	for pkg, bind := range e.excVars {
		for _, v := range values(b[bind]) {
			for _, item := range elems(v) {
				switch x := item.(type) {
				case string:
					addName(excepted, pkg, x)
				case []any:
					for _, n := range x {
						if s, ok := n.(string); ok {
							addName(excepted, pkg, s)
						}
					}
				}
			}
		}
	}
	var out []Finding
	var unlocated []int
	var pending []result
	var matches []int // findings whose result names its text (_match)
	var matched []string
	for i := range e.rules {
		r := &e.rules[i]
		for _, v := range values(b[r.bind]) {
			items, problem := ruleItems(v)
			if problem != "" {
				out = append(out, errorFinding(IDEvalError, sub.file, sub.doc.Range.StartLine,
					fmt.Sprintf("rule %s %s", r.where(), problem)))
				continue
			}
			for _, item := range items {
				res, problem := toResult(item, r)
				if problem != "" {
					out = append(out, errorFinding(IDEvalError, sub.file, sub.doc.Range.StartLine,
						fmt.Sprintf("rule %s: %s", r.where(), problem)))
					continue
				}
				f := e.newFinding(res, sub)
				if excepted[r.pkg][exceptionName(r.name)] {
					f.Level = LevelException
					f.Blocking = false
				}
				if f.Path == "" && !placed(res.obj) {
					unlocated = append(unlocated, len(out))
					pending = append(pending, res)
				}
				if m, ok := res.obj[matchKey].(string); ok {
					matches = append(matches, len(out))
					matched = append(matched, m)
				}
				out = append(out, f)
			}
		}
	}
	if len(unlocated) > 0 {
		e.locateMessages(ctx, sub, out, unlocated, pending)
	}
	for k, i := range matches {
		if out[i].File == sub.file {
			narrowToMatch(sub.scope.src, sub.doc, &out[i], matched[k])
		}
	}
	e.planSources(ctx, sub, out)
	addOrigins(sub, out)
	return out
}

// addOrigins gives the findings placed in a document whose values are
// written in other files (a kustomization's build) the place their value
// comes from.
func addOrigins(sub subject, out []Finding) {
	if len(sub.doc.Origins) == 0 {
		return
	}
	for i := range out {
		f := &out[i]
		if f.File != sub.file || f.IsError() {
			continue
		}
		if o, ok := sub.doc.OriginOf(parsers.ParsePointer(f.Path)); ok {
			f.Origin = &Location{File: o.File, StartLine: o.StartLine, EndLine: max(o.EndLine, o.StartLine)}
		}
	}
}

// placed reports whether a result names its own place: _loc, or a path
// (an empty path is the document itself). Other results are located by
// tracing (locate.go).
func placed(obj map[string]any) bool {
	if obj["_loc"] != nil {
		return true
	}
	_, ok := toPath(obj["path"])
	return ok
}

func addName(m map[string]map[string]bool, pkg, name string) {
	if m[pkg] == nil {
		m[pkg] = map[string]bool{}
	}
	m[pkg][name] = true
}

// values unwraps a binding of the form [value] (or [] when undefined).
func values(v any) []any {
	a, _ := v.([]any)
	return a
}

func elems(v any) []any {
	if a, ok := v.([]any); ok {
		return a
	}
	return []any{v}
}

// ruleItems returns the results of one rule value, or a problem when the
// value cannot be read as results (which fails closed: an error finding).
func ruleItems(v any) ([]any, string) {
	switch x := v.(type) {
	case []any:
		return x, ""
	case string:
		return []any{x}, ""
	case bool:
		if x {
			return nil, "is a boolean that is true; return a set of messages (deny contains msg if ...) so the failure is not lost"
		}
		return nil, ""
	case map[string]any:
		if _, ok := x["msg"]; ok {
			return []any{x}, ""
		}
		return nil, "is an object (in Rego v1 `deny[msg] if` defines an object, not a set); write `deny contains msg if`"
	case nil:
		return nil, ""
	}
	return nil, fmt.Sprintf("has a value of type %s; return a set of messages", typeName(v))
}

func toResult(item any, r *ruleRef) (result, string) {
	switch x := item.(type) {
	case string:
		return result{msg: x, rule: r}, ""
	case map[string]any:
		msg, ok := x["msg"].(string)
		if !ok {
			return result{}, "a result object needs a string \"msg\" field"
		}
		return result{msg: msg, obj: x, rule: r}, ""
	}
	return result{}, fmt.Sprintf("a result must be a string or an object with \"msg\", got %s", typeName(item))
}

// typeName is the JSON (and OPA) name of a value's type.
func typeName(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case json.Number, float64, int:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// resultKeys are the result-object keys infragate interprets; all others
// are kept as the finding's metadata.
func isResultKey(k string) bool {
	switch k {
	case "msg", "_loc", "path", "resource", matchKey:
		return true
	}
	return false
}

// newFinding builds a finding and locates it from the result's own
// location fields: _loc, path or resource.
func (e *Engine) newFinding(res result, sub subject) Finding {
	info := res.rule.info
	f := Finding{
		Level:    res.rule.level,
		ID:       info.ID,
		Title:    info.Title,
		Rule:     res.rule.dataRef,
		Message:  res.msg,
		File:     sub.file,
		Severity: info.Severity,
		Document: sub.doc.Index,
		Blocking: res.rule.level == LevelFailure,
	}
	for k, v := range res.obj {
		if isResultKey(k) {
			continue
		}
		if f.Metadata == nil {
			f.Metadata = map[string]any{}
		}
		f.Metadata[k] = v
	}
	if s, ok := f.Metadata["severity"].(string); ok && f.Severity == "" {
		f.Severity = strings.ToLower(s)
	}
	rng := sub.doc.Range
	if loc, ok := res.obj["_loc"].(map[string]any); ok {
		// The file must be one of the input's, else the finding stays on
		// the evaluated file; the line must be one of the file's.
		var in inputFile
		if len(sub.scope.files) > 0 {
			in = sub.scope.files[0]
		}
		known := true // the line is of a file of the input
		if file, ok := loc["file"].(string); ok {
			named, ok := locFile(sub.scope.files, e.wd, file)
			if ok {
				in = named
				f.File = named.name
			}
			known = ok
		}
		switch line := toInt(loc["line"]); {
		case known && line > 0 && in.lines != nil && line <= in.lines():
			rng = parsers.Range{StartLine: line, EndLine: line}
		case f.File != sub.file:
			// Another file of a combined input: the whole of it.
			rng = parsers.Range{StartLine: 1, EndLine: max(1, in.lines())}
		}
	} else if p, ok := toPath(res.obj["path"]); ok {
		r, matched := sub.doc.Map.Lookup(p)
		if !r.IsZero() {
			rng = r
			f.Path = parsers.Path(matched).String()
		}
	} else if addr, ok := res.obj["resource"].(string); ok {
		if p := addressPath(addr); p != nil {
			if r, matched := sub.doc.Map.Lookup(p); !r.IsZero() && len(matched) > 0 {
				rng = r
				f.Path = matched.String()
			}
		}
	}
	f.StartLine, f.EndLine = rng.StartLine, rng.EndLine
	if f.StartLine < 1 {
		f.StartLine = 1
	}
	if f.EndLine < f.StartLine {
		f.EndLine = f.StartLine
	}
	if addr, ok := res.obj["resource"].(string); ok && addr != "" {
		f.Resource = addr
	} else {
		f.Resource = identity(sub.doc, parsers.ParsePointer(f.Path))
	}
	return f
}

func toInt(v any) int {
	switch x := v.(type) {
	case json.Number:
		n, _ := x.Int64()
		return int(n)
	case float64:
		return int(x)
	case int:
		return x
	}
	return 0
}

// toPath reads a result's "path": an array of keys and indexes, or a
// dotted string ("spec.containers.0.image").
func toPath(v any) (parsers.Path, bool) {
	switch x := v.(type) {
	case []any:
		p := make(parsers.Path, 0, len(x))
		for _, el := range x {
			switch s := el.(type) {
			case string:
				p = append(p, s)
			case json.Number:
				p = append(p, s.String())
			case float64:
				p = append(p, fmt.Sprint(int(s)))
			default:
				return nil, false
			}
		}
		return p, true
	case string:
		if x == "" {
			return parsers.Path{}, true
		}
		return strings.Split(strings.TrimPrefix(x, "input."), "."), true
	}
	return nil, false
}

// addressPath maps a Terraform address to the data path of its block:
// aws_s3_bucket.b -> /resource/aws_s3_bucket/b/0, data.x.y -> /data/x/y/0,
// module.m -> /module/m/0. Index suffixes ([0], ["k"]) are ignored.
func addressPath(addr string) parsers.Path {
	parts := strings.Split(addr, ".")
	for i, p := range parts {
		if j := strings.IndexByte(p, '['); j >= 0 {
			parts[i] = p[:j]
		}
	}
	switch {
	case len(parts) >= 3 && parts[0] == "data":
		return parsers.Path{"data", parts[1], parts[2], "0"}
	case len(parts) >= 2 && parts[0] == "module":
		return parsers.Path{"module", parts[1], "0"}
	case len(parts) == 2:
		return parsers.Path{"resource", parts[0], parts[1], "0"}
	}
	return nil
}

// identity names the object a finding is about, independently of lines:
// a Terraform address, a Kubernetes kind/namespace/name, or the path.
func identity(doc *parsers.Document, p parsers.Path) string {
	if len(p) >= 3 {
		switch p[0] {
		case "resource":
			return p[1] + "." + p[2]
		case "data":
			return "data." + p[1] + "." + p[2]
		}
	}
	if len(p) >= 2 && p[0] == "module" {
		return "module." + p[1]
	}
	if m, ok := doc.Value.(map[string]any); ok {
		kind, _ := m["kind"].(string)
		if _, hasAPI := m["apiVersion"]; hasAPI && kind != "" {
			meta, _ := m["metadata"].(map[string]any)
			name, _ := meta["name"].(string)
			ns, _ := meta["namespace"].(string)
			if ns == "" {
				return kind + "/" + name
			}
			return kind + "/" + ns + "/" + name
		}
	}
	if len(p) > 0 {
		return p.String()
	}
	return ""
}

// locateMessages places string-only results: first by re-evaluating the
// document with a tracer and walking the derivation of each message
// (locate.go), then, for what that did not place, by a Terraform address
// named in the message. Otherwise the finding stays on the document.
func (e *Engine) locateMessages(ctx context.Context, sub subject, out []Finding, idx []int, pending []result) {
	var paths []parsers.Path
	if !e.noTraceLocate {
		paths = e.locateTraced(ctx, sub, pending)
	}
	addrs := terraformAddresses(sub.doc)
	for k, i := range idx {
		var traced parsers.Path
		if k < len(paths) {
			traced = paths[k]
		}
		// A Terraform address named in the message wins over a traced path
		// that is one of its ancestors (the rule read the whole resource map).
		if best := namedAddress(out[i].Message, addrs); best != "" {
			p := addressPath(best)
			if hasPrefix(p, traced) {
				if r, matched := sub.doc.Map.Lookup(p); !r.IsZero() && len(matched) == len(p) {
					out[i].StartLine, out[i].EndLine = r.StartLine, r.EndLine
					out[i].Path = matched.String()
					out[i].Resource = best
					continue
				}
			}
		}
		if len(traced) == 0 {
			continue
		}
		if r, matched := sub.doc.Map.Lookup(traced); !r.IsZero() && len(matched) > 0 {
			out[i].StartLine, out[i].EndLine = r.StartLine, max(r.EndLine, r.StartLine)
			out[i].Path = matched.String()
			out[i].Resource = identity(sub.doc, matched)
		}
	}
}

// namedAddress is the longest of addrs that msg names as a word.
func namedAddress(msg string, addrs []string) string {
	best := ""
	for _, a := range addrs {
		if containsWord(msg, a) && len(a) > len(best) {
			best = a
		}
	}
	return best
}

// terraformAddresses lists the resource, data and module addresses of an
// HCL document, sorted.
func terraformAddresses(doc *parsers.Document) []string {
	m, ok := doc.Value.(map[string]any)
	if !ok {
		return nil
	}
	var out []string
	for _, top := range []string{"resource", "data"} {
		types, _ := m[top].(map[string]any)
		for t, names := range types {
			nm, _ := names.(map[string]any)
			for n := range nm {
				if top == "data" {
					out = append(out, "data."+t+"."+n)
				} else {
					out = append(out, t+"."+n)
				}
			}
		}
	}
	if mods, ok := m["module"].(map[string]any); ok {
		for n := range mods {
			out = append(out, "module."+n)
		}
	}
	sort.Strings(out)
	return out
}

// containsWord reports whether s contains w not embedded in a longer
// identifier (so aws_s3_bucket.b does not match aws_s3_bucket.bb).
func containsWord(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(w)
		before := i == 0 || !isIdentByte(s[i-1])
		after := end == len(s) || !isIdentByte(s[end])
		if before && after {
			return true
		}
		off = i + 1
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
