package transform

import (
	"strings"
	"testing"
)

// BenchmarkAppendWords is the word hashes of a German paragraph of about
// 1 KB (umlauts and ß, punctuation), as Prepare takes them from a block.
func BenchmarkAppendWords(b *testing.B) {
	text := strings.Repeat("Die Förderrichtlinie für Straßenbau gilt ab 2025 für alle Gemeinden, Landkreise und Zweckverbände in Thüringen. ", 9)
	out := make([]uint64, 0, 1024)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		out = appendWords(out[:0], text)
	}
}

func BenchmarkAppendWordsASCII(b *testing.B) {
	text := strings.Repeat("Die Foerderrichtlinie fuer Strassenbau gilt ab 2025 fuer alle Gemeinden, Landkreise und Zweckverbaende in Thueringen. ", 9)
	out := make([]uint64, 0, 1024)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		out = appendWords(out[:0], text)
	}
}
