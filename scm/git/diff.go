package git

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Status is how a change treats a file.
type Status string

// The statuses a Change can have. Type changes and unmerged paths count as
// modified.
const (
	StatusAdded    Status = "added"
	StatusModified Status = "modified"
	StatusRenamed  Status = "renamed"
	StatusCopied   Status = "copied"
	StatusDeleted  Status = "deleted"
)

// LineRange is a run of lines, 1-based and inclusive, in the new version of
// a file.
type LineRange struct{ Start, End int }

// Change is one changed file.
type Change struct {
	// Path is the file's path after the change (for a deleted file, the
	// path it had), slash-separated, relative to the repository top level
	// (or to a directory, after Relative).
	Path string
	// OldPath is the path before a rename or copy; empty otherwise.
	OldPath string
	Status  Status
	// Lines are the added or modified lines of the new version, sorted and
	// merged. A new file has all its lines; a pure rename and a deleted or
	// binary file have none.
	Lines []LineRange
	// RemovedAfter lists the new-version line numbers after which lines
	// were deleted without replacement (0: before the first line), so that
	// a deletion inside a block counts as touching the block (see Touches).
	RemovedAfter []int
	// Submodule reports that the path is a submodule (a gitlink) after
	// the change: its files are in another repository, checked out in the
	// working tree or not.
	Submodule bool
	// Binary reports that git gave no line ranges for the file's content
	// (it considered it binary). Touches then counts every line as
	// touched. infragate asks git for text diffs, so this is rare.
	Binary bool
}

// Changes returns what the working tree changes relative to the merge base
// of base and HEAD: committed, staged and unstaged changes, and untracked
// files that are not ignored, with renames detected. Deleted files are
// included with StatusDeleted. The result is sorted by path.
//
// Untracked files are diffed through a temporary copy of the index (with
// intent-to-add entries), so the repository's own index is never written.
func (r *Repo) Changes(ctx context.Context, base string) ([]Change, error) {
	mb, err := r.MergeBase(ctx, base)
	if err != nil {
		return nil, err
	}
	untracked, err := r.untracked(ctx)
	if err != nil {
		return nil, err
	}
	var env []string
	if len(untracked) > 0 {
		index, cleanup, err := r.tempIndex(ctx, untracked)
		if err != nil {
			return nil, err
		}
		defer cleanup()
		env = []string{"GIT_INDEX_FILE=" + index}
	}
	return r.diff(ctx, env, mb)
}

// ChangesBetween returns what head changes relative to the merge base of
// base and head, like `git diff base...head`: what a merge request from
// head into base introduces. The working tree is not consulted.
func (r *Repo) ChangesBetween(ctx context.Context, base, head string) ([]Change, error) {
	mb, err := r.mergeBase(ctx, base, head)
	if err != nil {
		return nil, err
	}
	// head is a valid commit-ish: merge-base accepted it.
	return r.diff(ctx, nil, mb, head+"^{commit}")
}

// ChangesFrom returns what commit to changes relative to commit from
// itself, like `git diff from to`, with no merge base: diffing a merge
// commit against its first parent gives what the merge brought in, with
// the merge commit's line numbers. The working tree is not consulted.
func (r *Repo) ChangesFrom(ctx context.Context, from, to string) ([]Change, error) {
	for _, rev := range []string{from, to} {
		if _, err := r.resolve(ctx, rev); err != nil {
			return nil, err
		}
	}
	return r.diff(ctx, nil, from+"^{commit}", to+"^{commit}")
}

// untracked lists untracked, not ignored files (slash-separated).
func (r *Repo) untracked(ctx context.Context) ([]string, error) {
	out, err := r.output(ctx, nil, "ls-files", "-z", "--others", "--exclude-standard", "--full-name")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		// A trailing slash marks a nested repository, not a file.
		if f != "" && !strings.HasSuffix(f, "/") {
			files = append(files, f)
		}
	}
	return files, nil
}

// tempIndex copies the index to a temporary file and marks the untracked
// files intent-to-add in the copy, so that one diff sees them as added (and
// can pair them with deleted files as renames).
func (r *Repo) tempIndex(ctx context.Context, untracked []string) (string, func(), error) {
	out, err := r.output(ctx, nil, "rev-parse", "--git-path", "index")
	if err != nil {
		return "", nil, err
	}
	src := strings.TrimRight(string(out), "\n")
	if !filepath.IsAbs(src) {
		src = filepath.Join(r.Dir, src)
	}
	dir, err := os.MkdirTemp("", "infragate-index-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	dst := filepath.Join(dir, "index")
	if err := copyFile(src, dst); err != nil && !errors.Is(err, os.ErrNotExist) {
		cleanup()
		return "", nil, fmt.Errorf("copy git index: %w", err)
	}
	inv := &invocation{
		stdin: strings.NewReader(strings.Join(untracked, "\x00")),
		env:   []string{"GIT_INDEX_FILE=" + dst},
	}
	if _, err := r.output(ctx, inv, "--literal-pathspecs", "add", "--intent-to-add",
		"--pathspec-from-file=-", "--pathspec-file-nul"); err != nil {
		cleanup()
		return "", nil, err
	}
	return dst, cleanup, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// diff runs one `git diff` giving the raw list of changes (NUL-separated)
// followed by a zero-context patch, and reads both as they stream.
func (r *Repo) diff(ctx context.Context, env []string, revs ...string) ([]Change, error) {
	// --text, --no-ext-diff and --no-textconv: the change under review may
	// add a .gitattributes (`*.tf -diff`, `diff=driver`) to hide its hunks
	// behind "Binary files differ" or a converted text.
	args := []string{"diff", "-z", "--raw", "--patch", "--text", "--unified=0", "--inter-hunk-context=0",
		"--find-renames", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative",
		"--src-prefix=a/", "--dst-prefix=b/", "--submodule=short"}
	args = append(args, revs...)
	args = append(args, "--")
	cmd := r.command(ctx, &invocation{env: env}, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, wrapRunError(ctx, args, err, "")
	}
	changes, perr := parseDiff(stdout)
	if perr != nil {
		// Drain so that git can exit, then report the parse problem.
		_, _ = io.Copy(io.Discard, stdout)
	}
	if err := cmd.Wait(); err != nil {
		return nil, wrapRunError(ctx, args, err, stderr.String())
	}
	if perr != nil {
		return nil, fmt.Errorf("reading git diff output: %w", perr)
	}
	return changes, nil
}

// maxLine caps how much of one patch line is kept; content lines need only
// their first byte and header lines hold a path.
const maxLine = 64 << 10

// parseDiff reads `git diff -z --raw --patch` output.
func parseDiff(rd io.Reader) ([]Change, error) {
	br := bufio.NewReaderSize(rd, maxLine)
	var changes []*Change
	byPath := map[string]*Change{}

	// Raw part: ":modes objects STATUS\0path\0[path\0]" records, ended by
	// an empty field (or the end of output).
	for {
		field, err := br.ReadString(0)
		if err == io.EOF && field == "" {
			return collect(changes), nil
		}
		if err != nil {
			return nil, err
		}
		field = strings.TrimSuffix(field, "\x00")
		if field == "" {
			break
		}
		if !strings.HasPrefix(field, ":") {
			return nil, fmt.Errorf("unexpected raw diff record %q", field)
		}
		code := field[strings.LastIndexByte(field, ' ')+1:]
		if code == "" {
			return nil, fmt.Errorf("raw diff record without status %q", field)
		}
		first, err := readField(br)
		if err != nil {
			return nil, err
		}
		c := &Change{Path: first}
		if modes := strings.Fields(field); len(modes) >= 2 && modes[1] == "160000" {
			c.Submodule = true // ":old new oldsha newsha STATUS"
		}
		switch code[0] {
		case 'A':
			c.Status = StatusAdded
		case 'D':
			c.Status = StatusDeleted
		case 'R', 'C':
			c.Status = StatusRenamed
			if code[0] == 'C' {
				c.Status = StatusCopied
			}
			c.OldPath = first
			if c.Path, err = readField(br); err != nil {
				return nil, err
			}
		default: // M, T, U, X
			c.Status = StatusModified
		}
		if prev, ok := byPath[c.Path]; ok {
			// git lists an unmerged path twice; keep one entry.
			if prev.Status != StatusModified {
				prev.Status = c.Status
			}
			continue
		}
		changes = append(changes, c)
		byPath[c.Path] = c
	}

	// Patch part: only headers and hunk line kinds matter.
	var (
		cur              *Change
		oldLeft, newLeft int // lines left in the current hunk
		newLine          int // next line number in the new file
	)
	for {
		line, err := readLine(br)
		if len(line) == 0 && err == io.EOF {
			break
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if oldLeft > 0 || newLeft > 0 {
			switch line[0] {
			case '+':
				if cur != nil {
					cur.addLine(newLine)
				}
				newLine++
				newLeft--
			case '-':
				oldLeft--
			case ' ':
				newLine++
				oldLeft--
				newLeft--
			case '\\': // "\ No newline at end of file"
			default:
				return nil, fmt.Errorf("malformed hunk line %q", truncate(line))
			}
			continue
		}
		s := strings.TrimSuffix(string(line), "\n")
		switch {
		case strings.HasPrefix(s, "diff --git "):
			cur = byPath[gitHeaderNewPath(strings.TrimPrefix(s, "diff --git "))]
		case strings.HasPrefix(s, "rename to "), strings.HasPrefix(s, "copy to "):
			_, p, _ := strings.Cut(s, " to ")
			if name, err := unquote(p); err == nil {
				cur = byPath[name]
			}
		case strings.HasPrefix(s, "+++ "):
			name, err := unquote(strings.TrimSuffix(strings.TrimPrefix(s, "+++ "), "\t"))
			switch {
			case err != nil || name == "/dev/null":
				cur = nil
			case strings.HasPrefix(name, "b/"):
				cur = byPath[name[2:]]
			}
		case strings.HasPrefix(s, "Binary files "):
			if cur != nil {
				cur.Binary = true
			}
		case strings.HasPrefix(s, "@@ "):
			var err error
			if oldLeft, newLeft, newLine, err = parseHunkHeader(s); err != nil {
				return nil, err
			}
			if newLeft == 0 && cur != nil {
				// A pure deletion (with zero context, every hunk is one
				// change): git names the new line before it.
				cur.addRemoval(newLine - 1)
			}
		}
		if err == io.EOF {
			break
		}
	}
	return collect(changes), nil
}

// collect sorts the changes by path and drops parsing state.
func collect(changes []*Change) []Change {
	out := make([]Change, len(changes))
	for i, c := range changes {
		out[i] = *c
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func (c *Change) addLine(n int) {
	if k := len(c.Lines); k > 0 && c.Lines[k-1].End+1 >= n {
		if n > c.Lines[k-1].End {
			c.Lines[k-1].End = n
		}
		return
	}
	c.Lines = append(c.Lines, LineRange{Start: n, End: n})
}

func (c *Change) addRemoval(after int) {
	if k := len(c.RemovedAfter); k > 0 && c.RemovedAfter[k-1] == after {
		return
	}
	c.RemovedAfter = append(c.RemovedAfter, after)
}
