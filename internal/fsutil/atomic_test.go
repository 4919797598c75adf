package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// tempFiles lists the temporary files left in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestAtomicFileCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Write([]byte("new ")); err != nil {
		t.Fatal(err)
	}
	// Until Commit the old content stands, however much is written.
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("before Commit: %q; want the old content", b)
	}
	if _, err := a.Write([]byte("content")); err != nil {
		t.Fatal(err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "new content" {
		t.Errorf("after Commit: %q, %v; want the new content", b, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode().Perm(), err)
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	a.Abort() // after Commit: nothing
	if b, _ := os.ReadFile(path); string(b) != "new content" {
		t.Errorf("Abort after Commit changed the file: %q", b)
	}
	if err := a.Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}
}

func TestAtomicFileAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.txt")
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if tmp := tempFiles(t, dir); len(tmp) != 1 {
		t.Fatalf("temporary files while writing: %v; want one", tmp)
	}
	a.Write([]byte("half a repo"))
	a.Abort()
	a.Abort()
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("aborted file exists: %v", err)
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left after Abort: %v", tmp)
	}
	if err := a.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

// TestAtomicFileFailedRename: when the rename fails (the final path is a
// directory), the temporary file is removed and what stood at the path
// stays.
func TestAtomicFileFailedRename(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	if err := os.MkdirAll(filepath.Join(path, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	a, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	a.Write([]byte("x"))
	err = a.Commit()
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("Commit onto a directory: %v; want an error naming %s", err, path)
	}
	if tmp := tempFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left after a failed Commit: %v", tmp)
	}
	if _, err := os.Stat(filepath.Join(path, "keep")); err != nil {
		t.Errorf("the directory at the path was touched: %v", err)
	}
}

func TestCreateAtomicMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "report.txt")
	if _, err := CreateAtomic(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("CreateAtomic in a missing directory: %v; want an error naming %s", err, path)
	}
}

// TestAtomicFileReaders: readers that open the path while writers replace
// it see one complete version or another, never a part.
func TestAtomicFileReaders(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.txt")
	versions := map[string]bool{}
	for i := range 5 {
		versions[strings.Repeat(string(rune('a'+i)), 64<<10)] = true
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			b, err := os.ReadFile(path)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				t.Error(err)
				return
			}
			if !versions[string(b)] {
				t.Errorf("a reader saw %d bytes that are no version", len(b))
				return
			}
		}
	}()
	for range 20 {
		for v := range versions {
			a, err := CreateAtomic(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(v); i += 4096 {
				a.Write([]byte(v[i:min(i+4096, len(v))]))
			}
			if err := a.Commit(); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(stop)
	wg.Wait()
}

func TestSyncDir(t *testing.T) {
	if err := SyncDir(t.TempDir()); err != nil {
		t.Errorf("SyncDir: %v", err)
	}
	if err := SyncDir(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("SyncDir of a missing directory succeeded")
	}
}
