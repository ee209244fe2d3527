# METADATA
# title: Secret is hard-coded in the template
# description: >-
#   A password or secret written into a template is readable by everyone who
#   can read the repository and the stack, and stays in the repository's
#   history after it is removed. The properties checked are the well-known
#   passwords, tokens and secret strings of AWS resources, and the Default
#   of a NoEcho parameter. A dynamic reference ({{resolve:secretsmanager:...}},
#   {{resolve:ssm-secure:...}}), a parameter or another intrinsic is not
#   reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds
# custom:
#   id: IG-CFN-SECRET-001
#   severity: high
#   remediation: |
#     Rotate the secret, then reference it instead of writing it:
#       MasterUserPassword: "{{resolve:secretsmanager:prod/db:SecretString:password}}"
#     or let the service manage it (ManageMasterUserPassword: true), or
#     generate it (AWS::SecretsManager::Secret with GenerateSecretString).
package infragate.rules.cloudformation.hardcoded_secrets

import data.infragate.lib.cloudformation as cfn

# The properties of each resource type that hold a secret, as paths.
secret_props := {
	"AWS::RDS::DBInstance": [["MasterUserPassword"]],
	"AWS::RDS::DBCluster": [["MasterUserPassword"]],
	"AWS::Redshift::Cluster": [["MasterUserPassword"]],
	"AWS::DocDB::DBCluster": [["MasterUserPassword"]],
	"AWS::ElastiCache::ReplicationGroup": [["AuthToken"]],
	"AWS::SecretsManager::Secret": [["SecretString"]],
	"AWS::DMS::Endpoint": [["Password"]],
	"AWS::DirectoryService::MicrosoftAD": [["Password"]],
	"AWS::DirectoryService::SimpleAD": [["Password"]],
	"AWS::IAM::User": [["LoginProfile", "Password"]],
	"AWS::OpenSearchService::Domain": [["AdvancedSecurityOptions", "MasterUserOptions", "MasterUserPassword"]],
}

deny contains {"msg": msg, "path": cfn.prop_path(r, keys), "resource": r.id} if {
	some r in cfn.resources
	some keys in secret_props[r.type]
	hardcoded(object.get(r.props, keys, null))
	msg := sprintf("%s: %s is written into the template", [r.id, concat(".", keys)])
}

deny contains {"msg": msg, "path": ["Parameters", name, "Default"], "resource": name} if {
	cfn.is_template
	some name, p in input.Parameters
	cfn.is_true(p.NoEcho)
	hardcoded(p.Default)
	msg := sprintf("%s: the NoEcho parameter has a Default: the secret is written into the template", [name])
}

# hardcoded holds for a non-blank literal string that is not a dynamic
# reference resolved at deploy time.
hardcoded(v) if {
	is_string(v)
	trim_space(v) != ""
	not contains(v, "{{resolve:")
}
