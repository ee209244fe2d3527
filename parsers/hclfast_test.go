package parsers

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// compareFast runs the fast path and the hclsyntax path on src. It reports
// whether the fast path accepted src and, if it did, how its output differs
// from the slow path's ("" when identical, or when the slow path fails).
func compareFast(src []byte) (accepted bool, diff string) {
	src = stripBOM(src)
	last := lineCount(src)
	fv, fsm, ok := parseHCLFast("f.tf", src, last)
	if !ok {
		return false, ""
	}
	sv, ssm, err := parseHCLSlow("f.tf", src, last)
	if err != nil {
		return true, "fast path accepted input hclsyntax rejects: " + err.Error()
	}
	// reflect.DeepEqual decides (go-cmp is slow on deep nesting); go-cmp
	// only explains a difference.
	if !reflect.DeepEqual(sv, fv) {
		return true, "value (-slow +fast):\n" + cmp.Diff(sv, fv)
	}
	if se, fe := ssm.Entries(), fsm.Entries(); !reflect.DeepEqual(se, fe) {
		return true, "source map (-slow +fast):\n" + cmp.Diff(se, fe)
	}
	return true, ""
}

func TestHCLFastTable(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		accept bool // whether the fast path must accept (else it must bail)
	}{
		// accepted constructs
		{"attrs", "a = 1\nb = \"x\"\nc = true\nd = false\ne = null\n", true},
		{"numbers", "a = 1.50\nb = 1e3\nc = 007\nd = 0\ne = 12345678901234567890123\nf = 2.5E-3\ng = -0\nh = -1.5\n", true},
		{"no final newline", "a = 1", true},
		{"blank lines and comments", "\n\n# c\n// d\n/* e\n f */ a = 1 # x\nb = 2 // y\n/* z */\n", true},
		{"tabs", "a\t=\t1\nb {\n\tc = [\t1 ]\n}\n", true},
		{"traversals", "a = var.x\nb = aws_s3_bucket.b[0].id\nc = x.y[*].z\nd = x.*.y.0\ne = x.0.y\nf = x[\"k\"]\ng = x[var.i + 1]\n", true},
		{"dash names", "a-b = c-d.e-f\nx = a - 1\ny = a -1\n", true},
		{"operators", "a = 1 + 2 * 3\nb = x == y && !z || w != 2\nc = a >= b\nd = a <= b\ne = a < b\nf = a > b\ng = a % 2 / 3\nh = -x\ni = --1\n", true},
		{"conditional", "a = x ? 1 : 2\nb = x ? y ? 1 : 2 : [3]\n", true},
		{"calls", "a = f()\nb = merge(x, {a = 1}, [y]...)\nc = f(\n  1,\n  2,\n)\nd = f(x)[0]\n", true},
		{"parens", "a = (1)\nb = (x\n + y)\nc = (a ? b : c).d\n", true},
		{"strings", `a = "x\ny\t\"\\"` + "\n" + `b = ""` + "\nc = \"50% $x $\"\n", true},
		{"templates", "a = \"${x}\"\nb = \"x-${y}-z\"\nc = \"${ x }${y}\"\nd = \"${1}\"\ne = \"${[1, {a = 2}]}\"\nf = \"${-1}\"\ng = \"${\"q\"}\"\nh = \"a${[1]}\"\n", true},
		{"template in expr", "a = \"x\" == var.y\nb = f(\"${a}b\")\n", true},
		{"tuples", "a = []\nb = [1, \"x\", [2], {}]\nc = [\n  1, # one\n  2,\n]\n", true},
		{"objects", "a = {}\nb = {x = 1, y: 2}\nc = {\n  \"k\" = [1]\n  \"${p}-q\" = 2\n  r = {s = 3}\n}\nd = {a = 1, a = [2]}\ne = { # c\n  x = 1 // d\n}\n", true},
		{"for", "a = [for x in y : x.z if x != null]\nb = {for k, v in m : k => v...}\nc = [\n  for x in y:\n  x\n]\nd = {for x in y : x => x if x}\n", true},
		{"blocks", "resource \"a\" \"b\" {\n  x = 1\n  tag {\n    k = \"v\"\n  }\n  tag {\n  }\n}\nresource \"a\" \"c\" {\n}\nresource a d {}\nlocals {}\nx { y = 1 }\nz { }\n", true},
		{"label escapes", "b \"a\\\"b\" \"c/d~e\" {\n}\n", true},
		{"block after attr", "a = 1\nb {\n}\n", true},
		{"comment after brace", "b { # x\n  a = 1\n}\n", true},
		{"comment inside expr", "a = [ /* c */ 1,\n # d\n 2]\nb = f(/* x */)\n", true},
		{"splat full", "a = x[*]\nb = x[*].y[0].z\nc = x[*][0]\n", true},
		{"newline in index", "a = x[\n1\n]\n", true},
		{"multi-line interpolation", "a = \"${\nx\n}\"\nb = \"p${f(\n1)}\"\n", true},

		{"heredoc", "a = <<EOT\nx\n  y $ % $$x\n\nEOT\nb = 1\n", true},
		{"heredoc empty", "a = <<EOT\nEOT\n", true},
		{"heredoc marker spaces", "a = <<EOT\nx\n  EOT  \n", true},
		{"heredoc at end", "a = <<EOT\nx\nEOT\n", true},
		{"heredoc interp", "a = <<EOT\n${x} and ${f(y)}-z\n  ${w}\nEOT\n", true},
		{"heredoc flush", "a = <<-EOT\n    x\n\n      y ${z}\n   \n  \tw\n    EOT\n", true},
		{"heredoc flush interp first", "a = <<-EOT\n    x\n${y}\nEOT\n", true},
		{"heredoc flush blank only", "a = <<-EOT\n  \n\nEOT\n", true},
		{"heredoc in call", "a = jsonencode(<<EOT\n{}\nEOT\n)\nb = [<<EOT\nx\nEOT\n, 1]\n", true},
		{"heredoc marker in text", "a = <<EOT\nEOTX\nx EOT\n${x}EOT\nEOT\n", true},
		{"keys", "a = {\n  b.c = 1\n  1 = 2\n  1.50 = 3\n  true = 4\n  null = 5\n  null.x = 6\n  (k) = 7\n  (k.l + 1) : 8\n}\n", true},
		{"dollars", "a = \"P@$$w0rd $$$ 100%% %%x $\"\nb \"$$x\" {\n}\n", true},

		// rejected: not handled, or invalid (hclsyntax reports the error)
		{"heredoc interp across lines", "a = <<EOT\n${f(\n1)}\nEOT\n", false},
		{"heredoc unterminated", "a = <<EOT\nx\n", false},
		{"heredoc marker at eof", "a = <<EOT\nx\nEOT", false},
		{"heredoc space after intro", "a = <<EOT \nx\nEOT\n", false},
		{"heredoc directive", "a = <<EOT\n%{if x}y%{endif}\nEOT\n", false},
		{"heredoc escaped interp", "a = <<EOT\n$${x}\nEOT\n", false},
		{"heredoc literal interp", "a = <<EOT\n${1}\nEOT\n", false},
		{"escaped directive", "a = \"%%{x}\"\n", false},
		{"dollar at end", "a = \"$", false},
		{"directive", "a = \"%{if x}y%{endif}\"\n", false},
		{"strip marker", "a = \"${~ x}\"\n", false},
		{"escaped interp", "a = \"$${x}\"\n", false},
		{"unicode escape", "a = \"\\u00e9\"\n", false},
		{"non-ascii in line comments", "# café\na = 1 # — x\nb = [ // ü\n 1]\nc = {\n # ö\n d = 2 }\n", true},
		{"non-ascii", "a = \"é\"\n", false},
		{"non-ascii in block comment", "a = /* é */ 1\n", false},
		{"non-ascii name", "café = 1\n", false},
		{"non-ascii label", "b \"é\" {\n}\n", false},
		{"non-ascii heredoc", "a = <<EOT\né\nEOT\n", false},
		{"non-ascii outside", "a = 1 é\n", false},
		{"crlf", "a = 1\r\n", false},
		{"duplicate attr", "a = 1\na = 2\n", false},
		{"attr and block", "a = 1\na {\n}\n", false},
		{"block and attr", "a {\n}\na = 1\n", false},
		{"label count conflict", "a \"x\" {\n}\na {\n}\n", false},
		{"single-line two items", "b { x = 1, y = 2 }\n", false},
		{"single-line block in block", "b { c {} }\n", false},
		{"literal in template", "a = \"x${1}\"\n", false},
		{"conditional in template", "a = \"x${y ? 1 : 2}\"\n", false},
		{"nested template", "a = \"x${\"y\"}\"\n", false},
		{"not bool", "a = !true\n", false},
		{"negative bool", "a = -true\n", false},
		{"tuple operand", "a = [1] == x\n", false},
		{"object index", "a = {b = [1]}[\"b\"]\n", false},
		{"index key", "a = {b[0] = 1}\n", false},
		{"paren key with traversal", "a = {(b).c = 1}\n", false},
		{"call key", "a = {f(b) = 1}\n", false},
		{"namespaced call", "a = provider::p::f(1)\n", false},
		{"legacy index chain", "a = x.0.1\n", false},
		{"odd number", "a = 1.2.3\n", false},
		{"huge exponent", "a = 4E10040000\n", false},
		{"missing newline", "a = 1 b = 2\n", false},
		{"newline after equals", "a =\n1\n", false},
		{"operator before newline", "a = 1 +\n2\n", false},
		{"unclosed block", "b {\n", false},
		{"unclosed string", "a = \"x\n", false},
		{"unclosed comment", "a = 1 /* x\n", false},
		{"comma after attr", "a = 1,\n", false},
		{"brace on next line", "b\n{\n}\n", false},
		{"closing brace after attr", "b {\n a = 1 }\n", false},
		{"tuple for with key", "a = [for k, v in m : k => v]\n", false},
		{"object for without key", "a = {for v in m : v}\n", false},
		{"for in object key", "a = {for = 1}\n", false},
		{"interp label", "b \"${x}\" {\n}\n", false},
		{"bitwise", "a = x & y\n", false},
		{"semicolon", "a = 1;\n", false},
		{"quoted name", "\"a\" = 1\n", false},
		{"missing separator", "a = [1 2]\n", false},
		{"object missing separator", "a = {x = 1 y = 2}\n", false},
		{"splat star attr", "a = x.*.*\n", false},
		{"deep blocks", strings.Repeat("a {\n", 300) + strings.Repeat("}\n", 300), false},
		{"deep tuples", "a = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n", false},
		{"nested blocks", strings.Repeat("a {\n", 40) + strings.Repeat("}\n", 40), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			accepted, diff := compareFast([]byte(tt.src))
			if diff != "" {
				t.Fatal(diff)
			}
			if accepted != tt.accept {
				t.Fatalf("fast path accepted = %v, want %v", accepted, tt.accept)
			}
		})
	}
}

// TestHCLFastParse checks that Parse gives the same documents with and
// without the fast path, for accepted and rejected input alike.
func TestHCLFastParse(t *testing.T) {
	for _, src := range []string{"a = [1, {b = c}]\n", "a = <<EOT\nx\nEOT\n", "a = 1\na = 2\n", "b {\n", ""} {
		p := &HCLParser{}
		fast, ferr := p.parse("f.tf", []byte(src), true)
		slow, serr := p.parse("f.tf", []byte(src), false)
		if d := cmp.Diff(errString(serr), errString(ferr)); d != "" {
			t.Errorf("%q: errors differ (-slow +fast):\n%s", src, d)
		}
		if len(fast) != len(slow) {
			t.Fatalf("%q: %d documents, want %d", src, len(fast), len(slow))
		}
		for i := range fast {
			if d := cmp.Diff(slow[i].Value, fast[i].Value); d != "" {
				t.Errorf("%q: value differs (-slow +fast):\n%s", src, d)
			}
			if d := cmp.Diff(slow[i].Map.Entries(), fast[i].Map.Entries()); d != "" {
				t.Errorf("%q: source map differs (-slow +fast):\n%s", src, d)
			}
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestHCLFastFiles compares the fast path with hclsyntax on every HCL file
// committed in the repository and, when INFRAGATE_CORPUS names the unpacked
// real-world corpus, on every terraform/tfvars file its INDEX.tsv lists.
func TestHCLFastFiles(t *testing.T) {
	var files []string
	for _, root := range []string{"..", "testdata"} {
		_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			switch filepath.Ext(path) {
			case ".tf", ".tfvars", ".hcl":
				if strings.Contains(filepath.ToSlash(path), "/testdata/") || strings.Contains(filepath.ToSlash(path), "/examples/") ||
					strings.HasPrefix(filepath.ToSlash(path), "testdata/") {
					files = append(files, path)
				}
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatal("no HCL files found in the repository")
	}
	checkFastFiles(t, "repository", files)
	if root := os.Getenv("INFRAGATE_CORPUS"); root != "" {
		checkFastFiles(t, "corpus", corpusHCLFiles(t, root))
	}
}

func corpusHCLFiles(t *testing.T, root string) []string {
	f, err := os.Open(filepath.Join(root, "INDEX.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var files []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) >= 2 && (fields[1] == "terraform" || fields[1] == "tfvars" || fields[1] == "hcl") {
			files = append(files, filepath.Join(root, fields[0]))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("the corpus index lists no HCL files")
	}
	return files
}

func checkFastFiles(t *testing.T, set string, files []string) {
	t.Helper()
	accepted, diffs := 0, 0
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		ok, diff := compareFast(src)
		if ok {
			accepted++
		}
		if diff != "" {
			diffs++
			if diffs <= 10 {
				t.Errorf("%s: %s", name, diff)
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%s: %d of %d files differ", set, diffs, len(files))
	}
	t.Logf("%s: fast path accepted %d of %d HCL files (%.1f%%)", set, accepted, len(files), 100*float64(accepted)/float64(len(files)))
}
