package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
	"github.com/umzug/umzug/transform"
)

// sameDecoding checks that the spool gives back what the JSON round
// trip of d gives (encoding/json's line of it, decoded by encoding/json),
// which the export was built on.
func sameDecoding(t *testing.T, d *umzug.Document) {
	t.Helper()
	line, err := load.MarshalLine(d)
	if err != nil {
		t.Fatal(err)
	}
	var want, got umzug.Document
	if err := json.Unmarshal(line, &want); err != nil {
		t.Fatal(err)
	}
	if err := decodeSpooled(spoolRecord(d), &got); err != nil {
		t.Fatalf("%s: %v", d.URL, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the spool's document differs from the JSON round trip's:\n%+v\nwant\n%+v", d.URL, got, want)
	}
}

// demoDocuments reads the demo export's golden documents (cmd's
// TestDemoGolden): a stream of JSON objects.
func demoDocuments(tb testing.TB) []umzug.Document {
	f, err := os.Open(filepath.Join("..", "cmd", "testdata", "demo-documents.json"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var docs []umzug.Document
	dec := json.NewDecoder(f)
	for dec.More() {
		var d umzug.Document
		if err := dec.Decode(&d); err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// TestDecodeSpooledAsEncodingJSON: the second pass reads the spool's
// binary records (internal/docjson); on every demo document (every block
// type) and on strings that JSON escapes, it gives the value the JSON
// round trip gives.
func TestDecodeSpooledAsEncodingJSON(t *testing.T) {
	docs := demoDocuments(t)
	if len(docs) < 20 {
		t.Fatalf("%d demo documents", len(docs))
	}
	for i := range docs {
		sameDecoding(t, &docs[i])
	}
	odd := docs[0]
	odd.Title = "<b>&amp;</b> \u2028 \u2029 \x00 \"\\ \ufffd é"
	odd.URL = "https://example.de/\xff\xfe/ä"
	odd.Warnings = []umzug.Warning{}
	odd.Assets = nil
	odd.Blocks = append([]umzug.Block{}, odd.Blocks...)
	sameDecoding(t, &odd)
}

// withString returns a copy of one of docs (chosen by which) with one
// string in every (from the which-th on) set to s.
func withString(docs []umzug.Document, s string, which uint8, every int) umzug.Document {
	d := docs[int(which)%len(docs)]
	d.Blocks = append([]umzug.Block{}, d.Blocks...)
	n := 0
	d.Strings(func(p *string, _ bool) {
		if n%every == int(which)%every {
			*p = s
		}
		n++
	})
	return d
}

func FuzzDecodeSpooled(f *testing.F) {
	docs := demoDocuments(f)
	for _, s := range []string{"", "a", "<&>", "\xff", "\u2028", "\"\\/", "\x00\x1f"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, which uint8) {
		d := withString(docs, s, which, 3)
		sameDecoding(t, &d)
	})
}

// sameHashedLine checks that transform.HashedLine gives the content hash
// and the line of transform.ContentHash and load.MarshalLine.
func sameHashedLine(t *testing.T, d umzug.Document) {
	t.Helper()
	want := d
	want.ContentHash = transform.ContentHash(want)
	wantLine, err := load.MarshalLine(&want)
	if err != nil {
		t.Fatal(err)
	}
	got := d
	got.ContentHash = "sha256:stale"
	line, err := transform.HashedLine(&got)
	if err != nil {
		t.Fatal(err)
	}
	if got.ContentHash != want.ContentHash {
		t.Errorf("%s: hash %s, want %s", d.URL, got.ContentHash, want.ContentHash)
	}
	if !bytes.Equal(line, wantLine) {
		t.Errorf("%s: line\n%s\nwant\n%s", d.URL, line, wantLine)
	}
	// In the memory of a line given back, longer or shorter, whatever it holds.
	for _, dst := range [][]byte{bytes.Repeat([]byte("x"), len(wantLine)+100), bytes.Repeat([]byte("y"), len(wantLine)/2), make([]byte, 3, len(wantLine)+7)} {
		again := d
		again.ContentHash = "sha256:stale"
		line, err := transform.AppendHashedLine(dst, &again)
		if err != nil {
			t.Fatal(err)
		}
		if again.ContentHash != want.ContentHash || !bytes.Equal(line, wantLine) {
			t.Errorf("%s: AppendHashedLine into %d bytes of room: hash %s, line\n%s\nwant\n%s", d.URL, cap(dst), again.ContentHash, line, wantLine)
		}
	}
}

func TestHashedLineAsContentHashAndMarshalLine(t *testing.T) {
	docs := demoDocuments(t)
	for _, d := range docs {
		sameHashedLine(t, d)
	}
	d := docs[1]
	d.Title = "<b>Tom & Jerry</b> \u2028\u2029 \x01 \xff \"quoted\" \\"
	d.Provenance.AliasURLs = []string{"https://x.example/?a=1&b=<2>"}
	d.Warnings = []umzug.Warning{{Code: "x", Message: `"provenance":{"sourceUrl":""}`}}
	sameHashedLine(t, d)
	d.Provenance = umzug.Provenance{}
	sameHashedLine(t, d)
}

func FuzzHashedLine(f *testing.F) {
	docs := demoDocuments(f)
	for _, s := range []string{"", "<&>", "\xff", "\u2028", `,"provenance":{"sourceUrl":""}`, "\x00"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, which uint8) {
		d := withString(docs, s, which, 4)
		d.Provenance.SourceURL = s
		sameHashedLine(t, d)
	})
}
