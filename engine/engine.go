package engine

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/resolver"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"github.com/infragate/infragate/internal/fsread"
	"github.com/infragate/infragate/parsers"
)

// DefaultTimeout bounds the evaluation of one document.
const DefaultTimeout = 10 * time.Second

// DefaultMaxFileSize is the largest input file read (bigger files are
// reported, not evaluated).
const DefaultMaxFileSize = 128 << 20

// Options configures an Engine.
type Options struct {
	// Policies are user policy files or directories (.rego; *_test.rego skipped).
	Policies []string
	// Builtin is the built-in library to load as well; nil for none.
	Builtin fs.FS
	// Namespaces are package globs evaluated in user policies (default "main").
	Namespaces []string
	// AllNamespaces evaluates every package of the user policies.
	AllNamespaces bool
	// Data are JSON/YAML files or directories merged into `data`.
	Data []string
	// ExtraData is merged into `data` as well (e.g. {"infragate": {...}}).
	ExtraData map[string]any
	// RegoVersion of user policies (the built-in library is always v1).
	RegoVersion ast.RegoVersion
	// Timeout bounds the evaluation of one document (DefaultTimeout if 0).
	Timeout time.Duration
	// Workers evaluating files in parallel (runtime.NumCPU() if 0).
	Workers int
	// MaxFileSize in bytes (DefaultMaxFileSize if 0).
	MaxFileSize int64
	// Stderr receives the output of Rego print() calls.
	Stderr io.Writer
	// TFDir is where the .tf sources of Terraform plans are (default: the
	// plan file's directory); findings on a plan then name their block.
	TFDir string
	// Applies, when set, says whether the rules of a package apply to the
	// documents of a file format (File.Format): a document is evaluated
	// only against the rules that apply to its format. The built-in
	// library uses it so that a Kubernetes manifest is not run through
	// the Terraform rules (policies.Applies). nil: every rule applies.
	Applies func(pkg string, format parsers.Format) bool
	// Formats, when set with Applies, are the only formats the documents
	// will have (those of the files named, or --parser): the built-in
	// library's rule packages that apply to none of them are not parsed
	// or compiled (libraryFor), unless a user module can read the
	// library's rules. nil: any format.
	Formats []parsers.Format
	// Needed, when set with Formats, narrows that selection further: the
	// built-in rule packages it returns false for are not parsed or
	// compiled either. It is the caller's promise that the documents
	// cannot have findings of them (policies.Usage: named Terraform files
	// without AWS resources and provider blocks cannot have findings of
	// the AWS rules, nor a workflow of the Kubernetes rules).
	Needed func(pkg string) bool
	// Guard, when set, names for a package and the documents of a format
	// a rule (a data reference such as
	// "data.infragate.lib.kubernetes.is_k8s") that holds for every such
	// document the package's rules can match: a document for which it is
	// undefined or false is not evaluated against them (guards.go). The
	// built-in library uses it so that a ConfigMap is not run through the
	// container rules (policies.Guard). "" or a reference to no rule: the
	// package is always evaluated.
	Guard func(pkg string, format parsers.Format) string
	// OnRead, when set, is called with the bytes of every file the engine
	// reads, from the goroutine evaluating it, so that a later stage need
	// not read the file again (the gate looks for inline waivers).
	OnRead func(f File, src []byte)
	// Results, when set, reuses the findings of files evaluated before
	// with the same content, name, parser, policies and data.
	Results ResultCache
	// Items, when set, finds the documents nested in a document that
	// rules judge as documents of their own: the items of a Kubernetes
	// List, which kubectl applies one by one (items.go). It returns the
	// path of the array that holds them. ItemsApply says which packages
	// judge them (the built-in Kubernetes rules); the other rules see the
	// document whole, as conftest does.
	Items      func(doc any) (parsers.Path, bool)
	ItemsApply func(pkg string) bool
}

// Engine evaluates compiled policies over documents. It is safe for
// concurrent use.
type Engine struct {
	opts     Options
	fileRef  ast.Ref // data.conftest.file, resolved per evaluation
	compiler *ast.Compiler
	// all is the query of every rule (a scope without a query of its
	// own), prepared on first use: with Options.Applies most runs never
	// evaluate it. allErr is its preparation error.
	allOnce sync.Once
	all     rego.PreparedEvalQuery
	allErr  error
	use     *inputUse // what query's rules read of input (projection.go)
	rules   []ruleRef
	excVars map[string]string // package -> binding of its exception rule
	// unselected are the user packages with rules that no namespace
	// selects (Unselected).
	unselected []UnselectedPackage
	catalog    []Rule
	printMu    sync.Mutex
	tfMu       sync.Mutex
	tfSources  map[string]*parsers.TFSource // by directory, for plans
	// fingerprint identifies policies, data and options for the result
	// cache ("" when results are not reused).
	fingerprint string
	// noTraceLocate turns off locating string-only results by tracing
	// (tests and benchmarks compare the cost).
	noTraceLocate bool
	// wholeInput turns off converting only the paths the rules read
	// (projection.go), and evaluations counts evaluations (tests).
	wholeInput  bool
	evaluations atomic.Int64
	// store holds the data documents every query reads.
	store storage.Store
	// queries are the queries prepared on first use (formats.go): the rules
	// of one file format, the rules locating traces. Guarded by queriesMu.
	queriesMu sync.Mutex
	queries   map[string]*lazyQuery
	// wd is the working directory when the engine was made.
	wd string
	// readsFile: the policies may read data.conftest.file, which is then
	// resolved for every evaluation.
	readsFile bool
	// filesAlike: the policies cannot tell apart two files with the same
	// documents (reuse.go); sameBytes then keeps the results of this run's
	// files by content.
	filesAlike bool
	sameBytes  sameBytes
	// splits are the rules of each format split for plans evaluated by
	// slices (planstream.go), with the sizes it uses (tests lower them).
	splitsMu      sync.Mutex
	splits        map[parsers.Format]*planSplit
	planSlice     int
	planStreamMin int
	slicedPlans   atomic.Int64 // plans evaluated by slices (tests)
	// guards are the distinct package guards (Options.Guard), and guardOf
	// the index of a package's guard for a format (absent: none).
	guards  []ast.Ref
	guardOf map[guardKey]int
	// itemRules: some rule judges nested documents (Options.ItemsApply).
	itemRules bool
	// lateRuns counts the deadlines diagnosed (timeout.go).
	lateRuns atomic.Int64
	// ruleInfos caches the static analysis of compiled rules that locating
	// uses (*ast.Rule -> *ruleInfo), shared by every document.
	ruleInfos sync.Map
}

// ruleRef is one rule that the query collects.
type ruleRef struct {
	pkg     string // package path without "data."
	name    string
	dataRef string // "data." + pkg + "." + name, as findings report it
	level   Level
	bind    string // query variable holding the rule's value
	info    Rule
	ref     ast.Ref
	// defs are the file:line of the rule's definitions, for messages
	// about its value.
	defs []string
}

// where names the rule and where it is defined, for messages about its
// value: "data.main.deny (policy/p.rego:3)".
func (r *ruleRef) where() string {
	const most = 3
	defs := r.defs
	more := ""
	if len(defs) > most {
		defs, more = defs[:most], fmt.Sprintf(" and %d more", len(defs)-most)
	}
	if len(defs) == 0 {
		return r.dataRef
	}
	return r.dataRef + " (" + strings.Join(defs, ", ") + more + ")"
}

// ErrNoPolicies is returned when no rule to evaluate was found.
var ErrNoPolicies = errors.New("no policies found")

// New loads, compiles and prepares the policies.
func New(ctx context.Context, opts Options) (*Engine, error) {
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if len(opts.Namespaces) == 0 {
		opts.Namespaces = []string{"main"}
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	srcs, err := readPolicies(opts.Policies, false)
	if err != nil {
		return nil, err
	}
	mods, err := parseModules(srcs, opts.RegoVersion)
	if err != nil {
		return nil, newPolicyError(err, opts.RegoVersion)
	}
	narrowed := false // library rule packages left out (libraryFor)
	userMods := maps.Clone(mods)
	if opts.Builtin != nil {
		lib, err := readFSPolicies(opts.Builtin, false)
		if err != nil {
			return nil, fmt.Errorf("built-in library: %w", err)
		}
		// The result cache's fingerprint covers the whole library: a
		// file's findings do not depend on the rules of other formats.
		srcs = append(srcs, lib...)
		if opts.Formats != nil && opts.Applies != nil && !libraryReadable(mods) {
			kept := libraryFor(lib, opts.Formats, opts.Applies, opts.Needed)
			narrowed = len(kept) < len(lib)
			lib = kept
		}
		libMods, err := parseModules(lib, opts.RegoVersion)
		if err != nil {
			return nil, &PolicyError{Err: err}
		}
		maps.Copy(mods, libMods)
	}
	e := &Engine{opts: opts, fileRef: conftestFileRef(), planSlice: planSlice, planStreamMin: planStreamMin}
	e.wd, _ = os.Getwd() // "": absDir asks again
	e.compiler = ast.NewCompiler().
		WithCapabilities(safeCapabilities()).
		WithEnablePrintStatements(true)
	e.compiler.Compile(mods)
	if e.compiler.Failed() {
		return nil, newPolicyError(e.compiler.Errors, opts.RegoVersion)
	}
	e.collectRules(mods)
	if len(e.rules) == 0 && (!narrowed || len(opts.Policies) > 0) {
		// (With the library narrowed to what the files can need, none
		// of its rules may apply: the files are still parsed, and pass
		// when they parse. A user's policies without a rule to report
		// stay an error.)
		return nil, noPoliciesError(userMods, opts)
	}
	e.collectGuards()
	e.itemRules = opts.ItemsApply != nil && slices.ContainsFunc(e.rules, func(r ruleRef) bool { return opts.ItemsApply(r.pkg) })
	data, err := loadData(opts.Data)
	if err != nil {
		return nil, err
	}
	if opts.ExtraData != nil {
		if err := mergeData(data, opts.ExtraData, "(infragate context)", "", nil); err != nil {
			return nil, err
		}
	}
	var varying bool
	e.readsFile, varying = policyReads(e.compiler)
	e.filesAlike = !e.readsFile && !varying
	if opts.Results != nil && !varying {
		e.fingerprint = e.policyFingerprint(srcs, data)
	}
	e.store = inmem.NewFromObject(data)
	body := e.buildQuery(nil)
	e.use = e.inputUse(body)
	if opts.Applies == nil {
		// Every document is evaluated with it: prepare it now.
		if _, err := e.allRules(ctx); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// allRules returns the query of every rule, prepared on first use.
func (e *Engine) allRules(ctx context.Context) (*rego.PreparedEvalQuery, error) {
	e.allOnce.Do(func() {
		q, err := e.prepare(context.WithoutCancel(ctx), e.buildQuery(nil))
		if err != nil {
			e.allErr = &PolicyError{Err: err}
			return
		}
		e.all = q
	})
	return &e.all, e.allErr
}

// PolicyError is a policy that does not load or compile. Its message holds
// OPA's file:line:col diagnostics, then the hint, if any.
type PolicyError struct {
	Err error
	// Hint says what to do, when the errors tell (Rego v0 syntax read as v1).
	Hint string
}

func (e *PolicyError) Error() string {
	msg := "policy error: " + regoErrorText(e.Err)
	if e.Hint != "" {
		msg = strings.TrimRight(msg, "\n") + "\nhint: " + e.Hint
	}
	return msg
}

func (e *PolicyError) Unwrap() error { return e.Err }

// regoErrorText is OPA's text of parse and compile errors with the column
// of each (file:line:col: code: message, then OPA's details), so that an
// editor can jump to it; other errors as they are.
func regoErrorText(err error) string {
	var errs ast.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		return err.Error()
	}
	var b strings.Builder
	if len(errs) > 1 {
		fmt.Fprintf(&b, "%d errors occurred:", len(errs))
	}
	for i, e := range errs {
		if len(errs) > 1 || i > 0 {
			b.WriteString("\n")
		}
		if l := e.Location; l != nil {
			fmt.Fprintf(&b, "%s:%d:%d: ", l.File, l.Row, l.Col)
		}
		fmt.Fprintf(&b, "%s: %s", e.Code, e.Message)
		if e.Details != nil {
			for _, line := range e.Details.Lines() {
				b.WriteString("\n\t" + line)
			}
		}
	}
	return b.String()
}

// v0Markers are OPA's parse errors for Rego v0 syntax read as v1.
var v0Markers = []string{
	"`if` keyword is required",
	"`contains` keyword is required",
}

// HintRegoV0 is the hint of a PolicyError whose policies look like Rego v0.
const HintRegoV0 = "these policies look like Rego v0 (conftest's old syntax, without `if` and `contains`): " +
	"run with --rego-version v0, or rewrite them as v1 with `opa fmt --write --v0-v1`"

// newPolicyError wraps errors of policies parsed or compiled as version v,
// with a hint when they are those of v0 syntax read as v1.
func newPolicyError(err error, v ast.RegoVersion) *PolicyError {
	pe := &PolicyError{Err: err}
	var errs ast.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			name, ok := strings.CutPrefix(e.Message, "undefined function ")
			if ok && isNetworkBuiltin(name) {
				pe.Hint = name + " is not available: policies may come from people the gate does not trust, " +
					"so builtins that reach the network or the machine's files are removed (docs/security.md)"
				return pe
			}
		}
	}
	if v == ast.RegoV1 || v == ast.RegoUndefined {
		msg := err.Error()
		for _, m := range v0Markers {
			if strings.Contains(msg, m) {
				pe.Hint = HintRegoV0
				break
			}
		}
	}
	return pe
}

// NamespaceError is ErrNoPolicies when the policies have rules but no
// package matches the namespaces (--namespace) asked for.
type NamespaceError struct {
	// Namespaces are the package globs asked for.
	Namespaces []string
	// Packages are the packages of the user policies, sorted.
	Packages []string
}

func (e *NamespaceError) Error() string {
	globs := make([]string, len(e.Namespaces))
	for i, g := range e.Namespaces {
		globs[i] = strconv.Quote(g)
	}
	pkgs := e.Packages
	more := ""
	if len(pkgs) > maxNamedPackages {
		pkgs, more = pkgs[:maxNamedPackages], fmt.Sprintf(" and %d more", len(pkgs)-maxNamedPackages)
	}
	return fmt.Sprintf("no policy package matches --namespace %s (the policies have %s %s%s); name one with -n/--namespace, or use --all-namespaces",
		strings.Join(globs, ", "), plural(len(e.Packages), "package", "packages"), strings.Join(pkgs, ", "), more)
}

// maxNamedPackages is the most packages a NamespaceError names.
const maxNamedPackages = 10

// Is makes a NamespaceError an ErrNoPolicies.
func (e *NamespaceError) Is(target error) bool { return target == ErrNoPolicies }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// noPoliciesError says why no rule was found: a *NamespaceError when
// the user policies (mods: theirs, not the library's) have packages but
// none matches the namespaces, else ErrNoPolicies.
func noPoliciesError(mods map[string]*ast.Module, opts Options) error {
	if len(opts.Policies) == 0 {
		return ErrNoPolicies
	}
	paths := strings.Join(opts.Policies, ", ")
	noRules := fmt.Errorf("%w: the policies in %s have no rule named deny, violation or warn (optionally with _suffix parts, as deny_public); "+
		"those are the rules that report", ErrNoPolicies, paths)
	if len(mods) == 0 {
		return fmt.Errorf("%w: %s %s no .rego file (*_test.rego files are read by infragate test only)",
			ErrNoPolicies, paths, plural(len(opts.Policies), "has", "have"))
	}
	if opts.AllNamespaces {
		return noRules
	}
	seen := map[string]bool{}
	var pkgs []string
	for _, m := range mods {
		pkg := packagePath(m.Package)
		if strings.HasPrefix(pkg, BuiltinPrefix) || seen[pkg] {
			continue
		}
		if matchNamespace(opts.Namespaces, pkg) {
			return noRules // a package matches, it has no rules
		}
		seen[pkg] = true
		pkgs = append(pkgs, pkg)
	}
	if len(pkgs) == 0 {
		return noRules
	}
	sort.Strings(pkgs)
	return &NamespaceError{Namespaces: opts.Namespaces, Packages: pkgs}
}

// Rules returns the catalogue of evaluated rules, sorted by id.
func (e *Engine) Rules() []Rule { return e.catalog }

// UnselectedPackage is a package of the user policies that has deny,
// violation or warn rules but that no namespace selects: its rules are not
// evaluated (as in conftest), which is easy to miss.
type UnselectedPackage struct {
	Package string
	// Rules are the names of its rules, sorted.
	Rules []string
	// File and Line are where its first rule is.
	File string
	Line int
}

// Unselected returns the packages with rules that Options.Namespaces leave
// out, sorted by package (none with AllNamespaces).
func (e *Engine) Unselected() []UnselectedPackage { return e.unselected }

// ruleName is the name a rule is selected by: the first part of its head
// (deny in deny[msg] and in deny.x.y).
func ruleName(r *ast.Rule) string {
	if len(r.Head.Reference) > 1 {
		return r.Head.Reference[0].String()
	}
	return r.Head.Name.String()
}

// addUnselected adds to unselected the deny/violation/warn rules of m,
// the module of package pkg that no namespace selects.
func addUnselected(unselected map[string]*UnselectedPackage, pkg string, m *ast.Module) {
	for _, r := range m.Rules {
		name := ruleName(r)
		if _, ok := ruleLevel(name); !ok {
			continue
		}
		u := unselected[pkg]
		if u == nil {
			u = &UnselectedPackage{Package: pkg}
			if r.Location != nil {
				u.File, u.Line = r.Location.File, r.Location.Row
			}
			unselected[pkg] = u
		}
		if !slices.Contains(u.Rules, name) {
			u.Rules = append(u.Rules, name)
		}
	}
}

// collectRules finds the deny/violation/warn rules of the selected packages
// and reads their METADATA.
func (e *Engine) collectRules(mods map[string]*ast.Module) {
	type key struct{ pkg, name string }
	seen := map[key]*ruleRef{}
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	e.excVars = map[string]string{}
	unselected := map[string]*UnselectedPackage{}
	for _, n := range names {
		m := e.compiler.Modules[n]
		pkg := packagePath(m.Package)
		builtin := strings.HasPrefix(pkg, BuiltinPrefix)
		if !builtin && !e.opts.AllNamespaces && !matchNamespace(e.opts.Namespaces, pkg) {
			addUnselected(unselected, pkg, m)
			continue
		}
		pkgInfo := annotationInfo(m.Annotations, "package")
		for _, r := range m.Rules {
			name := ruleName(r)
			if name == "exception" {
				if _, ok := e.excVars[pkg]; !ok {
					e.excVars[pkg] = fmt.Sprintf("__exc%d", len(e.excVars))
				}
				continue
			}
			level, ok := ruleLevel(name)
			if !ok {
				continue
			}
			k := key{pkg, name}
			ref, ok := seen[k]
			if !ok {
				info := pkgInfo
				info.Package = pkg
				info.Name = name
				info.File = m.Package.Location.File
				if r.Location != nil {
					info.Line = r.Location.Row
				}
				info.Builtin = builtin
				ref = &ruleRef{pkg: pkg, name: name, dataRef: "data." + pkg + "." + name, level: level, info: info,
					ref: m.Package.Path.Append(ast.StringTerm(name))}
				seen[k] = ref
			}
			if loc := r.Location; loc != nil {
				ref.defs = append(ref.defs, fmt.Sprintf("%s:%d", loc.File, loc.Row))
			}
			if ra := annotationInfo(r.Annotations, ""); ra.ID != "" || ra.Title != "" {
				mergeRule(&ref.info, ra)
			}
		}
	}
	for _, pkg := range slices.Sorted(maps.Keys(unselected)) {
		u := unselected[pkg]
		slices.Sort(u.Rules)
		e.unselected = append(e.unselected, *u)
	}
	keys := make([]key, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].pkg != keys[j].pkg {
			return keys[i].pkg < keys[j].pkg
		}
		return keys[i].name < keys[j].name
	})
	formats := parsers.Default().Formats()
	for i, k := range keys {
		r := seen[k]
		r.bind = fmt.Sprintf("__r%d", i)
		if r.info.ID == "" {
			r.info.ID = k.pkg + "." + k.name
		}
		if e.opts.Applies != nil {
			r.info.Formats = appliesTo(k.pkg, formats, e.opts.Applies)
		}
		e.rules = append(e.rules, *r)
		e.catalog = append(e.catalog, r.info)
	}
	sort.SliceStable(e.catalog, func(i, j int) bool { return e.catalog[i].ID < e.catalog[j].ID })
}

// appliesTo lists the formats (sorted) the rules of a package apply to;
// nil when they apply to every one.
func appliesTo(pkg string, formats []string, applies func(string, parsers.Format) bool) []parsers.Format {
	var out []parsers.Format
	for _, f := range formats {
		if applies(pkg, parsers.Format(f)) {
			out = append(out, parsers.Format(f))
		}
	}
	if len(out) == len(formats) {
		return nil
	}
	if out == nil {
		out = []parsers.Format{}
	}
	return out
}

// annotationInfo reads infragate's fields from METADATA annotations.
func annotationInfo(as []*ast.Annotations, scope string) Rule {
	var out Rule
	for _, a := range as {
		if scope != "" && a.Scope != scope {
			continue
		}
		mergeRule(&out, ruleFromAnnotation(a))
	}
	return out
}

func ruleFromAnnotation(a *ast.Annotations) Rule {
	r := Rule{Title: a.Title, Description: a.Description}
	for _, rr := range a.RelatedResources {
		if u := rr.Ref.String(); u != "" {
			r.URLs = append(r.URLs, u)
		}
	}
	str := func(k string) string {
		if v, ok := a.Custom[k].(string); ok {
			return v
		}
		return ""
	}
	r.ID = str("id")
	if ids, ok := a.Custom["related_ids"].([]any); ok {
		for _, id := range ids {
			if s, ok := id.(string); ok {
				r.RelatedIDs = append(r.RelatedIDs, s)
			}
		}
	}
	r.Severity = strings.ToLower(str("severity"))
	r.Remediation = strings.TrimSpace(str("remediation"))
	r.Enforcement = str("enforcement")
	return r
}

func mergeRule(dst *Rule, src Rule) {
	set := func(d *string, s string) {
		if s != "" {
			*d = s
		}
	}
	set(&dst.ID, src.ID)
	set(&dst.Title, src.Title)
	set(&dst.Description, src.Description)
	set(&dst.Severity, src.Severity)
	set(&dst.Remediation, src.Remediation)
	set(&dst.Enforcement, src.Enforcement)
	if len(src.URLs) > 0 {
		dst.URLs = src.URLs
	}
	if len(src.RelatedIDs) > 0 {
		dst.RelatedIDs = src.RelatedIDs
	}
}

// buildQuery collects every rule value into its own binding:
// __rN = [x | x = data.pkg.rule]. A rule with no results gives [].
// applies, when not nil, keeps the rules (and exceptions) of the packages
// it accepts.
func (e *Engine) buildQuery(applies func(pkg string) bool) ast.Body {
	var body ast.Body
	add := func(bind string, ref ast.Ref) { body = append(body, ruleBinding(bind, ref)) }
	for _, r := range e.rules {
		if applies == nil || applies(r.pkg) {
			add(r.bind, r.ref)
		}
	}
	pkgs := make([]string, 0, len(e.excVars))
	for p := range e.excVars {
		if applies == nil || applies(p) {
			pkgs = append(pkgs, p)
		}
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		ref := ast.MustParseRef("data." + p)
		for _, r := range e.rules {
			if r.pkg == p {
				ref = r.ref[:len(r.ref)-1].Copy()
				break
			}
		}
		add(e.excVars[p], ref.Append(ast.StringTerm("exception")))
	}
	return body
}

// ruleBinding is the query expression bind = [x | x = ref].
func ruleBinding(bind string, ref ast.Ref) *ast.Expr {
	x := ast.VarTerm("__x" + bind)
	comp := ast.ArrayComprehensionTerm(x, ast.NewBody(ast.Equality.Expr(x, ast.NewTerm(ref))))
	return ast.Equality.Expr(ast.VarTerm(bind), comp)
}

// conftestFileRef is data.conftest.file: {"name": basename, "dir": absolute dir}.
func conftestFileRef() ast.Ref {
	return ast.Ref{ast.DefaultRootDocument, ast.StringTerm("conftest"), ast.StringTerm("file")}
}

type nullResolver struct{}

func (nullResolver) Eval(context.Context, resolver.Input) (resolver.Result, error) {
	return resolver.Result{Value: ast.Null{}}, nil
}

type valueResolver struct{ v ast.Value }

func (r valueResolver) Eval(context.Context, resolver.Input) (resolver.Result, error) {
	return resolver.Result{Value: r.v}, nil
}

type printHook struct{ e *Engine }

func (h printHook) Print(pctx print.Context, msg string) error {
	h.e.printMu.Lock()
	defer h.e.printMu.Unlock()
	loc := "policy"
	if pctx.Location != nil {
		loc = fmt.Sprintf("%s:%d", pctx.Location.File, pctx.Location.Row)
	}
	// Every line carries the location, so that printed input cannot start
	// a line of a CI log with a workflow command ("::error::"); the legacy
	// "##[" syntax, recognised anywhere in a line, is escaped.
	msg = strings.NewReplacer("\r\n", "\n", "\r", "\n", "##[", `##\x5b`).Replace(msg)
	for _, line := range strings.Split(msg, "\n") {
		if _, err := fmt.Fprintf(h.e.opts.Stderr, "%s: %s\n", loc, escapeControls(line)); err != nil {
			return err
		}
	}
	return nil
}

// escapeControls makes control characters of printed values visible, so
// that a policy printing a value from a file under review cannot send a
// terminal escape sequence (ESC, CSI, OSC ... BEL) to whoever reads the
// log: C0 controls other than tab, and DEL, become \xNN; C1 controls
// (U+0080 to U+009F) become \uNNNN; a byte that is not UTF-8 becomes \xNN.
func escapeControls(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || (r < 0x20 && r != '\t') || (r >= 0x7f && r <= 0x9f) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, (r < 0x20 && r != '\t') || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r >= 0x80 && r <= 0x9f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// File is one input to evaluate.
type File struct {
	// Name is how the file is reported (relative to the working directory).
	Name string
	// Path is where to read it; ignored when Content is set.
	Path string
	// Content, when non-nil, is used instead of reading Path (stdin, git).
	Content []byte
	// Parser converts the file into documents.
	Parser parsers.Parser
	// Format is the kind of file Parser reads (the registry key it was
	// chosen by): with Options.Applies it selects the rules evaluated on
	// the file's documents. "" evaluates every rule.
	Format parsers.Format
}

// fileResult is what evaluating one file produced.
type fileResult struct {
	docs     int
	findings []Finding
	// guarded holds the guards that failed for every document (rules
	// evaluated on none of them), when guardsKnown.
	guarded     guardSet
	guardsKnown bool
	// name and format are the file's, set by CheckStream.
	name   string
	format parsers.Format
}

// Check evaluates every document of every file. Errors in one file (parse
// errors, policy runtime errors, timeouts) become findings; the other files
// are still evaluated. The returned error is for the run as a whole
// (cancelled context).
func (e *Engine) Check(ctx context.Context, files []File) (*Report, error) {
	ch := make(chan File)
	go func() {
		defer close(ch)
		for _, f := range files {
			select {
			case ch <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	return e.CheckStream(ctx, ch)
}

// CheckStream is Check over the files received until files is closed, so
// that evaluation starts while the files are still being found. The
// report does not depend on the order files arrive in. The sender must
// stop sending when ctx is done.
func (e *Engine) CheckStream(ctx context.Context, files <-chan File) (*Report, error) {
	type job struct {
		f   File
		res *fileResult
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range e.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				*j.res = e.checkFile(ctx, j.f)
				j.res.name, j.res.format = j.f.Name, j.f.Format
			}
		}()
	}
	var results []*fileResult
feed:
	for {
		select {
		case f, ok := <-files:
			if !ok {
				break feed
			}
			r := &fileResult{}
			results = append(results, r)
			select {
			case jobs <- job{f, r}:
			case <-ctx.Done():
				break feed
			}
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rep := &Report{Rules: e.catalog, Findings: []Finding{}, Formats: make(map[string]parsers.Format, len(results))}
	rep.Summary.Files = len(results)
	type formatGuards struct {
		f      parsers.Format
		failed guardSet
	}
	pkgs := map[formatGuards]map[string]bool{}
	for _, r := range results {
		rep.Summary.Documents += r.docs
		rep.Findings = append(rep.Findings, r.findings...)
		if r.format != "" {
			rep.Formats[r.name] = r.format
		}
		if r.guardsKnown && r.guarded != 0 {
			k := formatGuards{r.format, r.guarded}
			p, ok := pkgs[k]
			if !ok {
				p = e.guardedPackages(r.format, r.guarded)
				pkgs[k] = p
			}
			if p != nil {
				if rep.Guarded == nil {
					rep.Guarded = map[string]map[string]bool{}
				}
				rep.Guarded[r.name] = p
			}
		}
	}
	rep.Sort()
	rep.Count()
	return rep, nil
}

// readFile returns a file's content, bounded by the size limit, and hands
// it to Options.OnRead. A large file that may be a plan is mapped rather
// than read (planstream.go: its bytes stay out of the heap while it is
// evaluated by slices); release unmaps it, and the content must not be
// used after it.
func (e *Engine) readFile(f File) (src []byte, release func(), err error) {
	release = func() {}
	switch _, plan := f.Parser.(planStreamer); {
	case f.Content != nil:
		if int64(len(f.Content)) > e.opts.MaxFileSize {
			return nil, release, fmt.Errorf("file is %d bytes, above the %d-byte limit (--max-file-size)", len(f.Content), e.opts.MaxFileSize)
		}
		src = f.Content
	case plan:
		src, release, err = fsread.Map(f.Path, e.opts.MaxFileSize, int64(e.planStreamMin))
	default:
		src, err = fsread.ReadFile(f.Path, e.opts.MaxFileSize)
	}
	if err == nil && e.opts.OnRead != nil {
		e.opts.OnRead(f, src)
	}
	return src, release, err
}

func (e *Engine) checkFile(ctx context.Context, f File) (res fileResult) {
	src, release, err := e.readFile(f)
	defer release()
	if _, ok := f.Parser.(planStreamer); ok {
		// A mapped file that another process truncates faults when read
		// past its new end (fsread.Map): a finding, not a crash.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				if re, ok := r.(runtime.Error); !ok || !strings.Contains(re.Error(), "fault") {
					panic(r)
				}
				res = fileResult{findings: []Finding{errorFinding(IDParseError, f.Name, 0,
					"cannot read: the file changed while it was read")}}
			}
		}()
	}
	if err != nil {
		return fileResult{findings: []Finding{errorFinding(IDParseError, f.Name, 0, "cannot read: "+err.Error())}}
	}
	var scope fileScope
	scope.query, scope.use, scope.guards = e.queryFor(ctx, f.Format)
	if e.wholeInput {
		scope.use = nil
	}
	if e.readsFile || e.opts.Results != nil {
		// data.conftest.file, which the result cache's key holds too.
		scope.ctx = fileContext(e.wd, f)
	}
	// The bytes are hashed at most once, for both keys (results of earlier
	// runs, copies in this run), and only when a key is wanted.
	sum := sync.OnceValue(func() [sha256.Size]byte { return sha256.Sum256(src) })
	key := e.resultKey(f, sum, scope.ctx)
	if key != "" {
		if res, ok := e.cachedResult(key); ok {
			return res
		}
	}
	same, reuse := e.reuseKey(f, sum)
	if reuse {
		if res, ok := e.sameBytes.get(same, f.Name); ok {
			if key != "" {
				e.storeResult(key, res)
			}
			return res
		}
	}
	scope.src = src
	scope.files = []inputFile{newInputFile(e.wd, f, src)}
	if scope.guards != nil {
		scope.met = &guardsMet{}
	}
	res, plan, err := e.evalFile(ctx, f, src, scope)
	if err != nil {
		return fileResult{findings: []Finding{parseErrorFinding(f.Name, err)}}
	}
	res.guarded, res.guardsKnown = scope.met.result()
	if plan || ctx.Err() != nil {
		// Findings on a plan name blocks in other files (the .tf sources),
		// which the keys do not cover.
		return res
	}
	if key != "" {
		e.storeResult(key, res)
	}
	if reuse {
		e.sameBytes.put(same, res)
	}
	return res
}

// fileContext is data.conftest.file for a file; wd is the working
// directory relative paths are against.
func fileContext(wd string, f File) ast.Value {
	p := f.Path
	if p == "" {
		p = f.Name
	}
	dir := p
	if abs, err := absDir(wd, p); err == nil {
		dir = abs
	}
	return ast.NewObject(
		ast.Item(ast.StringTerm("name"), ast.StringTerm(baseName(p))),
		ast.Item(ast.StringTerm("dir"), ast.StringTerm(dir)),
	)
}

func parseErrorFinding(file string, err error) Finding {
	var pe *parsers.ParseError
	line := 0
	msg := err.Error()
	if errors.As(err, &pe) {
		line = pe.Line
		msg = pe.Msg
		if pe.Col > 0 {
			msg = fmt.Sprintf("column %d: %s", pe.Col, pe.Msg)
		}
	}
	return errorFinding(IDParseError, file, line, "cannot parse: "+msg)
}

func errorFinding(id, file string, line int, msg string) Finding {
	if line < 1 {
		line = 1
	}
	return Finding{
		Level: LevelFailure, ID: id, Title: errorTitle(id), Message: msg, File: file,
		StartLine: line, EndLine: line, Severity: "high", Blocking: true,
	}
}

func errorTitle(id string) string {
	if id == IDParseError {
		return "File could not be parsed"
	}
	return "Policy evaluation failed"
}

// evalDocument evaluates all rules over one document.
func (e *Engine) evalDocument(ctx context.Context, file string, doc *parsers.Document, scope fileScope) []Finding {
	input, err := scope.use.value(doc.Value)
	if err != nil {
		scope.met.note(0)
		return []Finding{errorFinding(IDEvalError, file, doc.Range.StartLine, "cannot convert document: "+err.Error())}
	}
	key, remember := e.cleanKey(scope, doc, input)
	if remember {
		if failed, ok := scope.use.clean.get(key); ok {
			scope.met.note(failed)
			return nil // an equal input gave nothing (projection.go)
		}
	}
	rules := scope
	var failed guardSet
	rules.query, failed = e.guarded(ctx, input, scope)
	scope.met.note(failed)
	bindings, evalErrs := e.eval(ctx, input, rules)
	var out []Finding
	if bindings != nil {
		// Builtin errors: the results of the rules they did not stop
		// count, and the errors too (they block: a rule they stopped may
		// have had a finding).
		sc := scope
		sc.builtinErrsShown = len(evalErrs) > 0
		out = e.findings(ctx, bindings, subject{file: file, doc: doc, input: input, scope: sc})
	}
	var at map[string]parsers.Path
	if slices.ContainsFunc(evalErrs, isBuiltinError) {
		at = e.locateBuiltinErrors(ctx, subject{file: file, doc: doc, input: input, scope: rules})
	}
	for _, msg := range evalErrs {
		f := errorFinding(IDEvalError, file, doc.Range.StartLine, msg)
		f.Document = doc.Index
		if r, matched := doc.Map.Lookup(at[msg]); len(at[msg]) > 0 && !r.IsZero() && len(matched) > 0 {
			f.StartLine, f.EndLine, f.Path = r.StartLine, max(r.EndLine, r.StartLine), matched.String()
		}
		out = append(out, f)
	}
	if remember && len(out) == 0 && len(evalErrs) == 0 {
		scope.use.clean.add(key, failed)
	}
	return out
}

// fileResolver resolves data.conftest.file (e.fileRef) to fileCtx, the
// file of the document evaluated (an empty object when there is none).
func (e *Engine) fileResolver(fileCtx ast.Value) rego.EvalOption {
	if fileCtx == nil {
		fileCtx = ast.NewObject()
	}
	return rego.EvalResolver(e.fileRef, valueResolver{fileCtx})
}

// eval runs the scope's prepared query (all rules when it has none) once.
// It returns the bindings and the evaluation errors (runtime errors,
// builtin errors, deadline) as messages. A runtime error or the deadline
// gives no bindings; builtin errors only stop the rules that hit them, so
// the bindings are still returned with them (a caller that cannot tell
// what the errors stopped must not trust them), unless the scope says
// they were shown already.
func (e *Engine) eval(ctx context.Context, input ast.Value, scope fileScope, extra ...rego.EvalOption) (rego.Vars, []string) {
	if err := ctx.Err(); err != nil {
		return nil, []string{err.Error()}
	}
	query := scope.query
	if query == nil {
		q, err := e.allRules(ctx)
		if err != nil {
			return nil, []string{err.Error()}
		}
		query = q
	}
	e.evaluations.Add(1)
	var late atomic.Bool
	cancel, release := withDeadline(ctx, e.opts.Timeout, func() { late.Store(true) })
	defer release()
	var builtinErrs []topdown.Error
	opts := append([]rego.EvalOption{
		rego.EvalParsedInput(input),
		rego.EvalBuiltinErrorList(&builtinErrs),
		rego.EvalExternalCancel(cancel),
		rego.EvalMetrics(metrics.NoOp()),
	}, extra...)
	if e.readsFile {
		opts = append(opts, e.fileResolver(scope.ctx))
	}
	rs, err := query.Eval(ctx, opts...)
	var msgs []string
	if err != nil {
		if late.Load() {
			where := ""
			if len(extra) == 0 {
				// The callers that pass options (guards, locating) drop
				// the errors; the others report them, with the rule.
				where = e.lateRule(ctx, query, input, scope.ctx)
			}
			msgs = append(msgs, fmt.Sprintf("evaluation exceeded the %s deadline (--timeout)%s: %v", e.opts.Timeout, where, err))
		} else {
			msgs = append(msgs, err.Error())
		}
	}
	if len(builtinErrs) > 0 && !scope.builtinErrsShown {
		// A rule iterating over an unexpected shape repeats one error.
		seen := make(map[string]bool, len(builtinErrs))
		for _, be := range builtinErrs {
			if m := builtinErrorPrefix + be.Error(); !seen[m] {
				seen[m] = true
				msgs = append(msgs, m)
			}
		}
	}
	if err != nil {
		return nil, msgs
	}
	if len(rs) == 0 {
		return nil, append(msgs, "query returned no result")
	}
	return rs[0].Bindings, msgs
}
