package listpage

import (
	"net/url"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct {
		url, param, path string
		n                int
	}{
		{"https://x.example/presse/page-2", "", "/presse/", 2},
		{"https://x.example/de/presse/seite-12/", "", "/de/presse/", 12},
		{"https://x.example/presse/?tx_news_pi1%5BcurrentPage%5D=3&cHash=a", "tx_news_pi1[currentPage]", "/presse/", 3},
		{"https://x.example/presse/?tx_news_pi1%5B%40widget_0%5D%5BcurrentPage%5D=4", "tx_news_pi1[@widget_0][currentPage]", "/presse/", 4},
		{"https://x.example/galerie/?paginate%5Bgallery-12%5D%5Bpage%5D=2", "paginate[gallery-12][page]", "/galerie/", 2},
		{"https://x.example/liste/?page=2", "page", "/liste/", 2},
		{"https://x.example/index.php?id=12&tx_ttnews%5Bpointer%5D=1&cHash=c", "tx_ttnews[pointer]", "/index.php", 2},
		{"https://x.example/index.php?id=12&tx_ttnews%5Bpointer%5D=0", "tx_ttnews[pointer]", "/index.php", 1},
		{"https://x.example/index.php?id=12&pointer=3", "", "/index.php", 0},
		{"https://x.example/presse/seite/2/", "", "/presse/", 2},
		{"https://x.example/blog/page/14", "", "/blog/", 14},
		{"https://x.example/handbuch/kapitel/2/", "", "/handbuch/kapitel/2/", 0},
		{"https://x.example/seite/3/", "", "/", 3},
		{"https://x.example/presse/seite/12345/", "", "/presse/seite/12345/", 0},
		{"https://x.example/presse/seite/0/", "", "/presse/seite/0/", 0},
		{"https://x.example/presse/page-two", "", "/presse/page-two", 0},
		{"https://x.example/index.php?page=kontakt", "", "/index.php", 0},
		{"https://x.example/presse/", "", "/presse/", 0},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		if got := Of(u); got.Param != tt.param || got.Path != tt.path || got.N != tt.n {
			t.Errorf("Of(%s) = %+v; want {%s %s %d}", tt.url, got, tt.param, tt.path, tt.n)
		}
	}
}

func TestFirst(t *testing.T) {
	tests := []struct {
		url, first string
		n          int
	}{
		{"https://x.example/galerie/?paginate%5Bgallery-12%5D%5Bpage%5D=2&cHash=ab", "https://x.example/galerie/", 2},
		{"https://x.example/presse/page-3", "https://x.example/presse/", 3},
		{"https://x.example/presse/seite/2/", "https://x.example/presse/", 2},
		{"https://x.example/presse/?id=4&tx_news_pi1%5BcurrentPage%5D=2&cHash=1", "https://x.example/presse/?id=4", 2},
		{"https://x.example/presse/?tx_news_pi1%5Baction%5D=list&tx_news_pi1%5Bcontroller%5D=News&tx_news_pi1%5BcurrentPage%5D=1&cHash=1", "https://x.example/presse/", 1},
		{"https://x.example/index.php?id=12&tx_ttnews%5Bpointer%5D=2&cHash=9", "https://x.example/index.php?id=12", 3},
		{"https://x.example/presse/", "", 0},
	}
	for _, tt := range tests {
		if first, n := First(tt.url); first != tt.first || n != tt.n {
			t.Errorf("First(%s) = %s, %d; want %s, %d", tt.url, first, n, tt.first, tt.n)
		}
	}
}
