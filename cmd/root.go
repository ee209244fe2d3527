// Package cmd is infragate's command line: one file per command, each with
// an Options struct, a NewCmdX constructor that parses flags into it, and a
// runX function that does the work. Main is the one place that turns errors
// into exit codes.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/infragate/infragate/reporters"
)

// Exit codes.
const (
	ExitPass     = 0 // evaluated, nothing blocking
	ExitBlocking = 1 // evaluated, blocking findings
	ExitUnknown  = 2 // could not evaluate
)

// IO carries the process's streams and environment into commands.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	Getenv func(string) string
	// IsTerminal reports whether Out is a terminal (for colour).
	IsTerminal bool
}

// ExitError carries an exit code without a message: the command already
// reported what happened (findings printed).
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// usageError is a problem with how the command was called.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// Version is the version printed by `infragate version`; main may set it
// from build information.
type Version struct {
	Version string
	Commit  string
}

// Main runs infragate with args and returns the process exit code.
func Main(ctx context.Context, args []string, stdio IO, v Version) int {
	root := NewCmdRoot(stdio, v)
	root.SetArgs(args)
	c, err := root.ExecuteContextC(ctx)
	name := root.Name()
	if c != nil {
		name = c.CommandPath()
	}
	return commandExitCode(err, stdio.ErrOut, name)
}

// exitCode maps an error to an exit code, printing it when it has a message.
func exitCode(err error, stderr io.Writer) int { return commandExitCode(err, stderr, "infragate") }

// commandExitCode is exitCode for the command (its path, "infragate
// policies") that failed: a usage error points to that command's help.
func commandExitCode(err error, stderr io.Writer, command string) int {
	if err == nil {
		return ExitPass
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	fmt.Fprintf(stderr, "infragate: %s\n", reporters.LogSafe(err.Error()))
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", command)
	}
	return ExitUnknown
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(stdio IO, v Version) *cobra.Command {
	root := &cobra.Command{
		Use:   "infragate",
		Short: "Gate infrastructure changes with policy",
		Long: `infragate evaluates Rego policies (conftest-compatible) over the infrastructure
code a change touches - Terraform, Kubernetes manifests, JSON and YAML - and
reports every finding on its exact line.

Exit codes: 0 nothing blocking, 1 blocking findings, 2 could not evaluate.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		NewCmdCheck(stdio, nil),
		NewCmdParse(stdio, nil),
		NewCmdTest(stdio, nil),
		NewCmdPolicies(stdio),
		NewCmdBaseline(stdio),
		NewCmdGate(stdio, nil),
		NewCmdVersion(stdio, v),
	)
	return root
}

// exactArgs wraps cobra's argument validators into usage errors.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := v(c, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
