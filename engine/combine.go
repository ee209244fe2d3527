package engine

import (
	"context"
	"os"
	"sort"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
)

// CheckCombined evaluates all documents of all files at once, as conftest's
// --combine does: input is an array of {"path": name, "contents": document}
// sorted by path (one entry per document). A result's "path" or "resource"
// locates it in the right file; string-only results land on the first
// entry whose path or content the rule read, else on the first file.
func (e *Engine) CheckCombined(ctx context.Context, files []File) (*Report, error) {
	rep := &Report{Rules: e.catalog, Findings: []Finding{}}
	rep.Summary.Files = len(files)
	var entries []combinedEntry
	inputs := map[string]inputFile{}
	for _, f := range files {
		src, release, err := e.readFile(f)
		if err != nil {
			release()
			rep.Findings = append(rep.Findings, errorFinding(IDParseError, f.Name, 0, "cannot read: "+err.Error()))
			continue
		}
		docs, err := f.Parser.Parse(f.Name, src)
		lines := countLines(src)
		release() // the documents hold copies
		if err != nil {
			rep.Findings = append(rep.Findings, parseErrorFinding(f.Name, err))
			continue
		}
		in := newInputFile(e.wd, f, nil)
		in.lines = func() int { return lines }
		inputs[f.Name] = in
		for _, d := range docs {
			entries = append(entries, combinedEntry{f.Name, d})
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	rep.Summary.Documents = len(entries)

	// One combined document whose source map forwards into each file is not
	// possible (maps are per file), so build the combined value and a map
	// whose paths are prefixed by the entry index, all in one virtual file;
	// findings are then moved to their real file below.
	items := make([]any, len(entries))
	combined := &parsers.SourceMap{}
	for i, en := range entries {
		items[i] = map[string]any{"path": en.name, "contents": en.doc.Value}
		// The entry and its path are the document.
		combined.Set(parsers.Path{strconv.Itoa(i)}, en.doc.Range)
		combined.Set(parsers.Path{strconv.Itoa(i), "path"}, en.doc.Range)
		for _, ent := range en.doc.Map.Entries() {
			p := append(parsers.Path{strconv.Itoa(i), "contents"}, parsers.ParsePointer(ent.Pointer)...)
			combined.Set(p, ent.Range)
		}
	}
	doc := &parsers.Document{Value: items, Map: combined}
	input, err := ast.InterfaceToValue(items)
	if err != nil {
		return nil, err
	}
	if len(entries) > 0 {
		// What is not placed in an entry is on the first one.
		doc.Range = entries[0].doc.Range
		scope := fileScope{ctx: combinedContext(e.wd)}
		scope.files = append(scope.files, inputs[entries[0].name])
		for _, f := range files {
			if in, ok := inputs[f.Name]; ok && f.Name != entries[0].name {
				scope.files = append(scope.files, in)
			}
		}
		bindings, errs := e.eval(ctx, input, scope)
		for _, msg := range errs {
			rep.Findings = append(rep.Findings, errorFinding(IDEvalError, entries[0].name, entries[0].doc.Range.StartLine, msg))
		}
		if bindings != nil {
			scope.builtinErrsShown = len(errs) > 0
			found := e.findings(ctx, bindings, subject{file: entries[0].name, doc: doc, input: input, scope: scope})
			for _, f := range found {
				p := parsers.ParsePointer(f.Path)
				i, inEntry := -1, false
				if len(p) >= 1 {
					n, err := strconv.Atoi(p[0])
					i, inEntry = n, err == nil && n >= 0 && n < len(entries)
				}
				switch {
				case inEntry && len(p) >= 2 && p[1] == "contents":
					f.File = entries[i].name
					f.Document = entries[i].doc.Index
					f.Path = parsers.Path(p[2:]).String()
					f.Resource = identity(&entries[i].doc, p[2:])
				case inEntry:
					// The entry itself or its path: that document.
					f.File = entries[i].name
					f.Document = entries[i].doc.Index
					f.Path = ""
					f.StartLine, f.EndLine = entries[i].doc.Range.StartLine, entries[i].doc.Range.EndLine
				default:
					// On the first entry, or where its _loc says: the
					// document of that file holding the line.
					f.Document = documentAt(entries, f.File, f.StartLine)
				}
				if f.StartLine < 1 {
					f.StartLine, f.EndLine = 1, 1
				}
				rep.Findings = append(rep.Findings, f)
			}
		}
	}
	rep.Sort()
	rep.Count()
	return rep, nil
}

// combinedContext is data.conftest.file for a combined input, as conftest
// sets it: the name "Combined" and the working directory wd.
func combinedContext(wd string) ast.Value {
	if wd == "" {
		wd, _ = os.Getwd()
	}
	return ast.NewObject(
		ast.Item(ast.StringTerm("name"), ast.StringTerm("Combined")),
		ast.Item(ast.StringTerm("dir"), ast.StringTerm(wd)),
	)
}

// combinedEntry is one document of a combined input.
type combinedEntry struct {
	name string // its file
	doc  parsers.Document
}

// documentAt is the index of the document of file that holds line; the
// file's first document when none does.
func documentAt(entries []combinedEntry, file string, line int) int {
	first := -1
	for _, en := range entries {
		if en.name != file {
			continue
		}
		if en.doc.Range.StartLine <= line && line <= en.doc.Range.EndLine {
			return en.doc.Index
		}
		if first < 0 {
			first = en.doc.Index
		}
	}
	return max(first, 0)
}
