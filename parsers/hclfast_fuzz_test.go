package parsers

import (
	"testing"
)

// FuzzHCLFast checks the fast HCL path against hclsyntax: whenever the
// fast path accepts an input, hclsyntax must accept it too and give the
// same value and source map. Seeds live in testdata/fuzz/FuzzHCLFast.
func FuzzHCLFast(f *testing.F) {
	for _, s := range []string{
		"a = 1\n",
		"resource \"a\" \"b\" {\n  x = [1, {y = var.z}]\n  tags = { \"k\" = \"v\" }\n}\n",
		"a = \"x-${b}-${f(c, [1])}\"\n",
		"a = <<-EOT\n    x ${y}\n\n  z\n  EOT\n",
		"a = {for k, v in m : k => v if v != null}\n",
		"a = x[*].y.0\nb = x.*.z\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, diff := compareFast(src); diff != "" {
			t.Fatalf("%q\n%s", src, diff)
		}
	})
}
