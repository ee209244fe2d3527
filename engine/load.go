package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/yaml"

	"github.com/infragate/infragate/parsers"
)

// BuiltinPrefix is the package prefix of the built-in library. Its packages
// are evaluated whenever the library is loaded, whatever --namespace says.
const BuiltinPrefix = "infragate.rules."

var (
	failureRule = regexp.MustCompile(`^(deny|violation)(_[a-zA-Z0-9]+)*$`)
	warningRule = regexp.MustCompile(`^warn(_[a-zA-Z0-9]+)*$`)
)

// ruleLevel returns the level of results of a rule named name, and whether
// the name is a rule infragate (and conftest) evaluates at all.
func ruleLevel(name string) (Level, bool) {
	switch {
	case failureRule.MatchString(name):
		return LevelFailure, true
	case warningRule.MatchString(name):
		return LevelWarning, true
	}
	return "", false
}

// exceptionName is the name an `exception` rule uses for a rule: the rule
// name without its deny_/violation_/warn_ prefix ("" for the bare names).
func exceptionName(rule string) string {
	for _, p := range []string{"deny", "violation", "warn"} {
		if rule == p {
			return ""
		}
		if strings.HasPrefix(rule, p+"_") {
			return strings.TrimPrefix(rule, p+"_")
		}
	}
	return rule
}

// policySource is one Rego file to load.
type policySource struct {
	name    string // file name as shown in messages
	src     []byte
	builtin bool
}

// readPolicies collects the .rego files (not *_test.rego unless withTests)
// under the given files and directories.
func readPolicies(paths []string, withTests bool) ([]policySource, error) {
	var out []policySource
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("policy path %s: %w", p, unwrapPathError(err))
		}
		if !info.IsDir() {
			src, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			out = append(out, policySource{name: p, src: src})
			continue
		}
		err = filepath.WalkDir(p, func(file string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				// conftest (OPA's loader) reads policies in hidden
				// directories too (policy/.shared/); only .git is skipped.
				if file != p && d.Name() == ".git" {
					return filepath.SkipDir
				}
				return nil
			}
			if !isPolicyFile(file, withTests) {
				return nil
			}
			src, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			out = append(out, policySource{name: file, src: src})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readFSPolicies collects the .rego files of an embedded library.
func readFSPolicies(fsys fs.FS, withTests bool) ([]policySource, error) {
	var out []policySource
	err := fs.WalkDir(fsys, ".", func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isPolicyFile(file, withTests) {
			return err
		}
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return err
		}
		out = append(out, policySource{name: path.Join("builtin", file), src: src, builtin: true})
		return nil
	})
	return out, err
}

func isPolicyFile(name string, withTests bool) bool {
	if !strings.HasSuffix(name, ".rego") {
		return false
	}
	return withTests || !strings.HasSuffix(name, "_test.rego")
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// parseModules parses policy sources. User modules use version v; the
// built-in library is always Rego v1.
func parseModules(srcs []policySource, v ast.RegoVersion) (map[string]*ast.Module, error) {
	mods := make(map[string]*ast.Module, len(srcs))
	var errs ast.Errors
	for _, s := range srcs {
		ver := v
		if s.builtin {
			ver = ast.RegoV1
		}
		m, err := ast.ParseModuleWithOpts(s.name, string(s.src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ver})
		if err != nil {
			if aerrs, ok := err.(ast.Errors); ok {
				errs = append(errs, aerrs...)
				continue
			}
			return nil, err
		}
		if m == nil {
			continue // empty file
		}
		mods[s.name] = m
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return mods, nil
}

// loadData reads JSON and YAML data files (and directories of them) into
// one document for `data`, placed as conftest places them (it uses OPA's
// loader): a file named directly is merged at the root of data; a file
// inside a directory is merged under its subdirectories, relative to
// that directory (with -d data, data/registries/list.yaml is
// data.registries); a path may be prefixed with where to put it
// (-d foo.bar:limits.yaml is data.foo.bar). Only .json, .yaml and .yml
// files are read (the extension is case-sensitive, as in conftest), and
// only a file placed at the root must hold an object. A key that two
// files set is an error naming both, unless both values are objects.
func loadData(paths []string) (map[string]any, error) {
	l := dataLoader{out: map[string]any{}, owners: map[string]string{}}
	for _, p := range paths {
		prefix, file := splitDataPrefix(p)
		if err := l.load(file, prefix, true); err != nil {
			return nil, err
		}
	}
	return l.out, nil
}

// dataLoader merges data files into out, remembering which file set each
// key so that a conflict names both.
type dataLoader struct {
	out    map[string]any
	owners map[string]string // dotted key -> the data file that set it
	// dirs are the directories being read, so that a symbolic link to one
	// of them does not recurse forever.
	dirs []string
}

// splitDataPrefix splits OPA's "a.b:path" into the place in data and the
// path. A path with "://" (a URL) or without a prefix has none.
func splitDataPrefix(p string) ([]string, string) {
	if strings.Index(p, "://") == strings.Index(p, ":") {
		return nil, p
	}
	before, after, _ := strings.Cut(p, ":")
	if before == "" {
		return nil, p
	}
	return strings.Split(before, "."), after
}

// load reads file, or the directory file, into data at place. top is a
// path given on the command line: its own name is not part of the place.
func (l *dataLoader) load(file string, place []string, top bool) error {
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("data path %s: %w", file, unwrapPathError(err))
	}
	if !info.IsDir() {
		if !isDataFile(file) {
			if top {
				return fmt.Errorf("data file %s: not a .json, .yaml or .yml file (conftest would ignore it: data files are read by their extension)", file)
			}
			return nil
		}
		return l.add(file, place)
	}
	real, err := filepath.EvalSymlinks(file)
	if err != nil {
		return fmt.Errorf("data path %s: %w", file, unwrapPathError(err))
	}
	if slices.Contains(l.dirs, real) {
		return fmt.Errorf("data path %s: a symbolic link loops back to %s", file, real)
	}
	l.dirs = append(l.dirs, real)
	defer func() { l.dirs = l.dirs[:len(l.dirs)-1] }()
	if !top {
		place = append(place[:len(place):len(place)], info.Name())
	}
	entries, err := os.ReadDir(file)
	if err != nil {
		return fmt.Errorf("data path %s: %w", file, unwrapPathError(err))
	}
	for _, d := range entries { // sorted by name
		if err := l.load(filepath.Join(file, d.Name()), place, false); err != nil {
			return err
		}
	}
	return nil
}

func isDataFile(name string) bool {
	switch filepath.Ext(name) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// add merges one data file at place.
func (l *dataLoader) add(file string, place []string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	js := src
	if filepath.Ext(file) != ".json" {
		if js, err = yaml.YAMLToJSON(src); err != nil {
			return dataSyntaxError(file, src, err)
		}
	}
	// Numbers stay exact, as OPA's loader keeps them.
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("data file %s is empty", file)
		}
		return dataSyntaxError(file, src, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("data file %s: more than one JSON value", file)
	}
	for i := len(place) - 1; i >= 0; i-- {
		v = map[string]any{place[i]: v}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("data file %s: top level must be an object", file)
	}
	return mergeData(l.out, obj, file, "", l.owners)
}

// dataSyntaxError is a data file that does not parse, as file:line when
// the parser says where.
func dataSyntaxError(file string, src []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + strings.Count(string(src[:min(int(se.Offset), len(src))]), "\n")
		return fmt.Errorf("%s:%d: data file is not valid JSON: %v", file, line, err)
	}
	msg := strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if _, serr := fmt.Sscanf(msg, "line %d:", &line); serr == nil && line > 0 {
		return fmt.Errorf("%s:%d: data file is not valid YAML: %s", file, line, strings.TrimSpace(msg[strings.Index(msg, ":")+1:]))
	}
	return fmt.Errorf("data file %s: %w", file, err)
}

// mergeData merges one data file's object into dst, recording in owners
// (when not nil) which file set each key, so that a conflict names both
// files and the key.
func mergeData(dst, src map[string]any, file, prefix string, owners map[string]string) error {
	for _, k := range slices.Sorted(maps.Keys(src)) {
		v := src[k]
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		if cur, ok := dst[k]; ok {
			a, aok := cur.(map[string]any)
			b, bok := v.(map[string]any)
			if !aok || !bok {
				return fmt.Errorf("data file %s: %s is also set by %s; data files are merged into one data document, so a key may be in only one of them (unless both values are objects)", file, key, ownerOf(owners, key))
			}
			if err := mergeData(a, b, file, key, owners); err != nil {
				return err
			}
			continue
		}
		dst[k] = v
		if owners != nil {
			owners[key] = file
		}
	}
	return nil
}

// ownerOf returns the file that set key or the nearest of its ancestors.
func ownerOf(owners map[string]string, key string) string {
	for {
		if f, ok := owners[key]; ok {
			return f
		}
		i := strings.LastIndex(key, ".")
		if i < 0 {
			return "another data file"
		}
		key = key[:i]
	}
}

// matchNamespace reports whether package path pkg (e.g. "main",
// "terraform.aws") matches one of the globs.
func matchNamespace(globs []string, pkg string) bool {
	for _, g := range globs {
		if ok, _ := path.Match(g, pkg); ok {
			return true
		}
	}
	return false
}

// packagePath renders a package ref without its "data." prefix.
func packagePath(p *ast.Package) string {
	return strings.TrimPrefix(p.Path.String(), "data.")
}

// libraryFor returns the built-in sources to compile for documents of the
// given formats: helper modules always, and the modules of rule packages
// (BuiltinPrefix) that apply to at least one of the formats. A merge
// request that touches one YAML file then does not parse or compile the
// Terraform rules. Leaving out a package is the same selection that
// Options.Applies makes per document, made before compiling instead, so
// it needs two more promises: the library's helpers never read its rule
// packages (TestLibraryHelpersDoNotReadRules), and no user module can
// (libraryReadable). A source whose package clause cannot be read is kept.
// needed, when not nil, leaves out the rule packages it returns false for.
func libraryFor(lib []policySource, formats []parsers.Format, applies func(string, parsers.Format) bool, needed func(string) bool) []policySource {
	out := lib[:0:0]
	for _, s := range lib {
		pkg := packageClause(s.src)
		keep := pkg == "" || !strings.HasPrefix(pkg, BuiltinPrefix)
		if !keep {
			for _, f := range formats {
				keep = keep || applies(pkg, f)
			}
			keep = keep && (needed == nil || needed(pkg))
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// packageClause returns the package a Rego source declares, from its first
// line that is neither blank nor a comment; "" when that line is not a
// plain package clause.
func packageClause(src []byte) string {
	for rest := string(src); rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		name, ok := strings.CutPrefix(line, "package ")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t#[\"") {
			return ""
		}
		return name
	}
	return ""
}

// libraryReadable reports whether a module can read the library's rule
// packages: it is one of them, or it refers to data at a path that is, or
// leads to, one of them (data, data.infragate, data.infragate.rules.x,
// data[k]).
func libraryReadable(mods map[string]*ast.Module) bool {
	rules := strings.Split(strings.TrimSuffix(BuiltinPrefix, "."), ".")
	reads := func(ref ast.Ref) bool {
		if !ref.HasPrefix(ast.DefaultRootRef) {
			return false
		}
		for i, p := range rules {
			if i+1 >= len(ref) {
				return true
			}
			s, ok := ref[i+1].Value.(ast.String)
			if !ok {
				return true
			}
			if string(s) != p {
				return false
			}
		}
		return true
	}
	for _, m := range mods {
		if reads(m.Package.Path) {
			return true
		}
		found := false
		ast.WalkRefs(m, func(ref ast.Ref) bool {
			found = found || reads(ref)
			return found
		})
		if found {
			return true
		}
	}
	return false
}
