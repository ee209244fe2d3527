package engine

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/infragate/infragate/parsers"
)

// Locating builtin errors.
//
// A builtin error (startswith(v, "x") with v a number) names the policy's
// line, not the input's. To put its finding on the value that caused it,
// a document with builtin errors is evaluated again with the
// location-carrying input of locate.go and a tracer that records, for
// each expression that fails, where it is in the policy and which of its
// operands are terms of the input. OPA hands the errors over only at the
// end of the evaluation, so an error is matched afterwards to the failures
// of its own expression (its policy location): for a type error
// ("operand 2 must be string but got number") the failure whose operand 2
// is a number from the input; for any other, the input operand the
// failures there agree on. Anything less certain leaves the finding on the
// document. Only documents with builtin errors pay for this.

// failedCall is one failure of an expression: its operands, plugged, and
// their input paths (nil for an operand that is not a term of the input).
type failedCall struct {
	operands []*ast.Term
	paths    []parsers.Path
}

// failTracer records the failures of expressions with an input operand,
// by policy location (at most locMaxRecords).
type failTracer struct {
	in    *inputTable
	fails map[policyPlace][]failedCall
	n     int
}

func (*failTracer) Enabled() bool               { return true }
func (*failTracer) Config() topdown.TraceConfig { return topdown.TraceConfig{PlugLocalVars: false} }

func (t *failTracer) TraceEvent(evt topdown.Event) {
	if evt.Op != topdown.FailOp || t.n >= locMaxRecords {
		return
	}
	expr, ok := evt.Node.(*ast.Expr)
	if !ok || expr.Location == nil || !expr.IsCall() {
		return
	}
	var fc failedCall
	found := false
	for _, op := range expr.Operands() {
		p := evt.Plug(op)
		path, ok := t.in.pathOf(p)
		if !ok {
			path = nil
		}
		found = found || ok
		fc.operands = append(fc.operands, p)
		fc.paths = append(fc.paths, path)
	}
	if !found {
		return
	}
	at := locationKey(expr.Location)
	t.fails[at] = append(t.fails[at], fc)
	t.n++
}

// policyPlace is a place in a policy file.
type policyPlace struct {
	file     string
	row, col int
}

// locationKey is the place of a policy location.
func locationKey(l *ast.Location) policyPlace {
	return policyPlace{file: l.File, row: l.Row, col: l.Col}
}

// operandTypeError matches OPA's builtin type errors:
// "operand 1 must be string but got number".
var operandTypeError = regexp.MustCompile(`operand (\d+) must be .* but got (\w+)`)

// errorPath is the input path that caused a builtin error, from the
// failures of its expression; nil when they do not say.
func errorPath(be topdown.Error, fails []failedCall) parsers.Path {
	if m := operandTypeError.FindStringSubmatch(be.Message); m != nil {
		n, _ := strconv.Atoi(m[1])
		for _, fc := range fails {
			if n >= 1 && n <= len(fc.operands) && fc.paths[n-1] != nil && ast.ValueName(fc.operands[n-1].Value) == m[2] {
				return fc.paths[n-1]
			}
		}
		return nil
	}
	var only parsers.Path
	for _, fc := range fails {
		var p parsers.Path
		for _, path := range fc.paths {
			if path != nil {
				p = path
				break
			}
		}
		if only != nil && p.String() != only.String() {
			return nil
		}
		only = p
	}
	return only
}

// locateBuiltinErrors evaluates the document of sub again with the fail
// tracer and returns, for each builtin error message (as eval words it),
// the path of the input value that caused it.
func (e *Engine) locateBuiltinErrors(ctx context.Context, sub subject) map[string]parsers.Path {
	if sub.input == nil {
		return nil
	}
	in := newInputTable(sub.input)
	var errs []topdown.Error
	t := &failTracer{in: in, fails: map[policyPlace][]failedCall{}}
	e.eval(ctx, in.root, sub.scope, rego.EvalQueryTracer(t), rego.EvalBuiltinErrorList(&errs), rego.EvalPrintHook(quietPrint{}))
	out := map[string]parsers.Path{}
	for _, be := range errs {
		m := builtinErrorPrefix + be.Error()
		if _, done := out[m]; done || be.Location == nil {
			continue
		}
		if p := errorPath(be, t.fails[locationKey(be.Location)]); p != nil {
			out[m] = p
		}
	}
	return out
}

// isBuiltinError reports whether an evaluation error message (eval's) is
// a builtin error's.
func isBuiltinError(msg string) bool {
	return strings.HasPrefix(msg, builtinErrorPrefix)
}

// builtinErrorPrefix starts the message of a builtin error.
const builtinErrorPrefix = "builtin error: "
