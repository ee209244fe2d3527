package infragate.rules.tfplan.mass_destroy_test

import data.infragate.lib.tfplan_test.change
import data.infragate.lib.tfplan_test.locs
import data.infragate.lib.tfplan_test.plan
import data.infragate.rules.tfplan.mass_destroy.deny

destroys(n) := [change("aws_instance", sprintf("i%02d", [i]), ["delete"], null) | some i in numbers.range(1, n)]

test_eleven_destroys if {
	r := deny with input as plan(destroys(11))
	locs(r) == {["plan", ["resource_changes"]]}
	some f in r
	contains(f.msg, "destroys 11 resources (more than 10), including aws_instance.i01, aws_instance.i02, aws_instance.i03")
}

test_ten_destroys_pass if {
	count(deny) == 0 with input as plan(array.concat(destroys(10), [change("aws_instance", "x", ["create"], {})]))
}

test_threshold_from_data if {
	count(deny) == 1 with input as plan(destroys(3)) with data.infragate.plan.max_destroy as 2
	count(deny) == 0 with input as plan(destroys(11)) with data.infragate.plan.max_destroy as 20
}

test_non_numeric_threshold_uses_default if {
	count(deny) == 0 with input as plan(destroys(10)) with data.infragate.plan.max_destroy as "2"
}

test_not_a_plan if {
	count(deny) == 0 with input as {"resources": []}
}
