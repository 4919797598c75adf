package cmd

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/transform"
)

// TestMigrateAssetsPutsFilesIntoExport checks migrate --assets on the demo:
// every asset the site serves has its file in the export under its
// content-addressed name with the right hash and size; the two files the
// demo links but does not serve are missing-file findings; nothing else
// is in files/.
func TestMigrateAssetsPutsFilesIntoExport(t *testing.T) {
	ios, _, errOut := testStreams()
	dir := t.TempDir()
	opts := &MigrateOptions{Global: &GlobalOptions{LogLevel: "error", LogFormat: "text"}, Demo: true, Out: dir,
		Crawl: CrawlFlags{Concurrency: 4, Timeout: 10 * time.Second, Assets: true, MaxBodyMB: 20}}
	if err := migrateRun(t.Context(), ios, opts); err != nil {
		t.Fatalf("migrateRun: %v\n%s", err, errOut)
	}
	f, err := os.Open(filepath.Join(dir, "assets.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	withFile, without := map[string]bool{}, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var a umzug.Asset
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		if a.File == "" {
			without++
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(a.File)))
		if err != nil {
			t.Errorf("asset %s: %v", a.URL, err)
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != a.SHA256 || int64(len(b)) != a.Size || !strings.HasPrefix(a.File, "files/"+a.SHA256[:2]+"/"+a.SHA256+"-") {
			t.Errorf("asset %s: file %s of %d bytes, record says sha256 %s, %d bytes", a.URL, a.File, len(b), a.SHA256, a.Size)
		}
		if a.MimeType == "" {
			t.Errorf("asset %s without media type", a.URL)
		}
		withFile[a.File] = true
	}
	if len(withFile) < 60 || without != 2 {
		t.Errorf("%d files, %d assets without; want every served file (60+) and the 2 the demo does not serve", len(withFile), without)
	}
	n := 0
	_ = filepath.WalkDir(filepath.Join(dir, "files"), func(p string, e os.DirEntry, _ error) error {
		if !e.IsDir() {
			n++
			rel, _ := filepath.Rel(dir, p)
			if !withFile[filepath.ToSlash(rel)] {
				t.Errorf("%s in the export belongs to no asset", rel)
			}
		}
		return nil
	})
	if n != len(withFile) {
		t.Errorf("%d files on disk; want %d", n, len(withFile))
	}
	findings, _ := os.ReadFile(filepath.Join(dir, "findings.ndjson"))
	if c := strings.Count(string(findings), `"rule":"missing-file"`); c != 2 {
		t.Errorf("%d missing-file findings; want 2", c)
	}
	if !strings.Contains(errOut.String(), "Files: ") {
		t.Errorf("summary lacks the files line:\n%s", errOut)
	}

	// The export written again (rich text as HTML) keeps its files.
	again := filepath.Join(t.TempDir(), "html")
	ios, _, errOut = testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"load", dir, "--out", again, "--richtext", "html", "-q"}, ios); code != 0 {
		t.Fatalf("load --out: exit %d: %s", code, errOut)
	}
	for f := range withFile {
		if _, err := os.Stat(filepath.Join(again, filepath.FromSlash(f))); err != nil {
			t.Errorf("the export written again lacks %s: %v", f, err)
		}
	}
	var m struct{ Counts map[string]int }
	if b, err := os.ReadFile(filepath.Join(again, "manifest.json")); err != nil || json.Unmarshal(b, &m) != nil || m.Counts["files"] != len(withFile) {
		t.Errorf("manifest of the export written again counts %d files; want %d (%v)", m.Counts["files"], len(withFile), err)
	}
}

// TestMigrateAssetsFromPublicArchive: a crawl of the demo names the public
// URLs (--public-url connects to the mirror), so the archive knows its
// files by them and migrate --assets finds them there; the server we may
// fetch from is still the mirror.
func TestMigrateAssetsFromPublicArchive(t *testing.T) {
	topts := transform.Options{CrawledOrigin: "http://127.0.0.1:8080", PublicOrigin: "https://www.a.example"}
	const pub = "https://www.a.example/fileadmin/a.pdf"
	for _, tt := range []struct {
		connected      bool
		archive, fetch string
	}{
		{true, pub, "http://127.0.0.1:8080/fileadmin/a.pdf"},
		{false, "http://127.0.0.1:8080/fileadmin/a.pdf", "http://127.0.0.1:8080/fileadmin/a.pdf"},
	} {
		archive, fetch := fileURLs(topts, tt.connected)
		if a, f := archive(pub), fetch(pub); a != tt.archive || f != tt.fetch {
			t.Errorf("connected %v: archive %s, fetch %s; want %s, %s", tt.connected, a, f, tt.archive, tt.fetch)
		}
	}
	if a, _ := fileURLs(topts, false); a("https://other.example/x.pdf") != "https://other.example/x.pdf" {
		t.Errorf("a URL of another origin was rewritten")
	}

	ios, _, errOut := testStreams()
	dir := t.TempDir()
	arch := filepath.Join(dir, "archive")
	opts := &MigrateOptions{Global: &GlobalOptions{LogLevel: "error", LogFormat: "text"}, Demo: true, Out: filepath.Join(dir, "export"), Archive: arch,
		Crawl: CrawlFlags{Concurrency: 4, Timeout: 10 * time.Second, Assets: true, MaxBodyMB: 20}}
	if err := migrateRun(t.Context(), ios, opts); err != nil {
		t.Fatalf("migrateRun: %v\n%s", err, errOut)
	}
	b, err := os.ReadFile(filepath.Join(opts.Out, "assets.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	var a umzug.Asset
	if err := json.Unmarshal(bytes.SplitN(b, []byte("\n"), 2)[0], &a); err != nil || a.File == "" {
		t.Fatalf("first asset %+v, %v", a, err)
	}
	toArchive, _ := fileURLs(transform.Options{CrawledOrigin: "http://127.0.0.1:1", PublicOrigin: strings.TrimSuffix(fixtures.MinistryPublicURL, "/")}, true)
	af := archive.OpenFiles(arch, toArchive)
	defer af.Close()
	rc, _, err := af.OpenFile(t.Context(), a.URL)
	if err != nil {
		t.Fatalf("the archive of a demo crawl does not give %s: %v", a.URL, err)
	}
	rc.Close()
}
