package cmd

import (
	"fmt"
	"runtime/debug"

	"github.com/open-policy-agent/opa/v1/version"
	"github.com/spf13/cobra"
)

// NewCmdVersion prints infragate's version and the OPA version it embeds.
func NewCmdVersion(stdio IO, v Version) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			ver := resolveVersion(v)
			fmt.Fprintf(stdio.Out, "infragate %s\nopa %s\n", ver.Version, version.Version)
			return nil
		},
	}
}

// resolveVersion fills in the version from build information when main did
// not set one (go install, go run).
func resolveVersion(v Version) Version {
	if v.Version != "" {
		return v
	}
	v.Version = "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v.Version = bi.Main.Version
	}
	return v
}
