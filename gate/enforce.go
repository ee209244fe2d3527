package gate

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
)

// Enforcement resolves the enforcement level of findings from the
// configuration and the rules' METADATA.
type Enforcement struct {
	cfg   *config.Config
	rules map[string]engine.Rule
}

// NewEnforcement prepares level lookups for the rules of a report.
func NewEnforcement(cfg *config.Config, rules []engine.Rule) *Enforcement {
	if cfg == nil {
		cfg = config.Default()
	}
	e := &Enforcement{cfg: cfg, rules: map[string]engine.Rule{}}
	for _, r := range rules {
		e.rules[r.ID] = r
	}
	return e
}

// Level returns the enforcement level of a finding:
//   - parse and evaluation errors: hard-mandatory, always;
//   - a configuration entry naming the rule id (exact first, then globs in
//     file order);
//   - for failures (and warnings with failOnWarn): a configuration entry
//     naming the finding's severity, then the rule's METADATA
//     `custom.enforcement`, then enforcement.default;
//   - other warnings: advisory.
//
// An unknown METADATA level counts as hard-mandatory (the strictest).
func (e *Enforcement) Level(f engine.Finding, failOnWarn bool) config.Level {
	if f.IsError() {
		return config.HardMandatory
	}
	rules := e.cfg.Enforcement.Rules
	for _, r := range rules {
		if !r.IsSeverity() && !r.IsGlob() && r.Match == f.ID {
			return r.Level
		}
	}
	for _, r := range rules {
		if !r.IsSeverity() && r.IsGlob() && r.MatchID(f.ID) {
			return r.Level
		}
	}
	if f.Level == engine.LevelWarning && !failOnWarn {
		return config.Advisory
	}
	sev := f.Severity
	if sev == "" {
		sev = e.rules[f.ID].Severity
	}
	for _, r := range rules {
		if r.IsSeverity() && r.Match == sev {
			return r.Level
		}
	}
	if m := e.rules[f.ID].Enforcement; m != "" {
		if l, err := config.ParseLevel(m); err == nil {
			return l
		}
		return config.HardMandatory
	}
	if e.cfg.Enforcement.Default == "" {
		return config.HardMandatory
	}
	return e.cfg.Enforcement.Default
}

// outOfScope reports whether an earlier stage (scope) decided that the
// finding does not block.
func outOfScope(f engine.Finding) bool { return !f.Blocking && f.Note != "" }

// applyEnforcement sets Enforcement and Blocking of every failure, warning
// and error.
func applyEnforcement(rep *engine.Report, cfg *config.Config, failOnWarn bool) {
	enf := NewEnforcement(cfg, rep.Rules)
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if f.Level == engine.LevelException {
			continue
		}
		lvl := enf.Level(*f, failOnWarn)
		f.Enforcement = string(lvl)
		switch {
		case f.IsError():
			f.Blocking = true
		case outOfScope(*f):
		case lvl == config.Advisory:
			f.Blocking = false
			if f.Level == engine.LevelFailure {
				f.Note = "advisory: reported, does not block"
			}
		default:
			f.Blocking = true
		}
	}
}

// applyWaivers matches inline and file waivers to findings. It runs after
// applyEnforcement: inline waivers apply only to advisory and
// soft-mandatory findings (and only with waivers.inline); the waivers file
// applies to every level.
func applyWaivers(rep *engine.Report, cfg *config.Config, wf *WaiverFile, readFile func(string) ([]byte, error), formatOf func(string) parsers.Format, now time.Time) {
	files := &fileCache{read: readFile, format: formatOf, m: map[string]*fileInfo{}}
	noReason := map[string]engine.Finding{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if f.Level == engine.LevelException || f.IsError() {
			continue
		}
		// Inline waivers, on the finding's line or its block's first line.
		var inline *InlineWaiver
		if fi := files.get(f.File); fi != nil {
			for _, line := range fi.anchors(f.Document, f.StartLine) {
				if w, ok := fi.inline.find(f.ID, line); ok {
					inline = &w
					break
				}
			}
		}
		if inline != nil && !cfg.Waivers.Inline {
			addNote(f, fmt.Sprintf("the inline waiver on line %d is ignored: waivers.inline is false", inline.Line))
			inline = nil
		}
		if inline != nil && inline.Reason == "" {
			key := f.File + ":" + strconv.Itoa(inline.Line)
			if _, ok := noReason[key]; !ok {
				noReason[key] = engine.Finding{
					Level: engine.LevelWarning, ID: IDWaiverNoReason, Title: "Waiver without a reason",
					Rule: "infragate", File: f.File, StartLine: inline.Line, EndLine: inline.Line,
					Enforcement: string(config.Advisory),
					Message:     fmt.Sprintf("infragate:ignore %s has no reason, so it does not apply: write why the finding is accepted after the rule id", f.ID),
				}
			}
			addNote(f, fmt.Sprintf("the inline waiver on line %d has no reason, so it does not apply", inline.Line))
			inline = nil
		}
		if inline != nil && f.Enforcement == string(config.HardMandatory) {
			// The author of a change writes its inline waivers; nothing in
			// a pull request may override a hard-mandatory finding.
			addNote(f, fmt.Sprintf("the inline waiver on line %d is not honoured: hard-mandatory findings are waived only in the waivers file", inline.Line))
			inline = nil
		}
		if inline != nil {
			// Reporters render the waiver (reason, source, expiry) themselves.
			f.Waiver = &engine.Waiver{Source: "inline", Line: inline.Line, Reason: inline.Reason}
			f.Blocking = false
			continue
		}
		if wf == nil {
			continue
		}
		var expired *WaiverEntry
		applied := false
		for j := range wf.Entries {
			w := wf.Entries[j]
			if !w.matches(f.ID, f.File, f.Resource) {
				continue
			}
			if w.Expired(now) {
				if expired == nil {
					expired = &wf.Entries[j]
				}
				continue
			}
			f.Waiver = &engine.Waiver{Source: wf.Path, Line: w.Line, Reason: w.Reason, Expires: w.expiresString(), Owner: w.Owner}
			f.Blocking = false
			applied = true
			break
		}
		if !applied && expired != nil {
			f.Waiver = &engine.Waiver{Source: wf.Path, Line: expired.Line, Reason: expired.Reason,
				Expires: expired.expiresString(), Owner: expired.Owner, Expired: true}
			addNote(f, fmt.Sprintf("the waiver expired on %s and no longer applies: fix the finding or renew the waiver", expired.expiresString()))
		}
	}
	keys := make([]string, 0, len(noReason))
	for k := range noReason {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		rep.Findings = append(rep.Findings, noReason[k])
	}
}

func addNote(f *engine.Finding, note string) {
	if f.Note == "" {
		f.Note = note
		return
	}
	f.Note += "; " + note
}

// fileCache reads and indexes files with findings once.
type fileCache struct {
	read func(string) ([]byte, error)
	// format is the format a file was evaluated as (nil or "": unknown).
	format func(string) parsers.Format
	m      map[string]*fileInfo
}

type fileInfo struct {
	name   string
	src    []byte
	inline *inlineIndex
	docs   []parsers.Document
	parsed bool
}

func (c *fileCache) get(name string) *fileInfo {
	if c.read == nil || name == "" {
		return nil
	}
	if fi, ok := c.m[name]; ok {
		return fi
	}
	var fi *fileInfo
	if src, err := c.read(name); err == nil {
		var format parsers.Format
		if c.format != nil {
			format = c.format(name)
		}
		fi = &fileInfo{name: name, src: src, inline: newInlineIndex(SyntaxOf(name, format, src), src)}
		if len(fi.inline.byLine) == 0 {
			fi.parsed = true // nothing to find: skip parsing
		}
	}
	c.m[name] = fi
	return fi
}

// anchors are the lines a waiver may stand on (or above) to waive a
// finding that starts on line: the line itself, then the first line of
// every enclosing block — a value reached through an array index in the
// source map (an HCL block such as `resource "x" "y" {`, a YAML list item)
// — from the innermost out, and for YAML and JSON the document's first line.
func (fi *fileInfo) anchors(doc, line int) []int {
	out := []int{line}
	if !fi.parsed {
		fi.parsed = true
		if format, ok := parsers.DetectFormat(fi.name); ok {
			if p, ok := parsers.Default()[format]; ok {
				if docs, err := p.Parse(fi.name, fi.src); err == nil {
					fi.docs = docs
				}
			}
		}
	}
	if fi.docs == nil {
		return out
	}
	format, _ := parsers.DetectFormat(fi.name)
	for _, d := range fi.docs {
		if d.Index != doc {
			continue
		}
		type block struct{ start, end int }
		var blocks []block
		for _, e := range d.Map.Entries() {
			p := parsers.ParsePointer(e.Pointer)
			if len(p) == 0 || !isIndex(p[len(p)-1]) {
				continue
			}
			if e.StartLine <= line && line <= e.EndLine && e.StartLine != line {
				blocks = append(blocks, block{e.StartLine, e.EndLine})
			}
		}
		// Innermost first: the latest start.
		sort.Slice(blocks, func(i, j int) bool { return blocks[i].start > blocks[j].start })
		for _, b := range blocks {
			out = appendNew(out, b.start)
		}
		if format != parsers.HCL && format != parsers.Dockerfile && !d.Range.IsZero() {
			out = appendNew(out, d.Range.StartLine)
		}
	}
	return out
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil
}

func appendNew(list []int, n int) []int {
	for _, x := range list {
		if x == n {
			return list
		}
	}
	return append(list, n)
}
