package infragate.lib.network_test

import data.infragate.lib.network

test_open_cidr_spellings if {
	every c in ["0.0.0.0/0", "::/0", "0::/0", "::0/0", "0:0:0:0:0:0:0:0/0", "10.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "::/1", "8000::/1"] {
		network.open_cidr(c)
	}
}

test_not_open if {
	every c in ["10.0.0.0/8", "0.0.0.0/2", "192.168.0.0/16", "::/2", "2001:db8::/32", "0.0.0.0", "${var.cidr}", "0.0.0.0/99", "not/0", 0, null] {
		not network.open_cidr(c)
	}
}
