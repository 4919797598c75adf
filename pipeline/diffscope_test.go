package pipeline

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
	extracthtml "github.com/umzug/umzug/extract/html"
)

type panicParser struct{}

func (panicParser) ParseSnapshot(*umzug.Snapshot, *html.Node) (umzug.Document, error) { panic("boom") }

// snap is a 200 page as the archive delivers it: decoded by its charset.
func snap(ct, body string) *umzug.Snapshot {
	dec, name, _ := extract.DecodeHTML([]byte(body), ct)
	const u = "https://land.example/radwege/"
	return &umzug.Snapshot{URL: u, FinalURL: u, Status: 200, ContentType: "text/html",
		Header: map[string][]string{"Content-Type": {ct}}, Body: dec, Charset: name,
		FetchedAt: time.Date(2026, 12, 7, 20, 0, 0, 0, time.UTC)}
}

func TestSameMainContent(t *testing.T) {
	page := func(footer, text string) *umzug.Snapshot {
		return snap("text/html; charset=utf-8", `<html lang="de"><head><title>Radwege</title></head><body>
<nav><a href="/">Start</a> <a href="/x/">`+footer+`</a></nav><main><h1>Radwege</h1><p>`+text+`</p></main><footer>`+footer+`</footer></body></html>`)
	}
	const text = "Das Land baut die Radwege entlang der Landesstraßen aus, in den nächsten fünf Jahren."
	// An ISO-8859-1 body of the same text is the same content.
	latin1 := snap("text/html; charset=iso-8859-1", strings.NewReplacer("ß", "\xdf", "ä", "\xe4", "ü", "\xfc").Replace(string(page("Kontakt", text).Body)))
	empty := snap("text/html", "<html><body></body></html>")
	same := SameMainContent(extracthtml.NewParser())
	for _, c := range []struct {
		name     string
		from, to *umzug.Snapshot
		want     bool
	}{
		{"footer and menu changed", page("Kontakt", text), page("Barrierefreiheit", text), true},
		{"text changed", page("Kontakt", text), page("Kontakt", text+" Neu: ab 2026."), false},
		{"other charset, same text", page("Kontakt", text), latin1, true},
		{"became empty", page("Kontakt", text), empty, false},
		{"both empty", empty, empty, true},
	} {
		got, err := same(c.from, c.to)
		if err != nil || got != c.want {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	if _, err := SameMainContent(panicParser{})(empty, empty); err == nil || !strings.Contains(err.Error(), "https://land.example/radwege/") {
		t.Errorf("a panicking extractor: %v; want an error naming the URL", err)
	}
}

// A CMS that stamps every response with the time it rendered it (in
// og:updated_time) changes no content: the export drops that date, and so
// does the comparison (it extracted with ParseHTML, which kept it, and
// found every such page changed in its content).
func TestSameMainContentRenderStamp(t *testing.T) {
	page := func(at time.Time, footer string) *umzug.Snapshot {
		s := snap("text/html; charset=utf-8", `<html lang="de"><head><title>Radwege</title>
<meta property="og:updated_time" content="`+at.Format(time.RFC3339)+`"></head><body>
<main><h1>Radwege</h1><p>Das Land baut die Radwege entlang der Landesstraßen aus, in den nächsten fünf Jahren.</p></main><footer>`+footer+`</footer></body></html>`)
		s.FetchedAt = at.Add(time.Second)
		return s
	}
	t1 := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	got, err := SameMainContent(extracthtml.NewParser())(page(t1, "Kontakt"), page(t1.Add(6*24*time.Hour), "Barrierefreiheit"))
	if err != nil || !got {
		t.Errorf("a page stamped when it was rendered, footer changed: same = %v, %v; want true", got, err)
	}
}

// A later page of a list (page 2 of the press releases) is no document of
// its own, but the export reads it (its pictures join the list's
// gallery), and its list changes when a release is added: the documents
// read from both captures are compared, not only the reason they are
// left out.
func TestSameMainContentLaterListPage(t *testing.T) {
	page := func(items ...string) *umzug.Snapshot {
		s := snap("text/html; charset=utf-8", `<html lang="de"><head><title>Pressemitteilungen</title></head><body>
<main><h1>Pressemitteilungen</h1><ul class="news-list"><li>`+strings.Join(items, "</li><li>")+`</li></ul>
<ul class="pagination f3-widget-paginator"><li><a href="/presse/">1</a></li><li class="current">2</li><li><a href="/presse/?tx_news_pi1%5BcurrentPage%5D=3">3</a></li></ul></main>
</body></html>`)
		s.URL = "https://land.example/presse/?tx_news_pi1%5BcurrentPage%5D=2"
		s.FinalURL = s.URL
		return s
	}
	a := page("Radwege entlang der Landesstraßen werden ausgebaut", "Förderprogramm Dachbegrünung verlängert")
	b := page("Winterdienst zieht Bilanz", "Radwege entlang der Landesstraßen werden ausgebaut")
	p := extracthtml.NewParser()
	if _, err := p.ParseSnapshot(a, nil); SkipReason(err) != extracthtml.ViewPagination {
		t.Fatalf("not a later page of a list: %v", err)
	}
	if got, err := SameMainContent(p)(a, b); err != nil || got {
		t.Errorf("a later list page whose items changed: same = %v, %v; want false", got, err)
	}
	if got, err := SameMainContent(p)(a, a); err != nil || !got {
		t.Errorf("the same later list page: same = %v, %v; want true", got, err)
	}
}

// A page that the later run got as the CMS's error page ("Oops, an error
// occurred!" served with 200) changed in its content: it was an error of
// the comparison, and the diff's exit partial, as if diff had failed.
// Error pages on both sides are compared like pages left out for the
// same reason.
func TestSameMainContentCMSErrorPage(t *testing.T) {
	ok := snap("text/html; charset=utf-8", `<html lang="de"><head><title>Radwege</title></head><body>
<main><h1>Radwege</h1><p>Das Land baut die Radwege entlang der Landesstraßen aus, in den nächsten fünf Jahren.</p></main></body></html>`)
	oops := func(code string) *umzug.Snapshot {
		return snap("text/html; charset=utf-8", `<html><head><title>Oops, an error occurred!</title></head><body><h1>Oops, an error occurred!</h1><p>Code: `+code+`</p></body></html>`)
	}
	same := SameMainContent(extracthtml.NewParser())
	if got, err := same(ok, oops("202612071234")); err != nil || got {
		t.Errorf("the page became the CMS's error page: same = %v, %v; want false, no error", got, err)
	}
	if got, err := same(oops("202612011111"), ok); err != nil || got {
		t.Errorf("the page was the CMS's error page: same = %v, %v; want false, no error", got, err)
	}
	if _, err := same(oops("202612011111"), oops("202612071234")); err != nil {
		t.Errorf("the CMS's error page in both runs: %v; want no error", err)
	}
}
