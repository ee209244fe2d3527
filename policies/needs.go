package policies

import "strings"

// Usage is what the documents of a handful of named files hold that
// decides which of the library's rule packages can have findings on them,
// so that a check of those files compiles only those
// (engine.Options.Needed): the Terraform providers they use, and whether
// any of them could be a Kubernetes object (and one with a pod spec), a
// CloudFormation template or a workflow. Each is a necessary condition of
// the family's guard (Guard), taken wider: any apiVersion and kind (and
// any kind but Kubernetes' own kinds without pods), any Resources, any
// jobs.
// TestNeededKeepsFindings checks, on every fixture and with
// INFRAGATE_CORPUS on the corpus, that every finding of the library is in
// a file whose usage needs its package. The zero value is no document.
type Usage struct {
	providers                            map[string]bool
	kubernetes, cloudFormation, workflow bool
	// pods: a Kubernetes object that could have a pod spec (podGuard),
	// which is any but the built-in kinds in nonPodKinds.
	pods bool
}

// nonPodKinds are Kubernetes kinds that never carry a pod spec, when
// their apiVersion is Kubernetes' own (core, or a group that is built
// in): the pod rules cannot match them. A custom resource of the same
// name (Knative's Service) may run a pod template.
var nonPodKinds = map[string]bool{
	"Service": true, "ConfigMap": true, "Secret": true, "ServiceAccount": true,
	"Namespace": true, "Role": true, "ClusterRole": true, "RoleBinding": true,
	"ClusterRoleBinding": true, "Ingress": true, "IngressClass": true,
	"NetworkPolicy": true, "PersistentVolume": true, "PersistentVolumeClaim": true,
	"StorageClass": true, "HorizontalPodAutoscaler": true, "PodDisruptionBudget": true,
	"CustomResourceDefinition": true, "ValidatingWebhookConfiguration": true,
	"MutatingWebhookConfiguration": true, "LimitRange": true, "ResourceQuota": true,
	"PriorityClass": true, "Endpoints": true, "EndpointSlice": true,
}

// builtInGroup reports whether an apiVersion names the core API or one of
// Kubernetes' own groups.
func builtInGroup(apiVersion string) bool {
	group, _, ok := strings.Cut(apiVersion, "/")
	if !ok {
		return true // "v1": the core group
	}
	switch group {
	case "apps", "batch", "autoscaling", "policy":
		return true
	}
	return strings.HasSuffix(group, ".k8s.io")
}

// mayHavePods reports whether a Kubernetes object could have a pod spec.
func mayHavePods(x map[string]any) bool {
	kind, _ := x["kind"].(string)
	api, _ := x["apiVersion"].(string)
	return !nonPodKinds[kind] || !builtInGroup(api)
}

// Add records what a document holds. A top-level array is evaluated
// element by element, so its elements count.
func (u *Usage) Add(doc any) {
	switch x := doc.(type) {
	case []any:
		for _, e := range x {
			u.Add(e)
		}
	case map[string]any:
		u.addProviders(x)
		_, api := x["apiVersion"]
		_, kind := x["kind"]
		u.kubernetes = u.kubernetes || api && kind
		u.pods = u.pods || api && kind && mayHavePods(x)
		_, res := x["Resources"]
		u.cloudFormation = u.cloudFormation || res
		_, jobs := x["jobs"]
		u.workflow = u.workflow || jobs
	}
}

// Needed reports whether the rules of package pkg can have findings on
// documents with this usage: packages that are not the library's rules,
// and families without a condition (Dockerfiles, plans), always can.
func (u *Usage) Needed(pkg string) bool {
	rest, ok := strings.CutPrefix(pkg, rulesPrefix)
	if !ok {
		return true
	}
	family, name, _ := strings.Cut(rest, ".")
	switch family {
	case "terraform":
		p := Provider(pkg)
		return p == "" || u.providers[p]
	case "kubernetes":
		if podRules[name] {
			return u.pods
		}
		return u.kubernetes
	case "cloudformation":
		return u.cloudFormation
	case "workflows":
		return u.workflow
	}
	return true
}

// Everything reports whether the usage needs every package: then leaving
// out packages has nothing to gain.
func (u *Usage) Everything() bool {
	if !u.pods || !u.cloudFormation || !u.workflow {
		return false
	}
	for _, p := range Providers() {
		if !u.providers[p] {
			return false
		}
	}
	return true
}

// Provider returns the Terraform provider a library package is about
// ("aws", "azurerm" or "google"), "" for any other package. Such a
// package reads only the resources and data sources of its provider's
// types (aws_s3_bucket...) and its provider's blocks, so a configuration
// that uses neither cannot have findings of it.
func Provider(pkg string) string {
	rest, ok := strings.CutPrefix(pkg, rulesPrefix+"terraform.")
	if !ok {
		return ""
	}
	dir, _, _ := strings.Cut(rest, ".")
	switch dir {
	case "aws":
		return "aws"
	case "azure":
		return "azurerm"
	case "gcp":
		return "google"
	}
	return ""
}

// Providers lists the providers Provider returns for some package.
func Providers() []string { return []string{"aws", "azurerm", "google"} }

// addProviders records the providers a Terraform configuration document
// uses: the part before the first "_" of each resource and data source
// type ("aws" for aws_s3_bucket) and the name of each provider block. It
// reads the document's resource, data and provider members as the library
// does: an object by type (or name), or an array of such objects
// (.tf.json's ordered form). A document of any other shape uses none.
func (u *Usage) addProviders(doc map[string]any) {
	add := func(p string) {
		if u.providers == nil {
			u.providers = map[string]bool{}
		}
		u.providers[p] = true
	}
	for _, kind := range []string{"resource", "data"} {
		for _, t := range labels(doc[kind]) {
			p, _, _ := strings.Cut(t, "_")
			add(p)
		}
	}
	for _, name := range labels(doc["provider"]) {
		add(name)
	}
}

// labels returns the keys of v, an object or an array of objects.
func labels(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k := range x {
			out = append(out, k)
		}
	case []any:
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				for k := range m {
					out = append(out, k)
				}
			}
		}
	}
	return out
}
