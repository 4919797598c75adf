package load_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

func textBlock(key, s string) umzug.Block {
	return umzug.Block{Key: key, Type: umzug.BlockText, Text: &umzug.Text{Body: umzug.PortableText{{
		Type: "block", Key: "b0", Style: "normal",
		Children: []umzug.PTSpan{{Type: "span", Key: "s0", Text: s, Marks: []string{}}},
		MarkDefs: []umzug.MarkDef{},
	}}}}
}

// uid is the UUIDv5 id of a test document named name ("" stays "").
func uid(name string) string {
	if name == "" {
		return ""
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://www.example.de/"+name)).String()
}

func doc(name string, kind umzug.Kind, title string, blocks ...umzug.Block) umzug.Document {
	if blocks == nil {
		blocks = []umzug.Block{}
	}
	return umzug.Document{ID: uid(name), Kind: kind, URL: "https://www.example.de/" + name, Title: title, Blocks: blocks,
		Provenance: umzug.Provenance{SourceURL: "https://www.example.de/" + name}}
}

func newExporter(t *testing.T, dir string) *load.Exporter {
	t.Helper()
	e, err := load.NewExporter(dir, load.Manifest{Generator: "umzug test", Source: "https://www.example.de/", RunID: "run-1", StartedAt: "2024-03-12T10:00:00Z"})
	if err != nil {
		t.Fatalf("NewExporter(%s): %v", dir, err)
	}
	return e
}

func readManifest(t *testing.T, dir string) load.Manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatalf("reading manifest: %v", err)
	}
	var m load.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("manifest.json is not JSON: %v\n%s", err, b)
	}
	return m
}

// export writes docs (and findings) to a fresh directory and finishes it.
func export(t *testing.T, docs []umzug.Document, findings []umzug.Finding) (string, []load.RecordError, load.Manifest) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	e := newExporter(t, dir)
	rejected, err := e.WriteDocuments(docs)
	if err != nil {
		t.Fatalf("WriteDocuments: %v", err)
	}
	if findings != nil {
		if err := e.WriteFindings(findings); err != nil {
			t.Fatalf("WriteFindings: %v", err)
		}
	}
	m, err := e.Finish("2024-03-12T10:05:00Z", map[string]int{"pages": len(docs)})
	if err != nil {
		t.Fatalf("Finish: %v", err)
	}
	return dir, rejected, m
}

func TestExportDocumentsNDJSON(t *testing.T) {
	docs := []umzug.Document{
		doc("c-id", umzug.KindPage, "Kontakt & Anfahrt", textBlock("c1", "a < b > c & d")),
		doc("a-id", umzug.KindPressRelease, "Brücke <neu>"),
		doc("b-id", umzug.KindPage, "Über uns"),
	}
	dir, rejected, _ := export(t, docs, nil)
	if len(rejected) != 0 {
		t.Fatalf("WriteDocuments rejected %v; want none", rejected)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "documents.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(raw, []byte("\n")) {
		t.Errorf("documents.ndjson does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("documents.ndjson has %d lines; want 3:\n%s", len(lines), raw)
	}
	var ids []string
	for i, l := range lines {
		var d umzug.Document
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("line %d is not one Document: %v\n%s", i+1, err, l)
		}
		if dec.More() {
			t.Errorf("line %d holds more than one JSON value: %s", i+1, l)
		}
		ids = append(ids, d.ID)
	}
	want := []string{uid("a-id"), uid("b-id"), uid("c-id")}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("ids in documents.ndjson = %v; want %v (sorted)", ids, want)
	}
	s := string(raw)
	for _, lit := range []string{"Kontakt & Anfahrt", "a < b > c & d", "Brücke <neu>"} {
		if !strings.Contains(s, lit) {
			t.Errorf("documents.ndjson does not contain %q literally", lit)
		}
	}
	for _, esc := range []string{`\u003c`, `\u003e`, `\u0026`} {
		if strings.Contains(s, esc) {
			t.Errorf("documents.ndjson contains the HTML escape %s", esc)
		}
	}
}

func TestExportManifest(t *testing.T) {
	docs := []umzug.Document{
		doc("a", umzug.KindPage, "A"),
		doc("b", umzug.KindPressRelease, "B"),
		doc("c", umzug.KindPage, "C"),
		doc("d", umzug.KindPage, ""), // rejected
	}
	findings := []umzug.Finding{
		{Rule: umzug.RuleMissingAlt, Severity: umzug.SeverityWarning, URL: "https://www.example.de/a", Message: "img without alt"},
		{Rule: umzug.RuleBrokenLink, Severity: umzug.SeverityError, URL: "https://www.example.de/b", Message: "404 <x>"},
	}
	dir, rejected, returned := export(t, docs, findings)
	if len(rejected) != 1 {
		t.Errorf("rejected %d documents; want 1", len(rejected))
	}
	m := readManifest(t, dir)

	wantCounts := map[string]int{"documents": 3, "page": 2, "press_release": 1, "findings": 2}
	for k, v := range wantCounts {
		if m.Counts[k] != v {
			t.Errorf("manifest counts[%q] = %d; want %d (counts %v)", k, m.Counts[k], v, m.Counts)
		}
	}
	if m.SchemaVersion != umzug.SchemaVersion || m.IDScheme != load.IDScheme {
		t.Errorf("manifest schemaVersion, idScheme = %q, %q; want %q, %q", m.SchemaVersion, m.IDScheme, umzug.SchemaVersion, load.IDScheme)
	}
	if m.RunID != "run-1" || m.FinishedAt != "2024-03-12T10:05:00Z" || m.Source != "https://www.example.de/" || m.StartedAt != "2024-03-12T10:00:00Z" {
		t.Errorf("manifest run fields = %q %q %q %q; want the ones given", m.RunID, m.Source, m.StartedAt, m.FinishedAt)
	}
	if m.Stats["pages"] != 4 {
		t.Errorf("manifest stats = %v; want pages: 4", m.Stats)
	}

	wantRecords := map[string]int{"documents.ndjson": 3, "findings.ndjson": 2}
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, f.Path)
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("manifest lists %s: %v", f.Path, err)
			continue
		}
		if f.Bytes != int64(len(b)) {
			t.Errorf("manifest %s bytes = %d; file has %d", f.Path, f.Bytes, len(b))
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); f.SHA256 != got {
			t.Errorf("manifest %s sha256 = %q; file hashes to %q", f.Path, f.SHA256, got)
		}
		lines := 0
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines++
		}
		if f.Records != lines || f.Records != wantRecords[f.Path] {
			t.Errorf("manifest %s records = %d; file has %d lines, want %d", f.Path, f.Records, lines, wantRecords[f.Path])
		}
	}
	if want := []string{"documents.ndjson", "findings.ndjson"}; !slices.Equal(paths, want) {
		t.Errorf("manifest files = %v; want %v", paths, want)
	}

	// Finish returns what it wrote.
	rj, _ := json.Marshal(returned)
	mj, _ := json.Marshal(m)
	if !bytes.Equal(rj, mj) {
		t.Errorf("Finish returned %s; manifest.json holds %s", rj, mj)
	}
}

func TestExportRejectsInvalidDocuments(t *testing.T) {
	twoPayloads := textBlock("c2", "Text")
	twoPayloads.Heading = &umzug.Heading{Text: "Titel", Level: 2}
	noKind := doc("e", "", "E")
	tests := []struct {
		name string
		d    umzug.Document
	}{
		{"empty title", doc("b", umzug.KindPage, "")},
		{"block with two payloads", doc("c", umzug.KindPage, "C", textBlock("c1", "ok"), twoPayloads)},
		{"duplicate block key", doc("d", umzug.KindPage, "D", textBlock("c1", "x"), textBlock("c1", "y"))},
		{"unknown kind", noKind},
		{"no id", doc("", umzug.KindPage, "F")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good := doc("a", umzug.KindPage, "A", textBlock("c1", "gut"))
			dir, rejected, m := export(t, []umzug.Document{tt.d, good}, nil)
			if len(rejected) != 1 {
				t.Fatalf("WriteDocuments rejected %d documents; want 1 (%v)", len(rejected), rejected)
			}
			re := rejected[0]
			if re.URL != tt.d.URL {
				t.Errorf("RecordError.URL = %q; want %q", re.URL, tt.d.URL)
			}
			if !errors.Is(re.Err, umzug.ErrInvalid) {
				t.Errorf("RecordError.Err = %v; want it to wrap umzug.ErrInvalid", re.Err)
			}
			if !strings.Contains(re.Error(), tt.d.URL) {
				t.Errorf("RecordError.Error() = %q; want it to name %s", re.Error(), tt.d.URL)
			}
			raw, err := os.ReadFile(filepath.Join(dir, "documents.ndjson"))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
			if len(lines) != 1 {
				t.Fatalf("documents.ndjson has %d lines; want only the valid document:\n%s", len(lines), raw)
			}
			var d umzug.Document
			if err := json.Unmarshal([]byte(lines[0]), &d); err != nil || d.ID != uid("a") {
				t.Errorf("documents.ndjson holds %s (err %v); want document a", lines[0], err)
			}
			if m.Counts["documents"] != 1 {
				t.Errorf("manifest counts documents = %d; want 1", m.Counts["documents"])
			}
		})
	}
}

func TestNewExporterRemovesOldManifest(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "manifest.json")
	if err := os.WriteFile(old, []byte(`{"runId":"old-run"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newExporter(t, dir)
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("after NewExporter, stat manifest.json = %v; want it removed", err)
	}
	// Until Finish, the directory does not look complete.
	if _, err := e.WriteDocuments([]umzug.Document{doc("a", umzug.KindPage, "A")}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after WriteDocuments, stat manifest.json = %v; want no manifest before Finish", err)
	}
	if _, err := e.Finish("2024-03-12T10:05:00Z", nil); err != nil {
		t.Fatal(err)
	}
	if m := readManifest(t, dir); m.RunID != "run-1" {
		t.Errorf("manifest runId = %q; want the new run's %q", m.RunID, "run-1")
	}
}

func TestNewExporterCreatesDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	newExporter(t, dir)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Errorf("NewExporter(%s): directory not created (%v)", dir, err)
	}
}

func TestExportLeavesNoTemporaryFilesAndIsReadable(t *testing.T) {
	dir, _, _ := export(t, []umzug.Document{doc("a", umzug.KindPage, "A"), doc("b", umzug.KindPage, "")},
		[]umzug.Finding{{Rule: umzug.RuleEmptyElement, Severity: umzug.SeverityInfo, URL: "https://www.example.de/a", Message: "leer"}})
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().IsRegular() && fi.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v; want 0644", e.Name(), fi.Mode().Perm())
		}
	}
	if want := []string{"documents.ndjson", "findings.ndjson", "manifest.json"}; !slices.Equal(names, want) {
		t.Errorf("export directory holds %v; want exactly %v (no temporary files)", names, want)
	}
}

// TestCommitAsync: a file committed with CommitAsync is in place once
// wait returns, and the manifest lists it as Commit would: the same
// records, bytes and sha256 as the same file committed with Commit.
func TestCommitAsync(t *testing.T) {
	write := func(dir string, async bool) load.Manifest {
		e := newExporter(t, dir)
		w, err := e.Create("documents.ndjson", "document")
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"a", "b", "c"} {
			d := doc(name, umzug.KindPage, "Titel "+name, textBlock("c1", "Text von "+name))
			if err := w.WriteDocument(&d); err != nil {
				t.Fatal(err)
			}
		}
		if async {
			wait := w.CommitAsync()
			if err := wait(); err != nil {
				t.Fatalf("wait: %v", err)
			}
		} else if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "documents.ndjson")); err != nil {
			t.Fatalf("documents.ndjson not in place: %v", err)
		}
		if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(tmp) > 0 {
			t.Fatalf("temporary files left: %v", tmp)
		}
		if _, err := e.Finish("2024-03-12T10:05:00Z", nil); err != nil {
			t.Fatal(err)
		}
		return readManifest(t, dir)
	}
	sync, async := write(t.TempDir(), false), write(t.TempDir(), true)
	if !slices.Equal(sync.Files, async.Files) || len(async.Files) != 1 || async.Files[0].Records != 3 {
		t.Fatalf("files after CommitAsync %+v, after Commit %+v", async.Files, sync.Files)
	}
	if async.Counts["documents"] != 3 {
		t.Fatalf("counts %v", async.Counts)
	}
}
