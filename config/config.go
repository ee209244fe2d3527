// Package config reads .infragate.yaml, the repository's gate configuration:
// which policies run, how much each finding counts (enforcement levels), who
// may approve what, and where waivers come from. Every problem is reported
// with the file and line it is on; unknown keys are errors, not silently
// ignored, so that a typo cannot weaken the gate.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/infragate/infragate/internal/glob"
)

// DefaultFile is the configuration file looked for in the working directory
// (the repository root in a pull request).
const DefaultFile = ".infragate.yaml"

// DefaultWaiversFile is the waivers file used when the configuration names
// none and this file exists.
const DefaultWaiversFile = ".infragate/waivers.yaml"

// DefaultCheckName is the check run name when check_name is not set.
const DefaultCheckName = "infragate"

// Level is an enforcement level: how much a finding counts.
type Level string

// The enforcement levels.
const (
	// Advisory findings are reported and never block.
	Advisory Level = "advisory"
	// SoftMandatory findings block until the right people approve.
	SoftMandatory Level = "soft-mandatory"
	// HardMandatory findings block; only a code or policy change fixes them.
	HardMandatory Level = "hard-mandatory"
)

// Levels lists the enforcement levels, weakest first.
func Levels() []Level { return []Level{Advisory, SoftMandatory, HardMandatory} }

// ParseLevel validates an enforcement level name.
func ParseLevel(s string) (Level, error) {
	for _, l := range Levels() {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown enforcement level %q (known: advisory, soft-mandatory, hard-mandatory)", s)
}

// Severities are the severity names enforcement.rules keys may use instead
// of a rule id.
func Severities() []string { return []string{"critical", "high", "medium", "low", "info"} }

// Config is a parsed .infragate.yaml. The zero value is not useful: use
// Default, Parse or Load.
type Config struct {
	// Path is the file the configuration came from; "" for the defaults.
	Path string

	// CheckName is the name of the check run (check_name).
	CheckName string
	// Policies are the user policy files or directories (policies), as
	// written: relative to the repository root.
	Policies []string
	// PolicyLines are the lines Policies are written on, for errors about
	// the paths they name.
	PolicyLines []int
	// Builtin adds the built-in library to Policies (builtin, default true).
	Builtin bool
	// Namespaces are the package globs of the user policies to evaluate
	// (namespaces), when -n/--namespace is not given; none: main.
	Namespaces  []string
	Enforcement Enforcement
	Approvals   Approvals
	Waivers     Waivers
	Terraform   Terraform
	Helm        Helm
	Kustomize   Kustomize
}

// Kustomize configures how kustomizations are read.
type Kustomize struct {
	// Render builds each kustomization and judges what it deploys
	// (kustomize.render, default true); false reads kustomization files
	// as plain YAML, as --kustomize=false.
	Render bool
}

// Helm configures how Helm charts are read.
type Helm struct {
	// Render renders chart templates with their chart (helm.render,
	// default true); false reads them as plain YAML, as --helm=false.
	Render bool
	// Values are values files by chart directory (helm.values), applied
	// after the chart's values.yaml; both relative to the configuration
	// file, as written.
	Values map[string][]string
}

// Terraform configures how Terraform sources are read.
type Terraform struct {
	// Eval resolves variables, locals and pure functions (terraform.eval),
	// as --terraform-eval does.
	Eval bool
	// VarFiles are extra .tfvars files (terraform.var_files), as --var-file.
	VarFiles []string
}

// Enforcement sets how much failures count.
type Enforcement struct {
	// Default is the level of failures no rule names (default hard-mandatory).
	Default Level
	// Rules override the level by rule id, rule id glob or severity, in file order.
	Rules []EnforcementRule
}

// EnforcementRule is one entry of enforcement.rules.
type EnforcementRule struct {
	// Match is a rule id, a glob over rule ids (`IG-AWS-*`) or a severity.
	Match string
	Level Level
	// Line is where the entry is in the configuration file.
	Line int
}

// IsSeverity reports whether the entry matches by severity rather than rule id.
func (r EnforcementRule) IsSeverity() bool {
	for _, s := range Severities() {
		if r.Match == s {
			return true
		}
	}
	return false
}

// IsGlob reports whether the entry is a rule id glob.
func (r EnforcementRule) IsGlob() bool { return strings.ContainsAny(r.Match, "*?[") }

// MatchID reports whether the entry (an id or id glob) matches a rule id.
func (r EnforcementRule) MatchID(id string) bool {
	if !r.IsGlob() {
		return r.Match == id
	}
	ok, err := path.Match(r.Match, id)
	return err == nil && ok
}

// Approvals says who may approve what.
type Approvals struct {
	// Approvers may approve soft-mandatory findings: GitHub logins and
	// `@org/team` teams.
	Approvers []string
	// Required is how many approvers must approve (default 1).
	Required int
	// Paths need approval whenever a change touches them, findings or not.
	Paths []PathRule
	// PolicyOwners must approve changes to the policies, this file and the
	// waivers file.
	PolicyOwners []string
}

// PathRule is one entry of approvals.paths.
type PathRule struct {
	Match     string
	Approvers []string
	Required  int
	Line      int
	pattern   *glob.Pattern
}

// Matches reports whether the slash-separated path p is covered by the rule.
func (r PathRule) Matches(p string) bool {
	if r.pattern == nil {
		return glob.Match(r.Match, p)
	}
	return r.pattern.Match(p)
}

// Waivers says where waivers come from.
type Waivers struct {
	// File is the waivers file (repository-relative).
	File string
	// FileSet is true when the configuration names File; then a missing
	// file is an error. Otherwise File is DefaultWaiversFile, used if it exists.
	FileSet bool
	// FileLine and FileCol are where waivers.file is written, for errors
	// about the file it names.
	FileLine, FileCol int
	// Inline honours `infragate:ignore` comments in the files under review.
	Inline bool
}

// Default is the configuration used when there is no file.
func Default() *Config {
	return &Config{
		CheckName:   DefaultCheckName,
		Builtin:     true,
		Enforcement: Enforcement{Default: HardMandatory},
		Approvals:   Approvals{Required: 1},
		Waivers:     Waivers{File: DefaultWaiversFile, Inline: true},
		Helm:        Helm{Render: true},
		Kustomize:   Kustomize{Render: true},
	}
}

// Load reads and parses the configuration file at name.
func Load(name string) (*Config, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("configuration %s: file not found", name)
		}
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return Parse(name, src)
}

// LoadOptional loads name if it exists and returns Default otherwise.
func LoadOptional(name string) (*Config, error) {
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	return Load(name)
}

// Error is a problem in a configuration (or waivers) file, at a line.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Parse parses a configuration; name is used in error messages and kept
// as Config.Path. An empty document gives the defaults.
func Parse(name string, src []byte) (*Config, error) {
	c := Default()
	c.Path = name
	root, err := ParseYAML(name, src)
	if err != nil || root == nil {
		return c, err
	}
	p := &parser{file: name}
	p.config(root, c)
	if p.err != nil {
		return nil, p.err
	}
	return c, nil
}

// ParseYAML decodes one YAML document into a node tree, with errors that
// name the file and line. It returns nil for an empty document and refuses
// a second document.
func ParseYAML(name string, src []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{File: name, Line: extra.Line, Msg: "more than one YAML document; put everything in one"}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(name, err)
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		n := doc.Content[0]
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return nil, nil
		}
		return n, nil
	}
	return nil, nil
}

// yamlError turns a YAML syntax error ("yaml: line 3: ...") into an Error.
func yamlError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, serr := fmt.Sscanf(msg, "line %d:", &line); serr == nil {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return &Error{File: name, Line: line, Msg: "invalid YAML: " + msg}
}

// parser walks the node tree, keeping the first error.
type parser struct {
	file string
	err  error
}

func (p *parser) fail(n *yaml.Node, format string, args ...any) {
	if p.err != nil {
		return
	}
	e := &Error{File: p.file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	p.err = e
}

// mapping checks that n is a mapping with only known keys and returns its
// values by key, in file order.
func (p *parser) mapping(n *yaml.Node, where string, known ...string) []keyValue {
	n = resolveAlias(n)
	if n.Kind != yaml.MappingNode {
		p.fail(n, "%s must be a mapping (key: value), not %s", where, kindName(n))
		return nil
	}
	var out []keyValue
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.fail(k, "%s: keys must be plain strings", where)
			return nil
		}
		if k.Value == "<<" {
			p.fail(k, "%s: merge keys (<<) are not supported", where)
			return nil
		}
		if known != nil && !contains(known, k.Value) {
			p.fail(k, "unknown key %q in %s (known: %s)", k.Value, where, strings.Join(known, ", "))
			return nil
		}
		if seen[k.Value] {
			p.fail(k, "%s: key %q given twice", where, k.Value)
			return nil
		}
		seen[k.Value] = true
		out = append(out, keyValue{key: k, value: resolveAlias(v)})
	}
	return out
}

type keyValue struct{ key, value *yaml.Node }

func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "this"
}

func (p *parser) str(n *yaml.Node, where string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.fail(n, "%s must be a string, not %s", where, kindName(n))
		return ""
	}
	if n.Tag != "!!str" && n.Style == 0 && n.Tag != "" {
		// Numbers and booleans where a name is expected are almost always
		// a mistake (`on`, `yes`); quoting makes them strings.
		if n.Tag == "!!bool" || n.Tag == "!!float" {
			p.fail(n, "%s must be a string, not %s %q (quote it)", where, strings.TrimPrefix(n.Tag, "!!"), n.Value)
			return ""
		}
	}
	return n.Value
}

func (p *parser) nonEmptyStr(n *yaml.Node, where string) string {
	s := p.str(n, where)
	if p.err == nil && strings.TrimSpace(s) == "" {
		p.fail(n, "%s must not be empty", where)
	}
	return s
}

func (p *parser) boolean(n *yaml.Node, where string) bool {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		p.fail(n, "%s must be true or false, not %s", where, kindName(n))
	}
	return b
}

func (p *parser) positive(n *yaml.Node, where string) int {
	var i int
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil || i < 1 {
		p.fail(n, "%s must be a whole number of at least 1, not %s", where, kindName(n))
	}
	return i
}

// strings reads a list of strings (a single string is accepted as a list of one).
func (p *parser) strings(n *yaml.Node, where string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []string{p.nonEmptyStr(n, where)}
	}
	if n.Kind != yaml.SequenceNode {
		p.fail(n, "%s must be a list of strings, not %s", where, kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, e := range n.Content {
		out = append(out, p.nonEmptyStr(resolveAlias(e), where+" entries"))
	}
	return out
}

func (p *parser) level(n *yaml.Node, where string) Level {
	s := p.str(n, where)
	if p.err != nil {
		return ""
	}
	l, err := ParseLevel(s)
	if err != nil {
		p.fail(n, "%s: %v", where, err)
	}
	return l
}

// approvers reads a list of approvers: logins or @org/team.
func (p *parser) approvers(n *yaml.Node, where string) []string {
	list := p.strings(n, where)
	for i, a := range list {
		if p.err != nil {
			return nil
		}
		norm, err := NormalizeApprover(a)
		if err != nil {
			p.fail(n, "%s: %v", where, err)
			return nil
		}
		list[i] = norm
	}
	return list
}

// NormalizeApprover checks an approver entry and returns it canonically:
// a login without "@" ("alice"), or a team as "@org/team".
func NormalizeApprover(a string) (string, error) {
	a = strings.TrimSpace(a)
	if strings.Contains(a, "/") {
		t := strings.TrimPrefix(a, "@")
		org, team, ok := strings.Cut(t, "/")
		if !ok || !validName(org) || !validName(team) || strings.Contains(team, "/") {
			return "", fmt.Errorf("%q is not a user or an @org/team", a)
		}
		return "@" + org + "/" + team, nil
	}
	u := strings.TrimPrefix(a, "@")
	if !validName(u) {
		return "", fmt.Errorf("%q is not a user or an @org/team", a)
	}
	return u, nil
}

// validName accepts GitHub logins and team slugs: letters, digits, '-', '_' and '.'.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

func (p *parser) config(root *yaml.Node, c *Config) {
	for _, kv := range p.mapping(root, "the configuration",
		"check_name", "policies", "builtin", "namespaces", "enforcement", "approvals", "waivers", "terraform", "helm", "kustomize") {
		k, v := kv.key.Value, kv.value
		switch k {
		case "check_name":
			c.CheckName = p.nonEmptyStr(v, "check_name")
		case "policies":
			c.Policies = p.strings(v, "policies")
			c.PolicyLines = nil
			for i := range c.Policies {
				line := v.Line
				if v.Kind == yaml.SequenceNode && i < len(v.Content) {
					line = v.Content[i].Line
				}
				c.PolicyLines = append(c.PolicyLines, line)
			}
			for _, pol := range c.Policies {
				if path.IsAbs(pol) || strings.HasPrefix(path.Clean(pol), "../") {
					p.fail(v, "policies: %q must be a path inside the repository", pol)
				}
			}
		case "builtin":
			c.Builtin = p.boolean(v, "builtin")
		case "namespaces":
			c.Namespaces = p.strings(v, "namespaces")
			for i, ns := range c.Namespaces {
				at := v
				if v.Kind == yaml.SequenceNode && i < len(v.Content) {
					at = v.Content[i]
				}
				if _, err := path.Match(ns, ""); err != nil || strings.TrimSpace(ns) == "" {
					p.fail(at, "namespaces: %q is not a package glob (main, k8s.*, *)", ns)
				}
			}
		case "enforcement":
			p.enforcement(v, &c.Enforcement)
		case "approvals":
			p.approvalsSection(v, &c.Approvals)
		case "waivers":
			p.waivers(v, &c.Waivers)
		case "helm":
			for _, kv := range p.mapping(v, "helm", "render", "values") {
				switch kv.key.Value {
				case "render":
					c.Helm.Render = p.boolean(kv.value, "helm.render")
				case "values":
					c.Helm.Values = map[string][]string{}
					for _, chart := range p.mapping(kv.value, "helm.values") {
						where := "helm.values." + chart.key.Value
						files := p.strings(chart.value, where)
						for _, f := range append([]string{chart.key.Value}, files...) {
							if path.IsAbs(f) || path.Clean(f) == ".." || strings.HasPrefix(path.Clean(f), "../") {
								p.fail(chart.key, "%s: %q must be a path inside the repository", where, f)
							}
						}
						c.Helm.Values[chart.key.Value] = files
					}
				}
			}
		case "kustomize":
			for _, kv := range p.mapping(v, "kustomize", "render") {
				if kv.key.Value == "render" {
					c.Kustomize.Render = p.boolean(kv.value, "kustomize.render")
				}
			}
		case "terraform":
			for _, kv := range p.mapping(v, "terraform", "eval", "var_files") {
				switch kv.key.Value {
				case "eval":
					c.Terraform.Eval = p.boolean(kv.value, "terraform.eval")
				case "var_files":
					c.Terraform.VarFiles = p.strings(kv.value, "terraform.var_files")
				}
			}
		}
		if p.err != nil {
			return
		}
	}
}

func (p *parser) enforcement(n *yaml.Node, e *Enforcement) {
	for _, kv := range p.mapping(n, "enforcement", "default", "rules") {
		switch kv.key.Value {
		case "default":
			e.Default = p.level(kv.value, "enforcement.default")
		case "rules":
			for _, r := range p.mapping(kv.value, "enforcement.rules", nil...) {
				id := strings.TrimSpace(r.key.Value)
				if id == "" {
					p.fail(r.key, "enforcement.rules: empty rule id")
					return
				}
				if _, err := path.Match(id, ""); err != nil {
					p.fail(r.key, "enforcement.rules: bad glob %q: %v", id, err)
					return
				}
				if sev, ok := nearSeverity(id); ok && r.key.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 {
					p.fail(r.key, "enforcement.rules: %q is not a severity (critical, high, medium, low, info): write %s (a rule id that really is %q: quote it)", id, sev, id)
					return
				}
				lvl := p.level(r.value, "enforcement.rules."+id)
				e.Rules = append(e.Rules, EnforcementRule{Match: id, Level: lvl, Line: r.key.Line})
			}
		}
		if p.err != nil {
			return
		}
	}
}

// nearSeverity reports the severity a key was most likely meant to be:
// one in other letter case (HIGH) or misspelled by at most two edits
// (hihg, meduim). Such a key would otherwise be taken for a rule id that
// matches nothing, and the entry would silently do nothing. Rule ids have
// digits, dots or dashes (IG-AWS-S3-001, main.deny), so none is near.
func nearSeverity(key string) (string, bool) {
	for _, c := range key {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return "", false
		}
	}
	lower := strings.ToLower(key)
	for _, s := range Severities() {
		if key != s && (lower == s || len(lower) > 2 && editDistance(lower, s) <= 2) {
			return s, true
		}
	}
	return "", false
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of adjacent letters).
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func (p *parser) approvalsSection(n *yaml.Node, a *Approvals) {
	for _, kv := range p.mapping(n, "approvals", "approvers", "required", "paths", "policy_owners") {
		switch kv.key.Value {
		case "approvers":
			a.Approvers = p.approvers(kv.value, "approvals.approvers")
		case "required":
			a.Required = p.positive(kv.value, "approvals.required")
		case "policy_owners":
			a.PolicyOwners = p.approvers(kv.value, "approvals.policy_owners")
		case "paths":
			if kv.value.Kind != yaml.SequenceNode {
				p.fail(kv.value, "approvals.paths must be a list of {match, approvers, required}, not %s", kindName(kv.value))
				return
			}
			for _, e := range kv.value.Content {
				a.Paths = append(a.Paths, p.pathRule(resolveAlias(e)))
				if p.err != nil {
					return
				}
			}
		}
		if p.err != nil {
			return
		}
	}
}

func (p *parser) pathRule(n *yaml.Node) PathRule {
	r := PathRule{Required: 1, Line: n.Line}
	var hasMatch, hasApprovers bool
	for _, kv := range p.mapping(n, "an approvals.paths entry", "match", "approvers", "required") {
		switch kv.key.Value {
		case "match":
			hasMatch = true
			r.Match = p.nonEmptyStr(kv.value, "approvals.paths match")
			if p.err == nil {
				pat, err := glob.Compile(r.Match)
				if err != nil {
					p.fail(kv.value, "approvals.paths match: %v", err)
				}
				r.pattern = pat
			}
		case "approvers":
			hasApprovers = true
			r.Approvers = p.approvers(kv.value, "approvals.paths approvers")
		case "required":
			r.Required = p.positive(kv.value, "approvals.paths required")
		}
	}
	if p.err == nil && !hasMatch {
		p.fail(n, "an approvals.paths entry needs match (a path glob such as envs/prod/**)")
	}
	if p.err == nil && (!hasApprovers || len(r.Approvers) == 0) {
		p.fail(n, "the approvals.paths entry for %q needs approvers", r.Match)
	}
	return r
}

func (p *parser) waivers(n *yaml.Node, w *Waivers) {
	for _, kv := range p.mapping(n, "waivers", "file", "inline") {
		switch kv.key.Value {
		case "file":
			w.File = p.nonEmptyStr(kv.value, "waivers.file")
			w.FileSet = true
			w.FileLine, w.FileCol = kv.value.Line, kv.value.Column
		case "inline":
			w.Inline = p.boolean(kv.value, "waivers.inline")
		}
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// IsPolicyPath reports whether the repository-relative slash path p is part
// of what judges a change: this configuration file, a policy file or
// directory, or the waivers file. A change to any of them needs approval
// from the policy owners.
func (c *Config) IsPolicyPath(p string) bool {
	p = path.Clean(strings.TrimPrefix(p, "./"))
	under := func(root string) bool {
		root = path.Clean(strings.TrimPrefix(root, "./"))
		return root == "." || p == root || strings.HasPrefix(p, root+"/")
	}
	cfg := c.Path
	if cfg == "" {
		cfg = DefaultFile
	}
	if under(cfg) || p == path.Clean(DefaultFile) || under(c.Waivers.File) {
		return true
	}
	for _, pol := range c.Policies {
		if under(pol) {
			return true
		}
	}
	return false
}

// PolicyPaths returns the paths among changed that IsPolicyPath, sorted.
func (c *Config) PolicyPaths(changed []string) []string {
	var out []string
	for _, p := range changed {
		if c.IsPolicyPath(p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
