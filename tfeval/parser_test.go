package tfeval

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/infragate/infragate/parsers"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func aclOf(t *testing.T, p parsers.Parser, name string, src []byte) any {
	t.Helper()
	docs, err := p.Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return docs[0].Value.(map[string]any)["resource"].(map[string]any)["b"].(map[string]any)["b"].([]any)[0].(map[string]any)["acl"]
}

func TestParser(t *testing.T) {
	dir := t.TempDir()
	mainTF := `resource "b" "b" { acl = var.acl }`
	writeFiles(t, dir, map[string]string{
		"m/main.tf":            mainTF,
		"m/vars.tf":            `variable "acl" { default = "default" }`,
		"m/terraform.tfvars":   `acl = "tfvars"`,
		"m/b.auto.tfvars":      `acl = "auto-b"`,
		"m/a.auto.tfvars.json": `{"acl": "auto-a"}`,
		"m/sub/other.tf":       `variable "acl" { default = "sub" }`,
		"prod.tfvars":          `acl = "var-file"`,
		"broken.tfvars":        `acl = `,
	})
	base := &parsers.HCLParser{}

	p, err := NewParser(base, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := aclOf(t, p, "m/main.tf", []byte(mainTF)); got != "auto-b" {
		t.Errorf("acl = %v, want the last *.auto.tfvars in lexical order", got)
	}

	p, err = NewParser(base, Options{Dir: dir, VarFiles: []string{"prod.tfvars"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := aclOf(t, p, "m/main.tf", []byte(mainTF)); got != "var-file" {
		t.Errorf("acl = %v, want the --var-file value", got)
	}

	// Content that differs from the file on disk (standard input, a file
	// from git) is evaluated as given, with the siblings from disk.
	changed := `resource "b" "b" { acl = "${var.acl}!" }`
	if got := aclOf(t, p, "m/main.tf", []byte(changed)); got != "var-file!" {
		t.Errorf("acl = %v, want the given content evaluated", got)
	}
	// A file that is not on disk at all joins its directory's module.
	if got := aclOf(t, p, "m/new.tf", []byte(mainTF)); got != "var-file" {
		t.Errorf("acl = %v for a file only in memory", got)
	}

	// Names other than .tf pass through unevaluated.
	if got := aclOf(t, p, "m/main.hcl", []byte(mainTF)); got != "${var.acl}" {
		t.Errorf("a .hcl file was evaluated: %v", got)
	}

	for _, vf := range []string{"missing.tfvars", "broken.tfvars"} {
		if _, err := NewParser(base, Options{Dir: dir, VarFiles: []string{vf}}); err == nil || !strings.Contains(err.Error(), vf[:len(vf)-len(".tfvars")]) {
			t.Errorf("var file %s: error %v, want one naming it", vf, err)
		}
	}
}

// TestParserConcurrent parses the files of two modules from many
// goroutines (the engine's workers share one Parser); run with -race.
func TestParserConcurrent(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for _, m := range []string{"one", "two"} {
		files[m+"/vars.tf"] = `variable "acl" { default = "` + m + `" }`
		files[m+"/main.tf"] = `resource "b" "b" { acl = var.acl }`
	}
	writeFiles(t, dir, files)
	p, err := NewParser(&parsers.HCLParser{}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 40)
	for i := 0; i < 40; i++ {
		m := []string{"one", "two"}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs, err := p.Parse(m+"/main.tf", []byte(files[m+"/main.tf"]))
			if err != nil {
				errs <- err.Error()
				return
			}
			got := docs[0].Value.(map[string]any)["resource"].(map[string]any)["b"].(map[string]any)["b"].([]any)[0].(map[string]any)["acl"]
			if got != m {
				errs <- m + ": got " + got.(string)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := len(p.dirs); n != 2 {
		t.Errorf("%d modules loaded, want one per directory (2)", n)
	}
}

func TestWrap(t *testing.T) {
	reg := parsers.Default()
	wrapped, err := Wrap(reg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := wrapped[parsers.HCL].(*Parser); !ok {
		t.Errorf("HCL parser is %T, want *tfeval.Parser", wrapped[parsers.HCL])
	}
	if _, ok := reg[parsers.HCL].(*Parser); ok {
		t.Error("Wrap modified the registry it was given")
	}
	if wrapped[parsers.YAML] != reg[parsers.YAML] {
		t.Error("Wrap replaced a parser other than HCL")
	}
	if _, err := Wrap(parsers.Registry{}, Options{}); err == nil {
		t.Error("Wrap without an HCL parser: no error")
	}
}
