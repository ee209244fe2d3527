package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infragate/infragate/baseline"
	"github.com/infragate/infragate/engine"
)

// DefaultBaselineFile is where `baseline write` writes when -o is not given.
const DefaultBaselineFile = ".infragate-baseline.json"

// NewCmdBaseline builds `infragate baseline write`.
func NewCmdBaseline(stdio IO) *cobra.Command {
	c := &cobra.Command{
		Use:   "baseline",
		Short: "Record today's findings so that only new ones block",
		Long: `A baseline lists findings to accept for now. "baseline write" records the
findings of a check; "check --baseline FILE" then suppresses them and reports
how many were suppressed. A finding is recognised by its fingerprint (rule id,
file and resource or path - never line numbers), so it survives unrelated
edits, and never matches a finding in another file or on another resource.`,
		Args: usageArgs(cobra.NoArgs),
	}
	c.AddCommand(newCmdBaselineWrite(stdio))
	return c
}

func newCmdBaselineWrite(stdio IO) *cobra.Command {
	opts := &CheckOptions{IO: stdio}
	var out string
	c := &cobra.Command{
		Use:   "write [PATH...]",
		Short: "Write the current findings to a baseline file",
		RunE: func(c *cobra.Command, args []string) error {
			opts.Paths = args
			opts.helmSet = c.Flags().Changed("helm")
			opts.kustomizeSet = c.Flags().Changed("kustomize")
			if err := opts.validate(); err != nil {
				return &usageError{err}
			}
			return runBaselineWrite(c.Context(), opts, out)
		},
	}
	addEvalFlags(c, opts)
	c.Flags().StringVarP(&out, "output", "o", DefaultBaselineFile, "baseline file to write (- for standard output)")
	return c
}

func runBaselineWrite(ctx context.Context, o *CheckOptions, out string) error {
	rep, err := evaluate(ctx, o)
	if err != nil {
		return err
	}
	if out == "-" {
		return baseline.Write(o.IO.Out, rep)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	fh, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := baseline.Write(fh, rep); err != nil {
		fh.Close()
		return err
	}
	if err := fh.Close(); err != nil {
		return err
	}
	n := len(baseline.FromReport(rep).Findings)
	fmt.Fprintf(o.IO.ErrOut, "infragate: recorded %d findings in %s\n", n, out)
	noteUnevaluated(o.IO.ErrOut, rep)
	return nil
}

// noteUnevaluated says which files of a baseline's report could not be
// evaluated (parse and evaluation errors are never recorded): the baseline
// holds none of their findings, which block once the files evaluate.
func noteUnevaluated(w io.Writer, rep *engine.Report) {
	var files []string
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		if f.IsError() && !seen[f.File] {
			seen[f.File] = true
			files = append(files, f.File)
		}
	}
	if len(files) == 0 {
		return
	}
	const shown = 10
	list := strings.Join(files[:min(len(files), shown)], ", ")
	if len(files) > shown {
		list += fmt.Sprintf(" and %d more", len(files)-shown)
	}
	fmt.Fprintf(w, "infragate: %s could not be evaluated (%s); the baseline records none of their findings, which will block once they evaluate\n",
		plural(len(files), "file"), list)
}
