package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/spf13/cobra"

	"github.com/infragate/infragate/baseline"
	"github.com/infragate/infragate/cache"
	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/gate"
	"github.com/infragate/infragate/inputs"
	"github.com/infragate/infragate/kustomize"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
	"github.com/infragate/infragate/reporters"
	"github.com/infragate/infragate/scm/git"
	"github.com/infragate/infragate/tfeval"
)

// CheckOptions are the inputs of `infragate check`.
type CheckOptions struct {
	IO IO

	Paths         []string
	NoFail        bool
	Policies      []string
	Builtin       bool
	Namespaces    []string
	AllNamespaces bool
	Data          []string
	Combine       bool
	Parser        string
	RegoVersion   string
	FailOnWarn    bool
	Timeout       time.Duration
	Outputs       []string
	OutputFile    string
	NoColor       bool
	Ignore        []string
	StdinFilename string
	MaxFileSize   int64
	Cache         bool
	NoCache       bool
	TerraformEval bool
	VarFiles      []string
	// Helm renders chart templates with their chart (--helm, default on;
	// the configuration's helm.render when the flag is not given).
	Helm       bool
	helmSet    bool
	HelmValues map[string][]string
	// Kustomize builds kustomizations (--kustomize, default on; the
	// configuration's kustomize.render when the flag is not given).
	Kustomize    bool
	kustomizeSet bool
	patches      *kustomize.Patches // shared by namedPatches and the parsers

	TFDir         string
	MaxDepth      int
	MaxAliasNodes int

	// Change scope (see gate.Scope) and baselines.
	Base      string
	Scope     string
	FilesFrom string
	Baseline  string

	// Config is the gate configuration file (--config); .infragate.yaml
	// in the working directory is used when it exists.
	Config string
	// Now is the clock for waiver expiry (time.Now when zero).
	Now time.Time

	cfg     *config.Config // loaded by loadConfig
	touched []string       // with --base: every path the change touches
	changes []git.Change   // with --base: the change
	// evaluated are the files the engine read (sorted by name), and
	// waived the names of those whose bytes hold an inline waiver marker:
	// the others need no second read for inline waivers.
	evaluated []engine.File
	waived    sync.Map
}

// NewCmdCheck builds `infragate check`. runF replaces runCheck in tests.
func NewCmdCheck(stdio IO, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: stdio}
	c := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Evaluate policies over files and directories",
		Long: `Evaluate Rego policies over infrastructure files.

PATH is a file, a directory (walked recursively; .git, .terraform and
node_modules are skipped) or "-" for standard input. The default is ".".

Policies come from --policy; with none, the configuration's policies (see
--config), else ./policy if it exists (as conftest does), else the built-in
library. --builtin adds the library to your own policies.

The configuration (.infragate.yaml, or --config) also sets enforcement
levels and waivers: advisory findings never block, soft-mandatory findings
block until approved in a pull request (a local check says who can
approve), and waived findings are listed with their reason.`,
		Example: `  infragate check examples/
  infragate check -p policy/ infra/
  helm template . | infragate check -`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			opts.helmSet = c.Flags().Changed("helm")
			opts.kustomizeSet = c.Flags().Changed("kustomize")
			if err := opts.validate(); err != nil {
				return &usageError{err}
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runCheck(c.Context(), opts)
		},
	}
	addEvalFlags(c, opts)
	f := c.Flags()
	f.StringArrayVarP(&opts.Outputs, "output", "o", []string{"text"}, "output format, or format=file (repeatable): "+strings.Join(reporters.Formats(), ", "))
	f.StringVar(&opts.OutputFile, "output-file", "", "write the outputs without =file to this file instead of standard output (outputs sharing a file are written in order)")
	f.BoolVar(&opts.NoColor, "no-color", false, "never colour the output (also NO_COLOR)")
	f.StringVar(&opts.Scope, "scope", "", "with --base, which findings block: files (default), lines or all")
	f.StringVar(&opts.Baseline, "baseline", "", "suppress findings recorded in this baseline file (infragate baseline write)")
	f.BoolVar(&opts.NoFail, "no-fail", false, "exit 0 even when policies fail, as conftest (parse and evaluation errors still exit 1)")
	// conftest's flags for what infragate always does.
	f.Bool("show-builtin-errors", true, "accepted for conftest: builtin errors are always reported")
	f.BoolP("quiet", "q", false, "accepted for conftest: passing checks are never listed")
	return c
}

// splitCommas splits each value at its commas, as conftest's list flags
// do (-p a,b is -p a -p b), dropping empty parts.
func splitCommas(vals []string) []string {
	var out []string
	for _, v := range vals {
		for part := range strings.SplitSeq(v, ",") {
			if part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// addEvalFlags registers the flags that decide what is evaluated and how;
// check and baseline write share them.
func addEvalFlags(c *cobra.Command, opts *CheckOptions) {
	f := c.Flags()
	f.StringArrayVarP(&opts.Policies, "policy", "p", nil, "policy file or directory (repeatable)")
	f.BoolVar(&opts.Builtin, "builtin", false, "also evaluate the built-in policy library")
	f.StringArrayVarP(&opts.Namespaces, "namespace", "n", nil, "package glob to evaluate (repeatable; default: the configuration's namespaces, else main)")
	f.BoolVar(&opts.AllNamespaces, "all-namespaces", false, "evaluate every package")
	f.StringArrayVarP(&opts.Data, "data", "d", nil, "JSON or YAML data file or directory, placed in data as conftest places it (repeatable)")
	f.BoolVar(&opts.Combine, "combine", false, "evaluate all documents together as one input array")
	f.StringVar(&opts.Parser, "parser", "", "parse every file with this format (hcl2, json, yaml, ...)")
	f.StringVar(&opts.RegoVersion, "rego-version", "v1", "Rego syntax of your policies: v0 or v1")
	f.BoolVar(&opts.FailOnWarn, "fail-on-warn", false, "warnings block too (exit 1)")
	f.DurationVar(&opts.Timeout, "timeout", engine.DefaultTimeout, "evaluation deadline for each document")
	f.StringArrayVar(&opts.Ignore, "ignore", nil, "skip paths matching this glob (repeatable; ** crosses directories)")
	f.StringVar(&opts.StdinFilename, "stdin-filename", "", "name standard input (\"-\") in reports")
	f.Int64Var(&opts.MaxFileSize, "max-file-size", engine.DefaultMaxFileSize, "largest file evaluated, in bytes; larger files are reported")
	f.StringVar(&opts.Base, "base", "", "only evaluate files changed since the merge base of this git ref (plus uncommitted changes)")
	f.StringVar(&opts.FilesFrom, "files-from", "", "evaluate the paths listed in this file (- for standard input), one per line; listed paths that do not exist are reported as skipped")
	f.StringVar(&opts.TFDir, "tf-dir", "", "where the .tf sources of Terraform plans are (default: beside each plan)")
	f.IntVar(&opts.MaxDepth, "max-depth", parsers.DefaultMaxDepth, "deepest nesting of values a file may have; deeper files are parse errors")
	f.IntVar(&opts.MaxAliasNodes, "max-alias-nodes", parsers.DefaultMaxAliasNodes, "most values YAML aliases may expand to (billion-laughs guard)")
	f.StringVar(&opts.Config, "config", "", "gate configuration file (default "+config.DefaultFile+" if it exists)")
	f.BoolVar(&opts.Cache, "cache", false, "reuse parsed documents of unchanged files (default on, off when CI=true; also INFRAGATE_CACHE)")
	f.BoolVar(&opts.NoCache, "no-cache", false, "do not read or write the parsed-document cache")
	f.BoolVar(&opts.TerraformEval, "terraform-eval", false, "resolve Terraform variables, tfvars, locals and pure functions in .tf files")
	f.StringArrayVar(&opts.VarFiles, "var-file", nil, "with --terraform-eval, a Terraform variable definitions file (repeatable)")
	f.BoolVar(&opts.Helm, "helm", true, "render Helm chart templates with their chart's values (--helm=false reads them as plain YAML)")
	f.BoolVar(&opts.Kustomize, "kustomize", true, "build kustomizations and judge what they deploy (--kustomize=false reads kustomization files as plain YAML)")
}

func (o *CheckOptions) validate() error {
	// As conftest's, -p, -d and -n take comma-separated lists too.
	o.Policies, o.Data, o.Namespaces = splitCommas(o.Policies), splitCommas(o.Data), splitCommas(o.Namespaces)
	if o.RegoVersion != "v0" && o.RegoVersion != "v1" {
		return fmt.Errorf("--rego-version must be v0 or v1, not %q", o.RegoVersion)
	}
	for _, spec := range o.Outputs {
		if _, _, err := reporters.ParseOutputSpec(spec); err != nil {
			return err
		}
	}
	if o.Parser != "" {
		if _, err := parsers.Default().Lookup(o.Parser); err != nil {
			return err
		}
	}
	if len(o.VarFiles) > 0 && !o.TerraformEval {
		return fmt.Errorf("--var-file needs --terraform-eval")
	}
	if o.Cache && o.NoCache {
		return fmt.Errorf("--cache and --no-cache exclude each other")
	}
	if o.Timeout <= 0 {
		return fmt.Errorf("--timeout must be positive")
	}
	if o.MaxDepth < 0 || o.MaxAliasNodes < 0 || o.MaxFileSize < 0 {
		return fmt.Errorf("--max-depth, --max-alias-nodes and --max-file-size must not be negative")
	}
	if o.Scope != "" {
		if _, err := gate.ParseScope(o.Scope); err != nil {
			return err
		}
		if o.Base == "" {
			return fmt.Errorf("--scope needs --base (the change to scope to)")
		}
	}
	if o.FilesFrom == "-" && slices.Contains(o.Paths, "-") {
		return fmt.Errorf("--files-from - and the path - both read standard input")
	}
	return nil
}

// loadConfig reads --config, or .infragate.yaml when it exists, once.
func (o *CheckOptions) loadConfig() (*config.Config, error) {
	if o.cfg != nil {
		return o.cfg, nil
	}
	var err error
	if o.Config != "" {
		o.cfg, err = config.Load(o.Config)
	} else {
		o.cfg, err = config.LoadOptional(config.DefaultFile)
	}
	return o.cfg, err
}

// checkConfigPolicies reports a path of the configuration's policies
// that does not exist at the line that names it (when --policy does not
// replace them).
func (o *CheckOptions) checkConfigPolicies() error {
	cfg := o.cfg
	if len(o.Policies) > 0 || cfg == nil || cfg.Path == "" {
		return nil
	}
	for i, p := range cfg.Policies {
		if _, err := os.Stat(configRelative(cfg, p)); errors.Is(err, fs.ErrNotExist) {
			e := &config.Error{File: cfg.Path, Msg: fmt.Sprintf("policies: %s does not exist (paths are relative to the configuration file); fix the path or remove it", p)}
			if i < len(cfg.PolicyLines) {
				e.Line = cfg.PolicyLines[i]
			}
			return e
		}
	}
	return nil
}

// configRelative resolves a path written in the configuration file
// against the file's directory.
func configRelative(cfg *config.Config, p string) string {
	if cfg == nil || cfg.Path == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(cfg.Path), filepath.FromSlash(p))
}

// engineOptions resolves which policies to load: --policy, else the
// configuration file's policies and builtin setting, else ./policy when it
// exists, else the built-in library.
func (o *CheckOptions) engineOptions() engine.Options {
	eo := engine.Options{
		Policies:      o.Policies,
		Namespaces:    namespacesFor(o.Namespaces, o.cfg),
		AllNamespaces: o.AllNamespaces,
		Data:          o.Data,
		Timeout:       o.Timeout,
		MaxFileSize:   o.MaxFileSize,
		Stderr:        o.IO.ErrOut,
		TFDir:         o.TFDir,
		RegoVersion:   ast.RegoV1,
		Applies:       policies.Applies,
		Guard:         policies.Guard,
		Items:         policies.ListItems,
		ItemsApply:    policies.JudgesItems,
		OnRead: func(f engine.File, src []byte) {
			if gate.MayHoldInlineWaivers(src) {
				o.waived.Store(f.Name, true)
			}
		},
	}
	if o.RegoVersion == "v0" {
		eo.RegoVersion = ast.RegoV0
	}
	if cfg := o.cfg; len(eo.Policies) == 0 && cfg != nil && cfg.Path != "" {
		// A configuration file decides, unless --policy was given.
		for _, p := range cfg.Policies {
			eo.Policies = append(eo.Policies, configRelative(cfg, p))
		}
		if len(eo.Policies) == 0 {
			if st, err := os.Stat(configRelative(cfg, "policy")); err == nil && st.IsDir() {
				eo.Policies = []string{configRelative(cfg, "policy")}
			}
		}
		if cfg.Builtin {
			eo.Builtin = policies.FS()
		}
	} else if len(eo.Policies) == 0 {
		if st, err := os.Stat("policy"); err == nil && st.IsDir() {
			eo.Policies = []string{"policy"}
		} else {
			eo.Builtin = policies.FS()
		}
	}
	if o.Builtin {
		eo.Builtin = policies.FS()
	}
	return eo
}

func runCheck(ctx context.Context, o *CheckOptions) error {
	rep, err := evaluate(ctx, o)
	if err != nil {
		return err
	}
	if o.Baseline != "" {
		b, err := baseline.Load(o.Baseline)
		if err != nil {
			return err
		}
		b.Apply(rep)
	}
	v, err := o.decide(ctx, rep)
	if err != nil {
		return err
	}
	if err := o.write(rep); err != nil {
		return err
	}
	if len(v.Requirements) > 0 {
		fmt.Fprintf(o.IO.ErrOut, "infragate: %s\n", v.Title)
	}
	if v.Blocking() && !(o.NoFail && !slices.ContainsFunc(rep.Findings, engine.Finding.IsError)) {
		return &ExitError{Code: ExitBlocking}
	}
	return nil
}

// decide applies the configuration's enforcement levels and waivers (no
// approvals: there is no pull request) and says what would need approval.
func (o *CheckOptions) decide(ctx context.Context, rep *engine.Report) (*gate.Verdict, error) {
	cfg, err := o.loadConfig()
	if err != nil {
		return nil, err
	}
	wpath := configRelative(cfg, cfg.Waivers.File)
	if _, err := os.Stat(wpath); errors.Is(err, fs.ErrNotExist) && cfg.Waivers.FileSet {
		return nil, &config.Error{File: cfg.Path, Line: cfg.Waivers.FileLine, Col: cfg.Waivers.FileCol,
			Msg: fmt.Sprintf("waivers.file: %s does not exist (the path is relative to the configuration file); create it, fix the path, or remove the key", wpath)}
	}
	wf, err := gate.LoadWaivers(wpath, cfg.Waivers.FileSet)
	if err != nil {
		return nil, err
	}
	return gate.Decide(ctx, gate.Input{
		Report:             rep,
		Config:             cfg,
		Now:                o.Now,
		ReadFile:           o.readReported,
		Format:             o.evaluatedFormat,
		Waivers:            wf,
		ChangedPaths:       o.touched,
		PolicyPathsChanged: o.judgeChanged(cfg),
		JudgeInChange:      o.Base != "" && cache.IsCI(o.getenv),
		FailOnWarn:         o.FailOnWarn,
	})
}

// judgeChanged lists the changed files (--base) that judge the change:
// the policies and data loaded (from flags, the configuration or
// ./policy), the baseline, the configuration and the waivers file, where
// they are in the working directory. check reads them from the working
// tree, which the change controls, so in CI a change to them blocks
// (gate.Input.JudgeInChange): otherwise a pull request checked with
// `check --base` could mark its own findings advisory, waive them, add
// them to the baseline or edit the policies. Files taken from elsewhere
// (the target branch's checkout, as the README shows) judge nothing here.
func (o *CheckOptions) judgeChanged(cfg *config.Config) []string {
	if len(o.touched) == 0 {
		return nil
	}
	eo := o.engineOptions()
	judges := append(append([]string{}, eo.Policies...), eo.Data...)
	judges = append(judges, o.Baseline)
	// The configuration: the file named, or the default one, which a
	// change can add or delete.
	switch {
	case o.Config != "":
		judges = append(judges, o.Config)
	default:
		judges = append(judges, config.DefaultFile)
	}
	if cfg != nil && cfg.Path != "" {
		judges = append(judges, cfg.Path, configRelative(cfg, cfg.Waivers.File))
	}
	// Without --policy or configured policies, ./policy judges when it
	// exists: adding or deleting it changes the judge too.
	if len(o.Policies) == 0 && (cfg == nil || len(cfg.Policies) == 0) {
		judges = append(judges, configRelative(cfg, "policy"))
	}
	wd, _ := os.Getwd()
	var rel []string
	for _, p := range judges {
		if filepath.IsAbs(p) && wd != "" {
			// $GITHUB_WORKSPACE/policy is in the change too.
			if r, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(r) {
				p = r
			}
		}
		if p != "" && !filepath.IsAbs(p) {
			rel = append(rel, path.Clean(filepath.ToSlash(p)))
		}
	}
	var out []string
	for _, t := range o.touched {
		t = path.Clean(t)
		for _, j := range rel {
			if j == "." || t == j || strings.HasPrefix(t, j+"/") {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// wasEvaluated reports whether the engine read the file of that name.
func (o *CheckOptions) wasEvaluated(name string) bool {
	_, ok := o.evaluatedFile(name)
	return ok
}

// evaluatedFormat is the format the engine read the file of that name as
// ("" for a file it did not read).
func (o *CheckOptions) evaluatedFormat(name string) parsers.Format {
	f, _ := o.evaluatedFile(name)
	return f.Format
}

func (o *CheckOptions) evaluatedFile(name string) (engine.File, bool) {
	i := sort.Search(len(o.evaluated), func(i int) bool { return o.evaluated[i].Name >= name })
	if i < len(o.evaluated) && o.evaluated[i].Name == name {
		return o.evaluated[i], true
	}
	return engine.File{}, false
}

// readReported reads a file by the name findings use (relative to the
// working directory), for inline waivers. Standard input is not re-read,
// and only regular files within the size limit are: a finding may name a
// pipe, a device, an oversized file or a link out of the tree that the
// engine refused to read.
func (o *CheckOptions) readReported(name string) ([]byte, error) {
	if name == "" || name == "-" {
		return nil, fmt.Errorf("%q is not a file", name)
	}
	if _, marked := o.waived.Load(name); !marked && o.wasEvaluated(name) {
		return nil, nil // the bytes evaluated hold no inline waiver
	}
	return readInlineSource(name, o.MaxFileSize)
}

// collect finds the files to evaluate (nil paths: the current directory;
// empty paths: none) with the parsers of the options, handing each to each
// (when not nil) as soon as it is found.
func (o *CheckOptions) collect(paths []string, store *cache.Store, each func(engine.File)) (*inputs.Result, error) {
	if paths != nil && len(paths) == 0 {
		return &inputs.Result{}, nil
	}
	reg := registry(store, parsers.Limits{MaxDepth: o.MaxDepth, MaxAliasNodes: o.MaxAliasNodes})
	if o.TerraformEval {
		var err error
		if reg, err = tfeval.Wrap(reg, tfeval.Options{VarFiles: o.VarFiles}); err != nil {
			return nil, err
		}
	}
	var claim func(string) (parsers.Format, bool)
	if o.Kustomize {
		var err error
		if reg, err = withKustomize(reg, "", "", o.MaxFileSize, o.patches); err != nil {
			return nil, err
		}
	}
	if o.Helm {
		var err error
		if reg, claim, err = withHelm(reg, "", o.HelmValues, o.MaxFileSize); err != nil {
			return nil, err
		}
	}
	if o.Kustomize {
		claim = claimKustomizations(claim)
	}
	found, err := inputs.Collect(paths, inputs.Options{
		Claim:       claim,
		Registry:    reg,
		Parser:      o.Parser,
		Ignore:      o.Ignore,
		Stdin:       o.IO.In,
		StdinName:   o.StdinFilename,
		SkipUnknown: o.Base != "" || o.FilesFrom != "",
		// A list from git names the files a change deleted too.
		SkipMissing: o.FilesFrom != "",
		Found:       each,
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// evaluate runs the pipeline up to the report: which files (paths, a file
// list, or a git change), parse, evaluate, scope.
func evaluate(ctx context.Context, o *CheckOptions) (*engine.Report, error) {
	cfg, err := o.loadConfig()
	if err != nil {
		return nil, err
	}
	if cfg.Terraform.Eval {
		o.TerraformEval = true
	}
	if len(cfg.Terraform.VarFiles) > 0 && o.TerraformEval {
		var files []string
		for _, f := range cfg.Terraform.VarFiles {
			files = append(files, configRelative(cfg, f))
		}
		o.VarFiles = append(files, o.VarFiles...)
	}
	if !o.helmSet {
		o.Helm = cfg.Helm.Render
	}
	if o.Helm {
		o.HelmValues = helmValues(cfg)
	}
	if !o.kustomizeSet {
		o.Kustomize = cfg.Kustomize.Render
	}
	if o.Kustomize {
		o.patches = kustomize.NewPatches(o.MaxFileSize)
	}
	paths := o.Paths
	if len(paths) == 0 {
		// No PATH argument (cobra gives an empty, not a nil, slice): the
		// current directory. An empty non-nil list means "nothing" below.
		paths = nil
	}
	var deleted []string
	var changes map[string]git.Change
	if o.FilesFrom != "" {
		// Paths on the command line must exist, even next to a list whose
		// paths need not.
		if err := mustExist(o.Paths); err != nil {
			return nil, err
		}
		list, err := readFileList(o.FilesFrom, o.IO.In)
		if err != nil {
			return nil, err
		}
		paths = append(paths, list...)
		if len(list) == 0 && len(o.Paths) == 0 {
			paths = []string{}
		}
	}
	if o.Helm && paths != nil {
		// Named files in a chart (a pre-commit hook's, a file list's)
		// bring in what the chart deploys.
		paths = namedChartFiles(paths, o.HelmValues)
	}
	if o.Kustomize && paths != nil {
		// A named patch is judged through its kustomization, and a named
		// file a kustomization builds from brings that kustomization in.
		paths = namedPatches(paths, o.patches)
		paths = namedBases(ctx, paths)
	}
	if err := o.checkConfigPolicies(); err != nil {
		return nil, err
	}
	eopts := o.engineOptions()
	store := o.openCache()
	if store != nil && !o.TerraformEval {
		// Findings are reused only when a file's own bytes decide them;
		// --terraform-eval reads other files of the module too.
		eopts.Results = store.Results()
	}
	if o.Base != "" {
		cs, err := changedFiles(ctx, o.Base)
		if err != nil {
			return nil, err
		}
		o.changes = cs
		changes = map[string]git.Change{}
		changed := []string{}
		o.touched = []string{}
		for _, c := range cs {
			o.touched = append(o.touched, c.Path)
			if c.OldPath != "" {
				o.touched = append(o.touched, c.OldPath)
			}
			if len(o.Paths) > 0 && !underAny(c.Path, o.Paths) {
				continue
			}
			if c.Status == git.StatusDeleted {
				deleted = append(deleted, c.Path)
				continue
			}
			changes[c.Path] = c
			changed = append(changed, c.Path)
		}
		if o.TerraformEval {
			mcs, err := moduleChanges(".", cs, o.VarFiles)
			if err != nil {
				return nil, err
			}
			for _, c := range mcs {
				if len(o.Paths) == 0 || underAny(c.Path, o.Paths) {
					changes[c.Path] = c
					changed = append(changed, c.Path)
				}
			}
		}
		if o.Helm {
			for _, c := range chartChanges(".", cs, o.HelmValues) {
				if len(o.Paths) == 0 || underAny(c.Path, o.Paths) {
					changes[c.Path] = c
					changed = append(changed, c.Path)
				}
			}
		}
		if o.Kustomize {
			for _, c := range kustomizationChanges(".", cs) {
				if _, listed := changes[c.Path]; listed {
					continue
				}
				if len(o.Paths) == 0 || underAny(c.Path, o.Paths) {
					changes[c.Path] = c
					changed = append(changed, c.Path)
				}
			}
		}
		paths = changed
		eopts.ExtraData = map[string]any{"infragate": map[string]any{"changes": git.PolicyData(cs)}}
	}
	// A handful of named files (a merge request, a pre-commit hook) need
	// only the built-in rules of their formats compiled.
	fopts := inputs.Options{Parser: o.Parser, StdinName: o.StdinFilename}
	if o.Helm {
		fopts.Claim = helmClaim("")
	}
	if o.Kustomize {
		fopts.Claim = claimKustomizations(fopts.Claim)
	}
	if formats, ok := inputs.Formats(paths, fopts); ok && paths != nil {
		eopts.Formats = formats
		// Terraform evaluation and --combine bring in documents of other
		// files (a module's, every file's).
		if !o.TerraformEval && !o.Combine {
			eopts.Needed = neededPackages(paths, o.Parser, fopts.Claim)
		}
	}
	// Compiling the policies and finding the files do not depend on each
	// other: they run side by side, and files are evaluated as they are
	// found (except with --combine, which needs them all). A policy error
	// is reported first, as when they ran one after the other.
	type collected struct {
		*inputs.Result
		err error
	}
	found := make(chan collected, 1)
	stream := make(chan engine.File, 256)
	collectCtx, stopCollect := context.WithCancel(ctx)
	defer stopCollect()
	go func() {
		send := func(f engine.File) {
			if !o.Combine {
				select {
				case stream <- f:
				case <-collectCtx.Done():
				}
			}
		}
		res, err := o.collect(paths, store, send)
		close(stream)
		found <- collected{res, err}
	}()
	eng, err := engine.New(ctx, eopts)
	if err != nil {
		stopCollect()
		<-found
		return nil, err
	}
	noteUnselected(o.IO.ErrOut, eng.Unselected(), eopts.Namespaces)
	noteMetadata(o.IO.ErrOut, eng.Rules())
	var rep *engine.Report
	if !o.Combine {
		rep, err = eng.CheckStream(collectCtx, stream)
	}
	col := <-found
	if col.err != nil {
		return nil, col.err
	}
	noteUnread(o.IO.ErrOut, col.Unread)
	if o.Combine {
		rep, err = eng.CheckCombined(ctx, col.Files)
	}
	if err != nil {
		return nil, err
	}
	skipped := append(col.Skipped, unreadSubmodules(o.changes)...)
	o.evaluated = col.Files
	rep.Deleted = deleted
	addSkipped(rep, skipped)
	if o.FailOnWarn {
		blockWarnings(rep)
	}
	if changes != nil {
		scope := gate.ScopeFiles
		if o.Scope != "" {
			scope = gate.Scope(o.Scope)
		}
		// As in the gate: a changed local, variable or YAML anchor
		// changes lines it does not touch.
		if scope == gate.ScopeLines {
			if err := touchIndirectLines(".", o.changes, o.TerraformEval, o.VarFiles, changes, o.MaxFileSize); err != nil {
				return nil, err
			}
		}
		gate.ApplyScope(rep, scope, changes)
	}
	rep.Sort()
	rep.Count()
	return rep, nil
}

// withLinks adds to the changes the IaC files that are links (in revision
// rev, or the index when rev is empty) to a changed file of the working
// tree at root: they are evaluated through the link, so their content
// changed too.
func withLinks(ctx context.Context, repo *git.Repo, rev, root string, cs []git.Change) ([]git.Change, error) {
	links, err := repo.Links(ctx, rev)
	if err != nil {
		return nil, err
	}
	return withSubmodules(root, withLinksOf(root, links, cs))
}

// unreadSubmodules reports the submodules a change adds or moves whose
// files the working tree does not hold (not checked out): they are not
// evaluated, and say so.
func unreadSubmodules(cs []git.Change) []inputs.Skipped {
	var out []inputs.Skipped
	for _, c := range cs {
		if !c.Submodule || c.Status == git.StatusDeleted {
			continue
		}
		if slices.ContainsFunc(cs, func(f git.Change) bool { return strings.HasPrefix(f.Path, c.Path+"/") }) {
			continue // its files are listed (withSubmodules)
		}
		out = append(out, inputs.Skipped{Name: c.Path, Reason: "submodule changed but not checked out: its files are not evaluated (check out submodules to evaluate them)"})
	}
	return out
}

// withSubmodules adds, for each submodule the change adds or moves to
// another commit, a change of every file of a format infragate evaluates
// that the working tree holds under it, every line counted as touched:
// git lists the submodule, not its files, and a pipeline that checks out
// submodules deploys them. A submodule that is not checked out has no
// files to add; the submodule itself is reported as not evaluated
// (unreadableSubmodule).
func withSubmodules(root string, cs []git.Change) ([]git.Change, error) {
	listed := map[string]bool{}
	var subs []git.Change
	for _, c := range cs {
		listed[c.Path] = true
		if c.Submodule && c.Status != git.StatusDeleted {
			subs = append(subs, c)
		}
	}
	if len(subs) == 0 {
		return cs, nil
	}
	for _, sub := range subs {
		dir := filepath.Join(root, filepath.FromSlash(sub.Path))
		found, err := inputs.Collect([]string{dir}, inputs.Options{Registry: parsers.Default(), Dir: dir})
		if err != nil {
			return nil, fmt.Errorf("listing the files of submodule %s: %w", sub.Path, err)
		}
		for _, f := range found.Files {
			rel, err := filepath.Rel(dir, f.Name)
			if err != nil || !filepath.IsLocal(rel) {
				rel = f.Name
			}
			if !filepath.IsLocal(rel) {
				continue
			}
			p := path.Join(sub.Path, filepath.ToSlash(rel))
			if !listed[p] {
				listed[p] = true
				cs = append(cs, git.Change{Path: p, Status: git.StatusModified, Binary: true})
			}
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Path < cs[j].Path })
	return cs, nil
}

// withLinksOf is withLinks for the given links (top-level relative).
func withLinksOf(root string, links []string, cs []git.Change) []git.Change {
	iac := func(p string) bool { _, ok := parsers.DetectFormat(p); return ok }
	linked := git.LinkedChanges(root, links, cs, iac)
	if len(linked) == 0 {
		return cs
	}
	cs = append(cs, linked...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Path < cs[j].Path })
	return cs
}

// moduleChanges returns, for --terraform-eval, a change for each module
// file (.tf, .tf.json) that cs does not list but whose module reads a file
// cs changes or deletes: a new default in variables.tf, or a
// terraform.tfvars, changes what main.tf deploys; a var file (varFiles,
// relative to root like cs) is read by every module, so its change brings
// in every module file under root. Paths are relative to root, as in cs.
// Such a file has no changed lines of its own, so every line counts as
// touched (Binary). They are not changes of the pull request: policies do
// not see them in data.infragate.changes.
func moduleChanges(root string, cs []git.Change, varFiles []string) ([]git.Change, error) {
	vars := map[string]bool{}
	for _, f := range varFiles {
		if filepath.IsAbs(f) {
			if abs, err := filepath.Abs(root); err == nil {
				if rel, err := filepath.Rel(abs, f); err == nil {
					f = rel
				}
			}
		}
		vars[path.Clean(filepath.ToSlash(f))] = true
	}
	listed := map[string]bool{}
	dirs := map[string]bool{}
	everyModule := false
	for _, c := range cs {
		listed[c.Path] = true
		for _, p := range []string{c.Path, c.OldPath} {
			switch {
			case p == "":
			case vars[p]:
				everyModule = true
			case tfeval.ModuleReads(p):
				dirs[path.Dir(p)] = true
			}
		}
	}
	var files []string
	if everyModule {
		found, err := inputs.Collect([]string{root}, inputs.Options{Registry: parsers.Default(), Dir: root})
		if err != nil {
			return nil, fmt.Errorf("finding the modules a changed var file is read by: %w", err)
		}
		for _, f := range found.Files {
			files = append(files, filepath.ToSlash(f.Name))
		}
	} else {
		if len(dirs) > 0 {
			// A module's callers deploy what it changes: with the
			// arguments of their module blocks (tfeval.LocalSources).
			if err := addCallers(root, dirs); err != nil {
				return nil, err
			}
		}
		for _, dir := range slices.Sorted(maps.Keys(dirs)) {
			entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
			if err != nil {
				continue // the directory went with the change
			}
			for _, e := range entries {
				if e.Type().IsRegular() {
					files = append(files, path.Join(dir, e.Name()))
				}
			}
		}
	}
	var out []git.Change
	for _, p := range files {
		if tfeval.IsModuleFile(p) && !listed[p] {
			out = append(out, git.Change{Path: p, Status: git.StatusModified, Binary: true})
		}
	}
	return out, nil
}

// addCallers adds to dirs (module directories relative to root, slash
// separated) the directories of the modules that call one of them through
// a local source, and theirs in turn, so that the calls are evaluated with
// the changed module (tfeval instantiates local module calls).
func addCallers(root string, dirs map[string]bool) error {
	found, err := inputs.Collect([]string{root}, inputs.Options{Registry: parsers.Default(), Dir: root})
	if err != nil {
		return fmt.Errorf("finding the callers of a changed module: %w", err)
	}
	calls := map[string][]string{} // caller dir -> called dirs
	for _, f := range found.Files {
		name := filepath.ToSlash(f.Name)
		if !tfeval.IsNative(name) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, f.Name))
		if err != nil {
			continue
		}
		for _, s := range tfeval.LocalSources(src) {
			dir := path.Dir(name)
			calls[dir] = append(calls[dir], path.Join(dir, s))
		}
	}
	for grew := true; grew; {
		grew = false
		for caller, called := range calls {
			if dirs[caller] {
				continue
			}
			for _, c := range called {
				if dirs[c] {
					dirs[caller], grew = true, true
					break
				}
			}
		}
	}
	return nil
}

// changedFiles lists the files changed since the merge base of base and
// HEAD plus the working tree, relative to the working directory.
func changedFiles(ctx context.Context, base string) ([]git.Change, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	repo, err := git.Open(ctx, wd)
	if err != nil {
		return nil, err
	}
	cs, err := repo.Changes(ctx, base)
	if err != nil {
		return nil, err
	}
	if cs, err = withLinks(ctx, repo, "", repo.Dir, cs); err != nil {
		return nil, err
	}
	rel, err := repo.Relative(wd, cs)
	if err != nil {
		return nil, err
	}
	out := rel[:0]
	for _, c := range rel {
		if git.Within(c.Path) {
			c.Path = filepath.ToSlash(c.Path)
			out = append(out, c)
		}
	}
	return out, nil
}

// underAny reports whether the slash path p is one of paths or below one.
func underAny(p string, paths []string) bool {
	for _, root := range paths {
		r := filepath.ToSlash(filepath.Clean(root))
		if r == "." || p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

func readFileList(name string, stdin io.Reader) ([]string, error) {
	if name == "-" {
		if stdin == nil {
			return nil, fmt.Errorf("--files-from -: no standard input")
		}
		return git.ParseFilesFrom(stdin)
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("--files-from: %w", err)
	}
	defer fh.Close()
	return git.ParseFilesFrom(fh)
}

// mustExist checks that paths named on the command line exist, with the
// error inputs.Collect gives for a missing one.
func mustExist(paths []string) error {
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if _, err := os.Lstat(p); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// blockWarnings makes warnings block (--fail-on-warn), before scope and
// the decision look at what blocks. A warning that already says why it
// does not block (a listed file that is gone) is left alone.
func blockWarnings(rep *engine.Report) {
	for i := range rep.Findings {
		if f := &rep.Findings[i]; f.Level == engine.LevelWarning && f.Note == "" {
			f.Blocking = true
		}
	}
}

// noteUnread names, on standard error, the files passed over because they
// are in formats that conftest reads and infragate does not (TOML, INI,
// XML...): someone moving from conftest would otherwise not know.
func noteUnread(w io.Writer, unread []string) {
	if len(unread) == 0 {
		return
	}
	const most = 5
	shown := make([]string, 0, most)
	for _, name := range unread[:min(len(unread), most)] {
		shown = append(shown, reporters.LogSafeLine(name))
	}
	names := strings.Join(shown, ", ")
	if len(unread) > most {
		names += fmt.Sprintf(" and %d more", len(unread)-most)
	}
	fmt.Fprintf(w, "infragate: not evaluated, in formats infragate does not read (conftest does): %s\n", names)
}

// addSkipped reports paths that were found but not evaluated (looping or
// escaping symbolic links, listed files that do not exist) as warnings,
// so they are seen; an unreadable directory is a blocking error, as an
// unreadable file is. A listed file that does not exist never blocks, even
// with --fail-on-warn: there is nothing wrong in it to fix.
func addSkipped(rep *engine.Report, skipped []inputs.Skipped) {
	for _, s := range skipped {
		f := engine.Finding{
			Level: engine.LevelWarning, ID: "input-skipped", Title: "Path not evaluated",
			Message: s.Reason, File: s.Name, StartLine: 1, EndLine: 1,
		}
		if s.Gone {
			f.Note = "does not block"
		}
		if s.Unreadable {
			f.Level, f.ID, f.Title, f.Severity, f.Blocking = engine.LevelFailure, engine.IDParseError, "Path could not be read", "high", true
		}
		rep.Findings = append(rep.Findings, f)
	}
}

// write renders every requested output: "-o fmt" to standard output (or
// --output-file), "-o fmt=file" to that file; outputs sharing a
// destination are all written to it, in order.
func (o *CheckOptions) write(rep *engine.Report) error {
	ropts := reporters.Options{
		Color:       o.IO.IsTerminal && !o.NoColor && o.getenv("NO_COLOR") == "" && o.OutputFile == "",
		ToolVersion: resolveVersion(Version{}).Version,
		Base:        o.repositoryBase(),
	}
	outs, err := parseOutputs(o.Outputs, o.OutputFile, nil)
	if err != nil {
		return err
	}
	return renderOutputs(o.IO.Out, outs, rep, ropts)
}

// repositoryBase is the working directory's path from the checkout's
// root in GitHub Actions (GITHUB_WORKSPACE) or GitLab CI (CI_PROJECT_DIR),
// "" at the root or elsewhere: annotations and code-scanning results name
// files from there (reporters.Options.Base).
func (o *CheckOptions) repositoryBase() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for _, name := range []string{"GITHUB_WORKSPACE", "CI_PROJECT_DIR"} {
		root := o.getenv(name)
		if root == "" {
			continue
		}
		rel, err := filepath.Rel(resolvedDir(root), resolvedDir(wd))
		if err != nil || rel == "." || !filepath.IsLocal(rel) {
			return ""
		}
		return filepath.ToSlash(rel)
	}
	return ""
}

// resolvedDir is dir with its links resolved, or dir when they cannot be.
func resolvedDir(dir string) string {
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return r
	}
	return dir
}

func (o *CheckOptions) getenv(k string) string {
	if o.IO.Getenv == nil {
		return ""
	}
	return o.IO.Getenv(k)
}
