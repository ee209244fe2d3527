package parsers

import "testing"

func FuzzPlan(f *testing.F) {
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["delete"]}}]}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[]}}}`))
	f.Add([]byte(`{"format_version":1}`))
	p := &PlanParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("plan.json", src)
		checkDocs(t, src, lineCount(stripBOM(src)), docs, err)
		for _, d := range docs {
			for addr := range PlanAddresses(d.Value) {
				_, _ = ParseAddress(addr)
			}
		}
	})
}

func FuzzCloudFormation(f *testing.F) {
	f.Add([]byte("AWSTemplateFormatVersion: x\nR: !GetAtt a.b\nS: !Sub [x, {a: !Ref b}]\n"))
	f.Add([]byte("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {A: !If [c, !Ref x, !Ref y]}\n"))
	f.Add([]byte(`{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`))
	p := &CloudFormationParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("t.yaml", src)
		checkDocs(t, src, newYAMLLines(stripBOM(src)).count, docs, err)
	})
}

func FuzzDockerfile(f *testing.F) {
	f.Add([]byte("FROM a AS b\n# c\nRUN x \\\n  y\nCOPY --from=b . .\n"))
	f.Add([]byte("# escape=`\nFROM a\nRUN <<EOF\nx\nEOF\nCMD [\"a\"]\nONBUILD RUN z\n"))
	f.Add([]byte("FROM a\nENV A=\"b c\" D=e\nLABEL x=y\nHEALTHCHECK CMD [\"true\"]\n"))
	p := &DockerfileParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse("Dockerfile", src)
		checkDocs(t, src, lineCount(stripBOM(src)), docs, err)
	})
}

func FuzzWorkflow(f *testing.F) {
	f.Add([]byte("on: [push]\njobs:\n  a:\n    steps:\n      - run: echo ${{ github.event.x }}\n"))
	f.Add([]byte("env: {A: 0755, B: 0o7, C: 0x1f, D: yes}\n"))
	p := &WorkflowParser{}
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, err := p.Parse(".github/workflows/w.yml", src)
		checkDocs(t, src, newYAMLLines(stripBOM(src)).count, docs, err)
	})
}
