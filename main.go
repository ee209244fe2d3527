// Command infragate gates infrastructure merge requests with Rego policies.
package main

import (
	"context"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/infragate/infragate/cmd"
)

func main() {
	// Libraries that print on their own (kustomize's deprecation notes,
	// written to os.Stderr for every build and naming no file; the
	// standard logger) are not part of the output: the report and
	// infragate's own errors are, written to the standard error kept here.
	stderr := os.Stderr
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stderr = null
	}
	log.SetOutput(io.Discard)
	stopGC, _ := cmd.TuneGC(os.Getenv)
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go cmd.WatchSignals(ctx, sigs, cancel, cmd.ForceExitAfter, stderr, os.Exit)
	code := cmd.Main(ctx, os.Args[1:], cmd.IO{
		In:         os.Stdin,
		Out:        os.Stdout,
		ErrOut:     stderr,
		Getenv:     os.Getenv,
		IsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
	}, cmd.Version{})
	signal.Stop(sigs)
	cancel()
	stopGC()
	os.Exit(code)
}
