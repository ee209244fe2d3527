package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/inputs"
	"github.com/infragate/infragate/kustomize"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/tfeval"
)

// ParseOptions are the inputs of `infragate parse`.
type ParseOptions struct {
	IO            IO
	Files         []string
	Parser        string
	Locations     bool
	StdinFilename string
	TerraformEval bool
	VarFiles      []string
	Helm          bool
	helmSet       bool
	Kustomize     bool
	kustomizeSet  bool
	Config        string
}

// NewCmdParse builds `infragate parse`: print documents as policies see them.
func NewCmdParse(stdio IO, runF func(context.Context, *ParseOptions) error) *cobra.Command {
	opts := &ParseOptions{IO: stdio}
	c := &cobra.Command{
		Use:   "parse FILE...",
		Short: "Print the documents a policy sees as input",
		Long: `Print each file's documents exactly as policies receive them in input,
as JSON. With --locations, also the source map: the file range of every value,
by data path (a JSON pointer such as /resource/aws_s3_bucket/b/0/acl).`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			opts.helmSet = c.Flags().Changed("helm")
			opts.kustomizeSet = c.Flags().Changed("kustomize")
			if opts.Parser != "" {
				if _, err := parsers.Default().Lookup(opts.Parser); err != nil {
					return &usageError{err}
				}
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runParse(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Parser, "parser", "", "parse with this format instead of detecting it")
	c.Flags().BoolVar(&opts.Locations, "locations", false, "also print the source map")
	c.Flags().StringVar(&opts.StdinFilename, "stdin-filename", "", "name standard input (\"-\")")
	c.Flags().BoolVar(&opts.TerraformEval, "terraform-eval", false, "resolve Terraform variables, tfvars, locals and pure functions in .tf files")
	c.Flags().StringArrayVar(&opts.VarFiles, "var-file", nil, "with --terraform-eval, a Terraform variable definitions file (repeatable)")
	c.Flags().BoolVar(&opts.Helm, "helm", true, "render Helm chart templates with their chart's values (--helm=false reads them as plain YAML)")
	c.Flags().BoolVar(&opts.Kustomize, "kustomize", true, "build kustomizations: a kustomization file's documents are itself and what it builds (--kustomize=false reads it as plain YAML)")
	c.Flags().StringVar(&opts.Config, "config", "", "configuration file for helm.render, helm.values and kustomize.render (default "+config.DefaultFile+" if it exists)")
	return c
}

type parsedDocument struct {
	File      string          `json:"file"`
	Index     int             `json:"index"`
	Range     parsers.Range   `json:"range"`
	Document  any             `json:"document"`
	Locations []parsers.Entry `json:"locations,omitempty"`
	// Origins are the places in other files where values are written
	// (what a kustomization builds), sorted by path.
	Origins []originEntry `json:"origins,omitempty"`
}

type originEntry struct {
	Pointer string `json:"path"`
	parsers.Origin
}

func runParse(_ context.Context, o *ParseOptions) error {
	reg := parsers.Default()
	if len(o.VarFiles) > 0 && !o.TerraformEval {
		return &usageError{fmt.Errorf("--var-file needs --terraform-eval")}
	}
	if o.TerraformEval {
		var err error
		if reg, err = tfeval.Wrap(reg, tfeval.Options{VarFiles: o.VarFiles}); err != nil {
			return err
		}
	}
	cfg, err := (&CheckOptions{Config: o.Config}).loadConfig()
	if err != nil {
		return err
	}
	if !o.helmSet {
		o.Helm = cfg.Helm.Render
	}
	if !o.kustomizeSet {
		o.Kustomize = cfg.Kustomize.Render
	}
	if o.Kustomize {
		if reg, err = withKustomize(reg, "", "", 0, nil); err != nil {
			return err
		}
	}
	var claim func(string) (parsers.Format, bool)
	if o.Helm {
		if reg, claim, err = withHelm(reg, "", helmValues(cfg), 0); err != nil {
			return err
		}
	}
	if o.Kustomize {
		claim = claimKustomizations(claim)
	}
	found, err := inputs.Collect(o.Files, inputs.Options{
		Registry: reg, Parser: o.Parser, Stdin: o.IO.In, StdinName: o.StdinFilename, Claim: claim,
	})
	if err != nil {
		return err
	}
	out := []parsedDocument{}
	for _, f := range found.Files {
		src := f.Content
		if src == nil {
			if src, err = readAll(f.Path); err != nil {
				return err
			}
		}
		docs, err := f.Parser.Parse(f.Name, src)
		if err != nil {
			return err
		}
		if pt, ok := f.Parser.(*kustomize.Patch); ok {
			// Say why a patch has no documents, and where they are.
			k := pt.Kustomization
			if wd, err := os.Getwd(); err == nil {
				k = inputs.DisplayName(wd, k)
			}
			fmt.Fprintf(o.IO.ErrOut, "infragate: %s is a patch that %s applies: it has no documents of its own (parse the kustomization to see what it builds)\n", f.Name, k)
		}
		for _, d := range docs {
			pd := parsedDocument{File: f.Name, Index: d.Index, Range: d.Range, Document: d.Value}
			if o.Locations {
				pd.Locations = d.Map.Entries()
				for _, ptr := range slices.Sorted(maps.Keys(d.Origins)) {
					pd.Origins = append(pd.Origins, originEntry{Pointer: ptr, Origin: d.Origins[ptr]})
				}
			}
			out = append(out, pd)
		}
	}
	enc := json.NewEncoder(o.IO.Out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if !o.Locations && len(out) == 1 {
		return enc.Encode(out[0].Document)
	}
	if !o.Locations {
		docs := make([]any, len(out))
		for i, d := range out {
			docs[i] = d.Document
		}
		return enc.Encode(docs)
	}
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}
