package html

import (
	"encoding/json"
	"strings"

	"github.com/umzug/umzug"
	"testing"

	"golang.org/x/net/html"
)

// A page's weights map goes, emptied, to the Parser's next page.
func TestWeightsMapReused(t *testing.T) {
	v := newVerdictCache()
	m := v.weightsMap(8)
	n := &html.Node{}
	m[n] = weights{text: 3}
	v.releaseWeights(m)
	got := v.weightsMap(8)
	if len(got) != 0 {
		t.Fatalf("reused map holds %d entries", len(got))
	}
	got[n] = weights{}
	if len(m) != 1 { // the same map
		t.Fatalf("weightsMap made a new map")
	}
	var nilCache *verdictCache
	nilCache.releaseWeights(nilCache.weightsMap(1)) // no cache: no reuse, no panic
}

// Pages extracted one after another by one Parser read the same as each
// read by a Parser of its own (the reused maps hold nothing of a page
// before).
func TestWeightsMapNextPage(t *testing.T) {
	pages := []string{
		`<html><body><nav><a href="/a">A</a><a href="/b">B</a></nav><main><h1>Eins</h1><p>` + longText(40) + `</p></main></body></html>`,
		`<html><body><div class="content"><h1>Zwei</h1><p>` + longText(60) + `</p><ul><li>x</li></ul></div><footer>Impressum</footer></body></html>`,
	}
	shared := NewParser()
	for round := 0; round < 2; round++ {
		for i, s := range pages {
			want := mustJSON(t, parseWith(t, NewParser(), s))
			got := mustJSON(t, parseWith(t, shared, s))
			if got != want {
				t.Fatalf("round %d page %d: %s\nwant %s", round, i, got, want)
			}
		}
	}
}

func longText(words int) string {
	s := ""
	for i := 0; i < words; i++ {
		s += "Verwaltung "
	}
	return s
}

func parseWith(t *testing.T, ps *Parser, s string) umzug.Document {
	t.Helper()
	d, err := ps.ParseHTML(strings.NewReader(s), "https://example.org/seite")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustJSON(t *testing.T, d umzug.Document) string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
