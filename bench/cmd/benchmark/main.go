// Command benchmark measures infragate over the shared corpus and prints
// every figure of docs/performance.md in one run. scripts/bench.sh builds
// infragate and calls it; run it directly as
//
//	go run ./bench/cmd/benchmark -infragate BIN -corpus DIR -lists DIR [-conftest BIN] [-sections scan,mr]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/infragate/infragate/bench"
)

func main() {
	bench.SpawnMain()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchmark:", err)
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("benchmark", flag.ContinueOnError)
	var cfg bench.Config
	var lists, sections, factors, all string
	fs.StringVar(&cfg.Infragate, "infragate", "", "infragate binary (required)")
	fs.StringVar(&cfg.Conftest, "conftest", os.Getenv("CONFTEST"), "conftest binary (default $CONFTEST, else conftest on PATH)")
	fs.StringVar(&cfg.Corpus, "corpus", "", "corpus root (required)")
	fs.StringVar(&lists, "lists", "", "directory with tf.txt, k8s.txt and policy/ (required)")
	fs.StringVar(&all, "all", "", "list of every corpus file for the built-in library section (default: from the corpus INDEX.tsv)")
	fs.StringVar(&sections, "sections", strings.Join(bench.Sections, ","), "sections to run")
	fs.StringVar(&factors, "scale", "1,2,4,8", "scale factors")
	fs.IntVar(&cfg.LargeYAML, "large-yaml", 50_000_000, "size of the generated multi-document YAML, bytes")
	fs.IntVar(&cfg.LargePlan, "large-plan", 100_000_000, "size of the generated plan JSON, bytes")
	fs.IntVar(&cfg.ScanRuns, "scan-runs", 3, "runs of each scan set (the median is reported)")
	fs.IntVar(&cfg.ScaleRuns, "scale-runs", 3, "runs of each scale factor (the median is reported)")
	fs.IntVar(&cfg.MRRuns, "mr-runs", 5, "runs of each merge-request-sized check")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.Infragate == "" || cfg.Corpus == "" || lists == "" {
		fs.Usage()
		return fmt.Errorf("-infragate, -corpus and -lists are required")
	}
	if cfg.Conftest == "" {
		if p, err := exec.LookPath("conftest"); err == nil {
			cfg.Conftest = p
		}
	}
	var err error
	if cfg.Infragate, err = filepath.Abs(cfg.Infragate); err != nil {
		return err
	}
	if cfg.Corpus, err = filepath.Abs(cfg.Corpus); err != nil {
		return err
	}
	if cfg.Policy, err = filepath.Abs(filepath.Join(lists, "policy")); err != nil {
		return err
	}
	for _, n := range []string{"tf", "k8s"} {
		cfg.Sets = append(cfg.Sets, bench.Set{Name: n, List: filepath.Join(lists, n+".txt")})
	}
	cfg.Sections = strings.Split(sections, ",")
	for _, f := range strings.Split(factors, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-scale: bad factor %q", f)
		}
		cfg.ScaleFactors = append(cfg.ScaleFactors, n)
	}
	if all == "" {
		tmp, err := os.MkdirTemp("", "infragate-bench-all-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if all, err = bench.ListFromIndex(filepath.Join(cfg.Corpus, "INDEX.tsv"), tmp); err != nil {
			return err
		}
	}
	cfg.All = all
	return bench.Run(ctx, cfg, os.Stdout)
}
