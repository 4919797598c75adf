package transform_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/transform"
)

// benchDoc is a page of 9 blocks of 60–120 words each.
func benchDoc(r *rand.Rand, i int) umzug.Document {
	var blocks []umzug.Block
	for k := range 9 {
		blocks = append(blocks, textBlock(fmt.Sprintf("c%d", k), strings.Join(wordsN(r, 60+r.IntN(60)), " ")))
	}
	d := page(fmt.Sprintf("/bereich/seite-%d/", i), fmt.Sprintf("Seite %d", i), blocks...)
	d.ID = transform.DocumentID(transform.Namespace(site+"/"), d.URL)
	return d
}

// BenchmarkIndexAdd is pass 1 per document: fingerprints, sentence
// sketch and MinHash bands of every block.
func BenchmarkIndexAdd(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	docs := make([]umzug.Document, 1000)
	for i := range docs {
		docs[i] = benchDoc(r, i)
	}
	idx, _ := transform.NewIndex(site+"/", transform.IndexOptions{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := docs[i%len(docs)]
		d.URL = fmt.Sprintf("%s/x/%d/", site, i) // a new document each time
		idx.Add(&d, i)
		i++
	}
}

func BenchmarkBands(b *testing.B) {
	text := strings.Join(wordsN(rand.New(rand.NewPCG(2, 2)), 100), " ")
	b.ReportAllocs()
	for b.Loop() {
		transform.Bands(transform.Shingles(transform.Words(text)))
	}
}

func BenchmarkSanitizeHTML(b *testing.B) {
	in := strings.Repeat(`<p onclick="x">Text <a href="javascript:x">a</a> <b>fett</b></p><script>x()</script>`, 20)
	b.ReportAllocs()
	for b.Loop() {
		transform.SanitizeHTML(in)
	}
}

// BenchmarkNormalize is one document through Normalize, the deep copy
// that keeps the caller's document unchanged included.
func BenchmarkNormalize(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	d := benchDoc(r, 1)
	n, err := transform.NewNormalizer(transform.Options{SiteRoot: site + "/"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Normalize(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanText is CleanText of a German paragraph that needs no
// change (umlauts and ß: not ASCII, already in NFC).
func BenchmarkCleanText(b *testing.B) {
	text := strings.Repeat("Die Förderrichtlinie für Straßenbau gilt für alle Gemeinden und Landkreise. ", 8)
	b.ReportAllocs()
	for b.Loop() {
		transform.CleanText(text)
	}
}
