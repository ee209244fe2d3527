package reporters

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/infragate/infragate/engine"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaEnv names the official SARIF 2.1.0 schema file. CI installs
// it from the npm package @microsoft/jest-sarif
// (lib/schemas/sarif-2.1.0-rtm.5.json); it is not committed.
const sarifSchemaEnv = "INFRAGATE_SARIF_SCHEMA"

// validateJSONSchema validates doc against the schema in file.
func validateJSONSchema(t *testing.T, file string, doc []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(file)
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("output does not validate against %s:\n%v", file, err)
	}
}

func sarifOutputs(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"fixture": render(t, "sarif", fixture(), goldenOpts()),
		"empty":   render(t, "sarif", &engine.Report{}, Options{}),
		"devel":   render(t, "sarif", fixture(), Options{ToolVersion: "devel"}),
	}
}

// TestSARIFGitHubSchema validates against the schema in testdata, which
// encodes what GitHub code scanning requires on top of SARIF. Always runs.
func TestSARIFGitHubSchema(t *testing.T) {
	for name, out := range sarifOutputs(t) {
		t.Run(name, func(t *testing.T) {
			validateJSONSchema(t, "testdata/sarif-github.schema.json", out)
		})
	}
	// The schema must reject what GitHub rejects.
	bad := []string{
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[]}},"results":[{"ruleId":"r","ruleIndex":0,"level":"error","message":{"text":""},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.tf"}}}],"partialFingerprints":{"k":"v"}}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[]}},"results":[{"ruleId":"r","ruleIndex":0,"level":"error","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"dir\\a.tf"}}}],"partialFingerprints":{"k":"v"}}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[]}},"results":[{"ruleId":"r","ruleIndex":0,"level":"error","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a b.tf"}}}],"partialFingerprints":{"k":"v"}}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[{"id":"r","shortDescription":{"text":"s"},"fullDescription":{"text":"f"},"help":{"text":"h"},"properties":{"security-severity":"high"}}]}},"results":[]}]}`,
	}
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("testdata/sarif-github.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for i, doc := range bad {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("bad[%d]: %v", i, err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("bad[%d] validates, want rejected: %s", i, doc)
		}
	}
}

// TestSARIFOfficialSchema validates against the official SARIF 2.1.0 JSON
// schema named by INFRAGATE_SARIF_SCHEMA. In CI the schema must be there.
func TestSARIFOfficialSchema(t *testing.T) {
	file := os.Getenv(sarifSchemaEnv)
	if file == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must install the official SARIF schema (npm package @microsoft/jest-sarif, lib/schemas/sarif-2.1.0-rtm.5.json) and point %s at it", sarifSchemaEnv, sarifSchemaEnv)
		}
		t.Skipf("%s is not set; TestSARIFGitHubSchema covers GitHub's rules", sarifSchemaEnv)
	}
	for name, out := range sarifOutputs(t) {
		t.Run(name, func(t *testing.T) { validateJSONSchema(t, file, out) })
	}
	// A schema that accepts anything would prove nothing.
	sch, err := jsonschema.NewCompiler().Compile(file)
	if err != nil {
		t.Fatal(err)
	}
	bad := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"r","level":"fatal","message":{"text":"m"}}]}]}`
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if sch.Validate(inst) == nil {
		t.Errorf("%s accepts a result with level \"fatal\"", file)
	}
}

type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID string `json:"id"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID       string `json:"ruleId"`
			RuleIndex    int    `json:"ruleIndex"`
			Level        string `json:"level"`
			Suppressions []struct {
				Kind string `json:"kind"`
			} `json:"suppressions"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
						EndLine   int `json:"endLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

// TestSARIFConsistency checks what a schema cannot: every result points at
// the rule with its id, URIs decode to the finding's path, levels follow
// the gate and waived findings are suppressed.
func TestSARIFConsistency(t *testing.T) {
	var doc sarifDoc
	if err := json.Unmarshal(render(t, "sarif", fixture(), goldenOpts()), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	fs := sorted(fixture())
	if len(run.Results) != len(fs) {
		t.Fatalf("%d results, want %d", len(run.Results), len(fs))
	}
	ids := map[string]bool{}
	for _, rule := range run.Tool.Driver.Rules {
		if ids[rule.ID] {
			t.Errorf("rule %s listed twice", rule.ID)
		}
		ids[rule.ID] = true
	}
	for _, want := range []string{"parse-error", "tags-required", "unused-rule", "s3-public"} {
		if !ids[want] {
			t.Errorf("no rule entry for %s", want)
		}
	}
	wantLevel := []string{"error", "error", "warning", "error", "note", "warning", "error"}
	for i, res := range run.Results {
		f := fs[i]
		if got := run.Tool.Driver.Rules[res.RuleIndex].ID; got != res.RuleID || got != f.ID {
			t.Errorf("result %d: ruleIndex points at %s, ruleId %s, finding %s", i, got, res.RuleID, f.ID)
		}
		if res.Level != wantLevel[i] {
			t.Errorf("result %d (%s %s): level %s, want %s", i, f.Level, f.ID, res.Level, wantLevel[i])
		}
		uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI
		u, err := url.Parse(uri)
		if err != nil || u.Scheme != "" || u.Path != f.File {
			t.Errorf("result %d: uri %q does not decode to %q (%v)", i, uri, f.File, err)
		}
		if reg := res.Locations[0].PhysicalLocation.Region; reg.StartLine != f.StartLine || reg.EndLine != f.EndLine {
			t.Errorf("result %d: region %d-%d, want %d-%d", i, reg.StartLine, reg.EndLine, f.StartLine, f.EndLine)
		}
		if got := res.PartialFingerprints[FingerprintKey]; got != Fingerprint(f) {
			t.Errorf("result %d: fingerprint %q, want %q", i, got, Fingerprint(f))
		}
		suppressed := len(res.Suppressions) > 0
		if want := f.Level == engine.LevelException || waived(f); suppressed != want {
			t.Errorf("result %d: suppressed %v, want %v", i, suppressed, want)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	tests := []struct{ file, root, want string }{
		{"main.tf", "", "main.tf"},
		{"./infra/main.tf", "", "infra/main.tf"},
		{`infra\win\main.tf`, "", "infra/win/main.tf"},
		{"k8s/app deploy ü.yaml", "", "k8s/app%20deploy%20%C3%BC.yaml"},
		{"a#b?c%d.tf", "", "a%23b%3Fc%25d.tf"},
		{"c:weird.tf", "", "file:///c:weird.tf"},
		{"dir/c:x.tf", "", "dir/c%3Ax.tf"},
		{"/work/repo/infra/main.tf", "/work/repo", "infra/main.tf"},
		{"/elsewhere/main.tf", "/work/repo", "file:///elsewhere/main.tf"},
		{"/abs/with space.tf", "", "file:///abs/with%20space.tf"},
		{"C:/repo/main.tf", "", "file:///C:/repo/main.tf"},
	}
	for _, tt := range tests {
		if got := artifactURI(tt.file, tt.root); got != tt.want {
			t.Errorf("artifactURI(%q, %q) = %q, want %q", tt.file, tt.root, got, tt.want)
		}
	}
}

// TestFingerprintStable checks that fingerprints ignore lines and tell
// different problems apart.
func TestFingerprintStable(t *testing.T) {
	base := fixture().Findings[2] // s3-public on aws_s3_bucket.logs
	moved := base
	moved.StartLine, moved.EndLine = 40, 44
	if Fingerprint(base) != Fingerprint(moved) {
		t.Error("fingerprint changed when the finding moved down")
	}
	for name, change := range map[string]func(*engine.Finding){
		"file":     func(f *engine.Finding) { f.File = "infra/other.tf" },
		"rule":     func(f *engine.Finding) { f.ID = "s3-versioning" },
		"resource": func(f *engine.Finding) { f.Resource = "aws_s3_bucket.data" },
		"path":     func(f *engine.Finding) { f.Path = "/resource/aws_s3_bucket/logs/0/policy" },
		"message":  func(f *engine.Finding) { f.Message = "another message" },
	} {
		f := base
		change(&f)
		if Fingerprint(f) == Fingerprint(base) {
			t.Errorf("fingerprint unchanged after changing the %s", name)
		}
	}
	// Without a resource, the document index keeps documents apart.
	a, b := base, base
	a.Resource, b.Resource = "", ""
	b.Document = 1
	if Fingerprint(a) == Fingerprint(b) {
		t.Error("findings in different documents share a fingerprint")
	}
	// The file name is compared cleaned.
	c := base
	c.File = "./infra//main.tf"
	if Fingerprint(c) != Fingerprint(base) {
		t.Error("fingerprint depends on how the file name is spelled")
	}
	if len(Fingerprint(base)) != 64 {
		t.Errorf("fingerprint %q is not hex SHA-256", Fingerprint(base))
	}
}

// TestFingerprintDistinctFindings checks findings that share rule, file
// and resource but are different problems: they must not share a
// fingerprint (GitLab drops issues with a duplicate fingerprint, code
// scanning merges alerts).
func TestFingerprintDistinctFindings(t *testing.T) {
	pod := engine.Finding{Level: engine.LevelFailure, ID: "IG-K8S-001", File: "pod.yaml", Resource: "Pod/default/web",
		Message: "container runs as root"}
	tf := engine.Finding{Level: engine.LevelFailure, ID: "main.deny", File: "main.tf", Resource: "aws_s3_bucket.b"}
	job := engine.Finding{Level: engine.LevelFailure, ID: "IG-GHA-001", File: ".github/workflows/ci.yml",
		Resource: "jobs/build", Message: "action is not pinned to a commit"}
	tests := map[string][2]engine.Finding{
		"two containers of one Pod": {
			with(pod, func(f *engine.Finding) { f.Path = "/spec/containers/0/securityContext" }),
			with(pod, func(f *engine.Finding) { f.Path = "/spec/containers/1/securityContext" }),
		},
		"two steps of one job": {
			with(job, func(f *engine.Finding) { f.Path = "/jobs/build/steps/0/uses" }),
			with(job, func(f *engine.Finding) { f.Path = "/jobs/build/steps/3/uses" }),
		},
		"two string-only messages on one resource": {
			with(tf, func(f *engine.Finding) { f.Message = "bucket b has no owner tag" }),
			with(tf, func(f *engine.Finding) { f.Message = "bucket b has no cost-center tag" }),
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if Fingerprint(tt[0]) == Fingerprint(tt[1]) {
				t.Errorf("%+v and %+v share fingerprint %s", tt[0], tt[1], Fingerprint(tt[0]))
			}
		})
	}
	// Through the reporters: GitLab and SARIF publish both.
	r := &engine.Report{}
	for _, tt := range tests {
		for _, f := range tt {
			f.Blocking = true
			r.Findings = append(r.Findings, f)
		}
	}
	r.Count()
	var issues []struct {
		Fingerprint string `json:"fingerprint"`
	}
	if err := json.Unmarshal(render(t, "gitlab", r, Options{}), &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("GitLab: duplicate fingerprint %s", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	if len(seen) != len(r.Findings) {
		t.Errorf("GitLab: %d distinct fingerprints for %d findings", len(seen), len(r.Findings))
	}
	var log struct {
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", r, Options{}), &log); err != nil {
		t.Fatal(err)
	}
	seen = map[string]bool{}
	for _, res := range log.Runs[0].Results {
		seen[res.PartialFingerprints[FingerprintKey]] = true
	}
	if len(seen) != len(r.Findings) {
		t.Errorf("SARIF: %d distinct fingerprints for %d findings", len(seen), len(r.Findings))
	}
}

func with(f engine.Finding, change func(*engine.Finding)) engine.Finding {
	change(&f)
	return f
}

// TestSARIFNoFile checks that a finding without a file still gets a
// location GitHub accepts: its policy file when the rule is known.
func TestSARIFNoFile(t *testing.T) {
	r := &engine.Report{
		Findings: []engine.Finding{{Level: engine.LevelFailure, ID: "combined", Message: "m", Blocking: true}},
		Rules:    []engine.Rule{{ID: "combined", File: "policy/combined.rego", Name: "deny"}},
	}
	out := render(t, "sarif", r, Options{})
	validateJSONSchema(t, "testdata/sarif-github.schema.json", out)
	if !bytes.Contains(out, []byte(`"uri": "policy/combined.rego"`)) {
		t.Errorf("no policy file location:\n%s", out)
	}
}

// TestReportFingerprintsUnique checks that every finding of a report has
// its own fingerprint in JSON, SARIF and GitLab, also when its parts are
// all equal to another finding's (one message reported on two lines of a
// resource through _loc, with no data path): GitLab drops an issue whose
// fingerprint it has seen and code scanning merges the alerts. The first
// keeps Fingerprint, the formats agree, and moving both lines keeps them.
func TestReportFingerprintsUnique(t *testing.T) {
	dup := engine.Finding{Level: engine.LevelFailure, ID: "main.deny", Rule: "data.main.deny", File: "pod.yaml",
		Resource: "Pod/p", Message: "dup", Blocking: true}
	report := func(shift int) *engine.Report {
		r := &engine.Report{}
		for _, line := range []int{3, 5, 9} {
			f := dup
			f.StartLine, f.EndLine = line+shift, line+shift
			r.Findings = append(r.Findings, f)
		}
		other := dup
		other.File, other.StartLine, other.EndLine = "other.yaml", 1, 1
		r.Findings = append(r.Findings, other)
		r.Count()
		return r
	}
	fingerprints := func(r *engine.Report) map[string][]string {
		var js struct {
			Findings []struct {
				Fingerprint string `json:"fingerprint"`
			} `json:"findings"`
		}
		var gl []struct {
			Fingerprint string `json:"fingerprint"`
		}
		var sarif struct {
			Runs []struct {
				Results []struct {
					PartialFingerprints map[string]string `json:"partialFingerprints"`
				} `json:"results"`
			} `json:"runs"`
		}
		for format, v := range map[string]any{"json": &js, "gitlab": &gl, "sarif": &sarif} {
			if err := json.Unmarshal(render(t, format, r, Options{}), v); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
		out := map[string][]string{}
		for _, f := range js.Findings {
			out["json"] = append(out["json"], f.Fingerprint)
		}
		for _, f := range gl {
			out["gitlab"] = append(out["gitlab"], f.Fingerprint)
		}
		for _, res := range sarif.Runs[0].Results {
			out["sarif"] = append(out["sarif"], res.PartialFingerprints[FingerprintKey])
		}
		return out
	}
	got := fingerprints(report(0))
	want := got["json"]
	if len(want) != 4 {
		t.Fatalf("json: %d fingerprints, want 4", len(want))
	}
	seen := map[string]bool{}
	for _, fp := range want {
		if seen[fp] || len(fp) != 64 {
			t.Errorf("fingerprint %q repeated or not hex SHA-256: %q", fp, want)
		}
		seen[fp] = true
	}
	if want[1] != Fingerprint(dup) { // other.yaml sorts first
		t.Errorf("the first of the repeated findings has %s, want Fingerprint's %s", want[1], Fingerprint(dup))
	}
	for _, format := range []string{"gitlab", "sarif"} {
		if diff := cmp.Diff(want, got[format]); diff != "" {
			t.Errorf("%s fingerprints differ from json's (-json +%s):\n%s", format, format, diff)
		}
	}
	if diff := cmp.Diff(got, fingerprints(report(10))); diff != "" {
		t.Errorf("fingerprints changed when the findings moved down (-before +after):\n%s", diff)
	}
}
