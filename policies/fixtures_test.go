package policies_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/infragate/infragate/cmd"
)

var marker = regexp.MustCompile(`# expect: ([A-Z0-9-]+(?:\s*,\s*[A-Z0-9-]+)*)`)

// TestFixtures runs `infragate check` on every rule fixture
// (<format>/testdata/<RULE-ID>/*) with the built-in library and asserts that
// the findings of that rule are exactly the lines marked `# expect: RULE-ID`:
// nothing missing, nothing extra, nothing in good files.
//
// Formats without comments (JSON: Terraform plans) list the expected
// findings in a sidecar, <RULE-ID>/expect.txt: one `file:line` per line,
// file relative to the fixture directory; blank lines and lines starting
// with # are ignored. Markers and sidecar entries add up.
func TestFixtures(t *testing.T) {
	dirs, _ := filepath.Glob("*/testdata/*")
	if len(dirs) == 0 {
		t.Fatal("no fixtures found")
	}
	for _, dir := range dirs {
		st, err := os.Stat(dir)
		if err != nil || !st.IsDir() {
			continue
		}
		id := filepath.Base(dir)
		t.Run(id, func(t *testing.T) {
			want := map[string]bool{}
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				f, err := os.Open(p)
				if err != nil {
					return err
				}
				defer f.Close()
				sc := bufio.NewScanner(f)
				for line := 1; sc.Scan(); line++ {
					if m := marker.FindStringSubmatch(sc.Text()); m != nil {
						for _, got := range strings.Split(m[1], ",") {
							if strings.TrimSpace(got) == id {
								want[fmt.Sprintf("%s:%d", filepath.ToSlash(p), line)] = true
							}
						}
					}
				}
				return sc.Err()
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := readSidecar(dir, want); err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				t.Fatalf("fixture %s has no `# expect: %s` marker", dir, id)
			}
			got := map[string]bool{}
			for _, f := range check(t, dir) {
				if f.ID == "parse-error" || f.ID == "eval-error" {
					t.Errorf("%s:%d: %s: %s", f.File, f.StartLine, f.ID, f.Message)
				}
				if f.ID == id {
					got[fmt.Sprintf("%s:%d", f.File, f.StartLine)] = true
				}
			}
			for k := range want {
				if !got[k] {
					t.Errorf("missing finding %s at %s", id, k)
				}
			}
			for k := range got {
				if !want[k] {
					t.Errorf("unexpected finding %s at %s", id, k)
				}
			}
		})
	}
}

// readSidecar adds the `file:line` entries of dir/expect.txt, if present.
func readSidecar(dir string, want map[string]bool) error {
	src, err := os.ReadFile(filepath.Join(dir, "expect.txt"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		file, line, ok := strings.Cut(l, ":")
		if _, err := strconv.Atoi(line); !ok || err != nil || file == "" {
			return fmt.Errorf("%s/expect.txt:%d: want file:line, got %q", dir, i+1, l)
		}
		want[filepath.ToSlash(filepath.Join(dir, file))+":"+line] = true
	}
	return nil
}

type finding struct {
	ID        string `json:"id"`
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	Message   string `json:"message"`
}

// check runs the real command line with the built-in library.
func check(t *testing.T, dir string) []finding {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cmd.Main(context.Background(), []string{"check", "-o", "json", dir},
		cmd.IO{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}, cmd.Version{})
	if code == cmd.ExitUnknown {
		t.Fatalf("infragate check %s: exit %d: %s", dir, code, errOut.String())
	}
	var rep struct {
		Findings []finding `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("json output: %v\n%s", err, out.String())
	}
	sort.Slice(rep.Findings, func(i, j int) bool { return rep.Findings[i].StartLine < rep.Findings[j].StartLine })
	return rep.Findings
}
