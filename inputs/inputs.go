// Package inputs finds the files a run evaluates: the paths given on the
// command line (files, directories walked recursively, or "-" for stdin),
// minus ignored paths, each paired with the parser for its format.
package inputs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/internal/fspath"
	"github.com/infragate/infragate/internal/glob"
	"github.com/infragate/infragate/parsers"
	yaml "go.yaml.in/yaml/v3"
)

// SkipDir reports whether a directory of that name is never walked into
// (.git, .terraform, node_modules).
func SkipDir(name string) bool {
	switch name {
	case ".git", ".terraform", "node_modules":
		return true
	}
	return false
}

// Options configures Collect.
type Options struct {
	// Registry holds the parsers by format.
	Registry parsers.Registry
	// Parser forces a format for every file (--parser); "" detects by name.
	Parser string
	// Ignore skips matching paths (relative to the working directory).
	Ignore []string
	// Stdin is read for the path "-"; StdinName names it in reports.
	Stdin     io.Reader
	StdinName string
	// Dir is the working directory names are made relative to ("" = os.Getwd).
	Dir string
	// SkipUnknown passes over named files of unknown format instead of
	// failing (for file lists from git, CI systems and pre-commit).
	SkipUnknown bool
	// SkipMissing reports named paths that do not exist as Skipped (Gone)
	// instead of failing: a file list from git names the files a change
	// deleted too.
	SkipMissing bool
	// Claim, when set, gives the format of a file its name does not give
	// one (a Helm chart's templates/pod.txt is deployed as YAML), read by
	// that format's parser.
	Claim func(file string) (parsers.Format, bool)
	// Found, when set, is called with each file as soon as it is found,
	// in the order found, so that evaluation can start before the whole
	// tree is walked. Result.Files still lists every file, sorted.
	Found func(engine.File)
}

// Skipped is a path that was found but not evaluated, with the reason.
type Skipped struct {
	Name   string
	Reason string
	// Gone is set for a named path that does not exist (SkipMissing).
	Gone bool
	// Unreadable is set for a directory that could not be read: what it
	// holds is unknown, which blocks.
	Unreadable bool
}

// walkError reports a path the walk could not read. What an unreadable
// directory holds cannot be judged: that blocks (Unreadable), as an
// unreadable file does.
func (c *collector) walkError(file string, d fs.DirEntry, err error) error {
	if d != nil && d.IsDir() {
		c.addSkipped(Skipped{Name: c.display(file), Reason: "cannot read the directory: " + errText(err), Unreadable: true})
		return filepath.SkipDir
	}
	c.skip(file, err.Error())
	return nil
}

// errText is an error without the path a *fs.PathError repeats.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Result is what Collect found.
type Result struct {
	Files   []engine.File
	Skipped []Skipped
	// Unread are found files in formats that conftest reads and no
	// parser here claims (OtherFormat), sorted: they are not evaluated,
	// and a user who knows conftest should be told.
	Unread []string
}

// otherFormats are the extensions of the formats conftest reads that
// infragate does not (ignore files left out: conftest reads every
// .gitignore, which no one writes policies for).
var otherFormats = map[string]string{
	".xml": "XML", ".hocon": "HOCON", ".cue": "CUE", ".edn": "EDN",
	".jsonnet": "Jsonnet", ".libsonnet": "Jsonnet", ".vcl": "VCL",
	".textproto": "textproto", ".jsonc": "JSON with comments", ".json5": "JSON5",
}

// OtherFormat names the format of a file that conftest reads and
// infragate does not ("" for any other file).
func OtherFormat(name string) string {
	return otherFormats[strings.ToLower(filepath.Ext(name))]
}

// Collect resolves paths into files to evaluate, sorted by name. A missing
// path (unless SkipMissing) or an explicitly named file of unknown format
// (unless SkipUnknown) is an error; files of unknown format inside
// directories are passed over (those of conftest's other formats are
// listed in Unread).
func Collect(paths []string, opts Options) (*Result, error) {
	if opts.Dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		opts.Dir = wd
	} else if abs, err := filepath.Abs(opts.Dir); err == nil {
		opts.Dir = abs
	}
	var ignore []*glob.Pattern
	for _, g := range opts.Ignore {
		p, err := glob.Compile(g)
		if err != nil {
			return nil, err
		}
		ignore = append(ignore, p)
	}
	c := collector{opts: opts, ignore: ignore, seen: map[string]bool{}, res: &Result{}}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	stats := lstatAll(paths)
	for i, p := range paths {
		if err := c.add(p, stats[i]); err != nil {
			return nil, err
		}
	}
	sort.Slice(c.res.Files, func(i, j int) bool { return c.res.Files[i].Name < c.res.Files[j].Name })
	sort.Slice(c.res.Skipped, func(i, j int) bool { return c.res.Skipped[i].Name < c.res.Skipped[j].Name })
	slices.Sort(c.res.Unread)
	c.res.Unread = slices.Compact(c.res.Unread)
	return c.res, nil
}

type collector struct {
	opts    Options
	ignore  []*glob.Pattern
	seen    map[string]bool
	skipped map[string]bool
	res     *Result
	// realDirs caches the symlink-free form of directories escapes has
	// resolved: file lists name thousands of files in few directories.
	realDirs map[string]string
}

// lstatResult is what os.Lstat said about a named path.
type lstatResult struct {
	info fs.FileInfo
	err  error
}

// lstatMinPaths is the length of a path list from which the paths are
// looked at in parallel: file lists from git or CI name thousands of files.
const lstatMinPaths = 256

// lstatAll looks at long path lists on every CPU; for short ones it
// returns nils and add looks at each path itself.
func lstatAll(paths []string) []*lstatResult {
	if len(paths) < lstatMinPaths {
		return make([]*lstatResult, len(paths))
	}
	out := make([]*lstatResult, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				if paths[i] != "-" {
					info, err := os.Lstat(paths[i])
					out[i] = &lstatResult{info, err}
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// add collects a named path; st is its Lstat when already known.
func (c *collector) add(p string, st *lstatResult) error {
	if p == "-" {
		return c.addStdin()
	}
	// One Lstat answers for most named files (not links); a link is
	// followed with Stat.
	if st == nil {
		info, err := os.Lstat(p)
		st = &lstatResult{info, err}
	}
	info, err := st.info, st.err
	linked := err == nil && info.Mode()&fs.ModeSymlink != 0
	if linked {
		info, err = os.Stat(p)
	}
	if err != nil {
		if linked {
			c.skip(p, "broken or looping symbolic link")
			return nil
		}
		if c.opts.SkipMissing && errors.Is(err, fs.ErrNotExist) {
			// Reported when it would have been evaluated; a deleted
			// README is of no interest, as an existing one is not.
			if _, _, ok, _ := c.formatFor(p, false); ok || !c.opts.SkipUnknown {
				c.skipGone(p)
			}
			return nil
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: %w", p, err)
	}
	if c.escapes(p, linked) {
		c.skip(p, "symbolic link points outside the working directory; not followed")
		return nil
	}
	if linked {
		if real, err := filepath.EvalSymlinks(p); err == nil && fspath.InGit(real) {
			c.skip(p, gitLink)
			return nil
		}
	}
	if !info.IsDir() && !info.Mode().IsRegular() && c.opts.SkipUnknown {
		// A file list names files; a pipe or device in one is not read
		// (named on the command line, one is: `check --parser yaml <(...)`).
		c.skipSpecial(p, info.Mode())
		return nil
	}
	if !info.IsDir() {
		parser, format, ok, err := c.formatFor(p, !c.opts.SkipUnknown)
		if err != nil {
			return err
		}
		if ok {
			c.addFile(p, parser, format)
		} else if OtherFormat(p) != "" {
			c.res.Unread = append(c.res.Unread, c.display(p))
		}
		return nil
	}
	// Links are followed while they stay inside the working directory (or
	// inside the walked directory, when that is elsewhere): what a link
	// points to in the repository is what tools using it will read.
	root, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	bound := "the working directory"
	if fspath.Within(c.opts.Dir, root) {
		root = c.opts.Dir
	} else {
		bound = filepath.ToSlash(p)
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	return filepath.WalkDir(p, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			return c.walkError(file, d, err)
		}
		if d.IsDir() {
			if file != p && (SkipDir(d.Name()) || c.ignored(file)) {
				return filepath.SkipDir
			}
			return nil
		}
		if c.ignored(file) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(file)
			if err == nil && !filepath.IsAbs(target) {
				target, err = filepath.Abs(target) // root is absolute
			}
			if err != nil {
				c.skip(file, "broken or looping symbolic link")
				return nil
			}
			if !fspath.Within(root, target) {
				c.skip(file, "symbolic link points outside "+bound+"; not followed")
				return nil
			}
			if rel, err := filepath.Rel(root, target); err == nil && fspath.InGit(rel) {
				c.skip(file, gitLink)
				return nil
			}
			st, err := os.Stat(target)
			if err == nil && st.IsDir() && file == p {
				// Named: say why nothing comes of it.
				c.skip(file, "symbolic link to a directory; not followed (name the directory it points to)")
				return nil
			}
			if err != nil || st.IsDir() {
				return nil // links to directories are not followed
			}
			if !st.Mode().IsRegular() {
				c.skipSpecial(file, st.Mode())
				return nil
			}
		} else if !d.Type().IsRegular() {
			c.skipSpecial(file, d.Type())
			return nil
		}
		parser, format, ok, _ := c.formatFor(file, false)
		if ok {
			c.addFile(file, parser, format)
		} else if OtherFormat(file) != "" {
			c.res.Unread = append(c.res.Unread, c.display(file))
		}
		return nil
	})
}

func (c *collector) addStdin() error {
	if c.opts.Stdin == nil {
		return errors.New("no standard input to read for \"-\"")
	}
	src, err := io.ReadAll(c.opts.Stdin)
	if err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	name := c.opts.StdinName
	if name == "" {
		name = "stdin"
	}
	format := string(stdinFormat(c.opts))
	parser, err := c.opts.Registry.Lookup(format)
	if err != nil {
		return err
	}
	if stdinDefaulted(c.opts) {
		parser = stdinYAML{parser}
	}
	c.keep(engine.File{Name: name, Content: src, Parser: parser, Format: parsers.Format(format)})
	return nil
}

// stdinDefaulted reports whether standard input is read as YAML only
// because nothing named its format (no --parser, no --stdin-filename
// with a known extension).
func stdinDefaulted(opts Options) bool {
	if opts.Parser != "" {
		return false
	}
	_, ok := parsers.DetectFormat(opts.StdinName)
	return !ok || opts.StdinName == ""
}

// stdinYAML is the YAML parser of standard input read as YAML by default.
// Nearly any text is valid YAML: Terraform or a Dockerfile piped without
// --parser reads as one string, which no policy finds anything wrong
// with. A document that is a bare scalar is therefore a parse error that
// says to name the format.
type stdinYAML struct{ parsers.Parser }

// stdinScalarMsg is the parse error of a scalar document on default stdin.
const stdinScalarMsg = "standard input was read as YAML (the default) and this document is a plain %s, not a mapping or a list: " +
	"name the input's format with --parser (e.g. --parser hcl2) or --stdin-filename (e.g. --stdin-filename main.tf)"

func (p stdinYAML) Parse(filename string, src []byte) ([]parsers.Document, error) {
	var docs []parsers.Document
	err := p.ParseEach(filename, src, func(d parsers.Document) error {
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

func (p stdinYAML) ParseEach(filename string, src []byte, yield func(parsers.Document) error) error {
	looked := false
	check := func(d parsers.Document) error {
		// A scalar document is also what the elements of a top-level
		// list of scalars become (conftest evaluates each element): the
		// YAML itself tells, and is read again only in this rare case.
		if scalarKind(d.Value) != "" && !looked {
			looked = true
			if kind, line, ok := topLevelScalar(src); ok {
				return &parsers.ParseError{File: filename, Line: line, Msg: fmt.Sprintf(stdinScalarMsg, kind)}
			}
		}
		return yield(d)
	}
	if s, ok := p.Parser.(parsers.Streamer); ok {
		return s.ParseEach(filename, src, check)
	}
	docs, err := p.Parser.Parse(filename, src)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := check(d); err != nil {
			return err
		}
	}
	return nil
}

// ID names the parser for the engine's result keys.
func (p stdinYAML) ID() string {
	if id, ok := p.Parser.(interface{ ID() string }); ok {
		return "stdin-yaml/" + id.ID()
	}
	return fmt.Sprintf("stdin-yaml/%T%+v", p.Parser, p.Parser)
}

// topLevelScalar finds the first document of a YAML stream that is a
// scalar (not null), with its kind and line.
func topLevelScalar(src []byte) (kind string, line int, ok bool) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			return "", 0, false
		}
		if n.Kind != yaml.DocumentNode || len(n.Content) != 1 {
			continue
		}
		c := n.Content[0]
		if c.Kind != yaml.ScalarNode {
			continue
		}
		switch c.ShortTag() {
		case "!!null":
			continue
		case "!!int", "!!float":
			return "number", c.Line, true
		case "!!bool":
			return "boolean", c.Line, true
		}
		return "string", c.Line, true
	}
}

// scalarKind names the kind of a scalar document value ("" for a mapping,
// a list or an empty document).
func scalarKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number, float64, float32, int, int64, uint64:
		return "number"
	}
	return ""
}

// stdinFormat is the format standard input is read as: --parser, else
// the format of --stdin-filename, else YAML.
func stdinFormat(opts Options) parsers.Format {
	if opts.Parser != "" {
		return parsers.Format(opts.Parser)
	}
	if f, ok := parsers.DetectFormat(opts.StdinName); ok && opts.StdinName != "" {
		return f
	}
	return parsers.YAML
}

// FormatsMaxPaths is the longest path list Formats looks at: it asks the
// file system about each path, and a long list is a large run, where
// knowing the formats saves little.
const FormatsMaxPaths = 256

// Formats returns the formats of the files that Collect can find at paths,
// when the paths alone tell: every path is standard input or a file (not a
// directory: one can hold any format), at most FormatsMaxPaths of them.
// It may name a format no file ends up with (an ignored file), never
// leave one out. ok is false when the paths do not tell.
func Formats(paths []string, opts Options) (formats []parsers.Format, ok bool) {
	if len(paths) == 0 || len(paths) > FormatsMaxPaths {
		return nil, false
	}
	seen := map[parsers.Format]bool{}
	for _, p := range paths {
		f := parsers.Format(opts.Parser)
		if p == "-" {
			f = stdinFormat(opts)
		} else {
			info, err := os.Stat(p)
			if err != nil || info.IsDir() {
				return nil, false
			}
			if f == "" {
				var known bool
				if f, known = parsers.DetectFormat(p); !known && opts.Claim != nil {
					f, known = opts.Claim(p)
				}
				if !known {
					f = "" // never read
				}
			}
		}
		if f != "" && !seen[f] {
			seen[f] = true
			formats = append(formats, f)
		}
	}
	slices.Sort(formats)
	return formats, true
}

// formatFor picks the parser of a file and the format it was chosen for.
// Explicit files of unknown format are an error (the user named them);
// found ones are passed over. --parser forces the format of every named
// file, and of the found files that some format claims or that conftest
// reads (.toml, .ini...): as in conftest, a walk does not take a README or
// a binary for YAML.
func (c *collector) formatFor(file string, explicit bool) (parsers.Parser, parsers.Format, bool, error) {
	f, ok := parsers.DetectFormat(file)
	if !ok && c.opts.Claim != nil {
		f, ok = c.opts.Claim(file)
	}
	if c.opts.Parser != "" && (ok || explicit || OtherFormat(file) != "") {
		p, err := c.opts.Registry.Lookup(c.opts.Parser)
		return p, parsers.Format(c.opts.Parser), err == nil, err
	}
	if !ok {
		if explicit {
			return nil, "", false, fmt.Errorf("%s: unknown file format; name one with --parser (%s)", file, strings.Join(c.opts.Registry.Formats(), ", "))
		}
		return nil, "", false, nil
	}
	p, ok := c.opts.Registry[f]
	if !ok {
		if explicit {
			return nil, "", false, fmt.Errorf("%s: no parser for format %s", file, f)
		}
		return nil, "", false, nil
	}
	return p, f, true, nil
}

func (c *collector) addFile(file string, parser parsers.Parser, format parsers.Format) {
	name := c.display(file)
	if c.seen[name] {
		return
	}
	c.seen[name] = true
	c.keep(engine.File{Name: name, Path: file, Parser: parsers.For(parser, file), Format: format})
}

// keep adds a file to the result and hands it to Options.Found.
func (c *collector) keep(f engine.File) {
	c.res.Files = append(c.res.Files, f)
	if c.opts.Found != nil {
		c.opts.Found(f)
	}
}

func (c *collector) skip(file, reason string) {
	c.addSkipped(Skipped{Name: c.display(file), Reason: reason})
}

// skipGone reports a named path that does not exist (SkipMissing).
func (c *collector) skipGone(file string) {
	c.addSkipped(Skipped{Name: c.display(file), Reason: "does not exist (deleted?); not evaluated", Gone: true})
}

func (c *collector) addSkipped(s Skipped) {
	if c.skipped[s.Name] {
		return // found twice (a walk and a file list)
	}
	if c.skipped == nil {
		c.skipped = map[string]bool{}
	}
	c.skipped[s.Name] = true
	c.res.Skipped = append(c.res.Skipped, s)
}

// skipSpecial reports a named pipe, device or socket found in a walk that
// has the name of a file infragate evaluates. Such files are never opened:
// reading a pipe or a device can block forever or never end.
func (c *collector) skipSpecial(file string, mode fs.FileMode) {
	if _, _, ok, _ := c.formatFor(file, false); !ok {
		return
	}
	kind := "special file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "named pipe"
	case mode&fs.ModeDevice != 0:
		kind = "device"
	case mode&fs.ModeSocket != 0:
		kind = "socket"
	}
	c.skip(file, "not a regular file ("+kind+"); not read")
}

// escapes reports whether a path named inside the working directory
// resolves, through symbolic links, to something outside it. File lists
// from git or CI name whatever a change adds, and a change can add a link
// to any file of the machine running the gate. Paths the user names
// outside the working directory are taken as named.
//
// linked says whether p itself is a symbolic link (the caller has seen
// it with Lstat).
func (c *collector) escapes(p string, linked bool) bool {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(c.opts.Dir, p)
	}
	if !fspath.Within(c.opts.Dir, abs) {
		return false
	}
	real, ok := c.realPath(abs, linked)
	if !ok {
		return false
	}
	dir, ok := c.realDir(c.opts.Dir)
	if !ok {
		dir = c.opts.Dir
	}
	return !fspath.Within(dir, real)
}

// gitLink is the reason a link into git's own files is not followed: they
// are no infrastructure, and a checkout's .git/config can hold the job's
// token.
const gitLink = "symbolic link points into .git; not followed"

// realPath is filepath.EvalSymlinks(abs) for a clean absolute path that
// exists, with the parent directory's resolution cached: a file that is
// not itself a link (linked) resolves to its parent's real path joined
// with its name.
func (c *collector) realPath(abs string, linked bool) (string, bool) {
	if linked {
		real, err := filepath.EvalSymlinks(abs)
		return real, err == nil
	}
	parent, ok := c.realDir(filepath.Dir(abs))
	if !ok {
		return "", false
	}
	return filepath.Join(parent, filepath.Base(abs)), true
}

// realDir is filepath.EvalSymlinks(dir) for a clean absolute directory,
// cached: a directory that is not a link resolves to its parent's real
// path joined with its name, so each directory costs one Lstat.
func (c *collector) realDir(dir string) (string, bool) {
	if real, ok := c.realDirs[dir]; ok {
		return real, real != ""
	}
	real := ""
	parent := filepath.Dir(dir)
	if info, err := os.Lstat(dir); err == nil {
		switch {
		case parent == dir: // the root
			real = dir
		case info.Mode()&fs.ModeSymlink != 0:
			if r, err := filepath.EvalSymlinks(dir); err == nil {
				real = r
			}
		default:
			if p, ok := c.realDir(parent); ok {
				real = filepath.Join(p, filepath.Base(dir))
			}
		}
	}
	if c.realDirs == nil {
		c.realDirs = make(map[string]string)
	}
	c.realDirs[dir] = real
	return real, real != ""
}

func (c *collector) ignored(file string) bool {
	name := c.display(file)
	for _, p := range c.ignore {
		if p.Match(name) || p.Match(filepath.ToSlash(file)) {
			return true
		}
	}
	return false
}

// display is the name a file is reported under: relative to the working
// directory when under it, with forward slashes.
func (c *collector) display(file string) string {
	return DisplayName(c.opts.Dir, file)
}

// DisplayName makes file relative to dir when it is under dir, with
// forward slashes.
func DisplayName(dir, file string) string {
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(dir, file)
	}
	if rel, err := filepath.Rel(dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
		if rel = filepath.ToSlash(rel); rel == file {
			return file // the same string, not a copy: a run holds one per file
		}
		return rel
	}
	return filepath.ToSlash(filepath.Clean(file))
}
