// Package load writes what the new CMS imports: the export directory
// (NDJSON records validated against a generated JSON Schema, redirect
// maps, a manifest written last) and pushes an export to a CMS HTTP API.
package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/umzug/umzug"
)

// Manifest describes an export directory. It is written last: a directory
// without manifest.json is not a complete export.
type Manifest struct {
	SchemaVersion string   `json:"schemaVersion"`
	Generator     string   `json:"generator"`
	Source        string   `json:"source"`
	RunID         string   `json:"runId"`
	StartedAt     string   `json:"startedAt"`
	FinishedAt    string   `json:"finishedAt"`
	IDScheme      string   `json:"idScheme"`
	RichText      RichText `json:"richText,omitempty"`
	// Status is complete, partial (some URLs or records failed; see
	// Failures and failures.ndjson), interrupted (Ctrl-C: the export holds
	// what was done until then) or failed (nothing usable). Only a
	// complete export is loaded without --allow-partial.
	Status string `json:"status" jsonschema:"enum=complete,enum=partial,enum=interrupted,enum=failed"`
	// Failures counts the failures per reason (failures.ndjson lists them).
	Failures map[string]int `json:"failures,omitempty"`
	// Skipped counts the responses left out on purpose because they are
	// not content, per reason (views of a bounded URL space such as
	// "calendar view" or "search results", "not html", …). They are not
	// failures: they do not make the export partial.
	Skipped map[string]int `json:"skipped,omitempty"`
	// DroppedChars sums, per reason, the characters of visible text that
	// extraction left out of the exported documents (navigation, footer,
	// related, cookie, …): each document's provenance.accounting lists
	// them with their selectors.
	DroppedChars map[string]int `json:"droppedChars,omitempty"`
	Counts       map[string]int `json:"counts"`
	Stats        map[string]int `json:"stats,omitempty"`
	// Chrome lists the blocks left out of every document because they
	// repeat on nearly every page (frequency-based chrome detection).
	Chrome []umzug.ChromeBlock `json:"chrome,omitempty"`
	Files  []ManifestFile      `json:"files"`
}

// ManifestFile describes one file of the export.
type ManifestFile struct {
	Path    string `json:"path"`
	Records int    `json:"records"`
	Bytes   int64  `json:"bytes"`
	SHA256  string `json:"sha256"`
}

// IDScheme explains document ids in the manifest.
const IDScheme = "uuidv5(namespace=uuidv5(URL, siteRoot), canonicalURL)"

// Exporter writes an export directory. Files are written to temporary
// names and renamed into place; the manifest comes last, and the manifest
// of an earlier export in the same directory is removed first, so an
// interrupted run never leaves a directory that looks complete. Every
// record is validated against the export's JSON Schema before it is
// written.
type Exporter struct {
	dir      string
	manifest Manifest
	rt       RichText
	val      *Validator
	// checks are the typed checks of the record kinds (nil when rich
	// text is rendered: the schema then applies to the rendered JSON).
	checks map[string]*typedCheck
	// schemaSample is how many records of each file the schema
	// validator checks besides the typed checks (-1: all).
	schemaSample int
}

// DefaultSchemaSample is how many records of each file the JSON Schema
// validator checks in a run, besides the typed checks every record gets.
const DefaultSchemaSample = 16

// NewExporter prepares dir for a new export with rich text as Portable Text.
func NewExporter(dir string, m Manifest) (*Exporter, error) {
	return NewExporterRichText(dir, m, RichTextPortable)
}

// NewExporterRichText prepares dir for a new export whose rich text is
// written as rt.
func NewExporterRichText(dir string, m Manifest, rt RichText) (*Exporter, error) {
	if rt == "" {
		rt = RichTextPortable
	}
	val, err := NewValidator(rt)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating export directory: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, "manifest.json")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("removing old manifest: %w", err)
	}
	if err := removeStaleTemp(dir); err != nil {
		return nil, err
	}
	if m.Counts == nil {
		m.Counts = map[string]int{}
	}
	if m.Status == "" {
		m.Status = umzug.StatusComplete
	}
	m.SchemaVersion = umzug.SchemaVersion
	m.IDScheme = IDScheme
	if rt != RichTextPortable {
		m.RichText = rt
	}
	e := &Exporter{dir: dir, manifest: m, rt: rt, val: val, schemaSample: DefaultSchemaSample}
	if rt == RichTextPortable {
		if e.checks, err = typedChecks(); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// typedChecks compiles the typed checks of the record kinds with a Go
// type of their own (the manifest is validated once, by the schema).
func typedChecks() (map[string]*typedCheck, error) {
	checks := map[string]*typedCheck{}
	for _, kind := range RecordKinds {
		if kind == "manifest" {
			continue
		}
		b, err := Schema(kind, RichTextPortable)
		if err != nil {
			return nil, err
		}
		if checks[kind], err = newTypedCheck(b, recordType(kind)); err != nil {
			return nil, err
		}
	}
	return checks, nil
}

// SetSchemaSample sets how many records of each file the JSON Schema
// validator checks besides the typed checks: 0 none, -1 every record
// (tests; about ten times the CPU of the typed checks).
func (e *Exporter) SetSchemaSample(n int) { e.schemaSample = n }

// Dir is the export directory.
func (e *Exporter) Dir() string { return e.dir }

// SetStatus records the export's status and its failures per reason.
func (e *Exporter) SetStatus(status string, failures map[string]int) {
	e.manifest.Status = status
	e.manifest.Failures = failures
}

// SetSkipped records the responses left out because they are not
// content, per reason.
func (e *Exporter) SetSkipped(skipped map[string]int) {
	if len(skipped) == 0 {
		skipped = nil
	}
	e.manifest.Skipped = skipped
}

// SetDropped records the text left out of the exported documents, in
// characters per reason.
func (e *Exporter) SetDropped(chars map[string]int) {
	if len(chars) == 0 {
		chars = nil
	}
	e.manifest.DroppedChars = chars
}

// removeStaleTemp removes the temporary files an export killed before
// its commit left in dir and dir/schema (".documents.ndjson.tmp-…").
// The export that starts now owns the directory.
func removeStaleTemp(dir string) error {
	for _, d := range []string{dir, filepath.Join(dir, "schema")} {
		names, err := filepath.Glob(filepath.Join(d, ".*.tmp-*"))
		if err != nil {
			return err
		}
		for _, n := range names {
			if err := os.Remove(n); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("removing stale temporary file: %w", err)
			}
		}
	}
	return nil
}

// ReadManifest reads the manifest of the export in dir. An export without
// one is not an export (or was interrupted before it was written). A
// manifest of an older umzug without status counts as complete: those
// wrote it only at the end of a complete run.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return m, fmt.Errorf("%s: not a complete export (no manifest.json)", dir)
		}
		return m, fmt.Errorf("reading %s: %w", dir, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("reading %s/manifest.json: %w", dir, err)
	}
	if m.Status == "" {
		m.Status = umzug.StatusComplete
	}
	return m, nil
}

// ErrNotComplete is wrapped by CheckComplete's error.
var ErrNotComplete = errors.New("export is not complete")

// CheckComplete returns an error wrapping ErrNotComplete unless the
// manifest says the export is complete, naming its status and failures.
func CheckComplete(dir string, m Manifest) error {
	if m.Status == umzug.StatusComplete {
		return nil
	}
	var parts []string
	for r, n := range m.Failures {
		parts = append(parts, fmt.Sprintf("%s %d", r, n))
	}
	slices.Sort(parts)
	why := ""
	if len(parts) > 0 {
		why = " (failures: " + strings.Join(parts, ", ") + "; see failures.ndjson)"
	}
	return fmt.Errorf("%s: %w: its manifest says %s%s", dir, ErrNotComplete, m.Status, why)
}

// Count adds n to the manifest count of key.
func (e *Exporter) Count(key string, n int) { e.manifest.Counts[key] += n }

// SetChrome records the chrome blocks in the manifest.
func (e *Exporter) SetChrome(c []umzug.ChromeBlock) { e.manifest.Chrome = c }

// RecordError is a record that was not written because it broke the
// export contract.
type RecordError struct {
	URL string
	Err error
}

func (e RecordError) Error() string { return e.URL + ": " + e.Err.Error() }

func (e RecordError) Unwrap() error { return e.Err }

// RecordWriter writes one NDJSON file of the export, validating every
// record against the schema of its kind.
type RecordWriter struct {
	e       *Exporter
	name    string
	kind    string
	f       *atomicFile
	records int
	sampled atomic.Int64 // records checked by the schema validator
}

// Create starts the NDJSON file name (a path relative to the export
// directory) for records of kind (document, snippet, asset, finding).
func (e *Exporter) Create(name, kind string) (*RecordWriter, error) {
	if _, ok := e.val.schemas[kind]; !ok {
		return nil, fmt.Errorf("creating %s: unknown record kind %q", name, kind)
	}
	f, err := createAtomic(filepath.Join(e.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	return &RecordWriter{e: e, name: name, kind: kind, f: f}, nil
}

// Write validates v and writes it as one line. A record that breaks the
// schema is not written; the error wraps umzug.ErrInvalid and the file
// stays usable. Other errors are I/O errors.
func (w *RecordWriter) Write(v any) error {
	line, err := w.Prepare(v)
	if err != nil {
		return err
	}
	return w.WriteLine(line)
}

// WriteJSON is Write for a record already encoded as one line of JSON.
func (w *RecordWriter) WriteJSON(line []byte) error {
	line, err := w.PrepareJSON(line)
	if err != nil {
		return err
	}
	return w.WriteLine(line)
}

// Prepare encodes v, renders its rich text and validates it, returning
// the line to write with WriteLine. It is safe for concurrent use, so
// records can be checked in parallel and written in order.
func (w *RecordWriter) Prepare(v any) ([]byte, error) {
	return w.prepare(v, nil)
}

// prepare is Prepare with v's line when the caller has encoded it (nil:
// encoded here).
func (w *RecordWriter) prepare(v any, line []byte) ([]byte, error) {
	tc := w.e.checks[w.kind]
	if tc != nil && !tc.accepts(v) {
		tc = nil // not the kind's Go type (decoded JSON): the schema checks it
	}
	if tc != nil {
		if err := tc.check(v); err != nil {
			return nil, err
		}
	}
	if line == nil {
		var err error
		if line, err = marshalLine(v); err != nil {
			return nil, fmt.Errorf("%w: encoding %s: %v", umzug.ErrInvalid, w.kind, err)
		}
	}
	if tc != nil && !w.schemaTurn() {
		return line, nil
	}
	return w.PrepareJSON(line)
}

// schemaTurn says whether the next record goes through the schema
// validator (the first schemaSample records of the file, in the order
// Prepare is called) rather than the typed checks.
func (w *RecordWriter) schemaTurn() bool {
	n := w.e.schemaSample
	return n < 0 || (n > 0 && w.sampled.Add(1) <= int64(n))
}

// PrepareJSON is Prepare for a record already encoded as JSON.
func (w *RecordWriter) PrepareJSON(line []byte) ([]byte, error) {
	rec, err := validator.UnmarshalJSON(bytes.NewReader(line))
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not JSON: %v", umzug.ErrInvalid, w.kind, err)
	}
	if w.e.rt != RichTextPortable && (w.kind == "document" || w.kind == "snippet") {
		rec, err = RenderRichText(rec, w.e.rt)
		if err != nil {
			return nil, fmt.Errorf("%w: rendering rich text: %v", umzug.ErrInvalid, err)
		}
		if line, err = marshalLine(rec); err != nil {
			return nil, fmt.Errorf("%w: encoding %s: %v", umzug.ErrInvalid, w.kind, err)
		}
	}
	if err := w.e.val.Validate(w.kind, rec); err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(line, []byte("\n")) {
		line = append(line, '\n')
	}
	return line, nil
}

// WriteLine writes a line that Prepare returned.
func (w *RecordWriter) WriteLine(line []byte) error {
	if _, err := w.f.Write(line); err != nil {
		return fmt.Errorf("writing %s: %w", w.name, err)
	}
	w.records++
	return nil
}

// Records is the number of records written so far.
func (w *RecordWriter) Records() int { return w.records }

// Commit syncs and renames the file into place and lists it in the manifest.
func (w *RecordWriter) Commit() error {
	if err := w.f.Commit(); err != nil {
		return err
	}
	w.e.addFile(ManifestFile{Path: w.name, Records: w.records, Bytes: w.f.n, SHA256: w.f.sum()})
	return nil
}

// CommitAsync is Commit with the file's sync and rename on a goroutine
// of their own, so that the caller writes the next files while the disk
// takes the file in (the sync of the export's large documents.ndjson is
// a quarter of a second). wait returns what Commit would have returned
// and then lists the file in the manifest; the caller calls it once,
// before the manifest is written, on the goroutine that uses the
// Exporter.
func (w *RecordWriter) CommitAsync() (wait func() error) {
	if err := w.f.flush(); err != nil {
		return func() error { return err }
	}
	done := make(chan error, 1)
	go func() { done <- w.f.f.Commit() }()
	return func() error {
		if err := <-done; err != nil {
			return err
		}
		w.e.addFile(ManifestFile{Path: w.name, Records: w.records, Bytes: w.f.n, SHA256: w.f.sum()})
		return nil
	}
}

// Abort removes the unfinished file.
func (w *RecordWriter) Abort() { w.f.Abort() }

func (e *Exporter) addFile(f ManifestFile) {
	e.manifest.Files = slices.DeleteFunc(e.manifest.Files, func(m ManifestFile) bool { return m.Path == f.Path })
	e.manifest.Files = append(e.manifest.Files, f)
}

// WriteFile writes a file that is not NDJSON (CSV, nginx map, schema)
// atomically and lists it in the manifest with records lines.
func (e *Exporter) WriteFile(name string, data []byte, records int) error {
	p := filepath.Join(e.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(p), err)
	}
	f, err := createAtomic(p)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	e.addFile(ManifestFile{Path: name, Records: records, Bytes: f.n, SHA256: f.sum()})
	return nil
}

// WriteSchemas writes schema/<kind>.schema.json for every record kind.
func (e *Exporter) WriteSchemas() error {
	for _, kind := range RecordKinds {
		b, err := Schema(kind, e.rt)
		if err != nil {
			return err
		}
		if err := e.WriteFile("schema/"+kind+".schema.json", b, 1); err != nil {
			return err
		}
	}
	return nil
}

// WriteDocument checks the document contract and writes d, counting its kind.
func (w *RecordWriter) WriteDocument(d *umzug.Document) error {
	line, err := w.PrepareDocument(d)
	if err != nil {
		return err
	}
	return w.WriteDocumentLine(d.Kind, line)
}

// PrepareDocument is Prepare for a document: the Go contract checks
// (ValidateDocument) and the schema. Safe for concurrent use.
func (w *RecordWriter) PrepareDocument(d *umzug.Document) ([]byte, error) {
	if err := ValidateDocument(d); err != nil {
		return nil, err
	}
	line, err := w.Prepare(d)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", d.URL, err)
	}
	return line, nil
}

// PrepareDocumentLine is PrepareDocument for a document the caller has
// encoded already: line must be MarshalLine(d).
func (w *RecordWriter) PrepareDocumentLine(d *umzug.Document, line []byte) ([]byte, error) {
	if err := ValidateDocument(d); err != nil {
		return nil, err
	}
	line, err := w.prepare(d, line)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", d.URL, err)
	}
	return line, nil
}

// WriteDocumentLine writes a prepared document of the given kind.
func (w *RecordWriter) WriteDocumentLine(kind umzug.Kind, line []byte) error {
	if err := w.WriteLine(line); err != nil {
		return err
	}
	w.e.manifest.Counts[string(kind)]++
	w.e.manifest.Counts["documents"]++
	return nil
}

// WriteDocuments validates docs and writes the valid ones, sorted by id,
// to documents.ndjson. Invalid documents are returned, not written.
func (e *Exporter) WriteDocuments(docs []umzug.Document) ([]RecordError, error) {
	slices.SortFunc(docs, func(a, b umzug.Document) int { return strings.Compare(a.ID, b.ID) })
	w, err := e.Create("documents.ndjson", "document")
	if err != nil {
		return nil, err
	}
	var rejected []RecordError
	for i := range docs {
		if err := w.WriteDocument(&docs[i]); err != nil {
			if errors.Is(err, umzug.ErrInvalid) {
				rejected = append(rejected, RecordError{URL: docs[i].URL, Err: err})
				continue
			}
			w.Abort()
			return rejected, err
		}
	}
	return rejected, w.Commit()
}

// WriteFindings writes findings.ndjson in the order given.
func (e *Exporter) WriteFindings(fs []umzug.Finding) error {
	w, err := e.Create("findings.ndjson", "finding")
	if err != nil {
		return err
	}
	for i := range fs {
		if err := w.Write(&fs[i]); err != nil {
			w.Abort()
			return fmt.Errorf("finding %s %s: %w", fs[i].Rule, fs[i].URL, err)
		}
		e.manifest.Counts["findings"]++
	}
	return w.Commit()
}

// Finish writes manifest.json with the given finish time and stats, and
// returns the manifest.
func (e *Exporter) Finish(finishedAt string, stats map[string]int) (Manifest, error) {
	e.manifest.FinishedAt = finishedAt
	e.manifest.Stats = stats
	slices.SortFunc(e.manifest.Files, func(a, b ManifestFile) int { return strings.Compare(a.Path, b.Path) })
	b, err := json.MarshalIndent(e.manifest, "", "  ")
	if err != nil {
		return e.manifest, fmt.Errorf("encoding manifest: %w", err)
	}
	if err := e.val.ValidateJSON("manifest", b); err != nil {
		return e.manifest, fmt.Errorf("manifest: %w", err)
	}
	f, err := createAtomic(filepath.Join(e.dir, "manifest.json"))
	if err != nil {
		return e.manifest, err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Abort()
		return e.manifest, fmt.Errorf("writing manifest: %w", err)
	}
	return e.manifest, f.Commit()
}

// ValidateDocument checks the export contract of a document: id, kind,
// URL and title set, every block valid and keys unique.
func ValidateDocument(d *umzug.Document) error {
	var errs []error
	if d.ID == "" {
		errs = append(errs, errors.New("empty id"))
	}
	if d.Kind != umzug.KindPage && d.Kind != umzug.KindPressRelease {
		errs = append(errs, fmt.Errorf("unknown kind %q", d.Kind))
	}
	if d.URL == "" {
		errs = append(errs, errors.New("empty url"))
	}
	if d.Title == "" {
		errs = append(errs, errors.New("empty title"))
	}
	keys := map[string]bool{}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if err := b.Validate(); err != nil {
			errs = append(errs, err)
		}
		if keys[b.Key] {
			errs = append(errs, fmt.Errorf("duplicate block key %q", b.Key))
		}
		keys[b.Key] = true
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("document %s: %w: %w", d.URL, umzug.ErrInvalid, err)
	}
	return nil
}

// TextWriter writes a file of the export that is not NDJSON records (a
// CSV file, an nginx map) line by line, atomically.
type TextWriter struct {
	e     *Exporter
	name  string
	f     *atomicFile
	lines int
}

// CreateText starts the text file name.
func (e *Exporter) CreateText(name string) (*TextWriter, error) {
	f, err := createAtomic(filepath.Join(e.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	return &TextWriter{e: e, name: name, f: f}, nil
}

// Line writes s and a newline; records counts the lines that are records
// (not comments or headers) for the manifest.
func (t *TextWriter) Line(s string, record bool) error {
	if _, err := t.f.Write([]byte(s + "\n")); err != nil {
		return fmt.Errorf("writing %s: %w", t.name, err)
	}
	if record {
		t.lines++
	}
	return nil
}

// Commit syncs and renames the file into place and lists it in the manifest.
func (t *TextWriter) Commit() error {
	if err := t.f.Commit(); err != nil {
		return err
	}
	t.e.addFile(ManifestFile{Path: t.name, Records: t.lines, Bytes: t.f.n, SHA256: t.f.sum()})
	return nil
}

// Abort removes the unfinished file.
func (t *TextWriter) Abort() { t.f.Abort() }
