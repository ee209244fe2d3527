package helmchart

import (
	"slices"
	"strings"
)

// span is a range of template lines, 1-based and inclusive.
type span struct{ start, end int }

// lineMap says, for each line of a template's rendered output, which lines
// of the template produced it.
//
// A template is mostly literal YAML with actions ({{ ... }}) in it, so most
// rendered lines are a template line with its actions filled in. Each
// rendered line is matched to the template lines whose literal text it
// holds, in order; among several, the alignment that moves forward through
// the template is preferred. The template's control structure (see tree)
// bounds the alignment: a return to an earlier line is a range loop's next
// pass, allowed only inside a loop that holds both lines, and costs one;
// two arms of one if are not both rendered in a pass; define bodies are
// not rendered in place. A rendered line that matches no template line
// (the output of `toYaml`, `include` or a whole-line action) comes from an
// action between its matched neighbours, in a branch that may have run
// (see gap).
type lineMap struct {
	spans []span // by rendered line - 1
}

// at maps the rendered lines start..end (1-based, inclusive) to the
// template lines that produced them. ok is false when nothing is known.
func (m lineMap) at(start, end int) (span, bool) {
	if start < 1 {
		start = 1
	}
	if end > len(m.spans) {
		end = len(m.spans)
	}
	out, ok := span{}, false
	for i := start; i <= end; i++ {
		s := m.spans[i-1]
		if s.start == 0 {
			continue
		}
		if !ok {
			out, ok = s, true
			continue
		}
		out.start = min(out.start, s.start)
		out.end = max(out.end, s.end)
	}
	return out, ok
}

// linePattern is one template line seen as the text it renders to: the
// literal parts between its actions, in order.
type linePattern struct {
	parts []string
	// anchoredStart and anchoredEnd are set when the line starts or ends
	// with literal text (not an action).
	anchoredStart, anchoredEnd bool
	// action is set when the line holds an action; output when one of
	// them can write text (not only control flow: if, end, ...).
	action, output bool
}

// patterns splits a template into one pattern per line. Actions may span
// lines; a line wholly inside an action has no literal text.
func patterns(tpl string) []linePattern {
	lines := strings.Split(tpl, "\n")
	out := make([]linePattern, len(lines))
	var sc actionScanner
	for i, line := range lines {
		line = strings.TrimRight(line, " \t\r")
		indented := strings.TrimLeft(line, " \t")
		p := &out[i]
		p.anchoredStart = !sc.inAction && !strings.HasPrefix(indented, "{{")
		var lit []string // literal runs between actions
		sc.line(line, func(text string) { lit = append(lit, text) }, func(rest string) {
			p.action = true
			if writes(rest) {
				p.output = true
			}
		})
		p.anchoredEnd = !sc.inAction && !strings.HasSuffix(line, "}}")
		if sc.inAction {
			p.action = true
		}
		for j, s := range lit {
			if j == 0 && p.anchoredStart {
				// Keep the indentation: it tells nested keys apart.
				s = line[:len(line)-len(indented)] + strings.TrimRight(s[len(line)-len(indented):], " \t")
				if !p.action {
					s = line
				}
			} else {
				// Whitespace next to an action may be trimmed ("{{-",
				// "-}}") or the action may render to nothing.
				s = strings.TrimSpace(s)
			}
			if strings.TrimSpace(s) != "" {
				p.parts = append(p.parts, s)
			}
		}
		if len(p.parts) == 0 {
			p.anchoredStart, p.anchoredEnd = false, false
		}
	}
	return out
}

// writes reports whether an action, given by the text after its "{{",
// can write output: not control flow, a comment or an assignment.
func writes(action string) bool {
	a := strings.TrimLeft(strings.TrimPrefix(action, "-"), " \t")
	if strings.HasPrefix(a, "/*") {
		return false
	}
	word := a
	if i := strings.IndexAny(a, " \t}-"); i >= 0 {
		word = a[:i]
	}
	switch word {
	case "if", "else", "end", "with", "range", "define", "break", "continue":
		return false
	}
	if strings.HasPrefix(word, "$") {
		rest := strings.TrimLeft(a[len(word):], " \t")
		if strings.HasPrefix(rest, ":=") || (strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==")) {
			return false
		}
	}
	return true
}

// matchable reports whether the line has literal text to match.
func (p linePattern) matchable() bool { return len(p.parts) > 0 }

// matches reports whether the rendered line s can come from p.
func (p linePattern) matches(s string) bool {
	if !p.matchable() {
		return false
	}
	s = strings.TrimRight(s, " \t\r")
	if !p.action {
		return s == p.parts[0]
	}
	rest := s
	for i, part := range p.parts {
		switch {
		case i == 0 && p.anchoredStart:
			if !strings.HasPrefix(rest, part) {
				return false
			}
			rest = rest[len(part):]
		case i == len(p.parts)-1 && p.anchoredEnd:
			if !strings.HasSuffix(rest, part) {
				return false
			}
			rest = rest[:len(rest)-len(part)]
		default:
			k := strings.Index(rest, part)
			if k < 0 {
				return false
			}
			rest = rest[k+len(part):]
		}
	}
	return true
}

// maxCandidates bounds the template lines a rendered line is aligned with,
// so that a line matching everything (a generic `{{ $k }}: {{ $v }}`)
// cannot make the alignment quadratic.
const maxCandidates = 64

// align maps the lines of out, rendered from tpl, to tpl's lines.
func align(tpl, out string) lineMap {
	ps := patterns(tpl)
	tr := structureOf(tpl, ps)
	lines := strings.Split(out, "\n")
	// byText finds the candidates of literal lines fast; lines with
	// actions are tried one by one.
	byText := map[string][]int{}
	var withActions []int
	for i, p := range ps {
		switch {
		case !p.matchable() || tr.inDefine(i):
		case p.action:
			withActions = append(withActions, i)
		default:
			byText[p.parts[0]] = append(byText[p.parts[0]], i)
		}
	}
	type state struct {
		t    int // template line (0-based), -1 for unmatched
		cost int
		prev int // index into the previous line's states
	}
	const unmatchedCost = 2
	states := make([][]state, len(lines))
	for i, line := range lines {
		var cands []int
		if strings.TrimSpace(line) != "" {
			cands = append(cands, byText[strings.TrimRight(line, " \t\r")]...)
			cands = cands[:min(len(cands), maxCandidates)]
			for _, t := range withActions {
				if len(cands) >= maxCandidates {
					break
				}
				if ps[t].matches(line) {
					cands = append(cands, t)
				}
			}
		}
		cur := make([]state, 0, len(cands)+1)
		var prev []state
		if i > 0 {
			prev = states[i-1]
		}
		// best finds the cheapest predecessor of a state at template line
		// t (-1: unmatched, which stays where its predecessor was).
		best := func(t int) (int, int) {
			if prev == nil {
				return 0, -1
			}
			bc, bi := -1, -1
			for k, s := range prev {
				c := s.cost
				if t >= 0 {
					step, ok := tr.move(s.t, t)
					if !ok {
						continue
					}
					c += step
				}
				if bc < 0 || c < bc {
					bc, bi = c, k
				}
			}
			return bc, bi
		}
		for _, t := range cands {
			if c, k := best(t); c >= 0 {
				cur = append(cur, state{t: t, cost: c, prev: k})
			}
		}
		// Unmatched: stays where the best predecessor was.
		c, k := best(-1)
		at := -1
		if k >= 0 {
			at = prev[k].t
		}
		cur = append(cur, state{t: at, cost: c + unmatchedCost, prev: k})
		if strings.TrimSpace(line) == "" {
			// A blank line is free: it is never matched.
			cur[len(cur)-1].cost -= unmatchedCost
		}
		states[i] = cur
	}
	// Walk back from the cheapest final state.
	matched := make([]int, len(lines)) // template line, -1 when unmatched
	if len(lines) > 0 {
		last := states[len(lines)-1]
		k := 0
		for j, s := range last {
			if s.cost < last[k].cost {
				k = j
			}
		}
		for i := len(lines) - 1; i >= 0; i-- {
			s := states[i][k]
			if k == len(states[i])-1 {
				matched[i] = -1
			} else {
				matched[i] = s.t
			}
			k = s.prev
			if k < 0 && i > 0 {
				k = len(states[i-1]) - 1
			}
		}
	}
	// The matched template lines before and after each rendered line.
	before, after := make([]int, len(lines)), make([]int, len(lines))
	for i, last := 0, -1; i < len(lines); i++ {
		before[i] = last
		if matched[i] >= 0 {
			last = matched[i]
		}
	}
	for i, next := len(lines)-1, len(ps); i >= 0; i-- {
		after[i] = next
		if matched[i] >= 0 {
			next = matched[i]
		}
	}
	m := lineMap{spans: make([]span, len(lines))}
	for i := range lines {
		switch {
		case matched[i] >= 0:
			m.spans[i] = span{matched[i] + 1, matched[i] + 1}
		case strings.TrimSpace(lines[i]) != "":
			m.spans[i] = gap(ps, tr, before[i], after[i])
		}
	}
	return m
}

// gap is the template line, strictly between prev and next (0-based; -1
// and len(ps) for the template's ends), that most likely produced an
// unmatched rendered line: the first line there with an action that
// writes, else the first with any action; else the whole gap, or prev
// itself when the gap is empty. When next is not after prev, the line was
// written between two passes of the loop that holds both: the lines after
// prev to the loop's end, then from the loop's start to next, are looked
// at. Lines in a branch that did not run are passed over: a branch
// between prev and next whose literal lines were not rendered, the other
// branches of an if that prev or next is in, define bodies. Which of
// several writing actions wrote a line cannot be told; the first is never
// far, and a finding on the object around them covers them all.
func gap(ps []linePattern, tr tree, prev, next int) span {
	var order []int // the template lines to look at, in order
	if next <= prev && prev >= 0 && next >= 0 {
		if l := tr.commonLoop(prev, next); l >= 0 {
			b := tr.branches[l]
			for t := prev + 1; t <= b.last; t++ {
				order = append(order, t)
			}
			for t := b.first; t < next; t++ {
				order = append(order, t)
			}
		} else {
			next = len(ps) // up to the template's end
		}
	}
	if order == nil {
		for t := prev + 1; t < next; t++ {
			order = append(order, t)
		}
	}
	first := func(ok func(linePattern) bool) int {
		for _, t := range order {
			if ok(ps[t]) && tr.mayHaveRun(t, prev, next) {
				return t
			}
		}
		return -1
	}
	t := first(func(p linePattern) bool { return p.output })
	if t < 0 {
		t = first(func(p linePattern) bool { return p.action })
	}
	if next <= prev {
		next = len(ps)
	}
	switch {
	case t >= 0:
		return span{t + 1, t + 1}
	case prev+1 < next && prev >= 0:
		return span{prev + 2, next}
	case prev >= 0:
		return span{prev + 1, prev + 1}
	case next < len(ps):
		return span{next + 1, next + 1}
	}
	return span{}
}

// tree is the control structure of a template: the branches of its if,
// with, range, define and block actions, and the innermost branch that
// holds each line.
type tree struct {
	branches []branch
	chains   [][]int // by template line: the branches holding it, outermost first
}

// branch is the lines one arm of a control action holds: an if's (or a
// with's) body or one of its else arms, a range's body (a loop) or its
// else, a define's or a block's body.
type branch struct {
	parent    int // -1: the template itself
	construct int // the arms of one if/with/range share it
	loop      bool
	define    bool // rendered where it is included, not in place
	literal   bool // holds a line with literal text (see linePattern)
	// first and last are the lines of the action that opens the arm and
	// of the one that closes it (0-based).
	first, last int
}

// structureOf finds the control structure of a template. A line belongs
// to the branch open at its first literal text or writing action (else at
// its start).
func structureOf(tpl string, ps []linePattern) tree {
	lines := strings.Split(tpl, "\n")
	tr := tree{chains: make([][]int, len(lines))}
	var stack []int
	top := func() int {
		if len(stack) == 0 {
			return -1
		}
		return stack[len(stack)-1]
	}
	open := func(construct int, loop, define bool, line int) {
		id := len(tr.branches)
		if construct < 0 {
			construct = id
		}
		tr.branches = append(tr.branches, branch{parent: top(), construct: construct, loop: loop, define: define, first: line, last: len(lines) - 1})
		stack = append(stack, id)
	}
	closeTop := func(line int) {
		if len(stack) > 0 {
			tr.branches[top()].last = line
			stack = stack[:len(stack)-1]
		}
	}
	owner := make([]int, len(lines))
	var sc actionScanner
	for i, line := range lines {
		own, set := top(), false
		sc.line(line, func(lit string) {
			if !set && strings.TrimSpace(lit) != "" {
				own, set = top(), true
			}
		}, func(rest string) {
			switch keyword(rest) {
			case "if", "with", "block":
				open(-1, false, false, i)
			case "range":
				open(-1, true, false, i)
			case "define":
				open(-1, false, true, i)
			case "else":
				if len(stack) > 0 {
					c := tr.branches[top()].construct
					closeTop(i)
					open(c, false, false, i)
				}
			case "end":
				closeTop(i)
			default:
				if !set && writes(rest) {
					own, set = top(), true
				}
			}
		})
		owner[i] = own
	}
	for i, b := range owner {
		var chain []int
		for ; b >= 0; b = tr.branches[b].parent {
			chain = append(chain, b)
			if i < len(ps) && ps[i].matchable() {
				tr.branches[b].literal = true
			}
		}
		slices.Reverse(chain)
		tr.chains[i] = chain
	}
	return tr
}

// actionScanner walks a template's lines through their literal text and
// the actions that start on them; an action may span lines.
type actionScanner struct {
	inAction bool // the line before ended inside an action
}

// line calls lit with each run of literal text of line (also an empty one
// before an action) and action with the text after each "{{" on it, in
// order.
func (sc *actionScanner) line(line string, lit func(string), action func(rest string)) {
	for rest := line; rest != ""; {
		if sc.inAction {
			k := strings.Index(rest, "}}")
			if k < 0 {
				return
			}
			rest, sc.inAction = rest[k+2:], false
			continue
		}
		k := strings.Index(rest, "{{")
		if k < 0 {
			lit(rest)
			return
		}
		lit(rest[:k])
		rest, sc.inAction = rest[k+2:], true
		action(rest)
	}
}

// keyword is the first word of an action, given by the text after its
// "{{": "if", "range", "end", ...
func keyword(action string) string {
	a := strings.TrimLeft(strings.TrimPrefix(action, "-"), " \t")
	if i := strings.IndexAny(a, " \t}-"); i >= 0 {
		a = a[:i]
	}
	return a
}

// inDefine reports whether line t is in a define body.
func (tr tree) inDefine(t int) bool {
	for _, b := range tr.chains[t] {
		if tr.branches[b].define {
			return true
		}
	}
	return false
}

// common returns how many branches lines a and b share.
func (tr tree) common(a, b int) int {
	ca, cb := tr.chains[a], tr.chains[b]
	n := 0
	for n < len(ca) && n < len(cb) && ca[n] == cb[n] {
		n++
	}
	return n
}

// commonLoop returns the innermost loop holding lines a and b, -1 if none.
func (tr tree) commonLoop(a, b int) int {
	chain := tr.chains[a][:tr.common(a, b)]
	for i := len(chain) - 1; i >= 0; i-- {
		if tr.branches[chain[i]].loop {
			return chain[i]
		}
	}
	return -1
}

// move says whether the rendered output can go on from template line a
// (-1: the start) to line b, and at what cost: forward is free, except
// from one arm of an if to another; back to an earlier line (or the same
// one) is a loop's next pass and costs one, only inside a loop holding
// both lines. Going from one arm of an if to another also takes a pass
// of a loop around the if.
func (tr tree) move(a, b int) (int, bool) {
	if a < 0 {
		return 0, true
	}
	loop := tr.commonLoop(a, b) >= 0
	if b > a {
		n := tr.common(a, b)
		ca, cb := tr.chains[a], tr.chains[b]
		if n < len(ca) && n < len(cb) && tr.branches[ca[n]].construct == tr.branches[cb[n]].construct {
			return 1, loop // two arms of one if
		}
		return 0, true
	}
	return 1, loop
}

// mayHaveRun reports whether line t can have written a line rendered
// between the template lines prev and next (-1 and len for the ends):
// not in a define body, nor in an arm of an if that prev or next is in
// another arm of, nor in an arm that holds neither and has literal lines
// (they would have been rendered).
func (tr tree) mayHaveRun(t, prev, next int) bool {
	var around [][]int
	for _, x := range []int{prev, next} {
		if x >= 0 && x < len(tr.chains) {
			around = append(around, tr.chains[x])
		}
	}
	for _, b := range tr.chains[t] {
		br := tr.branches[b]
		if br.define {
			return false
		}
		held := false
		for _, chain := range around {
			for _, c := range chain {
				if c == b {
					held = true
				} else if tr.branches[c].construct == br.construct {
					return false // another arm of the same if ran
				}
			}
		}
		if !held && br.literal {
			return false
		}
	}
	return true
}
