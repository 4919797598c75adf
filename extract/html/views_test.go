package html

import (
	"net/url"
	"testing"
)

func TestViewReason(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://www.example.de/veranstaltungen/?month=2024-05", ViewCalendar},
		{"https://www.example.de/kalender/?tx_cal_controller%5Bgetdate%5D=20240512&tx_cal_controller%5Bview%5D=day", ViewCalendar},
		{"https://www.example.de/presse/?tx_news_pi1%5BoverwriteDemand%5D%5Byear%5D=2023", ViewCalendar},
		{"https://www.example.de/presse/?tx_news_pi1%5BoverwriteDemand%5D%5Bcategories%5D=4", ViewFilter},
		{"https://www.example.de/suche/?tx_indexedsearch_pi2%5Bsearch%5D%5Bsword%5D=breitband", ViewSearch},
		{"https://www.example.de/?s=glasfaser", ViewSearch},
		{"https://www.example.de/suche?anything=1", ViewSearch},
		{"https://www.example.de/foerderung/?sort=date&dir=desc", ViewFilter},
		{"https://www.example.de/seite/?print=1", ViewPrint},
		// GSB: the search form's term, the print view
		{"https://www.example.de/SiteGlobals/Forms/Suche/Suche_Formular.html?nn=104712&templateQueryString=Hochwasser", ViewSearch},
		{"https://www.example.de/DE/Themen/wald_node.html?view=renderPrint&nn=104712", ViewPrint},
		{"https://www.example.de/?tx_solr%5Bq%5D=wald", ViewSearch},
		{"https://www.example.de/suche/?tx_kesearch_pi1%5Bsword%5D=wald", ViewSearch},
		{"https://www.example.de/liste/?view=list", ViewFilter},
		// TYPO3 4.x: the print view under simulateStaticDocuments; tt_news'
		// category, archive period and search views
		{"https://www.example.de/ministerium.12.98.html", ViewPrint},
		{"https://www.example.de/index.php?id=20&tx_ttnews%5Bcat%5D=2&cHash=9428beec5d", ViewFilter},
		{"https://www.example.de/index.php?id=20&tx_ttnews%5BpS%5D=1396303200&tx_ttnews%5BpL%5D=2591999&tx_ttnews%5Barc%5D=1", ViewCalendar},
		{"https://www.example.de/index.php?id=20&tx_ttnews%5Bswords%5D=wald", ViewSearch},
		// TYPO3's click-enlarge window (4.3 to 6.2, and before)
		{"https://www.example.de/index.php?eID=tx_cms_showpic&file=uploads%2Fpics%2Fdeich.jpg&width=800m&height=600&md5=3f2a9c81d0", ViewPicture},
		{"https://www.example.de/typo3/showpic.php?file=uploads%2Fpics%2Fdeich.jpg&md5=3f2a9c81d0", ViewPicture},
		// pages of their own
		{"https://www.example.de/ministerium.12.0.html", ""},
		{"https://www.example.de/index.php?id=20&tx_ttnews%5Bpointer%5D=1", ""},
		{"https://www.example.de/index.php?id=21&tx_ttnews%5Btt_news%5D=101&cHash=abc", ""},
		{"https://www.example.de/?cat=5&ps=2", ""},
		{"https://www.example.de/presse/detail/?tx_news_pi1%5Bnews%5D=123&cHash=abc", ""},
		{"https://www.example.de/index.php?id=42&L=1", ""},
		{"https://www.example.de/presse/?page=2", ""},
		{"https://www.example.de/presse/2024/03/glasfaser/", ""},
		{"https://www.example.de/suche/", ""},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		if got := ViewReason(u); got != tt.want {
			t.Errorf("ViewReason(%q) = %q; want %q", tt.url, got, tt.want)
		}
	}
}

// TestViewPage: a calendar or filter view leads to the page it shows
// another way, without the view's parameters, the other arguments of
// their plugin and cHash; search results, print views and pages of their
// own lead nowhere.
func TestViewPage(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://x.example/presse/?tx_ttnews%5Bcat%5D=3&cHash=abc", "https://x.example/presse/"},
		{"https://x.example/index.php?id=12&tx_ttnews%5BpS%5D=1293836400&tx_ttnews%5BpL%5D=2678399&tx_ttnews%5Barc%5D=1&cHash=c", "https://x.example/index.php?id=12"},
		{"https://x.example/veranstaltungen/?month=2025-01", "https://x.example/veranstaltungen/"},
		{"https://x.example/presse/?tx_news_pi1%5BoverwriteDemand%5D%5Byear%5D=2023&tx_news_pi1%5Baction%5D=list&tx_news_pi1%5Bcontroller%5D=News&cHash=x", "https://x.example/presse/"},
		{"https://x.example/liste/?sort=date&L=1#top", "https://x.example/liste/?L=1"},
		{"https://x.example/suche/?q=wald", ""},
		{"https://x.example/presse/?tx_ttnews%5Bswords%5D=wald&tx_ttnews%5Bcat%5D=2", ""}, // a search among the category's news
		{"https://x.example/index.php?id=5", ""},
		{"https://x.example/seite.html?type=98", ""},
	} {
		u, _ := url.Parse(tc.in)
		if got := ViewPage(u); got != tc.want {
			t.Errorf("ViewPage(%s) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
