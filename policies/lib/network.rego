# Helpers about network ranges shared by the Terraform, plan and
# CloudFormation rules. Only OPA's pure net builtins are used (no lookups).
package infragate.lib.network

# open_cidr holds for a CIDR that admits the whole internet, however it is
# spelled: 0.0.0.0/0 and ::/0, any other address with prefix length 0
# (0::/0, ::0/0, 0:0:0:0:0:0:0:0/0, 10.0.0.0/0), and prefix length 1,
# half of the internet (0.0.0.0/1 and 128.0.0.0/1 together are all of it,
# also when written as two rules).
open_cidr(c) if c in {"0.0.0.0/0", "::/0"}

open_cidr(c) if {
	is_string(c)
	not c in {"0.0.0.0/0", "::/0"}
	regex.match(`/0*[01]$`, c)
	net.cidr_is_valid(c)
}
