package crawl

import (
	"bytes"
	"compress/gzip"
	"reflect"
	"testing"
)

const urlsetXML = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://www.example.de/</loc>
    <lastmod>2024-03-12T10:00:00+01:00</lastmod>
    <changefreq>daily</changefreq>
  </url>
  <url>
    <loc>
      https://www.example.de/themen/mobilitaet/
    </loc>
    <lastmod> 2024-02-01 </lastmod>
  </url>
  <url><loc>https://www.example.de/presse/?tx_news_pi1%5Bnews%5D=12&amp;cHash=ab</loc></url>
  <url><loc>  </loc><lastmod>2024-01-01</lastmod></url>
</urlset>`

var urlsetWant = []SitemapURL{
	{Loc: "https://www.example.de/", LastMod: "2024-03-12T10:00:00+01:00"},
	{Loc: "https://www.example.de/themen/mobilitaet/", LastMod: "2024-02-01"},
	{Loc: "https://www.example.de/presse/?tx_news_pi1%5Bnews%5D=12&cHash=ab"},
}

const indexXML = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.de/sitemap-pages.xml</loc><lastmod>2024-03-12</lastmod></sitemap>
  <sitemap><loc> https://www.example.de/sitemap-news.xml.gz </loc></sitemap>
</sitemapindex>`

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseSitemap(t *testing.T) {
	tests := []struct {
		name         string
		in           []byte
		wantPages    []SitemapURL
		wantChildren []string
	}{
		{"urlset", []byte(urlsetXML), urlsetWant, nil},
		{"urlset without namespace", []byte(`<urlset><url><loc>https://x.example/a</loc><lastmod>2023-12-31</lastmod></url></urlset>`),
			[]SitemapURL{{Loc: "https://x.example/a", LastMod: "2023-12-31"}}, nil},
		{"sitemapindex", []byte(indexXML), nil,
			[]string{"https://www.example.de/sitemap-pages.xml", "https://www.example.de/sitemap-news.xml.gz"}},
		{"gzipped urlset", gzipped(t, urlsetXML), urlsetWant, nil},
		{"gzipped sitemapindex", gzipped(t, indexXML), nil,
			[]string{"https://www.example.de/sitemap-pages.xml", "https://www.example.de/sitemap-news.xml.gz"}},
		{"empty urlset", []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>`), nil, nil},
	}
	for _, tt := range tests {
		pages, children, err := ParseSitemap(tt.in)
		if err != nil {
			t.Errorf("%s: ParseSitemap: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(pages, tt.wantPages) {
			t.Errorf("%s: ParseSitemap pages = %q; want %q", tt.name, pages, tt.wantPages)
		}
		if !reflect.DeepEqual(children, tt.wantChildren) {
			t.Errorf("%s: ParseSitemap children = %q; want %q", tt.name, children, tt.wantChildren)
		}
	}
}

func TestParseSitemapErrors(t *testing.T) {
	gz := gzipped(t, urlsetXML)
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"garbage", []byte("this is not <xml")},
		{"html page", []byte("<!DOCTYPE html><html><body>404</body></html>")},
		{"unclosed urlset", []byte(`<urlset><url><loc>https://x.example/</loc></url>`)},
		{"mismatched tags", []byte(`<urlset><url><loc>https://x.example/</lastmod></url></urlset>`)},
		{"rss", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><link>https://x.example/a</link></item></channel></rss>`)},
		{"atom", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id></entry></feed>`)},
		{"truncated gzip", gz[:len(gz)/2]},
		{"gzip magic only", []byte{0x1f, 0x8b, 0x08}},
		{"gzipped garbage", gzipped(t, "not xml at all <<<")},
	}
	for _, tt := range tests {
		pages, children, err := ParseSitemap(tt.in)
		if err == nil {
			t.Errorf("%s: ParseSitemap(%q) = %v, %v, nil; want an error", tt.name, tt.in, pages, children)
		}
	}
}

func FuzzParseSitemap(f *testing.F) {
	f.Add([]byte(urlsetXML))
	f.Add([]byte(indexXML))
	f.Add([]byte(`<rss/>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		pages, children, err := ParseSitemap(b)
		if err != nil {
			if pages != nil || children != nil {
				t.Fatalf("ParseSitemap(%q) returned entries with error %v", b, err)
			}
			return
		}
		for _, p := range pages {
			if p.Loc == "" {
				t.Fatalf("ParseSitemap(%q) returned an entry without loc", b)
			}
		}
		for _, c := range children {
			if c == "" {
				t.Fatalf("ParseSitemap(%q) returned an empty child sitemap", b)
			}
		}
	})
}
