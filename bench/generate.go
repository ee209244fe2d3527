package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Replicate writes factor copies of the listed files under dst: copy k
// goes to dst/rK/<path>, with its Terraform block labels (resource, data,
// module, output, variable) and Kubernetes metadata names given the suffix
// _rK / -rK, so the copies are distinct resources with the same shapes. It
// returns the new list, relative to dst.
func Replicate(root string, files []string, factor int, dst string) ([]string, error) {
	out := make([]string, 0, len(files)*factor)
	for k := range factor {
		for _, f := range files {
			src, err := os.ReadFile(filepath.Join(root, f))
			if err != nil {
				return nil, err
			}
			name := filepath.ToSlash(filepath.Join(fmt.Sprintf("r%d", k), f))
			if k > 0 {
				src = rename(f, src, k)
			}
			p := filepath.Join(dst, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, src, 0o644); err != nil {
				return nil, err
			}
			out = append(out, name)
		}
	}
	return out, nil
}

var (
	hclLabel = regexp.MustCompile(`(?m)^(\s*(?:resource|data)\s+"[^"]+"\s+)"([^"]+)"|^(\s*(?:module|output|variable)\s+)"([^"]+)"`)
	k8sName  = regexp.MustCompile(`(?m)^(metadata:[ \t]*\n(?:[ \t]+#.*\n)*([ \t]+)name:[ \t]*)("?)([A-Za-z0-9.\-_]+)("?)`)
)

// rename gives the resources of copy k their own names.
func rename(file string, src []byte, k int) []byte {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".tf":
		return hclLabel.ReplaceAllFunc(src, func(m []byte) []byte {
			sub := hclLabel.FindSubmatch(m)
			if sub[1] != nil {
				return fmt.Appendf(nil, `%s"%s_r%d"`, sub[1], sub[2], k)
			}
			return fmt.Appendf(nil, `%s"%s_r%d"`, sub[3], sub[4], k)
		})
	case ".yaml", ".yml":
		return k8sName.ReplaceAllFunc(src, func(m []byte) []byte {
			sub := k8sName.FindSubmatch(m)
			return bytes.Join([][]byte{sub[1], sub[3], sub[4], fmt.Appendf(nil, "-r%d", k), sub[5]}, nil)
		})
	}
	return src
}

// LargeYAML writes a multi-document Kubernetes YAML file of at least size
// bytes: Deployments with several hardened containers, one document in 20
// violating the usual rules (privileged, no limits, latest tag, no probes).
func LargeYAML(path string, size int) error {
	var b bytes.Buffer
	b.Grow(size + 4096)
	for i := 0; b.Len() < size; i++ {
		bad := i%20 == 0
		fmt.Fprintf(&b, "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-%d\n  namespace: team-%d\n  labels:\n    app: app-%d\nspec:\n  replicas: %d\n  selector:\n    matchLabels:\n      app: app-%d\n  template:\n    metadata:\n      labels:\n        app: app-%d\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n", i, i%17, i, 1+i%5, i, i)
		for c := range 3 {
			image := fmt.Sprintf("registry.example.com/app-%d:1.%d.%d", i, i%9, c)
			if bad {
				image = fmt.Sprintf("registry.example.com/app-%d:latest", i)
			}
			fmt.Fprintf(&b, "      - name: c%d\n        image: %s\n        imagePullPolicy: Always\n        ports:\n        - containerPort: %d\n", c, image, 8000+c)
			if bad {
				b.WriteString("        securityContext:\n          privileged: true\n")
			} else {
				b.WriteString("        securityContext:\n          runAsNonRoot: true\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n          capabilities:\n            drop: [ALL]\n")
				b.WriteString("        resources:\n          limits:\n            cpu: 500m\n            memory: 256Mi\n          requests:\n            cpu: 100m\n            memory: 128Mi\n")
				b.WriteString("        livenessProbe:\n          httpGet: {path: /healthz, port: 8080}\n        readinessProbe:\n          httpGet: {path: /ready, port: 8080}\n")
			}
			b.WriteString("        env:\n        - name: MODE\n          value: production\n        - name: LOG_LEVEL\n          value: info\n")
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// LargePlan writes a `terraform show -json` style plan of at least size
// bytes: S3 buckets and security groups in the root module and in nested
// modules, planned for create or update, some of them public.
func LargePlan(path string, size int) error {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString(`{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		addr, mod := fmt.Sprintf("aws_s3_bucket.logs_%d", i), ""
		if i%4 == 3 {
			mod = fmt.Sprintf("module.env_%d", i%11)
			addr = mod + "." + addr
			mod = fmt.Sprintf(`"module_address":%q,`, mod)
		}
		acl := "private"
		if i%6 == 0 {
			acl = "public-read"
		}
		actions := `["create"]`
		if i%2 == 1 {
			actions = `["update"]`
		}
		fmt.Fprintf(&b, `{"address":%q,%s"mode":"managed","type":"aws_s3_bucket","name":"logs_%d","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":%s,"before":null,"after":{"bucket":"logs-%d","acl":%q,"force_destroy":false,"tags":{"team":"t%d","env":"prod"},"server_side_encryption_configuration":[],"versioning":[{"enabled":%t,"mfa_delete":false}],"logging":[]},"after_unknown":{"id":true,"arn":true},"before_sensitive":false,"after_sensitive":{}}},`,
			addr, mod, i, actions, i, acl, i%13, i%3 != 0)
		fmt.Fprintf(&b, `{"address":"aws_security_group.sg_%d","mode":"managed","type":"aws_security_group","name":"sg_%d","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"name":"sg-%d","ingress":[{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":[%q],"description":"ssh"},{"from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["10.0.0.0/8"],"description":"https"}],"egress":[{"from_port":0,"to_port":0,"protocol":"-1","cidr_blocks":["0.0.0.0/0"]}]},"after_unknown":{"id":true},"before_sensitive":false,"after_sensitive":{}}}`,
			i, i, i, cidr(i))
	}
	b.WriteString(`]}`)
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func cidr(i int) string {
	if i%7 == 0 {
		return "0.0.0.0/0"
	}
	return fmt.Sprintf("10.%d.0.0/16", i%250)
}
