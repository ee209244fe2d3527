package cmd_test

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/infragate/infragate/cmd"
)

// TestMain lets testscript run infragate in-process as the `infragate`
// command, through the same cmd.Main the binary uses.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"infragate": func() {
			os.Exit(cmd.Main(context.Background(), os.Args[1:], cmd.IO{
				In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv,
			}, cmd.Version{Version: "test"}))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			// The parse cache is on by default for local runs; scripts
			// that test it turn it on with their own directory.
			env.Setenv("INFRAGATE_CACHE", "off")
			// Scratch git repositories work the same on any machine.
			env.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("GIT_AUTHOR_NAME", "Test")
			env.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
			env.Setenv("GIT_COMMITTER_NAME", "Test")
			env.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
			return nil
		},
	})
}
