package reporters

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"sync/atomic"

	"github.com/infragate/infragate/engine"
)

// JSONFormatVersion is the version of the JSON output contract. Fields are
// only ever added; a rename or removal would bump it.
const JSONFormatVersion = "1"

// jsonReport is the JSON output contract, which JSON writes piece by piece
// (and the tests encode with encoding/json to check it):
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
//
// The report is written one finding at a time, with the bytes a single
// indented encoding of jsonReport would give: a report with a hundred
// thousand findings is never held in memory a second time as text.
func JSON(w io.Writer, r *engine.Report, _ Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := newIndentEncoder("  ")
	bw.WriteString("{\n  \"format_version\": ")
	bw.Write(enc.encode(JSONFormatVersion))
	bw.WriteString(",\n  \"summary\": ")
	bw.Write(enc.encode(summary(r)))
	bw.WriteString(",\n  \"findings\": ")
	fs := sorted(r)
	if len(fs) == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("[\n")
		if err := writeFindings(bw, fs); err != nil {
			return err
		}
		bw.WriteString("\n  ]")
	}
	if r != nil && len(r.Deleted) > 0 {
		bw.WriteString(",\n  \"deleted\": ")
		bw.Write(enc.encode(r.Deleted))
	}
	bw.WriteString("\n}\n")
	if enc.err != nil {
		return enc.err
	}
	return bw.Flush()
}

// jsonChunk is how many findings one goroutine encodes at a time.
const jsonChunk = 512

// writeFindings writes the findings array's elements, separated by
// ",\n", each indented for its place in the report. Large reports are
// encoded on all CPUs in chunks while the chunks already encoded are
// written in order; at most two chunks per CPU are held at a time.
func writeFindings(w *bufio.Writer, fs []engine.Finding) error {
	repeated := repeats(fs) // read-only from here on, shared by the workers
	chunks := (len(fs) + jsonChunk - 1) / jsonChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	type encoded struct {
		data []byte
		err  error
	}
	results := make([]chan encoded, chunks)
	for i := range results {
		results[i] = make(chan encoded, 1)
	}
	slots := make(chan struct{}, 2*max(workers, 1)) // chunks encoded but not yet written
	stop := make(chan struct{})
	defer close(stop)
	var next atomic.Int64
	for range workers {
		go func() {
			enc := newFindingEncoder()
			last := 0
			for {
				select {
				case slots <- struct{}{}:
				case <-stop:
					return
				}
				c := int(next.Add(1)) - 1
				if c >= chunks {
					return
				}
				out := make([]byte, 0, last) // about the size of the previous chunk
				for i := c * jsonChunk; i < min((c+1)*jsonChunk, len(fs)); i++ {
					if i > 0 {
						out = append(out, ",\n"...)
					}
					out = append(out, "    "...)
					out = enc.append(out, &fs[i], reportFingerprint(fs[i], repeated[i]))
				}
				last = len(out) + len(out)/8
				results[c] <- encoded{out, enc.err()}
			}
		}()
	}
	for c := range chunks {
		r := <-results[c]
		if r.err != nil {
			return r.err
		}
		w.Write(r.data)
		<-slots
	}
	return nil
}

// indentEncoder encodes values as encodeJSON does, for a value nested at
// the given prefix, reusing one buffer. The returned bytes are valid until
// the next call; the first error is kept in err.
type indentEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newIndentEncoder(prefix string) *indentEncoder {
	e := &indentEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetIndent(prefix, "  ")
	e.enc.SetEscapeHTML(false)
	return e
}

func (e *indentEncoder) encode(v any) []byte {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil && e.err == nil {
		e.err = err
	}
	return bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))
}

// encodeJSON writes v indented with two spaces and a final newline. HTML
// characters are kept as they are: the output is data, not markup.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
