package kustomize

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/infragate/infragate/internal/testtree"
	"github.com/infragate/infragate/parsers"
)

// BenchmarkBuildOverlay builds and places the overlay of repo() with a
// new parser each time (nothing remembered between builds): kustomize's
// build and infragate's placing of every value.
//
//	go test ./kustomize -run '^$' -bench BuildOverlay
func BenchmarkBuildOverlay(b *testing.B) {
	dir := b.TempDir()
	testtree.Write(b, dir, repo())
	name := filepath.Join(dir, "prod", "kustomization.yaml")
	src, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	yaml := parsers.Default()[parsers.YAML]
	for b.Loop() {
		docs, err := NewParser(yaml, Options{Dir: dir}).ParserFor(name).Parse(name, src)
		if err != nil || len(docs) != 3 {
			b.Fatalf("%d documents, %v", len(docs), err)
		}
	}
}
