package cmd

import (
	"os"
	"slices"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

// providerScanMax is the largest named file read to find the Terraform
// providers it uses: a larger one costs more to parse twice than the
// rules it could leave out cost to compile.
const providerScanMax = 1 << 20

// neededProviders narrows the built-in Terraform rules a check of a
// handful of named files compiles (engine.Options.Needed) to the
// providers their Terraform documents use (policies.Provider): a merge
// request that touches one Azure file does not compile the AWS and Google
// rules. The named files of the Terraform rules' formats (HCL and JSON,
// or all of them with parser) are read and parsed here, as the check will
// parse them. It returns nil, and every provider's rules are compiled,
// when it cannot tell (standard input, a file it cannot read or parse, or
// a large one) and as soon as the files use every provider.
func neededProviders(paths []string, parser string) func(pkg string) bool {
	uses := map[string]bool{}
	reg := parsers.Default()
	for _, p := range paths {
		format := parsers.Format(parser)
		if format == "" {
			format, _ = parsers.DetectFormat(p)
		}
		if format != parsers.HCL && format != parsers.JSON {
			continue
		}
		if p == "-" {
			return nil
		}
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() || st.Size() > providerScanMax {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		docs, err := reg[format].Parse(p, src)
		if err != nil {
			return nil
		}
		for _, d := range docs {
			for _, name := range policies.TerraformProviders(d.Value) {
				uses[name] = true
			}
		}
		if !slices.ContainsFunc(policies.Providers(), func(p string) bool { return !uses[p] }) {
			return nil // every provider is used: nothing to leave out
		}
	}
	return func(pkg string) bool {
		p := policies.Provider(pkg)
		return p == "" || uses[p]
	}
}
