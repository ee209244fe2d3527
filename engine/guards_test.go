package engine

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

// TestGuards evaluates documents against packages with and without guards
// (testdata/guards). rules.pods breaks its guard's promise on purpose, so
// its finding on a Service shows whether the package was evaluated.
func TestGuards(t *testing.T) {
	guard := func(pkg string, format parsers.Format) string {
		if format != parsers.JSON {
			return "" // TestGuardFormats
		}
		switch pkg {
		case "rules.pods":
			return "data.lib.is_pod"
		case "rules.missing":
			return "data.lib.no_such_rule"
		case "rules.erring":
			return "data.lib.boom"
		}
		return ""
	}
	tests := []struct {
		name, doc string
		want      []string // messages with guards
	}{
		{"guard holds", `{"kind": "Pod"}`, []string{"other: always", "pods: a pod"}},
		{"guards fail", `{"kind": "Service"}`, []string{"missing: not a pod", "other: always"}},
		// boom reads name, which no rule reads: documents keep it.
		{"one guard holds", `{"kind": "Service", "name": "3"}`, []string{"erring: not a pod", "missing: not a pod", "other: always"}},
		// boom cannot be evaluated: every rule is, as without guards.
		{"guard errs", `{"kind": "Boom", "name": "x"}`, []string{"erring: not a pod", "missing: not a pod", "other: always", "pods: not a pod"}},
	}
	p := parsers.Default()[parsers.JSON]
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := []File{{Name: "doc.json", Content: []byte(tc.doc), Parser: p, Format: parsers.JSON}}
			messages := func(g func(string, parsers.Format) string) []string {
				e, err := New(context.Background(), Options{Policies: []string{"testdata/guards"}, Namespaces: []string{"rules.*"}, Guard: g, Workers: 1})
				if err != nil {
					t.Fatal(err)
				}
				rep, err := e.Check(context.Background(), files)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, f := range rep.Findings {
					out = append(out, f.Message)
				}
				slices.Sort(out)
				return out
			}
			if got := messages(guard); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("with guards: %q, want %q", got, tc.want)
			}
			without := messages(nil)
			if tc.doc == `{"kind": "Pod"}` && !reflect.DeepEqual(without, tc.want) {
				t.Errorf("without guards: %q, want %q", without, tc.want)
			}
			if tc.doc != `{"kind": "Pod"}` && !slices.Contains(without, "pods: not a pod") {
				t.Errorf("without guards: %q, want rules.pods evaluated", without)
			}
		})
	}
}

// TestGuardReadsStayWithTheirPackages checks that a format's documents
// keep only what the guards of that format's packages read: the workflow
// guard reads whole documents (input[k]), which must not undo the
// projection of Terraform files.
func TestGuardReadsStayWithTheirPackages(t *testing.T) {
	e := libraryEngine(t)
	if len(e.guards) < 4 {
		t.Fatalf("%d guards, want the library's four", len(e.guards))
	}
	_, use, guards := e.queryFor(context.Background(), parsers.HCL)
	if use == nil || use.root.whole {
		t.Error("Terraform documents are converted whole")
	}
	if guards != nil {
		t.Error("Terraform rules have no guard, but a guards' query was made")
	}
	if _, _, guards := e.queryFor(context.Background(), parsers.YAML); guards == nil {
		t.Error("YAML documents are not selected by guard")
	}
}

// TestGuardFormats checks that a guard applies to the documents of the
// formats it is given for only, also when an equal input of another
// format gave nothing before (projection.go remembers such inputs).
func TestGuardFormats(t *testing.T) {
	guard := func(pkg string, format parsers.Format) string {
		if pkg == "rules.pods" && format == parsers.JSON {
			return "data.lib.is_pod"
		}
		return ""
	}
	e, err := New(context.Background(), Options{Policies: []string{"testdata/guards"}, Namespaces: []string{"rules.pods"}, Guard: guard, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	files := []File{
		{Name: "a.json", Content: []byte(`{"kind": "Service"}`), Parser: parsers.Default()[parsers.JSON], Format: parsers.JSON},
		{Name: "b.yaml", Content: []byte("kind: Service\n"), Parser: parsers.Default()[parsers.YAML], Format: parsers.YAML},
	}
	rep, err := e.Check(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.File+": "+f.Message)
	}
	if want := []string{"b.yaml: pods: not a pod"}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings %q, want %q (the guard is for JSON only)", got, want)
	}
}

// TestLibraryReadsParts checks that the built-in library's rules for
// YAML, JSON, Terraform, CloudFormation, workflows and plans read parts of
// documents, not whole ones: a helper that passes input itself to a
// function (has_key(input, k), is_object(input)) makes every document of
// the format be converted, hashed and compared whole.
func TestLibraryReadsParts(t *testing.T) {
	e := libraryEngine(t)
	for _, f := range []parsers.Format{parsers.YAML, parsers.JSON, parsers.HCL, parsers.CloudFormation, parsers.Workflow, parsers.TFPlan} {
		if _, use, _ := e.queryFor(context.Background(), f); use == nil || use.root.whole {
			t.Errorf("the %s rules read whole documents", f)
		}
	}
}

// libraryEngine is an engine of the built-in library as the commands make
// it: selection by format and guards.
func libraryEngine(t *testing.T) *Engine {
	t.Helper()
	e, err := New(context.Background(), Options{Builtin: policies.FS(), Applies: policies.Applies, Guard: policies.Guard})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestGuardedPackagesReported: the report names, per file, the packages
// whose guard failed on every document of the file (their rules were
// evaluated on none), also for a copy of a file, for an input equal to
// one that gave nothing (projection.go), and for results from the cache.
func TestGuardedPackagesReported(t *testing.T) {
	guard := func(pkg string, format parsers.Format) string {
		switch pkg {
		case "rules.pods":
			return "data.lib.is_pod"
		case "rules.erring":
			return "data.lib.boom"
		}
		return ""
	}
	p := parsers.Default()[parsers.JSON]
	file := func(name, content string) File {
		return File{Name: name, Content: []byte(content), Parser: p, Format: parsers.JSON}
	}
	files := []File{
		file("service.json", `{"kind": "Service"}`), // no rule evaluated, nothing found
		file("both.json", `[{"kind": "Service"}, {"kind": "Pod"}]`),
		file("boom.json", `{"kind": "Boom", "name": "x"}`), // a guard errs: every rule
		file("copy.json", `{"kind": "Service"}`),
		file("equal.json", `{"kind": "Service", "unread": true}`),
	}
	guarded := map[string]bool{"rules.pods": true, "rules.erring": true}
	want := map[string]map[string]bool{
		"service.json": guarded,
		"both.json":    {"rules.erring": true},
		"copy.json":    guarded,
		"equal.json":   guarded,
	}
	cache := &memResults{m: map[string][]byte{}}
	for _, run := range []string{"first run", "cached"} {
		e, err := New(context.Background(), Options{Policies: []string{"testdata/guards"}, Namespaces: []string{"rules.pods", "rules.erring"}, Guard: guard, Workers: 1, Results: cache})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := e.Check(context.Background(), files)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rep.Guarded, want) {
			t.Errorf("%s: Guarded = %v, want %v", run, rep.Guarded, want)
		}
		for _, r := range rep.Rules {
			for _, f := range files {
				if got, want := rep.Applies(r, f.Name), !want[f.Name][r.Package]; got != want {
					t.Errorf("%s: Applies(%s, %s) = %v, want %v", run, r.ID, f.Name, got, want)
				}
			}
		}
	}
	if cache.hits == 0 {
		t.Error("the second run did not use the cache")
	}
}
