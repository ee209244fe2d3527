package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/spf13/cobra"

	"github.com/infragate/infragate/baseline"
	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/gate"
	"github.com/infragate/infragate/inputs"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
	"github.com/infragate/infragate/reporters"
	"github.com/infragate/infragate/scm/git"
	"github.com/infragate/infragate/scm/github"
	"github.com/infragate/infragate/tfeval"
)

// GateOptions are the inputs of `infragate gate`.
type GateOptions struct {
	IO IO

	// What is evaluated and how (as in check). Policies, data, the
	// baseline and the config are read from the pull request's base commit.
	Policies      []string
	Builtin       bool
	Namespaces    []string
	AllNamespaces bool
	Data          []string
	RegoVersion   string
	Config        string
	Scope         string
	Baseline      string
	FailOnWarn    bool
	Timeout       time.Duration
	MaxFileSize   int64
	Outputs       []string

	// What is published and where.
	CheckName      string
	Report         string // "check" or "status"
	MaxAnnotations int
	Token          string
	Repo           string
	PR             int
	APIURL         string

	// Collaborators of the GitHub client; tests set them so that retries
	// take no real time. Zero values mean the real ones.
	Clock     github.Clock
	Retry     github.RetryPolicy
	Transport http.RoundTripper
	// Now decides waiver expiry; time.Now when zero.
	Now time.Time

	checkNameSet bool // --check-name was given (it wins over check_name)
}

// defaultConfigFile is the gate configuration read from the base commit
// when --config is not given.
const defaultConfigFile = config.DefaultFile

// NewCmdGate builds `infragate gate`. runF replaces runGate in tests.
func NewCmdGate(stdio IO, runF func(context.Context, *GateOptions) error) *cobra.Command {
	opts := &GateOptions{IO: stdio}
	c := &cobra.Command{
		Use:   "gate",
		Short: "Gate a pull request: evaluate its changes and publish a check",
		Long: `Evaluate the infrastructure files a pull request changes and publish the
verdict to GitHub: a check run (or commit status) on the head commit with
annotations on the exact lines, one sticky pull request comment, and the job
summary. The exit code is the verdict: 0 pass, 1 blocked, 2 could not evaluate.

In GitHub Actions it needs no flags: it reads the event (` + strings.Join(github.SupportedEvents(), ", ") + `)
and the token (--token, else INFRAGATE_GITHUB_TOKEN, else GITHUB_TOKEN).
Elsewhere, name the pull request with --repo owner/name --pr N.

A pull request cannot change its own judge: policies, data, the baseline and
the configuration are read from the base commit, and a pull request that
changes them is evaluated with the base versions and says so.`,
		Example: `  # in a workflow step (see the README's GitHub Action section)
  infragate gate
  # from a clone of the repository, outside Actions
  GITHUB_TOKEN=... infragate gate --repo acme/infra --pr 42 -p policy/`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return &usageError{err}
			}
			opts.checkNameSet = c.Flags().Changed("check-name")
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runGate(c.Context(), opts)
		},
	}
	f := c.Flags()
	f.StringArrayVarP(&opts.Policies, "policy", "p", nil, "policy file or directory, relative to the repository root, read from the base commit (repeatable)")
	f.BoolVar(&opts.Builtin, "builtin", false, "also evaluate the built-in policy library")
	f.StringArrayVarP(&opts.Namespaces, "namespace", "n", nil, "package glob to evaluate (repeatable; default: the base configuration's namespaces, else main)")
	f.BoolVar(&opts.AllNamespaces, "all-namespaces", false, "evaluate every package")
	f.StringArrayVarP(&opts.Data, "data", "d", nil, "JSON or YAML data file or directory, read from the base commit (repeatable)")
	f.StringVar(&opts.RegoVersion, "rego-version", "v1", "Rego syntax of your policies: v0 or v1")
	f.StringVar(&opts.Config, "config", "", "gate configuration file, read from the base commit (default "+defaultConfigFile+")")
	f.StringVar(&opts.Scope, "scope", "files", "which findings block: files (in changed files), lines (on changed lines) or all")
	f.StringVar(&opts.Baseline, "baseline", "", "suppress findings recorded in this baseline file, read from the base commit")
	f.BoolVar(&opts.FailOnWarn, "fail-on-warn", false, "warnings block too")
	f.DurationVar(&opts.Timeout, "timeout", engine.DefaultTimeout, "evaluation deadline for each document")
	f.Int64Var(&opts.MaxFileSize, "max-file-size", engine.DefaultMaxFileSize, "largest file evaluated, in bytes; larger files are reported")
	f.StringArrayVarP(&opts.Outputs, "output", "o", []string{"text"}, "log output format, or format=file (repeatable): "+strings.Join(reporters.Formats(), ", "))
	f.StringVar(&opts.CheckName, "check-name", "infragate", "name of the check run or status context (what branch protection requires)")
	f.StringVar(&opts.Report, "report", string(github.ModeCheckRun), "publish a check run (check, needs checks: write) or a commit status (status, needs statuses: write)")
	f.IntVar(&opts.MaxAnnotations, "max-annotations", github.DefaultMaxAnnotations, "most annotations published; the summary says when the cap is reached (0 for none)")
	f.StringVar(&opts.Token, "token", "", "GitHub token (default $INFRAGATE_GITHUB_TOKEN, else $GITHUB_TOKEN)")
	f.StringVar(&opts.Repo, "repo", "", "repository owner/name, outside GitHub Actions (with --pr)")
	f.IntVar(&opts.PR, "pr", 0, "pull request number, outside GitHub Actions (with --repo)")
	f.StringVar(&opts.APIURL, "api-url", "", "GitHub REST API root (default $GITHUB_API_URL, else https://api.github.com; GHES: https://HOST/api/v3)")
	return c
}

func (o *GateOptions) validate() error {
	if o.RegoVersion != "v0" && o.RegoVersion != "v1" {
		return fmt.Errorf("--rego-version must be v0 or v1, not %q", o.RegoVersion)
	}
	for _, spec := range o.Outputs {
		if _, _, err := reporters.ParseOutputSpec(spec); err != nil {
			return err
		}
	}
	if _, err := gate.ParseScope(o.Scope); err != nil {
		return err
	}
	switch github.Mode(o.Report) {
	case github.ModeCheckRun, github.ModeStatus:
	default:
		return fmt.Errorf("--report must be check or status, not %q", o.Report)
	}
	if strings.TrimSpace(o.CheckName) == "" {
		return errors.New("--check-name must not be empty")
	}
	if o.MaxAnnotations < 0 {
		return errors.New("--max-annotations must be 0 or more")
	}
	if o.Timeout <= 0 {
		return errors.New("--timeout must be positive")
	}
	if (o.Repo == "") != (o.PR == 0) {
		return errors.New("--repo owner/name and --pr N go together")
	}
	if o.PR < 0 {
		return errors.New("--pr must be a pull request number")
	}
	return nil
}

func (o *GateOptions) getenv(k string) string {
	if o.IO.Getenv == nil {
		return ""
	}
	return o.IO.Getenv(k)
}

// Verdicts as written to $GITHUB_OUTPUT.
const (
	verdictPass          = string(gate.Pass)
	verdictFail          = string(gate.Fail)
	verdictNeedsApproval = string(gate.NeedsApproval)
	verdictError         = "error"
)

// gateRun is the state of one gate run, from the event to the publication.
type gateRun struct {
	o      *GateOptions
	env    github.Env
	client *github.Client
	ev     *github.Event
	log    io.Writer // the job log (standard error), redacted

	root    string    // repository root: where files are read (the head checkout)
	repo    *git.Repo // nil without a usable clone
	changes []git.Change
	source  string // "git" or "the pull request files API"
	// linesUnknown says why the changed lines of the files read are
	// unknown (--scope lines then falls back to files); empty when known.
	linesUnknown string

	judge    *judge
	rep      *engine.Report
	decision *gate.Verdict
	files    int // changed files evaluated

	notes    []string // Markdown lines for the summary (trusted text only)
	failure  string   // why the run could not evaluate; empty when it did
	checkRun *github.CheckRun
	fallback bool // checks/comments cannot be written: workflow commands instead
}

// runGate evaluates a pull request and publishes the verdict.
func runGate(ctx context.Context, o *GateOptions) error {
	env := github.EnvFrom(o.getenv, o.Token)
	if o.APIURL != "" {
		env.APIURL = o.APIURL
	}
	client, err := github.New(github.Options{Token: env.Token, APIURL: env.APIURL, Clock: o.Clock, Retry: o.Retry,
		Transport: o.Transport, UserAgent: "infragate/" + resolveVersion(Version{}).Version})
	if err != nil {
		return &usageError{err}
	}
	r := &gateRun{o: o, env: env, client: client, log: &redactWriter{w: o.IO.ErrOut, redact: client.Redact}}
	// The log is public: nothing shaped like a token reaches it, not even
	// a secret committed in a file under review.
	o.IO.Out = &redactWriter{w: o.IO.Out, redact: client.Redact}
	if env.Token == "" {
		return errors.New("no GitHub token: pass --token, or set INFRAGATE_GITHUB_TOKEN or GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN: ${{ github.token }})")
	}
	if o.Repo == "" && env.InActions() && !slices.Contains(github.SupportedEvents(), env.EventName) {
		return fmt.Errorf("the %q event is not supported: run infragate gate on %s events", env.EventName, strings.Join(github.SupportedEvents(), ", "))
	}
	ev, err := client.Resolve(ctx, env, o.Repo, o.PR)
	if err != nil {
		return fmt.Errorf("could not read the pull request: %s", client.Redact(err.Error()))
	}
	r.ev = ev
	fmt.Fprintf(r.log, "infragate gate: %s on %s#%d, head %s, base %s\n", ev.Name, ev.Repo, ev.Number, shortSHA(ev.HeadSHA), shortSHA(ev.BaseSHA))

	r.prepare(ctx)
	defer func() {
		if r.judge != nil && r.judge.dir != "" {
			os.RemoveAll(r.judge.dir)
		}
	}()
	r.start(ctx)
	if r.failure == "" {
		r.evaluate(ctx)
	}
	return r.finish(ctx)
}

// start marks the check as in progress (or the status as pending).
func (r *gateRun) start(ctx context.Context) {
	var err error
	switch github.Mode(r.o.Report) {
	case github.ModeStatus:
		err = r.client.CreateStatus(ctx, r.ev.Repo, r.ev.HeadSHA, r.o.CheckName, "pending", "infragate is evaluating this commit", r.detailsURL())
	default:
		r.checkRun, err = r.client.StartCheck(ctx, r.ev.Repo, r.ev.HeadSHA, r.o.CheckName)
	}
	switch {
	case errors.Is(err, github.ErrNoWritePermission):
		r.fallback = true
		fmt.Fprintf(r.log, "infragate gate: the token cannot write checks or statuses here (a fork pull request or a read-only token): "+
			"the verdict goes to workflow-command annotations, the job summary and the exit code\n")
	case err != nil:
		// Publishing at the end tries again; say what happened.
		fmt.Fprintf(r.log, "infragate gate: could not mark the check as in progress: %v\n", err)
	}
}

// fail records why the run could not evaluate; the first reason wins.
func (r *gateRun) fail(format string, args ...any) {
	msg := r.client.Redact(fmt.Sprintf(format, args...))
	if r.failure == "" {
		r.failure = msg
	}
	fmt.Fprintf(r.log, "infragate gate: could not evaluate: %s\n", reporters.LogSafe(msg))
}

// prepare finds the clone and loads the judge from the base commit (the
// configuration names the check, so this comes before the check starts).
func (r *gateRun) prepare(ctx context.Context) {
	r.root = r.env.Workspace
	if r.root == "" {
		wd, err := os.Getwd()
		if err != nil {
			r.fail("no working directory: %v", err)
			return
		}
		r.root = wd
	}
	if repo, err := git.Open(ctx, r.root); err == nil {
		r.repo = repo
		r.root = repo.Dir
	} else {
		fmt.Fprintf(r.log, "infragate gate: no git clone at %s (%v); using the pull request files API\n", r.root, err)
	}
	j, err := loadJudge(ctx, r.repo, r.ev.BaseSHA, r.root, r.o)
	if err != nil {
		r.fail("%v", err)
		return
	}
	r.judge = j
	if !r.o.checkNameSet && j.cfg.Path != "" && j.cfg.CheckName != "" {
		r.o.CheckName = j.cfg.CheckName
	}
}

// evaluate finds the change and runs the policies over the changed files,
// then decides. Problems are recorded with fail.
func (r *gateRun) evaluate(ctx context.Context) {
	if !r.findChanges(ctx) {
		return
	}
	if !r.checkJudge() {
		return
	}
	if err := r.run(ctx); err != nil {
		r.fail("%v", err)
	}
}

// checkJudge records the paths of the judge that the pull request changes
// (deleted and renamed ones too) and says so. Without the base commit the
// defaults judge: if the change touches a path the base's judge could be
// made of (its policy directory, configuration, waivers), the base's judge
// is unknown and the run fails closed.
func (r *gateRun) checkJudge() bool {
	j := r.judge
	for _, c := range r.changes {
		for _, p := range []string{c.Path, c.OldPath} {
			if p != "" && (j.owns(p) != "" || j.cfg.IsPolicyPath(p)) {
				j.changed = append(j.changed, p)
			}
		}
	}
	switch {
	case len(j.changed) == 0:
	case !j.fromBase:
		r.fail("this pull request changes %s, which may be part of what judges it; the policies and configuration must be read from the base commit %s, which this checkout lacks: check out with fetch-depth: 0",
			strings.Join(j.changed, ", "), shortSHA(r.ev.BaseSHA))
		return false
	default:
		fmt.Fprintf(r.log, "infragate gate: this pull request changes the policies or configuration that judge it (%s); they were read from the base commit %s\n",
			strings.Join(j.changed, ", "), shortSHA(r.ev.BaseSHA))
	}
	return true
}

// findChanges lists what the pull request changes: with git when the clone
// has both commits (and the working tree holds the head), else with the
// files API. A list the API caps is incomplete: fail closed.
func (r *gateRun) findChanges(ctx context.Context) bool {
	if r.repo != nil {
		cs, err := r.repo.ChangesBetween(ctx, r.ev.BaseSHA, r.ev.HeadSHA)
		if err == nil {
			// The files are read from the working tree: it must hold the head
			// (checked out, or merged into the checked-out commit).
			mb, merr := r.repo.MergeBase(ctx, r.ev.HeadSHA)
			if merr != nil || mb != r.ev.HeadSHA {
				r.fail("%v", r.notHeadError())
				return false
			}
			if cs, err = r.checkoutLines(ctx, cs); err != nil {
				r.fail("reading the checked-out commit: %v", err)
				return false
			}
			if cs, err = withLinks(ctx, r.repo, r.ev.HeadSHA, r.root, cs); err != nil {
				r.fail("listing the links of the pull request head: %v", err)
				return false
			}
			r.changes, r.source = cs, "git"
			return true
		}
		fmt.Fprintf(r.log, "infragate gate: git cannot diff %s...%s (%v); using the pull request files API\n", shortSHA(r.ev.BaseSHA), shortSHA(r.ev.HeadSHA), err)
	}
	// The files are read from the working tree, and the files API says
	// nothing about it: it must be the head (a fork's head that the clone
	// lacks under pull_request_target leaves the base branch there).
	if err := r.checkoutIsHead(ctx); err != nil {
		r.fail("%v", err)
		return false
	}
	if r.ev.Number <= 0 {
		r.fail("the clone lacks the commits of this merge group and no pull request number could be derived from %q: check out with fetch-depth: 0", r.ev.HeadRef)
		return false
	}
	files, err := r.client.ChangedFiles(ctx, r.ev.Repo, r.ev.Number)
	if errors.Is(err, github.ErrIncompleteFiles) {
		r.fail("the pull request changes more files than the GitHub API lists (3000), so the list is incomplete: check out with fetch-depth: 0 so that git can diff it")
		return false
	}
	if err != nil {
		r.fail("%v", err)
		return false
	}
	// The API lists the files of the pull request's head now, and the
	// working tree holds the head of the event: a push in between would
	// judge these files by another commit's list (a file the newer head
	// reverts would not be judged at all). The run for the newer head
	// judges it. A merge group's head is the queue's commit, not the
	// pull request's.
	if r.ev.Name != github.EventMergeGroup {
		pr, err := r.client.PullRequest(ctx, r.ev.Repo, r.ev.Number)
		if err != nil {
			r.fail("%v", err)
			return false
		}
		if pr.Head.SHA != r.ev.HeadSHA {
			r.fail("the pull request's head moved from %s to %s while its files were listed, so the list is not this commit's: the run for %s judges the pull request (or check out with fetch-depth: 0 so that git can diff this commit)",
				shortSHA(r.ev.HeadSHA), shortSHA(pr.Head.SHA), shortSHA(pr.Head.SHA))
			return false
		}
	}
	for _, f := range files {
		c := git.Change{Path: f.Path, OldPath: f.PreviousPath, Status: git.StatusModified}
		switch f.Status {
		case "added":
			c.Status = git.StatusAdded
		case "removed":
			c.Status = git.StatusDeleted
		case "renamed":
			c.Status = git.StatusRenamed
		case "copied":
			c.Status = git.StatusCopied
		}
		r.changes = append(r.changes, c)
	}
	slices.SortFunc(r.changes, func(a, b git.Change) int { return strings.Compare(a.Path, b.Path) })
	// The API lists a changed link target, not the links to it (main.tf ->
	// payload.txt), which git finds in the head's tree (withLinks). The
	// working tree holds the head (checkoutIsHead): its links, found on
	// disk, stand in.
	links, err := git.WalkLinks(r.root)
	if err != nil {
		r.fail("listing the links of the workspace %s: %v", r.root, err)
		return false
	}
	r.changes = withLinksOf(r.root, links, r.changes)
	r.source = "the pull request files API"
	r.linesUnknown = "The changed lines are unknown without a git diff (files API)"
	return true
}

// checkoutLines puts the changed lines of cs (git's base...head, in the
// head's numbering) in the numbering of the files read: the checkout's.
// A merge commit with the head as a parent (refs/pull/N/merge) also holds
// what the base gained since, which moves lines; its diff against its
// first parent is what the pull request brings, in its own numbering. A
// changed file that diff does not list is as the base has it: no line of
// it is the pull request's. When HEAD is neither the head nor such a
// merge, the lines are unknown and r.linesUnknown says so.
func (r *gateRun) checkoutLines(ctx context.Context, cs []git.Change) ([]git.Change, error) {
	id, parents, err := r.repo.Parents(ctx, "HEAD")
	if err != nil {
		return nil, err
	}
	head := r.ev.HeadSHA
	if id == head {
		return cs, nil
	}
	unknown := fmt.Sprintf("The checkout %s is not the pull request head %s", shortSHA(id), shortSHA(head))
	if len(parents) < 2 || parents[0] == head || !slices.Contains(parents[1:], head) {
		r.linesUnknown = unknown + " nor a merge of it, so the changed lines in its files are unknown"
		return cs, nil
	}
	merged, err := r.repo.ChangesFrom(ctx, parents[0], id)
	if err != nil {
		r.linesUnknown = unknown + fmt.Sprintf(" but a merge of it whose first parent git cannot diff (%v), so the changed lines in its files are unknown", err)
		return cs, nil
	}
	byPath := map[string]git.Change{}
	for _, m := range merged {
		byPath[m.Path] = m
	}
	out := slices.Clone(cs)
	for i, c := range out {
		m, ok := byPath[c.Path]
		out[i].Lines, out[i].RemovedAfter = m.Lines, m.RemovedAfter
		// No line information, or all of the file new at its path: every
		// line counts (Touches).
		out[i].Binary = c.Binary || m.Binary || (ok && (m.Status == git.StatusRenamed || m.Status == git.StatusCopied))
	}
	return out, nil
}

// checkoutIsHead returns an error that says what to do unless the working
// tree is a checkout of the pull request's head: HEAD is the head commit,
// or a merge commit with the head as a parent (refs/pull/N/merge, which
// actions/checkout checks out for pull_request; its commit object names
// the head even in a shallow clone). Without a clone nothing says what the
// working tree holds.
func (r *gateRun) checkoutIsHead(ctx context.Context) error {
	if r.repo == nil {
		return fmt.Errorf("there is no git clone at %s, so nothing shows that its files are those of the pull request head %s: "+
			"check out the pull request with actions/checkout (ref: ${{ github.event.pull_request.head.sha }} under pull_request_target)", r.root, shortSHA(r.ev.HeadSHA))
	}
	id, parents, err := r.repo.Parents(ctx, "HEAD")
	if err != nil {
		return fmt.Errorf("reading the checked-out commit: %w", err)
	}
	if id != r.ev.HeadSHA && (len(parents) < 2 || !slices.Contains(parents, r.ev.HeadSHA)) {
		return r.notHeadError()
	}
	return nil
}

// notHeadError says that the working tree does not hold the pull request's
// head, and how to check it out.
func (r *gateRun) notHeadError() error {
	return fmt.Errorf("the checkout does not contain the pull request head %s, so its files cannot be evaluated: "+
		"check out the pull request (actions/checkout with ref: ${{ github.event.pull_request.head.sha }} under pull_request_target)", shortSHA(r.ev.HeadSHA))
}

// run evaluates the changed files with the judge's policies and decides:
// scope, baseline, then enforcement, waivers and approvals (gate.Decide).
func (r *gateRun) run(ctx context.Context) error {
	o, j := r.o, r.judge
	mr, err := r.mr(ctx)
	if err != nil {
		return err
	}
	var changedPaths []string
	for _, c := range r.changes {
		changedPaths = append(changedPaths, c.Path)
	}
	// Policies see the change and the pull request (approvals are counted
	// later, by the decision, so data.infragate.mr.approvals is empty here).
	eo := engine.Options{
		Policies: j.policies, Namespaces: namespacesFor(o.Namespaces, j.cfg), AllNamespaces: o.AllNamespaces, Data: j.data,
		Timeout: o.Timeout, MaxFileSize: o.MaxFileSize, Stderr: r.log, RegoVersion: ast.RegoV1,
		Applies: policies.Applies,
		Guard:   policies.Guard,
		Items:   policies.ListItems, ItemsApply: policies.JudgesItems,
		ExtraData: map[string]any{"infragate": map[string]any{
			"changes": git.PolicyData(r.changes),
			"mr":      gate.MRData(mr, changedPaths, nil),
		}},
	}
	if o.RegoVersion == "v0" {
		eo.RegoVersion = ast.RegoV0
	}
	if j.builtin || o.Builtin {
		eo.Builtin = policies.FS()
	}
	changes := map[string]git.Change{}
	var paths, deleted, changed []string
	var claim func(string) (parsers.Format, bool)
	if j.cfg.Helm.Render {
		claim = helmClaim(r.root)
	}
	if j.cfg.Kustomize.Render {
		claim = claimKustomizations(claim)
	}
	for _, c := range r.changes {
		changed = append(changed, c.Path)
		if c.OldPath != "" {
			changed = append(changed, c.OldPath)
		}
		if c.Status == git.StatusDeleted {
			deleted = append(deleted, c.Path)
			continue
		}
		changes[c.Path] = c
		full := filepath.Join(r.root, filepath.FromSlash(c.Path))
		if _, ok := parsers.DetectFormat(c.Path); ok || (claim != nil && isClaimed(claim, full)) {
			paths = append(paths, full)
		}
	}
	if j.cfg.Terraform.Eval {
		mcs, err := moduleChanges(r.root, r.changes, j.varFiles)
		if err != nil {
			return err
		}
		for _, c := range mcs {
			changes[c.Path] = c
			paths = append(paths, filepath.Join(r.root, filepath.FromSlash(c.Path)))
		}
	}
	if j.cfg.Helm.Render {
		for _, c := range chartChanges(r.root, r.changes, j.helmValues) {
			changes[c.Path] = c
			paths = append(paths, filepath.Join(r.root, filepath.FromSlash(c.Path)))
		}
	}
	if j.cfg.Kustomize.Render {
		for _, c := range kustomizationChanges(r.root, r.changes) {
			if _, listed := changes[c.Path]; listed {
				continue
			}
			changes[c.Path] = c
			paths = append(paths, filepath.Join(r.root, filepath.FromSlash(c.Path)))
		}
	}
	if formats, ok := inputs.Formats(paths, inputs.Options{Claim: claim}); ok {
		eo.Formats = formats // only the built-in rules of the changed files' formats
		if !j.cfg.Terraform.Eval {
			eo.Needed = neededPackages(paths, "", claim) // and that can match them
		}
	}
	eng, err := engine.New(ctx, eo)
	if err != nil {
		return err
	}
	noteUnselected(r.log, j.repoPaths(eng.Unselected()), namespacesFor(o.Namespaces, j.cfg))
	rep := &engine.Report{Findings: []engine.Finding{}, Rules: eng.Rules()}
	if len(paths) > 0 {
		reg, err := r.registry()
		if err != nil {
			return err
		}
		found, err := inputs.Collect(paths, inputs.Options{Registry: reg, Dir: r.root, SkipUnknown: true, Claim: claim})
		if err != nil {
			return fmt.Errorf("reading the changed files: %w", err)
		}
		if rep, err = eng.Check(ctx, found.Files); err != nil {
			return err
		}
		addSkipped(rep, found.Skipped)
	}
	addSkipped(rep, unreadSubmodules(r.changes))
	rep.Deleted = deleted
	if o.FailOnWarn {
		blockWarnings(rep)
	}
	scope := gate.Scope(o.Scope)
	if scope == gate.ScopeLines && r.linesUnknown != "" {
		scope = gate.ScopeFiles
		r.notes = append(r.notes, r.linesUnknown+": findings anywhere in a changed file block.")
		fmt.Fprintf(r.log, "infragate gate: --scope lines: %s: findings anywhere in a changed file block\n", r.linesUnknown)
	}
	if scope == gate.ScopeLines {
		if err := touchIndirectLines(r.root, r.changes, j.cfg.Terraform.Eval, j.varFiles, changes, o.MaxFileSize); err != nil {
			return err
		}
	}
	gate.ApplyScope(rep, scope, changes)
	if j.baseline != nil {
		j.baseline.Apply(rep)
	}

	in := gate.Input{
		Report: rep, Config: j.cfg, MR: mr, Teams: r.client, Policies: eng, Now: o.Now,
		Waivers: j.waivers, ChangedPaths: changed, PolicyPathsChanged: j.changed, FailOnWarn: o.FailOnWarn,
		ReadFile: func(name string) ([]byte, error) {
			// Inline waivers are read only from the files under review.
			if _, ok := changes[name]; !ok {
				return nil, fs.ErrNotExist
			}
			return readInlineSource(filepath.Join(r.root, filepath.FromSlash(name)), o.MaxFileSize)
		},
	}
	v, err := gate.Decide(ctx, in)
	if err != nil {
		return err
	}
	rep.Sort()
	rep.Count()
	r.rep, r.decision, r.files = rep, v, len(paths)
	return nil
}

// touchModuleInputs counts every line of the changed module files as
// touched (in changes, keyed by path) in the modules whose inputs the
// change alters, for --scope lines with terraform.eval: a changed locals
// or variable block changes the values of lines it does not touch
// (acl = local.acl), in its own file too. So do a changed tfvars file the
// module reads, a changed .tf.json, a changed override file, a module
// file deleted or moved, and a changed var file
// (every module). The modules' unchanged files already
// count every line (moduleChanges); their changed files now do too, and
// so do those of the modules that call them.
func touchModuleInputs(root string, cs []git.Change, varFiles []string, changes map[string]git.Change, maxSize int64) error {
	vars := map[string]bool{}
	for _, f := range varFiles {
		vars[f] = true
	}
	dirs := map[string]bool{}
	every := false
	for _, c := range cs {
		for _, p := range []string{c.Path, c.OldPath} {
			switch {
			case p == "" || !(vars[p] || tfeval.ModuleReads(p)):
			case vars[p]:
				every = true
			case c.OldPath != "" || c.Status == git.StatusDeleted || !tfeval.IsNative(p) ||
				// An override file merges into the blocks of the
				// module's other files.
				tfeval.IsOverride(p) ||
				changesInputBlock(filepath.Join(root, filepath.FromSlash(p)), c, maxSize):
				dirs[path.Dir(p)] = true
			}
		}
	}
	if len(dirs) == 0 && !every {
		return nil
	}
	if !every {
		if err := addCallers(root, dirs); err != nil {
			return err
		}
	}
	for p, c := range changes {
		if tfeval.IsModuleFile(p) && (every || dirs[path.Dir(p)]) {
			c.Binary = true // every line counts (git.Change.Touches)
			changes[p] = c
		}
	}
	return nil
}

// changesInputBlock reports whether change c of the .tf file name touches
// a locals or variable block, or deletes lines outside every block (a
// whole block may be gone). A file it cannot read or parse counts as
// changing them.
func changesInputBlock(name string, c git.Change, maxSize int64) bool {
	st, err := os.Lstat(name)
	if err != nil || !st.Mode().IsRegular() || (maxSize > 0 && st.Size() > maxSize) {
		return true // a link, or too large: evaluated as such elsewhere
	}
	src, err := os.ReadFile(name)
	if err != nil {
		return true
	}
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	body, ok := f.Body.(*hclsyntax.Body)
	if diags.HasErrors() || !ok {
		return true
	}
	for _, after := range c.RemovedAfter {
		inside := slices.ContainsFunc(body.Blocks, func(b *hclsyntax.Block) bool {
			rng := b.Range()
			return rng.Start.Line <= after && after < rng.End.Line
		})
		if !inside {
			return true
		}
	}
	for _, b := range body.Blocks {
		rng := b.Range()
		if (b.Type == "locals" || b.Type == "variable") && c.Touches(rng.Start.Line, rng.End.Line) {
			return true
		}
	}
	return false
}

// registry returns the parsers of the run: with terraform.eval in the base
// configuration, .tf files are evaluated with their variables, tfvars and
// terraform.var_files, as check does.
func (r *gateRun) registry() (parsers.Registry, error) {
	reg := parsers.Default()
	if r.judge.cfg.Kustomize.Render {
		var err error
		if reg, err = withKustomize(reg, r.root, r.root, r.o.MaxFileSize, nil); err != nil {
			return nil, err
		}
	}
	if r.judge.cfg.Helm.Render {
		if err := r.regularFiles("helm.values", slices.Concat(slices.Collect(maps.Values(r.judge.helmValues))...)); err != nil {
			return nil, err
		}
		var err error
		if reg, _, err = withHelm(reg, r.root, r.judge.helmValues, r.o.MaxFileSize); err != nil {
			return nil, err
		}
	}
	if !r.judge.cfg.Terraform.Eval {
		return reg, nil
	}
	if err := r.regularFiles("terraform.var_files", r.judge.varFiles); err != nil {
		return nil, err
	}
	return tfeval.Wrap(reg, tfeval.Options{Dir: r.root, VarFiles: r.judge.varFiles})
}

// regularFiles checks that files named by the configuration (key), read
// from the head, which the change controls, are regular files in the tree:
// never read through a link.
func (r *gateRun) regularFiles(key string, files []string) error {
	for _, f := range files {
		st, err := os.Lstat(filepath.Join(r.root, filepath.FromSlash(f)))
		switch {
		case err != nil:
			return fmt.Errorf("%s: %w", key, err)
		case !st.Mode().IsRegular():
			return fmt.Errorf("%s: %s is not a regular file", key, f)
		}
	}
	return nil
}

// mr is the pull request as the decision sees it, with its reviews.
// Approvals are bound to the pull request's head commit (in a merge group,
// the head of the pull request, not the queue's commit).
func (r *gateRun) mr(ctx context.Context) (*gate.MR, error) {
	ev := r.ev
	mr := &gate.MR{Number: ev.Number, BaseRef: ev.BaseRef, BaseSHA: ev.BaseSHA, HeadRef: ev.HeadRef, HeadSHA: ev.HeadSHA}
	if pr := ev.PR; pr != nil {
		mr.Author, mr.Labels, mr.Draft, mr.HeadSHA = pr.Author, pr.Labels, pr.Draft, pr.Head.SHA
	}
	if ev.Number <= 0 {
		return mr, nil // no pull request: nothing can be approved
	}
	reviews, err := r.client.Reviews(ctx, ev.Repo, ev.Number)
	if err != nil {
		return nil, err
	}
	for _, rv := range reviews {
		mr.Reviews = append(mr.Reviews, gate.Review{User: rv.User, State: rv.State, CommitID: rv.CommitID, SubmittedAt: rv.SubmittedAt})
	}
	return mr, nil
}

// verdict is the outcome in one word and its exit code.
func (r *gateRun) verdict() (string, int) {
	switch {
	case r.failure != "" || r.decision == nil:
		return verdictError, ExitUnknown
	case r.decision.Blocking():
		return string(r.decision.Outcome), ExitBlocking
	}
	return verdictPass, ExitPass
}

// finish publishes the verdict and returns the exit code as an error.
func (r *gateRun) finish(ctx context.Context) error {
	verdict, code := r.verdict()
	if r.rep == nil {
		r.rep = &engine.Report{Findings: []engine.Finding{}}
	}
	if err := r.writeLogOutputs(); err != nil {
		r.fail("writing the output: %v", err)
		verdict, code = r.verdict()
	}
	pub := r.publication(ctx, verdict)
	res, perr := r.client.Publish(ctx, pub)
	for _, n := range res.Notes {
		fmt.Fprintf(r.log, "infragate gate: %s\n", reporters.LogSafe(n))
	}
	if (res.FallbackAnnotations || r.fallback) && r.o.MaxAnnotations > 0 {
		fmt.Fprintln(r.log, "infragate gate: the annotations are not on a check run (status mode, or no permission to write checks); writing them as workflow commands")
		if err := reporters.GitHub(r.o.IO.Out, r.inPR(), reporters.Options{MaxAnnotations: r.o.MaxAnnotations}); err != nil {
			fmt.Fprintf(r.log, "infragate gate: writing workflow commands: %v\n", err)
		}
	}
	if perr != nil {
		verdict = verdictError
	}
	r.writeOutputs(verdict)
	if perr != nil {
		msg := r.client.Redact(perr.Error())
		if r.failure != "" {
			return fmt.Errorf("could not evaluate: %s; and publishing the result failed: %s", r.failure, msg)
		}
		return fmt.Errorf("publishing the result failed: %s", msg)
	}
	if r.failure != "" {
		return fmt.Errorf("could not evaluate: %s", r.failure)
	}
	if code != ExitPass {
		return &ExitError{Code: code}
	}
	return nil
}

// inPR is the report restricted to findings in files the pull request
// changes (and findings without a file). A finding in a file the pull
// request does not change whose value is written in one it does (a
// kustomization's document set by a changed patch, a template's value set
// by a changed values file: Finding.Origin) is placed there, where the
// diff shows it, naming the file it is reported on.
func (r *gateRun) inPR() *engine.Report {
	keep := map[string]bool{}
	for _, c := range r.changes {
		if c.Status != git.StatusDeleted {
			keep[c.Path] = true
		}
	}
	out := *r.rep
	out.Findings = nil
	for _, f := range r.rep.Findings {
		switch {
		case f.File == "" || keep[f.File]:
			out.Findings = append(out.Findings, f)
		case f.Origin != nil && keep[f.Origin.File]:
			o := *f.Origin
			f.Message += fmt.Sprintf(" (in what %s:%d deploys)", f.File, f.StartLine)
			f.File, f.StartLine, f.EndLine, f.Origin = o.File, o.StartLine, o.EndLine, nil
			out.Findings = append(out.Findings, f)
		}
	}
	out.Sort()
	out.Count()
	return &out
}

// writeLogOutputs writes the -o outputs (the job log by default).
func (r *gateRun) writeLogOutputs() error {
	ropts := reporters.Options{ToolVersion: resolveVersion(Version{}).Version, Root: r.root}
	outs, err := parseOutputs(r.o.Outputs, "", func(file string) string {
		if filepath.IsAbs(file) {
			return file
		}
		return filepath.Join(r.root, file)
	})
	if err != nil {
		return err
	}
	return renderOutputs(r.o.IO.Out, outs, r.rep, ropts)
}

// writeOutputs sets the step outputs (verdict and counts) when
// $GITHUB_OUTPUT names a file, as the Action's outputs read them.
func (r *gateRun) writeOutputs(verdict string) {
	file := r.getenv("GITHUB_OUTPUT")
	if file == "" {
		return
	}
	s := r.rep.Summary
	text := fmt.Sprintf("verdict=%s\nfailures=%d\nwarnings=%d\nblocking=%d\n", verdict, s.Failures, s.Warnings, s.Blocking)
	fh, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		_, err = fh.WriteString(text)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(r.log, "infragate gate: writing the step outputs: %v\n", err)
	}
}

func (r *gateRun) getenv(k string) string { return r.o.getenv(k) }

// detailsURL is the Actions run, for the commit status link.
func (r *gateRun) detailsURL() string {
	server, repo, id := r.getenv("GITHUB_SERVER_URL"), r.getenv("GITHUB_REPOSITORY"), r.getenv("GITHUB_RUN_ID")
	if server == "" || repo == "" || id == "" {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/actions/runs/" + id
}

func shortSHA(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// redactWriter removes the token from everything written to the log.
type redactWriter struct {
	w      io.Writer
	redact func(string) string
}

func (w *redactWriter) Write(p []byte) (int, error) {
	if w.w == nil {
		return len(p), nil
	}
	if _, err := io.WriteString(w.w, w.redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// judge is what decides: configuration, policies, data, baseline and
// waivers, read from the base commit (policies and data into a private
// directory).
type judge struct {
	cfg      *config.Config
	dir      string   // the private copies; removed when the run ends
	policies []string // directories or files to load (copies of the base's)
	builtin  bool     // load the built-in library
	data     []string
	baseline *baseline.File
	waivers  *gate.WaiverFile
	// varFiles are terraform.var_files, repository-relative, when the
	// configuration turns terraform.eval on. The files themselves are read
	// from the pull request's head: they are part of the change under
	// review.
	varFiles []string
	// helmValues are helm.values (chart directory -> values files),
	// repository-relative, when the configuration renders charts; the
	// values files are read from the head, as varFiles.
	helmValues map[string][]string
	// owned are the repository paths the judge is made of; a pull request
	// changing one of them changes its own judge.
	owned []string
	// changed lists the paths of the judge this pull request changes.
	changed []string
	// fromBase reports that the judge was read from the base commit; when
	// false, the clone lacks it and the defaults and the built-in library
	// judge, which holds only while the pull request touches no path that
	// could be part of the base's judge (checkJudge).
	fromBase bool
	// notes are trusted Markdown lines for the summary.
	notes []string
}

// repoPaths names the files of pkgs by their repository paths rather than
// by the judge's private copies.
func (j *judge) repoPaths(pkgs []engine.UnselectedPackage) []engine.UnselectedPackage {
	out := slices.Clone(pkgs)
	for i, p := range out {
		if rel, err := filepath.Rel(j.dir, p.File); err == nil && j.dir != "" && filepath.IsLocal(rel) {
			out[i].File = filepath.ToSlash(rel)
		}
	}
	return out
}

// owns returns the judge path that covers p, or "".
func (j *judge) owns(p string) string {
	for _, o := range j.owned {
		if p == o || strings.HasPrefix(p, o+"/") {
			return o
		}
	}
	return ""
}

// loadJudge reads the configuration, policies, data, baseline and waivers
// from the base commit. Without a clone holding the base commit it can only
// use the defaults and the built-in library: asking for anything else
// fails closed.
func loadJudge(ctx context.Context, repo *git.Repo, base, root string, o *GateOptions) (*judge, error) {
	j := &judge{cfg: config.Default()}
	cfgName := o.Config
	if cfgName == "" {
		cfgName = defaultConfigFile
	}
	cfgPath, err := repoPath(cfgName)
	if err != nil {
		return nil, fmt.Errorf("--config: %w", err)
	}
	j.owned = append(j.owned, cfgPath)
	var pols, data []string
	for _, p := range o.Policies {
		rp, err := repoPath(p)
		if err != nil {
			return nil, fmt.Errorf("--policy: %w", err)
		}
		pols = append(pols, rp)
	}
	for _, p := range o.Data {
		rp, err := repoPath(p)
		if err != nil {
			return nil, fmt.Errorf("--data: %w", err)
		}
		data = append(data, rp)
	}
	var blPath string
	if o.Baseline != "" {
		if blPath, err = repoPath(o.Baseline); err != nil {
			return nil, fmt.Errorf("--baseline: %w", err)
		}
	}
	if repo == nil || !hasCommit(ctx, repo, base, cfgPath) {
		explicit := len(pols) > 0 || len(data) > 0 || blPath != "" || o.Config != ""
		for _, p := range []string{"policy", defaultConfigFile, config.DefaultWaiversFile} {
			if _, err := os.Lstat(filepath.Join(root, p)); err == nil {
				explicit = true
			}
		}
		if explicit {
			return nil, fmt.Errorf("the policies and configuration must be read from the base commit %s, which this checkout lacks: check out with fetch-depth: 0", shortSHA(base))
		}
		// What the base's judge could be made of: a pull request that
		// deletes or moves it leaves no trace in the working tree.
		j.owned = append(j.owned, "policy", config.DefaultWaiversFile)
		j.builtin = true
		j.notes = append(j.notes, "Evaluated with the built-in policy library and the default configuration (no clone of the base commit).")
		return j, nil
	}
	j.fromBase = true

	// The configuration first: it may name the policies and the waivers.
	switch b, err := repo.Show(ctx, base, cfgPath); {
	case errors.Is(err, fs.ErrNotExist):
		if o.Config != "" {
			return nil, fmt.Errorf("--config %s does not exist at the base commit %s", o.Config, shortSHA(base))
		}
	case err != nil:
		return nil, fmt.Errorf("configuration %s: %w", cfgPath, err)
	default:
		if j.cfg, err = config.Parse(cfgPath, b); err != nil {
			return nil, fmt.Errorf("configuration at the base commit %s: %w", shortSHA(base), err)
		}
	}
	hasConfig := j.cfg.Path != ""
	if len(pols) == 0 && hasConfig {
		for _, p := range j.cfg.Policies {
			rp, err := repoPath(p)
			if err != nil {
				return nil, fmt.Errorf("%s policies: %w", cfgPath, err)
			}
			pols = append(pols, rp)
		}
	}
	if len(pols) == 0 {
		// As check does: ./policy when the base has it.
		if fs, err := repo.Files(ctx, base, "policy"); err == nil && len(fs) > 0 {
			pols = []string{"policy"}
		}
		j.owned = append(j.owned, "policy")
	}
	j.builtin = len(pols) == 0 || (hasConfig && j.cfg.Builtin)

	dir, err := os.MkdirTemp("", "infragate-judge-")
	if err != nil {
		return nil, err
	}
	j.dir = dir
	for _, p := range pols {
		local, err := extract(ctx, repo, base, p, dir)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", p, err)
		}
		j.policies = append(j.policies, local)
		j.owned = append(j.owned, p)
	}
	for _, p := range data {
		local, err := extract(ctx, repo, base, p, dir)
		if err != nil {
			return nil, fmt.Errorf("data %s: %w", p, err)
		}
		j.data = append(j.data, local)
		j.owned = append(j.owned, p)
	}
	if blPath != "" {
		j.owned = append(j.owned, blPath)
		b, err := repo.Show(ctx, base, blPath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			j.notes = append(j.notes, "The baseline file does not exist at the base commit: nothing is suppressed.")
		case err != nil:
			return nil, fmt.Errorf("baseline %s: %w", blPath, err)
		default:
			if j.baseline, err = baseline.Decode(b); err != nil {
				return nil, fmt.Errorf("baseline %s at the base commit: %w", blPath, err)
			}
		}
	}
	if j.cfg.Terraform.Eval {
		for _, f := range j.cfg.Terraform.VarFiles {
			// Relative to the configuration file, as in check.
			vp, err := repoPath(path.Join(path.Dir(cfgPath), filepath.ToSlash(f)))
			if err != nil {
				return nil, fmt.Errorf("%s terraform.var_files: %w", cfgPath, err)
			}
			j.varFiles = append(j.varFiles, vp)
		}
	}
	if j.cfg.Helm.Render {
		j.helmValues = map[string][]string{}
		for chart, files := range j.cfg.Helm.Values {
			// Relative to the configuration file, as in check.
			cp, err := repoPath(path.Join(path.Dir(cfgPath), filepath.ToSlash(chart)))
			if err != nil {
				return nil, fmt.Errorf("%s helm.values: %w", cfgPath, err)
			}
			for _, f := range files {
				vp, err := repoPath(path.Join(path.Dir(cfgPath), filepath.ToSlash(f)))
				if err != nil {
					return nil, fmt.Errorf("%s helm.values: %w", cfgPath, err)
				}
				j.helmValues[cp] = append(j.helmValues[cp], vp)
			}
		}
	}
	if wf := j.cfg.Waivers.File; wf != "" {
		wp, err := repoPath(wf)
		if err != nil {
			return nil, fmt.Errorf("%s waivers.file: %w", cfgPath, err)
		}
		j.owned = append(j.owned, wp)
		b, err := repo.Show(ctx, base, wp)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if j.cfg.Waivers.FileSet {
				return nil, fmt.Errorf("the waivers file %s (waivers.file in %s) does not exist at the base commit %s", wp, cfgPath, shortSHA(base))
			}
		case err != nil:
			return nil, fmt.Errorf("waivers %s: %w", wp, err)
		default:
			if j.waivers, err = gate.ParseWaivers(wp, b); err != nil {
				return nil, fmt.Errorf("waivers at the base commit %s: %w", shortSHA(base), err)
			}
		}
	}
	return j, nil
}

// hasCommit reports whether the clone holds rev as a commit (listing one
// path of it, which fails for an unknown revision).
func hasCommit(ctx context.Context, repo *git.Repo, rev, probe string) bool {
	_, err := repo.Files(ctx, rev, probe)
	return err == nil
}

// extract copies the file or directory p of commit rev into dir and
// returns the copy's path.
func extract(ctx context.Context, repo *git.Repo, rev, p, dir string) (string, error) {
	files, err := repo.Files(ctx, rev, p)
	if err != nil {
		return "", err
	}
	if len(files) == 0 {
		return "", fmt.Errorf("does not exist at the base commit %s (a pull request cannot bring its own policies: merge them first)", shortSHA(rev))
	}
	for _, f := range files {
		b, err := repo.Show(ctx, rev, f)
		if err != nil {
			return "", err
		}
		dst := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, filepath.FromSlash(p)), nil
}

// repoPath cleans a path relative to the repository root.
func repoPath(p string) (string, error) {
	s := path.Clean(filepath.ToSlash(p))
	if p == "" || s == "." || path.IsAbs(s) || s == ".." || strings.HasPrefix(s, "../") {
		return "", fmt.Errorf("%q must be a path inside the repository, relative to its root", p)
	}
	return s, nil
}

// publication builds what is published: check run, comment, job summary.
func (r *gateRun) publication(ctx context.Context, verdict string) github.Publication {
	o, rep := r.o, r.rep
	title := r.title(verdict)
	pub := github.Publication{
		Repo: r.ev.Repo, HeadSHA: r.ev.HeadSHA, Number: r.ev.Number, Name: o.CheckName,
		Mode: github.Mode(o.Report), Conclusion: github.ConclusionSuccess, CouldNotEvaluate: verdict == verdictError,
		Title: title, CheckRun: r.checkRun, DetailsURL: r.detailsURL(), StepSummaryPath: r.env.StepSummary,
		MaxAnnotations: o.MaxAnnotations,
	}
	if o.MaxAnnotations == 0 {
		pub.MaxAnnotations = -1
	}
	if verdict != verdictPass {
		pub.Conclusion = github.ConclusionFailure
	}
	approvals := r.approvalSection()
	next := r.extraNotes() + r.nextSteps(verdict)
	pub.Summary = r.summary(verdict) + "\n\n" + approvals + next
	if verdict != verdictError && len(rep.Findings) > 0 {
		pub.Text = reporters.MarkdownBody(rep, reporters.MarkdownOptions{MaxLength: github.MaxOutputText})
	}
	pub.Annotations = r.annotations()

	icon := map[string]string{verdictPass: "✅", verdictFail: "❌", verdictNeedsApproval: "⏳", verdictError: "⚠️"}[verdict]
	heading := "### " + icon + " " + reporters.EscapeMarkdown(o.CheckName) + ": " + reporters.EscapeMarkdown(title)
	tail := "\n" + approvals + next + "\n\n<sub>Commit " + shortSHA(r.ev.HeadSHA) + " · changes from " + r.source + "</sub>\n"
	body := func(max int) string {
		if verdict == verdictError {
			return heading + "\n\n" + r.summary(verdict) + "\n"
		}
		return reporters.MarkdownBody(rep, reporters.MarkdownOptions{Heading: heading, MaxLength: max - len(tail)})
	}
	pub.StepSummary = body(github.MaxStepSummary/2) + tail
	switch {
	case r.ev.Name == github.EventMergeGroup:
		// The merge queue's run reports on its own commit; the pull
		// request's comment belongs to the pull request's runs.
	case len(rep.Findings) > 0 || verdict != verdictPass || approvals != "":
		pub.Comment = body(github.MaxCommentBody-200) + tail
	case r.ev.Number > 0:
		// Nothing to report: update an earlier comment to say so, but do
		// not add a new one.
		if cm, err := r.client.FindComment(ctx, r.ev.Repo, r.ev.Number, o.CheckName); err == nil && cm != nil {
			pub.Comment = heading + "\n\nAll clear: nothing blocks this pull request at commit " + shortSHA(r.ev.HeadSHA) + ".\n"
		}
	}
	return pub
}

// approvalSection is the decision's approval section (Markdown), when
// there is something to say about approvals, waivers or enforcement.
func (r *gateRun) approvalSection() string {
	v := r.decision
	if v == nil || (v.Outcome == gate.Pass && len(v.Requirements) == 0 && v.Waived == 0 && v.Expired == 0) {
		return ""
	}
	return v.Markdown() + "\n"
}

// title is the verdict in words.
func (r *gateRun) title(verdict string) string {
	switch {
	case verdict == verdictError:
		return "Could not evaluate"
	case r.files == 0 && verdict == verdictPass && len(r.rep.Findings) == 0:
		return "Passed: nothing to check"
	case r.decision != nil:
		return r.decision.Title
	}
	return verdict
}

// summary is the counts (Markdown, trusted text only).
func (r *gateRun) summary(verdict string) string {
	if verdict == verdictError {
		return "infragate could not evaluate this pull request, so it cannot pass: " + reporters.EscapeMarkdown(r.failure)
	}
	s := r.rep.Summary
	if r.files == 0 {
		return fmt.Sprintf("This pull request changes no file infragate evaluates (%s changed): nothing to check.", plural(len(r.changes), "file"))
	}
	line := fmt.Sprintf("Evaluated %s changed by this pull request: **%d blocking**, %s, %s",
		plural(r.files, "file"), s.Blocking, plural(s.Failures, "failure"), plural(s.Warnings, "warning"))
	if s.Errors > 0 {
		line += ", " + plural(s.Errors, "error")
	}
	if s.Waived > 0 {
		line += fmt.Sprintf(", %d waived", s.Waived)
	}
	if s.Suppressed > 0 {
		line += fmt.Sprintf(", %d suppressed by the baseline", s.Suppressed)
	}
	return line + "."
}

// extraNotes are the notes about the judge and the change, as Markdown.
func (r *gateRun) extraNotes() string {
	var b strings.Builder
	if j := r.judge; j != nil {
		if len(j.changed) > 0 {
			b.WriteString("**This pull request changes the policies or configuration that judge it.** It was evaluated with the versions of the base commit; the change itself needs the policy owners' approval:\n")
			for _, p := range j.changed {
				b.WriteString("- " + reporters.EscapeMarkdown(p) + "\n")
			}
			b.WriteString("\n")
		}
		for _, n := range j.notes {
			b.WriteString(n + "\n\n")
		}
	}
	for _, n := range r.notes {
		b.WriteString(n + "\n\n")
	}
	return b.String()
}

// nextSteps says what to do next.
func (r *gateRun) nextSteps(verdict string) string {
	switch verdict {
	case verdictError:
		return "**What to do:** fix the problem above (see the job log) and re-run the job; the check stays failed until infragate can evaluate the change."
	case verdictFail:
		return "**What to do:** fix the blocking findings (each is annotated on its line) and push; the check runs again on every push."
	case verdictNeedsApproval:
		return "**What to do:** fix the findings, or get the approvals listed above on the latest commit; an approval re-runs the check."
	}
	return "Nothing blocks this pull request."
}

// annotations places findings in files the pull request changes.
func (r *gateRun) annotations() []github.Annotation {
	var out []github.Annotation
	for _, f := range r.inPR().Findings {
		if f.File == "" {
			continue
		}
		level := github.LevelNotice
		switch {
		case f.Blocking:
			level = github.LevelFailure
		case f.Level == engine.LevelWarning && f.Waiver == nil:
			level = github.LevelWarning
		}
		id := f.ID
		if id == "" {
			id = f.Rule
		}
		title := "[" + id + "]"
		if f.Title != "" {
			title += " " + f.Title
		}
		msg := f.Message
		if f.Note != "" {
			msg += "\n" + f.Note
		}
		out = append(out, github.Annotation{Path: f.File, StartLine: f.StartLine, EndLine: f.EndLine,
			Level: level, Title: title, Message: msg})
	}
	return out
}

// plural is "1 file", "2 files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
