package helmchart

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/infragate/infragate/parsers"
)

// A rendered value that a template writes from the chart's values is to
// be changed in the values file, not in the template: `privileged: true`
// in values.yaml, written by `{{- toYaml .Values.securityContext | nindent
// 12 }}`. Such a value gets that values file and line as its origin
// (parsers.Document.Origins), found from the template line that wrote it:
// the `.Values` references of its actions (and the `with .Values.x` or
// `range .Values.x` block around it, for `.` and its fields: `.image` in
// `range .Values.extra` reads extra/*/image, an item of the list),
// followed down the rendered path's last keys to a value in the values
// files equal to the rendered one (or, for a string, contained in it:
// "nginx:{{ .Values.image.tag }}").

// valuesRef matches a reference to the chart's values: .Values.a.b or
// $.Values.a.b (the path is the keys after "Values").
var valuesRef = regexp.MustCompile(`\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)`)

// fieldRef matches a field of `.` (.image, .securityContext.privileged)
// used as an argument or a pipeline's input; m[2] is the field path.
var fieldRef = regexp.MustCompile(`(^|[\s(|,])\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)`)

// builtins are the top-level objects of a template's root context: a
// field of `.` with one of these names is not an item's.
var builtins = map[string]bool{"Values": true, "Release": true, "Chart": true, "Capabilities": true, "Template": true, "Files": true, "Subcharts": true}

// anyItem in a values path stands for every item of a list (or map) that
// `range` goes over: extra/*/image.
const anyItem = "*"

// dotRef matches `.` used alone as an argument or a pipeline's input
// (toYaml ., {{ . }}, . | quote), the current context.
var dotRef = regexp.MustCompile(`(^|[\s(|])\.($|[\s)|])`)

// lineRefs lists, for each line of a template (by line - 1), the values
// paths its actions read: references in the line's actions, and the path
// of the enclosing `with .Values.x` or `range .Values.x` block (x/* for
// range) where an action reads `.` or a field of it (`.image`: x/*/image).
// A `with` or `range` over a field of such a block nests in it (`range
// .ports` in `range .Values.services`: services/*/ports/*).
func lineRefs(tpl string) [][]parsers.Path {
	lines := strings.Split(tpl, "\n")
	out := make([][]parsers.Path, len(lines))
	// The with-context of each open block: a values path, or nil when the
	// block is not a `with` over values (if, range, define...: `.` is not
	// known there, or unchanged for if).
	type block struct {
		ctx   parsers.Path
		isCtx bool // the block sets `.` (with, range, define)
	}
	var stack []block
	context := func() parsers.Path {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].isCtx {
				return stack[i].ctx
			}
		}
		return nil
	}
	line := 0
	for i := 0; i < len(tpl); {
		j := strings.Index(tpl[i:], "{{")
		if j < 0 {
			break
		}
		line += strings.Count(tpl[i:i+j], "\n")
		start := i + j + 2
		k := strings.Index(tpl[start:], "}}")
		if k < 0 {
			break
		}
		action := strings.Trim(tpl[start:start+k], "- \t\n")
		word := action
		if w := strings.IndexAny(action, " \t\n"); w >= 0 {
			word = action[:w]
		}
		var refs []parsers.Path
		for _, m := range valuesRef.FindAllStringSubmatch(action, -1) {
			refs = append(refs, parsers.Path(strings.Split(strings.TrimPrefix(m[1], "."), ".")))
		}
		if ctx := context(); ctx != nil {
			for _, m := range fieldRef.FindAllStringSubmatch(action, -1) {
				if f := strings.Split(m[2], "."); !builtins[f[0]] {
					refs = append(refs, append(slices.Clip(ctx), f...))
				}
			}
		}
		switch word {
		case "with", "range":
			var ctx parsers.Path
			if len(refs) == 1 {
				ctx = refs[0]
				if word == "range" {
					ctx = append(slices.Clip(ctx), anyItem)
				}
			}
			stack = append(stack, block{ctx: ctx, isCtx: true})
		case "define", "block":
			stack = append(stack, block{isCtx: true})
		case "if":
			stack = append(stack, block{})
		case "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		default:
			if ctx := context(); ctx != nil && dotRef.MatchString(action) {
				refs = append(refs, ctx)
			}
		}
		if word != "with" && word != "if" && word != "range" && line < len(out) {
			out[line] = append(out[line], refs...)
		}
		line += strings.Count(tpl[start:start+k], "\n")
		i = start + k + 2
	}
	return out
}

// valuesFile is one values file of a chart, parsed, under the name its
// origins are reported with.
type valuesFile struct {
	name string
	doc  parsers.Document
}

// valuesOrigins places the values of a rendered document that come from
// the values files: doc's map is in template lines, refs those lines'
// values references, files the values files in the order they apply.
func valuesOrigins(doc parsers.Document, refs [][]parsers.Path, files []valuesFile) map[string]parsers.Origin {
	if len(files) == 0 {
		return nil
	}
	origins := map[string]parsers.Origin{}
	for _, e := range doc.Map.Entries() {
		p := parsers.ParsePointer(e.Pointer)
		rendered, ok := parsers.ValueAt(doc.Value, p)
		if !ok {
			continue
		}
		// The line the value starts on wrote it: a block's later lines
		// are its children's.
		if e.StartLine < 1 || e.StartLine > len(refs) {
			continue
		}
		if o, ok := originOf(p, rendered, refs[e.StartLine-1], files); ok {
			origins[e.Pointer] = o
		}
	}
	if len(origins) == 0 {
		return nil
	}
	return origins
}

// originOf finds the values file and line of the value rendered at p, from
// the values paths its template line reads: the longest run of p's last
// keys that, under one of them, names a value equal to the rendered one.
func originOf(p parsers.Path, rendered any, refs []parsers.Path, files []valuesFile) (parsers.Origin, bool) {
	_, composite := rendered.(map[string]any)
	if _, ok := rendered.([]any); ok {
		composite = true
	}
	for n := len(p); n >= 0; n-- {
		suffix := p[len(p)-n:]
		var found []parsers.Origin
		for _, ref := range refs {
			if n == 0 && composite && (len(p) == 0 || len(ref) == 0 || p[len(p)-1] != ref[len(ref)-1]) {
				// A block is the values' block only under the same key
				// (resources: from .Values.resources).
				continue
			}
			full := append(append(parsers.Path{}, ref...), suffix...)
			if o, ok := definedAt(full, rendered, files); ok && !slices.Contains(found, o) {
				found = append(found, o)
			}
		}
		switch {
		case len(found) == 1:
			return found[0], true
		case len(found) > 1:
			// Several values written into one string ("{{ .Values.image.
			// repository }}:{{ .Values.image.tag }}"): all of them, when
			// they are in one file.
			o := found[0]
			for _, x := range found[1:] {
				if x.File != o.File {
					return found[0], true
				}
				o.StartLine, o.EndLine = min(o.StartLine, x.StartLine), max(o.EndLine, x.EndLine)
				o.StartCol, o.EndCol = 0, 0
			}
			return o, true
		}
	}
	return parsers.Origin{}, false
}

// definedAt returns where the last of the values files that sets the path
// full sets it, when that value is the rendered one. A path through the
// items of a list (extra/*/image, see lineRefs) is the item's whose value
// is the rendered one, in the last file that sets the list (a values file
// replaces a list, it does not merge it); the range covering them when
// several are.
func definedAt(full parsers.Path, rendered any, files []valuesFile) (parsers.Origin, bool) {
	if i := slices.Index(full, anyItem); i >= 0 {
		return itemDefinedAt(full[:i], full[i+1:], rendered, files)
	}
	for i := len(files) - 1; i >= 0; i-- {
		v, ok := parsers.ValueAt(files[i].doc.Value, full)
		if !ok {
			continue
		}
		if !sameValue(v, rendered) {
			return parsers.Origin{}, false
		}
		r, ok := files[i].doc.Map.Exact(full)
		if !ok {
			return parsers.Origin{}, false
		}
		return parsers.Origin{File: files[i].name, Range: r}, true
	}
	return parsers.Origin{}, false
}

// itemDefinedAt is definedAt for the path list/*/rest.
func itemDefinedAt(list, rest parsers.Path, rendered any, files []valuesFile) (parsers.Origin, bool) {
	for i := len(files) - 1; i >= 0; i-- {
		items, ok := parsers.ValueAt(files[i].doc.Value, list)
		if !ok {
			continue
		}
		var keys []string
		switch items := items.(type) {
		case []any:
			for j := range items {
				keys = append(keys, parsers.Path{}.Index(j)[0])
			}
		case map[string]any:
			// Maps are merged: an item that a later file also sets is
			// that file's.
			for _, k := range slices.Sorted(maps.Keys(items)) {
				if !setLater(append(slices.Clip(list), k), files[i+1:]) {
					keys = append(keys, k)
				}
			}
		default:
			return parsers.Origin{}, false
		}
		var exact, holding []parsers.Origin
		for _, k := range keys {
			o, ok := definedAt(append(append(slices.Clip(list), k), rest...), rendered, files[i:i+1])
			if !ok {
				continue
			}
			v, _ := parsers.ValueAt(files[i].doc.Value, append(append(slices.Clip(list), k), rest...))
			if scalarText(v) == scalarText(rendered) {
				exact = append(exact, o)
			} else {
				holding = append(holding, o)
			}
		}
		if len(exact) == 0 {
			exact = holding
		}
		if len(exact) > 0 {
			o := exact[0]
			for _, x := range exact[1:] {
				o.StartLine, o.EndLine = min(o.StartLine, x.StartLine), max(o.EndLine, x.EndLine)
				o.StartCol, o.EndCol = 0, 0
			}
			return o, true
		}
		if _, isList := items.([]any); isList {
			return parsers.Origin{}, false
		}
	}
	return parsers.Origin{}, false
}

// setLater reports whether one of files sets the path p.
func setLater(p parsers.Path, files []valuesFile) bool {
	for _, f := range files {
		if _, ok := parsers.ValueAt(f.doc.Value, p); ok {
			return true
		}
	}
	return false
}

// sameValue reports whether a rendered value is the values file's: both
// maps or both lists, equal scalars, or a string that holds the scalar
// ("nginx:1.27" written from tag "1.27").
func sameValue(v, rendered any) bool {
	switch v.(type) {
	case map[string]any:
		_, ok := rendered.(map[string]any)
		return ok
	case []any:
		_, ok := rendered.([]any)
		return ok
	}
	switch rendered.(type) {
	case map[string]any, []any:
		return false
	}
	a, b := scalarText(v), scalarText(rendered)
	if a == b {
		return true
	}
	s, isString := rendered.(string)
	return isString && a != "" && len(a) >= 2 && strings.Contains(s, a)
}

func scalarText(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(v)
}

// chartDirOf is the name of the chart directory a template is given under
// (filename, "charts/web/templates/deploy.yaml") from its path in the
// chart (rel, "templates/deploy.yaml"): "charts/web".
func chartDirOf(filename, rel string) string {
	slashed := strings.ReplaceAll(filename, "\\", "/")
	if !strings.HasSuffix(slashed, rel) {
		return path.Dir(path.Dir(slashed))
	}
	dir := strings.TrimSuffix(strings.TrimSuffix(slashed, rel), "/")
	if dir == "" {
		return "."
	}
	return dir
}
