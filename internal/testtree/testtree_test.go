package testtree

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	Write(t, dir, map[string]string{"a/b/c.yaml": "x: 1\n", "d.txt": ""})
	got, err := os.ReadFile(filepath.Join(dir, "a", "b", "c.yaml"))
	if err != nil || string(got) != "x: 1\n" {
		t.Errorf("a/b/c.yaml = %q, %v", got, err)
	}
	if st, err := os.Stat(filepath.Join(dir, "d.txt")); err != nil || st.Size() != 0 {
		t.Errorf("d.txt: %v", err)
	}
}
