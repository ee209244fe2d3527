package cmd

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	restore := func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
	t.Cleanup(restore)

	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if !TuneGC(getenv) {
		t.Fatal("TuneGC changed nothing with GOGC and GOMEMLIMIT unset")
	}
	if got := debug.SetGCPercent(100); got != GCPercent {
		t.Errorf("GC percent %d, want %d", got, GCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != GCMemoryLimit {
		t.Errorf("memory limit %d, want %d", got, GCMemoryLimit)
	}

	for _, k := range []string{"GOGC", "GOMEMLIMIT"} {
		restore()
		env = map[string]string{k: "50"}
		if TuneGC(getenv) {
			t.Errorf("%s set: TuneGC overrode the user's setting", k)
		}
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("%s set: GC percent changed to %d", k, got)
		}
	}
}
