package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/infragate/infragate/baseline"
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
	return nil
}
