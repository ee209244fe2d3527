package policies

import (
	"slices"
	"strings"

	"github.com/infragate/infragate/parsers"
)

// rulesPrefix is the package path under which the library's rules live,
// one family per directory: infragate.rules.<family>.<...>.
const rulesPrefix = "infragate.rules."

// familyFormats lists the file formats the documents of a rule family
// come from. JSON and YAML files are detected as such by name and hold
// several kinds of documents (Kubernetes objects, CloudFormation templates,
// Terraform JSON and plans), so every family that reads them lists them.
// ok is false for a family the library does not have.
func familyFormats(family string) (formats []parsers.Format, ok bool) {
	switch family {
	case "terraform":
		return []parsers.Format{parsers.HCL, parsers.JSON}, true
	case "kubernetes":
		return []parsers.Format{parsers.YAML, parsers.JSON}, true
	case "cloudformation":
		return []parsers.Format{parsers.YAML, parsers.JSON, parsers.CloudFormation}, true
	case "docker":
		return []parsers.Format{parsers.Dockerfile}, true
	case "workflows":
		// Workflow-shaped YAML outside .github/workflows (templates,
		// reusable assets) is checked too.
		return []parsers.Format{parsers.Workflow, parsers.YAML}, true
	case "tfplan":
		return []parsers.Format{parsers.JSON, parsers.TFPlan}, true
	}
	return nil, false
}

// Applies reports whether the rules of package pkg can match documents of
// the given file format (engine.Options.Applies). Only the library's rule
// packages are selected: any other package (a user's policy, a helper
// library) applies to every format, and so does every package for an
// unknown format.
func Applies(pkg string, format parsers.Format) bool {
	rest, ok := strings.CutPrefix(pkg, rulesPrefix)
	if !ok {
		return true
	}
	family, _, _ := strings.Cut(rest, ".")
	formats, ok := familyFormats(family)
	if !ok {
		return true
	}
	switch format {
	case parsers.HCL, parsers.YAML, parsers.JSON, parsers.TFPlan,
		parsers.CloudFormation, parsers.Dockerfile, parsers.Workflow,
		parsers.TOML, parsers.INI, parsers.Dotenv, parsers.Properties:
		return slices.Contains(formats, format)
	}
	return true
}
