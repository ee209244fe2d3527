package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// ForceExitAfter is how long a run has to stop on its own after an
// interrupt before WatchSignals ends it anyway.
const ForceExitAfter = 3 * time.Second

// WatchSignals ends a run on interrupts: the first signal on sigs cancels
// the run's context (cancel), which stops evaluation, collection and git;
// when the run is still there after grace (a read blocked in
// the kernel, such as opening a named pipe no one writes to, does not
// watch the context), or at a second signal, exit is called with 2, could
// not evaluate, after a note on w. It returns when ctx ends without a
// signal.
func WatchSignals(ctx context.Context, sigs <-chan os.Signal, cancel context.CancelFunc, grace time.Duration, w io.Writer, exit func(int)) {
	select {
	case <-ctx.Done():
		return
	case <-sigs:
	}
	cancel()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-sigs:
	case <-timer.C:
	}
	fmt.Fprintln(w, "infragate: interrupted: exiting without a verdict")
	exit(2)
}
