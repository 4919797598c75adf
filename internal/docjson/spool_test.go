package docjson

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/filltest"
	"github.com/umzug/umzug/internal/testkit"
)

// jsonRoundTrip is d after the JSON round trip of the spool's lines
// before the binary form: encoding/json's encoding without HTML escaping,
// decoded by encoding/json.
func jsonRoundTrip(t testing.TB, d *umzug.Document) umzug.Document {
	t.Helper()
	var got umzug.Document
	if err := json.Unmarshal(testkit.EncodingJSON(t, d, false), &got); err != nil {
		t.Fatal(err)
	}
	return got
}

func checkSpool(t *testing.T, d *umzug.Document, what string) {
	t.Helper()
	rec := AppendSpool([]byte("x"), d)[1:]
	var got umzug.Document
	if err := DecodeSpool(rec, &got); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if want := jsonRoundTrip(t, d); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: the spool gives\n%#v\nthe JSON round trip\n%#v", what, got, want)
	}
	// Every shorter record is damaged, and so is one with a byte more.
	for _, n := range []int{0, 1, len(rec) / 2, len(rec) - 1} {
		if n < len(rec) {
			var d umzug.Document
			if err := DecodeSpool(rec[:n], &d); err == nil {
				t.Fatalf("%s: a record cut to %d of %d bytes decodes", what, n, len(rec))
			}
		}
	}
	if err := DecodeSpool(append(rec[:len(rec):len(rec)], 0), &umzug.Document{}); err == nil {
		t.Fatalf("%s: a record with a byte more decodes", what)
	}
}

// TestSpoolAsJSON: a document read back from the spool's binary form is
// the one the JSON round trip gives (invalid UTF-8 as U+FFFD, empty
// omitempty slices nil, every other slice and pointer as it was), on
// random documents, filled ones and the zero one.
func TestSpoolAsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		var d umzug.Document
		randomize(reflect.ValueOf(&d).Elem(), r, 0)
		checkSpool(t, &d, "random document")
	}
	for _, k := range []int{0, 1, 2} {
		var d umzug.Document
		filltest.Fill(&d, k)
		checkSpool(t, &d, "filled document")
	}
	checkSpool(t, &umzug.Document{}, "zero document")
}

// FuzzDecodeSpool: no record makes DecodeSpool panic or read past it.
func FuzzDecodeSpool(f *testing.F) {
	var d umzug.Document
	filltest.Fill(&d, 1)
	f.Add(AppendSpool(nil, &d))
	f.Add(AppendSpool(nil, &umzug.Document{}))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		var d umzug.Document
		if DecodeSpool(b, &d) == nil {
			// What decodes is written and read back as it was.
			var again umzug.Document
			if err := DecodeSpool(AppendSpool(nil, &d), &again); err != nil || !reflect.DeepEqual(again, jsonRoundTrip(t, &d)) {
				t.Fatalf("%x: written and read back: %v\n%#v\n%#v", b, err, again, d)
			}
		}
	})
}

func BenchmarkDecodeSpool(b *testing.B) {
	d := benchDocument()
	rec := AppendSpool(nil, &d)
	b.SetBytes(int64(len(rec)))
	b.ReportAllocs()
	for b.Loop() {
		var d umzug.Document
		if err := DecodeSpool(rec, &d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeJSONv2(b *testing.B) {
	d := benchDocument()
	line := AppendDocument(nil, &d, false)
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		var d umzug.Document
		if err := jsonv2.Unmarshal(line, &d); err != nil {
			b.Fatal(err)
		}
	}
}
