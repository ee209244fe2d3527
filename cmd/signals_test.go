package cmd

import (
	"bytes"
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An interrupt cancels the run; a run that does not stop (a read blocked
// in the kernel) is ended with exit code 2 after the grace period or at a
// second interrupt; a run that ends on its own is left alone.
func TestWatchSignals(t *testing.T) {
	for _, tc := range []struct {
		name    string
		signals int
		grace   time.Duration
		exit    bool
	}{
		{"no signal", 0, time.Hour, false},
		{"second signal", 2, time.Hour, true},
		{"grace runs out", 1, 10 * time.Millisecond, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			sigs := make(chan os.Signal, 2)
			var out bytes.Buffer
			exited := make(chan int, 1)
			done := make(chan struct{})
			go func() {
				WatchSignals(ctx, sigs, cancel, tc.grace, &out, func(code int) { exited <- code })
				close(done)
			}()
			if tc.signals == 0 {
				cancel()
				<-done
				if len(exited) != 0 {
					t.Fatal("exit was called without a signal")
				}
				return
			}
			sigs <- syscall.SIGTERM
			select {
			case <-ctx.Done():
			case <-time.After(10 * time.Second):
				t.Fatal("the first signal did not cancel the run")
			}
			if tc.signals == 2 {
				sigs <- os.Interrupt
			}
			select {
			case code := <-exited:
				if code != 2 {
					t.Errorf("exit code %d, want 2 (could not evaluate)", code)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the run was not ended")
			}
			<-done
			if !strings.Contains(out.String(), "interrupted") {
				t.Errorf("note %q, want it to say the run was interrupted", out.String())
			}
		})
	}
}
