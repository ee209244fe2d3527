package engine

import (
	"context"
	"testing"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

// FuzzGuards checks that the built-in library's guards (policies.Guard)
// change no finding: arbitrary bytes, as a YAML and as a JSON file, are
// evaluated with and without them.
func FuzzGuards(f *testing.F) {
	for _, s := range []string{
		"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/c: unconfined\n    spec:\n      hostNetwork: true\n      containers:\n      - name: c\n        image: nginx\n        securityContext:\n          privileged: true\n",
		"apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: default\nspec:\n  containers:\n  - {name: c, image: 'x:latest'}\n  volumes:\n  - {name: v, hostPath: {path: /}}\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n",
		"kind: Pod\nspec:\n  containers:\n  - name: c\n",
		"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nrules:\n- apiGroups: ['']\n  resources: [secrets]\n  verbs: ['*']\n",
		"apiVersion: v1\nkind: Service\nspec:\n  type: NodePort\n  template:\n    spec:\n      containers: [{name: c}]\n",
		"Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {}\n",
		"Resources:\n  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      SecurityGroupIngress:\n      - {CidrIp: 0.0.0.0/0, IpProtocol: '-1'}\n",
		"on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: x\n    steps:\n    - uses: actions/checkout@v4\n",
		"apiVersion: v1\nkind: Deployment\njobs: {a: {}}\non: push\nResources: {B: {Type: 'AWS::S3::Bucket'}}\nspec: {template: {spec: {containers: [{name: c}]}}}\n",
		"- a\n- b\n",
		`{"resource": {"aws_s3_bucket": {"b": [{"acl": "public-read"}]}}}`,
		`{"data": {"aws_iam_policy_document": {"d": [{"statement": [{"actions": ["*"]}]}]}}}`,
		`{"resource": [], "kind": "Pod", "spec": {"containers": [{"name": "c"}]}}`,
		"---\n",
	} {
		f.Add([]byte(s))
	}
	engines := [2]*Engine{}
	for i := range engines {
		opts := Options{Builtin: policies.FS(), Applies: policies.Applies, Workers: 1}
		if i == 1 {
			opts.Guard = policies.Guard
		}
		e, err := New(context.Background(), opts)
		if err != nil {
			f.Fatal(err)
		}
		engines[i] = e
	}
	reg := parsers.Default()
	f.Fuzz(func(t *testing.T, src []byte) {
		files := []File{
			{Name: "doc.yaml", Content: src, Parser: reg[parsers.YAML], Format: parsers.YAML},
			{Name: "doc.json", Content: src, Parser: reg[parsers.JSON], Format: parsers.JSON},
		}
		sameReports(t, engines, [2]string{"unguarded", "guarded"}, files)
	})
}
