package policies

import (
	"strings"

	"github.com/infragate/infragate/parsers"
)

// Guards of the library's rule packages (engine.Options.Guard): helper
// rules that hold for every document a family's rules can match.
const (
	// k8sGuard: an object with a string apiVersion and kind. Every
	// Kubernetes rule reports k8s.resource, which needs it.
	k8sGuard = "data.infragate.lib.kubernetes.is_k8s"
	// podGuard: a Pod or a workload kind (pod_spec_paths), which the
	// container, pod spec and pod annotation helpers all need.
	podGuard = "data.infragate.lib.kubernetes.pod_spec_path"
	// cfnGuard: a template with an AWS:: resource; every CloudFormation
	// rule reads resources through cfn.resources.
	cfnGuard = "data.infragate.lib.cloudformation.is_template"
	// workflowGuard: an object with jobs and on; every workflow rule
	// reads through gha.is_workflow or gha.jobs.
	workflowGuard = "data.infragate.lib.workflows.is_workflow"
	// terraformGuard: resources or data sources, which every Terraform
	// rule reads (input.resource, input.data). Only for JSON: it keeps
	// other JSON documents out of the 65 rules, where .tf files, which
	// nearly always have resources, would only pay for the test.
	terraformGuard = "data.infragate.lib.terraform.is_config"
)

// podRules are the Kubernetes rule packages that only read Pods and
// workloads. A package missing here gets k8sGuard, which is slower but
// never wrong for a Kubernetes rule.
var podRules = map[string]bool{
	"allow_privilege_escalation":      true,
	"apparmor_unconfined":             true,
	"automount_service_account_token": true,
	"capabilities_baseline":           true,
	"capabilities_drop_all":           true,
	"capabilities_restricted":         true,
	"cpu_limits":                      true,
	"cpu_requests":                    true,
	"env_secrets":                     true,
	"host_ipc":                        true,
	"host_network":                    true,
	"host_path":                       true,
	"host_pid":                        true,
	"host_port":                       true,
	"host_process":                    true,
	"image_pull_policy":               true,
	"image_tag":                       true,
	"liveness_probe":                  true,
	"memory_limits":                   true,
	"memory_requests":                 true,
	"privileged":                      true,
	"proc_mount":                      true,
	"read_only_root_filesystem":       true,
	"readiness_probe":                 true,
	"run_as_non_root":                 true,
	"run_as_root_user":                true,
	"seccomp_profile":                 true,
	"seccomp_unconfined":              true,
	"selinux_options":                 true,
	"unsafe_sysctls":                  true,
	"volume_types":                    true,
}

// Guard returns the helper rule that holds for every document of the
// given format that the rules of package pkg can match
// (engine.Options.Guard), "" for packages that are not the library's or
// that have none for the format (Terraform rules on .tf files, plans,
// Dockerfiles). The engine then skips the package for documents where the
// rule is undefined: a ConfigMap is not run through the container rules,
// a Kubernetes manifest not through the CloudFormation and workflow rules,
// a package.json not through the Terraform rules.
// TestSelectionKeepsFindings compares the findings with and without
// guards.
func Guard(pkg string, format parsers.Format) string {
	rest, ok := strings.CutPrefix(pkg, rulesPrefix)
	if !ok {
		return ""
	}
	family, name, _ := strings.Cut(rest, ".")
	switch family {
	case "kubernetes":
		if podRules[name] {
			return podGuard
		}
		return k8sGuard
	case "cloudformation":
		return cfnGuard
	case "workflows":
		return workflowGuard
	case "terraform":
		if format != parsers.HCL {
			return terraformGuard
		}
	}
	return ""
}
