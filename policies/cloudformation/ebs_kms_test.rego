package infragate.rules.cloudformation.ebs_kms_test

import data.infragate.lib.cloudformation_test.locs
import data.infragate.lib.cloudformation_test.res
import data.infragate.lib.cloudformation_test.template
import data.infragate.rules.cloudformation.ebs_encrypted
import data.infragate.rules.cloudformation.kms_rotation

test_ebs if {
	r := ebs_encrypted.deny with input as template({
		"A": res("AWS::EC2::Volume", {"Size": 10, "Encrypted": false}),
		"B": res("AWS::EC2::Volume", {"Size": 10}),
		"Snap": res("AWS::EC2::Volume", {"SnapshotId": "snap-1"}),
		"C": res("AWS::EC2::Volume", {"Encrypted": true}),
		"U": res("AWS::EC2::Volume", {"Encrypted": {"Ref": "Enc"}}),
	})
	locs(r) == {["A", ["Resources", "A", "Properties", "Encrypted"]], ["B", ["Resources", "B"]]}
}

test_kms if {
	r := kms_rotation.deny with input as template({
		"A": res("AWS::KMS::Key", {"EnableKeyRotation": false}),
		"B": res("AWS::KMS::Key", {"KeyPolicy": {}}),
		"Rsa": res("AWS::KMS::Key", {"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}),
		"C": res("AWS::KMS::Key", {"EnableKeyRotation": true}),
		"U": res("AWS::KMS::Key", {"EnableKeyRotation": {"Ref": "Rotate"}}),
	})
	locs(r) == {["A", ["Resources", "A", "Properties", "EnableKeyRotation"]], ["B", ["Resources", "B"]]}
}
