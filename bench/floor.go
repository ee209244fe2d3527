package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	yaml "go.yaml.in/yaml/v3"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/infragate/infragate/internal/fsread"
	"github.com/infragate/infragate/parsers"
)

// ReadList reads a file list: one path per line, relative to the corpus
// root; blank lines are skipped.
func ReadList(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimRight(sc.Text(), "\r"); strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out, sc.Err()
}

// WriteList writes paths one per line.
func WriteList(file string, paths []string) error {
	return os.WriteFile(file, []byte(strings.Join(paths, "\n")+"\n"), 0o644)
}

// FormatCount is what the floor saw of one format.
type FormatCount struct {
	Format    string
	Files     int
	Documents int
	Bytes     int64
	Errors    int
	Wall      time.Duration
}

// Floor is the parse-only time of a file list: read and parse every file
// with infragate's own parsers on the same number of workers as a check,
// in this process (no process start, no policies).
type Floor struct {
	Wall    time.Duration
	Formats []FormatCount
}

// Files is the number of files parsed.
func (f *Floor) Files() int {
	n := 0
	for _, c := range f.Formats {
		n += c.Files
	}
	return n
}

// Documents is the number of documents produced.
func (f *Floor) Documents() int {
	n := 0
	for _, c := range f.Formats {
		n += c.Documents
	}
	return n
}

// ParseFloor parses the files under root with workers goroutines
// (runtime.NumCPU() if 0), one format after the other so each format gets
// its own rate. Files of no known format are passed over, as a check with
// --files-from does.
func ParseFloor(root string, files []string, workers int) *Floor {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	reg := parsers.Default()
	byFormat := map[parsers.Format][]string{}
	for _, f := range files {
		if format, ok := parsers.DetectFormat(f); ok && reg[format] != nil {
			byFormat[format] = append(byFormat[format], f)
		}
	}
	formats := make([]parsers.Format, 0, len(byFormat))
	for f := range byFormat {
		formats = append(formats, f)
	}
	sort.Slice(formats, func(i, j int) bool { return formats[i] < formats[j] })
	fl := &Floor{}
	for _, format := range formats {
		c := parseAll(root, byFormat[format], reg[format], workers)
		c.Format = string(format)
		fl.Wall += c.Wall
		fl.Formats = append(fl.Formats, c)
	}
	return fl
}

// parseAll reads and parses paths on a worker pool.
func parseAll(root string, paths []string, p parsers.Parser, workers int) FormatCount {
	parts := make([]FormatCount, workers)
	next := make(chan string)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func(c *FormatCount) {
			defer wg.Done()
			for path := range next {
				c.Files++
				// Read as the engine reads (with no size limit).
				src, err := fsread.ReadFile(filepath.Join(root, path), 1<<40)
				if err != nil {
					c.Errors++
					continue
				}
				c.Bytes += int64(len(src))
				docs, err := p.Parse(path, src)
				if err != nil {
					c.Errors++
					continue
				}
				c.Documents += len(docs)
			}
		}(&parts[w])
	}
	for _, path := range paths {
		next <- path
	}
	close(next)
	wg.Wait()
	total := FormatCount{Wall: time.Since(start)}
	for _, c := range parts {
		total.Files += c.Files
		total.Documents += c.Documents
		total.Bytes += c.Bytes
		total.Errors += c.Errors
	}
	return total
}

// print writes the floor's lines.
func (f *Floor) print(w *reporter) {
	w.kv("parse_only_wall", secs(f.Wall))
	w.kv("parse_only_files_per_s", rate(f.Files(), f.Wall))
	w.kv("parse_only_docs_per_s", rate(f.Documents(), f.Wall))
	for _, c := range f.Formats {
		w.kv("parse_only_format", fmt.Sprintf("%s files=%d docs=%d bytes=%s errors=%d wall=%s files/s=%s docs/s=%s",
			c.Format, c.Files, c.Documents, mb(c.Bytes), c.Errors, secs(c.Wall), rate(c.Files, c.Wall), rate(c.Documents, c.Wall)))
	}
}

// ListFromIndex writes the paths of the corpus's INDEX.tsv (path, type,
// bytes; one header line) as a file list in dir and returns its name.
func ListFromIndex(index, dir string) (string, error) {
	f, err := os.Open(index)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var paths []string
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if first {
			continue
		}
		if p, _, _ := strings.Cut(sc.Text(), "\t"); p != "" {
			paths = append(paths, p)
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	out := filepath.Join(dir, "all.txt")
	return out, WriteList(out, paths)
}

// LibraryFloor is the time the card's parsing libraries alone take over a
// file list, on the same number of workers: hclsyntax.ParseConfig for
// Terraform and a yaml.v3 node tree of every document for YAML (what a
// tool that reports lines must build), with none of infragate's
// conversion or source maps. ../shared/bench calls this "the floor any
// tool pays"; infragate's own parsers have fast paths that go below it.
// Files of other formats are passed over.
func LibraryFloor(root string, files []string, workers int) time.Duration {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	hcls, yamls := hclAndYAML(files)
	yamlLib := libraryParser(func(_ string, src []byte) {
		dec := yaml.NewDecoder(bytes.NewReader(src))
		for {
			var n yaml.Node
			if dec.Decode(&n) != nil {
				return
			}
		}
	})
	return parseAll(root, hcls, libraryParser(parseHCL), workers).Wall + parseAll(root, yamls, yamlLib, workers).Wall
}

// parseHCL parses with the card's HCL library alone.
func parseHCL(name string, src []byte) {
	hclsyntax.ParseConfig(src, name, hcl.InitialPos)
}

// hclAndYAML picks the Terraform and the YAML files of a list.
func hclAndYAML(files []string) (hcls, yamls []string) {
	for _, f := range files {
		switch format, _ := parsers.DetectFormat(f); format {
		case parsers.HCL:
			hcls = append(hcls, f)
		case parsers.YAML:
			yamls = append(yamls, f)
		}
	}
	return hcls, yamls
}

// KitFloor is the floor as ../shared/bench defines it: "parsing alone,
// single-threaded, with the card's libraries" (hclsyntax.ParseConfig for
// Terraform, sigs.k8s.io/yaml for each YAML document, which is what
// conftest and Kubernetes tools decode with), the time the kit says any
// tool pays and against which it judges a tool's speed. It runs on one
// goroutine; LibraryFloor is the same libraries (yaml.v3 node trees for
// YAML) on the check's worker count, and ParseFloor infragate's own
// parsers. Files of other formats are passed over.
func KitFloor(root string, files []string) time.Duration {
	hcls, yamls := hclAndYAML(files)
	yamlLib := libraryParser(func(_ string, src []byte) {
		for _, doc := range splitYAMLDocuments(src) {
			var v any
			_ = sigsyaml.Unmarshal(doc, &v)
		}
	})
	return parseAll(root, hcls, libraryParser(parseHCL), 1).Wall + parseAll(root, yamls, yamlLib, 1).Wall
}

// splitYAMLDocuments cuts a YAML stream at separator lines ("---" alone or
// followed by a space or tab), as Kubernetes' YAML reader does; the
// library decodes one document at a time.
func splitYAMLDocuments(src []byte) [][]byte {
	var docs [][]byte
	start := 0
	for i := 0; i < len(src); {
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		line := bytes.TrimRight(src[i:end], "\r")
		if bytes.HasPrefix(line, []byte("---")) && (len(line) == 3 || line[3] == ' ' || line[3] == '\t') {
			docs = append(docs, src[start:i])
			start = min(end+1, len(src))
		}
		i = end + 1
	}
	return append(docs, src[start:])
}

// libraryParser adapts a plain parse function to parsers.Parser.
type libraryParser func(name string, src []byte)

func (f libraryParser) Parse(name string, src []byte) ([]parsers.Document, error) {
	f(name, src)
	return nil, nil
}
