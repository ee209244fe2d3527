// Package bench measures infragate over a corpus of real files: full scans
// against the parse-only floor and against conftest, the built-in library
// over everything, a scale curve over generated copies of the corpus,
// merge-request latency, large inputs and the parse cache. It runs the real
// binary as a subprocess and reads its peak memory from rusage, so the
// figures are what a user's process pays.
//
// Nothing here is a timed test: bench_test.go only checks that a run over a
// tiny generated corpus prints every field. The entry point is
// scripts/bench.sh (see docs/performance.md).
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Proc is one finished subprocess.
type Proc struct {
	Wall   time.Duration
	MaxRSS int64 // bytes
	User   time.Duration
	Sys    time.Duration
	Exit   int
	Stdout []byte
	Stderr []byte
}

// runProc runs name with args in dir and measures it, through a spawner
// (this executable, see SpawnMain) so that the peak memory is the
// child's own. Exit codes are returned, not errors: infragate and conftest
// exit 1 on findings.
func runProc(ctx context.Context, dir string, env []string, name string, args ...string) (*Proc, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	report, err := os.CreateTemp("", "infragate-bench-rusage-")
	if err != nil {
		return nil, err
	}
	report.Close()
	defer os.Remove(report.Name())
	c := exec.CommandContext(ctx, self, append([]string{name}, args...)...)
	c.Dir = dir
	c.Env = append(append(os.Environ(), env...), spawnEnv+"="+report.Name())
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	start := time.Now()
	err = c.Run()
	p := &Proc{Wall: time.Since(start), Stdout: out.Bytes(), Stderr: errb.Bytes()}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := os.ReadFile(report.Name())
	var r spawnReport
	if err != nil || json.Unmarshal(data, &r) != nil {
		return nil, fmt.Errorf("%s did not run: %s", name, tail(p.Stderr))
	}
	p.Exit, p.MaxRSS = r.Exit, r.MaxRSS
	p.User, p.Sys = time.Duration(r.User), time.Duration(r.Sys)
	return p, nil
}

// mb formats bytes as megabytes.
func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// secs formats a duration in seconds.
func secs(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }

// rate is n per second of d.
func rate(n int, d time.Duration) string {
	if d <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f", float64(n)/d.Seconds())
}

// ratio is a/b formatted with an x.
func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2fx", a.Seconds()/b.Seconds())
}

// tail returns the last lines of a process's stderr, for error messages.
func tail(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 600 {
		s = "..." + s[len(s)-600:]
	}
	return s
}
