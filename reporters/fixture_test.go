package reporters

import (
	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
)

// hostile is a message written to break every output format it lands in.
const hostile = "image uses `latest` tag\n::error::injected %0A::warning file=x::forged\r\n</details> <!-- hidden --> @everyone | cell\n/approve\n$x$ [link](javascript:alert(1)) #1 \\ \x1b[31mred"

// fixture is the one report every golden test renders: failures, warnings,
// an exception, a waived finding, a non-blocking (advisory) failure, a
// parse error, a path with a space and unicode, and hostile strings. The
// findings are deliberately out of order.
func fixture() *engine.Report {
	r := &engine.Report{
		Findings: []engine.Finding{
			{
				Level: engine.LevelWarning, ID: "latest-tag", Title: "Image tag is latest", Rule: "data.kubernetes.warn_latest",
				Message: hostile, File: "k8s/app deploy ü.yaml", StartLine: 20, EndLine: 20, Severity: "medium",
				Document: 1, Path: "/spec/template/spec/containers/0/image", Resource: "Deployment/default/web",
			},
			{
				Level: engine.LevelFailure, ID: engine.IDParseError, Rule: "parse", File: "broken/bad,file:1.tf",
				Message:   "Argument or block definition required: An argument or block definition is required here.",
				StartLine: 4, EndLine: 4, Blocking: true,
			},
			{
				Level: engine.LevelFailure, ID: "s3-public", Title: "S3 bucket is public", Rule: "data.terraform.deny",
				Message: "S3 bucket \"logs\" has a public ACL", File: "infra/main.tf", StartLine: 3, EndLine: 7,
				Severity: "critical", Resource: "aws_s3_bucket.logs", Path: "/resource/aws_s3_bucket/logs/0/acl",
				Metadata: map[string]any{"cis": "2.1.5", "frameworks": []any{"cis", "soc2"}}, Blocking: true,
				Enforcement: "hard-mandatory",
			},
			{
				Level: engine.LevelFailure, ID: "s3-public", Title: "S3 bucket is public", Rule: "data.terraform.deny",
				Message: "S3 bucket \"site\" has a public ACL", File: "infra/main.tf", StartLine: 12, EndLine: 15,
				Severity: "critical", Resource: "aws_s3_bucket.site",
				Waiver: &engine.Waiver{Source: ".infragate/waivers.yaml", Line: 4, Reason: "static website, public by design",
					Expires: "2099-01-31", Owner: "@web-team"},
				Note: "waived until 2099-01-31",
			},
			{
				Level: engine.LevelFailure, ID: "tags-required", Rule: "data.main.deny",
				Message: "aws_s3_bucket.logs has no owner tag", File: "infra/main.tf", StartLine: 3, EndLine: 7,
				Resource: "aws_s3_bucket.logs", Enforcement: "advisory", Note: "advisory: reported, does not block",
			},
			{
				Level: engine.LevelFailure, ID: "privileged", Title: "Privileged container", Rule: "data.kubernetes.deny",
				Message: "Container \"web\" is privileged @everyone\n/merge", File: "k8s/app deploy ü.yaml",
				StartLine: 25, EndLine: 30, Severity: "high", Document: 1, Resource: "Deployment/default/web",
				Origin:   &engine.Location{File: "k8s/base/web.yaml", StartLine: 14, EndLine: 16},
				Blocking: true, Enforcement: "soft-mandatory", Note: "a member of @org/security can approve",
			},
			{
				Level: engine.LevelException, ID: "privileged", Title: "Privileged container", Rule: "data.kubernetes.deny",
				Message: "Container \"agent\" is privileged", File: "k8s/app deploy ü.yaml", StartLine: 2, EndLine: 9,
				Severity: "high", Document: 0, Resource: "DaemonSet/kube-system/agent",
			},
		},
		Deleted: []string{"old/removed.tf"},
		// The broken file's format is unknown: every rule may apply.
		Formats: map[string]parsers.Format{"k8s/app deploy ü.yaml": parsers.YAML, "infra/main.tf": parsers.HCL},
		Rules: []engine.Rule{
			{ID: "latest-tag", Title: "Image tag is latest", Description: "Images must be pinned to a version or digest.",
				Severity: "medium", Remediation: "Use an explicit tag such as `nginx:1.27` or a digest.",
				URLs: []string{"https://example.com/policies/latest-tag"}, Package: "kubernetes", Name: "warn_latest"},
			{ID: "privileged", Title: "Privileged container", Description: "Containers must not run privileged.\n\nA privileged container has full access to the host.",
				Severity: "high", Remediation: "Set securityContext.privileged to false.", Enforcement: "soft-mandatory",
				URLs:    []string{"javascript:alert(1)", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"},
				Package: "kubernetes", Name: "deny", Builtin: true},
			{ID: "s3-public", Title: "S3 bucket is public", Description: "S3 buckets must not grant public access.",
				Severity: "critical", Remediation: "Remove the public-read ACL and enable the public access block.",
				Package: "terraform", Name: "deny", Formats: []parsers.Format{parsers.HCL, parsers.TFPlan}},
			{ID: "unused-rule", Title: "Rule with no findings", Severity: "low", Package: "main", Name: "deny_unused"},
		},
	}
	r.Count()
	r.Summary.Files = 3
	r.Summary.Documents = 4
	return r
}
