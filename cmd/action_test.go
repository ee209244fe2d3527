package cmd

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	goyaml "go.yaml.in/yaml/v3"
	"sigs.k8s.io/yaml"

	"github.com/infragate/infragate/gate"
	"github.com/infragate/infragate/scm/github"
)

// actionFile is the part of action.yml the tests read.
type actionFile struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Inputs      map[string]struct {
		Description string  `json:"description"`
		Default     *string `json:"default"`
	} `json:"inputs"`
	Outputs map[string]struct {
		Description string `json:"description"`
		Value       string `json:"value"`
	} `json:"outputs"`
	Runs struct {
		Using string `json:"using"`
		Steps []struct {
			ID   string            `json:"id"`
			Uses string            `json:"uses"`
			With map[string]string `json:"with"`
			Env  map[string]string `json:"env"`
			Run  string            `json:"run"`
		} `json:"steps"`
	} `json:"runs"`
}

func loadAction(t *testing.T) actionFile {
	t.Helper()
	b, err := os.ReadFile("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// envInputs are inputs passed to infragate through its own environment
// variables rather than flags (a token must not be on a command line).
var envInputs = map[string]struct{ env, flag string }{
	"token": {"INFRAGATE_GITHUB_TOKEN", "token"},
}

var mapping = regexp.MustCompile(`^\s*(single|multi|bool) --([a-z-]+) "\$([A-Z_]+)"\s*$`)

// TestActionInputs checks that every input of action.yml is documented and
// reaches a flag of `infragate gate` through an environment variable.
func TestActionInputs(t *testing.T) {
	a := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q, want composite", a.Runs.Using)
	}
	var gateEnv map[string]string
	var script string
	for _, s := range a.Runs.Steps {
		if s.ID == "gate" {
			gateEnv, script = s.Env, s.Run
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q interpolates an expression into its script (script injection): use env", s.ID)
		}
		if strings.HasPrefix(s.Uses, "actions/setup-go@") {
			if s.With["go-version-file"] != "${{ github.action_path }}/go.mod" || s.With["cache-dependency-path"] != "${{ github.action_path }}/go.sum" {
				t.Errorf("setup-go must use the action's own go.mod and go.sum: %v", s.With)
			}
		}
	}
	if script == "" {
		t.Fatal("no step with id gate")
	}
	flags := NewCmdGate(IO{}, nil).Flags()

	// env var -> input name
	fromInput := map[string]string{}
	for env, v := range gateEnv {
		if m := regexp.MustCompile(`^\$\{\{ inputs\.([a-z-]+) \}\}$`).FindStringSubmatch(v); m != nil {
			fromInput[env] = m[1]
		}
	}
	reached := map[string]string{} // input -> flag
	for _, line := range strings.Split(script, "\n") {
		m := mapping.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		kind, flag, env := m[1], m[2], m[3]
		in, ok := fromInput[env]
		if !ok {
			t.Errorf("script line %q reads $%s, which no input sets", strings.TrimSpace(line), env)
			continue
		}
		f := flags.Lookup(flag)
		if f == nil {
			t.Errorf("input %s maps to --%s, which infragate gate does not have", in, flag)
			continue
		}
		if (kind == "bool") != (f.Value.Type() == "bool") {
			t.Errorf("input %s is passed as %s but --%s is a %s flag", in, kind, flag, f.Value.Type())
		}
		if (kind == "multi") != strings.HasSuffix(f.Value.Type(), "Array") {
			t.Errorf("input %s is passed as %s but --%s is a %s flag", in, kind, flag, f.Value.Type())
		}
		reached[in] = flag
		if d := a.Inputs[in].Default; d != nil && !sameDefault(*d, f) {
			t.Errorf("input %s defaults to %q but --%s to %q", in, *d, flag, f.DefValue)
		}
	}
	for name, in := range a.Inputs {
		if strings.TrimSpace(in.Description) == "" {
			t.Errorf("input %s has no description", name)
		}
		if e, ok := envInputs[name]; ok {
			if gateEnv[e.env] != "${{ inputs."+name+" }}" {
				t.Errorf("input %s must be passed as %s", name, e.env)
			}
			if flags.Lookup(e.flag) == nil {
				t.Errorf("input %s: infragate gate has no --%s", name, e.flag)
			}
			if got := github.EnvFrom(func(k string) string { return map[string]string{e.env: "x"}[k] }, "").Token; got != "x" {
				t.Errorf("infragate gate does not read %s", e.env)
			}
			continue
		}
		if _, ok := reached[name]; !ok {
			t.Errorf("input %s reaches no flag of infragate gate", name)
		}
	}

	// Every flag of infragate gate that means something in a workflow is
	// an input: a team whose rules are in `package k8s` or read data
	// files must be able to say so in the workflow too.
	notInputs := map[string]bool{"help": true, "token": true, "repo": true, "pr": true, "api-url": true}
	flags.VisitAll(func(f *pflag.Flag) {
		if notInputs[f.Name] {
			return
		}
		if !slices.Contains(slices.Collect(maps.Values(reached)), f.Name) {
			t.Errorf("infragate gate --%s has no input in action.yml", f.Name)
		}
	})
	d := a.Outputs["verdict"].Description
	for _, v := range []string{string(gate.Pass), string(gate.Fail), string(gate.NeedsApproval), "error"} {
		if !strings.Contains(d, v) {
			t.Errorf("output verdict's description %q does not name %s", d, v)
		}
	}

	var outs []string
	for name, o := range a.Outputs {
		outs = append(outs, name)
		if o.Description == "" || o.Value != "${{ steps.gate.outputs."+name+" }}" {
			t.Errorf("output %s: %+v", name, o)
		}
	}
	sort.Strings(outs)
	if want := []string{"blocking", "failures", "verdict", "warnings"}; !slices.Equal(outs, want) {
		t.Errorf("outputs %v, want %v (what infragate gate writes to $GITHUB_OUTPUT)", outs, want)
	}
}

func sameDefault(input string, f *pflag.Flag) bool {
	if strings.HasSuffix(f.Value.Type(), "Array") {
		return input == "" && f.DefValue == "[]" || "["+input+"]" == f.DefValue
	}
	return input == f.DefValue
}

// TestActionScript runs the gate step's script with hostile inputs and a
// stand-in binary: every input arrives as one argument, nothing runs.
func TestActionScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed to test the action's script")
	}
	a := loadAction(t)
	var script string
	for _, s := range a.Runs.Steps {
		if s.ID == "gate" {
			script = s.Run
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "infragate")
	argsFile := filepath.Join(dir, "args")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\nprintf '%s\\0' \"$@\" > \""+argsFile+"\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	pwned := filepath.Join(dir, "pwned")
	cmd := exec.Command(bash, "-c", script)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"INFRAGATE_BIN=" + bin,
		"INPUT_POLICY=policy/\n\n$(touch " + pwned + ")\r\nshared policy/`touch " + pwned + "`",
		"INPUT_BUILTIN=true",
		"INPUT_NAMESPACE=main\nk8s.*",
		"INPUT_ALL_NAMESPACES=false",
		"INPUT_DATA=data/teams.yaml",
		"INPUT_REGO_VERSION=v1",
		"INPUT_CONFIG=",
		"INPUT_CHECK_NAME=infragate; touch " + pwned,
		"INPUT_OUTPUT=text\nsarif=out.sarif",
		"INPUT_FAIL_ON_WARN=false",
		"INPUT_SCOPE=lines",
		"INPUT_BASELINE=",
		"INPUT_REPORT=check",
		"INPUT_MAX_ANNOTATIONS=50",
		"INPUT_TIMEOUT=10s",
		"INPUT_MAX_FILE_SIZE=1000000",
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("script: %v\n%s", err, out)
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Fatal("an input was executed")
	}
	b, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
	want := []string{"gate",
		"--policy=policy/", "--policy=$(touch " + pwned + ")", "--policy=shared policy/`touch " + pwned + "`",
		"--builtin", "--namespace=main", "--namespace=k8s.*", "--data=data/teams.yaml", "--rego-version=v1",
		"--check-name=infragate; touch " + pwned, "--output=text", "--output=sarif=out.sarif",
		"--scope=lines", "--report=check", "--max-annotations=50", "--timeout=10s", "--max-file-size=1000000"}
	if !slices.Equal(got, want) {
		t.Errorf("arguments:\n got %q\nwant %q", got, want)
	}
	// The arguments parse as infragate gate's flags.
	c := NewCmdGate(IO{}, nil)
	if err := c.ParseFlags(got[1:]); err != nil {
		t.Errorf("the script's arguments do not parse: %v", err)
	}

	bad := exec.Command(bash, "-c", script)
	bad.Env = append(cmd.Env, "INPUT_FAIL_ON_WARN=yes")
	if out, err := bad.CombinedOutput(); err == nil || !strings.Contains(string(out), "--fail-on-warn must be true or false") {
		t.Errorf("a bad boolean input was accepted: %v\n%s", err, out)
	}
}

// TestREADMEWorkflow checks the README's example workflow: the triggers and
// permissions the gate needs, a full-history checkout, and only inputs the
// action has.
func TestREADMEWorkflow(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n## GitHub Action\n")
	if !ok {
		t.Fatal("README has no GitHub Action section")
	}
	_, block, ok := strings.Cut(sec, "```yaml\n")
	if !ok {
		t.Fatal("the GitHub Action section has no yaml workflow")
	}
	block, _, _ = strings.Cut(block, "```")
	var wf struct {
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string         `yaml:"uses"`
				With map[string]any `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	// YAML 1.2 (as GitHub reads workflows): "on" is a key, not true.
	if err := goyaml.Unmarshal([]byte(block), &wf); err != nil {
		t.Fatal(err)
	}
	for _, ev := range []string{"pull_request", "pull_request_review", "merge_group"} {
		if _, ok := wf.On[ev]; !ok {
			t.Errorf("the workflow does not run on %s", ev)
		}
	}
	if types := fmt.Sprint(wf.On["pull_request_review"]); types != "map[types:[submitted dismissed]]" {
		t.Errorf("pull_request_review %s, want types [submitted, dismissed]", types)
	}
	want := map[string]string{"contents": "read", "checks": "write", "pull-requests": "write", "statuses": "write"}
	if !maps.Equal(wf.Permissions, want) {
		t.Errorf("permissions %v, want %v", wf.Permissions, want)
	}
	inputs := loadAction(t).Inputs
	var checkout, action bool
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "actions/checkout@"):
				checkout = fmt.Sprint(s.With["fetch-depth"]) == "0"
			case strings.HasPrefix(s.Uses, "infragate/infragate@"):
				action = true
				for k := range s.With {
					if _, ok := inputs[k]; !ok {
						t.Errorf("the workflow passes %s, which action.yml does not take", k)
					}
				}
			}
		}
	}
	if !checkout || !action {
		t.Errorf("the workflow must check out with fetch-depth: 0 (%v) and use the action (%v)", checkout, action)
	}
}
