package tfeval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// TestOverrideFiles: the document of a primary file shows its blocks as
// Terraform merges them with the module's override files; the override
// files themselves and blocks they do not name are left as they are.
func TestOverrideFiles(t *testing.T) {
	dir := t.TempDir()
	mainTF := `resource "r" "web" {
  from_port   = 443
  cidr_blocks = ["0.0.0.0/0"]
  ingress {
    port = 1
  }
  dynamic "egress" {
    for_each = [1]
    content {}
  }
  lifecycle {
    prevent_destroy = true
    create_before_destroy = true
  }
}
resource "r" "other" { from_port = 443 }
module "m" { source = "./m" }
`
	writeFiles(t, dir, map[string]string{
		"main.tf": mainTF,
		"sg_override.tf": `variable "port" { default = 22 }
resource "r" "web" {
  from_port = var.port
  ingress {
    port = 2
  }
  ingress {
    port = 3
  }
  egress {}
  lifecycle {
    prevent_destroy = false
  }
}
resource "r" "absent" { from_port = 1 }
`,
		"z_override.tf.json": `{"module": {"m": {"source": "git::https://example.com/m"}}, "resource": {"r": {"web": [{"to_port": 23}]}}}`,
	})
	p, err := NewParser(&parsers.HCLParser{}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := p.Parse("main.tf", []byte(mainTF))
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(docs[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"module":{"m":[{"source":"git::https://example.com/m"}]},"resource":{"r":{"other":[{"from_port":443}],"web":[{"cidr_blocks":["0.0.0.0/0"],"dynamic":{},"egress":[{}],"from_port":22,"ingress":[{"port":2},{"port":3}],"lifecycle":[{"create_before_destroy":true,"prevent_destroy":false}],"to_port":23}]}}}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("merged document (-want +got):\n%s", diff)
	}

	// The override file is judged as written.
	src, err := os.ReadFile(filepath.Join(dir, "sg_override.tf"))
	if err != nil {
		t.Fatal(err)
	}
	odocs, err := p.Parse("sg_override.tf", src)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := odocs[0].Value.(map[string]any)["resource"].(map[string]any)["r"].(map[string]any)["web"].([]any)[0].(map[string]any)["cidr_blocks"]; ok {
		t.Errorf("the override file's document got the primary file's arguments")
	}
}
