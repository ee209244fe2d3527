package parsers

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// genPlan writes a synthetic `terraform show -json` plan of about size
// bytes: resource changes in root and nested modules, with count and
// for_each instances, nested blocks, tags and unknown values.
func genPlan(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString(`{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{}},"resource_changes":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		module, prefix := "", ""
		if i%3 == 1 {
			module = fmt.Sprintf(`"module_address":"module.m%d",`, i%7)
			prefix = fmt.Sprintf("module.m%d.", i%7)
		}
		index, suffix := "", ""
		switch i % 4 {
		case 1:
			index, suffix = fmt.Sprintf(`"index":%d,`, i%5), fmt.Sprintf("[%d]", i%5)
		case 2:
			index, suffix = fmt.Sprintf(`"index":"k%d",`, i%5), fmt.Sprintf(`[\"k%d\"]`, i%5)
		}
		fmt.Fprintf(&b, `{"address":"%saws_s3_bucket.b%d%s",%s"mode":"managed","type":"aws_s3_bucket","name":"b%d",%s"provider_name":"registry.terraform.io/hashicorp/aws",`,
			prefix, i, suffix, module, i, index)
		fmt.Fprintf(&b, `"change":{"actions":["update"],"before":{"bucket":"logs-%d","acl":"private","tags":{"env":"dev","team":"t%d"},"versioning":[{"enabled":false,"mfa_delete":false}],"lifecycle_rule":[{"id":"r","enabled":true,"expiration":[{"days":30}]}]},`, i, i%13)
		fmt.Fprintf(&b, `"after":{"bucket":"logs-%d","acl":"public-read","force_destroy":false,"tags":{"env":"prod","team":"t%d","cost":"%d"},"versioning":[{"enabled":true,"mfa_delete":false}],"lifecycle_rule":[{"id":"r","enabled":true,"expiration":[{"days":90}]}],"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"},`, i, i%13, i)
		b.WriteString(`"after_unknown":{"arn":true,"id":true,"versioning":[{}],"lifecycle_rule":[{"expiration":[{}]}]},"before_sensitive":{},"after_sensitive":{"tags":{}}}}`)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// BenchmarkLargePlan parses a generated 100 MB plan, converts it to an OPA
// value as the engine does, and reports the times and the peak heap next
// to the file size. Run:
//
//	go test ./parsers -run '^$' -bench LargePlan -benchtime 1x -v
func BenchmarkLargePlan(b *testing.B) {
	src := genPlan(planBenchSize())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		peak := newPeakHeap()
		start := time.Now()
		docs, err := Default()[JSON].Parse("plan.json", src)
		if err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		if !IsPlan(docs[0].Value) || len(PlanAddresses(docs[0].Value)) == 0 {
			b.Fatal("the generated plan is not recognised")
		}
		// What the engine does next: convert the document for OPA once.
		input, err := ast.InterfaceToValue(docs[0].Value)
		if err != nil {
			b.Fatal(err)
		}
		total := time.Since(start)
		p := peak.stop()
		b.ReportMetric(float64(p-before.HeapAlloc)/float64(len(src)), "peakheap/filesize")
		b.Logf("%d MB plan: parsed in %s, parsed+converted for OPA in %s, peak heap +%d MB (%.1fx the file), %d map entries",
			len(src)>>20, elapsed, total, (p-before.HeapAlloc)>>20, float64(p-before.HeapAlloc)/float64(len(src)), docs[0].Map.Len())
		runtime.KeepAlive(docs)
		runtime.KeepAlive(input)
	}
}

func planBenchSize() int { return 100 << 20 }

// peakHeap samples the heap in the background.
type peakHeap struct {
	done chan struct{}
	max  chan uint64
}

func newPeakHeap() *peakHeap {
	p := &peakHeap{done: make(chan struct{}), max: make(chan uint64)}
	go func() {
		var m runtime.MemStats
		var hi uint64
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			hi = max(hi, m.HeapAlloc)
			select {
			case <-p.done:
				p.max <- hi
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *peakHeap) stop() uint64 {
	close(p.done)
	return <-p.max
}
