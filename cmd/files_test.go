package cmd

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/umzug/umzug"
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
}
