package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/spf13/cobra"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
	"github.com/infragate/infragate/reporters"
)

// TestOptions are the inputs of `infragate test`.
type TestOptions struct {
	IO    IO
	Paths []string
	// Policies are --policy paths (conftest verify's -p), evaluated with
	// Paths.
	Policies []string
	Data     []string
	Builtin  bool
	Run      string
	Coverage bool
	// Outputs are -o specs: a format (text, json, junit), or format=file.
	Outputs     []string
	Timeout     time.Duration
	RegoVersion string
	Verbose     bool
	// Namespaces are -n package globs: only their tests run (conftest
	// verify --namespace).
	Namespaces []string
	// Strict compiles the policies in OPA's strict mode (conftest verify
	// --strict).
	Strict bool
}

// NewCmdTest builds `infragate test`: run Rego unit tests.
func NewCmdTest(stdio IO, runF func(context.Context, *TestOptions) error) *cobra.Command {
	opts := &TestOptions{IO: stdio}
	c := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run Rego unit tests (test_ rules in *_test.rego)",
		Long: `Run the test_ rules of policy files, as opa test and conftest verify do.

PATH is a policy file or directory; -p/--policy names more, as conftest
verify does (default, with neither: ./policy if it exists, else ".").
-d/--data merges JSON or YAML files into data, as in check; -n/--namespace
runs only the tests of the packages it matches, as conftest verify's does.
conftest's parse_config, parse_config_file and parse_combined_config_files
builtins are available, so conftest verify suites run unchanged. --builtin
runs the built-in library's own tests.

Exit codes: 0 all passed, 1 a test failed, 2 a policy does not compile.`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			for _, spec := range opts.Outputs {
				if _, _, err := parseTestOutput(spec); err != nil {
					return &usageError{err}
				}
			}
			opts.Policies, opts.Data, opts.Namespaces = splitCommas(opts.Policies), splitCommas(opts.Data), splitCommas(opts.Namespaces)
			if opts.Timeout <= 0 {
				return &usageError{fmt.Errorf("--timeout must be positive")}
			}
			if opts.RegoVersion != "v0" && opts.RegoVersion != "v1" {
				return &usageError{fmt.Errorf("--rego-version must be v0 or v1, not %q", opts.RegoVersion)}
			}
			if _, err := regexp.Compile(opts.Run); err != nil {
				return &usageError{fmt.Errorf("--run: %w", err)}
			}
			for _, g := range opts.Namespaces {
				if _, err := path.Match(g, ""); err != nil {
					return &usageError{fmt.Errorf("--namespace %q: %w", g, err)}
				}
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runTest(c.Context(), opts)
		},
	}
	f := c.Flags()
	f.StringArrayVarP(&opts.Policies, "policy", "p", nil, "policy file or directory with tests (repeatable; with the PATH arguments)")
	f.StringArrayVarP(&opts.Data, "data", "d", nil, "JSON or YAML data file or directory, placed in data as conftest places it (repeatable)")
	f.BoolVar(&opts.Builtin, "builtin", false, "run the built-in library's tests too")
	f.StringVar(&opts.Run, "run", "", "only run tests whose package.name (main.test_x; or data.main.test_x, as opa test) matches this regular expression")
	f.BoolVar(&opts.Coverage, "coverage", false, "report line coverage per file and in total, with uncovered lines")
	f.StringArrayVarP(&opts.Outputs, "output", "o", []string{"text"}, "output format, or format=file (repeatable): text, json, junit")
	f.DurationVar(&opts.Timeout, "timeout", engine.DefaultTimeout, "deadline for each test")
	f.StringVar(&opts.RegoVersion, "rego-version", "v1", "Rego syntax of your policies: v0 or v1")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "list passing tests too, with their print() output and cases")
	f.StringArrayVarP(&opts.Namespaces, "namespace", "n", nil, "only run the tests of packages matching this glob (repeatable; default: every package, as conftest verify)")
	f.BoolVar(&opts.Strict, "strict", false, "compile the policies in OPA's strict mode (unused variables and imports, deprecated builtins are errors)")
	// conftest verify's flags for what infragate test always does.
	f.Bool("no-color", false, "accepted for conftest: test output has no colour")
	f.Bool("quiet", false, "accepted for conftest: passing tests are listed only with -v")
	f.Bool("show-builtin-errors", true, "accepted for conftest: a builtin error is always an error of its test")
	return c
}

func runTest(ctx context.Context, o *TestOptions) error {
	to := engine.TestOptions{
		Paths:       append(slices.Clip(o.Paths), o.Policies...),
		Data:        o.Data,
		Run:         o.Run,
		Coverage:    o.Coverage,
		Timeout:     o.Timeout,
		Parsers:     parsers.Default(),
		RegoVersion: ast.RegoV1,
		Namespaces:  o.Namespaces,
		Strict:      o.Strict,
	}
	if o.RegoVersion == "v0" {
		to.RegoVersion = ast.RegoV0
	}
	if o.Builtin {
		to.Builtin = policies.FS()
	}
	if len(to.Paths) == 0 && !o.Builtin {
		to.Paths = []string{"."}
		if st, err := os.Stat("policy"); err == nil && st.IsDir() {
			to.Paths = []string{"policy"}
		}
	}
	rep, err := engine.RunTests(ctx, to)
	if err != nil {
		return err
	}
	if len(rep.Results) == 0 {
		return fmt.Errorf("no tests found (test_ rules in *_test.rego files)")
	}
	if err := o.write(rep); err != nil {
		return err
	}
	if rep.Failed() > 0 {
		return &ExitError{Code: ExitBlocking}
	}
	return nil
}

// parseTestOutput reads one -o spec of test: format or format=file.
// conftest's name for text, stdout, is text.
func parseTestOutput(spec string) (format, file string, err error) {
	format, file, hasFile := strings.Cut(spec, "=")
	switch format {
	case "stdout":
		format = "text"
	case "text", "json", "junit":
	default:
		return "", "", fmt.Errorf("unknown output format %q (known: json, junit, text)", format)
	}
	if hasFile && file == "" {
		return "", "", fmt.Errorf("output %q: missing file name after '='", spec)
	}
	return format, file, nil
}

// write renders every -o output, in order; outputs naming the same file
// are all written to it.
func (o *TestOptions) write(rep *engine.TestReport) (err error) {
	var files outputFiles
	defer func() {
		if cerr := files.close(); err == nil {
			err = cerr
		}
	}()
	for _, spec := range o.Outputs {
		format, file, err := parseTestOutput(spec)
		if err != nil {
			return err
		}
		w := o.IO.Out
		if file != "" {
			fh, err := files.get(file)
			if err != nil {
				return err
			}
			w = fh
		}
		switch format {
		case "json":
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			if err := enc.Encode(rep); err != nil {
				return err
			}
		case "junit":
			if err := reporters.JUnitTests(w, rep.Results); err != nil {
				return err
			}
		default:
			writeTestText(w, rep, o.Verbose)
		}
	}
	return nil
}

func writeTestText(w io.Writer, rep *engine.TestReport, verbose bool) {
	passed, failed, errored, skipped := 0, 0, 0, 0
	for _, r := range rep.Results {
		status := "PASS"
		switch {
		case r.Error != "":
			status = "ERROR"
			errored++
		case r.Fail:
			status = "FAIL"
			failed++
		case r.Skip:
			status = "SKIP"
			skipped++
		default:
			passed++
		}
		if status == "PASS" && !verbose {
			continue
		}
		fmt.Fprintf(w, "%s %s:%d: %s.%s (%s)\n", status, r.File, r.Line, r.Package, r.Name, r.Duration.Round(1000))
		if r.Error != "" {
			fmt.Fprintf(w, "    %s\n", r.Error)
		}
		if out := strings.TrimRight(r.Output, "\n"); out != "" {
			fmt.Fprintf(w, "    output: %s\n", strings.ReplaceAll(out, "\n", "\n            "))
		}
		for _, c := range r.Cases {
			if c.Fail {
				fmt.Fprintf(w, "    case %s: FAIL\n", c.Name)
			} else if verbose {
				fmt.Fprintf(w, "    case %s: PASS\n", c.Name)
			}
		}
	}
	if cov := rep.Coverage; cov != nil {
		fmt.Fprintln(w, "coverage:")
		for _, f := range cov.Files {
			fmt.Fprintf(w, "  %6.1f%%  %s", f.Coverage, f.File)
			for i, u := range f.Uncovered {
				if i == 0 {
					fmt.Fprint(w, "  uncovered:")
				}
				if u[0] == u[1] {
					fmt.Fprintf(w, " %d", u[0])
				} else {
					fmt.Fprintf(w, " %d-%d", u[0], u[1])
				}
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "  %6.1f%%  total (%d of %d lines)\n", cov.Coverage, cov.Covered, cov.Covered+cov.NotCovered)
	}
	// As opa test and JUnit count them: a test that could not be evaluated
	// is not a test whose assertion failed.
	fmt.Fprintf(w, "tests: %d passed, %d failed, %d errored, %d skipped\n", passed, failed, errored, skipped)
}
