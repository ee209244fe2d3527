package engine

// Package guards.
//
// Most of the cost of evaluating a document against rules that cannot match
// it is OPA visiting each rule: about a microsecond per rule even when the
// rule's first expression fails. The built-in library has 78 Kubernetes
// rules, and most of them are about containers, which a ConfigMap, a Service
// or a Role does not have; CloudFormation and workflow rules read YAML too.
//
// A package can have a guard for the documents of a format
// (Options.Guard): a rule that holds for every such document the package's
// rules can match (the library's is_k8s, pod_spec_path, is_template,
// is_workflow, and is_config for Terraform rules on JSON). Before the
// rules of a format, one small query evaluates the guards of its packages,
//
//	__ig_g0 = [1 | data.infragate.lib.kubernetes.is_k8s]; ...
//
// over the same converted document (documents keep what the guards read,
// Engine.inputUse), and the document is then evaluated with the query of
// the rules whose guard holds, prepared on first use for each combination
// of failed guards. A rule left out gives what it gives for a missing
// binding: no results. An error in the guards' query, or a guard that
// names no rule, means every rule. Whether a guard is right for its
// package is the library's promise; policies.TestSelectionKeepsFindings
// checks it on every fixture and, with INFRAGATE_CORPUS, the whole corpus,
// and FuzzGuards on arbitrary documents.

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/infragate/infragate/parsers"
)

// guardBindPrefix starts the binding of each guard in the guards' query;
// its index in Engine.guards follows.
const guardBindPrefix = "__ig_g"

// guardKey is a package for the documents of one format.
type guardKey struct {
	pkg    string
	format parsers.Format
}

// guardTest is what selects the rules of one format's query by guard.
type guardTest struct {
	key     string                  // the format's query key
	format  parsers.Format          // the documents' format
	applies func(pkg string) bool   // the format's packages
	query   *rego.PreparedEvalQuery // the guards of those packages
}

// collectGuards resolves Options.Guard for the packages of the rules and
// every format a document can have (those of parsers.Default, and none).
func (e *Engine) collectGuards() {
	if e.opts.Guard == nil {
		return
	}
	formats := []parsers.Format{""}
	for f := range parsers.Default() {
		formats = append(formats, f)
	}
	slices.Sort(formats)
	// Each distinct guard is parsed and looked up once: -1 when it names
	// no rule (the packages are then always evaluated).
	index := map[string]int{}
	seen := map[string]bool{}
	for _, r := range e.rules {
		if seen[r.pkg] {
			continue
		}
		seen[r.pkg] = true
		for _, f := range formats {
			k := guardKey{r.pkg, f}
			g := e.opts.Guard(r.pkg, f)
			if g == "" {
				continue
			}
			i, ok := index[g]
			if !ok {
				i = -1
				if ref, err := ast.ParseRef(g); err == nil && ref.HasPrefix(ast.DefaultRootRef) && len(e.compiler.GetRulesExact(ref)) > 0 {
					i = len(e.guards)
					e.guards = append(e.guards, ref)
				}
				index[g] = i
			}
			if i < 0 {
				continue
			}
			if e.guardOf == nil {
				e.guardOf = map[guardKey]int{}
			}
			e.guardOf[k] = i
		}
	}
}

// inputUse is what the query body's rules, and the guards of their
// packages, read of input (projection.go): documents are converted once,
// for both.
func (e *Engine) inputUse(body ast.Body) *inputUse {
	if len(e.guards) > 0 {
		binds := map[string]bool{}
		for _, expr := range body {
			if v, ok := expr.Operand(0).Value.(ast.Var); ok && expr.IsEquality() {
				binds[string(v)] = true
			}
		}
		pkgs := map[string]bool{}
		for _, r := range e.rules {
			pkgs[r.pkg] = pkgs[r.pkg] || binds[r.bind]
		}
		// The guards of those packages for any format: a guard reads
		// little beyond what its rules read.
		used := make([]bool, len(e.guards))
		for k, i := range e.guardOf {
			used[i] = used[i] || pkgs[k.pkg]
		}
		body = append(body[:len(body):len(body)], e.guardBody(used)...)
	}
	return queryInputUse(e.compiler, body)
}

// guardBody binds each guard that used marks: __ig_gN = [1 | ref].
func (e *Engine) guardBody(used []bool) ast.Body {
	var body ast.Body
	for i, ref := range e.guards {
		if used[i] {
			comp := ast.ArrayComprehensionTerm(ast.IntNumberTerm(1), ast.NewBody(ast.NewExpr(ast.NewTerm(ref))))
			body = append(body, ast.Equality.Expr(ast.VarTerm(guardBindPrefix+strconv.Itoa(i)), comp))
		}
	}
	return body
}

// guardTestFor returns the guards' query of the packages applies keeps
// for documents of format f (the query under key), nil when none of them
// has a guard.
func (e *Engine) guardTestFor(ctx context.Context, key string, f parsers.Format, applies func(pkg string) bool) *guardTest {
	if len(e.guards) == 0 {
		return nil
	}
	lq := e.lazy(ctx, "guards of "+key, func() (ast.Body, bool) {
		used := make([]bool, len(e.guards))
		for _, r := range e.rules {
			if i, ok := e.guardOf[guardKey{r.pkg, f}]; ok && applies(r.pkg) {
				used[i] = true
			}
		}
		body := e.guardBody(used)
		return body, len(body) > 0
	})
	if lq.query == nil {
		return nil
	}
	return &guardTest{key: key, format: f, applies: applies, query: lq.query}
}

// guarded returns the query of the scope's rules whose guard holds for
// input: the scope's own query when every guard holds, when there are
// none, or when the guards cannot be evaluated. failed is the guards whose
// packages' rules the query leaves out.
func (e *Engine) guarded(ctx context.Context, input ast.Value, scope fileScope) (q *rego.PreparedEvalQuery, failed guardSet) {
	g := scope.guards
	if g == nil {
		return scope.query, 0
	}
	b, errs := e.eval(ctx, input, fileScope{ctx: scope.ctx, query: g.query}, rego.EvalPrintHook(quietPrint{}))
	if len(errs) > 0 {
		return scope.query, 0
	}
	for name, v := range b {
		rest, ok := strings.CutPrefix(name, guardBindPrefix)
		i, err := strconv.Atoi(rest)
		if !ok || err != nil || i < 0 || i >= len(e.guards) || i >= maxGuards {
			continue
		}
		if arr, ok := v.([]any); ok && len(arr) == 0 {
			failed |= 1 << i
		}
	}
	if failed == 0 {
		return scope.query, 0
	}
	var key strings.Builder
	key.WriteString(g.key + " without guards")
	for i := range len(e.guards) {
		if failed.has(i) {
			key.WriteString(" " + strconv.Itoa(i))
		}
	}
	lq := e.lazy(ctx, key.String(), func() (ast.Body, bool) {
		return e.buildQuery(func(pkg string) bool {
			if i, ok := e.guardOf[guardKey{pkg, g.format}]; ok && failed.has(i) {
				return false
			}
			return g.applies(pkg)
		}), true
	})
	if lq.query == nil {
		return scope.query, 0
	}
	return lq.query, failed
}

// maxGuards bounds the guards that select rules: a guardSet has a bit per
// guard (the library has five). Further guards are not evaluated
// separately: their packages are always evaluated.
const maxGuards = 64

// guardSet is a set of guards, bit i for e.guards[i].
type guardSet uint64

func (s guardSet) has(i int) bool { return i < maxGuards && s&(1<<i) != 0 }

// guardsMet gathers, over the documents of one file, the guards that
// failed for every document: the rules of their packages were evaluated
// on none of them (Report.Guarded). Documents are evaluated in parallel.
type guardsMet struct {
	mu     sync.Mutex
	noted  bool
	failed guardSet
}

// note records the guards that failed for one document.
func (g *guardsMet) note(failed guardSet) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.noted {
		g.failed, g.noted = failed, true
		return
	}
	g.failed &= failed
}

// result is the guards that failed for every document, and whether any
// document was noted.
func (g *guardsMet) result() (guardSet, bool) {
	if g == nil {
		return 0, false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.failed, g.noted
}

// guardedPackages lists the packages of rules for documents of format f
// that failed guards leave out, as a set; nil when none.
func (e *Engine) guardedPackages(f parsers.Format, failed guardSet) map[string]bool {
	if failed == 0 {
		return nil
	}
	var out map[string]bool
	for _, r := range e.rules {
		if i, ok := e.guardOf[guardKey{r.pkg, f}]; ok && failed.has(i) {
			if out == nil {
				out = map[string]bool{}
			}
			out[r.pkg] = true
		}
	}
	return out
}
