// Package helmchart renders Helm charts so that their templates are judged
// as what they deploy. A template (a YAML file under a chart's templates/
// directory) is not YAML until rendered, and what it deploys depends on the
// chart's values: a change to values.yaml can turn `privileged: true` on
// without touching a template. Wrap hands each template to a parser that
// renders its whole chart once (with Helm's own engine, as `helm template`
// does) and gives the template's rendered documents, with their source map
// pointing back at the template's lines (see align). Once is in fact
// two or three times, with deterministic variants of the random and
// clock functions (see generatedFuncs), so that what those decide is
// seen (see settle).
//
// Rendering reads nothing outside the chart: no cluster (`lookup` gives an
// empty result), no DNS, no environment, no remote schema; files that a
// link brings in from outside the chart are left out.
package helmchart

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"helm.sh/helm/v4/pkg/chart/common"
	commonutil "helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/loader/archive"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	"helm.sh/helm/v4/pkg/ignore"

	"github.com/infragate/infragate/internal/fspath"
	"github.com/infragate/infragate/internal/fsread"
	"github.com/infragate/infragate/parsers"
)

// Options configures rendering.
type Options struct {
	// Values are values files by chart directory, applied in order after
	// the chart's own values.yaml (as `helm template -f`). Names are
	// relative to Dir.
	Values map[string][]string
	// Dir resolves relative names; "" is the working directory.
	Dir string
	// Timeout bounds the rendering of one chart; 0 is DefaultTimeout.
	Timeout time.Duration
	// MaxFileSize bounds each file a chart is read from; 0 is no limit.
	MaxFileSize int64
}

// DefaultTimeout bounds the rendering of one chart when Options.Timeout is 0.
const DefaultTimeout = time.Minute

// Release names the release a chart is rendered as, as `helm template`
// does without a name.
const (
	ReleaseName      = "release-name"
	ReleaseNamespace = "default"
)

// kubeVersion is the cluster version templates see, the one the Helm
// v4.3 binary reports without a cluster (it is built with client-go v0.37).
const kubeVersion = "v1.37.0"

// Wrap returns a copy of reg whose YAML parser renders chart templates
// (see Parser). The values files are read when a chart is first rendered.
func Wrap(reg parsers.Registry, opts Options) (parsers.Registry, error) {
	base, ok := reg[parsers.YAML]
	if !ok {
		return nil, fmt.Errorf("helm rendering needs the %s parser", parsers.YAML)
	}
	out := maps.Clone(reg)
	out[parsers.YAML] = NewParser(base, opts)
	return out, nil
}

// Parser is the YAML parser with chart templates handed to a renderer
// (parsers.Chooser). Charts are found by their Chart.yaml and rendered
// once each; Parser is safe for concurrent use.
type Parser struct {
	base parsers.Parser
	opts Options

	mu     sync.Mutex
	charts map[string]*chartState // by outermost chart root
	roots  map[string]string      // directory -> chart root holding it ("" if none)
}

// NewParser wraps base.
func NewParser(base parsers.Parser, opts Options) *Parser {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	// Names are made absolute by joining (no look-up per file).
	if dir, err := filepath.Abs(opts.Dir); err == nil {
		opts.Dir = dir
	}
	return &Parser{base: base, opts: opts, charts: map[string]*chartState{}, roots: map[string]string{}}
}

// Parse parses a file as its chosen parser would.
func (p *Parser) Parse(filename string, src []byte) ([]parsers.Document, error) {
	return p.ParserFor(filename).Parse(filename, src)
}

// ParserFor returns the parser for a file: a template's renderer for a
// YAML file under a chart's templates/ directory, a Manifest for a chart's
// Chart.yaml, the YAML parser for any other.
func (p *Parser) ParserFor(filename string) parsers.Parser {
	if filepath.Base(filename) == "Chart.yaml" {
		abs := p.abs(filename)
		if root := p.chartRoot(filepath.Dir(abs)); root != "" {
			rel, err := filepath.Rel(root, abs)
			if err == nil {
				return &Manifest{member{chart: p.chart(root), rel: filepath.ToSlash(rel), base: p.base, kind: "helm-chart"}}
			}
		}
		return parsers.For(p.base, filename)
	}
	root, rel, ok := p.templateOf(filename)
	if !ok {
		return parsers.For(p.base, filename)
	}
	return &Template{member{chart: p.chart(root), rel: rel, base: p.base, kind: "helm"}}
}

// templateOf finds the outermost chart whose templates hold filename:
// its root and the file's path in it (e.g. "charts/db/templates/x.yaml").
func (p *Parser) templateOf(filename string) (root, rel string, ok bool) {
	abs := p.abs(filename)
	if !strings.Contains(filepath.ToSlash(abs), "/templates/") {
		return "", "", false // no file system look-ups for other files
	}
	dir := filepath.Dir(abs)
	for d := dir; ; d = filepath.Dir(d) {
		if filepath.Base(d) == "templates" {
			if r := p.chartRoot(filepath.Dir(d)); r != "" {
				rel, err := filepath.Rel(r, abs)
				if err != nil {
					return "", "", false
				}
				return r, filepath.ToSlash(rel), true
			}
		}
		if filepath.Dir(d) == d {
			return "", "", false
		}
	}
}

// chartRoot is outermost(dir, isChart), remembered by directory.
func (p *Parser) chartRoot(dir string) string {
	p.mu.Lock()
	r, ok := p.roots[dir]
	p.mu.Unlock()
	if ok {
		return r
	}
	r = outermost(dir, isChart)
	p.mu.Lock()
	p.roots[dir] = r
	p.mu.Unlock()
	return r
}

// outermost returns the outermost chart that dir is the root of or a
// subchart of (dir/Chart.yaml, and its parent's when dir is in a chart's
// charts/ directory, and so on), "" when dir is no chart.
func outermost(dir string, isChart func(string) bool) string {
	if !isChart(dir) {
		return ""
	}
	root := dir
	for parent := filepath.Dir(root); filepath.Base(parent) == "charts" && isChart(filepath.Dir(parent)); parent = filepath.Dir(root) {
		root = filepath.Dir(parent)
	}
	return root
}

func isChart(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "Chart.yaml"))
	return err == nil && st.Mode().IsRegular()
}

// abs makes a name absolute against Options.Dir (itself absolute).
func (p *Parser) abs(name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(p.opts.Dir, name)
}

// chart returns the state of the chart at root, created on first use.
func (p *Parser) chart(root string) *chartState {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.charts[root]
	if !ok {
		c = &chartState{root: root, parser: p}
		p.charts[root] = c
	}
	return c
}

// chartState is one chart: its files, read once, and its rendering.
type chartState struct {
	root   string
	parser *Parser

	loadOnce sync.Once
	files    []chartFile // every file of the chart and its subcharts
	values   [][]byte    // the values files of Options.Values
	digest   string
	loadErr  error

	renderOnce sync.Once
	rendered   *rendering
}

// chartFile is a file of a chart: its path from the outermost root.
type chartFile struct {
	rel  string
	data []byte
}

// rendering is what rendering a chart gave, by template path.
type rendering struct {
	out map[string][]string // rendered text, one per use of the template (subchart aliases)
	// again are the further renderings of the same files, with the
	// other variants of the random and clock functions (see
	// generatedFuncs), to tell what depends on them (see settle): the
	// second, and the third when the first two differ.
	again []map[string][]string
	errs  map[string]*parsers.ParseError
	// missing are the dependencies that Chart.yaml files (by path) name
	// and charts/ does not hold.
	missing map[string][]string
	// err is a failure of the whole chart (it did not load, or a partial
	// failed): every template reports it.
	err error
}

// load reads the chart's files (once).
func (c *chartState) load() error {
	c.loadOnce.Do(func() {
		c.files, c.loadErr = readChart(c.root, repository(c.root, c.parser.opts.Dir), c.parser.opts.MaxFileSize)
		if c.loadErr != nil {
			return
		}
		h := sha256.New()
		for _, f := range c.files {
			fmt.Fprintf(h, "%s\x00%d\x00", f.rel, len(f.data))
			h.Write(f.data)
		}
		rel, _ := filepath.Rel(c.parser.abs("."), c.root)
		for _, name := range c.parser.valuesFor(c.root) {
			limit := c.parser.opts.MaxFileSize
			if limit <= 0 {
				limit = math.MaxInt64 - 1 // fsread reads limit+1 bytes
			}
			data, err := fsread.ReadFile(c.parser.abs(name), limit)
			if err != nil {
				c.loadErr = fmt.Errorf("values file of chart %s: %w", filepath.ToSlash(rel), err)
				return
			}
			c.values = append(c.values, data)
			fmt.Fprintf(h, "values\x00%s\x00%d\x00", name, len(data))
			h.Write(data)
		}
		c.digest = hex.EncodeToString(h.Sum(nil))
	})
	return c.loadErr
}

// valuesFor returns the values files configured for the chart at root.
func (p *Parser) valuesFor(root string) []string {
	for dir, files := range p.opts.Values {
		if p.abs(dir) == root {
			return files
		}
	}
	return nil
}

// readChart reads the files of the chart at root, as Helm's loader does:
// minus what .helmignore (and Helm's defaults) leave out, each chart in
// charts/ with its own .helmignore, following links as Helm does (to
// files and to directories) while they stay inside repo (the repository,
// see repository). A link to a directory outside it, or into its .git, is
// an error (Helm would read what it holds); a link to such a file is left
// out (.Files.Get gives ""). Any file or directory named .git is left out.
// Each file is held to maxSize (0: no limit) and the chart as a whole to
// Helm's own limit. On an error, the files read so far are returned with
// it.
func readChart(root, repo string, maxSize int64) ([]chartFile, error) {
	r := &chartReader{repo: repo, maxSize: maxSize, budget: archive.MaxDecompressedChartSize, entries: maxEntries}
	err := r.read(root)
	sort.Slice(r.out, func(i, j int) bool { return r.out[i].rel < r.out[j].rel })
	return r.out, err
}

// maxEntries bounds the files and directories a chart's walk visits:
// links to directories can make a small tree look like a huge one (each
// directory linking twice to the next).
const maxEntries = 100_000

// chartReader walks a chart's files for readChart.
type chartReader struct {
	repo    string // links resolved; "" follows links anywhere (names only)
	names   bool   // read no contents (Rendered)
	maxSize int64
	budget  int64 // bytes left to read
	entries int   // files and directories left to visit
	out     []chartFile
	linkErr error // the first link not followed that Helm would follow
}

// read reads the chart at root.
func (r *chartReader) read(root string) error {
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	if !r.inRepo(real) {
		return fmt.Errorf("the chart's directory is a link to a directory outside the repository; Helm would read it, infragate does not read outside the repository")
	}
	if err := r.chart(root, real, "", []string{real}); err != nil {
		return err
	}
	return r.linkErr
}

// inRepo reports whether a resolved path may be read.
func (r *chartReader) inRepo(real string) bool {
	if r.repo == "" {
		return true
	}
	return fspath.Within(r.repo, real) && !fspath.Within(filepath.Join(r.repo, ".git"), real)
}

// chart reads the chart at dir (real: its resolved path) with its own
// .helmignore, its files named with prefix. seen holds the resolved
// directories above (a link back to one is a cycle).
func (r *chartReader) chart(dir, real, prefix string, seen []string) error {
	rules := ignore.Empty()
	if _, err := os.Stat(filepath.Join(real, ignore.HelmIgnore)); err == nil {
		rs, err := ignore.ParseFile(filepath.Join(real, ignore.HelmIgnore))
		if err != nil {
			return fmt.Errorf("%s%s: %w", prefix, ignore.HelmIgnore, err)
		}
		rules = rs
	}
	rules.AddDefaults()
	return r.dir(dir, real, "", prefix, rules, seen)
}

// dir reads the directory at name (real: resolved; rel: its path in the
// chart being read, "" for the chart's own directory).
func (r *chartReader) dir(name, real, rel, prefix string, rules *ignore.Rules, seen []string) error {
	entries, err := os.ReadDir(real) // sorted by name
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == ".git" {
			continue
		}
		if r.entries--; r.entries < 0 {
			return fmt.Errorf("the chart has more than %d files and directories (links to directories included)", maxEntries)
		}
		file, fileReal, fileRel := filepath.Join(name, e.Name()), filepath.Join(real, e.Name()), path.Join(rel, e.Name())
		link := e.Type()&fs.ModeSymlink != 0
		if link {
			target, err := filepath.EvalSymlinks(fileReal) // its directory is resolved: cheap
			if err != nil {
				continue // a broken or looping link: Helm does not load the chart
			}
			fileReal = target
		}
		info, err := os.Stat(fileReal)
		if err != nil {
			continue
		}
		if rules.Ignore(fileRel, info) {
			continue // as Helm, on the link's name and its target's kind
		}
		if info.IsDir() {
			if link && !r.inRepo(fileReal) {
				r.linkError(file, prefix+fileRel, "a link to a directory outside the repository")
				continue
			}
			if slices.Contains(seen, fileReal) {
				r.linkError(file, prefix+fileRel, "a link to a directory that holds it (a cycle)")
				continue
			}
			below := append(slices.Clip(seen), fileReal)
			if parent, sub := path.Split(fileRel); parent == "charts/" && isChart(fileReal) {
				// A subchart is read with its own ignore rules.
				err = r.chart(file, fileReal, prefix+"charts/"+sub+"/", below)
			} else {
				err = r.dir(file, fileReal, fileRel, prefix, rules, below)
			}
			if err != nil {
				return err
			}
			continue
		}
		if !info.Mode().IsRegular() || (link && !r.inRepo(fileReal)) {
			continue
		}
		if r.names {
			r.out = append(r.out, chartFile{rel: prefix + fileRel})
			continue
		}
		if err := r.readFile(fileReal, prefix+fileRel); err != nil {
			return err
		}
	}
	return nil
}

// readFile reads one file, within the size limits.
func (r *chartReader) readFile(name, rel string) error {
	limit := r.budget
	if r.maxSize > 0 && r.maxSize < limit {
		limit = r.maxSize
	}
	data, err := fsread.ReadFile(name, limit)
	var tooLarge *fsread.TooLargeError
	switch {
	case errors.As(err, &tooLarge) && r.maxSize > 0 && limit == r.maxSize:
		return fmt.Errorf("%s is larger than the file size limit (%d bytes)", rel, r.maxSize)
	case errors.As(err, &tooLarge):
		return fmt.Errorf("the chart is larger than Helm's limit on a chart (%d bytes)", archive.MaxDecompressedChartSize)
	case err != nil:
		return fmt.Errorf("%s: %w", rel, err)
	}
	r.budget -= int64(len(data))
	r.out = append(r.out, chartFile{rel: rel, data: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))})
	return nil
}

// linkError records a link that keeps the chart from being read as Helm
// reads it (the first one is the walk's error); the walk goes on without
// it, so that Rendered lists the rest.
func (r *chartReader) linkError(name, rel, what string) {
	if r.linkErr != nil {
		return
	}
	to, _ := os.Readlink(name)
	r.linkErr = fmt.Errorf("%s (-> %s) is %s: Helm would read what it holds; replace the link with the files, or point it at a directory inside the repository", rel, to, what)
}

// repository returns the directory that the links of the chart at root
// may lead into (links resolved): the nearest directory at or above root
// that holds .git, else dir when root is inside it, else root.
func repository(root, dir string) string {
	bound, ok := fspath.GitRoot(root)
	if !ok {
		bound = root
		if fspath.Within(dir, root) {
			bound = dir
		}
	}
	if real, err := filepath.EvalSymlinks(bound); err == nil {
		return real
	}
	return bound
}

// render renders the chart (once), with override in place of the file of
// that path when it is not nil.
func (c *chartState) render(ctx context.Context) *rendering {
	c.renderOnce.Do(func() {
		c.rendered = c.renderWith(ctx, c.files)
	})
	return c.rendered
}

// renderWith renders the chart from files, within the timeout. Helm's
// engine stops at the first template that fails; that template is taken
// out and the chart rendered again, so that one failing template does not
// hide what the others deploy (up to maxRetries failures).
func (c *chartState) renderWith(ctx context.Context, files []chartFile) *rendering {
	r := &rendering{out: map[string][]string{}, errs: map[string]*parsers.ParseError{}}
	if err := c.load(); err != nil {
		r.err = err
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, c.parser.opts.Timeout)
	defer cancel()
	left := files
	for attempt := 0; ; attempt++ {
		type result struct {
			out     map[string][]string
			again   []map[string][]string
			missing map[string][]string
			file    string // the template a failure is in, "" for the chart
			perr    *parsers.ParseError
			err     error
		}
		done := make(chan result, 1)
		go func() {
			out, missing, file, perr, err := c.renderOnceFrom(ctx, left, 0)
			var again []map[string][]string
			// The second rendering, with another variant of the random
			// and clock functions, tells what depends on them; when
			// something does, the third tells whether it is made or
			// picked by them (see settle). A template that fails only
			// there fails.
			for v := 1; v < variants && err == nil; v++ {
				if v == 2 && maps.EqualFunc(out, again[0], slices.Equal) {
					break
				}
				var o map[string][]string
				o, _, file, perr, err = c.renderOnceFrom(ctx, left, v)
				if perr != nil {
					e := *perr
					e.Msg += " (in the " + ordinals[v] + " rendering, where random and clock functions give other values)"
					perr = &e
				}
				again = append(again, o)
			}
			done <- result{out, again, missing, file, perr, err}
		}()
		var res result
		select {
		case res = <-done:
		case <-ctx.Done():
			// The rendering goroutine cannot be stopped: it ends with
			// the process.
			r.err = fmt.Errorf("rendering the chart took longer than %s", c.parser.opts.Timeout)
			return r
		}
		r.missing = res.missing
		switch {
		case res.err == nil:
			r.out, r.again = res.out, res.again
			return r
		case res.file == "" || attempt >= maxRetries || !isTemplate(res.file):
			r.err = res.err
			return r
		}
		r.errs[res.file] = res.perr
		left = without(left, res.file)
	}
}

// ordinals name the renderings by variant, in messages.
var ordinals = [variants]string{"first", "second", "third"}

// maxRetries bounds how many failing templates are taken out of a chart
// before the chart as a whole is reported as not rendering.
const maxRetries = 8

// isTemplate reports whether a file of a chart's templates/ directory
// (rel, in the chart) is rendered into the release: any file but partials
// (_helpers.tpl) and NOTES.txt, whatever its extension: Helm deploys
// templates/pod.txt as it deploys templates/pod.yaml.
func isTemplate(rel string) bool {
	base := path.Base(rel)
	return !strings.HasPrefix(base, "_") && base != "NOTES.txt"
}

// IsPartial reports whether a path (slash separated) names a template
// helper of a chart (templates/_helpers.tpl): text for other templates,
// not a document.
func IsPartial(slashed string) bool {
	return strings.HasSuffix(strings.ToLower(slashed), ".tpl") && strings.HasPrefix(path.Base(slashed), "_") && strings.Contains("/"+slashed, "/templates/")
}

// ChartWide reports whether a file, by its path (slash separated) alone,
// is one that decides what every template of its chart deploys:
// Chart.yaml, Chart.lock, requirements.yaml, values files and partials.
func ChartWide(slashed string) bool {
	name := path.Base(slashed)
	lower := strings.ToLower(name)
	switch {
	case name == "Chart.yaml" || name == "Chart.lock" || name == "requirements.yaml":
		return true
	case strings.HasPrefix(lower, "values") && (strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".json")):
		return true
	}
	return IsPartial(slashed)
}

func without(files []chartFile, rel string) []chartFile {
	out := make([]chartFile, 0, len(files))
	for _, f := range files {
		if f.rel != rel {
			out = append(out, f)
		}
	}
	return out
}

// errMessage is an error of Helm's engine on one line, without the
// template's name and position (the finding has them): "parse error at
// (app/templates/x.yaml:4): unexpected EOF" is "unexpected EOF", and
// "template: app/templates/x.yaml:7:38\n executing "app/templates/x.yaml"
// at <b64enc>: invalid value" is "at <b64enc>: invalid value".
func errMessage(msg, key string) string {
	msg = strings.Join(strings.Fields(msg), " ")
	if _, after, ok := strings.Cut(msg, "): "); ok && strings.Contains(msg, "("+key+":") {
		return collapseCalls(after)
	}
	msg = strings.ReplaceAll(msg, `executing "`+key+`" `, "")
	var b strings.Builder
	for _, w := range strings.Fields(msg) {
		if w == "template:" || strings.HasPrefix(w, key+":") {
			continue
		}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return collapseCalls(strings.TrimSpace(b.String()))
}

// callSep separates the nested calls in an error of Helm's engine.
const callSep = "error calling "

// maxCallCycle is the longest cycle of calls collapseCalls looks for.
const maxCallCycle = 8

// collapseCalls names once the calls that repeat back to back in an error
// of Helm's engine, with their count: a template that includes itself
// (or a cycle of templates including each other) fails at Helm's 1000
// nested calls, and Helm's error names every one of them.
func collapseCalls(msg string) string {
	calls := strings.Split(msg, callSep)
	var b strings.Builder
	for i := 0; i < len(calls); {
		cycle, times := 1, 1
		for c := 1; c <= maxCallCycle && i+2*c <= len(calls); c++ {
			n := 1
			for i+(n+1)*c <= len(calls) && slices.Equal(calls[i:i+c], calls[i+n*c:i+(n+1)*c]) {
				n++
			}
			if n > 1 && n*c > times*cycle {
				cycle, times = c, n
			}
		}
		for j, call := range calls[i : i+cycle] {
			if i+j > 0 {
				b.WriteString(callSep)
			}
			b.WriteString(call)
		}
		if times > 1 {
			fmt.Fprintf(&b, "[the %s %d more times] ", plural(cycle, "call above", "calls above"), times-1)
		}
		i += cycle * times
	}
	return b.String()
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// errLocation finds the first template named in an error of Helm's
// engine, with its line and column: "parse error at (app/templates/x.yaml:12):
// ...", "execution error at (app/templates/x.yaml:12:20): ...", or
// "template: app/templates/x.yaml:12:20\n executing ...".
func errLocation(msg string, keys map[string]string) (key string, line, col int, ok bool) {
	at := -1
	for k := range keys {
		i := strings.Index(msg, k+":")
		if i < 0 || (at >= 0 && i > at) || (i == at && len(k) < len(key)) {
			continue
		}
		rest := msg[i+len(k)+1:]
		n := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if n == 0 {
			continue
		}
		if n < 0 {
			n = len(rest)
		}
		at, key, ok = i, k, true
		line, _ = strconv.Atoi(rest[:n])
		col = 0
		if rest = rest[n:]; strings.HasPrefix(rest, ":") {
			if m := strings.IndexFunc(rest[1:], func(r rune) bool { return r < '0' || r > '9' }); m != 0 {
				if m < 0 {
					m = len(rest) - 1
				}
				col, _ = strconv.Atoi(rest[1 : 1+m])
			}
		}
	}
	return key, line, col, ok
}

// renderOnceFrom builds the chart from files and renders it with the
// variant of the random and clock functions (see generatedFuncs). On
// failure it names the chart path of the template at fault, with the
// error there.
func (c *chartState) renderOnceFrom(ctx context.Context, files []chartFile, variant int) (out map[string][]string, missing map[string][]string, file string, perr *parsers.ParseError, err error) {
	ch, paths, dirs, err := build(files)
	if err != nil {
		return nil, nil, "", nil, err
	}
	missing = missingDependencies(ch, dirs, "")
	out, file, perr, err = c.renderChart(ctx, ch, paths, variant)
	return out, missing, file, perr, err
}

// missingDependencies lists, by the path of their Chart.yaml, the
// dependencies that a chart and its subcharts name and their charts/
// directories do not hold: `helm template` refuses such a chart, and a
// deployment pipeline that runs `helm dependency build` deploys them
// unseen.
func missingDependencies(c *chart.Chart, dirs map[*chart.Chart]string, prefix string) map[string][]string {
	if dir, ok := dirs[c]; ok {
		prefix = dir // else an archive's: reported on the Chart.yaml holding it
	}
	out := map[string][]string{}
	have := map[string]bool{}
	for _, d := range c.Dependencies() {
		have[d.Name()] = true
	}
	if c.Metadata != nil {
		for _, d := range c.Metadata.Dependencies {
			if d != nil && !have[d.Name] {
				out[prefix+"Chart.yaml"] = append(out[prefix+"Chart.yaml"], d.Name)
			}
		}
	}
	for _, d := range c.Dependencies() {
		for k, v := range missingDependencies(d, dirs, prefix) {
			out[k] = append(out[k], v...)
		}
	}
	return out
}

// renderChart renders a built chart; see renderOnceFrom.
func (c *chartState) renderChart(ctx context.Context, ch *chart.Chart, paths map[*common.File]string, variant int) (map[string][]string, string, *parsers.ParseError, error) {
	vals := map[string]any{}
	for _, data := range c.values {
		v, err := common.ReadValues(data)
		if err != nil {
			return nil, "", nil, fmt.Errorf("values file: %w", err)
		}
		vals = mergeMaps(vals, v.AsMap())
	}
	if err := chartutil.ProcessDependencies(ch, vals); err != nil {
		return nil, "", nil, err
	}
	caps := common.DefaultCapabilities.Copy()
	kv, err := common.ParseKubeVersion(kubeVersion)
	if err != nil {
		return nil, "", nil, err
	}
	caps.KubeVersion = *kv
	// The schema is not checked: its references may name remote files.
	values, err := commonutil.ToRenderValuesWithSchemaValidation(ch, vals, common.ReleaseOptions{
		Name: ReleaseName, Namespace: ReleaseNamespace, Revision: 1, IsInstall: true,
	}, caps, true)
	if err != nil {
		return nil, "", nil, err
	}
	// Template names in the engine are chart paths ("app/charts/db/
	// templates/x.yaml"); keys maps them back to the files.
	keys := map[string]string{}
	var walk func(*chart.Chart)
	walk = func(cc *chart.Chart) {
		for _, t := range cc.Templates {
			if rel, ok := paths[t]; ok {
				keys[path.Join(cc.ChartFullPath(), t.Name)] = rel
			}
		}
		for _, d := range cc.Dependencies() {
			walk(d)
		}
	}
	walk(ch)
	out, err := engine.Engine{CustomTemplateFuncs: generatedFuncs(variant)}.RenderWithContext(ctx, ch, values)
	if err != nil {
		key, line, col, ok := errLocation(err.Error(), keys)
		if !ok {
			return nil, "", nil, err
		}
		msg := errMessage(err.Error(), key)
		rel := keys[key]
		return nil, rel, &parsers.ParseError{Line: line, Col: col, Msg: "helm template: " + msg}, fmt.Errorf("%s:%d: %s", rel, line, msg)
	}
	byFile := map[string][]string{}
	for _, k := range slices.Sorted(maps.Keys(out)) {
		if rel, ok := keys[k]; ok {
			byFile[rel] = append(byFile[rel], out[k])
		}
	}
	return byFile, "", nil, nil
}

// mergeMaps merges b into a copy of a, b winning, as `helm template -f`
// merges values files.
func mergeMaps(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bv, ok := v.(map[string]any); ok {
			if av, ok := out[k].(map[string]any); ok {
				out[k] = mergeMaps(av, bv)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// build loads the chart tree from its files: each chart in charts/ (a
// directory or an archive) becomes a dependency of the chart holding it.
// paths gives the file of each template, dirs the directory of each chart
// read from one ("" for the root, "charts/db/" for a subchart).
func build(files []chartFile) (*chart.Chart, map[*common.File]string, map[*chart.Chart]string, error) {
	paths := map[*common.File]string{}
	dirs := map[*chart.Chart]string{}
	var load func(prefix string) (*chart.Chart, error)
	load = func(prefix string) (*chart.Chart, error) {
		var own []*archive.BufferedFile
		subs := map[string]bool{}
		var archives []chartFile
		for _, f := range files {
			rel, ok := strings.CutPrefix(f.rel, prefix)
			if !ok {
				continue
			}
			if sub, ok := strings.CutPrefix(rel, "charts/"); ok {
				name, rest, nested := strings.Cut(sub, "/")
				switch {
				case nested && rest != "":
					subs[name] = true
				case isArchive(name):
					archives = append(archives, f)
				}
				continue
			}
			own = append(own, &archive.BufferedFile{Name: rel, Data: f.data})
		}
		c, err := loader.LoadFiles(own)
		if err != nil {
			if prefix != "" {
				return nil, fmt.Errorf("%s: %w", strings.TrimSuffix(prefix, "/"), err)
			}
			return nil, err
		}
		dirs[c] = prefix
		for _, t := range c.Templates {
			paths[t] = prefix + t.Name
		}
		names := make([]string, 0, len(subs))
		for n := range subs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			sub, err := load(prefix + "charts/" + n + "/")
			if err != nil {
				return nil, err
			}
			c.AddDependency(sub)
		}
		for _, a := range archives {
			sub, err := loader.LoadArchive(bytes.NewReader(a.data))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", a.rel, err)
			}
			// Everything the archive renders is the archive's.
			var own func(*chart.Chart)
			own = func(cc *chart.Chart) {
				for _, t := range cc.Templates {
					paths[t] = a.rel
				}
				for _, d := range cc.Dependencies() {
					own(d)
				}
			}
			own(sub)
			c.AddDependency(sub)
		}
		return c, nil
	}
	c, err := load("")
	return c, paths, dirs, err
}

// member is a file of a chart whose result depends on the whole chart.
type member struct {
	chart *chartState
	rel   string // the file's path from the chart's root
	base  parsers.Parser
	kind  string // names the parser in IDs
}

// ID names what decides the result (for the result cache): every file of
// the chart and its values files, and the file's place in it.
func (m member) ID() string {
	if err := m.chart.load(); err != nil {
		return m.kind + "/unloadable/" + m.rel
	}
	return m.kind + "/" + m.chart.digest + "/" + m.rel
}

// ContentOnly is false: the result depends on the chart's other files.
func (member) ContentOnly() bool { return false }

// chartError is the parse error of a file whose chart cannot be rendered.
func chartError(filename string, err error) error {
	return &parsers.ParseError{File: filename, Line: 1, Msg: "cannot render the Helm chart: " + err.Error()}
}

// Template parses one template of a chart: its rendered documents, with
// their lines in the template.
type Template struct{ member }

// Parse renders the template's chart and parses the template's output.
// src is the template as evaluated; when it differs from the file read
// with the chart (standard input, a staged version), the chart is rendered
// again with src in its place.
func (t *Template) Parse(filename string, src []byte) ([]parsers.Document, error) {
	return t.parse(context.Background(), filename, src)
}

func (t *Template) parse(ctx context.Context, filename string, src []byte) ([]parsers.Document, error) {
	if err := t.chart.load(); err != nil {
		return nil, chartError(filename, err)
	}
	var r *rendering
	if own, ok := t.chart.file(t.rel); ok && bytes.Equal(own, bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))) {
		r = t.chart.render(ctx)
	} else {
		files := without(t.chart.files, t.rel)
		files = append(files, chartFile{rel: t.rel, data: src})
		r = t.chart.renderWith(ctx, files)
	}
	if perr, ok := r.errs[t.rel]; ok {
		e := *perr
		e.File = filename
		return nil, &e
	}
	if r.err != nil {
		return nil, chartError(filename, r.err)
	}
	docs, err := t.parseOutputs(filename, r.out[t.rel], others(r.again, t.rel), func(out string) lineMap { return align(string(src), out) }, nil)
	if err != nil || !strings.HasPrefix(t.rel, "templates/") {
		// A subchart's values are its parent's under its name, merged
		// with its own: not placed (yet).
		return docs, err
	}
	if files := t.chart.valuesFiles(filename, t.rel); len(files) > 0 {
		refs := lineRefs(string(src))
		for i := range docs {
			docs[i].Origins = valuesOrigins(docs[i], refs, files)
		}
	}
	return docs, nil
}

// valuesFiles parses the values files of the chart, in the order they
// apply, named as the template filename (its path in the chart: rel) is
// named: the chart's values.yaml, then the configured ones.
func (c *chartState) valuesFiles(filename, rel string) []valuesFile {
	base := c.parser.base
	var out []valuesFile
	if data, ok := c.file("values.yaml"); ok {
		if docs, err := base.Parse("values.yaml", data); err == nil && len(docs) == 1 {
			out = append(out, valuesFile{name: path.Join(chartDirOf(filename, rel), "values.yaml"), doc: docs[0]})
		}
	}
	names := c.parser.valuesFor(c.root)
	for i, data := range c.values {
		if i >= len(names) {
			break
		}
		name := filepath.ToSlash(filepath.Clean(names[i]))
		if filepath.IsAbs(filename) {
			name = filepath.ToSlash(c.parser.abs(names[i]))
		}
		if docs, err := base.Parse(name, data); err == nil && len(docs) == 1 {
			out = append(out, valuesFile{name: name, doc: docs[0]})
		}
	}
	return out
}

// others returns the further renderings of the file at rel (see
// rendering.again), by variant from 1.
func others(again []map[string][]string, rel string) [][]string {
	out := make([][]string, len(again))
	for k, a := range again {
		out[k] = a[rel]
	}
	return out
}

// parseOutputs parses the rendered outputs of one file (again: the further
// renderings of them, see settle) into documents numbered from len(docs)
// and appended to docs, with their ranges mapped by lines(out).
func (m member) parseOutputs(filename string, outs []string, again [][]string, lines func(out string) lineMap, docs []parsers.Document) ([]parsers.Document, error) {
	for i, out := range outs {
		got, err := m.base.Parse(filename, []byte(out))
		lm := lines(out)
		if err != nil {
			return nil, renderedError(err, lm, "")
		}
		differs := false
		if len(again) == 0 {
			again = [][]string{nil} // not reached: rendered once only
		}
		for _, a := range again {
			if i >= len(a) {
				// All renderings render the same templates: not reached.
				return nil, &parsers.ParseError{File: filename, Line: 1, Msg: "helm template: the template rendered once only"}
			}
			differs = differs || a[i] != out
		}
		if differs {
			// Something depends on the random and clock functions.
			var other [][]parsers.Document
			for k, a := range again {
				o, err := m.base.Parse(filename, []byte(a[i]))
				if err != nil {
					return nil, renderedError(err, lines(a[i]), " in the "+ordinals[k+1]+" rendering, where random and clock functions give other values")
				}
				if n := min(len(got), len(o)); len(got) != len(o) {
					var line int
					if n < len(got) {
						line = mapRange(lm, got[n].Range).StartLine
					} else {
						line = mapRange(lines(a[i]), o[n].Range).StartLine
					}
					return nil, dependsError(filename, line, "a document of the template", "in one rendering only")
				}
				other = append(other, o)
			}
			for j := range got {
				vs := []any{got[j].Value}
				for _, o := range other {
					vs = append(vs, o[j].Value)
				}
				v, c := settle(vs, parsers.Path{})
				if c != nil {
					r, _ := got[j].Map.Lookup(c.at)
					return nil, dependsError(filename, mapRange(lm, r).StartLine, "the value at "+pointerOrRoot(c.at), c.what)
				}
				got[j].Value = v
			}
		}
		for _, d := range got {
			d.Index = len(docs)
			d.Range = mapRange(lm, d.Range)
			d.Map = mapSourceMap(lm, d.Map)
			docs = append(docs, d)
		}
	}
	return docs, nil
}

// renderedError is the parse error of a rendered template that is not
// YAML, on the template's line (when says in which rendering).
func renderedError(err error, lm lineMap, when string) error {
	var perr *parsers.ParseError
	if !errors.As(err, &perr) {
		return err
	}
	e := *perr
	e.Msg = "the rendered template is not valid YAML" + when + ": " + e.Msg
	e.Col = 0
	if s, ok := lm.at(e.Line, e.Line); ok {
		e.Line = s.start
	}
	return &e
}

// dependsError reports what a random or clock function decides other
// than a string (see settle): subject is what is, for what.
func dependsError(filename string, line int, subject, what string) error {
	return &parsers.ParseError{File: filename, Line: line,
		Msg: "helm template: " + subject + " depends on a random or clock function (" + what +
			", where randInt, now... give other values): make it depend on the chart's values, which infragate can judge"}
}

func pointerOrRoot(p parsers.Path) string {
	if len(p) == 0 {
		return "the document's root"
	}
	return p.String()
}

// Generated is what a string becomes when the renderings of a chart give
// it differently and it is made, not picked, by a random or clock
// function (randAlphaNum, uuidv4, genPrivateKey, now | date, or a string
// built from one: its base64, its sha256sum; see generated), so it is not
// written in the repository and a deployment will not have this value. Like any value with "{{", the built-in rules treat it
// as unknown. The renderings are deterministic (see generatedFuncs), so
// output is the same from run to run.
const Generated = "{{ generated when the chart is rendered }}"

// conflict is a difference between two renderings that settle cannot
// make Generated.
type conflict struct {
	at   parsers.Path
	what string // "false in one rendering, true in another"
}

// settle returns the value of the first rendering (vs[0], at path at of
// a document) with every string that differs in the others (vs[1:]) and
// that they made (see generated) replaced by Generated. Any other
// difference cannot be settled: a string picked among a few, a boolean, a
// number or null that differs, a string in one and not another, a key or
// an element present in one only. A policy would judge one value where a
// deployment may get another (`privileged: {{ eq (randInt 0 2) 1 }}` is
// false in one rendering, true in the other; `image: nginx:{{ ternary
// "latest" "1.25" (eq (randInt 0 2) 1) }}` is nginx:1.25 in one,
// nginx:latest in the other), so the first such difference, in key
// order, is returned instead.
func settle(vs []any, at parsers.Path) (any, *conflict) {
	switch x := vs[0].(type) {
	case map[string]any:
		ys := make([]map[string]any, len(vs))
		keys := map[string]bool{}
		for i, v := range vs {
			y, ok := v.(map[string]any)
			if !ok {
				return scalar(vs, at)
			}
			ys[i] = y
			for k := range y {
				keys[k] = true
			}
		}
		out := make(map[string]any, len(x))
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			ws := make([]any, len(ys))
			for i, y := range ys {
				w, ok := y[k]
				if !ok {
					return nil, &conflict{at.Child(k), "in one rendering only"}
				}
				ws[i] = w
			}
			s, c := settle(ws, at.Child(k))
			if c != nil {
				return nil, c
			}
			out[k] = s
		}
		return out, nil
	case []any:
		ys := make([][]any, len(vs))
		n := len(x)
		for i, v := range vs {
			y, ok := v.([]any)
			if !ok {
				return scalar(vs, at)
			}
			ys[i] = y
			n = min(n, len(y))
		}
		out := make([]any, len(x))
		for j := range n {
			ws := make([]any, len(ys))
			for i, y := range ys {
				ws[i] = y[j]
			}
			s, c := settle(ws, at.Index(j))
			if c != nil {
				return nil, c
			}
			out[j] = s
		}
		for _, y := range ys {
			if len(y) != len(x) {
				return nil, &conflict{at.Index(n), "in one rendering only"}
			}
		}
		return out, nil
	}
	return scalar(vs, at)
}

// scalar settles values that are not all mappings or all lists (see
// settle).
func scalar(vs []any, at parsers.Path) (any, *conflict) {
	key := func(v any) string { return fmt.Sprintf("%T %v", v, v) }
	strs := make([]string, 0, len(vs))
	differ := -1
	for i, v := range vs {
		if s, ok := v.(string); ok {
			strs = append(strs, s)
		}
		if differ < 0 && key(v) != key(vs[0]) {
			differ = i
		}
	}
	switch {
	case differ < 0:
		return vs[0], nil
	case len(strs) == len(vs) && generated(strs):
		return Generated, nil
	}
	return nil, &conflict{at, describe(vs[0]) + " in one rendering, " + describe(vs[differ]) + " in another"}
}

// generated reports whether a string that differs between the renderings
// (ss, by variant) was made by the random and clock functions rather than
// picked by them. Each rendering is cut into words (runs of letters,
// digits, +, / and =, which base64 and hexadecimal text are) and the
// characters between them. A string is made when the three renderings
// have as many words and the same characters between them, and each word
// is the same in all three or different in each: a password, a UUID, a
// date (each of its fields), the base64 or the sha256sum of one. A word
// that two renderings give alike and the third not is a pick among a few
// values (variant 2 picks as variant 0; a choice between two values
// repeats one), as is a word made of a pick glued to made text, which
// the first and third renderings start or end alike (by at least
// gluedPick characters more than all three do).
func generated(ss []string) bool {
	if len(ss) != variants {
		return false
	}
	var ws [variants][]string
	for i, s := range ss {
		ws[i] = words(s)
		if len(ws[i]) != len(ws[0]) {
			return false
		}
	}
	made := false
	for k := range ws[0] {
		a, b, c := ws[0][k], ws[1][k], ws[2][k]
		switch {
		case a == b && b == c:
			continue
		case a == b || b == c || a == c || !isWord(a) || !isWord(b) || !isWord(c):
			return false
		}
		all := min(commonPrefix(a, b), commonPrefix(b, c))
		end := min(commonSuffix(a, b), commonSuffix(b, c))
		if commonPrefix(a, c) >= all+gluedPick || commonSuffix(a, c) >= end+gluedPick {
			return false
		}
		made = true
	}
	return made
}

// gluedPick is how many characters more than all three renderings the
// first and third must start or end a word alike for generated to see a
// pick glued to made text (`{{ ternary "latest" "stable" c }}{{ randAlpha
// 5 }}`): fewer may be chance (two sha256sums starting with the same
// digit).
const gluedPick = 4

// words cuts s into words (runs of inWord characters) and the single
// characters between them.
func words(s string) []string {
	var out []string
	for len(s) > 0 {
		n := strings.IndexFunc(s, func(r rune) bool { return !inWord(r) })
		switch {
		case n < 0:
			n = len(s)
		case n == 0:
			_, n = utf8.DecodeRuneInString(s)
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

func inWord(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '/' || r == '='
}

func isWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return inWord(r)
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// describe names a rendered value in a message.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case string:
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return strconv.Quote(v)
	}
	return fmt.Sprint(v)
}

// file returns the bytes read for the file at rel.
func (c *chartState) file(rel string) ([]byte, bool) {
	for _, f := range c.files {
		if f.rel == rel {
			return f.data, true
		}
	}
	return nil, false
}

// Manifest parses a chart's Chart.yaml as YAML and reports what keeps the
// chart from rendering as a whole: a dependency it names that charts/ does
// not hold, or a chart that does not load, on the line that names it.
type Manifest struct{ member }

// Parse parses Chart.yaml, then reports the chart's own problems.
func (m *Manifest) Parse(filename string, src []byte) ([]parsers.Document, error) {
	docs, err := m.base.Parse(filename, src)
	if err != nil {
		return nil, err
	}
	if err := m.chart.load(); err != nil {
		return nil, chartError(filename, err)
	}
	r := m.chart.render(context.Background())
	if r.err != nil && m.rel == "Chart.yaml" {
		return nil, chartError(filename, r.err)
	}
	if names := r.missing[m.rel]; len(names) > 0 {
		return nil, &parsers.ParseError{File: filename, Line: dependencyLine(src, names[0]),
			Msg: fmt.Sprintf("dependency %s is not in charts/: run helm dependency build before infragate, or vendor it (a deployment would render it unseen)", strings.Join(names, ", "))}
	}
	// What the archived subcharts in charts/ deploy is judged here: an
	// archive is not a file infragate reads, and its templates have no
	// lines in the repository. Their documents are on the line of the
	// dependency entry (else line 1).
	charts := path.Join(path.Dir(m.rel), "charts")
	for _, rel := range slices.Sorted(maps.Keys(r.out)) {
		if path.Dir(rel) != charts || !isArchive(rel) {
			continue
		}
		line := dependencyLine(src, archiveChartName(path.Base(rel)))
		at := func(out string) lineMap {
			spans := make([]span, strings.Count(out, "\n")+1)
			for i := range spans {
				spans[i] = span{line, line}
			}
			return lineMap{spans: spans}
		}
		if docs, err = m.parseOutputs(filename, r.out[rel], others(r.again, rel), at, docs); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

func isArchive(name string) bool {
	return strings.HasSuffix(name, ".tgz") || strings.HasSuffix(name, ".tar.gz")
}

// archiveChartName guesses a chart's name from its archive's name, as
// helm package names it: "db-1.2.3.tgz" is db.
func archiveChartName(name string) string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".tgz"), ".tar.gz")
	for i := len(name) - 1; i > 0; i-- {
		if name[i] == '-' && i+1 < len(name) && name[i+1] >= '0' && name[i+1] <= '9' {
			return name[:i]
		}
	}
	return name
}

// dependencyLine finds the line of the dependency entry named name in a
// Chart.yaml (1 when it cannot be told).
func dependencyLine(src []byte, name string) int {
	in := false
	for i, line := range strings.Split(string(src), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(line, "dependencies:") {
			in = true
			continue
		}
		if in && line != "" && line[0] != ' ' && line[0] != '-' && line[0] != '#' {
			in = false
		}
		if !in {
			continue
		}
		trimmed = strings.TrimPrefix(trimmed, "- ")
		if v, ok := strings.CutPrefix(trimmed, "name:"); ok && strings.Trim(strings.TrimSpace(v), `"'`) == name {
			return i + 1
		}
	}
	return 1
}

func mapRange(lines lineMap, r parsers.Range) parsers.Range {
	s, ok := lines.at(r.StartLine, r.EndLine)
	if !ok {
		return parsers.Range{StartLine: 1, EndLine: 1}
	}
	return parsers.Range{StartLine: s.start, EndLine: s.end}
}

func mapSourceMap(lines lineMap, m *parsers.SourceMap) *parsers.SourceMap {
	out := &parsers.SourceMap{}
	for _, e := range m.Entries() {
		out.Set(parsers.ParsePointer(e.Pointer), mapRange(lines, e.Range))
	}
	return out
}

// ChartOf returns the outermost chart that holds the file at name (a path
// under bound): the nearest directory above it with a Chart.yaml, or the
// chart whose charts/ directory holds that one. ok is false when no such
// directory is found below bound.
func ChartOf(bound, name string) (root string, ok bool) {
	inBound := func(dir string) bool { return fspath.Within(bound, dir) && isChart(dir) }
	for d := filepath.Dir(name); fspath.Within(bound, d); d = filepath.Dir(d) {
		if r := outermost(d, inBound); r != "" {
			return r, true
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", false
}

// IsTemplate reports whether the file at name (absolute, or relative with
// its templates/ directory) is a template that Helm
// renders into a release: a file under the templates/ directory of a chart
// (the directory beside a Chart.yaml), whatever its extension, except
// partials and NOTES.txt. Files of other formats that are templates are
// read as YAML through Wrap's parser.
func IsTemplate(name string) bool {
	if !strings.Contains(filepath.ToSlash(name), "/templates/") && !strings.HasPrefix(filepath.ToSlash(name), "templates/") {
		return false // no look-ups for other files
	}
	abs, err := filepath.Abs(name)
	if err != nil || !isTemplate(abs) {
		return false
	}
	for d := filepath.Dir(abs); filepath.Dir(d) != d; d = filepath.Dir(d) {
		if filepath.Base(d) == "templates" && isChart(filepath.Dir(d)) {
			return true
		}
	}
	return false
}

// Rendered lists the files of the chart at root whose results depend on
// the whole chart: the templates of the chart and of the subcharts in its
// charts/ directory (see isTemplate), and their Chart.yaml files (see
// Manifest), as paths under root (slash separated), sorted.
//
// It lists at least what rendering reads: links are followed wherever
// they lead (rendering refuses those that leave the repository, on
// Chart.yaml and each template), and when the chart cannot be read as a
// whole (a link cycle, a .helmignore that does not parse), what was read
// is listed with the chart's Chart.yaml, which reports the problem. The
// error is for a root that is no chart.
func Rendered(root string) ([]string, error) {
	if !isChart(root) {
		return nil, fmt.Errorf("%s holds no Chart.yaml", root)
	}
	r := &chartReader{names: true, entries: maxEntries}
	if repo := repository(root, root); hasGit(repo) {
		r.repo = repo
	}
	err := r.read(root)
	out := []string{}
	if err != nil {
		out = append(out, "Chart.yaml")
	}
	for _, f := range r.out {
		if (isTemplate(f.rel) && inTemplates(f.rel)) || isManifest(f.rel) {
			out = append(out, f.rel)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func hasGit(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

// inChart returns a path in a chart (rel) as a path in the innermost
// (sub)chart that holds it: "charts/db/templates/x.yaml" is
// "templates/x.yaml".
func inChart(rel string) string {
	for {
		sub, ok := strings.CutPrefix(rel, "charts/")
		if !ok {
			return rel
		}
		_, rest, ok := strings.Cut(sub, "/")
		if !ok {
			return rel
		}
		rel = rest
	}
}

// isManifest reports whether rel (a path in a chart) is the Chart.yaml of
// the chart or of one of its subcharts.
func isManifest(rel string) bool { return inChart(rel) == "Chart.yaml" }

// inTemplates reports whether rel (a path in a chart) is under the
// templates/ directory of the chart or of one of its subcharts.
func inTemplates(rel string) bool { return strings.HasPrefix(inChart(rel), "templates/") }
