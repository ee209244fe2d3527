package infragate.rules.cloudformation.cloudtrail_test

import data.infragate.lib.cloudformation_test.locs
import data.infragate.lib.cloudformation_test.res
import data.infragate.lib.cloudformation_test.template
import data.infragate.rules.cloudformation.cloudtrail_kms
import data.infragate.rules.cloudformation.cloudtrail_log_validation
import data.infragate.rules.cloudformation.cloudtrail_multi_region

t := template({
	"Bare": res("AWS::CloudTrail::Trail", {"IsLogging": true, "S3BucketName": "logs"}),
	"Off": res("AWS::CloudTrail::Trail", {"IsMultiRegionTrail": false, "EnableLogFileValidation": "false", "KMSKeyId": "k"}),
	"Good": res("AWS::CloudTrail::Trail", {"IsMultiRegionTrail": true, "EnableLogFileValidation": true, "KMSKeyId": {"Ref": "Key"}}),
	"Unknown": res("AWS::CloudTrail::Trail", {"IsMultiRegionTrail": {"Ref": "M"}, "EnableLogFileValidation": {"Ref": "V"}, "KMSKeyId": {"Ref": "K"}}),
})

test_multi_region if {
	locs(cloudtrail_multi_region.deny) == {["Bare", ["Resources", "Bare"]], ["Off", ["Resources", "Off", "Properties", "IsMultiRegionTrail"]]} with input as t
}

test_log_validation if {
	locs(cloudtrail_log_validation.deny) == {["Bare", ["Resources", "Bare"]], ["Off", ["Resources", "Off", "Properties", "EnableLogFileValidation"]]} with input as t
}

test_kms if {
	locs(cloudtrail_kms.warn) == {["Bare", ["Resources", "Bare"]]} with input as t
}
