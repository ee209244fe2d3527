package engine

import (
	"context"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/infragate/infragate/parsers"
)

// fileScope is what every document of one file is evaluated with.
type fileScope struct {
	ctx   ast.Value               // data.conftest.file
	query *rego.PreparedEvalQuery // the rules for the file's format; nil: all
}

// formatQuery is the prepared query of the rules that apply to one format.
type formatQuery struct {
	once  sync.Once
	query *rego.PreparedEvalQuery
}

// queryFor returns the query of the rules that apply to documents of the
// given format (Options.Applies), preparing it on first use. It returns
// nil, meaning every rule, when there is no selection to make: no Applies,
// an unknown format, or every rule applies. Selection only skips rules a
// document could not match; a query that fails to prepare falls back to
// all rules.
func (e *Engine) queryFor(ctx context.Context, f parsers.Format) *rego.PreparedEvalQuery {
	if e.opts.Applies == nil || f == "" {
		return nil
	}
	e.formatMu.Lock()
	fq, ok := e.formatQueries[f]
	if !ok {
		fq = &formatQuery{}
		if e.formatQueries == nil {
			e.formatQueries = map[parsers.Format]*formatQuery{}
		}
		e.formatQueries[f] = fq
	}
	e.formatMu.Unlock()
	fq.once.Do(func() {
		applies := func(pkg string) bool { return e.opts.Applies(pkg, f) }
		all := true
		for _, r := range e.rules {
			all = all && applies(r.pkg)
		}
		for pkg := range e.excVars {
			all = all && applies(pkg)
		}
		if all {
			return
		}
		q, err := e.prepare(ctx, e.buildQuery(applies))
		if err == nil {
			fq.query = &q
		}
	})
	return fq.query
}

// prepare prepares a query over the compiled policies and the data.
func (e *Engine) prepare(ctx context.Context, body ast.Body) (rego.PreparedEvalQuery, error) {
	opts := []func(*rego.Rego){
		rego.Compiler(e.compiler),
		rego.ParsedQuery(body),
		rego.Store(e.store),
		rego.Runtime(ast.ObjectTerm(ast.Item(ast.StringTerm("name"), ast.StringTerm("infragate")))),
		// The query itself has no print calls: compiling it with print
		// statements enabled only costs time (the modules keep theirs).
		rego.PrintHook(printHook{e}),
	}
	if e.readsFile {
		opts = append(opts, rego.Resolver(e.fileRef, nullResolver{}))
	}
	return rego.New(opts...).PrepareForEval(ctx)
}

// locateQuery returns the query of just the given rules (in engine order),
// which locating re-evaluates with a tracer instead of every rule of the
// format: a document with findings of two rules need not trace the
// others. Queries are prepared on first use and shared; nil (every rule)
// when one does not prepare.
func (e *Engine) locateQuery(ctx context.Context, rules map[*ruleRef]bool) *rego.PreparedEvalQuery {
	var key strings.Builder
	var body ast.Body
	for i := range e.rules {
		r := &e.rules[i]
		if rules[r] {
			key.WriteString(r.bind + " ")
			body = append(body, ruleBinding(r.bind, r.ref))
		}
	}
	e.formatMu.Lock()
	lq, ok := e.locateQueries[key.String()]
	if !ok {
		lq = &formatQuery{}
		if e.locateQueries == nil {
			e.locateQueries = map[string]*formatQuery{}
		}
		e.locateQueries[key.String()] = lq
	}
	e.formatMu.Unlock()
	lq.once.Do(func() {
		if q, err := e.prepare(ctx, body); err == nil {
			lq.query = &q
		}
	})
	return lq.query
}
