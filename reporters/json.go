package reporters

import (
	"encoding/json"
	"io"

	"github.com/infragate/infragate/engine"
)

// JSONFormatVersion is the version of the JSON output contract. Fields are
// only ever added; a rename or removal would bump it.
const JSONFormatVersion = "1"

// jsonReport is the JSON output contract:
//
//	{"format_version": "1",
//	 "summary": {"files", "documents", "failures", "warnings", "exceptions", "errors", "blocking", ...},
//	 "findings": [{"level", "id", "rule", "message", "file", "start_line", "end_line", "severity", "metadata", ..., "fingerprint"}],
//	 "deleted": [...]}
type jsonReport struct {
	FormatVersion string         `json:"format_version"`
	Summary       engine.Summary `json:"summary"`
	Findings      []jsonFinding  `json:"findings"`
	Deleted       []string       `json:"deleted,omitempty"`
}

// jsonFinding is an engine finding plus its stable fingerprint.
type jsonFinding struct {
	engine.Finding
	Fingerprint string `json:"fingerprint"`
}

// JSON writes the report as the versioned JSON contract, indented with two
// spaces. findings is an empty array, never null.
func JSON(w io.Writer, r *engine.Report, _ Options) error {
	out := jsonReport{FormatVersion: JSONFormatVersion, Summary: summary(r), Findings: []jsonFinding{}}
	for _, f := range sorted(r) {
		out.Findings = append(out.Findings, jsonFinding{Finding: f, Fingerprint: Fingerprint(f)})
	}
	if r != nil {
		out.Deleted = r.Deleted
	}
	return encodeJSON(w, out)
}

// encodeJSON writes v indented with two spaces and a final newline. HTML
// characters are kept as they are: the output is data, not markup.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
