package parsers

import (
	"math"
	"strconv"
	"strings"
)

// WorkflowParser reads GitHub Actions workflow files the way GitHub reads
// them: YAML 1.2 with the core schema, not Kubernetes' YAML 1.1. So `on`,
// `yes`, `no`, `y` and `off` are strings (the trigger key stays "on"; under
// YAMLParser it would be "true"); only true/false (any case spelling of
// the spec: true, True, TRUE) are booleans; `0755` is the decimal 755 and
// `0o755` the octal 493; `0x1F` is hex; `1_000`, `0b11`, sexagesimal `1:30`
// and timestamps stay strings. Numbers are float64 like YAMLParser's;
// .inf and .nan are refused (JSON cannot hold them).
//
// Files under .github/workflows/ with a .yml or .yaml extension are
// detected by name.
type WorkflowParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *WorkflowParser) ContentOnly() bool { return true }

// Parse implements Parser. Documents and source map as YAMLParser's.
func (p *WorkflowParser) Parse(filename string, src []byte) ([]Document, error) {
	return parseYAML(filename, src, yamlOptions{limits: p.Limits, resolve: resolveYAML12, intrinsics: cfnOff, placeholders: true})
}

// resolveYAML12 types a plain scalar with the YAML 1.2 core schema
// (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
func resolveYAML12(_, in string) yscalar {
	switch in {
	case "", "~", "null", "Null", "NULL":
		return yscalar{kind: kNull}
	case "true", "True", "TRUE":
		return yscalar{kind: kBool, b: true}
	case "false", "False", "FALSE":
		return yscalar{kind: kBool}
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return yscalar{kind: kFloat, f: math.Inf(1)}
	case "-.inf", "-.Inf", "-.INF":
		return yscalar{kind: kFloat, f: math.Inf(-1)}
	case ".nan", ".NaN", ".NAN":
		return yscalar{kind: kFloat, f: math.NaN()}
	}
	str := yscalar{s: in}
	switch {
	case strings.HasPrefix(in, "0o"):
		return coreInt(in[2:], 8, "01234567", str)
	case strings.HasPrefix(in, "0x"):
		return coreInt(in[2:], 16, "0123456789abcdefABCDEF", str)
	}
	digits := strings.TrimLeft(in, "+-")
	if len(in)-len(digits) > 1 || digits == "" {
		return str
	}
	if allIn(digits, "0123456789") {
		if i, err := strconv.ParseInt(in, 10, 64); err == nil {
			return yscalar{kind: kInt, i: i}
		}
		if u, err := strconv.ParseUint(strings.TrimPrefix(in, "+"), 10, 64); err == nil {
			return yscalar{kind: kUint, u: u}
		}
		f, _ := strconv.ParseFloat(in, 64)
		return yscalar{kind: kFloat, f: f}
	}
	if yaml11Float.MatchString(in) {
		if f, err := strconv.ParseFloat(in, 64); err == nil {
			return yscalar{kind: kFloat, f: f}
		}
	}
	return str
}

func coreInt(digits string, base int, set string, str yscalar) yscalar {
	if digits == "" || !allIn(digits, set) {
		return str
	}
	if u, err := strconv.ParseUint(digits, base, 64); err == nil {
		if u <= math.MaxInt64 {
			return yscalar{kind: kInt, i: int64(u)}
		}
		return yscalar{kind: kUint, u: u}
	}
	return str
}

func allIn(s, set string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}
