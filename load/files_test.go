package load

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

func TestSafeFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"glasfaser.jpg", "glasfaser.jpg"},
		{"https://www.example.de/fileadmin/a/b/Bericht%202023.pdf?x=1#p", "Bericht-2023.pdf"},
		{`..\..\windows\system32\evil.dll`, "evil.dll"},
		{"../../etc/passwd", "passwd"},
		{"..", ""},
		{".htaccess", "htaccess"},
		{"Straßenbau Übersicht.PDF", "Strassenbau-Uebersicht.PDF"},
		{"a%2F..%2F..%2Fb.txt", "a-b.txt"},
		{"a%5C..%5Cb.txt", "a-b.txt"},
		{"файл.pdf", "pdf"},
		{"x/", "x"},
		{strings.Repeat("a", 300) + ".jpeg", strings.Repeat("a", 95) + ".jpeg"},
	}
	for _, tt := range tests {
		if got := SafeFileName(tt.in); got != tt.want {
			t.Errorf("SafeFileName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSafeFileName(f *testing.F) {
	for _, s := range []string{"a.jpg", "../x", `a\b`, "%2e%2e", "ä ö.pdf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SafeFileName(s)
		if strings.ContainsAny(got, `/\`) || strings.HasPrefix(got, ".") || got == ".." || len(got) > 100 {
			t.Fatalf("SafeFileName(%q) = %q: not a safe base name", s, got)
		}
		if SafeFileName(got) != got {
			t.Fatalf("SafeFileName not idempotent: %q -> %q -> %q", s, got, SafeFileName(got))
		}
	})
}

type mapSource map[string]string

func (m mapSource) OpenFile(_ context.Context, u string) (io.ReadCloser, string, error) {
	body, ok := m[u]
	if !ok {
		return nil, "", errors.New("HTTP 404")
	}
	return io.NopCloser(strings.NewReader(body)), "application/pdf; charset=binary", nil
}

func TestFileStoreFillAndPrune(t *testing.T) {
	dir := t.TempDir()
	s, err := NewFileStore(dir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	// Delivered by the crawl: one referenced, one not.
	if _, err := s.Put("https://x.de/a.jpg", "a.jpg", "image/jpeg", strings.NewReader("jpeg")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put("https://x.de/unused.gif", "unused.gif", "", strings.NewReader("gif")); err != nil {
		t.Fatal(err)
	}
	src := mapSource{"https://x.de/b.pdf": "%PDF"}
	a := umzug.Asset{URL: "https://x.de/a.jpg", FileName: "a.jpg"}
	b := umzug.Asset{URL: "https://x.de/b.pdf"}
	c := umzug.Asset{URL: "https://x.de/gone.pdf"}
	for _, x := range []*umzug.Asset{&a, &b} {
		if err := s.Fill(t.Context(), x, src); err != nil {
			t.Fatalf("Fill(%s): %v", x.URL, err)
		}
	}
	if err := s.Fill(t.Context(), &c, src); err == nil || c.File != "" {
		t.Fatalf("Fill(missing) = %v, file %q; want an error and no file", err, c.File)
	}
	if !strings.HasPrefix(a.File, "files/") || !strings.HasSuffix(a.File, "-a.jpg") || a.Size != 4 || a.MimeType != "image/jpeg" {
		t.Errorf("asset a = %+v", a)
	}
	if want := "files/" + b.SHA256[:2] + "/" + b.SHA256 + "-b.pdf"; b.File != want || b.MimeType != "application/pdf" {
		t.Errorf("asset b file %q type %q; want %q application/pdf", b.File, b.MimeType, want)
	}
	got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(b.File)))
	if err != nil || string(got) != "%PDF" {
		t.Fatalf("stored b = %q, %v", got, err)
	}
	n, err := s.Prune(map[string]bool{a.File: true, b.File: true})
	if err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want 1 removed", n, err)
	}
	var left []string
	_ = filepath.WalkDir(filepath.Join(dir, FilesDir), func(p string, e os.DirEntry, _ error) error {
		if !e.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if len(left) != 2 {
		t.Errorf("files left %v; want a and b", left)
	}
}

func TestFileStoreRefusesLargeFiles(t *testing.T) {
	s, err := NewFileStore(t.TempDir(), 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put("https://x.de/big.bin", "big.bin", "", strings.NewReader("four")); err == nil {
		t.Fatal("Put of 4 bytes with a 3-byte limit succeeded")
	}
}

// TestCopyFiles: an export copied to another directory keeps its files
// (not the temporary ones of an interrupted run).
func TestCopyFiles(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	s, err := NewFileStore(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Put("https://alt.example/a.pdf", "a.pdf", "application/pdf", strings.NewReader("%PDF-1.4 a"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Put("https://alt.example/b.jpg", "b.jpg", "image/jpeg", strings.NewReader("jpeg b"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, FilesDir, ".tmp-123"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 2; run++ { // a second copy keeps what is there
		n, err := CopyFiles(src, dst)
		if err != nil || n != 2 {
			t.Fatalf("run %d: CopyFiles = %d, %v; want 2 files", run, n, err)
		}
	}
	for _, f := range []StoredFile{a, b} {
		got, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(f.Path)))
		if err != nil || int64(len(got)) != f.Size {
			t.Errorf("%s in the copy: %d bytes, %v; want %d", f.Path, len(got), err, f.Size)
		}
	}
	if _, err := os.Stat(filepath.Join(dst, FilesDir, ".tmp-123")); !os.IsNotExist(err) {
		t.Errorf("a temporary file was copied: %v", err)
	}
	if n, err := CopyFiles(t.TempDir(), dst); n != 0 || err != nil {
		t.Errorf("an export without files: %d, %v", n, err)
	}
}
