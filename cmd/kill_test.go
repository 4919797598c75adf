package cmd

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// TestExportChild is the export that TestExportSurvivesKill runs in a
// child process and kills.
func TestExportChild(t *testing.T) {
	in, out := os.Getenv("UMZUG_EXPORT_IN"), os.Getenv("UMZUG_EXPORT_OUT")
	if in == "" {
		t.Skip("run by TestExportSurvivesKill in a child process")
	}
	ios := &IOStreams{In: strings.NewReader(""), Out: os.Stdout, ErrOut: os.Stderr, Now: time.Now}
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"load", in, "--out", out, "-q"}, ios); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

// TestExportSurvivesKill kills an export (load of synthetic documents)
// with SIGKILL at several points: the directory then holds either no
// manifest.json or one that matches every file it lists. The next export
// into the same directory removes the temporary files the killed one left
// and writes a complete export.
func TestExportSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	in := filepath.Join(t.TempDir(), "docs.ndjson")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	var prev *umzug.Document
	i := 0
	syntheticDocs(t, 100, func(d umzug.Document) {
		decorateSynthetic(i, &d, prev)
		i++
		prev = &d
		if err := enc.Encode(&d); err != nil {
			t.Fatal(err)
		}
	})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := filepath.Join(t.TempDir(), "export")
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestExportChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "UMZUG_EXPORT_IN="+in, "UMZUG_EXPORT_OUT="+out)
		return cmd
	}
	start := time.Now()
	if b, err := child().CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, b)
	}
	full := time.Since(start)
	checkExportConsistent(t, out, true)

	// Kill points across the phases of an export: at once, while the
	// documents are written, and after each file is renamed into place.
	newer := func(name string) func(time.Time) bool {
		return func(start time.Time) bool {
			st, err := os.Stat(filepath.Join(out, name))
			return err == nil && st.ModTime().After(start)
		}
	}
	points := []struct {
		name string
		at   func(time.Time) bool
	}{
		{"at start", func(start time.Time) bool { return time.Since(start) > 30*time.Millisecond }},
		{"documents being written", func(time.Time) bool {
			m, _ := filepath.Glob(filepath.Join(out, ".documents.ndjson.tmp-*"))
			return len(m) > 0
		}},
		{"documents.ndjson renamed", newer("documents.ndjson")},
		{"snippets.ndjson renamed", newer("snippets.ndjson")},
		{"assets.ndjson renamed", newer("assets.ndjson")},
		{"redirects.csv renamed", newer("redirects.csv")},
		{"findings.ndjson renamed", newer("findings.ndjson")},
		{"schemas written", newer(filepath.Join("schema", "manifest.schema.json"))},
	}
	kills, withManifest := 0, 0
	for _, p := range points {
		cmd := child()
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var err error
	poll:
		for {
			select {
			case err = <-exited:
				break poll
			default:
			}
			if p.at(start) {
				_ = cmd.Process.Kill()
				err = <-exited
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		if err == nil {
			t.Logf("kill point %q: the export finished first", p.name)
			continue
		}
		kills++
		if checkExportConsistent(t, out, false) {
			withManifest++
		}
	}
	t.Logf("export of 100 documents in %s; killed %d times at %d points, %d of them after the manifest was written", full.Round(time.Millisecond), kills, len(points), withManifest)
	if b, err := child().CombinedOutput(); err != nil {
		t.Fatalf("export after the kills: %v\n%s", err, b)
	}
	if !checkExportConsistent(t, out, true) {
		t.Error("no manifest after a complete export")
	}
	stale, _ := filepath.Glob(filepath.Join(out, ".*.tmp-*"))
	staleSchema, _ := filepath.Glob(filepath.Join(out, "schema", ".*.tmp-*"))
	if len(stale)+len(staleSchema) > 0 {
		t.Errorf("temporary files left: %v %v", stale, staleSchema)
	}
}

// checkExportConsistent checks that dir has no manifest or a manifest
// matching every file it lists (records, bytes, sha256); it reports
// whether there was a manifest.
func checkExportConsistent(t *testing.T, dir string, wantManifest bool) bool {
	t.Helper()
	m, err := load.ReadManifest(dir)
	if err != nil {
		if wantManifest || !strings.Contains(err.Error(), "no manifest.json") {
			t.Errorf("manifest: %v", err)
		}
		return false
	}
	if m.Status != umzug.StatusComplete {
		t.Errorf("manifest status %q", m.Status)
	}
	for _, f := range m.Files {
		b, err := os.ReadFile(filepath.Join(dir, f.Path))
		if errors.Is(err, os.ErrNotExist) {
			t.Errorf("manifest lists %s, which is missing", f.Path)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		lines := f.Records
		if strings.HasSuffix(f.Path, ".ndjson") {
			lines = bytes.Count(b, []byte("\n"))
		}
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(b)) != f.Bytes || lines != f.Records {
			t.Errorf("%s does not match its manifest entry %s", f.Path, fmt.Sprint(f))
		}
	}
	return true
}
