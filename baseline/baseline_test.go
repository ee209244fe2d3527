package baseline

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/infragate/infragate/engine"
)

func finding(id, file, resource string, line int, msg string) engine.Finding {
	return engine.Finding{
		Level: engine.LevelFailure, ID: id, Rule: "data.main.deny", Message: msg,
		File: file, StartLine: line, EndLine: line + 2, Resource: resource, Blocking: true,
	}
}

func TestFingerprint(t *testing.T) {
	base := finding("IG-1", "infra/main.tf", "aws_s3_bucket.logs", 10, "bucket is public")
	fp := Fingerprint(base)
	if !isFingerprint(fp) {
		t.Fatalf("Fingerprint = %q, want 64 lowercase hex digits", fp)
	}
	same := func(f engine.Finding) engine.Finding { return f }
	tests := []struct {
		name   string
		change func(engine.Finding) engine.Finding
		equal  bool
	}{
		{"identical", same, true},
		{"lines moved", func(f engine.Finding) engine.Finding {
			f.StartLine, f.EndLine = 40, 45
			return f
		}, true},
		{"blocking and notes decided later", func(f engine.Finding) engine.Finding {
			f.Blocking, f.Note, f.Enforcement = false, "not in scope", "advisory"
			return f
		}, true},
		{"message reworded (resource known)", func(f engine.Finding) engine.Finding {
			f.Message = "bucket allows public reads"
			return f
		}, true},
		{"unclean path", func(f engine.Finding) engine.Finding { f.File = "./infra//main.tf"; return f }, true},
		{"another file", func(f engine.Finding) engine.Finding { f.File = "infra/other.tf"; return f }, false},
		{"another resource", func(f engine.Finding) engine.Finding { f.Resource = "aws_s3_bucket.data"; return f }, false},
		{"another rule", func(f engine.Finding) engine.Finding { f.ID = "IG-2"; return f }, false},
		{"rule name without id", func(f engine.Finding) engine.Finding { f.ID = ""; return f }, false},
		{"resource as path", func(f engine.Finding) engine.Finding {
			f.Path, f.Resource = f.Resource, ""
			return f
		}, false},
		{"field boundary shifted", func(f engine.Finding) engine.Finding {
			f.ID, f.File = "IG-1infra", "/main.tf"
			return f
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fingerprint(tt.change(base))
			if (got == fp) != tt.equal {
				t.Errorf("fingerprint equal = %v, want %v", got == fp, tt.equal)
			}
		})
	}

	// Without a resource: the data path and document count, lines do not.
	doc := engine.Finding{ID: "K-1", File: "k8s.yaml", Path: "/spec/containers/0", Document: 1, StartLine: 5}
	moved := doc
	moved.StartLine = 50
	otherDoc := doc
	otherDoc.Document = 2
	if Fingerprint(doc) != Fingerprint(moved) {
		t.Errorf("path fingerprint changed with the line")
	}
	if Fingerprint(doc) == Fingerprint(otherDoc) {
		t.Errorf("path fingerprint matches another document of the file")
	}
	msg := engine.Finding{ID: "K-1", File: "k8s.yaml", Message: "a"}
	msg2 := msg
	msg2.Message = "b"
	if Fingerprint(msg) == Fingerprint(msg2) {
		t.Errorf("message-only findings with different messages share a fingerprint")
	}
}

func report(fs ...engine.Finding) *engine.Report {
	r := &engine.Report{Findings: fs}
	r.Count()
	return r
}

func TestRoundTrip(t *testing.T) {
	old := report(
		finding("IG-1", "b.tf", "aws_s3_bucket.b", 3, "public <bucket> & co"),
		finding("IG-1", "a.tf", "aws_s3_bucket.a", 7, "public bucket"),
		engine.Finding{Level: engine.LevelWarning, ID: "IG-9", File: "a.tf", Resource: "aws_instance.x", Message: "old AMI", StartLine: 20},
		engine.Finding{Level: engine.LevelFailure, ID: engine.IDParseError, File: "broken.tf", Message: "syntax error", StartLine: 1, Blocking: true},
		engine.Finding{Level: engine.LevelException, ID: "IG-3", File: "a.tf", Message: "excepted", StartLine: 2},
	)
	var buf bytes.Buffer
	if err := Write(&buf, old); err != nil {
		t.Fatal(err)
	}
	// Deterministic: the findings in another order give the same bytes.
	shuffled := report(old.Findings[4], old.Findings[2], old.Findings[0], old.Findings[3], old.Findings[1])
	var buf2 bytes.Buffer
	if err := Write(&buf2, shuffled); err != nil {
		t.Fatal(err)
	}
	if buf.String() != buf2.String() {
		t.Errorf("Write depends on finding order:\n%s\nvs\n%s", buf.String(), buf2.String())
	}
	for _, want := range []string{`"version": 1`, `"message": "public <bucket> & co"`, `"resource": "aws_s3_bucket.a"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("baseline file lacks %s:\n%s", want, buf.String())
		}
	}
	if strings.Contains(buf.String(), "syntax error") || strings.Contains(buf.String(), "excepted") {
		t.Errorf("baseline records an error or exception:\n%s", buf.String())
	}

	name := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(name)
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{"a.tf", "a.tf", "b.tf"}
	var gotFiles []string
	for _, e := range b.Findings {
		gotFiles = append(gotFiles, e.File)
	}
	if diff := cmp.Diff(wantFiles, gotFiles); diff != "" {
		t.Errorf("loaded entries (-want +got):\n%s", diff)
	}

	// A later run: everything moved down by 30 lines, one new problem on a
	// baselined resource, the same rule failing in another file and on
	// another resource.
	now := report(
		finding("IG-1", "b.tf", "aws_s3_bucket.b", 33, "public <bucket> & co"),
		finding("IG-1", "a.tf", "aws_s3_bucket.a", 37, "public bucket"),
		finding("IG-1", "a.tf", "aws_s3_bucket.a", 37, "public bucket, and unencrypted"),
		engine.Finding{Level: engine.LevelWarning, ID: "IG-9", File: "a.tf", Resource: "aws_instance.x", Message: "old AMI", StartLine: 50},
		finding("IG-1", "c.tf", "aws_s3_bucket.a", 7, "public bucket"),
		finding("IG-1", "a.tf", "aws_s3_bucket.other", 90, "public bucket"),
		engine.Finding{Level: engine.LevelFailure, ID: engine.IDParseError, File: "broken.tf", Message: "syntax error", StartLine: 1, Blocking: true},
	)
	n := b.Apply(now)
	if n != 3 {
		t.Errorf("Apply suppressed %d findings, want 3", n)
	}
	if now.Summary.Suppressed != 3 {
		t.Errorf("Summary.Suppressed = %d, want 3", now.Summary.Suppressed)
	}
	var left []string
	for _, f := range now.Findings {
		left = append(left, f.File+" "+f.Resource+" "+f.Message)
	}
	wantLeft := []string{
		"a.tf aws_s3_bucket.a public bucket, and unencrypted",
		"c.tf aws_s3_bucket.a public bucket",
		"a.tf aws_s3_bucket.other public bucket",
		"broken.tf  syntax error",
	}
	if diff := cmp.Diff(wantLeft, left); diff != "" {
		t.Errorf("findings left after Apply (-want +got):\n%s", diff)
	}
	if now.Summary.Failures != 4 || now.Summary.Warnings != 0 || now.Summary.Blocking != 4 || now.Summary.Errors != 1 {
		t.Errorf("summary not recounted: %+v", now.Summary)
	}
}

func TestApplyReworded(t *testing.T) {
	// A policy update rewords a message: the entry still matches, once.
	b := FromReport(report(finding("IG-1", "a.tf", "r.x", 1, "old words")))
	r := report(
		finding("IG-1", "a.tf", "r.x", 1, "new words"),
		finding("IG-1", "a.tf", "r.x", 1, "another new problem"),
	)
	if n := b.Apply(r); n != 1 || len(r.Findings) != 1 {
		t.Errorf("Apply = %d, findings left %d; want 1 and 1", n, len(r.Findings))
	}
	// All suppressed: the findings list stays a list, not null.
	all := report(finding("IG-1", "a.tf", "r.x", 1, "old words"))
	if n := b.Apply(all); n != 1 || all.Findings == nil || len(all.Findings) != 0 {
		t.Errorf("Apply = %d, findings %v; want 1 and an empty list", n, all.Findings)
	}
	var nilFile *File
	if n := nilFile.Apply(r); n != 0 {
		t.Errorf("nil baseline suppressed %d", n)
	}
}

func TestWriteEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, &engine.Report{}); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"version\": 1,\n  \"findings\": []\n}\n"; buf.String() != want {
		t.Errorf("empty baseline = %q, want %q", buf.String(), want)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	good := strings.Repeat("ab", 32)
	tests := []struct {
		name, content, want string
	}{
		{"invalid json", "{", "not a baseline file"},
		{"not an object", "[]", "invalid JSON"},
		{"trailing data", `{"version":1,"findings":[]} {}`, "after the JSON"},
		{"no version", `{"findings":[]}`, `missing "version"`},
		{"future version", `{"version":2,"findings":[]}`, "unsupported version 2"},
		{"bad fingerprint", `{"version":1,"findings":[{"fingerprint":"xyz","id":"IG-1","file":"a.tf"}]}`, `findings[0] (IG-1 in a.tf): fingerprint "xyz"`},
		{"uppercase fingerprint", `{"version":1,"findings":[{"fingerprint":"` + strings.ToUpper(good) + `"}]}`, "not a hex SHA-256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
			if err := os.WriteFile(name, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(name)
			if err == nil {
				t.Fatalf("Load succeeded, want an error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), name) {
				t.Errorf("error %q should name the file and contain %q", err, tt.want)
			}
		})
	}
	for _, tt := range []struct{ name, content, want string }{
		{"syntax", "{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"ab\",}\n  ]\n}\n",
			":4:26: not a baseline file (invalid JSON: invalid character '}'"},
		{"type", "{\n  \"version\": \"1\"\n}\n", ":2: not a baseline file (invalid JSON: json: cannot unmarshal string"},
		{"truncated", "{\n  \"version\": 1,\n  \"findings\": [\n", ":4:1: not a baseline file (the file ends in the middle of the JSON)"},
		{"empty", "", ": not a baseline file (it is empty)"},
		{"trailing", "{\"version\": 1}\n\n  {}\n", ":3:3: unexpected data after the JSON object"},
		{"version", "{\n  \"findings\": [],\n  \"version\": 7\n}\n", ":3:14: unsupported version 7"},
		{"fingerprint", "{\n  \"version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"" + good + "\"},\n    {\"fingerprint\": \"xyz\", \"id\": \"IG-1\", \"file\": \"a.tf\"}\n  ]\n}\n",
			`:5:5: findings[1] (IG-1 in a.tf): fingerprint "xyz" is not a hex SHA-256`},
		{"last findings wins", "{\"version\": 1, \"findings\": [{\"fingerprint\": \"x\"}],\n\"findings\": [\n{\"fingerprint\": \"" + good + "\"},\n {\"fingerprint\": \"y\"}]}",
			`:4:2: findings[1] ( in ): fingerprint "y"`},
	} {
		t.Run("position/"+tt.name, func(t *testing.T) {
			name := filepath.Join(dir, "pos-"+strings.ReplaceAll(tt.name, " ", "_")+".json")
			if err := os.WriteFile(name, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(name)
			if err == nil || !strings.HasPrefix(err.Error(), name+tt.want) {
				t.Errorf("Load error\n got %v\nwant %s%s...", err, name, tt.want)
			}
		})
	}
	if _, err := Load(filepath.Join(dir, "missing.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: error = %v, want fs.ErrNotExist", err)
	}
	ok := filepath.Join(dir, "ok.json")
	if err := os.WriteFile(ok, []byte(`{"version":1,"findings":[{"fingerprint":"`+good+`","note":"kept for humans"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := Load(ok); err != nil || len(b.Findings) != 1 {
		t.Errorf("Load(valid file with an extra key) = %v, %v", b, err)
	}
}
