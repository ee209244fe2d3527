package tfeval

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"
)

// TestTerraformFunctions checks Terraform's own functions (tffuncs.go)
// against the results Terraform documents, and that their errors are
// errors (try() takes its fallback, "error"), not unknown values.
func TestTerraformFunctions(t *testing.T) {
	tests := []struct {
		expr string
		want any
	}{
		{`base64encode("public-read")`, "cHVibGljLXJlYWQ="},
		{`base64decode("cHVibGljLXJlYWQ=")`, "public-read"},
		{`try(base64decode("not base64"), "error")`, "error"},
		{`try(base64decode("/w=="), "error")`, "error"}, // 0xff is not UTF-8
		{`try(base64encode(["a"]), "error")`, "error"},
		{`urlencode("foo:bar@localhost?foo=bar&bar=baz")`, "foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz"},
		{`urlencode("Hello World! ☃")`, "Hello+World%21+%E2%98%83"},
		{`md5("hello world")`, "5eb63bbbe01eeed093cb22bb8f5acdc3"},
		{`sha1("hello world")`, "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"},
		{`sha256("hello world")`, "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"},
		{`sha512("hello world")`, "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f"},
		{`base64sha256("hello world")`, "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="},
		{`base64sha512("hello world")`, "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=="},
		{`try(sha256({a = 1}), "error")`, "error"},
		{`uuidv5("dns", "www.terraform.io")`, "a5008fae-b28c-5ba5-96cd-82b4c53552d6"},
		{`uuidv5("url", "https://www.terraform.io/")`, "9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"},
		{`uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")`, "a5008fae-b28c-5ba5-96cd-82b4c53552d6"},
		{`try(uuidv5("nope", "x"), "error")`, "error"},
		{`[strcontains("hello world", "wor"), strcontains("hello world", "wod")]`, []any{true, false}},
		{`[startswith("hello world", "hello"), startswith("hello world", "world")]`, []any{true, false}},
		{`[endswith("hello world", "world"), endswith("hello world", "hello")]`, []any{true, false}},
		{`try(startswith(null, "x"), "error")`, "error"},
		{`[alltrue([]), alltrue(["true", true]), alltrue([true, false]), alltrue([true, null])]`, []any{true, true, false, false}},
		{`[anytrue([]), anytrue([false, "true"]), anytrue([false, null])]`, []any{false, true, false}},
		{`try(alltrue(["yes"]), "error")`, "error"},
		{`[one([]), one(["hello"]), one(toset(["x"]))]`, []any{nil, "hello", "x"}},
		{`try(one([1, 2]), "error")`, "error"},
		{`try(one("x"), "error")`, "error"},
		{`[sum([10, 13, 6, 4.5]), sum(toset([1, 2])), sum(["1", 2])]`, []any{num("33.5"), num("3"), num("3")}},
		{`try(sum([]), "error")`, "error"},
		{`try(sum(["a"]), "error")`, "error"},
		{`try(sum([1, null]), "error")`, "error"},
		{`transpose({a = ["1", "2"], b = ["2", "3"]})`, map[string]any{"1": []any{"a"}, "2": []any{"a", "b"}, "3": []any{"b"}}},
		{`transpose({})`, map[string]any{}},
		{`try(transpose({a = "x"}), "error")`, "error"},
		{`matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])`, []any{"i-abc", "i-def"}},
		{`matchkeys(["a"], ["x"], [])`, []any{}},
		{`try(matchkeys(["a", "b"], ["x"], ["x"]), "error")`, "error"},
		{`[cidrhost("10.12.112.0/20", 16), cidrhost("10.12.112.0/20", 268), cidrhost("fd00:fd12:3456:7890:00a2::/72", 34), cidrhost("10.0.0.0/30", -1)]`,
			[]any{"10.12.112.16", "10.12.113.12", "fd00:fd12:3456:7890::22", "10.0.0.3"}},
		{`cidrhost("010.000.0.0/8", 1)`, "10.0.0.1"}, // Terraform's parser reads leading zeros as decimal
		{`try(cidrhost("10.0.0.0/30", 4), "error")`, "error"},
		{`try(cidrhost("10.0.0.0/33", 1), "error")`, "error"},
		{`try(cidrhost("10.0.0.0/8", 1.5), "error")`, "error"},
		{`cidrnetmask("172.16.0.0/12")`, "255.240.0.0"},
		{`try(cidrnetmask("fd00::/8"), "error")`, "error"},
		{`[cidrsubnet("172.16.0.0/12", 4, 2), cidrsubnet("10.1.2.0/24", 4, 15), cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)]`,
			[]any{"172.18.0.0/16", "10.1.2.240/28", "fd00:fd12:3456:7800:a200::/72"}},
		{`try(cidrsubnet("10.0.0.0/24", 9, 0), "error")`, "error"},
		{`try(cidrsubnet("10.0.0.0/24", 2, 4), "error")`, "error"},
		{`cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)`, []any{"10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"}},
		{`cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)`,
			[]any{"fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88"}},
		{`cidrsubnets("10.0.0.0/16")`, []any{}},
		{`try(cidrsubnets("10.0.0.0/24", 1, 1, 1), "error")`, "error"},
		{`try(cidrsubnets("10.0.0.0/24", 0), "error")`, "error"},
		{`try(cidrsubnets("10.0.0.0/24", 9), "error")`, "error"},
		{`try(base64gzip(["a"]), "error")`, "error"},
		{`textencodebase64("Hello World", "UTF-16LE")`, "SABlAGwAbABvACAAVwBvAHIAbABkAA=="},
		{`textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")`, "Hello World"},
		{`textencodebase64("é", "latin1")`, "6Q=="},
		{`try(textencodebase64("☃", "ISO-8859-1"), "error")`, "error"},
		{`try(textencodebase64("x", "no-such-encoding"), "error")`, "error"},
		{`try(textdecodebase64("#", "UTF-8"), "error")`, "error"},
		{`yamldecode("hello: world")`, map[string]any{"hello": "world"}},
		{`yamldecode("true")`, true},
		{`yamldecode("{a: &foo [1, 2, 3], b: *foo}")`, map[string]any{"a": []any{num("1"), num("2"), num("3")}, "b": []any{num("1"), num("2"), num("3")}}},
		{`yamldecode("acl: public-read\nversioning: {enabled: false}")["acl"]`, "public-read"},
		{`try(yamldecode("a: [unclosed"), "error")`, "error"},
		{`yamlencode({"a" = "b", "c" = "d"})`, "\"a\": \"b\"\n\"c\": \"d\"\n"},
		{`yamlencode(["public-read"])`, "- \"public-read\"\n"},
		{`[timecmp("2017-11-22T00:00:00Z", "2017-11-22T00:00:00Z"), timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z"), timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00Z"), timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00-01:00")]`,
			[]any{num("0"), num("-1"), num("1"), num("0")}},
		{`try(timecmp("2017-11-22", "2017-11-22T00:00:00Z"), "error")`, "error"},
		{`[basename("foo/bar/baz.txt"), basename("/"), dirname("foo/bar/baz.txt"), dirname("baz.txt")]`, []any{"baz.txt", "/", "foo/bar", "."}},
		{`[sensitive("public-read"), nonsensitive("public-read")]`, []any{"public-read", "public-read"}},
		{`sensitive({acl = "public-read"}).acl`, "public-read"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got := evalFile(t, map[string]string{"main.tf": `resource "t" "t" { v = ` + tt.expr + ` }`}, nil, resPath...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBase64Gzip checks that base64gzip's result is the gzip of its
// argument, in base64.
func TestBase64Gzip(t *testing.T) {
	got := evalFile(t, map[string]string{"main.tf": `resource "t" "t" { v = base64gzip("public-read") }`}, nil, resPath...)
	s, ok := got.(string)
	if !ok {
		t.Fatalf("base64gzip = %v, want a string", got)
	}
	z, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil || string(plain) != "public-read" {
		t.Errorf("gunzip = %q, %v; want public-read", plain, err)
	}
}

// TestTerraformFunctionsCharge checks that Terraform's own functions pay
// for the arguments they read, not only for their (small) results.
func TestTerraformFunctionsCharge(t *testing.T) {
	big := cty.StringVal(strings.Repeat("x", 128<<10))
	for _, name := range []string{"sha256", "md5", "base64sha512", "base64decode"} {
		b := &budget{total: totalLimit}
		b.begin()
		if _, err := functions(b)[name].Call([]cty.Value{big}); err != nil && name != "base64decode" {
			t.Fatalf("%s: %v", name, err)
		}
		if spent := valueLimit - b.left; spent < (128<<10)/64 {
			t.Errorf("%s of 128 KiB charged %d units, want at least %d", name, spent, (128<<10)/64)
		}
	}
	b := &budget{total: totalLimit}
	b.begin()
	keys := make([]cty.Value, 300)
	for i := range keys {
		keys[i] = cty.NumberIntVal(int64(i))
	}
	l := cty.ListVal(keys)
	if _, err := functions(b)["matchkeys"].Call([]cty.Value{l, l, l}); err != nil {
		t.Fatal(err)
	}
	if spent := valueLimit - b.left; spent < 300*300 {
		t.Errorf("matchkeys of 300 keys against 300 charged %d units, want at least %d", spent, 300*300)
	}
}

// TestTerraformFunctionsParse is the report's repro: a public ACL behind
// base64decode reaches the policies.
func TestTerraformFunctionsParse(t *testing.T) {
	runParseCases(t, []parseCase{{
		name:  "base64decode",
		files: map[string]string{"z.tf": "resource \"b\" \"b\" {\n  acl = base64decode(\"cHVibGljLXJlYWQ=\")\n}\n"},
		parse: "z.tf",
		acl:   "public-read",
	}, {
		name:  "sensitive",
		files: map[string]string{"z.tf": "resource \"b\" \"b\" {\n  acl = sensitive(\"public-read\")\n}\n"},
		parse: "z.tf",
		acl:   "public-read",
	}, {
		name:  "yamldecode of a settings string",
		files: map[string]string{"z.tf": "locals {\n  s = yamldecode(\"acl: public-read\")\n}\nresource \"b\" \"b\" {\n  acl = local.s.acl\n}\n"},
		parse: "z.tf",
		acl:   "public-read",
	}, {
		name:  "a hash the policy compares",
		files: map[string]string{"z.tf": "resource \"b\" \"b\" {\n  acl = startswith(sha256(\"x\"), \"2d711642\") ? \"public-read\" : \"private\"\n}\n"},
		parse: "z.tf",
		acl:   "public-read",
	}})
}
