package fsread

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.tf")
	content := strings.Repeat("resource \"a\" \"b\" {}\n", 1000)
	if err := os.WriteFile(small, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	got, err := ReadFile(small, 1<<20)
	if err != nil || string(got) != content {
		t.Fatalf("ReadFile = %d bytes, %v; want the %d bytes written", len(got), err, len(content))
	}
	if got, err := ReadFile(empty, 10); err != nil || len(got) != 0 {
		t.Errorf("empty file: %q, %v", got, err)
	}
	// Exactly at the limit is allowed; one byte less is not.
	if _, err := ReadFile(small, int64(len(content))); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	var tl *TooLargeError
	_, err = ReadFile(small, int64(len(content))-1)
	if !errors.As(err, &tl) || tl.Size != int64(len(content)) {
		t.Errorf("over the limit: %v, want a TooLargeError with the size", err)
	}
	if want := "above the"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
	// A device has no size: it is read up to the limit and refused.
	if _, err := os.Stat("/dev/zero"); err == nil {
		_, err := ReadFile("/dev/zero", 4096)
		if !errors.As(err, &tl) || tl.Size != -1 || !strings.Contains(err.Error(), "larger than the 4096-byte limit") {
			t.Errorf("/dev/zero: %v, want a TooLargeError without size", err)
		}
	}
	// System errors come without the path: the caller names the file.
	_, err = ReadFile(filepath.Join(dir, "missing.tf"), 10)
	if !errors.Is(err, fs.ErrNotExist) || strings.Contains(err.Error(), dir) {
		t.Errorf("missing file: %v, want not-exist without the path", err)
	}
	if _, err := ReadFile(dir, 10); err == nil {
		t.Error("a directory was read without error")
	}
}

// TestMap checks that a mapped file reads as ReadFile reads it, that the
// limit holds, and that files below the threshold are read.
func TestMap(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.json")
	content := strings.Repeat(`{"address":"a.b"},`, 5000)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, from := range []int64{1, int64(len(content)), int64(len(content)) + 1} {
		data, release, err := Map(p, 1<<20, from)
		if err != nil || string(data) != content {
			t.Fatalf("from %d: %d bytes, %v", from, len(data), err)
		}
		release()
	}
	_, release, err := Map(p, 100, 1)
	release()
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != int64(len(content)) {
		t.Errorf("over the limit: %v, want a TooLargeError with the size", err)
	}
	empty := filepath.Join(dir, "empty.json")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	data, release, err := Map(empty, 100, 0)
	release()
	if err != nil || len(data) != 0 {
		t.Errorf("empty file: %q, %v", data, err)
	}
	if _, release, err := Map(filepath.Join(dir, "missing"), 100, 1); err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	} else {
		release()
	}
}
