package parsers

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// CloudFormationParser reads AWS CloudFormation and SAM templates, YAML or
// JSON, as CloudFormation reads them: the short-form intrinsic functions
// of YAML templates become their long form, so policies see one shape
// whichever form the author wrote:
//
//	!Ref x                  {"Ref": "x"}
//	!GetAtt a.b             {"Fn::GetAtt": ["a", "b"]}   (also !GetAtt [a, b])
//	!Sub s, !Sub [s, {...}] {"Fn::Sub": ...}
//	!Condition c            {"Condition": "c"}
//	!Name v                 {"Fn::Name": v} for every other tag (!If, !Join,
//	                        !Select, !Split, !FindInMap, !Base64, !Cidr, !GetAZs,
//	                        !ImportValue, !Equals, !And, !Or, !Not, !Transform, ...)
//
// A scalar under a tag is a string (!GetAZs "" is {"Fn::GetAZs": ""}).
// Everything else is read as YAMLParser reads it (YAML 1.1, numbers as
// float64) or, for a file starting with "{", as JSONParser reads it.
//
// The YAML and JSON parsers recognise templates by content (looksLikeCFN),
// so this parser is needed only to force the format (--parser, stdin).
type CloudFormationParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *CloudFormationParser) ContentOnly() bool { return true }

// Parse implements Parser. Source map as YAMLParser's (or JSONParser's);
// the long-form key of an intrinsic ("/Ref", "/Fn::GetAtt") has the
// range of the tagged value.
func (p *CloudFormationParser) Parse(filename string, src []byte) ([]Document, error) {
	if trimmed := stripBOM(src); len(trimmed) > 0 {
		for _, c := range trimmed {
			if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
				continue
			}
			if c == '{' {
				return (&JSONParser{Limits: p.Limits}).Parse(filename, src)
			}
			break
		}
	}
	return parseYAML(filename, src, yamlOptions{limits: p.Limits, resolve: resolveYAML11, intrinsics: cfnForce})
}

// looksLikeCFN reports a template: a mapping with AWSTemplateFormatVersion,
// a SAM Transform, or Resources whose entries have a Type "AWS::...".
func looksLikeCFN(root *yaml.Node) bool {
	if root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "AWSTemplateFormatVersion":
			return true
		case "Transform":
			if v.Kind == yaml.ScalarNode && strings.HasPrefix(v.Value, "AWS::Serverless") {
				return true
			}
		case "Resources":
			if v.Kind == yaml.MappingNode && hasAWSResource(v) {
				return true
			}
		}
	}
	return false
}

func hasAWSResource(resources *yaml.Node) bool {
	for i := 1; i < len(resources.Content); i += 2 {
		r := resources.Content[i]
		if r.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(r.Content); j += 2 {
			if r.Content[j].Value == "Type" && r.Content[j+1].Kind == yaml.ScalarNode &&
				(strings.HasPrefix(r.Content[j+1].Value, "AWS::") || strings.HasPrefix(r.Content[j+1].Value, "Custom::")) {
				return true
			}
		}
	}
	return false
}

// LooksLikeCloudFormation reports whether a decoded document is a
// CloudFormation template (the same test the parsers apply to YAML nodes).
func LooksLikeCloudFormation(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	if _, ok := m["AWSTemplateFormatVersion"]; ok {
		return true
	}
	if t, ok := m["Transform"].(string); ok && strings.HasPrefix(t, "AWS::Serverless") {
		return true
	}
	res, _ := m["Resources"].(map[string]any)
	for _, r := range res {
		if rm, ok := r.(map[string]any); ok {
			if t, ok := rm["Type"].(string); ok && (strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "Custom::")) {
				return true
			}
		}
	}
	return false
}

// isIntrinsicTag reports a local tag such as !Ref (not !!str, not a
// verbatim or global tag).
func isIntrinsicTag(tag string) bool {
	return len(tag) > 1 && tag[0] == '!' && tag[1] != '!'
}

// intrinsic converts a node tagged with a short-form intrinsic.
func (c *yamlConv) intrinsic(n *yaml.Node, next, depth int) (any, error) {
	name := n.Tag[1:]
	key := "Fn::" + name
	if name == "Ref" || name == "Condition" {
		key = name
	}
	c.ptr.push(key)
	defer c.ptr.pop()
	var arg any
	switch {
	case n.Kind == yaml.ScalarNode && name == "GetAtt":
		parts := strings.SplitN(n.Value, ".", 2)
		list := make([]any, len(parts))
		for i, p := range parts {
			list[i] = p
		}
		arg = list
	case n.Kind == yaml.ScalarNode:
		arg = n.Value
	default:
		v, err := c.plain(n, next, depth+1)
		if err != nil {
			return nil, err
		}
		arg = v
	}
	c.sm.setHere(&c.ptr, c.rng(n.Line, n.Column, next))
	return map[string]any{key: arg}, nil
}
