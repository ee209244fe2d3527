package reporters

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/infragate/infragate/engine"
)

// githubStepLimit is how many annotations of each level (error, warning,
// notice) GitHub shows for one step; the runner logs the other commands'
// messages only.
const githubStepLimit = 10

// GitHub writes GitHub Actions workflow commands, one annotation per
// finding (most severe first), then a plain summary line:
//
//	::error file=main.tf,line=3,endLine=7,title=[s3-public] Public bucket::message
//
// Blocking failures are errors, warnings are warnings, and exceptions,
// waived findings and non-blocking failures are notices. Every value is
// escaped so that no string from a file or a policy can end the command or
// start another one. GitHub shows at most 10 annotations of each level per
// step and 50 per job: the summary line says how many findings are only in
// the log. Options.MaxAnnotations caps what is written.
func GitHub(w io.Writer, r *engine.Report, opts Options) error {
	fs := sorted(r)
	sort.SliceStable(fs, func(i, j int) bool { return classify(fs[i]) < classify(fs[j]) })
	bw := bufio.NewWriter(w)
	shown := 0
	perLevel := map[string]int{}
	for _, f := range fs {
		if opts.MaxAnnotations > 0 && shown >= opts.MaxAnnotations {
			break
		}
		bw.WriteString(githubCommand(f, opts.Base))
		bw.WriteString("\n")
		perLevel[githubLevel(f)]++
		shown++
	}
	line := "infragate: " + summaryLine(summary(r))
	if left := len(fs) - shown; left > 0 {
		line += fmt.Sprintf(" (%d more findings not annotated: annotation limit %d reached)", left, opts.MaxAnnotations)
	}
	logOnly := 0
	for _, n := range perLevel {
		logOnly += max(n-githubStepLimit, 0)
	}
	switch {
	case logOnly == 1:
		line += fmt.Sprintf(" (GitHub shows the first %d annotations of each level in a step: 1 more finding is only in this log)", githubStepLimit)
	case logOnly > 1:
		line += fmt.Sprintf(" (GitHub shows the first %d annotations of each level in a step: %d more findings are only in this log)", githubStepLimit, logOnly)
	}
	bw.WriteString(line + "\n")
	return bw.Flush()
}

// githubLevel is the workflow command a finding is written as: error,
// warning or notice.
func githubLevel(f engine.Finding) string {
	switch classify(f) {
	case classWarning:
		return "warning"
	case classNotice:
		return "notice"
	}
	return "error"
}

// githubCommand renders one finding as a workflow command.
func githubCommand(f engine.Finding, base string) string {
	cmd := githubLevel(f)
	var props []string
	if f.File != "" {
		props = append(props, "file="+escapeProperty(inRepository(f.File, base)))
		if f.StartLine > 0 {
			props = append(props, "line="+strconv.Itoa(f.StartLine))
			if e := endLine(f); e != f.StartLine {
				props = append(props, "endLine="+strconv.Itoa(e))
			}
		}
	}
	title := "[" + f.RuleID() + "]"
	if f.Title != "" {
		title += " " + f.Title
	}
	props = append(props, "title="+escapeProperty(title))

	msg := message(f)
	if f.Note != "" {
		msg += "\n" + f.Note
	}
	if f.Waiver != nil {
		msg += "\n" + waiverText(f.Waiver)
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(msg)
}

// escapeData escapes a workflow command's message. Other control
// characters (such as the escape that starts ANSI colour codes, which the
// log viewer would render) are shown as \xNN.
func escapeData(s string) string {
	return visibleControls(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s))
}

// escapeProperty escapes a workflow command property value.
func escapeProperty(s string) string {
	return visibleControls(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s))
}

// visibleControls writes control characters other than tab and bytes
// that are not UTF-8 as \xNN (see escapeControls).
func visibleControls(s string) string { return escapeControls(s, false) }
