package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// isNetworkBuiltin reports builtins that reach outside the evaluation: the
// network, or (json.match_schema and json.verify_schema, through a schema's
// "$ref": "file:///...") any file of the machine, including devices such
// as /dev/zero that never end. Policies may come from people the gate does
// not trust, so these are not available; a policy that calls one fails to
// compile with OPA's "undefined function" error naming the file and line.
// The pure CIDR helpers (net.cidr_*) stay: they compute and do not touch
// the network. See docs/security.md.
func isNetworkBuiltin(name string) bool {
	switch name {
	case "http.send", "net.lookup_ip_addr", "json.match_schema", "json.verify_schema":
		return true
	}
	return false
}

// safeCapabilities returns OPA's capabilities for this version without the
// network builtins, and with no hosts allowed for any builtin that could
// still reach out.
func safeCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !isNetworkBuiltin(b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}
