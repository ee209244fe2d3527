package reporters

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/infragate/infragate/engine"
)

// TAP writes the Test Anything Protocol (version 12, as conftest does): a
// plan line, then one test per finding,
//
//	not ok 1 - main.tf:3 - [s3-public] message
//
// Blocking findings are "not ok"; warnings and failures that do not block
// are "not ok ... # TODO" (reported, not counted as failures by TAP
// harnesses); exceptions and waived findings are "ok ... # SKIP". A report
// without findings is one passing test. The summary follows as a comment.
func TAP(w io.Writer, r *engine.Report, _ Options) error {
	fs := sorted(r)
	bw := bufio.NewWriter(w)
	if len(fs) == 0 {
		bw.WriteString("1..1\n")
		s := summary(r)
		fmt.Fprintf(bw, "ok 1 - no findings in %s\n", plural(s.Files, "file"))
	} else {
		fmt.Fprintf(bw, "1..%d\n", len(fs))
	}
	for i, f := range fs {
		desc := tapEscape(location(f) + " - [" + f.RuleID() + "] " + message(f))
		ok, directive := "not ok", ""
		switch {
		case f.Level == engine.LevelException:
			ok, directive = "ok", " # SKIP exception"
		case waived(f):
			ok, directive = "ok", " # SKIP "+tapEscape(waiverText(f.Waiver))
		case f.Blocking:
		case f.Level == engine.LevelWarning:
			directive = " # TODO warning"
		default:
			directive = " # TODO not blocking"
		}
		if f.Note != "" && directive != "" {
			directive += ": " + tapEscape(f.Note)
		}
		fmt.Fprintf(bw, "%s %d - %s%s\n", ok, i+1, desc, directive)
	}
	bw.WriteString("# " + summaryLine(summary(r)) + "\n")
	return bw.Flush()
}

// tapEscape keeps a description on one line and escapes '#' and '\', which
// would otherwise start a directive.
func tapEscape(s string) string {
	return oneLine(strings.NewReplacer(`\`, `\\`, "#", `\#`).Replace(s))
}
