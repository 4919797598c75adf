package transform

import (
	"crypto/sha256"
	"encoding/binary"
	"testing"

	"github.com/umzug/umzug"
)

// samePageHashBefore is samePageHash as it was: the head's JSON by
// encoding/json.
func samePageHashBefore(d *umzug.Document, fps []uint64) uint64 {
	head := struct {
		Kind         umzug.Kind
		Title        string
		Lang         string
		Summary      string
		Dates        umzug.Dates
		PressRelease *umzug.PressRelease
	}{d.Kind, d.Title, d.Lang, d.Summary, d.Dates, d.PressRelease}
	sum, err := sha256JSON(&head)
	if err != nil {
		panic(err)
	}
	h := sha256.New()
	h.Write(sum[:])
	var b [8]byte
	for bi := range d.Blocks {
		var fp uint64
		if len(fps) == len(d.Blocks) {
			fp = fps[bi]
		}
		if fp == 0 {
			fp = BlockFingerprint(&d.Blocks[bi])
		}
		binary.LittleEndian.PutUint64(b[:], fp)
		h.Write(b[:])
	}
	return binary.LittleEndian.Uint64(h.Sum(nil))
}

// samePageHash encodes the head itself: the hash is the one of
// encoding/json's JSON (docjson's TestAppendPageHeadAsEncodingJSON
// compares the encodings on random values).
func TestSamePageHashAsBefore(t *testing.T) {
	docs := []umzug.Document{
		{},
		{Kind: umzug.KindPage, Title: "Mobilität <&> \"Radwege\"", Lang: "de", Summary: "Brücken\u2028und \xff Wege", Dates: umzug.Dates{Published: "2024-03-12", Modified: "2024-04-01"},
			Blocks: []umzug.Block{{Key: "c1", Type: umzug.BlockText, Text: &umzug.Text{Body: umzug.PortableText{{Type: "block", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Text: "Text"}}}}}}}},
		{Kind: umzug.KindPressRelease, Title: "PM 12/2024", PressRelease: &umzug.PressRelease{Number: "12/2024", Lead: "Der Minister & die <Ministerin>", Subtitle: "Ä"}},
	}
	for i := range docs {
		if got, want := samePageHash(&docs[i], nil), samePageHashBefore(&docs[i], nil); got != want {
			t.Errorf("document %d: samePageHash = %x; want %x", i, got, want)
		}
	}
}

func BenchmarkSamePageHeadHash(b *testing.B) {
	d := umzug.Document{Kind: umzug.KindPressRelease, Title: "Pressemitteilung 12/2024: Neue Radwege für Thüringen", Lang: "de",
		Summary: "Das Ministerium fördert den Bau von Radwegen in den Landkreisen.", Dates: umzug.Dates{Published: "2024-03-12"},
		PressRelease: &umzug.PressRelease{Number: "12/2024", Lead: "Der Minister hat heute Förderbescheide übergeben."}}
	for _, bc := range []struct {
		name string
		f    func(*umzug.Document, []uint64) uint64
	}{{"now", samePageHash}, {"before", samePageHashBefore}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.f(&d, nil)
			}
		})
	}
}
