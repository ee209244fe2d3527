package infragate.rules.cloudformation.s3_test

import data.infragate.lib.cloudformation_test.locs
import data.infragate.lib.cloudformation_test.res
import data.infragate.lib.cloudformation_test.template
import data.infragate.rules.cloudformation.s3_encryption
import data.infragate.rules.cloudformation.s3_public_access_block
import data.infragate.rules.cloudformation.s3_public_acl
import data.infragate.rules.cloudformation.s3_versioning

good := res("AWS::S3::Bucket", {
	"AccessControl": "Private",
	"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": "true", "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
	"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]},
	"VersioningConfiguration": {"Status": "Enabled"},
})

unknown := res("AWS::S3::Bucket", {
	"AccessControl": {"Ref": "Acl"},
	"PublicAccessBlockConfiguration": {"Fn::If": ["Open", {"BlockPublicAcls": false}, {"Ref": "AWS::NoValue"}]},
	"BucketEncryption": {"Ref": "Enc"},
	"VersioningConfiguration": {"Status": {"Ref": "Versioning"}},
})

test_public_acl if {
	r := s3_public_acl.deny with input as template({"Site": res("AWS::S3::Bucket", {"AccessControl": "PublicRead"})})
	locs(r) == {["Site", ["Resources", "Site", "Properties", "AccessControl"]]}
	some f in r
	contains(f.msg, "PublicRead")
}

test_public_access_block if {
	r := s3_public_access_block.deny with input as template({"B": res("AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {
		"BlockPublicAcls": true, "BlockPublicPolicy": false, "IgnorePublicAcls": "False",
	}})})
	locs(r) == {
		["B", ["Resources", "B", "Properties", "PublicAccessBlockConfiguration", "BlockPublicPolicy"]],
		["B", ["Resources", "B", "Properties", "PublicAccessBlockConfiguration", "IgnorePublicAcls"]],
		["B", ["Resources", "B", "Properties", "PublicAccessBlockConfiguration"]],
	}
}

test_encryption_and_versioning_missing if {
	t := template({"B": {"Type": "AWS::S3::Bucket"}, "S": res("AWS::S3::Bucket", {"VersioningConfiguration": {"Status": "Suspended"}, "BucketEncryption": {}})})
	locs(s3_encryption.warn) == {["B", ["Resources", "B"]]} with input as t
	locs(s3_versioning.warn) == {
		["B", ["Resources", "B"]],
		["S", ["Resources", "S", "Properties", "VersioningConfiguration", "Status"]],
	} with input as t
}

test_good_and_unknown_pass if {
	t := template({"Good": good, "Unknown": unknown})
	count(s3_public_acl.deny) == 0 with input as t
	count(s3_public_access_block.deny) == 0 with input as t
	count(s3_encryption.warn) == 0 with input as t
	count(s3_versioning.warn) == 0 with input as t
}

test_other_formats_pass if {
	count(s3_encryption.warn) == 0 with input as {"Resources": {"B": {"Type": "Custom::Bucket"}}}
}
