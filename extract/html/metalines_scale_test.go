package html_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestMetaLinesScale: a page of many entries, each with a byline that is
// dropped as meta, takes time in proportion to its size. Looking for the
// page's labelled date must not walk the whole list again for every
// dropped byline (inLinkedItemRun on each before its text is read).
func TestMetaLinesScale(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	page := func(n int) string {
		var b strings.Builder
		b.WriteString(`<html><head><title>Chronik</title></head><body><div class="wrap"><div class="outer"><main class="main"><div class="content"><h1>Chronik</h1><div class="list">`)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, `<div class="entry"><p class="meta">Von: Anna Beispiel</p><p>Eintrag %d: Die Gemeinde informiert über die neuen Öffnungszeiten des Bürgerbüros und der Bibliothek.</p></div>`, i)
		}
		b.WriteString(`</div></div></main></div></div></body></html>`)
		return b.String()
	}
	best := func(n int) time.Duration {
		src := page(n)
		var min time.Duration
		for k := 0; k < 3; k++ {
			start := time.Now()
			parseFile(t, src, "https://www.gemeinde.example/chronik")
			if d := time.Since(start); k == 0 || d < min {
				min = d
			}
		}
		return min
	}
	small, large := best(300), best(2400)
	// Eight times the entries: about eight times the time when linear,
	// some sixty when every byline walks the list.
	if large > 20*small {
		t.Errorf("300 entries %v, 2400 entries %v: more than linear", small, large)
	}
}
