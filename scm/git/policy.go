package git

// Touches reports whether the lines start..end (1-based, inclusive, in the
// new version of the file) include an added or modified line, or enclose a
// deletion (lines removed between two lines of the range). An end before
// start is read as start. A deleted file touches nothing; a change without
// line information (Binary) touches every line, and so does a renamed or
// copied file: its content is read at a new place (another module or
// kustomization, or a file of another format, `notes.txt` -> `main.tf`),
// where none of it was deployed before.
func (c Change) Touches(start, end int) bool {
	if c.Binary || c.Status == StatusRenamed || c.Status == StatusCopied {
		return true // no line information, or every line is new at this path
	}
	if end < start {
		end = start
	}
	for _, l := range c.Lines {
		if l.Start <= end && start <= l.End {
			return true
		}
	}
	for _, after := range c.RemovedAfter {
		if start <= after && after < end {
			return true
		}
	}
	return false
}

// PolicyData renders changes as the value policies see under
// data.infragate.changes:
//
//	{
//	  "files": [
//	    {"path": "infra/main.tf", "old_path": "", "status": "modified",
//	     "lines": [[3, 5], [12, 12]], "removed_after": [20], "binary": false},
//	    ...
//	  ],
//	  "by_path": {"infra/main.tf": <the same object>, ...}
//	}
//
// "files" keeps the order of changes (sorted by path when they come from
// Changes). "status" is added, modified, renamed, copied or deleted;
// "old_path" is the path before a rename or copy and "" otherwise. "lines"
// are inclusive [start, end] ranges of added or modified lines in the new
// version; "removed_after" lists new-version lines after which lines were
// deleted (0: at the top). Paths are as in the changes (make them match
// input file names with Repo.Relative first). A policy can ask whether a
// resource was touched:
//
//	touched(file, start, end) if {
//	  some r in data.infragate.changes.by_path[file].lines
//	  r[0] <= end
//	  start <= r[1]
//	}
//
// Only JSON-compatible types are used (map[string]any, []any, string, int,
// bool), so the value converts directly to a Rego value.
func PolicyData(changes []Change) map[string]any {
	files := make([]any, 0, len(changes))
	byPath := make(map[string]any, len(changes))
	for _, c := range changes {
		lines := make([]any, 0, len(c.Lines))
		for _, l := range c.Lines {
			lines = append(lines, []any{l.Start, l.End})
		}
		removed := make([]any, 0, len(c.RemovedAfter))
		for _, n := range c.RemovedAfter {
			removed = append(removed, n)
		}
		f := map[string]any{
			"path":          c.Path,
			"old_path":      c.OldPath,
			"status":        string(c.Status),
			"lines":         lines,
			"removed_after": removed,
			"binary":        c.Binary,
		}
		files = append(files, f)
		byPath[c.Path] = f
	}
	return map[string]any{"files": files, "by_path": byPath}
}
