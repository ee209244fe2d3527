package cmd

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/inputs"
)

// TestInlineWaiversReadOnce checks that the files the engine read are not
// read again for inline waivers unless their bytes hold the marker, and
// that a file with the marker still is.
func TestInlineWaiversReadOnce(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	plain := "a: 1\n"
	waived := "# infragate:ignore deny-a accepted for the test\na: 1\n"
	if err := os.WriteFile("plain.yaml", []byte(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("waived.yaml", []byte(waived), 0o644); err != nil {
		t.Fatal(err)
	}
	policy := writeFile(t, filepath.Join(t.TempDir(), "p.rego"), "package main\n\ndeny contains \"a\" if input.a\n")
	o := &CheckOptions{
		IO:       IO{Out: io.Discard, ErrOut: io.Discard},
		Paths:    []string{"plain.yaml", "waived.yaml", "other.yaml"},
		Policies: []string{policy},
		Timeout:  time.Minute,
	}
	if err := os.WriteFile("other.yaml", []byte("b: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := evaluate(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Failures != 2 {
		t.Fatalf("failures = %d, want 2", rep.Summary.Failures)
	}
	// The files change on disk after evaluation: what the engine read decides.
	if err := os.WriteFile("plain.yaml", []byte(waived), 0o644); err != nil {
		t.Fatal(err)
	}
	if src, err := o.readReported("plain.yaml"); err != nil || len(src) != 0 {
		t.Errorf("plain.yaml read again: %q, %v", src, err)
	}
	if src, err := o.readReported("waived.yaml"); err != nil || string(src) != waived {
		t.Errorf("waived.yaml = %q, %v; want its bytes", src, err)
	}
	// A file the engine did not read (a plan's .tf source) is read.
	if err := os.WriteFile("main.tf", []byte(waived), 0o644); err != nil {
		t.Fatal(err)
	}
	if src, err := o.readReported("main.tf"); err != nil || string(src) != waived {
		t.Errorf("main.tf = %q, %v; want its bytes", src, err)
	}
}

func writeFile(t *testing.T, name, src string) string {
	t.Helper()
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(name)
}

// A skipped path is a warning that does not block, but for an unreadable
// directory, which is a blocking error as an unreadable file is.
func TestAddSkipped(t *testing.T) {
	rep := &engine.Report{}
	addSkipped(rep, []inputs.Skipped{
		{Name: "link.yaml", Reason: "broken or looping symbolic link"},
		{Name: "infra", Reason: "cannot read the directory: permission denied", Unreadable: true},
	})
	if len(rep.Findings) != 2 {
		t.Fatalf("findings %+v, want two", rep.Findings)
	}
	if f := rep.Findings[0]; f.Level != engine.LevelWarning || f.Blocking {
		t.Errorf("skipped link: %+v, want a warning that does not block", f)
	}
	if f := rep.Findings[1]; f.Level != engine.LevelFailure || f.ID != engine.IDParseError || !f.Blocking || f.File != "infra" {
		t.Errorf("unreadable directory: %+v, want a blocking error on infra", f)
	}
}

// gitAbove finds a .git at or above a directory, so that files outside
// every repository never start git; its memo answers again without a stat.
func TestGitAbove(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"repo/.git", "repo/a/b", "plain/c"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	memo := map[string]bool{}
	if !gitAbove(filepath.Join(dir, "repo", "a", "b"), memo) {
		t.Error("repo/a/b: no .git found above it")
	}
	if !memo[filepath.Join(dir, "repo", "a")] {
		t.Error("repo/a is not remembered as inside a repository")
	}
	if gitAbove(filepath.Join(dir, "plain", "c"), memo) && !gitAbove(dir, map[string]bool{}) {
		t.Error("plain/c: a .git found above it")
	}
	// The memo answers without looking at the disk.
	memo[filepath.Join(dir, "plain", "c")] = true
	if !gitAbove(filepath.Join(dir, "plain", "c"), memo) {
		t.Error("the memo was not used")
	}
}
