package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/types"
	yaml "go.yaml.in/yaml/v3"

	"github.com/infragate/infragate/parsers"
)

// TestOptions configures RunTests.
type TestOptions struct {
	// Paths are policy files or directories; *_test.rego files are included.
	Paths []string
	// Builtin adds the built-in library (and its tests).
	Builtin fs.FS
	// RegoVersion of the policies at Paths.
	RegoVersion ast.RegoVersion
	// Run is a regular expression selecting tests by package and name:
	// "main.test_x" as reports show it, or "data.main.test_x" as opa test
	// matches it.
	Run string
	// Coverage computes line coverage of the non-test modules.
	Coverage bool
	// Timeout bounds each test (DefaultTimeout if 0).
	Timeout time.Duration
	// Parsers back conftest's parse_config, parse_config_file and
	// parse_combined_config_files builtins.
	Parsers parsers.Registry
	// Data are JSON/YAML files or directories merged into `data`, as in
	// Options.Data (conftest verify --data).
	Data []string
	// Namespaces, when set, are package globs (as Options.Namespaces):
	// only the tests of the packages they match run (conftest verify
	// --namespace).
	Namespaces []string
	// Strict compiles in OPA's strict mode (conftest verify --strict).
	Strict bool
}

// TestResult is one Rego test's outcome.
type TestResult struct {
	Package  string        `json:"package"`
	Name     string        `json:"name"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Duration time.Duration `json:"duration_ns"`
	Fail     bool          `json:"fail,omitempty"`
	Error    string        `json:"error,omitempty"`
	Skip     bool          `json:"skip,omitempty"`
	Output   string        `json:"output,omitempty"`
	// Cases are the outcomes of a test written as a set of cases
	// (test_x[name] if ...), sorted by name; a nested case is named by
	// its path, joined with "/".
	Cases []TestCase `json:"cases,omitempty"`
}

// TestCase is the outcome of one case of a test.
type TestCase struct {
	Name string `json:"name"`
	Fail bool   `json:"fail,omitempty"`
}

// Passed reports whether the test passed.
func (r TestResult) Passed() bool { return !r.Fail && r.Error == "" && !r.Skip }

// FileCoverage is the coverage of one policy file.
type FileCoverage struct {
	File       string   `json:"file"`
	Coverage   float64  `json:"coverage"`
	Covered    int      `json:"covered_lines"`
	NotCovered int      `json:"not_covered_lines"`
	Uncovered  [][2]int `json:"uncovered,omitempty"` // line ranges
}

// CoverageReport sums up coverage per file and in total.
type CoverageReport struct {
	Files      []FileCoverage `json:"files"`
	Coverage   float64        `json:"coverage"`
	Covered    int            `json:"covered_lines"`
	NotCovered int            `json:"not_covered_lines"`
}

// TestReport is the outcome of RunTests.
type TestReport struct {
	Results  []TestResult    `json:"results"`
	Coverage *CoverageReport `json:"coverage,omitempty"`
}

// Failed counts failed and erroneous tests.
func (r *TestReport) Failed() int {
	n := 0
	for _, t := range r.Results {
		if t.Fail || t.Error != "" {
			n++
		}
	}
	return n
}

// RunTests runs the test_ rules of the policies, as `opa test` and
// `conftest verify` do. A policy that does not compile is a *PolicyError.
func RunTests(ctx context.Context, opts TestOptions) (*TestReport, error) {
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	srcs, err := readPolicies(opts.Paths, true)
	if err != nil {
		return nil, err
	}
	if opts.Builtin != nil {
		lib, err := readFSPolicies(opts.Builtin, true)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, lib...)
	}
	mods, err := parseModules(srcs, opts.RegoVersion)
	if err != nil {
		return nil, newPolicyError(err, opts.RegoVersion)
	}
	filter, err := testFilter(mods, opts.Run, opts.Namespaces)
	if err != nil {
		return nil, err
	}
	data, err := loadData(opts.Data)
	if err != nil {
		return nil, err
	}
	builtins := conftestBuiltins(opts.Parsers)
	caps := safeCapabilities()
	for _, b := range builtins {
		caps.Builtins = append(caps.Builtins, b.Decl)
	}
	compiler := ast.NewCompiler().
		WithCapabilities(caps).
		WithEnablePrintStatements(true).
		WithRewriteTestRules(true).
		WithStrict(opts.Strict)
	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(inmem.NewFromObject(data)).
		SetModules(mods).
		AddCustomBuiltins(builtins).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetTimeout(opts.Timeout).
		SetRuntime(ast.ObjectTerm(ast.Item(ast.StringTerm("name"), ast.StringTerm("infragate")))).
		Filter(filter)
	var cov *cover.Cover
	if opts.Coverage {
		cov = cover.New()
		runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		if errs, ok := err.(ast.Errors); ok {
			return nil, &PolicyError{Err: errs}
		}
		return nil, err
	}
	rep := &TestReport{Results: []TestResult{}}
	for r := range ch {
		tr := TestResult{
			Package:  strings.TrimPrefix(r.Package, "data."),
			Name:     r.Name,
			Duration: r.Duration,
			Fail:     r.Fail,
			Skip:     r.Skip,
			Output:   escapeLines(string(r.Output)),
			Cases:    testCases(r.SubResults, ""),
		}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Error = r.Error.Error()
		}
		rep.Results = append(rep.Results, tr)
	}
	sort.SliceStable(rep.Results, func(i, j int) bool {
		a, b := rep.Results[i], rep.Results[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	renumberDuplicates(rep.Results)
	if cov != nil {
		rep.Coverage = coverage(cov, mods)
	}
	return rep, nil
}

// ErrNoTestMatches is returned when a --run expression selects no test.
var ErrNoTestMatches = errors.New("no test matches")

// testFilter turns the Run expression and the Namespaces globs into the
// runner's filter: OPA matches "data.main.test_x", but tests are reported
// (and --run is documented) as "main.test_x", so a test is selected when
// either name matches and its package matches a namespace. The filter
// lists the selected tests; a selection of none is ErrNoTestMatches.
func testFilter(mods map[string]*ast.Module, run string, namespaces []string) (string, error) {
	if run == "" && len(namespaces) == 0 {
		return "", nil
	}
	re, err := regexp.Compile(run)
	if err != nil {
		return "", err
	}
	seen := map[string]bool{}
	var names []string
	for _, m := range mods {
		if len(namespaces) > 0 && !matchNamespace(namespaces, packagePath(m.Package)) {
			continue
		}
		for _, r := range m.Rules {
			var ref ast.Ref
			for _, t := range r.Head.Ref().GroundPrefix() {
				ref = ref.Append(t)
				var n string
				switch v := t.Value.(type) {
				case ast.Var:
					n = string(v)
				case ast.String:
					n = string(v)
				}
				if !strings.HasPrefix(n, tester.TestPrefix) && !strings.HasPrefix(n, tester.SkipTestPrefix) {
					continue
				}
				full := m.Package.Path.Extend(ref).String()
				if !seen[full] && (re.MatchString(full) || re.MatchString(strings.TrimPrefix(full, "data."))) {
					seen[full] = true
					names = append(names, regexp.QuoteMeta(full), renamedTestPattern(m.Package.Path, ref, n))
				}
				break
			}
		}
	}
	if len(names) == 0 {
		var what []string
		if run != "" {
			what = append(what, fmt.Sprintf("--run %q (it is matched against package.name, such as main.test_x)", run))
		}
		for _, g := range namespaces {
			what = append(what, fmt.Sprintf("--namespace %q", g))
		}
		return "", fmt.Errorf("%w %s", ErrNoTestMatches, strings.Join(what, " with "))
	}
	sort.Strings(names)
	return `^(?:` + strings.Join(names, "|") + `)$`, nil
}

// renamedTestPattern matches the names the runner gives the second and
// later definitions of a test: it renames the last part of the rule's ref
// to name#01, name#02..., which prints as data.main["test_x#01"].
func renamedTestPattern(pkg, ref ast.Ref, name string) string {
	const mark = "#00"
	renamed := ref.Copy()
	if len(renamed) == 1 {
		renamed[0] = ast.VarTerm(name + mark)
	} else {
		renamed[len(renamed)-1] = ast.StringTerm(name + mark)
	}
	return strings.Replace(regexp.QuoteMeta(pkg.Extend(renamed).String()), mark, "#[0-9]+", 1)
}

// renumberDuplicates names the definitions of a test given more than once
// in the order of the (sorted) results: test_x, test_x#01, test_x#02...
// The runner numbers them in the order of a map, which changes between
// runs.
func renumberDuplicates(results []TestResult) {
	base := func(name string) string {
		i := strings.LastIndexByte(name, '#')
		if i <= 0 || i == len(name)-1 || strings.Trim(name[i+1:], "0123456789") != "" {
			return name
		}
		return name[:i]
	}
	seen := map[string]int{}
	for i, r := range results {
		b := base(r.Name)
		key := r.Package + "." + b
		if n := seen[key]; n > 0 {
			results[i].Name = fmt.Sprintf("%s#%02d", b, n)
		} else {
			results[i].Name = b
		}
		seen[key]++
	}
}

// testCases flattens a test's cases (the runner's sub-results) into a
// list sorted by name; prefix is the path of the enclosing case. Names
// have their control characters made visible, as print() output.
func testCases(subs tester.SubResultMap, prefix string) []TestCase {
	var out []TestCase
	for name, sr := range subs {
		if prefix != "" {
			name = prefix + "/" + name
		}
		if len(sr.SubResults) > 0 {
			out = append(out, testCases(sr.SubResults, name)...)
			continue
		}
		out = append(out, TestCase{Name: escapeControls(name), Fail: sr.Fail})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// coverage reports the coverage of the modules that are not tests.
func coverage(cov *cover.Cover, mods map[string]*ast.Module) *CoverageReport {
	policy := map[string]*ast.Module{}
	for name, m := range mods {
		if !strings.HasSuffix(name, "_test.rego") {
			policy[name] = m
		}
	}
	r := cov.Report(policy)
	out := &CoverageReport{Files: []FileCoverage{}}
	for file, fr := range r.Files {
		if policy[file] == nil {
			// The report also has the files the tests ran lines of: the
			// test files themselves, which are not what is measured.
			continue
		}
		fc := FileCoverage{File: file, Coverage: fr.Coverage, Covered: fr.CoveredLines, NotCovered: fr.NotCoveredLines}
		for _, rg := range fr.NotCovered {
			fc.Uncovered = append(fc.Uncovered, [2]int{rg.Start.Row, rg.End.Row})
		}
		fc.Uncovered = mergeLineRanges(fc.Uncovered)
		out.Covered += fr.CoveredLines
		out.NotCovered += fr.NotCoveredLines
		out.Files = append(out.Files, fc)
	}
	sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].File < out.Files[j].File })
	if total := out.Covered + out.NotCovered; total > 0 {
		out.Coverage = 100 * float64(out.Covered) / float64(total)
	}
	return out
}

// mergeLineRanges sorts line ranges and merges those that overlap or
// touch: OPA reports one range per expression, so a line with several
// expressions would be listed several times.
func mergeLineRanges(rs [][2]int) [][2]int {
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] || rs[i][0] == rs[j][0] && rs[i][1] < rs[j][1] })
	var out [][2]int
	for _, r := range rs {
		if n := len(out); n > 0 && r[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// conftestBuiltins are conftest's parse_config(parser, content),
// parse_config_file(path) and parse_combined_config_files(paths), so
// `conftest verify` suites run unchanged. A relative path is taken from the
// directory of the calling policy file.
func conftestBuiltins(reg parsers.Registry) []*tester.Builtin {
	// value is what conftest's parser makes of src, from the documents
	// infragate's parser gave for it (conftestValue).
	value := func(format string, src []byte, docs []parsers.Document) (*ast.Term, error) {
		val, err := ast.InterfaceToValue(conftestValue(parsers.Format(format), src, docs))
		if err != nil {
			return nil, err
		}
		return ast.NewTerm(val), nil
	}
	// parseFile reads and parses one file named by a policy. (OPA puts
	// the builtin's name before its errors.)
	parseFile := func(bctx rego.BuiltinContext, file string) (*parsedFile, error) {
		if !filepath.IsAbs(file) && bctx.Location != nil && bctx.Location.File != "" {
			file = filepath.Join(filepath.Dir(bctx.Location.File), file)
		}
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		format, ok := parsers.DetectFormat(file)
		if !ok {
			return nil, fmt.Errorf("%s: unknown file format", file)
		}
		p, err := reg.Lookup(string(format))
		if err != nil {
			return nil, err
		}
		docs, err := p.Parse(file, src)
		if err != nil {
			return nil, err
		}
		return &parsedFile{name: file, format: string(format), src: src, docs: docs}, nil
	}
	parseConfig := &rego.Function{
		Name: "parse_config",
		Decl: types.NewFunction(types.Args(types.S, types.S), types.A),
	}
	parseConfigFile := &rego.Function{
		Name: "parse_config_file",
		Decl: types.NewFunction(types.Args(types.S), types.A),
	}
	parseCombined := &rego.Function{
		Name: "parse_combined_config_files",
		Decl: types.NewFunction(types.Args(types.NewArray(nil, types.S)), types.A),
	}
	return []*tester.Builtin{
		{
			Decl: &ast.Builtin{Name: parseConfig.Name, Decl: parseConfig.Decl},
			Func: rego.Function2(parseConfig, func(_ rego.BuiltinContext, format, content *ast.Term) (*ast.Term, error) {
				f, ok1 := format.Value.(ast.String)
				c, ok2 := content.Value.(ast.String)
				if !ok1 || !ok2 {
					return nil, fmt.Errorf("parse_config: parser and content must be strings")
				}
				name := conftestParser(string(f))
				p, err := reg.Lookup(name)
				if err != nil {
					return nil, err
				}
				docs, err := p.Parse("parse_config", []byte(c))
				if err != nil {
					return nil, err
				}
				return value(name, []byte(c), docs)
			}),
		},
		{
			Decl: &ast.Builtin{Name: parseConfigFile.Name, Decl: parseConfigFile.Decl},
			Func: rego.Function1(parseConfigFile, func(bctx rego.BuiltinContext, path *ast.Term) (*ast.Term, error) {
				p, ok := path.Value.(ast.String)
				if !ok {
					return nil, fmt.Errorf("parse_config_file: path must be a string")
				}
				pf, err := parseFile(bctx, string(p))
				if err != nil {
					return nil, err
				}
				return value(pf.format, pf.src, pf.docs)
			}),
		},
		{
			// As `check --combine`: an array of {"path", "contents"}, one
			// entry per document, sorted by path.
			Decl: &ast.Builtin{Name: parseCombined.Name, Decl: parseCombined.Decl},
			Func: rego.Function1(parseCombined, func(bctx rego.BuiltinContext, paths *ast.Term) (*ast.Term, error) {
				arr, ok := paths.Value.(*ast.Array)
				if !ok {
					return nil, fmt.Errorf("parse_combined_config_files: paths must be an array of strings")
				}
				type entry struct {
					path string
					doc  any
				}
				var entries []entry
				for i := range arr.Len() {
					p, ok := arr.Elem(i).Value.(ast.String)
					if !ok {
						return nil, fmt.Errorf("parse_combined_config_files: path %d is not a string", i)
					}
					pf, err := parseFile(bctx, string(p))
					if err != nil {
						return nil, err
					}
					for _, d := range pf.docs {
						entries = append(entries, entry{pf.name, d.Value})
					}
				}
				sort.SliceStable(entries, func(i, j int) bool { return entries[i].path < entries[j].path })
				items := make([]any, len(entries))
				for i, en := range entries {
					items[i] = map[string]any{"path": en.path, "contents": en.doc}
				}
				val, err := ast.InterfaceToValue(items)
				if err != nil {
					return nil, err
				}
				return ast.NewTerm(val), nil
			}),
		},
	}
}

// parsedFile is a file parse_config_file or parse_combined_config_files
// read: its path (from the policy's directory), format, bytes and
// documents.
type parsedFile struct {
	name, format string
	src          []byte
	docs         []parsers.Document
}

// conftestValue is the value conftest's parser gives for src, from the
// documents infragate's parser gave for it. They differ where a file's top
// level is an array: infragate's JSON and YAML parsers give one document
// per element (conftest evaluates such a file once per element), conftest's
// parse_config the array itself, also of one element or none; and
// conftest's Dockerfile parser gives [[instructions]], the file as a list
// of one document. Otherwise it is the document, the array of them when
// there are several, or null when there is none.
func conftestValue(format parsers.Format, src []byte, docs []parsers.Document) any {
	values := make([]any, len(docs))
	for i, d := range docs {
		values[i] = d.Value
	}
	switch format {
	case parsers.Dockerfile:
		return values
	case parsers.JSON:
		if jsonArray(src) {
			return values
		}
	case parsers.YAML, parsers.CloudFormation, parsers.Workflow:
		if yamlSequence(src) {
			return values
		}
	}
	switch len(values) {
	case 0:
		return nil
	case 1:
		return values[0]
	}
	return values
}

// jsonArray reports whether JSON src is an array.
func jsonArray(src []byte) bool {
	src = bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(src) > 0 && src[0] == '['
}

// yamlSequence reports whether YAML src holds one document (empty ones
// aside) and it is a sequence: the file the YAML parser splits into one
// document per element.
func yamlSequence(src []byte) bool {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	n, seq := 0, false
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			break
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		if root.Kind == yaml.ScalarNode && root.Value == "" && root.Style == 0 && root.Anchor == "" {
			continue // an empty document
		}
		n++
		seq = root.Kind == yaml.SequenceNode
	}
	return n == 1 && seq
}

// conftestParser maps conftest's parser names to infragate's formats.
func conftestParser(name string) string {
	switch strings.ToLower(name) {
	case "hcl2", "hcl", "tf", "terraform":
		return string(parsers.HCL)
	case "yml":
		return string(parsers.YAML)
	}
	return strings.ToLower(name)
}

// escapeLines is escapeControls for each line of a test's captured
// print() output: the lines stay lines, their control characters are made
// visible (a test may print a value from its input, and the output is
// shown in a terminal).
func escapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = escapeControls(l)
	}
	return strings.Join(lines, "\n")
}
