package cmd

import "testing"

func TestChartFileName(t *testing.T) {
	for name, want := range map[string]bool{
		"Chart.yaml":         true,
		"Chart.lock":         true,
		"values.yaml":        true,
		"values-prod.yml":    true,
		"values.schema.json": true,
		"deployment.yaml":    false,
		"main.tf":            false,
		"chart.yaml":         false, // Helm reads only Chart.yaml
		"values.txt":         false,
	} {
		if got := chartFileName(name); got != want {
			t.Errorf("chartFileName(%q) = %v, want %v", name, got, want)
		}
	}
}
