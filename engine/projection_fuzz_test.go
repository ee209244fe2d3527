package engine

import (
	"context"
	"reflect"
	"testing"

	"github.com/infragate/infragate/parsers"
)

// FuzzProjection checks that converting only what the rules read changes
// no finding, for arbitrary JSON documents under the conftest-style rules
// of testdata/projection (which follow rules standing for a part of input,
// object.get paths and resource types) and the rules that make equal
// inputs share an evaluation.
func FuzzProjection(f *testing.F) {
	for _, s := range []string{
		`{"kind": "Deployment", "metadata": {"name": "w", "labels": {"a": "b"}}, "spec": {"template": {"spec": {"containers": [{"name": "c", "securityContext": {"privileged": true}}]}}}}`,
		`{"kind": "Pod", "spec": {"containers": [{"name": "c", "securityContext": {"privileged": true}}], "volumes": []}}`,
		`{"kind": "Service", "metadata": {"name": "s"}, "spec": {"type": "LoadBalancer"}}`,
		`{"resource": {"aws_s3_bucket": {"b": [{"acl": "public-read"}]}, "aws_iam_role": {"r": [{}]}}, "variable": {"v": [{}]}}`,
		`{"module": {"m": [{"source": "git::x"}]}, "terraform": [{}]}`,
		`{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {}}}}`,
		`{"resource_changes": [{"type": "aws_s3_bucket", "address": "a", "change": {"after": {"acl": "public-read"}}}]}`,
		`[{"kind": "Pod"}, {"spec": null}]`,
	} {
		f.Add([]byte(s), []byte(s))
	}
	engines := [2]*Engine{}
	for i := range engines {
		e, err := New(context.Background(), Options{Policies: []string{"testdata/projection"}, Workers: 1})
		if err != nil {
			f.Fatal(err)
		}
		e.wholeInput = i == 0
		engines[i] = e
	}
	p := parsers.Default()[parsers.JSON]
	f.Fuzz(func(t *testing.T, a, b []byte) {
		files := []File{
			{Name: "a.json", Content: a, Parser: p, Format: parsers.JSON},
			{Name: "b.json", Content: b, Parser: p, Format: parsers.JSON},
		}
		sameReports(t, engines, [2]string{"whole", "projected"}, files)
	})
}

// sameReports checks files with both engines and fails when their reports
// differ (fuzz targets comparing two ways of evaluating).
func sameReports(t *testing.T, engines [2]*Engine, names [2]string, files []File) {
	t.Helper()
	var reps [2]*Report
	for i, e := range engines {
		rep, err := e.Check(context.Background(), files)
		if err != nil {
			t.Fatal(err)
		}
		// Which rules guards left out differs by design.
		rep.Guarded = nil
		reps[i] = rep
	}
	if !reflect.DeepEqual(reps[0], reps[1]) {
		t.Errorf("findings differ:\n %-9s %+v\n %-9s %+v", names[0], reps[0].Findings, names[1], reps[1].Findings)
	}
}
