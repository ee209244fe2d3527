package tfeval

import (
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions returns Terraform's pure functions, go-cty's under
// Terraform's names and Terraform's own (tffuncs.go), each bounded
// against runaway results and charging the size of its results to b,
// plus budgetFunc. Functions that
// read files, the clock, randomness or the network (file, timestamp, uuid,
// ...) are not here: a call to them stays unknown.
func functions(b *budget) map[string]function.Function {
	fs := map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalesce":        coalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          guardFormat(stdlib.FormatFunc),
		"formatdate":      stdlib.FormatDateFunc,
		"formatlist":      guardFormat(stdlib.FormatListFunc),
		"indent":          guardIndent(stdlib.IndentFunc),
		"index":           stdlib.IndexFunc,
		"join":            stdlib.JoinFunc,
		"jsondecode":      stdlib.JSONDecodeFunc,
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"length":          lengthFunc,
		"log":             stdlib.LogFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"range":           guardRange(stdlib.RangeFunc),
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"replace":         guardReplace(replaceFunc),
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      guardProduct(stdlib.SetProductFunc),
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"timeadd":         stdlib.TimeAddFunc,
		"title":           stdlib.TitleFunc,
		"tobool":          stdlib.MakeToFunc(cty.Bool),
		"tolist":          stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"tonumber":        stdlib.MakeToFunc(cty.Number),
		"toset":           stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"upper":           stdlib.UpperFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
	// Terraform's own functions (tffuncs.go) pay for reading their
	// arguments, as well as for their results.
	for name, f := range map[string]function.Function{
		"alltrue":          allTrueFunc,
		"anytrue":          anyTrueFunc,
		"base64decode":     base64DecodeFunc,
		"base64encode":     base64EncodeFunc,
		"base64gzip":       base64GzipFunc,
		"base64sha256":     base64Sha256Func,
		"base64sha512":     base64Sha512Func,
		"basename":         basenameFunc,
		"cidrhost":         cidrHostFunc,
		"cidrnetmask":      cidrNetmaskFunc,
		"cidrsubnet":       cidrSubnetFunc,
		"cidrsubnets":      cidrSubnetsFunc,
		"dirname":          dirnameFunc,
		"endswith":         endsWithFunc,
		"md5":              md5Func,
		"nonsensitive":     revealFunc,
		"one":              oneFunc,
		"sensitive":        revealFunc,
		"sha1":             sha1Func,
		"sha256":           sha256Func,
		"sha512":           sha512Func,
		"startswith":       startsWithFunc,
		"strcontains":      strContainsFunc,
		"sum":              sumFunc,
		"textdecodebase64": textDecodeBase64Func,
		"textencodebase64": textEncodeBase64Func,
		"timecmp":          timeCmpFunc,
		"transpose":        transposeFunc,
		"urlencode":        urlEncodeFunc,
		"uuidv5":           uuidv5Func,
		"yamldecode":       yamlDecodeFunc,
		"yamlencode":       ctyyaml.YAMLEncodeFunc,
	} {
		fs[name] = costing(f, b, argsCost)
	}
	fs["matchkeys"] = costing(matchkeysFunc, b, matchkeysCost)
	for name, f := range fs {
		fs[name] = bounded(f, b)
	}
	// try and can take expression closures: they stay unwrapped (their
	// arguments are calls that are bounded themselves).
	fs["try"], fs["can"] = tryfunc.TryFunc, tryfunc.CanFunc
	fs[budgetFunc] = iterations(b)
	fs[chargeFunc] = charge(b)
	fs[goOnFunc] = goOn(b)
	return fs
}

// errTooBig is the error of a call made once the work budget ran out.
var errTooBig = errors.New("result too large to evaluate statically")

// bounded wraps f so that results above the value bounds, or beyond the
// budget, are errors (which leave the expression unknown), and so that a
// call past one of infragate's bounds (the value bounds, or a limitError
// of a guard) is noted as such (see budget.exceed).
func bounded(f function.Function, b *budget) function.Function {
	return function.New(&function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if b.spent() {
				return cty.DynamicVal, errTooBig
			}
			v, err := f.Call(args)
			var limit limitError
			if errors.As(err, &limit) {
				return cty.DynamicVal, b.exceed(string(limit))
			}
			if err != nil {
				return cty.DynamicVal, err
			}
			n, over := size(v)
			if over != "" {
				return cty.DynamicVal, b.exceed(over)
			}
			if !b.spend(n) {
				return cty.DynamicVal, errTooBig
			}
			return v, nil
		},
	})
}

// iterations passes the collection of a for expression through, charging
// one unit per element it will iterate over (see meter).
func iterations(b *budget) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{
			Name: "collection", Type: cty.DynamicPseudoType,
			AllowNull: true, AllowDynamicType: true,
		}},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			n := 1
			if v := args[0]; !v.IsNull() && v.CanIterateElements() {
				n += v.LengthInt()
			}
			if !b.spend(n) {
				return cty.DynamicVal, errTooBig
			}
			return args[0], nil
		},
	})
}

// charge passes a value through, charging its size.
func charge(b *budget) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{
			Name: "value", Type: cty.DynamicPseudoType,
			AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true,
		}},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			n, over := size(args[0])
			if over != "" {
				return cty.DynamicVal, b.exceed(over)
			}
			if !b.spend(n) {
				return cty.DynamicVal, errTooBig
			}
			return args[0], nil
		},
	})
}

// goOn passes the condition of a for expression through, and fails once
// the value being evaluated has run out, which makes HCL skip the key and
// value of the element (see meter).
func goOn(b *budget) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{
			Name: "condition", Type: cty.DynamicPseudoType,
			AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true,
		}},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if b.out {
				return cty.DynamicVal, errTooBig
			}
			return args[0], nil
		},
	})
}

// precheck wraps f with a check of its arguments before the call.
func precheck(f function.Function, check func(args []cty.Value) error) function.Function {
	return function.New(&function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := check(args); err != nil {
				return cty.DynamicVal, err
			}
			return f.Call(args)
		},
	})
}

func knownNumber(v cty.Value) (*big.Float, bool) {
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		return nil, false
	}
	return v.AsBigFloat(), true
}

func knownString(v cty.Value) (string, bool) {
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// guardRange refuses ranges of more than maxRange elements, as Terraform
// does (go-cty's range, which Terraform calls, fails there too, but only
// once it has made them): a Terraform error, which try() catches, not a
// bound of infragate's.
func guardRange(f function.Function) function.Function {
	return precheck(f, func(args []cty.Value) error {
		start, end, step := big.NewFloat(0), big.NewFloat(0), big.NewFloat(1)
		var ok bool
		switch len(args) {
		case 1:
			end, ok = knownNumber(args[0])
		case 2, 3:
			var ok2 bool
			start, ok = knownNumber(args[0])
			end, ok2 = knownNumber(args[1])
			ok = ok && ok2
			if len(args) == 3 {
				var ok3 bool
				step, ok3 = knownNumber(args[2])
				ok = ok && ok3
			}
		}
		if !ok || step.Sign() == 0 {
			return nil // the function reports (or returns unknown) itself
		}
		n := new(big.Float).Quo(new(big.Float).Sub(end, start), step)
		if n.Cmp(big.NewFloat(maxRange)) > 0 {
			return fmt.Errorf("range of more than %d elements", maxRange)
		}
		return nil
	})
}

// guardFormat refuses widths and precisions above four digits, which
// would pad a string to gigabytes (a bound of infragate's).
func guardFormat(f function.Function) function.Function {
	return precheck(f, func(args []cty.Value) error {
		s, ok := knownString(args[0])
		if !ok {
			return nil
		}
		run := 0
		for i := 0; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				run++
				if run > 4 {
					return limitError("a format width or precision of more than 4 digits")
				}
			} else {
				run = 0
			}
		}
		return nil
	})
}

// guardIndent refuses indents of more than 1000 spaces (a bound of
// infragate's).
func guardIndent(f function.Function) function.Function {
	return precheck(f, func(args []cty.Value) error {
		if n, ok := knownNumber(args[0]); ok && n.Cmp(big.NewFloat(1000)) > 0 {
			return limitError("an indent of more than 1000 spaces")
		}
		return nil
	})
}

// guardReplace refuses replacements whose result could exceed the string
// bound.
func guardReplace(f function.Function) function.Function {
	return precheck(f, func(args []cty.Value) error {
		s, ok1 := knownString(args[0])
		sub, ok2 := knownString(args[1])
		repl, ok3 := knownString(args[2])
		if !ok1 || !ok2 || !ok3 {
			return nil
		}
		n := len(s) + 1
		if len(sub) > 0 && !strings.HasPrefix(sub, "/") {
			n = len(s)/len(sub) + 1
		}
		if int64(n)*int64(len(repl))+int64(len(s)) > maxStringBytes {
			return limitError(fmt.Sprintf("a replace() that may make more than %d KiB of strings", maxStringBytes>>10))
		}
		return nil
	})
}

// guardProduct refuses set products with more than maxNodes elements.
func guardProduct(f function.Function) function.Function {
	return precheck(f, func(args []cty.Value) error {
		total := 1
		for _, a := range args {
			if a.IsMarked() {
				a, _ = a.Unmark()
			}
			if !a.IsKnown() || a.IsNull() || !a.CanIterateElements() {
				return nil
			}
			total *= max(a.LengthInt(), 1)
			if total > maxNodes {
				return limitError(fmt.Sprintf("a setproduct() of more than %d elements", maxNodes))
			}
		}
		return nil
	})
}

// lengthFunc is Terraform's length: the number of elements of a
// collection, or of characters of a string.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		switch ty := args[0].Type(); {
		case ty == cty.String:
			return stdlib.Strlen(args[0])
		case ty.IsObjectType():
			if !args[0].IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return cty.NumberIntVal(int64(len(ty.AttributeTypes()))), nil
		}
		return stdlib.Length(args[0])
	},
})

// coalesceFunc is Terraform's coalesce: the first argument that is neither
// null nor an empty string (go-cty's skips only nulls).
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{
		Name: "vals", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowDynamicType: true, AllowNull: true,
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		return stdlib.CoalesceFunc.ReturnTypeForValues(args)
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsKnown() {
				return cty.UnknownVal(retType), nil
			}
			c, err := convert.Convert(a, retType)
			if err != nil {
				return cty.NilVal, err
			}
			if c.IsNull() || (retType == cty.String && c.AsString() == "") {
				continue
			}
			return c, nil
		}
		return cty.NilVal, errors.New("no non-null, non-empty-string arguments")
	},
})

// replaceFunc is Terraform's replace: a substring wrapped in slashes is a
// regular expression.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "str", Type: cty.String},
		{Name: "substr", Type: cty.String},
		{Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

// unknownFunc stands for a function infragate does not evaluate: any call
// is unknown (rather than an error, which try() would swallow).
var unknownFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{
		Name: "args", Type: cty.DynamicPseudoType,
		AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true,
	},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
		return cty.DynamicVal, nil
	},
})
