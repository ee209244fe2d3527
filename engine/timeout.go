package engine

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// After an evaluation ran past --timeout, lateRule finds the rule that was
// running: it evaluates the same query over the same input again, with a
// tracer that follows the evaluation's frames, under one more deadline of
// twice --timeout, and names the rule the evaluation was in when that
// deadline fired. Normal evaluations carry no tracer. A document that hits
// the deadline (one of the first lateRuleRuns) costs up to two more: tracing slows evaluation down about
// twofold, so the second run needs about twice the time to get as far as
// the first, and would otherwise name a slow rule evaluated before the
// one that ran away.
const lateRuleFactor = 2

// lateRuleRuns is how many documents of one run have their deadline
// diagnosed. A policy that runs away on every document (a hostile one)
// would otherwise triple the time of every document; past the first few,
// the error says the deadline was exceeded without naming the rule.
const lateRuleRuns = 4

// withDeadline returns the cancel of one evaluation: it fires after d,
// calling late first, or when ctx ends. The deadline is one timer; OPA
// would otherwise start a goroutine per evaluation to watch the context.
// release stops both watchers.
func withDeadline(ctx context.Context, d time.Duration, late func()) (cancel topdown.Cancel, release func()) {
	cancel = topdown.NewCancel()
	timer := time.AfterFunc(d, func() {
		late()
		cancel.Cancel()
	})
	stop := context.AfterFunc(ctx, cancel.Cancel)
	return cancel, func() {
		timer.Stop()
		stop()
	}
}

// frame is one query of the evaluation (a rule body, a comprehension, a
// negation...): its OPA query id and, for a rule body, the rule.
type frame struct {
	id   uint64
	rule *ast.Rule
}

// frameTracer keeps the chain of queries the evaluation is in, outermost
// first. OPA evaluates depth first on one goroutine, and every event names
// its query and that query's parent, so the chain is a stack: an event of
// a query on the stack closes the queries above it, an event of a new
// query closes those above its parent. Its size is the evaluation's depth,
// however long the evaluation runs.
// Once stopped (at the deadline) it records nothing more: the events of
// the evaluation unwinding would otherwise empty the stack.
type frameTracer struct {
	stack   []frame
	stopped atomic.Bool
}

func (*frameTracer) Enabled() bool               { return true }
func (*frameTracer) Config() topdown.TraceConfig { return topdown.TraceConfig{} }

func (t *frameTracer) TraceEvent(evt topdown.Event) {
	if t.stopped.Load() {
		return
	}
	r, _ := evt.Node.(*ast.Rule)
	if n := len(t.stack); n > 0 && t.stack[n-1].id == evt.QueryID {
		if r != nil {
			t.stack[n-1].rule = r
		}
		return
	}
	for i := len(t.stack) - 1; i >= 0; i-- {
		if t.stack[i].id == evt.QueryID {
			t.stack = t.stack[:i+1]
			if r != nil {
				t.stack[i].rule = r
			}
			return
		}
	}
	keep := 0
	for i := len(t.stack) - 1; i >= 0; i-- {
		if t.stack[i].id == evt.ParentID {
			keep = i + 1
			break
		}
	}
	t.stack = append(t.stack[:keep], frame{id: evt.QueryID, rule: r})
}

// rules returns the outermost and the innermost rule of the chain (nil
// when the evaluation is in no rule).
func (t *frameTracer) rules() (outer, inner *ast.Rule) {
	for _, f := range t.stack {
		if f.rule == nil {
			continue
		}
		if outer == nil {
			outer = f.rule
		}
		inner = f.rule
	}
	return outer, inner
}

// lateRule re-evaluates query over input with a frameTracer and returns
// where the evaluation was when the second deadline fired, as
// " in main.deny (p.rego:5)", with the innermost rule when it is another
// (" in main.deny (p.rego:5), within main.slow (p.rego:12)"). It returns ""
// when the second evaluation ended before its deadline or was cancelled
// for another reason.
func (e *Engine) lateRule(ctx context.Context, query *rego.PreparedEvalQuery, input ast.Value, fileCtx ast.Value) string {
	if ctx.Err() != nil || e.lateRuns.Add(1) > lateRuleRuns {
		return ""
	}
	tr := &frameTracer{}
	cancel, release := withDeadline(ctx, lateRuleFactor*e.opts.Timeout, func() { tr.stopped.Store(true) })
	defer release()
	opts := []rego.EvalOption{
		rego.EvalParsedInput(input),
		rego.EvalExternalCancel(cancel),
		rego.EvalMetrics(metrics.NoOp()),
		rego.EvalQueryTracer(tr),
		// The policy's print() output was written by the first evaluation.
		rego.EvalPrintHook(quietPrint{}),
	}
	if e.readsFile {
		opts = append(opts, e.fileResolver(fileCtx))
	}
	_, err := query.Eval(ctx, opts...)
	if !tr.stopped.Load() || err == nil || ctx.Err() != nil {
		return ""
	}
	outer, inner := tr.rules()
	if outer == nil {
		return ""
	}
	s := " in " + ruleWhere(outer)
	if inner != outer {
		s += ", within " + ruleWhere(inner)
	}
	return s
}

// ruleWhere is "main.deny (p.rego:5)": the rule's package and name, and
// where its body (or else branch) starts.
func ruleWhere(r *ast.Rule) string {
	name := r.Head.Ref().String()
	if r.Module != nil {
		name = strings.TrimPrefix(r.Module.Package.Path.Extend(r.Head.Ref().GroundPrefix()).String(), "data.")
	}
	if loc := r.Loc(); loc != nil && loc.File != "" {
		return fmt.Sprintf("%s (%s:%d)", name, loc.File, loc.Row)
	}
	return name
}
