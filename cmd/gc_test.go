package cmd

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestGCPercent(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, GCPercent},
		{10 * mib, GCPercent}, // next collection at 50 MiB, far below the target
		{32 * mib, GCPercent}, // 5x 32 MiB = 160 MiB
		{40 * mib, 300},       // 40 MiB + 300% = 160 MiB
		{64 * mib, 150},       // 64 MiB + 150% = 160 MiB
		{80 * mib, 100},       // Go's default from here on
		{1024 * mib, 100},     // never below it: no collection storm
	} {
		if got := gcPercent(tc.live, GCHeapTarget); got != tc.want {
			t.Errorf("gcPercent(%d MiB) = %d, want %d", tc.live/mib, got, tc.want)
		}
	}
}

func currentGOGC() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func TestTuneGC(t *testing.T) {
	t.Cleanup(func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
	for _, k := range []string{"GOGC", "GOMEMLIMIT"} {
		debug.SetGCPercent(100)
		if _, started := TuneGC(func(v string) string {
			if v == k {
				return "50"
			}
			return ""
		}); started || currentGOGC() != 100 {
			t.Errorf("%s set: TuneGC overrode the user's setting (GOGC now %d)", k, currentGOGC())
		}
	}

	stop, started := TuneGC(func(string) string { return "" })
	stop()
	if !started || currentGOGC() != GCPercent {
		t.Fatalf("TuneGC started=%v, GOGC %d, want %d", started, currentGOGC(), GCPercent)
	}
	waitTuners(t)

	// The tuner, with a target set from what this test process already
	// holds (other tests leave live memory behind): a live heap beyond
	// half the target brings GOGC down to 100 after a collection, with the
	// memory limit above twice it; once it is garbage, GOGC goes back up.
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	target := base*5 + 16<<20
	defer startGCTuner(target)()
	var live [][]byte
	for n := uint64(0); n < target; n += 1 << 20 {
		live = append(live, make([]byte, 1<<20))
	}
	waitGOGC(t, 100)
	if limit := debug.SetMemoryLimit(-1); uint64(limit) < 2*target {
		t.Errorf("memory limit %d MiB with a %d MiB live heap: the collector would run continuously", limit>>20, target>>20)
	}
	runtime.KeepAlive(live)
	live = nil
	waitGOGC(t, GCPercent)
}

// waitTuners lets the finalizer of a stopped tuner run, so that it cannot
// change GOGC later in the test.
func waitTuners(t *testing.T) {
	t.Helper()
	for range 3 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

func waitGOGC(t *testing.T, want uint64) {
	t.Helper()
	for range 100 {
		runtime.GC()
		if currentGOGC() == want {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("GOGC %d after collections, want %d", currentGOGC(), want)
}
