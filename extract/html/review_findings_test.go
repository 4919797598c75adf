package html_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// Review of 57cd03c..155befa: each case failed at 155befa (false dates,
// lost text, wrong kind, wrong translations, wrong title).
func TestReviewFindings(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", "review5", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	js := func(d umzug.Document) string { b, _ := json.Marshal(d.Blocks); return string(b) }
	cases := []struct {
		name, file, url string
		check           func(d umzug.Document, err error) string
	}{
		{"event date line 'Samstag, 14. Juni 2025' is no closing dateline", "event3.html", "https://www.musterstadt.de/aktuelles/veranstaltungen/sommerfest/",
			func(d umzug.Document, _ error) string {
				if d.Dates.Published != "" || d.Kind != umzug.KindPage {
					return "kind " + string(d.Kind) + " published " + d.Dates.Published
				}
				return ""
			}},
		{"'erschienen am' in running text dates nothing", "book.html", "https://www.musterstadt.de/kultur/archiv/",
			func(d umzug.Document, _ error) string {
				if d.Dates.Published != "" {
					return "published " + d.Dates.Published
				}
				return ""
			}},
		{"'Von: Freitag, 13. Juni 2025' is no byline", "byline.html", "https://www.musterstadt.de/sport/stadtlauf/",
			func(d umzug.Document, _ error) string {
				if !strings.Contains(js(d), "Von: Freitag") || d.Dates.Published != "" {
					return "line dropped or page dated " + d.Dates.Published
				}
				return ""
			}},
		{"a hand-written list of dated links is no dated release", "rtelist2.html", "https://www.musterdorf.de/aktuelles/",
			func(d umzug.Document, _ error) string {
				if d.Kind != umzug.KindPage || !strings.Contains(js(d), "12.03.2024") {
					return "kind " + string(d.Kind) + ", first item's date in text: " + boolS(strings.Contains(js(d), "12.03.2024"))
				}
				return ""
			}},
		{"files in a languages box are no translations", "tr2.html", "https://www.musterdorf.de/buergerservice/einbuergerung/",
			func(d umzug.Document, _ error) string {
				if len(d.Translations) > 0 {
					return "translations " + d.Translations[0].URL
				}
				return ""
			}},
		{"html lang=en (TYPO3 default) on a German page: the menu's own entry is no translation", "tr4.html", "https://www.musterdorf.de/index.php?id=42",
			func(d umzug.Document, _ error) string {
				for _, tr := range d.Translations {
					if tr.Lang == "de" {
						return "own page listed as translation: " + tr.URL
					}
				}
				return ""
			}},
		{"a headline linked to javascript: is the title", "logo.html", "https://www.musterstadt.de/aktuelles/bauarbeiten-bruecke/",
			func(d umzug.Document, _ error) string {
				if d.Title != "Bauarbeiten an der Brücke beginnen" {
					return "title " + d.Title
				}
				return ""
			}},
		{"a visitor registration form is no search", "form.html", "https://www.landtag.example/besucherdienst/",
			func(d umzug.Document, _ error) string {
				if !strings.Contains(js(d), "Name der Gruppe") {
					return "form dropped"
				}
				return ""
			}},
		{"a quote's source stays when the quote is no quote block", "quote.html", "https://www.musterstadt.de/kultur/buecherei/",
			func(d umzug.Document, _ error) string {
				if !strings.Contains(js(d), "Das Team der Bücherei") {
					return "quote source lost"
				}
				return ""
			}},
		{"'Weitere Meldungen' under a page-based release stays related", "rel.html", "https://www.landkreis.example/presse/neue-radwege/",
			func(d umzug.Document, _ error) string {
				if d.Kind != umzug.KindPressRelease {
					return "kind " + string(d.Kind)
				}
				return ""
			}},
		{"a home page's latest-news plugin dates nothing", "home.html", "https://www.musterdorf.de/",
			func(d umzug.Document, _ error) string {
				if d.Dates.Published != "" {
					return "published " + d.Dates.Published
				}
				return ""
			}},
		{"a legacy CMS's ?page=2 whose pager leads to the start page is a page", "legacy.html", "https://www.buergerbuero.example/index.php?page=2",
			func(_ umzug.Document, err error) string {
				if err != nil {
					return err.Error()
				}
				return ""
			}},
		{"page 2 of a paginated news article (tx_news paginateBodytext) is content", "newsp2.html", "https://www.musterstadt.de/aktuelles/detail/geschichte-der-stadtbibliothek?tx_news_pi1%5BcurrentPage%5D=2",
			func(_ umzug.Document, err error) string {
				if err != nil {
					return err.Error()
				}
				return ""
			}},
	}
	for _, c := range cases {
		d, err := html.ParseHTML(strings.NewReader(read(c.file)), c.url)
		var nc *umzug.NotContentError
		if err != nil && !errors.As(err, &nc) {
			t.Fatalf("%s: %v", c.name, err)
		}
		if msg := c.check(d, err); msg != "" {
			t.Errorf("%s: %s", c.name, msg)
		}
	}
}

func boolS(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
