package cmd

import (
	"io"
	"os"
	"path/filepath"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/reporters"
)

// output is one -o output: a format and the file it goes to ("" for
// standard output).
type output struct {
	format string
	file   string
}

// parseOutputs reads -o specs; a spec without a file goes to defaultFile
// ("" for standard output), and resolve (when not nil) turns a file named
// in a spec into the path to write. "-" names standard output.
func parseOutputs(specs []string, defaultFile string, resolve func(string) string) ([]output, error) {
	out := make([]output, 0, len(specs))
	for _, spec := range specs {
		format, file, err := reporters.ParseOutputSpec(spec)
		if err != nil {
			return nil, err
		}
		switch {
		case file == "-":
			file = "" // standard output, as "-" is everywhere else
		case file == "":
			file = defaultFile
		case resolve != nil:
			file = resolve(file)
		}
		out = append(out, output{format, file})
	}
	return out, nil
}

// outputFiles are the files -o outputs are written to. Outputs that share
// a destination are all written to it, one after the other, as they are on
// standard output: a file named twice (`-o text -o json --output-file F`,
// `-o sarif=a.out -o json=a.out`) is created once and holds both, never
// only the last.
type outputFiles struct {
	open []*outputFile
}

type outputFile struct {
	name string
	fh   *os.File
	info os.FileInfo
}

// get returns the open file for name, creating it on first use; another
// spelling of an open file (./a.out, a link) is the same.
func (o *outputFiles) get(name string) (*os.File, error) {
	clean := filepath.Clean(name)
	if abs, err := filepath.Abs(clean); err == nil {
		clean = abs
	}
	st, statErr := os.Stat(clean)
	for _, d := range o.open {
		if d.name == clean || statErr == nil && os.SameFile(d.info, st) {
			return d.fh, nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(clean), 0o755); err != nil {
		return nil, err
	}
	fh, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	d := &outputFile{name: clean, fh: fh}
	if d.info, err = fh.Stat(); err != nil {
		fh.Close()
		return nil, err
	}
	o.open = append(o.open, d)
	return fh, nil
}

// close closes every file, returning the first error.
func (o *outputFiles) close() error {
	var err error
	for _, d := range o.open {
		if cerr := d.fh.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}
	return err
}

// renderOutputs renders every output in order (see outputFiles). Files get
// no colour.
func renderOutputs(stdout io.Writer, outs []output, rep *engine.Report, ropts reporters.Options) (err error) {
	var files outputFiles
	defer func() {
		if cerr := files.close(); err == nil {
			err = cerr
		}
	}()
	for _, o := range outs {
		w, opts := stdout, ropts
		if o.file != "" {
			fh, err := files.get(o.file)
			if err != nil {
				return err
			}
			w, opts.Color = fh, false
		}
		if err := reporters.Write(w, o.format, rep, opts); err != nil {
			return err
		}
	}
	return nil
}
