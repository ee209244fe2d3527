package bench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/policies"
)

// Set is a named file list of the corpus, evaluated with the bench policies.
type Set struct {
	Name string
	List string // file of paths relative to Config.Corpus
}

// Sections a run can do, in the order they run.
var Sections = []string{"scan", "builtin", "scale", "mr", "large", "cache"}

// Config says what to measure.
type Config struct {
	// Infragate is the binary to run; Env is added to its environment.
	Infragate string
	Env       []string
	// Conftest is a conftest binary for side-by-side runs ("" for none).
	Conftest string
	// Corpus is the root the lists' paths are relative to.
	Corpus string
	// Sets are scanned with Policy (scan, scale and cache sections).
	Sets   []Set
	Policy string
	// All lists every corpus file, for the built-in library section.
	All string
	// Sections to run (default all).
	Sections []string
	// ScaleFactors for the scale curve (default 1, 2, 4, 8).
	ScaleFactors []int
	// LargeYAML and LargePlan are the sizes of the generated large inputs
	// in bytes (defaults 50 MB and 100 MB).
	LargeYAML, LargePlan int
	// ScanRuns is how often each scan set runs (the median is reported).
	ScanRuns int
	// ScaleRuns is how often each scale factor runs (the median is reported).
	ScaleRuns int
	// MRRuns is how often the one-file check runs (default 5).
	MRRuns int
	// Temp is where generated files go (default a new temporary directory,
	// removed afterwards).
	Temp string
	// MaxDiffs is how many differing files are listed (default 10).
	MaxDiffs int
}

func (c *Config) defaults() {
	if len(c.Sections) == 0 {
		c.Sections = Sections
	}
	if len(c.ScaleFactors) == 0 {
		c.ScaleFactors = []int{1, 2, 4, 8}
	}
	if c.LargeYAML == 0 {
		c.LargeYAML = 50_000_000
	}
	if c.LargePlan == 0 {
		c.LargePlan = 100_000_000
	}
	if c.MRRuns == 0 {
		c.MRRuns = 5
	}
	if c.MaxDiffs == 0 {
		c.MaxDiffs = 10
	}
}

// reporter prints "key: value" lines under "== section" headers.
type reporter struct {
	w   io.Writer
	err error
}

func (r *reporter) section(name string) {
	r.printf("\n== %s\n", name)
}

func (r *reporter) kv(k string, v any) { r.printf("%s: %v\n", k, v) }

func (r *reporter) printf(format string, args ...any) {
	if r.err == nil {
		_, r.err = fmt.Fprintf(r.w, format, args...)
	}
}

// Run measures what cfg asks for and prints the results to w.
func Run(ctx context.Context, cfg Config, w io.Writer) error {
	cfg.defaults()
	if cfg.Temp == "" {
		tmp, err := os.MkdirTemp("", "infragate-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		cfg.Temp = tmp
	}
	// The binary runs from a copy, as an installed binary does: the Go
	// linker writes its output through a memory map, and the page cache
	// of a file written that way maps into a process in large pieces.
	// Run straight from `go build`, infragate's peak RSS was 25-28 MB
	// higher (executable pages, not memory it allocated).
	installed, err := installCopy(cfg.Infragate, cfg.Temp)
	if err != nil {
		return err
	}
	r := &reporter{w: w}
	r.kv("infragate", cfg.Infragate)
	cfg.Infragate = installed
	r.kv("conftest", orNone(cfg.Conftest))
	r.kv("corpus", cfg.Corpus)
	r.kv("cpus", strconv.Itoa(runtime.NumCPU()))
	b := &runner{cfg: cfg, r: r}
	for _, s := range cfg.Sections {
		var err error
		switch s {
		case "scan":
			err = b.scan(ctx)
		case "builtin":
			err = b.builtin(ctx)
		case "scale":
			err = b.scale(ctx)
		case "mr":
			err = b.mr(ctx)
		case "large":
			err = b.large(ctx)
		case "cache":
			err = b.cache(ctx)
		default:
			err = fmt.Errorf("unknown section %q (known: %v)", s, Sections)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return r.err
}

func orNone(s string) string {
	if s == "" {
		return "none (set CONFTEST or put conftest on PATH for side-by-side runs)"
	}
	return s
}

type runner struct {
	cfg Config
	r   *reporter
}

// infragate runs `infragate check` in dir and parses its JSON output.
func (b *runner) infragate(ctx context.Context, dir string, env []string, args ...string) (*Result, error) {
	args = append([]string{"check", "-o", "json"}, args...)
	p, err := runProc(ctx, dir, append(slices.Clone(b.cfg.Env), env...), b.cfg.Infragate, args...)
	if err != nil {
		return nil, err
	}
	if p.Exit > 1 {
		return nil, fmt.Errorf("infragate %v: exit %d: %s", args, p.Exit, tail(p.Stderr))
	}
	return parseInfragate(p)
}

func (b *runner) printRun(prefix string, res *Result) {
	p := res.Proc
	b.r.kv(prefix+"_wall", secs(p.Wall))
	b.r.kv(prefix+"_cpu", secs(p.User+p.Sys))
	b.r.kv(prefix+"_peak_rss", mb(p.MaxRSS))
	b.r.kv(prefix+"_files", res.Files)
	b.r.kv(prefix+"_documents", res.Documents)
	b.r.kv(prefix+"_files_per_s", rate(res.Files, p.Wall))
	b.r.kv(prefix+"_docs_per_s", rate(res.Documents, p.Wall))
	b.r.kv(prefix+"_findings", fmt.Sprintf("%d failures / %d warnings / %d errors", res.Total.Failures, res.Total.Warnings, res.Errors))
}

// scan runs, for each set and after one round of the floor that is left
// out, ScanRuns rounds of the parse-only floor, infragate, the libraries'
// parse and conftest in turn (so that they share the machine's noise), and
// reports the run with the median wall time of each, its ratios, and every
// round's wall time.
func (b *runner) scan(ctx context.Context) error {
	runs := max(b.cfg.ScanRuns, 1)
	for _, set := range b.cfg.Sets {
		files, err := ReadList(set.List)
		if err != nil {
			return err
		}
		list, err := filepath.Abs(set.List)
		if err != nil {
			return err
		}
		b.r.section(fmt.Sprintf("scan %s (%d files, policy %s, median of %d runs)", set.Name, len(files), b.cfg.Policy, runs))
		var floors []*Floor
		var igs, cts []*Result
		var libs, kits []time.Duration
		// The floor runs in this process: its first round also grows the
		// heap and warms the caches, which made it 20-40% slower than the
		// next ones. That round is run first and left out, so that the
		// floor (and every ratio to it) is the conservative one.
		warm := ParseFloor(b.cfg.Corpus, files, 0)
		b.r.kv("parse_only_warmup_wall", secs(warm.Wall))
		for range runs {
			floors = append(floors, ParseFloor(b.cfg.Corpus, files, 0))
			// Kustomization files are read as plain YAML, as conftest
			// reads them: the same work, and findings that compare file
			// by file (a build adds the documents it deploys).
			ig, err := b.infragate(ctx, b.cfg.Corpus, nil, "--no-cache", "--kustomize=false", "-p", b.cfg.Policy, "--files-from", list)
			if err != nil {
				return err
			}
			igs = append(igs, ig)
			libs = append(libs, LibraryFloor(b.cfg.Corpus, files, 0))
			kits = append(kits, KitFloor(b.cfg.Corpus, files))
			if b.cfg.Conftest != "" {
				ct, err := b.conftest(ctx, files)
				if err != nil {
					return err
				}
				cts = append(cts, ct)
			}
		}
		floor := medianOf(floors, func(f *Floor) time.Duration { return f.Wall })
		floor.print(b.r)
		b.r.kv("parse_only_walls", wallsOf(floors, func(f *Floor) time.Duration { return f.Wall }))
		procWall := func(r *Result) time.Duration { return r.Proc.Wall }
		ig := medianOf(igs, procWall)
		b.printRun("infragate", ig)
		b.r.kv("infragate_walls", wallsOf(igs, procWall))
		b.r.kv("ratio_infragate_to_parse_only", ratio(ig.Proc.Wall, floor.Wall))
		lib := median(libs)
		b.r.kv("library_parse_wall", secs(lib))
		b.r.kv("ratio_infragate_to_library_parse", ratio(ig.Proc.Wall, lib))
		kit := median(kits)
		b.r.kv("kit_floor_wall", secs(kit))
		b.r.kv("kit_floor_walls", wallsOf(kits, func(d time.Duration) time.Duration { return d }))
		b.r.kv("ratio_infragate_to_kit_floor", ratio(ig.Proc.Wall, kit))
		if len(cts) == 0 {
			continue
		}
		ct := medianOf(cts, procWall)
		b.r.kv("conftest_wall", secs(ct.Proc.Wall))
		b.r.kv("conftest_walls", wallsOf(cts, procWall))
		b.r.kv("conftest_cpu", secs(ct.Proc.User+ct.Proc.Sys))
		b.r.kv("conftest_peak_rss", mb(ct.Proc.MaxRSS))
		b.r.kv("conftest_files", ct.Files)
		b.r.kv("conftest_documents", ct.Documents)
		b.r.kv("conftest_findings", fmt.Sprintf("%d failures / %d warnings", ct.Total.Failures, ct.Total.Warnings))
		b.r.kv("speedup_vs_conftest", ratio(ct.Proc.Wall, ig.Proc.Wall))
		b.printDiffs(ig, ct)
		same := "yes"
		for i := range igs {
			if !maps.Equal(igs[i].PerFile, ig.PerFile) || !maps.Equal(cts[i].PerFile, ct.PerFile) {
				same = "no"
			}
		}
		b.r.kv("findings_same_in_every_run", same)
	}
	return nil
}

// medianOf is the element with the median key (the lower middle one for an
// even count).
func medianOf[T any](xs []T, key func(T) time.Duration) T {
	s := slices.Clone(xs)
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
	return s[(len(s)-1)/2]
}

// wallsOf lists each run's wall time, in the order run.
func wallsOf[T any](xs []T, key func(T) time.Duration) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = secs(key(x))
	}
	return strings.Join(out, " ")
}

// conftest runs `conftest test -p policy -o json FILES...` in the corpus.
// Very long lists are split into several invocations (whose times add up)
// when the system's argument limit requires it.
func (b *runner) conftest(ctx context.Context, files []string) (*Result, error) {
	total := &Result{PerFile: map[string]Counts{}, Proc: &Proc{}}
	const maxArgBytes = 1 << 20
	for start := 0; start < len(files); {
		end, size := start, 0
		for end < len(files) && size+len(files[end])+9 < maxArgBytes {
			size += len(files[end]) + 9
			end++
		}
		args := append([]string{"test", "-p", b.cfg.Policy, "-o", "json", "--no-color"}, files[start:end]...)
		p, err := runProc(ctx, b.cfg.Corpus, nil, b.cfg.Conftest, args...)
		if err != nil {
			return nil, err
		}
		res, err := parseConftest(p)
		if err != nil {
			return nil, err
		}
		total.Proc.Wall += p.Wall
		total.Proc.User += p.User
		total.Proc.Sys += p.Sys
		total.Proc.MaxRSS = max(total.Proc.MaxRSS, p.MaxRSS)
		total.Files += res.Files
		total.Documents += res.Documents
		total.Total.Failures += res.Total.Failures
		total.Total.Warnings += res.Total.Warnings
		for f, c := range res.PerFile {
			total.PerFile[f] = c
		}
		start = end
	}
	return total, nil
}

// commentSeparator is a YAML document separator followed by a comment,
// after which conftest's naive splitting drops the rest of the file.
var commentSeparator = regexp.MustCompile(`(?m)^---[ \t]+#`)

// printDiffs compares per-file finding counts and explains the known
// differences.
func (b *runner) printDiffs(ig, ct *Result) {
	diffs := compare(ig.PerFile, ct.PerFile)
	reasons := map[string]int{}
	reasonOf := func(d Diff) string {
		src, err := os.ReadFile(filepath.Join(b.cfg.Corpus, d.File))
		if err == nil && commentSeparator.Match(src) && d.A.Failures+d.A.Warnings > d.B.Failures+d.B.Warnings {
			return "conftest drops the documents after a `--- # comment` separator"
		}
		return "unexplained"
	}
	for _, d := range diffs {
		reasons[reasonOf(d)]++
	}
	b.r.kv("files_compared", max(ig.Files, ct.Files))
	b.r.kv("files_with_different_counts", len(diffs))
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.r.kv("difference", fmt.Sprintf("%d files: %s", reasons[k], k))
	}
	for i, d := range diffs {
		if i == b.cfg.MaxDiffs {
			b.r.kv("diff", fmt.Sprintf("... %d more", len(diffs)-i))
			break
		}
		b.r.kv("diff", fmt.Sprintf("%s infragate %d/%d conftest %d/%d (%s)", d.File, d.A.Failures, d.A.Warnings, d.B.Failures, d.B.Warnings, reasonOf(d)))
	}
}

func (b *runner) builtin(ctx context.Context) error {
	if b.cfg.All == "" {
		return nil
	}
	files, err := ReadList(b.cfg.All)
	if err != nil {
		return err
	}
	list, err := filepath.Abs(b.cfg.All)
	if err != nil {
		return err
	}
	b.r.section(fmt.Sprintf("builtin library over the whole corpus (%d files)", len(files)))
	floor := ParseFloor(b.cfg.Corpus, files, 0)
	floor.print(b.r)
	ig, err := b.infragate(ctx, b.cfg.Corpus, nil, "--no-cache", "--files-from", list)
	if err != nil {
		return err
	}
	b.printRun("infragate", ig)
	b.r.kv("ratio_infragate_to_parse_only", ratio(ig.Proc.Wall, floor.Wall))
	return nil
}

// setFiles is the union of the sets' lists.
func (b *runner) setFiles() ([]string, error) {
	var files []string
	for _, s := range b.cfg.Sets {
		l, err := ReadList(s.List)
		if err != nil {
			return nil, err
		}
		files = append(files, l...)
	}
	return files, nil
}

func (b *runner) scale(ctx context.Context) error {
	files, err := b.setFiles()
	if err != nil {
		return err
	}
	maxF := slices.Max(b.cfg.ScaleFactors)
	b.r.section(fmt.Sprintf("scale curve (%d files of the sets, bench policies, factors %v)", len(files), b.cfg.ScaleFactors))
	dir := filepath.Join(b.cfg.Temp, "scale")
	start := time.Now()
	all, err := Replicate(b.cfg.Corpus, files, maxF, dir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b.r.kv("generated", fmt.Sprintf("%d files in %s", len(all), secs(time.Since(start))))
	// Each round runs every factor in turn, so that they share the
	// machine's noise; the median run of each factor is reported.
	runs := max(b.cfg.ScaleRuns, 1)
	lists := map[int]string{}
	for _, f := range b.cfg.ScaleFactors {
		lists[f] = filepath.Join(b.cfg.Temp, fmt.Sprintf("scale-%d.txt", f))
		if err := WriteList(lists[f], all[:f*len(files)]); err != nil {
			return err
		}
	}
	procWall := func(r *Result) time.Duration { return r.Proc.Wall }
	rounds := func(policy string, factors []int) (map[int][]*Result, error) {
		out := map[int][]*Result{}
		for range runs {
			for _, f := range factors {
				res, err := b.infragate(ctx, dir, nil, "--no-cache", "-p", policy, "--files-from", lists[f])
				if err != nil {
					return nil, err
				}
				out[f] = append(out[f], res)
			}
		}
		return out, nil
	}
	byFactor, err := rounds(b.cfg.Policy, b.cfg.ScaleFactors)
	if err != nil {
		return err
	}
	minF := slices.Min(b.cfg.ScaleFactors)
	base := medianOf(byFactor[minF], procWall)
	for _, f := range b.cfg.ScaleFactors {
		res := medianOf(byFactor[f], procWall)
		exact := true
		for _, r := range byFactor[f] {
			exact = exact && r.Total.Failures == base.Total.Failures*f/minF && r.Total.Warnings == base.Total.Warnings*f/minF
		}
		b.r.kv(fmt.Sprintf("scale_%dx", f), fmt.Sprintf("files=%d docs=%d wall=%s time_ratio=%s peak_rss=%s rss_ratio=%.2fx findings=%d/%d findings_scale_exactly=%t walls=%s",
			res.Files, res.Documents, secs(res.Proc.Wall), ratio(res.Proc.Wall, base.Proc.Wall), mb(res.Proc.MaxRSS),
			float64(res.Proc.MaxRSS)/float64(max(base.Proc.MaxRSS, 1)), res.Total.Failures, res.Total.Warnings, exact,
			strings.ReplaceAll(wallsOf(byFactor[f], procWall), " s", "s")))
	}
	// The same files with a policy that never matches: memory without
	// findings to hold, for the smallest and the largest factor.
	quiet := filepath.Join(b.cfg.Temp, "quiet-policy")
	if err := os.MkdirAll(quiet, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(quiet, "quiet.rego"), []byte("package main\n\ndeny contains msg if {\n\tinput.__never__\n\tmsg := \"never\"\n}\n"), 0o644); err != nil {
		return err
	}
	quietRuns, err := rounds(quiet, []int{minF, maxF})
	if err != nil {
		return err
	}
	quietBase := medianOf(quietRuns[minF], procWall)
	for _, f := range []int{minF, maxF} {
		res := medianOf(quietRuns[f], procWall)
		b.r.kv(fmt.Sprintf("scale_no_findings_%dx", f), fmt.Sprintf("files=%d docs=%d wall=%s time_ratio=%s peak_rss=%s rss_ratio=%.2fx walls=%s",
			res.Files, res.Documents, secs(res.Proc.Wall), ratio(res.Proc.Wall, quietBase.Proc.Wall), mb(res.Proc.MaxRSS),
			float64(res.Proc.MaxRSS)/float64(max(quietBase.Proc.MaxRSS, 1)),
			strings.ReplaceAll(wallsOf(quietRuns[f], procWall), " s", "s")))
	}
	return nil
}

func (b *runner) mr(ctx context.Context) error {
	files, err := b.setFiles()
	if err != nil || len(files) == 0 {
		return err
	}
	b.r.section(fmt.Sprintf("merge-request latency (built-in library, %d runs each)", b.cfg.MRRuns))
	// Process start alone.
	var walls []time.Duration
	for range b.cfg.MRRuns {
		p, err := runProc(ctx, b.cfg.Corpus, b.cfg.Env, b.cfg.Infragate, "version")
		if err != nil {
			return err
		}
		walls = append(walls, p.Wall)
	}
	b.r.kv("process_start_median", secs(median(walls)))
	// Compiling the built-in library, in this process.
	var compile []time.Duration
	for range b.cfg.MRRuns {
		start := time.Now()
		if _, err := engine.New(ctx, engine.Options{Builtin: policies.FS()}); err != nil {
			return err
		}
		compile = append(compile, time.Since(start))
	}
	b.r.kv("builtin_compile_in_process_median", secs(median(compile)))
	for _, n := range []int{1, 10, 100} {
		if n > len(files) {
			break
		}
		// Spread the picks over the list: different formats and repositories.
		var pick []string
		for i := range n {
			pick = append(pick, files[i*len(files)/n])
		}
		list := filepath.Join(b.cfg.Temp, fmt.Sprintf("mr-%d.txt", n))
		if err := WriteList(list, pick); err != nil {
			return err
		}
		walls = walls[:0]
		var rss int64
		for range b.cfg.MRRuns {
			res, err := b.infragate(ctx, b.cfg.Corpus, nil, "--no-cache", "--files-from", list)
			if err != nil {
				return err
			}
			walls = append(walls, res.Proc.Wall)
			rss = max(rss, res.Proc.MaxRSS)
		}
		slices.Sort(walls)
		b.r.kv(fmt.Sprintf("mr_%d_files", n), fmt.Sprintf("median=%s min=%s max=%s peak_rss=%s", secs(median(walls)), secs(walls[0]), secs(walls[len(walls)-1]), mb(rss)))
	}
	return nil
}

// median is the median duration (the lower middle one for an even count).
func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return medianOf(d, func(x time.Duration) time.Duration { return x })
}

func (b *runner) large(ctx context.Context) error {
	b.r.section("large inputs (built-in library)")
	for _, in := range []struct {
		name string
		size int
		gen  func(string, int) error
	}{
		{"multi-document YAML", b.cfg.LargeYAML, LargeYAML},
		{"Terraform plan JSON", b.cfg.LargePlan, LargePlan},
	} {
		file := filepath.Join(b.cfg.Temp, "large-"+strconv.Itoa(in.size))
		if in.name == "multi-document YAML" {
			file += ".yaml"
		} else {
			file += ".tfplan.json"
		}
		if err := in.gen(file, in.size); err != nil {
			return err
		}
		st, err := os.Stat(file)
		if err != nil {
			return err
		}
		res, err := b.infragate(ctx, b.cfg.Temp, nil, "--no-cache", "--max-file-size", strconv.FormatInt(st.Size()*2, 10), file)
		os.Remove(file)
		if err != nil {
			return err
		}
		b.r.kv("large", fmt.Sprintf("%s size=%s wall=%s peak_rss=%s rss_to_size=%.2fx docs=%d findings=%d/%d errors=%d",
			in.name, mb(st.Size()), secs(res.Proc.Wall), mb(res.Proc.MaxRSS), float64(res.Proc.MaxRSS)/float64(st.Size()),
			res.Documents, res.Total.Failures, res.Total.Warnings, res.Errors))
	}
	return nil
}

func (b *runner) cache(ctx context.Context) error {
	list := b.cfg.All
	args := []string{}
	what := "built-in library over the whole corpus"
	if list == "" {
		files, err := b.setFiles()
		if err != nil {
			return err
		}
		list = filepath.Join(b.cfg.Temp, "cache-sets.txt")
		if err := WriteList(list, files); err != nil {
			return err
		}
		args = append(args, "-p", b.cfg.Policy)
		what = "bench policies over the sets"
	}
	list, err := filepath.Abs(list)
	if err != nil {
		return err
	}
	args = append(args, "--files-from", list)
	b.r.section("repeated runs with the parse cache (" + what + ")")
	dir := filepath.Join(b.cfg.Temp, "cache")
	defer os.RemoveAll(dir)
	env := []string{"INFRAGATE_CACHE_DIR=" + dir}
	off, err := b.infragate(ctx, b.cfg.Corpus, env, append([]string{"--no-cache"}, args...)...)
	if err != nil {
		return err
	}
	first, err := b.infragate(ctx, b.cfg.Corpus, env, append([]string{"--cache"}, args...)...)
	if err != nil {
		return err
	}
	second, err := b.infragate(ctx, b.cfg.Corpus, env, append([]string{"--cache"}, args...)...)
	if err != nil {
		return err
	}
	size, entries := dirSize(dir)
	b.r.kv("no_cache_wall", secs(off.Proc.Wall))
	b.r.kv("first_run_wall", secs(first.Proc.Wall))
	b.r.kv("second_run_wall", secs(second.Proc.Wall))
	b.r.kv("second_run_peak_rss", mb(second.Proc.MaxRSS))
	b.r.kv("speedup_second_vs_first", ratio(first.Proc.Wall, second.Proc.Wall))
	b.r.kv("speedup_second_vs_no_cache", ratio(off.Proc.Wall, second.Proc.Wall))
	b.r.kv("cache_size", fmt.Sprintf("%s in %d entries", mb(size), entries))
	b.r.kv("same_output", string(off.Proc.Stdout) == string(second.Proc.Stdout) && string(first.Proc.Stdout) == string(second.Proc.Stdout))
	return nil
}

func dirSize(dir string) (int64, int) {
	var size int64
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
				n++
			}
		}
		return nil
	})
	return size, n
}

// installCopy copies the executable bin into dir and returns the copy's
// path.
func installCopy(bin, dir string) (string, error) {
	src, err := os.Open(bin)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst := filepath.Join(dir, "infragate-installed")
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return "", err
	}
	return dst, out.Close()
}
