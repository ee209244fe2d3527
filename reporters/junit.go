package reporters

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/infragate/infragate/engine"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr,omitempty"`
}

// JUnit writes JUnit XML as GitLab, Jenkins and Azure Pipelines read it:
// one <testsuite> per file with findings, and in it one <testcase> per rule
// evaluated on the file (the rules of the report's catalogue that apply to
// the file's format and whose guard held for one of its documents, see
// engine.Report.Applies, plus every rule with a finding there). A testcase is named by the rule id alone, so that it
// keeps its name from a passing run to a failing one; the rule's title
// leads the failure message. A rule fails when one of its findings there
// blocks: a <failure> for policy results, an <error> for parse and
// evaluation errors, with every location in the element's text. Findings
// that do not block (warnings, exceptions, waived and advisory findings)
// leave the test passing and are listed in <system-out>. A report without
// findings gives one passing test, so that CI shows a result.
func JUnit(w io.Writer, r *engine.Report, _ Options) error {
	byFile := map[string][]engine.Finding{}
	var files []string
	for _, f := range sorted(r) {
		if _, ok := byFile[f.File]; !ok {
			files = append(files, f.File)
		}
		byFile[f.File] = append(byFile[f.File], f)
	}
	out := junitSuites{Name: "infragate", Time: "0"}
	for _, file := range files {
		var catalogue []string
		if r != nil {
			for _, rule := range r.Rules {
				if rule.ID != "" && r.Applies(rule, file) {
					catalogue = append(catalogue, rule.ID)
				}
			}
		}
		out.Suites = append(out.Suites, junitFileSuite(file, byFile[file], catalogue))
	}
	if len(out.Suites) == 0 {
		s := summary(r)
		out.Suites = []junitSuite{{Name: "infragate", Tests: 1, Time: "0", Cases: []junitCase{{
			// The name stays the same from run to run (CI systems track
			// a case's history by its name); the counts go to its output.
			Name: "no findings", Classname: "infragate", Time: "0",
			SystemOut: fmt.Sprintf("%s, %s", plural(s.Files, "file"), plural(s.Documents, "document")),
		}}}}
	}
	return writeJUnit(w, &out)
}

// junitFileSuite builds the suite of one file.
func junitFileSuite(file string, fs []engine.Finding, catalogue []string) junitSuite {
	name := file
	if name == "" {
		name = "(no file)"
	}
	byRule := map[string][]engine.Finding{}
	parsed := false
	for _, f := range fs {
		byRule[f.RuleID()] = append(byRule[f.RuleID()], f)
		parsed = parsed || f.ID != engine.IDParseError
	}
	if !parsed {
		catalogue = nil // no rule was evaluated on a file that did not parse
	}
	ids := make([]string, 0, len(byRule)+len(catalogue))
	seen := map[string]bool{}
	for _, id := range catalogue {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for id := range byRule {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)

	suite := junitSuite{Name: name, Time: "0"}
	for _, id := range ids {
		c := junitCase{Name: id, Classname: name, File: file, Time: "0"}
		var blocking, quiet []string
		var first *engine.Finding
		isError := false
		for i, f := range byRule[id] {
			line := plainLine(f)
			if f.Blocking {
				blocking = append(blocking, line)
				if first == nil {
					first = &byRule[id][i]
				}
				isError = isError || f.IsError()
			} else {
				quiet = append(quiet, line)
			}
		}
		if len(blocking) > 0 {
			msg := oneLine(message(*first))
			if first.Title != "" {
				msg = oneLine(first.Title) + ": " + msg
			}
			p := &junitProblem{Message: msg, Type: id, Text: strings.Join(blocking, "\n")}
			if len(blocking) > 1 {
				p.Message += fmt.Sprintf(" (and %d more)", len(blocking)-1)
			}
			if isError {
				c.Error = p
				suite.Errors++
			} else {
				c.Failure = p
				suite.Failures++
			}
		}
		if len(quiet) > 0 {
			c.SystemOut = strings.Join(quiet, "\n")
		}
		suite.Cases = append(suite.Cases, c)
	}
	suite.Tests = len(suite.Cases)
	return suite
}

// plainLine is a finding as one plain text line (multi-line messages are
// indented), with its note and waiver.
func plainLine(f engine.Finding) string {
	return textLine(f, false)
}

// writeJUnit fills in the totals and writes the document.
func writeJUnit(w io.Writer, out *junitSuites) error {
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// JUnitTests writes Rego unit test results as JUnit XML: one <testsuite>
// per package, one <testcase> per test.
func JUnitTests(w io.Writer, results []engine.TestResult) error {
	rs := make([]engine.TestResult, len(results))
	copy(rs, results)
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Package != rs[j].Package {
			return rs[i].Package < rs[j].Package
		}
		if rs[i].File != rs[j].File {
			return rs[i].File < rs[j].File
		}
		if rs[i].Line != rs[j].Line {
			return rs[i].Line < rs[j].Line
		}
		return rs[i].Name < rs[j].Name
	})
	out := junitSuites{Name: "infragate test"}
	var total time.Duration
	for i := 0; i < len(rs); {
		j := i
		suite := junitSuite{Name: rs[i].Package}
		var d time.Duration
		for ; j < len(rs) && rs[j].Package == rs[i].Package; j++ {
			t := rs[j]
			d += t.Duration
			c := junitCase{Name: t.Name, Classname: t.Package, File: t.File, Time: seconds(t.Duration), SystemOut: t.Output}
			where := t.File
			if t.Line > 0 {
				where = fmt.Sprintf("%s:%d", t.File, t.Line)
			}
			switch {
			case t.Error != "":
				text := t.Error
				if !strings.HasPrefix(text, where+":") { // OPA's errors start with their place
					text = where + ": " + text
				}
				c.Error = &junitProblem{Message: oneLine(t.Error), Type: "error", Text: text}
				suite.Errors++
			case t.Fail:
				text := where + ": " + t.Name + " failed"
				for _, tc := range t.Cases {
					if tc.Fail {
						text += "\n  case " + tc.Name + " failed"
					}
				}
				c.Failure = &junitProblem{Message: "test failed", Type: "fail", Text: text}
				suite.Failures++
			case t.Skip:
				c.Skipped = &junitSkipped{Message: "todo"}
				suite.Skipped++
			}
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		suite.Time = seconds(d)
		total += d
		out.Suites = append(out.Suites, suite)
		i = j
	}
	out.Time = seconds(total)
	return writeJUnit(w, &out)
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
