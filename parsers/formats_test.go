package parsers

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDetectFormat(t *testing.T) {
	for path, want := range map[string]Format{
		"Dockerfile":                      Dockerfile,
		"app/dockerfile":                  Dockerfile,
		"Dockerfile.prod":                 Dockerfile,
		"build/api.Dockerfile":            Dockerfile,
		"Containerfile":                   Dockerfile,
		"Dockerfile-prod":                 Dockerfile,
		"Dockerfile_prod":                 Dockerfile,
		"docker/Containerfile-x":          Dockerfile,
		"CONTAINERFILE.arm64":             Dockerfile,
		"Dockerfile.json":                 Dockerfile,
		"Dockerfile-ubi8-8.3-227":         Dockerfile,
		"ci/dockerfile-lint.yaml":         YAML,
		".github/workflows/ci.yml":        Workflow,
		"repo/.github/workflows/cd.yaml":  Workflow,
		".github/workflows/sub/x.yml":     YAML,
		".github/ci.yml":                  YAML,
		"workflows/ci.yml":                YAML,
		"plan.json":                       JSON,
		"stack.yaml":                      YAML,
		"main.tf":                         HCL,
		"main.tofu":                       HCL,
		"override.tofu.json":              JSON,
		`C:\repo\.github\workflows\a.yml`: Workflow,
	} {
		if strings.Contains(path, `\`) && filepath.Separator != '\\' {
			continue
		}
		got, ok := DetectFormat(path)
		if !ok || got != want {
			t.Errorf("DetectFormat(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
	for _, path := range []string{"Dockerfile.dockerignore", "README.md", "docker-compose",
		"Dockerfile.md", "docs/Dockerfile.txt", "Dockerfile.rst", "Dockerfile.html", "Dockerfile-prod.MD",
		"Dockerfile.tmpl", "Dockerfile.j2", "Dockerfile.tpl", "Containerfile.jinja2", "api.dockerfile.tmpl",
		"Dockerfiles", "dockerfile-lint.yaml.j2", "Dockerfilex", "dockerfile_test.go"} {
		if f, ok := DetectFormat(path); ok {
			t.Errorf("DetectFormat(%q) = %q, want none", path, f)
		}
	}
}

func parseOne(t *testing.T, p Parser, name, src string) Document {
	t.Helper()
	docs, err := p.Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	return docs[0]
}

func TestCloudFormationIntrinsics(t *testing.T) {
	for src, want := range map[string]string{
		"!Ref Env":                                   `{"Ref":"Env"}`,
		"!GetAtt Role.Arn":                           `{"Fn::GetAtt":["Role","Arn"]}`,
		"!GetAtt Res.Outputs.Name":                   `{"Fn::GetAtt":["Res","Outputs.Name"]}`,
		"!GetAtt [Role, Arn]":                        `{"Fn::GetAtt":["Role","Arn"]}`,
		"!Sub '${A}-x'":                              `{"Fn::Sub":"${A}-x"}`,
		"!Sub ['${A}', {A: !Ref B}]":                 `{"Fn::Sub":["${A}",{"A":{"Ref":"B"}}]}`,
		"!If [C, 1, !Ref AWS::NoValue]":              `{"Fn::If":["C",1,{"Ref":"AWS::NoValue"}]}`,
		"!Join [',', [a, b]]":                        `{"Fn::Join":[",",["a","b"]]}`,
		"!Select [0, !GetAZs '']":                    `{"Fn::Select":[0,{"Fn::GetAZs":""}]}`,
		"!Split [',', !ImportValue X]":               `{"Fn::Split":[",",{"Fn::ImportValue":"X"}]}`,
		"!FindInMap [M, !Ref R, K]":                  `{"Fn::FindInMap":["M",{"Ref":"R"},"K"]}`,
		"!Base64 hello":                              `{"Fn::Base64":"hello"}`,
		"!Cidr [10.0.0.0/16, 6, 5]":                  `{"Fn::Cidr":["10.0.0.0/16",6,5]}`,
		"!And [!Equals [a, b], !Not [!Condition C]]": `{"Fn::And":[{"Fn::Equals":["a","b"]},{"Fn::Not":[{"Condition":"C"}]}]}`,
		"!Or [!Condition A, !Condition B]":           `{"Fn::Or":[{"Condition":"A"},{"Condition":"B"}]}`,
		"!Transform {Name: AWS::Include}":            `{"Fn::Transform":{"Name":"AWS::Include"}}`,
		"!Ref 123":                                   `{"Ref":"123"}`,
	} {
		doc := "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: " + src + "\n"
		for _, p := range []Parser{&YAMLParser{}, &CloudFormationParser{}} {
			d := parseOne(t, p, "t.yaml", doc)
			got := d.Value.(map[string]any)["Resources"].(map[string]any)["R"].(map[string]any)["Properties"].(map[string]any)["P"]
			if diff := cmp.Diff(asJSON(t, []byte(want)), roundTrip(t, got)); diff != "" {
				t.Errorf("%T %s (-want +got):\n%s", p, src, diff)
			}
		}
	}
}

func TestCloudFormationDetection(t *testing.T) {
	// Templates are recognised by content; other YAML keeps tags as text.
	for src, cfn := range map[string]bool{
		"AWSTemplateFormatVersion: x\nX: !Ref a\n":                                   true,
		"Transform: AWS::Serverless-2016-10-31\nX: !Ref a\n":                         true,
		"Resources:\n  B:\n    Type: AWS::S3::Bucket\nX: !Ref a\n":                   true,
		"Resources:\n  B:\n    Type: Custom::Thing\nX: !Ref a\n":                     true,
		"Resources:\n  B:\n    Type: kubernetes\nX: !Ref a\n":                        false,
		"kind: ConfigMap\nX: !Ref a\n":                                               false,
		"AWSTemplateFormatVersion: x\nX: !Ref a\n---\nAWSTemplateFormatVersion: y\n": false,
	} {
		docs, err := (&YAMLParser{}).Parse("t.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		_, isMap := docs[0].Value.(map[string]any)["X"].(map[string]any)
		if isMap != cfn {
			t.Errorf("%q: intrinsic converted = %v, want %v", src, isMap, cfn)
		}
		if LooksLikeCloudFormation(docs[0].Value) != (cfn || strings.Count(src, "AWSTemplate") > 0) {
			t.Errorf("%q: LooksLikeCloudFormation disagrees", src)
		}
	}
	// A JSON template parses as JSON.
	d := parseOne(t, &CloudFormationParser{}, "t.json", `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`)
	if !LooksLikeCloudFormation(d.Value) {
		t.Error("JSON template not recognised")
	}
}

func TestWorkflowScalars(t *testing.T) {
	src := "on: push\nyes: 1\na: [0755, 0o755, 0x1F, 1_000, 0b11, 1:30, 2024-01-01, True, FALSE, y, off, ~, '', 1e3, .5, +12, -0, 00]\n"
	d := parseOne(t, &WorkflowParser{}, ".github/workflows/x.yml", src)
	want := `{"on": "push", "yes": 1, "a": [755, 493, 31, "1_000", "0b11", "1:30", "2024-01-01", true, false, "y", "off", null, "", 1000, 0.5, 12, 0, 0]}`
	if diff := cmp.Diff(asJSON(t, []byte(want)), roundTrip(t, d.Value)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The same file as Kubernetes YAML (1.1) differs: on is true.
	y := parseOne(t, &YAMLParser{}, "x.yml", "on: push\n")
	if _, ok := y.Value.(map[string]any)["true"]; !ok {
		t.Errorf("YAMLParser should read on: as true (YAML 1.1), got %v", y.Value)
	}
	if _, err := (&WorkflowParser{}).Parse("x.yml", []byte("a: .inf\n")); err == nil {
		t.Error(".inf accepted; JSON cannot hold it")
	}
}

func TestDockerfileShape(t *testing.T) {
	d := parseOne(t, &DockerfileParser{}, "Dockerfile",
		"FROM alpine\n# note\nRUN [\"sh\", \"-c\", \"x\"]\nFROM b AS c\nONBUILD ADD . /x\n")
	list, ok := d.Value.([]any)
	if !ok || len(list) != 5 {
		t.Fatalf("value %v: want an array of 5 entries (one document, not split)", d.Value)
	}
	want := `[
	 {"Cmd":"from","SubCmd":"","JSON":false,"Flags":[],"Value":["alpine"],"Stage":0,"Original":"FROM alpine"},
	 {"Cmd":"comment","SubCmd":"","JSON":false,"Flags":null,"Value":["note"],"Stage":0,"Original":"# note"},
	 {"Cmd":"run","SubCmd":"","JSON":true,"Flags":[],"Value":["sh","-c","x"],"Stage":0,"Original":"RUN [\"sh\", \"-c\", \"x\"]"},
	 {"Cmd":"from","SubCmd":"","JSON":false,"Flags":[],"Value":["b","AS","c"],"Stage":1,"Original":"FROM b AS c"},
	 {"Cmd":"onbuild","SubCmd":"add","JSON":false,"Flags":[],"Value":[".","/x"],"Stage":1,"Original":"ONBUILD ADD . /x"}]`
	if diff := cmp.Diff(asJSON(t, []byte(want)), roundTrip(t, d.Value)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for p, line := range map[string]int{"/1": 2, "/2/Value/1": 3, "/4/SubCmd": 5} {
		if r, _ := d.Map.Lookup(ParsePointer(p)); r.StartLine != line {
			t.Errorf("%s at line %d, want %d", p, r.StartLine, line)
		}
	}
}

func TestDockerfileErrors(t *testing.T) {
	for src, line := range map[string]int{
		"FROM a\nFROBNICATE x\n":   2,
		"FROM a\nRUN <<EOF\nx\n":   2,
		"# only a comment\n":       1,
		"FROM a\nRUN [\"a\", 1]\n": 2,
		// A line too long for the parser: that line, not the one before.
		"FROM a\nRUN echo hi\nRUN echo " + strings.Repeat("a", 70000) + "\n": 3,
	} {
		_, err := (&DockerfileParser{}).Parse("Dockerfile", []byte(src))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %v, want a ParseError", src, err)
			continue
		}
		if pe.Line != line {
			t.Errorf("%q: error on line %d, want %d: %v", src, pe.Line, line, err)
		}
	}
}

func TestPlan(t *testing.T) {
	src := `{"format_version":"1.2","resource_changes":[
{"address":"aws_s3_bucket.b","change":{"actions":["delete"]}},
{"address":"module.m[\"a.b\"].aws_s3_bucket.c[0]","change":{"actions":["create"]}},
{"change":{}}]}`
	for _, p := range []Parser{&JSONParser{}, &PlanParser{}} {
		d := parseOne(t, p, "plan.json", src)
		if !IsPlan(d.Value) {
			t.Fatal("IsPlan = false")
		}
		got := PlanAddresses(d.Value)
		want := map[string]Path{
			"aws_s3_bucket.b":                    {"resource_changes", "0"},
			`module.m["a.b"].aws_s3_bucket.c[0]`: {"resource_changes", "1"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%T PlanAddresses (-want +got):\n%s", p, diff)
		}
		// Sparse map: deep paths fall back to the resource change.
		r, at := d.Map.Lookup(ParsePointer("/resource_changes/1/change/actions/0"))
		if at.String() != "/resource_changes/1" || r.StartLine != 3 {
			t.Errorf("%T lookup fell back to %s line %d", p, at, r.StartLine)
		}
		if a := PlanAddressAt(d.Value, ParsePointer("/resource_changes/1/change")); a != `module.m["a.b"].aws_s3_bucket.c[0]` {
			t.Errorf("PlanAddressAt = %q", a)
		}
	}
	// Other JSON keeps its full map.
	d := parseOne(t, &JSONParser{}, "x.json", `{"a":{"b":{"c":{"d":1}}}}`)
	if _, ok := d.Map.Exact(ParsePointer("/a/b/c/d")); !ok {
		t.Error("plain JSON lost deep source ranges")
	}
	if _, err := (&PlanParser{}).Parse("x.json", []byte(`{"a":1}`)); err == nil {
		t.Error("PlanParser accepted a non-plan")
	}
}

func TestParseAddress(t *testing.T) {
	a, err := ParseAddress(`module.a["x.y]"].module.b.data.aws_iam_policy.p[2]`)
	if err != nil {
		t.Fatal(err)
	}
	want := Address{Modules: []AddressStep{{"a", `"x.y]"`}, {"b", ""}}, Mode: "data", Type: "aws_iam_policy", Name: "p", Key: "2"}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Error(diff)
	}
	for _, bad := range []string{"", "a", "a.", "a.b.c", `a.b["x`, "module.m", ".a.b", "a[0].b"} {
		if _, err := ParseAddress(bad); err == nil {
			t.Errorf("ParseAddress(%q) accepted", bad)
		}
	}
}

func TestTFSource(t *testing.T) {
	s := NewTFSource("testdata/tfsrc")
	ctx := context.Background()
	for addr, want := range map[string]string{
		"aws_s3_bucket.logs":             "testdata/tfsrc/main.tf:9",
		"data.aws_iam_policy_document.p": "testdata/tfsrc/main.tf:13",
		`module.net.aws_subnet.a["x"]`:   "testdata/tfsrc/modules/net/net.tf:3",
		"module.remote.aws_vpc.this[0]":  "",
		"aws_s3_bucket.missing":          "",
		"module.nope.aws_s3_bucket.logs": "",
	} {
		loc, ok := s.Locate(ctx, addr)
		got := ""
		if ok {
			got = filepath.ToSlash(loc.String())
		}
		if got != want {
			t.Errorf("Locate(%s) = %q, want %q", addr, got, want)
		}
	}
	loc, _ := s.Locate(ctx, "aws_s3_bucket.logs")
	if loc.EndLine != 11 {
		t.Errorf("block ends on line %d, want 11", loc.EndLine)
	}
}
