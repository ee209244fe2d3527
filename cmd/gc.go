package cmd

import (
	"runtime/debug"
)

// Garbage collector settings for one infragate process (see TuneGC).
const (
	// GCPercent is the GOGC infragate runs with: a run allocates many
	// short-lived values per document (parse trees, OPA values, evaluation
	// state) over a small live heap, so collecting at 4x the live heap
	// instead of 2x saves a quarter of the wall time of a full scan
	// (docs/performance.md).
	GCPercent = 400
	// GCMemoryLimit bounds what that costs: past 200 MiB the collector
	// runs as often as needed to stay near the limit, so a large input
	// costs no more memory than with the default GOGC (a 50 MB
	// multi-document YAML peaks at 226 MB instead of 279 MB; a 100 MB
	// plan, whose live heap is far above the limit, at 2.0 GB instead of
	// 2.7 GB, but 1.7x slower: the collector then runs all the time).
	GCMemoryLimit = 200 << 20
)

// TuneGC applies GCPercent and GCMemoryLimit to the running process,
// unless the user set GOGC or GOMEMLIMIT, which the Go runtime has already
// applied and which are kept as they are. It reports whether it changed
// anything. main calls it once; tests of the commands run without it.
func TuneGC(getenv func(string) string) bool {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return false
	}
	debug.SetGCPercent(GCPercent)
	debug.SetMemoryLimit(GCMemoryLimit)
	return true
}
