// Package load writes what the new CMS imports: the export directory
// (NDJSON records and a manifest) and, later, pushes to a CMS API.
package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/umzug/umzug"
)

// Manifest describes an export directory. It is written last: a directory
// without manifest.json is not a complete export.
type Manifest struct {
	SchemaVersion string         `json:"schemaVersion"`
	Generator     string         `json:"generator"`
	Source        string         `json:"source"`
	RunID         string         `json:"runId"`
	StartedAt     string         `json:"startedAt"`
	FinishedAt    string         `json:"finishedAt"`
	IDScheme      string         `json:"idScheme"`
	Counts        map[string]int `json:"counts"`
	Stats         map[string]int `json:"stats,omitempty"`
	Files         []ManifestFile `json:"files"`
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
// interrupted run never leaves a directory that looks complete.
type Exporter struct {
	dir      string
	manifest Manifest
}

// NewExporter prepares dir for a new export.
func NewExporter(dir string, m Manifest) (*Exporter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating export directory: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, "manifest.json")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("removing old manifest: %w", err)
	}
	if m.Counts == nil {
		m.Counts = map[string]int{}
	}
	m.SchemaVersion = umzug.SchemaVersion
	m.IDScheme = IDScheme
	return &Exporter{dir: dir, manifest: m}, nil
}

// RecordError is a record that was not written because it broke the
// export contract.
type RecordError struct {
	URL string
	Err error
}

func (e RecordError) Error() string { return e.URL + ": " + e.Err.Error() }

// WriteDocuments validates docs and writes the valid ones, sorted by id,
// to documents.ndjson. Invalid documents are returned, not written.
func (e *Exporter) WriteDocuments(docs []umzug.Document) ([]RecordError, error) {
	slices.SortFunc(docs, func(a, b umzug.Document) int { return strings.Compare(a.ID, b.ID) })
	var rejected []RecordError
	records := make([]any, 0, len(docs))
	for i := range docs {
		if err := ValidateDocument(&docs[i]); err != nil {
			rejected = append(rejected, RecordError{URL: docs[i].URL, Err: err})
			continue
		}
		records = append(records, &docs[i])
		e.manifest.Counts[string(docs[i].Kind)]++
		e.manifest.Counts["documents"]++
	}
	return rejected, e.writeNDJSON("documents.ndjson", records)
}

// WriteFindings writes findings.ndjson in the order given.
func (e *Exporter) WriteFindings(fs []umzug.Finding) error {
	records := make([]any, len(fs))
	for i := range fs {
		records[i] = &fs[i]
		e.manifest.Counts["findings"]++
	}
	return e.writeNDJSON("findings.ndjson", records)
}

func (e *Exporter) writeNDJSON(name string, records []any) error {
	f, err := createAtomic(filepath.Join(e.dir, name))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, r := range records {
		if err := enc.Encode(r); err != nil {
			f.Abort()
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	if err := f.Commit(); err != nil {
		return err
	}
	e.manifest.Files = append(e.manifest.Files, ManifestFile{Path: name, Records: len(records), Bytes: f.n, SHA256: f.sum()})
	return nil
}

// Finish writes manifest.json with the given finish time and stats, and
// returns the manifest.
func (e *Exporter) Finish(finishedAt string, stats map[string]int) (Manifest, error) {
	e.manifest.FinishedAt = finishedAt
	e.manifest.Stats = stats
	slices.SortFunc(e.manifest.Files, func(a, b ManifestFile) int { return strings.Compare(a.Path, b.Path) })
	f, err := createAtomic(filepath.Join(e.dir, "manifest.json"))
	if err != nil {
		return e.manifest, err
	}
	b, err := json.MarshalIndent(e.manifest, "", "  ")
	if err != nil {
		f.Abort()
		return e.manifest, fmt.Errorf("encoding manifest: %w", err)
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
