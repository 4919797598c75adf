package load

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// demoDocuments reads the documents of the demo export's golden file:
// every block type the extractor makes, with rich text, links, images,
// refs and press releases.
func demoDocuments(t testing.TB) []umzug.Document {
	t.Helper()
	f, err := os.Open("../cmd/testdata/demo-documents.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []umzug.Document
	dec := json.NewDecoder(f)
	for {
		var d umzug.Document
		if err := dec.Decode(&d); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if len(docs) < 20 {
		t.Fatalf("%d demo documents; want the whole demo export", len(docs))
	}
	return docs
}

func schemaVerdict(t *testing.T, v *Validator, kind string, rec any) error {
	t.Helper()
	line, err := marshalLine(rec)
	if err != nil {
		return err
	}
	return v.ValidateJSON(kind, line)
}

// firstBlock returns the first block of d for which ok holds.
func firstBlock(d *umzug.Document, ok func(*umzug.Block) bool) *umzug.Block {
	for i := range d.Blocks {
		if ok(&d.Blocks[i]) {
			return &d.Blocks[i]
		}
	}
	return nil
}

// firstRichText returns the first non-empty rich text of d.
func firstRichText(d *umzug.Document) *umzug.PortableText {
	var out *umzug.PortableText
	d.RichTexts(func(pt *umzug.PortableText) {
		if out == nil && len(*pt) > 0 && len((*pt)[0].Children) > 0 {
			out = pt
		}
	})
	return out
}

// validatorAndChecks returns the JSON Schema validator and the typed
// checks compiled from the same schema.
func validatorAndChecks(t testing.TB) (*Validator, map[string]*typedCheck) {
	t.Helper()
	val, err := NewValidator(RichTextPortable)
	if err != nil {
		t.Fatal(err)
	}
	checks, err := typedChecks()
	if err != nil {
		t.Fatal(err)
	}
	return val, checks
}

// TestTypedChecksAgreeWithSchema proves that the typed checks a run
// applies to every record give the JSON Schema validator's verdict: on
// every demo document, and on each of them broken (or changed) in one
// way at a time.
func TestTypedChecksAgreeWithSchema(t *testing.T) {
	val, checks := validatorAndChecks(t)
	tc := checks["document"]
	const badUUID = "015fe4bc-c55d-408d-aadb-61419905178d" // v4, not v5
	mutations := []struct {
		name  string
		valid bool // what the schema says, when the mutation applies
		apply func(d *umzug.Document) bool
	}{
		{"unchanged", true, func(*umzug.Document) bool { return true }},
		{"empty id", false, func(d *umzug.Document) bool { d.ID = ""; return true }},
		{"id not a UUIDv5", false, func(d *umzug.Document) bool { d.ID = badUUID; return true }},
		{"id in upper case", false, func(d *umzug.Document) bool { d.ID = strings.ToUpper(d.ID); return true }},
		{"unknown kind", false, func(d *umzug.Document) bool { d.Kind = "news"; return true }},
		{"empty kind", false, func(d *umzug.Document) bool { d.Kind = ""; return true }},
		{"empty title (the schema allows it)", true, func(d *umzug.Document) bool { d.Title = ""; return true }},
		{"blocks null", false, func(d *umzug.Document) bool { d.Blocks = nil; return true }},
		{"no blocks", true, func(d *umzug.Document) bool { d.Blocks = []umzug.Block{}; return true }},
		{"bad content hash", false, func(d *umzug.Document) bool { d.ContentHash = "md5:1"; return true }},
		{"no content hash", true, func(d *umzug.Document) bool { d.ContentHash = ""; return true }},
		{"unknown block type", false, func(d *umzug.Document) bool {
			b := firstBlock(d, func(*umzug.Block) bool { return true })
			if b == nil {
				return false
			}
			b.Type = "carousel"
			return true
		}},
		{"two payloads", false, func(d *umzug.Document) bool {
			b := firstBlock(d, func(b *umzug.Block) bool { return b.Type != umzug.BlockDivider })
			if b == nil {
				return false
			}
			b.Divider = &umzug.Divider{}
			return true
		}},
		{"payload of another type", false, func(d *umzug.Document) bool {
			b := firstBlock(d, func(b *umzug.Block) bool { return b.Type == umzug.BlockText })
			if b == nil {
				return false
			}
			b.Type = umzug.BlockQuote
			return true
		}},
		{"no payload", false, func(d *umzug.Document) bool {
			b := firstBlock(d, func(b *umzug.Block) bool { return b.Type == umzug.BlockHeading })
			if b == nil {
				return false
			}
			b.Heading = nil
			return true
		}},
		{"rich text null", false, func(d *umzug.Document) bool {
			b := firstBlock(d, func(b *umzug.Block) bool { return b.Type == umzug.BlockText })
			if b == nil {
				return false
			}
			b.Text.Body = nil
			return true
		}},
		{"span marks null", false, func(d *umzug.Document) bool {
			pt := firstRichText(d)
			if pt == nil {
				return false
			}
			(*pt)[0].Children[0].Marks = nil
			return true
		}},
		{"span children null", false, func(d *umzug.Document) bool {
			pt := firstRichText(d)
			if pt == nil {
				return false
			}
			(*pt)[0].Children = nil
			return true
		}},
		{"block _type not block", false, func(d *umzug.Document) bool {
			pt := firstRichText(d)
			if pt == nil {
				return false
			}
			(*pt)[0].Type = "paragraph"
			return true
		}},
		{"span _type not span", false, func(d *umzug.Document) bool {
			pt := firstRichText(d)
			if pt == nil {
				return false
			}
			(*pt)[0].Children[0].Type = "text"
			return true
		}},
		{"link to a document id that is no UUIDv5", false, func(d *umzug.Document) bool {
			pt := firstRichText(d)
			if pt == nil {
				return false
			}
			(*pt)[0].MarkDefs = append((*pt)[0].MarkDefs, umzug.MarkDef{Type: "link", Key: "x", Href: "https://x.example/", Document: "x"})
			return true
		}},
		{"mark definition of another type", false, func(d *umzug.Document) bool {
			pt := firstRichText(d)
			if pt == nil {
				return false
			}
			(*pt)[0].MarkDefs = append((*pt)[0].MarkDefs, umzug.MarkDef{Type: "footnote", Key: "x", Href: "https://x.example/"})
			return true
		}},
		{"ref to a snippet id that is no UUIDv5", false, func(d *umzug.Document) bool {
			d.Blocks = append(d.Blocks, umzug.Block{Key: "r1", Type: umzug.BlockRef, Ref: &umzug.Ref{Snippet: badUUID}})
			return true
		}},
		{"ref to a snippet", true, func(d *umzug.Document) bool {
			d.Blocks = append(d.Blocks, umzug.Block{Key: "r1", Type: umzug.BlockRef, Ref: &umzug.Ref{Snippet: d.ID}})
			return true
		}},
		{"table rows null", false, func(d *umzug.Document) bool {
			d.Blocks = append(d.Blocks, umzug.Block{Key: "t1", Type: umzug.BlockTable, Table: &umzug.Table{}})
			return true
		}},
		{"table row cells null", false, func(d *umzug.Document) bool {
			d.Blocks = append(d.Blocks, umzug.Block{Key: "t1", Type: umzug.BlockTable, Table: &umzug.Table{Rows: []umzug.TableRow{{}}}})
			return true
		}},
		{"image asset not a UUIDv5", false, func(d *umzug.Document) bool {
			d.Blocks = append(d.Blocks, umzug.Block{Key: "i1", Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: "https://x.example/a.jpg", Asset: "a"}}})
			return true
		}},
		{"image", true, func(d *umzug.Document) bool {
			d.Blocks = append(d.Blocks, umzug.Block{Key: "i1", Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: "https://x.example/a.jpg", Asset: d.ID}}})
			return true
		}},
		{"gallery items null", false, func(d *umzug.Document) bool {
			d.Blocks = append(d.Blocks, umzug.Block{Key: "g1", Type: umzug.BlockGallery, Gallery: &umzug.Gallery{Layout: "grid"}})
			return true
		}},
	}
	docs := demoDocuments(t)
	applied := map[string]int{}
	for _, base := range docs {
		for _, m := range mutations {
			d := base.Clone()
			if !m.apply(&d) {
				continue
			}
			applied[m.name]++
			want := schemaVerdict(t, val, "document", &d)
			got := tc.check(&d)
			if (want == nil) != (got == nil) {
				t.Errorf("%s, %s: typed check says %v; schema says %v", base.URL, m.name, got, want)
			}
			if (want == nil) != m.valid {
				t.Errorf("%s, %s: schema says %v; want valid=%v (the table is wrong)", base.URL, m.name, want, m.valid)
			}
			if got != nil && !errors.Is(got, umzug.ErrInvalid) {
				t.Errorf("%s, %s: typed check error %v does not wrap ErrInvalid", base.URL, m.name, got)
			}
		}
	}
	for _, m := range mutations {
		if applied[m.name] == 0 {
			t.Errorf("mutation %q applied to no demo document", m.name)
		}
	}
}

// TestTypedChecksOtherKinds checks snippets, assets, findings and
// failures both ways.
func TestTypedChecksOtherKinds(t *testing.T) {
	val, checks := validatorAndChecks(t)
	id := "015fe4bc-c55d-508d-aadb-61419905178d"
	text := umzug.Block{Key: "c1", Type: umzug.BlockText, Text: &umzug.Text{Body: umzug.PortableText{{Type: "block", Key: "b", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Key: "s", Text: "x", Marks: []string{}}}, MarkDefs: []umzug.MarkDef{}}}}}
	cases := []struct {
		kind string
		rec  any
	}{
		{"snippet", &umzug.Snippet{ID: id, Block: text}},
		{"snippet", &umzug.Snippet{ID: "x", Block: text}},
		{"snippet", &umzug.Snippet{ID: id, Block: umzug.Block{Key: "c1", Type: umzug.BlockText}}},
		{"asset", &umzug.Asset{ID: id, URL: "https://x.example/a.pdf"}},
		{"asset", &umzug.Asset{ID: "", URL: "https://x.example/a.pdf"}},
		{"finding", &umzug.Finding{Rule: "broken-link", Severity: "error", URL: "https://x.example/"}},
		{"finding", &umzug.Finding{Rule: "broken-link", Severity: "fatal", URL: "https://x.example/"}},
		{"failure", &umzug.Failure{URL: "https://x.example/", Stage: umzug.StageLoad, Reason: umzug.ReasonInvalidRecord}},
	}
	for _, c := range cases {
		want := schemaVerdict(t, val, c.kind, c.rec)
		got := checks[c.kind].check(c.rec)
		if (want == nil) != (got == nil) {
			t.Errorf("%s %+v: typed check says %v; schema says %v", c.kind, c.rec, got, want)
		}
	}
}

// TestTypedCheckRefusesUnknownKeywords: a schema constraint the typed
// check does not know stops it from being built, instead of being
// skipped.
func TestTypedCheckRefusesUnknownKeywords(t *testing.T) {
	type rec struct {
		Name string `json:"name"`
	}
	for _, s := range []string{
		`{"type":"object","properties":{"name":{"type":"string","minLength":1}},"required":["name"],"additionalProperties":false}`,
		`{"type":"object","properties":{"name":{"type":"string"}},"additionalProperties":true}`,
		`{"type":"object","properties":{"name":{"type":"string"},"other":{"type":"string"}},"additionalProperties":false}`,
		`{"type":"object","properties":{},"additionalProperties":false}`,
		`{"type":"object","properties":{"name":{"type":"integer"}},"additionalProperties":false}`,
	} {
		if _, err := newTypedCheck([]byte(s), reflect.TypeFor[rec]()); err == nil {
			t.Errorf("newTypedCheck(%s) gave no error", s)
		}
	}
	if _, err := newTypedCheck([]byte(`{"type":"object","properties":{"name":{"type":"string","pattern":"^a"}},"required":["name"],"additionalProperties":false}`), reflect.TypeFor[rec]()); err != nil {
		t.Errorf("newTypedCheck of a known schema: %v", err)
	}
}

// TestInvalidRecordRejectedWithoutSchemaSample: with the schema
// validator left out (no sample), a record that breaks the schema is
// still rejected with its reason, never written.
func TestInvalidRecordRejectedWithoutSchemaSample(t *testing.T) {
	dir := t.TempDir()
	e, err := NewExporter(dir, Manifest{Generator: "t", Source: "https://www.example.de/", RunID: "r", StartedAt: "2024-01-01T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	e.SetSchemaSample(0)
	docs := demoDocuments(t)[:3]
	bad := docs[1].Clone()
	bad.ContentHash = "md5:1"
	docs = append(docs, bad)
	docs[3].ID = "015fe4bc-c55d-508d-aadb-000000000000"
	rejected, err := e.WriteDocuments(docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(rejected) != 1 || rejected[0].URL != bad.URL || !errors.Is(rejected[0].Err, umzug.ErrInvalid) || !strings.Contains(rejected[0].Err.Error(), "/contentHash") {
		t.Fatalf("rejected %v; want %s for its contentHash", rejected, bad.URL)
	}
	if _, err := e.Finish("2024-01-01T00:00:01Z", nil); err != nil {
		t.Fatal(err)
	}
	if err := ValidateExport(dir); err != nil {
		t.Errorf("ValidateExport: %v", err)
	}
	b, _ := os.ReadFile(dir + "/documents.ndjson")
	if n := strings.Count(string(b), "\n"); n != 3 {
		t.Errorf("%d documents written; want 3", n)
	}
}

// TestTypedCheckErrorPaths: an error names the JSON Pointer of the value,
// through array items and nested objects.
func TestTypedCheckErrorPaths(t *testing.T) {
	_, checks := validatorAndChecks(t)
	d := demoDocuments(t)[0].Clone()
	if len(d.Blocks) < 2 {
		t.Fatalf("%s: %d blocks; want 2 or more", d.URL, len(d.Blocks))
	}
	d.Kind = "news"
	d.Blocks[1].Type = "poster"
	err := checks["document"].check(&d)
	if err == nil {
		t.Fatal("check of a broken document = nil; want errors")
	}
	for _, want := range []string{`/kind: "news" is not one of`, `/blocks/1/type: "poster" is not one of`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("check = %v; want it to name %q", err, want)
		}
	}
}

// BenchmarkTypedCheck is the typed check of one demo document (valid).
func BenchmarkTypedCheck(b *testing.B) {
	_, checks := validatorAndChecks(b)
	docs := demoDocuments(b)
	tc := checks["document"]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := tc.check(&docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
