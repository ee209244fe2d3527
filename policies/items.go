package policies

import (
	"strings"

	"github.com/infragate/infragate/parsers"
)

// ListItems finds the items of a Kubernetes List (kind: List, or a typed
// list such as DeploymentList, with an items array), which kubectl applies
// one by one: the built-in Kubernetes rules judge each item as a document
// of its own (engine.Options.Items).
func ListItems(doc any) (parsers.Path, bool) {
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, false
	}
	kind, _ := m["kind"].(string)
	if _, ok := m["apiVersion"].(string); !ok || !strings.HasSuffix(kind, "List") {
		return nil, false
	}
	if _, ok := m["items"].([]any); !ok {
		return nil, false
	}
	return parsers.Path{"items"}, true
}

// JudgesItems reports whether package pkg judges the items of a List: the
// built-in Kubernetes rules (engine.Options.ItemsApply).
func JudgesItems(pkg string) bool {
	return strings.HasPrefix(pkg, rulesPrefix+"kubernetes.")
}
