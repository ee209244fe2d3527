package engine

// Documents inside documents.
//
// kubectl applies a Kubernetes List (kind: List, or a typed list such as
// DeploymentList) item by item, so a privileged Deployment wrapped in a List
// is as privileged as one on its own. conftest, and so every user policy,
// sees the List as one document; the built-in rules judge its items as
// documents of their own (Options.Items). Each item is evaluated against the
// rules ItemsApply keeps, with the item as input, a source map of its own
// and findings whose paths start at the List. A List inside a List is
// unwrapped the same way.

import (
	"context"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
)

// itemsKey is the lazy query of the rules that judge nested documents.
const itemsKey = "items"

// evalWithItems evaluates a document, then the documents nested in it.
func (e *Engine) evalWithItems(ctx context.Context, file string, doc *parsers.Document, scope fileScope) []Finding {
	out := e.evalDocument(ctx, file, doc, scope)
	if e.opts.Items == nil || !e.itemRules {
		return out
	}
	at, ok := e.opts.Items(doc.Value)
	if !ok {
		return out
	}
	v, _ := parsers.ValueAt(doc.Value, at)
	items, ok := v.([]any)
	if !ok || len(items) == 0 {
		return out
	}
	iscope, ok := e.itemScope(ctx, scope)
	if !ok {
		return append(out, errorFinding(IDEvalError, file, doc.Range.StartLine,
			"cannot evaluate the items of this list: the query of the built-in rules did not prepare"))
	}
	maps := doc.Map.Elements(at, len(items))
	for i, item := range items {
		p := at.Index(i)
		r, _ := doc.Map.Lookup(p)
		if r.IsZero() {
			r = doc.Range
		}
		sub := parsers.Document{Value: item, Index: doc.Index, Range: r, Map: maps[i]}
		for _, f := range e.evalWithItems(ctx, file, &sub, iscope) {
			f.Path = p.String() + f.Path // paths start at the List
			out = append(out, f)
		}
	}
	return out
}

// itemScope is the scope nested documents are evaluated with: the rules
// ItemsApply keeps, with their guards for YAML documents.
func (e *Engine) itemScope(ctx context.Context, file fileScope) (fileScope, bool) {
	applies := func(pkg string) bool {
		return e.opts.ItemsApply(pkg) && (e.opts.Applies == nil || e.opts.Applies(pkg, parsers.YAML))
	}
	lq := e.lazy(ctx, itemsKey, func() (ast.Body, bool) { return e.buildQuery(applies), true })
	if lq.query == nil {
		return fileScope{}, false
	}
	return fileScope{
		ctx:    file.ctx,
		query:  lq.query,
		use:    lq.use,
		guards: e.guardTestFor(ctx, itemsKey, parsers.YAML, applies),
		src:    file.src,
		files:  file.files,
	}, true
}
