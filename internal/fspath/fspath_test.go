package fspath

import "testing"

func TestWithin(t *testing.T) {
	for _, tc := range []struct {
		root, target string
		want         bool
	}{
		{"/repo", "/repo", true},
		{"/repo", "/repo/a/b", true},
		{"/repo", "/repo/../repo/a", true},
		{"/repo", "/repository", false},
		{"/repo", "/", false},
		{"/repo", "/repo/../other", false},
		{"/repo", "/repo/..a", true}, // a name that starts with two dots
		{"repo", "repo/x", true},
		{"repo", "/abs/x", false},
	} {
		if got := Within(tc.root, tc.target); got != tc.want {
			t.Errorf("Within(%q, %q) = %v, want %v", tc.root, tc.target, got, tc.want)
		}
	}
}
