package parsers

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// DockerfileParser reads Dockerfiles with BuildKit's parser (the one
// `docker build` uses) into conftest's shape: one document whose value is
// the array of instructions, so a policy sees `input[i].Cmd`. Each
// instruction is an object:
//
//	Cmd       the instruction, lowercased ("from", "run", ...)
//	SubCmd    for ONBUILD, the wrapped instruction (lowercased; "" otherwise)
//	JSON      whether the arguments were written in JSON (exec) form
//	Flags     the --flags, as written (["--from=build"]); [] when none
//	Value     the arguments as BuildKit splits them: FROM/COPY/ADD/EXPOSE
//	          ... by whitespace, RUN/CMD/ENTRYPOINT as one string (or the
//	          JSON elements), ENV/LABEL as name, value, name, value, ...
//	          with quotes kept
//	Stage     the build stage: 0 up to and including the first FROM's
//	          stage, then one more per FROM
//	Original  the instruction's source text, continuation lines joined
//	          (an infragate addition; conftest does not have it)
//	Heredocs  only when the instruction has here-documents:
//	          [{"Name": "EOF", "Content": "..."}] (an infragate addition)
//
// As in conftest, each comment line before an instruction becomes an
// entry {"Cmd": "comment", "Value": ["text"], "Flags": null} of the stage
// it is in. Unknown instructions are errors, as for docker build.
type DockerfileParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *DockerfileParser) ContentOnly() bool { return true }

// Parse implements Parser. Source map: /<i> is instruction i's lines
// (continuation lines and here-documents included), and its members and
// their elements (/<i>/Value/<j>) have the same range.
func (p *DockerfileParser) Parse(filename string, src []byte) (docs []Document, err error) {
	defer guard(filename, &err)
	// A blank file has no instructions: the parser says so (as conftest).
	src, _, err = textOf(filename, src)
	if err != nil {
		return nil, err
	}
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, dockerfileError(filename, src, err)
	}
	lines := bytes.Split(src, []byte{'\n'})
	last := lineCount(src)
	sm := &SourceMap{}
	list := []any{}
	stage := -1
	prevEnd := 0
	for _, child := range res.AST.Children {
		r := clampRange(Range{StartLine: child.StartLine, EndLine: child.EndLine}, last)
		cmd := strings.ToLower(child.Value)
		if _, ok := command.Commands[cmd]; !ok {
			return nil, &ParseError{File: filename, Line: r.StartLine, Col: 1,
				Msg: fmt.Sprintf("unknown instruction: %s", child.Value)}
		}
		if cmd == command.From {
			stage++
		}
		st := max(stage, 0)
		commentLines := commentLinesBefore(lines, prevEnd, r.StartLine, len(child.PrevComment))
		for k, text := range child.PrevComment {
			cr := r
			if k < len(commentLines) {
				cr = Range{StartLine: commentLines[k], EndLine: commentLines[k]}
			}
			i := len(list)
			list = append(list, map[string]any{
				"Cmd": "comment", "SubCmd": "", "JSON": false, "Flags": nil,
				"Value": []any{text}, "Stage": st, "Original": "# " + text,
			})
			setAll(sm, Path{fmt.Sprint(i)}, cr, 1)
		}
		prevEnd = r.EndLine
		ins := map[string]any{
			"Cmd": cmd, "SubCmd": "", "Flags": stringList(child.Flags),
			"Stage": st, "Original": child.Original,
		}
		args := child
		if child.Next != nil && len(child.Next.Children) > 0 {
			args = child.Next.Children[0]
			ins["SubCmd"] = strings.ToLower(args.Value)
		}
		ins["JSON"] = args.Attributes["json"]
		var value []any
		for n := args.Next; n != nil; n = n.Next {
			value = append(value, n.Value)
		}
		if value == nil {
			ins["Value"] = nil
		} else {
			ins["Value"] = value
		}
		if len(child.Heredocs) > 0 {
			hd := make([]any, len(child.Heredocs))
			for j, h := range child.Heredocs {
				hd[j] = map[string]any{"Name": h.Name, "Content": h.Content}
			}
			ins["Heredocs"] = hd
		}
		i := len(list)
		list = append(list, ins)
		setAll(sm, Path{fmt.Sprint(i)}, r, 1)
		for _, k := range []string{"Value", "Flags", "Heredocs"} {
			if l, ok := ins[k].([]any); ok {
				for j := range l {
					sm.Set(Path{fmt.Sprint(i), k, fmt.Sprint(j)}, r)
				}
			}
		}
	}
	whole := Range{StartLine: 1, EndLine: last}
	sm.Set(Path{}, whole)
	return []Document{{Value: list, Range: whole, Map: sm}}, nil
}

// setAll records r for p and for each member of the instruction at p.
func setAll(sm *SourceMap, p Path, r Range, _ int) {
	sm.Set(p, r)
	for _, k := range []string{"Cmd", "SubCmd", "JSON", "Flags", "Value", "Stage", "Original"} {
		sm.Set(p.Child(k), r)
	}
}

func stringList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// commentLinesBefore returns the lines (1-based) of the last n non-empty
// comment lines after line after and before line before: where BuildKit
// found the comments it attaches to the instruction on line before.
func commentLinesBefore(lines [][]byte, after, before, n int) []int {
	if n == 0 {
		return nil
	}
	var out []int
	for l := before - 1; l > after && len(out) < n; l-- {
		if l-1 >= len(lines) {
			continue
		}
		t := bytes.TrimSpace(lines[l-1])
		if len(t) > 1 && t[0] == '#' && len(bytes.TrimSpace(t[1:])) > 0 {
			out = append(out, l)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	if len(out) < n {
		return nil
	}
	return out
}

// dockerfileError converts a BuildKit error to a ParseError on its line.
func dockerfileError(filename string, src []byte, err error) *ParseError {
	pe := &ParseError{File: filename, Msg: err.Error()}
	var le *parser.LocationError
	if errors.As(err, &le) {
		pe.Msg = le.Unwrap().Error()
		for _, loc := range le.Locations {
			if len(loc) > 0 {
				pe.Line = loc[0].Start.Line
				break
			}
		}
	}
	if strings.Contains(pe.Msg, "line greater than max allowed size") {
		// The parser's scanner gives up on the long line and names the
		// one before it.
		pe.Line = firstLongLine(src, dockerfileMaxLine)
	}
	pe.Line = min(max(pe.Line, 1), lineCount(src))
	return pe
}

// dockerfileMaxLine is the longest line the Dockerfile parser reads.
const dockerfileMaxLine = 65535

// firstLongLine is the number of the first line of src longer than max
// bytes (0 when none).
func firstLongLine(src []byte, max int) int {
	for line := 1; len(src) > 0; line++ {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		if end > max {
			return line
		}
		src = src[min(end+1, len(src)):]
	}
	return 0
}
