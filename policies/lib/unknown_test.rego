package infragate.lib.values_test

import data.infragate.lib.values

test_unknown_reference if values.is_unknown("${var.x}")

test_unknown_template if values.is_unknown("prefix-${var.x}")

test_literal_is_known if not values.is_unknown("public-read")

test_number_is_known if not values.is_unknown(22)
