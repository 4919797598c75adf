package load_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

func validator(t *testing.T, rt load.RichText) *load.Validator {
	t.Helper()
	v, err := load.NewValidator(rt)
	if err != nil {
		t.Fatalf("NewValidator(%s): %v", rt, err)
	}
	return v
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSchemaIsDraft2020AndNamesEveryRecord(t *testing.T) {
	for _, kind := range load.RecordKinds {
		b, err := load.Schema(kind, load.RichTextPortable)
		if err != nil {
			t.Fatalf("Schema(%s): %v", kind, err)
		}
		var s map[string]any
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatalf("Schema(%s) is not JSON: %v", kind, err)
		}
		if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("Schema(%s) $schema = %v", kind, s["$schema"])
		}
	}
	if _, err := load.Schema("nope", ""); err == nil {
		t.Errorf("Schema(nope) gave no error")
	}
}

// TestSchemaBlockContract checks, through the schema alone (not
// Block.Validate), that a block has exactly one payload and that it is
// the one its type names.
func TestSchemaBlockContract(t *testing.T) {
	v := validator(t, load.RichTextPortable)
	good := doc("a", umzug.KindPage, "A", textBlock("c1", "Text"))
	if err := v.ValidateJSON("document", mustJSON(t, &good)); err != nil {
		t.Fatalf("valid document rejected: %v", err)
	}
	twoPayloads := textBlock("c2", "x")
	twoPayloads.Heading = &umzug.Heading{Text: "H", Level: 2}
	wrongPayload := umzug.Block{Key: "c3", Type: umzug.BlockHeading, Text: &umzug.Text{Body: umzug.PortableText{}}}
	noPayload := umzug.Block{Key: "c4", Type: umzug.BlockText}
	unknownType := umzug.Block{Key: "c5", Type: "carousel", Divider: &umzug.Divider{}}
	for name, b := range map[string]umzug.Block{"two payloads": twoPayloads, "payload of another type": wrongPayload, "no payload": noPayload, "unknown type": unknownType} {
		d := doc("a", umzug.KindPage, "A", b)
		if err := v.ValidateJSON("document", mustJSON(t, &d)); err == nil || !errors.Is(err, umzug.ErrInvalid) {
			t.Errorf("%s: schema accepted the block (err %v)", name, err)
		}
	}
	for name, mutate := range map[string]func(m map[string]any){
		"extra property":   func(m map[string]any) { m["extra"] = 1 },
		"unknown kind":     func(m map[string]any) { m["kind"] = "news" },
		"id not a UUIDv5":  func(m map[string]any) { m["id"] = "a" },
		"missing title":    func(m map[string]any) { delete(m, "title") },
		"bad content hash": func(m map[string]any) { m["contentHash"] = "md5:1" },
	} {
		var m map[string]any
		_ = json.Unmarshal(mustJSON(t, &good), &m)
		mutate(m)
		if err := v.ValidateJSON("document", mustJSON(t, m)); err == nil {
			t.Errorf("%s: schema accepted %v", name, m)
		}
	}
}

func TestSchemaRichTextModes(t *testing.T) {
	d := doc("a", umzug.KindPage, "A", textBlock("c1", "Text"))
	line := mustJSON(t, &d)
	if err := validator(t, load.RichTextHTML).ValidateJSON("document", line); err == nil {
		t.Errorf("html schema accepted Portable Text")
	}
	var m map[string]any
	_ = json.Unmarshal(line, &m)
	rendered, err := load.RenderRichText(m, load.RichTextHTML)
	if err != nil {
		t.Fatal(err)
	}
	if err := validator(t, load.RichTextHTML).ValidateJSON("document", mustJSON(t, rendered)); err != nil {
		t.Errorf("html schema rejected a rendered document: %v", err)
	}
	body := rendered.(map[string]any)["blocks"].([]any)[0].(map[string]any)["text"].(map[string]any)["body"]
	if body != "<p>Text</p>" {
		t.Errorf("rendered body = %#v; want <p>Text</p>", body)
	}
}

func TestExportWritesSchemasAndRichText(t *testing.T) {
	dir := t.TempDir()
	e, err := load.NewExporterRichText(dir, load.Manifest{Generator: "t", Source: "https://www.example.de/", RunID: "r", StartedAt: "2024-01-01T00:00:00Z"}, load.RichTextMarkdown)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.WriteDocuments([]umzug.Document{doc("a", umzug.KindPage, "A", textBlock("c1", "**nicht fett**"))}); err != nil {
		t.Fatal(err)
	}
	if err := e.WriteSchemas(); err != nil {
		t.Fatal(err)
	}
	m, err := e.Finish("2024-01-01T00:01:00Z", nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.RichText != load.RichTextMarkdown {
		t.Errorf("manifest richText = %q", m.RichText)
	}
	var files []string
	for _, f := range m.Files {
		files = append(files, f.Path)
	}
	for _, want := range []string{"documents.ndjson", "schema/document.schema.json", "schema/snippet.schema.json", "schema/asset.schema.json", "schema/finding.schema.json", "schema/manifest.schema.json"} {
		if !strings.Contains(strings.Join(files, " "), want) {
			t.Errorf("manifest files %v lack %s", files, want)
		}
	}
}
