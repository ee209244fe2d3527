package engine

// Files with the same bytes.
//
// A run over a monorepo meets the same file many times: a manifest copied
// per environment, a vendored module, generated code (27% of the files of
// the benchmark's Terraform set, 13% of its Kubernetes set). When neither
// the parser nor the policies can tell two such files apart, their findings
// differ only in the file name, so the engine evaluates the bytes once and
// gives each later file a copy of the findings with its own name.
//
// The parser must promise that its documents depend on the bytes alone
// (parsers.ContentOnly; Terraform evaluation reads the whole module and does
// not). The policies must not be able to tell files apart or runs apart:
// no read of data.conftest (the file's name and directory) or of `data` as
// a whole, no non-deterministic builtin, no print. Results holding an error
// (a timeout, a runtime error) and results of Terraform plans (their
// findings name blocks of other files) are not reused.

import (
	"cmp"
	"crypto/sha256"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
)

// reuseMaxFiles bounds the distinct files remembered at a time (about 100
// bytes each, 25 MB in all; the findings are the run's anyway): when it is
// reached, the memory starts again empty, so that copies found near each
// other (the usual case: a directory copied per environment) are still
// evaluated once in runs over millions of files.
const reuseMaxFiles = 1 << 18

// reuseKey identifies a file's bytes with the parser and rules that see them.
type reuseKey [sha256.Size]byte

// sameBytes remembers the results of the files evaluated in one run by
// content.
type sameBytes struct {
	mu      sync.Mutex
	results map[reuseKey]fileResult
	max     int // reuseMaxFiles when 0
}

// reuseKey is the key of a file's results among files with the same bytes
// (sum gives their SHA-256), and false when its results cannot be reused.
func (e *Engine) reuseKey(f File, sum func() [sha256.Size]byte) (reuseKey, bool) {
	if !e.filesAlike || !parsers.IsContentOnly(f.Parser) {
		return reuseKey{}, false
	}
	h := sha256.New()
	h.Write([]byte(string(f.Format) + "\x00" + parserID(f.Parser) + "\x00"))
	digest := sum()
	h.Write(digest[:])
	var k reuseKey
	h.Sum(k[:0])
	return k, true
}

// get returns a copy of the results remembered under k, named for file.
func (s *sameBytes) get(k reuseKey, file string) (fileResult, bool) {
	s.mu.Lock()
	r, ok := s.results[k]
	s.mu.Unlock()
	if !ok {
		return fileResult{}, false
	}
	out := fileResult{docs: r.docs, findings: slices.Clone(r.findings), guarded: r.guarded, guardsKnown: r.guardsKnown}
	for i := range out.findings {
		out.findings[i].File = file
	}
	return out, true
}

// put remembers r under k unless it must be evaluated again next time.
func (s *sameBytes) put(k reuseKey, r fileResult) {
	for _, f := range r.findings {
		if f.IsError() {
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.results == nil {
		s.results = map[reuseKey]fileResult{}
	}
	if len(s.results) >= cmp.Or(s.max, reuseMaxFiles) {
		clear(s.results)
	}
	s.results[k] = r
}

// policyReads says what the compiled policies can read besides input and
// data documents: the file's context (data.conftest, or data under a
// variable), and anything that changes from run to run (non-deterministic
// builtins, print).
func policyReads(c *ast.Compiler) (fileContext, varying bool) {
	var vis *ast.GenericVisitor
	vis = ast.NewGenericVisitor(func(x any) bool {
		switch x := x.(type) {
		case ast.Var:
			// data as a whole, e.g. walk(data) or x := data (a ref's
			// head is not visited here).
			if x.Equal(ast.DefaultRootDocument.Value) {
				fileContext = true
			}
		case ast.Ref:
			if readsFileContext(x) {
				fileContext = true
			}
			if len(x) > 0 {
				for _, t := range x[1:] {
					vis.Walk(t)
				}
			}
			return true // the head is a name, not a value
		case *ast.Expr:
			if x.IsCall() && !deterministicCall(x.Operator().String()) {
				varying = true
			}
		case ast.Call:
			if len(x) > 0 && !deterministicCall(x[0].String()) {
				varying = true
			}
		}
		return fileContext && varying
	})
	for _, m := range c.Modules {
		vis.Walk(m)
	}
	return fileContext, varying
}

// readsFileContext reports whether a ref can reach data.conftest: it names
// it, or it leaves data's first key to a variable.
func readsFileContext(r ast.Ref) bool {
	if len(r) == 0 || !r[0].Equal(ast.DefaultRootDocument) {
		return false
	}
	if len(r) == 1 {
		return true
	}
	s, ok := r[1].Value.(ast.String)
	return !ok || s == "conftest"
}

// deterministicCall reports whether a call gives the same result for the
// same arguments and has no visible effect.
func deterministicCall(name string) bool {
	if name == "print" || name == ast.InternalPrint.Name {
		return false
	}
	b, ok := ast.BuiltinMap[name]
	return !ok || !b.Nondeterministic
}
