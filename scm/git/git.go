// Package git finds what a merge request changes, using the local git
// binary: the changed files (added, modified, renamed, copied, deleted) and,
// for each, the added or modified line ranges in the new version of the file.
//
// infragate scopes its findings with it (--base, --scope files|lines) and
// reads trusted configuration from the base commit (Show). All git output is
// read NUL-separated (-z) or with C-style unquoting, so paths with spaces,
// non-ASCII characters, quotes or newlines survive. Paths are slash-separated
// and relative to the repository's top-level directory; Relative converts them
// for a working directory.
package git

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Errors callers may test with errors.Is. Every error this package returns
// that wraps one of them also says, in words, what the user can do.
var (
	// ErrNotRepo: the directory is not inside a git working tree.
	ErrNotRepo = errors.New("not a git repository")
	// ErrUnknownRef: a revision does not name a commit in this clone.
	ErrUnknownRef = errors.New("unknown git revision")
	// ErrShallow: the clone's history is too shallow to find a merge base.
	ErrShallow = errors.New("git history too shallow to find the merge base")
	// ErrNoMergeBase: the two commits share no history at all.
	ErrNoMergeBase = errors.New("no merge base")
)

// fetchHint is the advice attached to errors caused by missing history.
const fetchHint = "fetch more history, e.g. `git fetch --unshallow` (or `fetch-depth: 0` in actions/checkout), " +
	"and make sure the base branch is fetched (e.g. `git fetch origin main`)"

// Repo is a git working tree.
type Repo struct {
	// Dir is the absolute top-level directory of the working tree.
	Dir string
}

// Open finds the repository containing dir (or the current directory when
// dir is empty). It fails with ErrNotRepo outside a working tree.
func Open(ctx context.Context, dir string) (*Repo, error) {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	probe := &Repo{Dir: abs}
	out, err := probe.output(ctx, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		var ce *cmdError
		if errors.As(err, &ce) && (strings.Contains(ce.stderr, "not a git repository") ||
			strings.Contains(ce.stderr, "must be run in a work tree")) {
			return nil, fmt.Errorf("%w: %s is not inside a git working tree; run infragate from a clone of the repository, or drop --base to check files directly", ErrNotRepo, abs)
		}
		return nil, err
	}
	top := strings.TrimRight(string(out), "\n")
	if top == "" {
		return nil, fmt.Errorf("%w: %s is not inside a git working tree", ErrNotRepo, abs)
	}
	return &Repo{Dir: filepath.FromSlash(top)}, nil
}

// Abs returns the absolute file name of a repository-relative path.
func (r *Repo) Abs(p string) string {
	return filepath.Join(r.Dir, filepath.FromSlash(p))
}

// RelTo returns the repository-relative path p relative to dir (absolute, or
// relative to the process's working directory), in the operating system's
// form. Paths outside dir start with "..".
func (r *Repo) RelTo(dir, p string) (string, error) {
	base, err := canonicalDir(dir)
	if err != nil {
		return "", err
	}
	top, err := canonicalDir(r.Dir)
	if err != nil {
		return "", err
	}
	return filepath.Rel(base, filepath.Join(top, filepath.FromSlash(p)))
}

// Relative returns a copy of changes whose Path and OldPath are relative to
// dir (see RelTo), so they compare equal to the paths a user passes on the
// command line from dir. Changes outside dir get paths starting with "..";
// use Within to drop them.
func (r *Repo) Relative(dir string, changes []Change) ([]Change, error) {
	base, err := canonicalDir(dir)
	if err != nil {
		return nil, err
	}
	top, err := canonicalDir(r.Dir)
	if err != nil {
		return nil, err
	}
	rel := func(p string) (string, error) {
		if p == "" {
			return "", nil
		}
		return filepath.Rel(base, filepath.Join(top, filepath.FromSlash(p)))
	}
	out := make([]Change, len(changes))
	for i, c := range changes {
		if c.Path, err = rel(c.Path); err != nil {
			return nil, err
		}
		if c.OldPath, err = rel(c.OldPath); err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// Within reports whether a path returned by RelTo or Relative lies inside
// the directory it is relative to.
func Within(rel string) bool {
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// canonicalDir makes dir absolute and resolves symbolic links, because git
// reports the top-level directory with links resolved.
func canonicalDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	return real, nil
}

// MergeBase returns the commit id of the best common ancestor of ref and
// HEAD. It fails with ErrUnknownRef when ref is not a commit in this clone,
// and with ErrShallow (shallow clone) or ErrNoMergeBase (unrelated
// histories) when there is none; both messages say how to fetch history.
func (r *Repo) MergeBase(ctx context.Context, ref string) (string, error) {
	return r.mergeBase(ctx, ref, "HEAD")
}

func (r *Repo) mergeBase(ctx context.Context, ref, head string) (string, error) {
	for _, rev := range []string{ref, head} {
		if err := checkRev(rev); err != nil {
			return "", err
		}
	}
	// One command on the common path; the failure is diagnosed afterwards.
	out, err := r.output(ctx, nil, "merge-base", ref+"^{commit}", head+"^{commit}")
	if err == nil {
		return strings.TrimSpace(string(out)), nil
	}
	var ce *cmdError
	if !errors.As(err, &ce) {
		return "", err
	}
	for _, rev := range []string{ref, head} {
		if _, rerr := r.resolve(ctx, rev); rerr != nil {
			return "", rerr
		}
	}
	if ce.code != 1 || ce.stderr != "" {
		return "", err
	}
	// Exit status 1 without a message: no common ancestor.
	if r.shallow(ctx) {
		return "", fmt.Errorf("%w: %s and %s have no common commit in this shallow clone; %s",
			ErrShallow, ref, head, fetchHint)
	}
	return "", fmt.Errorf("%w: %s and %s share no history; check that --base names the branch the change will merge into, or %s",
		ErrNoMergeBase, ref, head, fetchHint)
}

// checkRev rejects revisions git would read as options.
func checkRev(rev string) error {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return fmt.Errorf("%w: %q is not a revision", ErrUnknownRef, rev)
	}
	return nil
}

// resolve returns the commit id rev names.
func (r *Repo) resolve(ctx context.Context, rev string) (string, error) {
	if err := checkRev(rev); err != nil {
		return "", err
	}
	out, err := r.output(ctx, nil, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		var ce *cmdError
		if !errors.As(err, &ce) || ce.code != 1 {
			return "", err
		}
		if rev == "HEAD" {
			return "", fmt.Errorf("%w: HEAD does not name a commit (is the repository empty?); commit first", ErrUnknownRef)
		}
		hint := "check the spelling, or fetch it (e.g. `git fetch origin main` and use origin/main)"
		if r.shallow(ctx) {
			hint = "this is a shallow clone: " + fetchHint
		}
		return "", fmt.Errorf("%w: %q does not name a commit in this clone; %s", ErrUnknownRef, rev, hint)
	}
	return strings.TrimSpace(string(out)), nil
}

// shallow reports whether the clone is shallow.
func (r *Repo) shallow(ctx context.Context) bool {
	out, err := r.output(ctx, nil, "rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// Show returns the content of the file at path (relative to the top level,
// slash-separated) in revision rev. A path missing at rev gives an error
// wrapping fs.ErrNotExist, so callers can fall back to defaults.
func (r *Repo) Show(ctx context.Context, rev, p string) ([]byte, error) {
	clean, err := treePath(p)
	if err != nil {
		return nil, err
	}
	commit, err := r.resolve(ctx, rev)
	if err != nil {
		return nil, err
	}
	out, err := r.output(ctx, nil, "rev-parse", "--verify", "--quiet", commit+":"+clean)
	if err != nil {
		var ce *cmdError
		if errors.As(err, &ce) && ce.code == 1 {
			return nil, &os.PathError{Op: "git show " + rev, Path: clean, Err: os.ErrNotExist}
		}
		return nil, err
	}
	obj := strings.TrimSpace(string(out))
	typ, err := r.output(ctx, nil, "cat-file", "-t", obj)
	if err != nil {
		return nil, err
	}
	if t := strings.TrimSpace(string(typ)); t != "blob" {
		return nil, fmt.Errorf("git show %s: %s is a %s, not a file", rev, clean, t)
	}
	return r.output(ctx, nil, "cat-file", "blob", obj)
}

// Files lists the files (blobs) under dir at revision rev, slash-separated
// and relative to the top level, sorted. An empty dir or "." lists the whole
// tree. The gate uses it with Show to load policies from the base commit.
func (r *Repo) Files(ctx context.Context, rev, dir string) ([]string, error) {
	commit, err := r.resolve(ctx, rev)
	if err != nil {
		return nil, err
	}
	args := []string{"--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", "--name-only", commit}
	if dir != "" && dir != "." {
		clean, err := treePath(dir)
		if err != nil {
			return nil, err
		}
		args = append(args, "--", clean)
	}
	out, err := r.output(ctx, nil, args...)
	if err != nil {
		return nil, err
	}
	return nulNames(out), nil
}

// nulNames splits git's -z output into its names, dropping empty ones.
func nulNames(out []byte) []string {
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		if f != "" {
			files = append(files, f)
		}
	}
	return files
}

// treePath validates a repository-relative path for use in "rev:path".
func treePath(p string) (string, error) {
	s := path.Clean(filepath.ToSlash(p))
	if p == "" || s == "." || strings.HasPrefix(s, "/") || s == ".." || strings.HasPrefix(s, "../") {
		return "", fmt.Errorf("git: path %q must be relative to the repository's top level", p)
	}
	return s, nil
}

// cmdError is a failed git command.
type cmdError struct {
	args   []string
	code   int
	stderr string
}

func (e *cmdError) Error() string {
	msg := e.stderr
	if msg == "" {
		msg = fmt.Sprintf("exit status %d", e.code)
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.args, " "), msg)
}

// invocation describes the extras of one git command.
type invocation struct {
	stdin io.Reader
	env   []string
}

// command builds a git command running in the repository directory.
func (r *Repo) command(ctx context.Context, inv *invocation, args ...string) *exec.Cmd {
	full := append([]string{"-c", "core.quotepath=off"}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Dir = r.Dir
	// No credential prompts, and no optional index lock: reading commands
	// must not contend with a concurrent git (or another infragate).
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	if inv != nil {
		cmd.Env = append(cmd.Env, inv.env...)
		cmd.Stdin = inv.stdin
	}
	return cmd
}

// output runs git and returns its standard output.
func (r *Repo) output(ctx context.Context, inv *invocation, args ...string) ([]byte, error) {
	cmd := r.command(ctx, inv, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, wrapRunError(ctx, args, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// wrapRunError turns an exec error into a cmdError (git ran and failed) or
// a readable error (git could not run, or the context ended).
func wrapRunError(ctx context.Context, args []string, err error, stderr string) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("git %s: %w", args[0], ctxErr)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return &cmdError{args: args, code: ee.ExitCode(), stderr: strings.TrimSpace(stderr)}
	}
	if errors.Is(err, exec.ErrNotFound) {
		return fmt.Errorf("git is not installed or not on PATH (needed for --base): %w", err)
	}
	return fmt.Errorf("git %s: %w", args[0], err)
}

// FilesNamed lists the files of the working tree whose base name is one of
// names, tracked or untracked but not ignored, slash-separated, relative to
// the top level and sorted. It reads git's index, not the directories, so
// it stays fast in a large repository.
func (r *Repo) FilesNamed(ctx context.Context, names ...string) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	args := []string{"ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name", "--"}
	for _, n := range names {
		if n == "" || strings.ContainsAny(n, "/*?[]\\") {
			return nil, fmt.Errorf("git: %q is not a plain file name", n)
		}
		args = append(args, ":(glob)**/"+n)
	}
	// The pathspecs' magic must not be turned off from outside.
	out, err := r.output(ctx, &invocation{env: []string{"GIT_LITERAL_PATHSPECS=0"}}, args...)
	if err != nil {
		return nil, err
	}
	files := nulNames(out)
	slices.Sort(files)
	return slices.Compact(files), nil
}

// Parents returns the commit id rev names and the ids of its parents, in
// order, as its commit object records them: a shallow clone's boundary
// commit keeps them there although their objects were not fetched. A merge
// commit such as refs/pull/N/merge has the base first and the pull
// request's head second.
func (r *Repo) Parents(ctx context.Context, rev string) (id string, parents []string, err error) {
	if id, err = r.resolve(ctx, rev); err != nil {
		return "", nil, err
	}
	out, err := r.output(ctx, nil, "cat-file", "commit", id)
	if err != nil {
		return "", nil, err
	}
	for _, line := range strings.Split(string(out), "\n") {
		if line == "" {
			break // the end of the headers
		}
		if p, ok := strings.CutPrefix(line, "parent "); ok {
			parents = append(parents, strings.TrimSpace(p))
		}
	}
	return id, parents, nil
}
