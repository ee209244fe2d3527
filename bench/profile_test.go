package bench_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/infragate/infragate/cmd"
)

// BenchmarkScan runs `infragate check` in process over a file list of the
// real-world corpus, for CPU and memory profiles of the full scan:
//
//	INFRAGATE_CORPUS=$TMPDIR/corpus/realworld INFRAGATE_BENCH_LIST=../../shared/bench/tf.txt \
//	  INFRAGATE_BENCH_POLICY=../../shared/bench/policy \
//	  go test ./bench -run '^$' -bench Scan -benchtime 1x -cpuprofile cpu.out -memprofile mem.out
//
// Without INFRAGATE_BENCH_POLICY it runs the built-in library. Kustomizations
// are read as plain YAML, as in scripts/bench.sh's scan. It is skipped unless
// the corpus is given; it asserts nothing about time.
func BenchmarkScan(b *testing.B) {
	root := os.Getenv("INFRAGATE_CORPUS")
	list := os.Getenv("INFRAGATE_BENCH_LIST")
	if root == "" || list == "" {
		b.Skip("set INFRAGATE_CORPUS and INFRAGATE_BENCH_LIST")
	}
	list, err := filepath.Abs(list)
	if err != nil {
		b.Fatal(err)
	}
	args := []string{"check", "--no-cache", "--kustomize=false", "-o", "json", "--files-from", list}
	if p := os.Getenv("INFRAGATE_BENCH_POLICY"); p != "" {
		p, _ = filepath.Abs(p)
		args = append(args, "-p", p)
	}
	b.Chdir(root)
	for b.Loop() {
		code := cmd.Main(context.Background(), args, cmd.IO{Out: io.Discard, ErrOut: os.Stderr, Getenv: func(string) string { return "" }}, cmd.Version{})
		if code > 1 {
			b.Fatalf("exit %d", code)
		}
	}
}
