// Package policies holds infragate's built-in Rego library: one module per
// rule under terraform/ and kubernetes/ (and further formats), shared helpers
// under lib/, each with *_test.rego unit tests. The files are embedded so the
// binary is useful with zero configuration.
package policies

import (
	"embed"
	"io/fs"
)

//go:embed all:lib all:terraform all:kubernetes all:tfplan all:cloudformation all:docker all:workflows
var files embed.FS

// FS returns the built-in library: Rego modules, their *_test.rego tests and
// the testdata fixtures beside them.
func FS() fs.FS { return files }
