package engine

import (
	"context"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/infragate/infragate/parsers"
)

// fileScope is what every document of one file is evaluated with.
type fileScope struct {
	ctx    ast.Value               // data.conftest.file
	query  *rego.PreparedEvalQuery // the rules for the file's format; nil: all
	use    *inputUse               // what those rules read of input
	guards *guardTest              // selects those rules by guard; nil: none
	met    *guardsMet              // the guards the file's documents met; nil: not kept
	// src is the file's bytes while its documents are evaluated, for
	// results that name their text (match.go); nil when not at hand.
	src []byte
	// files are the files of the input: the evaluated file first, then,
	// with --combine, the other combined files. A result's _loc can only
	// place it in one of them (locfile.go).
	files []inputFile
	// builtinErrsShown says that the document's builtin errors are
	// findings already: evaluating it again (to locate findings) does not
	// count them as errors.
	builtinErrsShown bool
}

// lazyQuery is a query prepared on first use: the rules that apply to one
// format, or the rules locating traces.
type lazyQuery struct {
	once  sync.Once
	query *rego.PreparedEvalQuery
	use   *inputUse
}

// lazy returns the query kept under key, prepared from the body that build
// gives on first use; nil when build gives none (meaning every rule) or the
// query does not prepare. Queries are shared by every document.
func (e *Engine) lazy(ctx context.Context, key string, build func() (ast.Body, bool)) *lazyQuery {
	e.queriesMu.Lock()
	lq, ok := e.queries[key]
	if !ok {
		lq = &lazyQuery{}
		if e.queries == nil {
			e.queries = map[string]*lazyQuery{}
		}
		e.queries[key] = lq
	}
	e.queriesMu.Unlock()
	lq.once.Do(func() {
		body, ok := build()
		if !ok {
			return
		}
		if q, err := e.prepare(ctx, body); err == nil {
			lq.query = &q
			lq.use = e.inputUse(body)
		}
	})
	return lq
}

// queryFor returns the query of the rules that apply to documents of the
// given format (Options.Applies), preparing it on first use, with the
// query of their guards (guards.go; nil when none). The query is nil,
// meaning every rule, when there is no selection to make: no Applies, an
// unknown format, or every rule applies. Selection only skips rules a
// document could not match; a query that fails to prepare falls back to
// all rules.
func (e *Engine) queryFor(ctx context.Context, f parsers.Format) (*rego.PreparedEvalQuery, *inputUse, *guardTest) {
	every := func(string) bool { return true }
	if e.opts.Applies == nil || f == "" {
		return nil, e.use, e.guardTestFor(ctx, "all "+string(f), f, every)
	}
	applies := func(pkg string) bool { return e.opts.Applies(pkg, f) }
	key := "format " + string(f)
	lq := e.lazy(ctx, key, func() (ast.Body, bool) {
		all := true
		for _, r := range e.rules {
			all = all && applies(r.pkg)
		}
		for pkg := range e.excVars {
			all = all && applies(pkg)
		}
		if all {
			return nil, false
		}
		return e.buildQuery(applies), true
	})
	if lq.query == nil {
		return nil, e.use, e.guardTestFor(ctx, "all "+string(f), f, every)
	}
	return lq.query, lq.use, e.guardTestFor(ctx, key, f, applies)
}

// prepare prepares a query over the compiled policies and the data.
func (e *Engine) prepare(ctx context.Context, body ast.Body) (rego.PreparedEvalQuery, error) {
	opts := []func(*rego.Rego){
		rego.Compiler(e.compiler),
		rego.ParsedQuery(append(comprehensionCacheStart(), body...)),
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
	key := "locate"
	for i := range e.rules {
		if rules[&e.rules[i]] {
			key += " " + e.rules[i].bind
		}
	}
	return e.lazy(ctx, key, func() (ast.Body, bool) {
		var body ast.Body
		for i := range e.rules {
			if r := &e.rules[i]; rules[r] {
				body = append(body, ruleBinding(r.bind, r.ref))
			}
		}
		return body, true
	}).query
}

// comprehensionCacheStart is the start of every query: `$ig_k = 0;
// $ig_c = [1 | $ig_k = 0]` (wildcard names, which results leave out), a
// comprehension that OPA indexes and whose evaluation creates the
// evaluation's comprehension cache at the top of the query. OPA creates
// that cache lazily, on the first indexed comprehension; when that happens
// inside a rule or function, the cache lives in the copy of the evaluation
// state made for that call and is lost with it, so an indexed comprehension
// in a function (tfplan.of_type) was indexed again on every call: a scan of
// every change per call instead of one per evaluation. Created at the top,
// the cache is shared by every call (each copy points at it), as OPA
// intends. TestComprehensionIndexShared checks it.
func comprehensionCacheStart() ast.Body {
	k := ast.VarTerm("$ig_k")
	return ast.NewBody(
		ast.Equality.Expr(k, ast.IntNumberTerm(0)),
		ast.Equality.Expr(ast.VarTerm("$ig_c"),
			ast.ArrayComprehensionTerm(ast.IntNumberTerm(1), ast.NewBody(ast.Equality.Expr(k, ast.IntNumberTerm(0))))),
	)
}
