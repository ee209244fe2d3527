package engine

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/infragate/infragate/parsers"
)

// docsPerWorker is how many documents a file needs per extra goroutine
// before its documents are evaluated in parallel.
const docsPerWorker = 32

// evalDocuments evaluates a file's documents, in order of the result. A
// file with many documents (a rendered Helm chart, a large multi-document
// YAML) is spread over up to Workers goroutines; otherwise one large file
// would keep one core busy while the others wait.
func (e *Engine) evalDocuments(ctx context.Context, file string, docs []parsers.Document, scope fileScope) [][]Finding {
	out := make([][]Finding, len(docs))
	workers := min(e.opts.Workers, len(docs)/docsPerWorker)
	if workers <= 1 {
		for i := range docs {
			out[i] = e.evalWithItems(ctx, file, &docs[i], scope)
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
				out[i] = e.evalWithItems(ctx, file, &docs[i], scope)
			}
		}()
	}
	wg.Wait()
	return out
}

// streamMinSize is the file size from which a Streamer's documents are
// evaluated while the file is still being parsed; smaller files are parsed
// whole first, which costs less.
const streamMinSize = 1 << 20

// evalFile parses a file and evaluates its documents. plan reports whether
// a document was a Terraform plan. Large files of a parsers.Streamer are
// evaluated as they are parsed, on up to Workers goroutines, with only a
// few documents alive at a time: memory does not grow with the number of
// documents. A syntax error anywhere is the file's only result, as when it
// is parsed whole.
func (e *Engine) evalFile(ctx context.Context, f File, src []byte, scope fileScope) (res fileResult, plan bool, err error) {
	if res, ok, err := e.evalPlanSlices(ctx, f, src, scope); ok || err != nil {
		return res, true, err
	}
	s, ok := f.Parser.(parsers.Streamer)
	if !ok || len(src) < streamMinSize {
		docs, err := f.Parser.Parse(f.Name, src)
		if err != nil {
			return res, false, err
		}
		perDoc := e.evalDocuments(ctx, f.Name, docs, scope)
		for i := range docs {
			res.findings = append(res.findings, perDoc[i]...)
			plan = plan || parsers.IsPlan(docs[i].Value)
		}
		res.docs = len(docs)
		return res, plan, nil
	}
	type job struct {
		i   int
		doc parsers.Document
	}
	jobs := make(chan job, e.opts.Workers)
	var mu sync.Mutex
	var perDoc [][]Finding
	var wg sync.WaitGroup
	for range e.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				found := e.evalWithItems(ctx, f.Name, &j.doc, scope)
				mu.Lock()
				for len(perDoc) <= j.i {
					perDoc = append(perDoc, nil)
				}
				perDoc[j.i] = found
				mu.Unlock()
			}
		}()
	}
	n := 0
	err = s.ParseEach(f.Name, src, func(d parsers.Document) error {
		plan = plan || parsers.IsPlan(d.Value)
		select {
		case jobs <- job{n, d}:
			n++
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(jobs)
	wg.Wait()
	if err != nil {
		return fileResult{}, false, err
	}
	for _, found := range perDoc {
		res.findings = append(res.findings, found...)
	}
	res.docs = n
	return res, plan, nil
}
