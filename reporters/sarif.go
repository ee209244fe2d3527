package reporters

import (
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/infragate/infragate/engine"
)

// SARIF constants.
const (
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	// InformationURI is where infragate is documented.
	InformationURI = "https://github.com/infragate/infragate"
	// FingerprintKey names infragate's fingerprint in SARIF partialFingerprints.
	FingerprintKey = "infragateFingerprint/v2"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Severity         string   `json:"severity,omitempty"`
	Enforcement      string   `json:"enforcement,omitempty"`
	Package          string   `json:"package,omitempty"`
	Tags             []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifLocation struct {
	ID               int                   `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
	EndLine   int `json:"endLine"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifResultProps struct {
	Level       engine.Level `json:"infragateLevel"`
	Rule        string       `json:"rule,omitempty"`
	Severity    string       `json:"severity,omitempty"`
	Blocking    bool         `json:"blocking"`
	Enforcement string       `json:"enforcement,omitempty"`
	Note        string       `json:"note,omitempty"`
	Resource    string       `json:"resource,omitempty"`
	Path        string       `json:"path,omitempty"`
	Document    int          `json:"document"`
}

// SARIF writes a SARIF 2.1.0 log that GitHub code scanning accepts: one
// run, the rule catalogue in tool.driver.rules (with a generated entry for
// every finding id that has no metadata, such as parse-error), and one
// result per finding with a relative artifact URI, its lines and a
// line-independent fingerprint.
//
// Result levels follow the gate, so that code scanning never disagrees with
// it: a blocking failure is "error"; a failure that does not block
// (advisory) and a warning are "warning"; an exception is "note". A waived
// failure keeps "error" but, like an exception, carries a SARIF
// suppression, which closes the alert in code scanning instead of hiding
// the result. Rules with a critical, high, medium or low severity get
// GitHub's security-severity (9.0, 7.0, 4.0, 2.0) and the "security" tag.
func SARIF(w io.Writer, r *engine.Report, opts Options) error {
	fs := sorted(r)
	rules, index, policyFiles := sarifRules(r, fs)
	results := make([]sarifResult, 0, len(fs))
	repeated := repeats(fs)
	for i, f := range fs {
		if f.File == "" {
			// GitHub needs a location: point a result that has no file
			// (such as an evaluation error over combined input) at the
			// policy that produced it, when known.
			f.File, f.StartLine, f.EndLine = policyFiles[f.RuleID()], 0, 0
		}
		results = append(results, sarifResultFor(f, repeated[i], index[f.RuleID()], opts))
	}
	driver := sarifDriver{Name: "infragate", InformationURI: InformationURI, Rules: rules}
	if v := strings.TrimPrefix(opts.ToolVersion, "v"); v != "" {
		driver.Version = opts.ToolVersion
		if isSemver(v) {
			driver.SemanticVersion = v
		}
	}
	return encodeJSON(w, sarifLog{
		Schema:  sarifSchemaURI,
		Version: sarifVersion,
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	})
}

// sarifResultFor converts one finding, the given occurrence of its
// fingerprint (see repeats).
func sarifResultFor(f engine.Finding, occurrence, ruleIndex int, opts Options) sarifResult {
	res := sarifResult{
		RuleID:              f.RuleID(),
		RuleIndex:           ruleIndex,
		Level:               sarifLevel(f),
		Message:             sarifMessage{Text: message(f)},
		PartialFingerprints: map[string]string{FingerprintKey: reportFingerprint(f, occurrence)},
		Properties: sarifResultProps{
			Level: f.Level, Rule: f.Rule, Severity: f.Severity, Blocking: f.Blocking,
			Enforcement: f.Enforcement, Note: f.Note, Resource: f.Resource, Path: f.Path, Document: f.Document,
		},
	}
	if f.File != "" {
		loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: sarifArtifactLocation{URI: artifactURI(inRepository(f.File, opts.Base), opts.Root)},
		}}
		if f.StartLine > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.StartLine, EndLine: endLine(f)}
		}
		res.Locations = []sarifLocation{loc}
	}
	if o := f.Origin; o != nil {
		// Where the value is written (a base manifest, a patch, a
		// values file): the place to change.
		res.RelatedLocations = []sarifLocation{{
			ID: 1,
			PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: sarifArtifactLocation{URI: artifactURI(inRepository(o.File, opts.Base), opts.Root)},
				Region:           &sarifRegion{StartLine: max(o.StartLine, 1), EndLine: max(o.EndLine, o.StartLine, 1)},
			},
			Message: &sarifMessage{Text: "where the value is written"},
		}}
	}
	switch {
	case f.Level == engine.LevelException:
		res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: "excepted by a policy exception rule"}}
	case waived(f):
		kind := "external"
		if f.Waiver.Source == "inline" {
			kind = "inSource"
		}
		res.Suppressions = []sarifSuppression{{Kind: kind, Status: "accepted", Justification: waiverText(f.Waiver)}}
	}
	return res
}

// sarifLevel maps a finding to a SARIF result level (see SARIF).
func sarifLevel(f engine.Finding) string {
	switch {
	case f.Level == engine.LevelException:
		return "note"
	case f.Level == engine.LevelWarning:
		return "warning"
	case f.Level == engine.LevelFailure && !f.Blocking && !waived(f):
		return "warning"
	default:
		return "error"
	}
}

// securitySeverity maps a severity name to GitHub's security-severity score.
func securitySeverity(severity string) string {
	switch strings.ToLower(severity) {
	case "critical":
		return "9.0"
	case "high":
		return "7.0"
	case "medium", "moderate":
		return "4.0"
	case "low":
		return "2.0"
	}
	return ""
}

// sarifRules builds the rule catalogue: every rule of the report plus one
// entry for each finding id without metadata. It returns the rules sorted by
// id, the index of each id and the policy file of each id, when known.
func sarifRules(r *engine.Report, fs []engine.Finding) ([]sarifRule, map[string]int, map[string]string) {
	byID := map[string]engine.Rule{}
	if r != nil {
		for _, rule := range r.Rules {
			if _, dup := byID[rule.ID]; !dup && rule.ID != "" {
				byID[rule.ID] = rule
			}
		}
	}
	for _, f := range fs {
		id := f.RuleID()
		if _, ok := byID[id]; ok {
			continue
		}
		byID[id] = syntheticRule(f)
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rules := make([]sarifRule, 0, len(ids))
	index := make(map[string]int, len(ids))
	files := make(map[string]string, len(ids))
	for i, id := range ids {
		index[id] = i
		files[id] = byID[id].File
		rules = append(rules, sarifRuleFor(byID[id]))
	}
	return rules, index, files
}

// syntheticRule describes a finding id that has no rule metadata.
func syntheticRule(f engine.Finding) engine.Rule {
	rule := engine.Rule{ID: f.RuleID(), Title: f.Title, Severity: f.Severity}
	switch f.ID {
	case engine.IDParseError:
		rule.Title = "File could not be parsed"
		rule.Description = "The file has a syntax error, so no policy could be evaluated on it. A file that cannot be checked blocks the change."
		rule.Remediation = "Fix the syntax error at the reported line."
	case engine.IDEvalError:
		rule.Title = "Policy evaluation failed"
		rule.Description = "A policy could not be evaluated on this file (a builtin error or a timeout), so its result is unknown. An unknown result blocks the change."
		rule.Remediation = "Read the message for the failing policy and fix the policy or the input it cannot handle."
	}
	if pkg, name, ok := splitRuleRef(f.Rule); ok {
		rule.Package, rule.Name = pkg, name
	}
	return rule
}

// splitRuleRef splits "data.main.deny" into "main" and "deny".
func splitRuleRef(ref string) (pkg, name string, ok bool) {
	ref = strings.TrimPrefix(ref, "data.")
	i := strings.LastIndexByte(ref, '.')
	if i <= 0 {
		return "", "", false
	}
	return ref[:i], ref[i+1:], true
}

// sarifRuleFor converts rule metadata to a SARIF reportingDescriptor.
func sarifRuleFor(rule engine.Rule) sarifRule {
	short := firstNonEmpty(rule.Title, rule.ID)
	full := firstNonEmpty(rule.Description, short)
	level := "error"
	if strings.HasPrefix(rule.Name, "warn") {
		level = "warning"
	}
	out := sarifRule{
		ID:                   rule.ID,
		Name:                 camelName(firstNonEmpty(rule.Title, rule.ID)),
		ShortDescription:     sarifMessage{Text: oneLine(short)},
		FullDescription:      sarifMessage{Text: full},
		Help:                 sarifHelp(rule, short, full),
		DefaultConfiguration: sarifConfiguration{Level: level},
		Properties: sarifRuleProps{
			SecuritySeverity: securitySeverity(rule.Severity),
			Severity:         rule.Severity,
			Enforcement:      rule.Enforcement,
			Package:          rule.Package,
			Tags:             []string{"iac"},
		},
	}
	if out.Properties.SecuritySeverity != "" {
		// GitHub reads security-severity only for rules tagged "security".
		out.Properties.Tags = append(out.Properties.Tags, "security")
	}
	if rule.ID == engine.IDParseError || rule.ID == engine.IDEvalError {
		out.Properties.Tags = append(out.Properties.Tags, "infragate-error")
	}
	for _, u := range rule.URLs {
		if isWebURL(u) {
			out.HelpURI = u
			break
		}
	}
	return out
}

// sarifHelp renders a rule's help in text and Markdown: what it checks,
// how to fix it and where to read more.
func sarifHelp(rule engine.Rule, short, full string) sarifMessage {
	var text, md strings.Builder
	text.WriteString(full)
	md.WriteString("**" + escapeMarkdownInline(short) + "**")
	if full != short {
		md.WriteString("\n\n" + escapeMarkdownBlock(full))
	}
	if rule.Remediation != "" {
		text.WriteString("\n\nRemediation: " + rule.Remediation)
		md.WriteString("\n\n**Remediation:** " + escapeMarkdownBlock(rule.Remediation))
	}
	var links []string
	for _, u := range rule.URLs {
		if isWebURL(u) {
			links = append(links, u)
		}
	}
	if len(links) > 0 {
		text.WriteString("\n\nSee: " + strings.Join(links, ", "))
		md.WriteString("\n\nSee:")
		for _, u := range links {
			md.WriteString("\n- <" + u + ">")
		}
	}
	return sarifMessage{Text: text.String(), Markdown: md.String()}
}

// isWebURL reports whether s is an absolute http(s) URL safe to link.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" &&
		!strings.ContainsAny(s, " <>\"`\n\r\t")
}

// camelName turns a title into a SARIF rule name ("S3 bucket is public" ->
// "S3BucketIsPublic").
func camelName(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			if upper {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			upper = false
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			upper = false
		default:
			upper = true
		}
	}
	if b.Len() == 0 {
		return "Rule"
	}
	return b.String()
}

// artifactURI turns a finding's file into a SARIF artifact URI: a relative
// URI reference with forward slashes and percent-encoded segments, or a
// file:// URI for an absolute path outside root.
func artifactURI(file, root string) string {
	p := file
	if root != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(root, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	p = strings.ReplaceAll(filepath.ToSlash(p), `\`, "/")
	abs := strings.HasPrefix(p, "/") || hasDriveLetter(p)
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if abs && i == 0 && hasDriveLetter(p) {
			continue // keep "C:" as it is in file:///C:/...
		}
		segs[i] = escapeURISegment(s)
	}
	p = strings.Join(segs, "/")
	switch {
	case hasDriveLetter(file) || hasDriveLetter(p):
		return "file:///" + p
	case abs:
		return "file://" + p
	}
	return p
}

func hasDriveLetter(p string) bool {
	return len(p) >= 2 && p[1] == ':' && (p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z')
}

// escapeURISegment percent-encodes everything but RFC 3986 unreserved
// characters, so spaces, unicode, '%', '#', '?' and ':' cannot change the
// meaning of the URI.
func escapeURISegment(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// isSemver reports whether v looks like MAJOR.MINOR.PATCH[-pre][+build].
func isSemver(v string) bool {
	core, _, _ := strings.Cut(v, "+")
	core, _, _ = strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
