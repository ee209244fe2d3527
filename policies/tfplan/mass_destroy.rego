# METADATA
# title: Plan destroys many resources
# description: >-
#   A plan that destroys more resources than a threshold (10 by default,
#   data.infragate.plan.max_destroy to change it, e.g. with
#   `--data` and a file holding `infragate: {plan: {max_destroy: 25}}`) is
#   often a mistake: a wrong workspace, a renamed module without `moved`
#   blocks, or a changed for_each key. Such a plan needs a human to approve it.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/language/modules/develop/refactoring
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#change-representation
# custom:
#   id: IG-PLAN-002
#   severity: high
#   enforcement: soft-mandatory
#   remediation: |
#     Check that every destroy is intended. Renames and moves should keep
#     their state:
#       moved {
#         from = module.old
#         to   = module.new
#       }
package infragate.rules.tfplan.mass_destroy

import data.infragate.lib.tfplan

default max_destroy := 10

max_destroy := n if {
	n := data.infragate.plan.max_destroy
	is_number(n)
}

deny contains {"msg": msg, "path": ["resource_changes"], "resource": "plan"} if {
	n := count(tfplan.deletes)
	n > max_destroy
	msg := sprintf("the plan destroys %d resources (more than %d), including %s (needs approval)", [n, max_destroy, examples])
}

examples := concat(", ", array.slice(sort([d.address | some d in tfplan.deletes]), 0, 3))
