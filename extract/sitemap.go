package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// SitemapURL is one <url> entry of a sitemap.
type SitemapURL struct {
	Loc     string
	LastMod string
}

// maxSitemapBytes caps a decompressed sitemap (the protocol allows 50 MB).
const maxSitemapBytes = 50 << 20

// ParseSitemap reads a sitemap (urlset) or a sitemap index (sitemapindex),
// plain or gzipped. It returns the page entries and, for an index, the URLs
// of the child sitemaps.
func ParseSitemap(b []byte) (pages []SitemapURL, children []string, err error) {
	var r io.Reader = bytes.NewReader(b)
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("parsing sitemap: %w", err)
		}
		defer zr.Close()
		r = io.LimitReader(zr, maxSitemapBytes)
	}
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("parsing sitemap: %w", err)
	}
	switch doc.XMLName.Local {
	case "urlset", "sitemapindex":
	default:
		return nil, nil, fmt.Errorf("parsing sitemap: root element <%s>, want urlset or sitemapindex", doc.XMLName.Local)
	}
	for _, u := range doc.URLs {
		if loc := strings.TrimSpace(u.Loc); loc != "" {
			pages = append(pages, SitemapURL{Loc: loc, LastMod: strings.TrimSpace(u.LastMod)})
		}
	}
	for _, s := range doc.Sitemaps {
		if loc := strings.TrimSpace(s.Loc); loc != "" {
			children = append(children, loc)
		}
	}
	return pages, children, nil
}
