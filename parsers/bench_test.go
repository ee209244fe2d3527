package parsers

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"sigs.k8s.io/yaml"
)

// BenchmarkCorpus parses the benchmark file lists (../shared/bench/tf.txt
// and k8s.txt, paths relative to the corpus root in INFRAGATE_CORPUS) with
// our parsers and with the plain libraries, single-threaded. Every listed
// file must parse. Run:
//
//	INFRAGATE_CORPUS=$TMPDIR/corpus/realworld go test ./parsers -run '^$' -bench Corpus -benchtime 1x
func BenchmarkCorpus(b *testing.B) {
	for _, set := range []struct {
		list  string
		ours  Parser
		plain func(name string, src []byte) error
	}{
		{"tf.txt", &HCLParser{}, func(name string, src []byte) error {
			if _, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos); diags.HasErrors() {
				return diags
			}
			return nil
		}},
		{"k8s.txt", &YAMLParser{}, func(name string, src []byte) error {
			var v any
			return yaml.Unmarshal(src, &v)
		}},
	} {
		files := benchList(b, set.list)
		b.Run(strings.TrimSuffix(set.list, ".txt")+"/infragate", func(b *testing.B) {
			for b.Loop() {
				for _, f := range files {
					if _, err := set.ours.Parse(f.name, f.src); err != nil {
						b.Errorf("%s: %v", f.name, err)
					}
				}
			}
			b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
		})
		if hp, ok := set.ours.(*HCLParser); ok {
			// The same parser with the fast path switched off: hclsyntax
			// and hclConv only, as before the fast path existed. On
			// tf.txt (11,653 files) the fast path accepts 98.7% of the
			// files and the whole parse is about 5x faster (0.55 s vs
			// 2.84 s per pass, 2-core machine, one run).
			b.Run(strings.TrimSuffix(set.list, ".txt")+"/infragate-slow", func(b *testing.B) {
				for b.Loop() {
					for _, f := range files {
						if _, err := hp.parse(f.name, f.src, false); err != nil {
							b.Errorf("%s: %v", f.name, err)
						}
					}
				}
				b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
			})
		}
		b.Run(strings.TrimSuffix(set.list, ".txt")+"/plain", func(b *testing.B) {
			for b.Loop() {
				for _, f := range files {
					_ = set.plain(f.name, f.src)
				}
			}
			b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// benchList reads the files of a benchmark list (tf.txt, k8s.txt of
// ../shared/bench, or INFRAGATE_BENCH_LISTS) from the corpus named by
// INFRAGATE_CORPUS, skipping the benchmark when it is not set.
func benchList(b *testing.B, list string) []corpusFile {
	b.Helper()
	root := os.Getenv("INFRAGATE_CORPUS")
	if root == "" {
		b.Skip("set INFRAGATE_CORPUS to the unpacked real-world corpus")
	}
	lists := os.Getenv("INFRAGATE_BENCH_LISTS")
	if lists == "" {
		lists = "../../shared/bench"
	}
	return readCorpus(b, root, filepath.Join(lists, list))
}

type corpusFile struct {
	name string
	src  []byte
}

func readCorpus(b *testing.B, root, list string) []corpusFile {
	b.Helper()
	f, err := os.Open(list)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []corpusFile
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, corpusFile{name, src})
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return out
}
