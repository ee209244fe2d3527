package reporters

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/infragate/infragate/engine"
)

// Table writes the findings as aligned columns (LEVEL, LOCATION, ID,
// MESSAGE) under a header, then the summary line.
func Table(w io.Writer, r *engine.Report, opts Options) error {
	fs := sorted(r)
	rows := [][]string{{"LEVEL", "LOCATION", "ID", "MESSAGE"}}
	for _, f := range fs {
		msg := oneLine(message(f))
		if f.Note != "" {
			msg += " (" + oneLine(f.Note) + ")"
		}
		if f.Waiver != nil {
			msg += " (" + oneLine(waiverText(f.Waiver)) + ")"
		}
		level := string(f.Level)
		if level == "" {
			level = string(engine.LevelFailure)
		}
		rows = append(rows, []string{level, oneLine(location(f)), oneLine(f.RuleID()), msg})
	}
	widths := make([]int, 3)
	for _, row := range rows {
		for c := range widths {
			widths[c] = max(widths[c], utf8.RuneCountInString(row[c]))
		}
	}
	bw := bufio.NewWriter(w)
	if len(fs) > 0 {
		for i, row := range rows {
			for c := range widths {
				cell := row[c]
				pad := strings.Repeat(" ", widths[c]-utf8.RuneCountInString(cell)+2)
				if c == 0 && i > 0 && opts.Color {
					cell = levelWord(fs[i-1], true)
					cell = strings.Replace(cell, strings.ToUpper(row[0]), row[0], 1)
				}
				bw.WriteString(cell + pad)
			}
			bw.WriteString(row[3] + "\n")
		}
		bw.WriteString("\n")
	}
	bw.WriteString(summaryLine(summary(r)) + "\n")
	return bw.Flush()
}
