package policies

import (
	"sort"
	"strings"
)

// Provider returns the Terraform provider a library package is about
// ("aws", "azurerm" or "google"), "" for any other package. Such a
// package reads only the resources and data sources of its provider's
// types (aws_s3_bucket...) and its provider's blocks, so a configuration
// that uses neither cannot have findings of it, and a check of named
// files that do not use the provider need not compile it
// (engine.Options.Needed). TestProviderRulesNeedTheirProvider checks the
// promise on every fixture and, with INFRAGATE_CORPUS, the corpus.
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

// TerraformProviders returns the providers a Terraform configuration
// document uses, sorted: the part before the first "_" of each resource
// and data source type ("aws" for aws_s3_bucket) and the name of each
// provider block. It reads the document's resource, data and provider
// members as the library does: an object by type (or name), or an array
// of such objects (.tf.json's ordered form). A top-level array is
// evaluated element by element, so its elements' providers count. A
// document of any other shape uses none.
func TerraformProviders(doc any) []string {
	uses := map[string]bool{}
	var add func(v any)
	add = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				add(e)
			}
		case map[string]any:
			for _, kind := range []string{"resource", "data"} {
				for _, t := range labels(x[kind]) {
					p, _, _ := strings.Cut(t, "_")
					uses[p] = true
				}
			}
			for _, name := range labels(x["provider"]) {
				uses[name] = true
			}
		}
	}
	add(doc)
	out := make([]string, 0, len(uses))
	for p := range uses {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
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
