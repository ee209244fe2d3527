package parsers

import (
	"testing"
)

// BenchmarkYAMLFastCorpus parses the Kubernetes benchmark files
// (../shared/bench/k8s.txt, paths relative to the corpus root in
// INFRAGATE_CORPUS) single-threaded with YAMLParser (fast path, goyaml
// fallback) and with the goyaml path alone, and reports the share of files
// the fast path accepts. Run:
//
//	INFRAGATE_CORPUS=$TMPDIR/corpus/realworld go test ./parsers -run '^$' -bench YAMLFastCorpus -benchtime 3x
func BenchmarkYAMLFastCorpus(b *testing.B) {
	files := benchList(b, "k8s.txt")
	accepted := 0
	for _, f := range files {
		if yamlFastAccepts(f.src) {
			accepted++
		}
	}
	share := 100 * float64(accepted) / float64(len(files))
	for _, run := range []struct {
		name string
		o    yamlOptions
	}{
		{"fast+fallback", (&YAMLParser{}).options()},
		{"goyaml", yamlSlowOptions()},
	} {
		b.Run(run.name, func(b *testing.B) {
			for b.Loop() {
				for _, f := range files {
					if _, err := parseYAML(f.name, f.src, run.o); err != nil {
						b.Errorf("%s: %v", f.name, err)
					}
				}
			}
			b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
			b.ReportMetric(share, "%accepted")
		})
	}
}
