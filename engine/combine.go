package engine

import (
	"context"
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
	type entry struct {
		name string
		doc  parsers.Document
	}
	var entries []entry
	for _, f := range files {
		src, release, err := e.readFile(f)
		if err != nil {
			release()
			rep.Findings = append(rep.Findings, errorFinding(IDParseError, f.Name, 0, "cannot read: "+err.Error()))
			continue
		}
		docs, err := f.Parser.Parse(f.Name, src)
		release() // the documents hold copies
		if err != nil {
			rep.Findings = append(rep.Findings, parseErrorFinding(f.Name, err))
			continue
		}
		for _, d := range docs {
			entries = append(entries, entry{f.Name, d})
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
		bindings, errs := e.eval(ctx, input, fileScope{})
		for _, msg := range errs {
			rep.Findings = append(rep.Findings, errorFinding(IDEvalError, entries[0].name, entries[0].doc.Range.StartLine, msg))
		}
		if errs == nil {
			found := e.findings(ctx, bindings, subject{file: entries[0].name, doc: doc, input: input})
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
				case f.StartLine == 0 || f.Path == "":
					f.StartLine, f.EndLine = entries[0].doc.Range.StartLine, entries[0].doc.Range.EndLine
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
