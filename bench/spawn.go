package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// spawnEnv makes a benchmark binary act as a spawner: a small process that
// runs one command and reports its rusage. Linux charges the resident set
// of the process that forks into a child's ru_maxrss (the memory image
// shared between fork and exec counts), so children of a large benchmark
// process would report the benchmark's memory instead of their own; a small
// spawner in between keeps the figure the child's.
const spawnEnv = "INFRAGATE_BENCH_SPAWN"

// spawnReport is written by the spawner to the file named in spawnEnv.
type spawnReport struct {
	MaxRSS int64 // bytes
	User   int64 // nanoseconds
	Sys    int64
	Exit   int
}

// SpawnMain runs the spawner when the process was started as one and
// exits; otherwise it returns at once. Call it first in main (and in a
// test binary's TestMain).
func SpawnMain() {
	report := os.Getenv(spawnEnv)
	if report == "" {
		return
	}
	os.Unsetenv(spawnEnv)
	if len(os.Args) < 2 {
		os.Exit(2)
	}
	c := exec.Command(os.Args[1], os.Args[2:]...)
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := c.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		fmt.Fprintln(os.Stderr, "spawn:", err)
		os.Exit(2)
	}
	r := spawnReport{Exit: c.ProcessState.ExitCode()}
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.MaxRSS = ru.Maxrss * 1024
		r.User = ru.Utime.Nano()
		r.Sys = ru.Stime.Nano()
	}
	data, _ := json.Marshal(r)
	if err := os.WriteFile(report, data, 0o644); err != nil {
		os.Exit(2)
	}
	os.Exit(0)
}
