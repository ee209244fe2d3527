package parsers

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TFSource finds the blocks of Terraform resources in .tf sources, so that
// a finding on a plan's resource change can also point at the resource's
// block (see PlanAddresses). Modules are followed when their source is a
// local path ("./x", "../x"); resources of other modules are not found.
// It is safe for concurrent use.
type TFSource struct {
	mu   sync.Mutex
	root string
	dirs map[string]*tfDir // by cleaned directory path
}

type tfDir struct {
	blocks  map[string]Location // "managed.aws_s3_bucket.b", "data.x.y", "module.m"
	modules map[string]string   // module name -> directory of a local source
}

// Location is a range in a named file.
type Location struct {
	File string
	Range
}

// String renders l as file:line, the form used in finding metadata.
func (l Location) String() string {
	return l.File + ":" + strconv.Itoa(l.StartLine)
}

// NewTFSource reads the Terraform sources rooted at dir lazily: each
// directory's .tf files are parsed the first time an address needs them.
func NewTFSource(dir string) *TFSource {
	return &TFSource{root: filepath.Clean(dir), dirs: map[string]*tfDir{}}
}

// Locate returns the block of the resource at a plan address, e.g.
// module.net.aws_subnet.a["x"] -> net/main.tf, lines of
// `resource "aws_subnet" "a" {...}` (StartLine is the header line). All
// instances (count/for_each keys) share their resource's block. ok is
// false when the address or a module on its path cannot be resolved, or
// ctx is done.
func (s *TFSource) Locate(ctx context.Context, address string) (Location, bool) {
	a, err := ParseAddress(address)
	if err != nil {
		return Location{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	dir := s.root
	for _, m := range a.Modules {
		if ctx.Err() != nil {
			return Location{}, false
		}
		d := s.load(dir)
		next, ok := d.modules[m.Name]
		if !ok {
			return Location{}, false
		}
		dir = next
	}
	loc, ok := s.load(dir).blocks[a.Mode+"."+a.Type+"."+a.Name]
	return loc, ok
}

func (s *TFSource) load(dir string) *tfDir {
	if d, ok := s.dirs[dir]; ok {
		return d
	}
	d := &tfDir{blocks: map[string]Location{}, modules: map[string]string{}}
	s.dirs[dir] = d
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		file, diags := hclsyntax.ParseConfig(stripBOM(src), f, hcl.InitialPos)
		if diags.HasErrors() && file == nil {
			continue
		}
		body, ok := file.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			r := Range{StartLine: b.TypeRange.Start.Line, StartCol: b.TypeRange.Start.Column, EndLine: b.CloseBraceRange.End.Line}
			loc := Location{File: f, Range: r}
			switch {
			case b.Type == "resource" && len(b.Labels) == 2:
				d.add("managed."+b.Labels[0]+"."+b.Labels[1], loc)
			case b.Type == "data" && len(b.Labels) == 2:
				d.add("data."+b.Labels[0]+"."+b.Labels[1], loc)
			case b.Type == "module" && len(b.Labels) == 1:
				d.add("module."+b.Labels[0], loc)
				if src := literalSource(b.Body); isLocalSource(src) {
					d.modules[b.Labels[0]] = filepath.Clean(filepath.Join(dir, filepath.FromSlash(src)))
				}
			}
		}
	}
	return d
}

func (d *tfDir) add(key string, loc Location) {
	if _, dup := d.blocks[key]; !dup {
		d.blocks[key] = loc
	}
}

func literalSource(body *hclsyntax.Body) string {
	attr, ok := body.Attributes["source"]
	if !ok {
		return ""
	}
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() || !v.Type().Equals(cty.String) || v.IsNull() || !v.IsKnown() {
		return ""
	}
	return v.AsString()
}

func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")
}
