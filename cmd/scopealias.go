package cmd

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/infragate/infragate/scm/git"
)

// touchIndirectLines, for --scope lines, counts as touched the lines a
// change reaches without editing them: with Terraform evaluation, the
// module lines of changed inputs (touchModuleInputs); in YAML, the aliases
// of changed anchors (touchYAMLAliases). check and the gate share it.
func touchIndirectLines(root string, cs []git.Change, terraformEval bool, varFiles []string, changes map[string]git.Change, maxSize int64) error {
	if terraformEval {
		if err := touchModuleInputs(root, cs, varFiles, changes, maxSize); err != nil {
			return err
		}
	}
	touchYAMLAliases(root, changes, maxSize)
	return nil
}

// touchYAMLAliases counts, for --scope lines, the line of every YAML alias
// (*name, <<: *name) as touched when the change touches the node it
// names: the alias deploys what the anchor says, so a finding on the
// alias's line comes from the changed lines. Without this, a change to a
// hidden anchor (.defaults: &d in CI files, x-common: &c in compose
// files) would make findings on lines it does not touch. An alias inside
// a node that becomes touched passes it on. Files that do not parse are
// left alone: their parse error blocks anyway.
func touchYAMLAliases(root string, changes map[string]git.Change, maxSize int64) {
	for p, c := range changes {
		ext := strings.ToLower(filepath.Ext(p))
		if (ext != ".yaml" && ext != ".yml") || c.Binary || c.Status == git.StatusRenamed || c.Status == git.StatusCopied {
			continue
		}
		name := filepath.Join(root, filepath.FromSlash(p))
		st, err := os.Lstat(name)
		if err != nil || !st.Mode().IsRegular() || (maxSize > 0 && st.Size() > maxSize) {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		if lines := aliasLines(src, c); len(lines) > 0 {
			for _, l := range lines {
				c.Lines = append(c.Lines, git.LineRange{Start: l, End: l})
			}
			slices.SortFunc(c.Lines, func(a, b git.LineRange) int { return a.Start - b.Start })
			changes[p] = c
		}
	}
}

// aliasLines returns the lines of the aliases in src whose anchored node
// c touches, directly or through another such alias.
func aliasLines(src []byte, c git.Change) []int {
	if !bytes.Contains(src, []byte("&")) {
		return nil // no anchor
	}
	type span struct{ start, end int }
	spans := map[*yaml.Node]span{}
	var aliases []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	total := bytes.Count(src, []byte("\n")) + 1
	var docs []*yaml.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil
		}
		docs = append(docs, &doc)
	}
	for i, doc := range docs {
		// The nodes in document order; a subtree ends where the next node
		// after it starts (or where the next document starts).
		var order []*yaml.Node
		next := map[*yaml.Node]int{} // anchored node -> index of the node after its subtree
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			order = append(order, n)
			if n.Kind == yaml.AliasNode {
				aliases = append(aliases, n)
				return
			}
			for _, k := range n.Content {
				walk(k)
			}
			if n.Anchor != "" {
				next[n] = len(order)
			}
		}
		walk(doc)
		docEnd := total
		if i+1 < len(docs) && docs[i+1].Line > 0 {
			docEnd = docs[i+1].Line - 1
		}
		for n, k := range next {
			end := docEnd
			if k < len(order) && order[k].Line > n.Line {
				end = order[k].Line - 1
			}
			spans[n] = span{n.Line, max(end, n.Line)}
		}
	}
	touched := map[*yaml.Node]bool{}
	var out []int
	for changed := true; changed; {
		changed = false
		for _, a := range aliases {
			sp, ok := spans[a.Alias]
			if touched[a] || !ok {
				continue
			}
			hit := c.Touches(sp.start, sp.end) || slices.ContainsFunc(out, func(l int) bool { return sp.start <= l && l <= sp.end })
			if hit {
				touched[a] = true
				out = append(out, a.Line)
				changed = true
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
