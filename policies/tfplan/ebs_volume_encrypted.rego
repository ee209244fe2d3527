# METADATA
# title: Planned EBS volume is not encrypted
# description: >-
#   encrypted is planned as false for an aws_ebs_volume. A volume whose
#   encryption is left to the account default is unknown in the plan and not
#   reported.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume
# custom:
#   id: IG-PLAN-AWS-EBS-001
#   severity: medium
#   related_ids: [IG-AWS-EBS-001]
#   remediation: |
#     resource "aws_ebs_volume" "data" {
#       encrypted = true
#     }
package infragate.rules.tfplan.ebs_volume_encrypted

import data.infragate.lib.tfplan

deny contains {"msg": msg, "path": tfplan.attr_path(r, "encrypted"), "resource": r.address} if {
	some r in tfplan.of_type("aws_ebs_volume")
	r.after.encrypted == false
	not is_string(r.after.snapshot_id)
	msg := sprintf("%s: encrypted is planned as false: the volume is not encrypted", [r.address])
}
