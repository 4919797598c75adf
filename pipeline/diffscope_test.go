package pipeline

import (
	"io"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/html"
)

type panicHTML struct{}

func (panicHTML) ParseHTML(io.Reader, string) (umzug.Document, error) { panic("boom") }

func TestSameMainContent(t *testing.T) {
	page := func(footer, text string) archive.Body {
		return archive.Body{ContentType: "text/html; charset=utf-8", Data: []byte(`<html lang="de"><head><title>Radwege</title></head><body>
<nav><a href="/">Start</a> <a href="/x/">` + footer + `</a></nav><main><h1>Radwege</h1><p>` + text + `</p></main><footer>` + footer + `</footer></body></html>`)}
	}
	// An ISO-8859-1 body of the same text is the same content.
	latin1 := page("Kontakt", "Das Land baut die Radwege entlang der Landesstraßen aus, in den nächsten fünf Jahren.")
	latin1.ContentType = "text/html; charset=iso-8859-1"
	latin1.Data = []byte(strings.NewReplacer("ß", "\xdf", "ä", "\xe4", "ü", "\xfc").Replace(string(latin1.Data)))
	empty := archive.Body{ContentType: "text/html", Data: []byte("<html><body></body></html>")}
	same := SameMainContent(html.NewParser())
	const text = "Das Land baut die Radwege entlang der Landesstraßen aus, in den nächsten fünf Jahren."
	for _, c := range []struct {
		name     string
		from, to archive.Body
		want     bool
	}{
		{"footer and menu changed", page("Kontakt", text), page("Barrierefreiheit", text), true},
		{"text changed", page("Kontakt", text), page("Kontakt", text+" Neu: ab 2026."), false},
		{"other charset, same text", page("Kontakt", text), latin1, true},
		{"became empty", page("Kontakt", text), empty, false},
		{"both empty", empty, empty, true},
	} {
		got, err := same("https://land.example/radwege/", c.from, c.to)
		if err != nil || got != c.want {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	if _, err := SameMainContent(panicHTML{})("https://land.example/x/", empty, empty); err == nil || !strings.Contains(err.Error(), "https://land.example/x/") {
		t.Errorf("a panicking extractor: %v; want an error naming the URL", err)
	}
}
