package infragate.rules.cloudformation.hardcoded_secrets_test

import data.infragate.lib.cloudformation_test.locs
import data.infragate.lib.cloudformation_test.res
import data.infragate.lib.cloudformation_test.template
import data.infragate.rules.cloudformation.hardcoded_secrets.deny

test_literal_password if {
	r := deny with input as template({"Db": res("AWS::RDS::DBInstance", {"MasterUserPassword": "hunter2"})})
	locs(r) == {["Db", ["Resources", "Db", "Properties", "MasterUserPassword"]]}
	some f in r
	not contains(f.msg, "hunter2")
}

test_nested_property if {
	r := deny with input as template({"Search": res("AWS::OpenSearchService::Domain", {"AdvancedSecurityOptions": {"MasterUserOptions": {"MasterUserPassword": "pw"}}})})
	locs(r) == {["Search", ["Resources", "Search", "Properties", "AdvancedSecurityOptions", "MasterUserOptions", "MasterUserPassword"]]}
}

test_noecho_default if {
	t := object.union(template({"Db": res("AWS::RDS::DBInstance", {"MasterUserPassword": {"Ref": "Pw"}})}), {"Parameters": {
		"Pw": {"Type": "String", "NoEcho": "true", "Default": "pw"},
		"Name": {"Type": "String", "Default": "app"},
	}})
	r := deny with input as t
	locs(r) == {["Pw", ["Parameters", "Pw", "Default"]]}
}

test_references_pass if {
	count(deny) == 0 with input as template({
		"Db": res("AWS::RDS::DBInstance", {"MasterUserPassword": "{{resolve:secretsmanager:db:SecretString:pw}}"}),
		"Cluster": res("AWS::RDS::DBCluster", {"MasterUserPassword": {"Ref": "Pw"}}),
		"Redshift": res("AWS::Redshift::Cluster", {"MasterUserPassword": {"Fn::Sub": "{{resolve:ssm-secure:pw}}"}}),
		"Cache": res("AWS::ElastiCache::ReplicationGroup", {"AuthToken": " "}),
	})
}
