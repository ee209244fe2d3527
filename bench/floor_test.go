package bench

import (
	"strings"
	"testing"
)

func TestSplitYAMLDocuments(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"a: 1\n", []string{"a: 1\n"}},
		{"a: 1\n---\nb: 2\n", []string{"a: 1\n", "b: 2\n"}},
		{"---\na: 1\n--- # next\nb: 2", []string{"", "a: 1\n", "b: 2"}},
		{"a: 1\r\n---\r\nb: 2\r\n", []string{"a: 1\r\n", "b: 2\r\n"}},
		{"a: |\n  ----\n---\tx\n", []string{"a: |\n  ----\n", ""}},
		{"a: 1\n---", []string{"a: 1\n", ""}},
		{"---x: 1\n", []string{"---x: 1\n"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range splitYAMLDocuments([]byte(tt.src)) {
			got = append(got, string(d))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("splitYAMLDocuments(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
