package cmd

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Garbage collector settings for one infragate process (see TuneGC).
const (
	// GCPercent is the most GOGC infragate runs with: a run allocates
	// many short-lived values per document (parse trees, OPA values,
	// evaluation state) over a small live heap, so collecting at 5x the
	// live heap instead of 2x saves about a quarter of the wall time of
	// a full scan (docs/performance.md).
	GCPercent = 400
	// GCHeapTarget bounds what that costs: GOGC is lowered as the live
	// heap grows so that the next collection starts when the heap
	// reaches 160 MiB, down to Go's default of 100 (collect at twice the
	// live heap) once the live heap is 80 MiB or more. The soft memory
	// limit follows, at the target or twice the live heap, whichever is
	// more, plus gcLimitHeadroom: it makes the runtime return freed memory
	// to the system (peak RSS tracks the heap), and it never sits below
	// what GOGC allows, where it would make the collector run more often
	// than Go's default (or, below the live heap, continuously).
	GCHeapTarget = 160 << 20
	// gcLimitHeadroom is added to the soft memory limit for what the
	// runtime holds besides the heap (stacks, metadata, fragmentation),
	// so that the limit does not make collections more frequent than
	// GOGC asks. With 64 MiB, peak RSS sat that much above the heap (freed
	// pages are returned to the system only down to the limit); 32 MiB
	// took 35-40 MB off the 50 MB YAML and the whole-corpus runs with no
	// loss of time, 16 MiB another 16 MB (docs/performance.md).
	gcLimitHeadroom = 16 << 20
)

// TuneGC starts tuning the garbage collector of the running process to
// GCPercent and GCHeapTarget, unless the user set GOGC or GOMEMLIMIT (which
// the Go runtime has applied and which are kept as they are). After every
// collection the tuner sets GOGC (gcPercent) and the soft memory limit from
// the live heap. It
// returns a function that stops the tuning, and whether it started; main
// calls it once, tests of the commands run without it.
func TuneGC(getenv func(string) string) (stop func(), started bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}, false
	}
	return startGCTuner(GCHeapTarget), true
}

// startGCTuner sets GOGC to GCPercent and the memory limit for target, and
// retunes both after every collection until stop is called.
func startGCTuner(target uint64) (stop func()) {
	t := &gcTuner{target: target, live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetGCPercent(GCPercent)
	debug.SetMemoryLimit(int64(target + gcLimitHeadroom))
	t.arm()
	return func() { t.stopped.Store(true) }
}

// gcPercent is the GOGC that starts the next collection when the heap
// reaches target, given the live heap after the last one, within
// [100, GCPercent].
func gcPercent(live, target uint64) int {
	if live == 0 || live*(100+GCPercent)/100 <= target {
		return GCPercent
	}
	if target <= live*2 {
		return 100
	}
	return int((target - live) * 100 / live)
}

// gcTuner adjusts GOGC after each collection. It learns of collections
// through the finalizer of a sentinel object, re-armed every time: the
// runtime runs it after the collection that found the sentinel garbage.
type gcTuner struct {
	target  uint64
	live    []metrics.Sample
	stopped atomic.Bool
}

type gcSentinel struct{ t *gcTuner }

func (t *gcTuner) arm() {
	runtime.SetFinalizer(&gcSentinel{t: t}, func(s *gcSentinel) {
		if s.t.stopped.Load() {
			return
		}
		s.t.tune()
		s.t.arm()
	})
}

func (t *gcTuner) tune() {
	metrics.Read(t.live)
	if t.live[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := t.live[0].Value.Uint64()
	debug.SetGCPercent(gcPercent(live, t.target))
	debug.SetMemoryLimit(int64(max(t.target, 2*live) + gcLimitHeadroom))
}
