package engine

import (
	"context"
	"path/filepath"
	"strconv"

	"github.com/infragate/infragate/parsers"
)

// planSources gives findings on a Terraform plan's resource changes the
// resource address (their Resource) and, when the configuration is at
// hand, the location of the resource's block in the .tf sources
// (Metadata "address" and "source": "dir/main.tf:12"). The sources are
// looked up under Options.TFDir, else beside the plan file.
func (e *Engine) planSources(ctx context.Context, sub subject, out []Finding) {
	if len(out) == 0 || !parsers.IsPlan(sub.doc.Value) {
		return
	}
	dir := e.opts.TFDir
	if dir == "" {
		if sub.file == "" || sub.file == "-" || sub.file == "stdin" {
			return
		}
		dir = filepath.Dir(filepath.FromSlash(sub.file))
	}
	src := e.tfSource(dir)
	for i := range out {
		f := &out[i]
		if f.IsError() {
			continue
		}
		addr := sub.planAddress(parsers.ParsePointer(f.Path))
		if addr == "" {
			continue
		}
		f.Resource = addr
		if f.Metadata == nil {
			f.Metadata = map[string]any{}
		}
		f.Metadata["address"] = addr
		if loc, ok := src.Locate(ctx, addr); ok {
			f.Metadata["source"] = filepath.ToSlash(loc.File) + ":" + strconv.Itoa(loc.StartLine)
		}
	}
}

// tfSource returns the shared, lazily parsed Terraform sources of dir.
func (e *Engine) tfSource(dir string) *parsers.TFSource {
	e.tfMu.Lock()
	defer e.tfMu.Unlock()
	if e.tfSources == nil {
		e.tfSources = map[string]*parsers.TFSource{}
	}
	s, ok := e.tfSources[dir]
	if !ok {
		s = parsers.NewTFSource(dir)
		e.tfSources[dir] = s
	}
	return s
}

// planAddress is the address of the resource change that p points into.
func (sub subject) planAddress(p parsers.Path) string {
	if sub.planAddrs == nil {
		return parsers.PlanAddressAt(sub.doc.Value, p)
	}
	if i, ok := parsers.PlanChangeIndex(p); ok && i < len(sub.planAddrs) {
		return sub.planAddrs[i]
	}
	return ""
}
