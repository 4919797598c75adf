package html

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// TestLaterListPages: page 2 and later of a tx_news list (routed
// "/page-2" and tx_news_pi1[currentPage]=3) and of a bootstrap_package
// gallery (paginate[gallery-{uid}][page]=2) are the list's page with
// another slice of its items: not documents, skipped as "pagination".
// Page 1 is the page itself. A "page" parameter without a page browser
// linking the page before is an id, not a list's page.
func TestLaterListPages(t *testing.T) {
	const site = "https://www.ministerium.example"
	tests := []struct{ file, url, want string }{
		{"news-list-page-1.html", site + "/presse/pressemitteilungen/", ""},
		{"news-list-page-2.html", site + "/presse/pressemitteilungen/page-2", ViewPagination},
		{"news-list-page-3-query.html", site + "/presse/pressemitteilungen/?tx_news_pi1%5Baction%5D=list&tx_news_pi1%5Bcontroller%5D=News&tx_news_pi1%5BcurrentPage%5D=3&cHash=9f8e7d3", ViewPagination},
		{"gallery-page-2.html", site + "/ministerium/bildergalerie/?paginate%5Bgallery-812%5D%5Bpage%5D=2&cHash=77aa2", ViewPagination},
		// tt_news (TYPO3 4.x): tx_ttnews[pointer] counts from 0
		{"ttnews-list-pointer-1.html", site + "/index.php?id=12&tx_ttnews%5Bpointer%5D=1&cHash=3d4e5f", ViewPagination},
		{"ttnews-list-pointer-1.html", site + "/index.php?id=12", ""},
		// the pager links page id 12: under another page id it is no later page of that list
		{"ttnews-list-pointer-1.html", site + "/index.php?id=14&tx_ttnews%5Bpointer%5D=1", ""},
		// the same pages under URLs that number no page of theirs
		{"news-list-page-2.html", site + "/presse/pressemitteilungen/", ""},
		{"gallery-page-2.html", site + "/ministerium/bildergalerie/", ""},
	}
	for _, tt := range tests {
		body, err := os.ReadFile(filepath.Join("testdata", "pagination", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseHTML(strings.NewReader(string(body)), tt.url)
		var nc *umzug.NotContentError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s at %s: %v; want a document", tt.file, tt.url, err)
		case tt.want == "" && len(d.Blocks) == 0:
			t.Errorf("%s at %s: no blocks", tt.file, tt.url)
		case tt.want != "" && !(errors.As(err, &nc) && nc.Reason == tt.want && errors.Is(err, umzug.ErrNotContent)):
			t.Errorf("%s at %s: err %v; want not content, %q", tt.file, tt.url, err, tt.want)
		}
	}

	// A legacy CMS that names its pages "page": a link to ?page=1 in
	// the navigation is no page browser.
	legacy := `<html><head><title>Förderung</title></head><body>
<nav><a href="/index.php?page=1">Start</a> <a href="/index.php?page=3">Kontakt</a></nav>
<main><h1>Förderung</h1><p>Das Land fördert kleine Betriebe mit Zuschüssen für Hofläden, Kühltheken und Verkaufsautomaten.</p>
<p>Anträge nimmt das Landesverwaltungsamt bis zum 31. März entgegen; die Bewilligung folgt im Sommer.</p></main></body></html>`
	if _, err := ParseHTML(strings.NewReader(legacy), "https://www.example.de/index.php?page=2"); err != nil {
		t.Errorf("legacy ?page=2: %v; want a document", err)
	}
}
