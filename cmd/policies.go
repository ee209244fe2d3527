package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/engine"
)

// PoliciesOptions are the inputs of `infragate policies`.
type PoliciesOptions struct {
	IO IO
	// Policies, Builtin, Namespaces, AllNamespaces, RegoVersion and
	// Config select the policies as `infragate check` does (the same
	// flags, defaults and configuration file).
	Policies      []string
	Builtin       bool
	Namespaces    []string
	AllNamespaces bool
	// Data are -d files, loaded as check loads them (so that a command
	// line copied from check works, and a broken data file is reported).
	Data        []string
	RegoVersion string
	Config      string
	Output      string
	Show        string // rule id for `show`
}

// checkOptions are the options check would run with, for the policy
// selection check makes (CheckOptions.engineOptions).
func (o *PoliciesOptions) checkOptions() *CheckOptions {
	return &CheckOptions{
		IO: o.IO, Policies: o.Policies, Builtin: o.Builtin, Namespaces: o.Namespaces,
		AllNamespaces: o.AllNamespaces, Data: o.Data, RegoVersion: o.RegoVersion, Config: o.Config,
		Timeout: engine.DefaultTimeout,
	}
}

// NewCmdPolicies builds `infragate policies [list|show ID]`.
func NewCmdPolicies(stdio IO) *cobra.Command {
	opts := &PoliciesOptions{IO: stdio}
	c := &cobra.Command{
		Use:   "policies [list | show ID]",
		Short: "List the loaded rules, or show one rule's documentation",
		Long: `List the rules "infragate check" evaluates in this directory, chosen as check
chooses them: --policy, else the configuration's policies (see --config),
else ./policy if it exists (as conftest does), else the built-in library;
--builtin adds the library; --namespace and --all-namespaces select the
packages of your own policies. "show ID" prints one rule's full
documentation: description, severity, remediation and references.`,
		Args: usageArgs(cobra.MaximumNArgs(2)),
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case len(args) == 0 || args[0] == "list" && len(args) == 1:
			case args[0] == "show" && len(args) == 2:
				opts.Show = args[1]
			default:
				return &usageError{fmt.Errorf("usage: infragate policies [list | show ID]")}
			}
			switch opts.Output {
			case "text", "json", "markdown":
			default:
				return &usageError{fmt.Errorf("unknown output format %q (known: json, markdown, text)", opts.Output)}
			}
			return runPolicies(c.Context(), opts)
		},
	}
	f := c.Flags()
	f.StringArrayVarP(&opts.Policies, "policy", "p", nil, "policy file or directory (repeatable); default as in check")
	f.BoolVar(&opts.Builtin, "builtin", false, "list the built-in library next to your policies")
	f.StringArrayVarP(&opts.Namespaces, "namespace", "n", nil, "package glob of your policies to list (repeatable; default: the configuration's namespaces, else main)")
	f.BoolVar(&opts.AllNamespaces, "all-namespaces", false, "list every package of your policies")
	f.StringArrayVarP(&opts.Data, "data", "d", nil, "JSON or YAML data file or directory, loaded as check loads it (repeatable)")
	f.StringVar(&opts.Config, "config", "", "gate configuration file (default "+config.DefaultFile+" if it exists)")
	f.StringVarP(&opts.Output, "output", "o", "text", "output format: text, json, markdown")
	f.StringVar(&opts.RegoVersion, "rego-version", "v1", "Rego syntax of your policies: v0 or v1")
	return c
}

func runPolicies(ctx context.Context, o *PoliciesOptions) error {
	co := o.checkOptions()
	if err := co.validate(); err != nil {
		return &usageError{err}
	}
	if _, err := co.loadConfig(); err != nil {
		return err
	}
	if err := co.checkConfigPolicies(); err != nil {
		return err
	}
	eopts := co.engineOptions()
	eng, err := engine.New(ctx, eopts)
	if err != nil {
		return err
	}
	noteUnselected(o.IO.ErrOut, eng.Unselected(), eopts.Namespaces)
	noteMetadata(o.IO.ErrOut, eng.Rules())
	rules := eng.Rules()
	if o.Show != "" {
		for _, r := range rules {
			if r.ID == o.Show {
				return showRule(o.IO.Out, r, o.Output)
			}
		}
		return fmt.Errorf("no rule with id %q (see infragate policies list)", o.Show)
	}
	switch o.Output {
	case "json":
		return writeJSON(o.IO.Out, rules)
	case "markdown":
		_, err := io.WriteString(o.IO.Out, RulesMarkdown(rules))
		return err
	}
	tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE\tPACKAGE\tRULE\tFILE")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, orDash(r.Severity), orDash(r.Title), r.Package, r.Name, ruleWhere(r))
	}
	return tw.Flush()
}

func showRule(w io.Writer, r engine.Rule, format string) error {
	if format == "json" {
		return writeJSON(w, r)
	}
	fmt.Fprintf(w, "%s: %s\n\n", r.ID, orDash(r.Title))
	fmt.Fprintf(w, "Severity:    %s\n", orDash(r.Severity))
	if r.Enforcement != "" {
		fmt.Fprintf(w, "Enforcement: %s\n", r.Enforcement)
	}
	fmt.Fprintf(w, "Rule:        data.%s.%s (%s)\n", r.Package, r.Name, ruleWhere(r))
	if r.Description != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(r.Description))
	}
	if r.Remediation != "" {
		fmt.Fprintf(w, "\nRemediation:\n%s\n", indent(r.Remediation, "  "))
	}
	if len(r.RelatedIDs) > 0 {
		fmt.Fprintf(w, "\nRelated rules: %s\n", strings.Join(r.RelatedIDs, ", "))
	}
	if len(r.URLs) > 0 {
		fmt.Fprintln(w, "\nReferences:")
		for _, u := range r.URLs {
			fmt.Fprintf(w, "  %s\n", u)
		}
	}
	return nil
}

// RulesMarkdown renders the rule catalogue as the Markdown table the
// README carries (generated, and checked in tests so it cannot drift).
func RulesMarkdown(rules []engine.Rule) string {
	var b strings.Builder
	b.WriteString("| id | severity | title |\n|---|---|---|\n")
	for _, r := range rules {
		title := strings.ReplaceAll(r.Title, "|", `\|`)
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.ID, orDash(r.Severity), title)
	}
	return b.String()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ruleWhere is the file:line a rule is (first) defined at.
func ruleWhere(r engine.Rule) string { return fileLine(r.File, r.Line) }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
