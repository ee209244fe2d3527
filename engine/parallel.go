package engine

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
)

// docsPerWorker is how many documents a file needs per extra goroutine
// before its documents are evaluated in parallel.
const docsPerWorker = 32

// evalDocuments evaluates a file's documents, in order of the result. A
// file with many documents (a rendered Helm chart, a large multi-document
// YAML) is spread over up to Workers goroutines; otherwise one large file
// would keep one core busy while the others wait.
func (e *Engine) evalDocuments(ctx context.Context, file string, docs []parsers.Document, fileCtx ast.Value) [][]Finding {
	out := make([][]Finding, len(docs))
	workers := min(e.opts.Workers, len(docs)/docsPerWorker)
	if workers <= 1 {
		for i := range docs {
			out[i] = e.evalDocument(ctx, file, &docs[i], fileCtx)
		}
		return out
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				out[i] = e.evalDocument(ctx, file, &docs[i], fileCtx)
			}
		}()
	}
	wg.Wait()
	return out
}
