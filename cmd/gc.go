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
	// GCMemoryLimit bounds what that costs: past 256 MiB the collector
	// runs as often as needed to stay near the limit, so large inputs
	// keep the memory they had with the default GOGC.
	GCMemoryLimit = 256 << 20
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
