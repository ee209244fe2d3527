package glob

import "testing"

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"*.tf", "main.tf", true},
		{"*.tf", "a/b/main.tf", true},
		{"*.tf", "main.tfvars", false},
		{"envs/prod/**", "envs/prod/main.tf", true},
		{"envs/prod/**", "envs/prod/a/b/c.yaml", true},
		{"envs/prod/**", "envs/production/main.tf", false},
		{"envs/*/main.tf", "envs/dev/main.tf", true},
		{"envs/*/main.tf", "envs/dev/x/main.tf", false},
		{"**/vendor/**", "a/vendor/b.tf", true},
		{"**/vendor/**", "vendor/b.tf", true},
		{"testdata", "x/testdata/a.yaml", true},
		{"modules/", "modules/a.tf", true},
		{"file?.tf", "file1.tf", true},
		{"file[0-9].tf", "file7.tf", true},
		{"file[!0-9].tf", "file7.tf", false},
		{"./policy/*.rego", "policy/a.rego", true},
		{"a.tf", "ba.tf", false},
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
	if _, err := Compile("a[b"); err == nil {
		t.Error("want an error for an unclosed class")
	}
}
