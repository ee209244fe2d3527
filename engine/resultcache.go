package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
)

// ResultCache keeps the findings of a file under a key that the engine
// derives from everything that decides them: the file's bytes, name and
// directory (data.conftest.file), its parser, every policy source, the
// data documents and the options that select rules. Implementations add
// the identity of the running build (see package cache).
type ResultCache interface {
	Get(key string) ([]byte, bool)
	Put(key string, value []byte)
}

// resultCacheVersion changes whenever the key, the cached layout or the
// meaning of findings changes.
const resultCacheVersion = "3"

// policyFingerprint hashes what decides findings besides the input file.
// New calls it only when results may be reused (policyReads: no
// non-deterministic builtin, no print).
func (e *Engine) policyFingerprint(srcs []policySource, data map[string]any) string {
	h := sha256.New()
	// %q quotes each namespace glob: with %v, "x", "y z" and "x y", "z"
	// would both print as [x y z].
	fmt.Fprintf(h, "v%s\x00%d\x00%q\x00%t\x00%d\x00", resultCacheVersion, e.opts.RegoVersion, e.opts.Namespaces, e.opts.AllNamespaces, e.opts.MaxFileSize)
	sorted := append([]policySource(nil), srcs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, s := range sorted {
		fmt.Fprintf(h, "%s\x00%t\x00%d\x00", s.name, s.builtin, len(s.src))
		h.Write(s.src)
	}
	d, err := json.Marshal(data) // map keys come out sorted
	if err != nil {
		return ""
	}
	h.Write(d)
	return hex.EncodeToString(h.Sum(nil))
}

// resultKey is the cache key of a file's findings, "" when not cacheable.
// sum gives the SHA-256 of the file's bytes.
func (e *Engine) resultKey(f File, sum func() [sha256.Size]byte, fileCtx ast.Value) string {
	if e.opts.Results == nil || e.fingerprint == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", e.fingerprint, parserID(f.Parser), f.Name, fileCtx.String())
	digest := sum()
	h.Write(digest[:])
	return hex.EncodeToString(h.Sum(nil))
}

// parserID names a parser and its configuration for keys.
func parserID(p parsers.Parser) string {
	if id, ok := p.(interface{ ID() string }); ok {
		return id.ID()
	}
	return fmt.Sprintf("%T%+v", p, p)
}

type cachedResult struct {
	Documents int       `json:"documents"`
	Findings  []Finding `json:"findings"`
	// Guarded is fileResult.guarded, when known.
	Guarded *guardSet `json:"guarded,omitempty"`
}

func (e *Engine) cachedResult(key string) (fileResult, bool) {
	data, ok := e.opts.Results.Get(key)
	if !ok {
		return fileResult{}, false
	}
	var c cachedResult
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&c); err != nil {
		return fileResult{}, false
	}
	res := fileResult{docs: c.Documents, findings: c.Findings}
	if c.Guarded != nil {
		res.guarded, res.guardsKnown = *c.Guarded, true
	}
	return res, true
}

// storeResult keeps a file's findings unless they hold an error (a
// timeout or a runtime error may not happen next time) or text that JSON
// cannot carry as it is.
func (e *Engine) storeResult(key string, r fileResult) {
	for _, f := range r.findings {
		if f.IsError() {
			return
		}
	}
	c := cachedResult{Documents: r.docs, Findings: r.findings}
	if r.guardsKnown {
		c.Guarded = &r.guarded
	}
	data, err := json.Marshal(c)
	if err != nil || bytes.Contains(data, []byte(`\ufffd`)) {
		// JSON writes text that is not UTF-8 (a file name with a 0xff
		// byte) with \ufffd escapes (U+FFFD itself is written as its
		// bytes): read back, it would name another file than the
		// evaluation did. Such results are not kept.
		return
	}
	e.opts.Results.Put(key, data)
}
