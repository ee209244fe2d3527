package tfeval

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// TestDynamicBlocks: a dynamic block whose for_each is known gets one
// content per element, evaluated with its iterator (nested dynamic blocks
// too, and a renamed iterator); an unknown for_each leaves the content
// with its iterator references unknown.
func TestDynamicBlocks(t *testing.T) {
	src := `variable "rules" {
  default = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "10.0.0.0/8" }]
}
resource "r" "known" {
  dynamic "ingress" {
    for_each = var.rules
    content {
      port = ingress.value.port
      cidr = [ingress.value.cidr]
      dynamic "tag" {
        for_each = toset(["a"])
        iterator = t
        content {
          v = "${t.value}-${ingress.key}"
        }
      }
    }
  }
}
resource "r" "unknown" {
  dynamic "ingress" {
    for_each = var.missing
    content {
      port = ingress.value.port
    }
  }
}
`
	files := []Source{{Name: "main.tf", Src: []byte(src)}}
	docs, err := (&parsers.HCLParser{}).Parse("main.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	NewModule(files, nil).Apply("main.tf", []byte(src), docs)
	res := docs[0].Value.(map[string]any)["resource"].(map[string]any)["r"].(map[string]any)
	got, err := json.Marshal([]any{
		res["known"].([]any)[0].(map[string]any)["dynamic"].(map[string]any)["ingress"].([]any)[0].(map[string]any)["content"],
		res["unknown"].([]any)[0].(map[string]any)["dynamic"].(map[string]any)["ingress"].([]any)[0].(map[string]any)["content"],
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `[[{"cidr":["0.0.0.0/0"],"dynamic":{"tag":[{"content":[{"v":"a-0"}],"for_each":["a"],"iterator":"${t}"}]},"port":22},` +
		`{"cidr":["10.0.0.0/8"],"dynamic":{"tag":[{"content":[{"v":"a-1"}],"for_each":["a"],"iterator":"${t}"}]},"port":443}],` +
		`[{"port":"${ingress.value.port}"}]]`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("contents (-want +got):\n%s", diff)
	}
}
