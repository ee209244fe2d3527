package infragate.rules.cloudformation.rds_test

import data.infragate.lib.cloudformation_test.locs
import data.infragate.lib.cloudformation_test.res
import data.infragate.lib.cloudformation_test.template
import data.infragate.rules.cloudformation.rds_public
import data.infragate.rules.cloudformation.rds_storage_encrypted

test_public if {
	r := rds_public.deny with input as template({"Db": res("AWS::RDS::DBInstance", {"PubliclyAccessible": "true", "StorageEncrypted": true})})
	locs(r) == {["Db", ["Resources", "Db", "Properties", "PubliclyAccessible"]]}
}

test_unencrypted if {
	r := rds_storage_encrypted.deny with input as template({
		"Db": res("AWS::RDS::DBInstance", {"Engine": "postgres", "StorageEncrypted": false}),
		"Cluster": res("AWS::RDS::DBCluster", {"Engine": "aurora-mysql"}),
		"AuroraMember": res("AWS::RDS::DBInstance", {"Engine": "aurora-mysql", "DBClusterIdentifier": {"Ref": "Cluster"}}),
		"Replica": res("AWS::RDS::DBInstance", {"SourceDBInstanceIdentifier": {"Ref": "Db"}}),
		"Serverless": res("AWS::RDS::DBCluster", {"Engine": "aurora", "EngineMode": "serverless"}),
	})
	locs(r) == {
		["Db", ["Resources", "Db", "Properties", "StorageEncrypted"]],
		["Cluster", ["Resources", "Cluster"]],
	}
}

test_compliant_and_unknown_pass if {
	t := template({
		"Db": res("AWS::RDS::DBInstance", {"PubliclyAccessible": false, "StorageEncrypted": true}),
		"U": res("AWS::RDS::DBInstance", {"PubliclyAccessible": {"Ref": "Public"}, "StorageEncrypted": {"Fn::If": ["Enc", true, false]}}),
	})
	count(rds_public.deny) == 0 with input as t
	count(rds_storage_encrypted.deny) == 0 with input as t
}
