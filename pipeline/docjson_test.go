package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"path/filepath"
	"testing"

	"github.com/umzug/umzug"
	xhtml "github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/internal/docjson"
	"github.com/umzug/umzug/internal/testkit"
	"github.com/umzug/umzug/load"
	"github.com/umzug/umzug/transform"
)

// v1ContentHash is transform.ContentHash as encoding/json computes it.
func v1ContentHash(t testing.TB, d umzug.Document) string {
	d.Provenance, d.ContentHash = umzug.Provenance{}, ""
	sum := sha256.Sum256(testkit.EncodingJSON(t, &d, true))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// sameAsEncodingJSON checks every encoding of the export's hot path on d
// against encoding/json: the document (both escapings, load.MarshalLine),
// its provenance, every block and header, the blocks' fingerprints, the
// content hash and the hashed line of the second pass; and the document
// the spool gives back against the JSON round trip's.
func sameAsEncodingJSON(t *testing.T, name string, d umzug.Document) {
	t.Helper()
	check := func(what string, got, want []byte) {
		t.Helper()
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: %s differs from encoding/json:\n got %s\nwant %s", name, what, got, want)
		}
	}
	for _, html := range []bool{false, true} {
		check("document", docjson.AppendDocument(nil, &d, html), testkit.EncodingJSON(t, &d, html))
		check("provenance", docjson.AppendProvenance(nil, &d.Provenance, html), testkit.EncodingJSON(t, &d.Provenance, html))
		for i := range d.Blocks {
			check("block", docjson.AppendBlock(nil, &d.Blocks[i], html), testkit.EncodingJSON(t, &d.Blocks[i], html))
			if h := d.Blocks[i].Header; h != nil {
				check("header", docjson.AppendHeader(nil, h, html), testkit.EncodingJSON(t, h, html))
			}
		}
	}
	line, err := load.MarshalLine(&d)
	if err != nil {
		t.Fatal(err)
	}
	check("spool line", line, append(testkit.EncodingJSON(t, &d, false), '\n'))
	for i := range d.Blocks {
		c := d.Blocks[i]
		c.Key, c.Anchor, c.Source, c.Header = "", "", nil, nil
		sum := sha256.Sum256(testkit.EncodingJSON(t, &c, true))
		if got, want := transform.BlockFingerprint(&d.Blocks[i]), binary.BigEndian.Uint64(sum[:8]); got != want {
			t.Fatalf("%s: block %d: fingerprint %x, encoding/json's %x", name, i, got, want)
		}
	}
	want := d
	want.ContentHash = v1ContentHash(t, d)
	if got := transform.ContentHash(d); got != want.ContentHash {
		t.Fatalf("%s: ContentHash %s, encoding/json's %s", name, got, want.ContentHash)
	}
	got := d
	hashed, err := transform.HashedLine(&got)
	if err != nil {
		t.Fatal(err)
	}
	if got.ContentHash != want.ContentHash {
		t.Fatalf("%s: HashedLine's hash %s, encoding/json's %s", name, got.ContentHash, want.ContentHash)
	}
	check("hashed line", hashed, append(testkit.EncodingJSON(t, &want, false), '\n'))
	sameDecoding(t, &d)
}

// TestExportEncodingAsEncodingJSONOnRealPages: on the documents the
// extractor makes of the real pages (shared/corpus/real and the
// evaluation pages, when they lie beside the repository) and of the demo
// (every block type), before and after normalization, and with strings
// that JSON escapes put into them (invalid UTF-8, <, > and &, U+2028,
// control characters), the export's encodings are encoding/json's.
func TestExportEncodingAsEncodingJSONOnRealPages(t *testing.T) {
	exp := testExport(t)
	docs := demoDocuments(t)
	names := make([]string, len(docs))
	for i := range docs {
		names[i] = "demo " + docs[i].URL
	}
	p := xhtml.NewParser()
	pages := 0
	testkit.EachRealPage(t, func(f string, body []byte) {
		if d, err := p.ParseHTML(bytes.NewReader(body), "https://www.example.de/"+filepath.Base(f)); err == nil {
			docs, names = append(docs, d), append(names, f) // (an error: not a content page)
			pages++
		}
	})
	t.Logf("%d demo documents, %d real pages", len(docs)-pages, pages)
	nasty := []string{"\xff", "a\xe2\x80b", "<b>Tom & Jerry</b>", "\u2028\u2029", "\x00\x1f\x7f", `"\`, "\ufffd", "\xed\xa0\x80"}
	for i, d := range docs {
		sameAsEncodingJSON(t, names[i], d)
		if n := exp.normalize(d, false); n.ok {
			sameAsEncodingJSON(t, names[i]+" (normalized)", n.d)
		}
		s := nasty[i%len(nasty)]
		odd := withString(docs, s, uint8(i), 3)
		odd.Provenance.SourceURL += s
		sameAsEncodingJSON(t, names[i]+" with "+s, odd)
		if n := exp.normalize(odd, false); n.ok {
			sameAsEncodingJSON(t, names[i]+" with "+s+" (normalized)", n.d)
		}
	}
}
