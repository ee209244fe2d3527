package engine

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// Query evaluates one Rego query (e.g. "data.infragate.approval.require")
// against the loaded policies, once, without input. extra is merged into
// `data` on top of the data files and Options.ExtraData, for this query
// only, replacing the values it names; the engine is not changed. It returns the value of the query's
// first expression for each result: nothing when the query is undefined
// (a package that does not exist is not an error). Builtin errors fail the
// query, so that a broken policy cannot silently drop requirements.
func (e *Engine) Query(ctx context.Context, query string, extra map[string]any) ([]any, error) {
	data, err := loadData(e.opts.Data)
	if err != nil {
		return nil, err
	}
	if e.opts.ExtraData != nil {
		if err := mergeData(data, deepCopyMap(e.opts.ExtraData), "(infragate context)", "", nil); err != nil {
			return nil, err
		}
	}
	overlay(data, deepCopyMap(extra))
	ctx, cancel := context.WithTimeout(ctx, e.opts.Timeout)
	defer cancel()
	r := rego.New(
		rego.Compiler(e.compiler),
		rego.Query(query),
		rego.Store(inmem.NewFromObject(data)),
		rego.Runtime(ast.ObjectTerm(ast.Item(ast.StringTerm("name"), ast.StringTerm("infragate")))),
		rego.StrictBuiltinErrors(true),
		rego.Resolver(e.fileRef, nullResolver{}),
	)
	rs, err := r.Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("evaluating %s: %w", query, err)
	}
	var out []any
	for _, res := range rs {
		if len(res.Expressions) > 0 {
			out = append(out, res.Expressions[0].Value)
		}
	}
	return out, nil
}

// overlay merges src into dst: objects merge key by key, any other value
// of src replaces dst's.
func overlay(dst, src map[string]any) {
	for k, v := range src {
		a, aok := dst[k].(map[string]any)
		b, bok := v.(map[string]any)
		if aok && bok {
			overlay(a, b)
			continue
		}
		dst[k] = v
	}
}

// deepCopyMap copies nested maps and slices so that merging never writes
// into the caller's values.
func deepCopyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = deepCopyValue(v)
	}
	return out
}

func deepCopyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return deepCopyMap(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopyValue(e)
		}
		return out
	}
	return v
}
