package crawl

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
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
	err = ScanSitemap(bytes.NewReader(b), func(u SitemapURL) { pages = append(pages, u) },
		func(loc string) { children = append(children, loc) })
	return pages, children, err
}

// ScanSitemap reads a sitemap or sitemap index from r, plain or gzipped,
// calling page for each <url> entry and child for each <sitemap> entry as
// it meets them: a sitemap of 50,000 entries is never held in memory.
func ScanSitemap(r io.Reader, page func(SitemapURL), child func(string)) error {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("parsing sitemap: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReader(io.LimitReader(zr, maxSitemapBytes))
	}
	dec := xml.NewDecoder(br)
	// A sitemap may declare any encoding (ISO-8859-1, windows-1252, …).
	dec.CharsetReader = charset.NewReaderLabel
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("parsing sitemap: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
			if root != "urlset" && root != "sitemapindex" {
				return fmt.Errorf("parsing sitemap: root element <%s>, want urlset or sitemapindex", root)
			}
			continue
		}
		switch se.Name.Local {
		case "url":
			var e struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			}
			if err := dec.DecodeElement(&e, &se); err != nil {
				return fmt.Errorf("parsing sitemap: %w", err)
			}
			if loc := strings.TrimSpace(e.Loc); loc != "" {
				page(SitemapURL{Loc: loc, LastMod: strings.TrimSpace(e.LastMod)})
			}
		case "sitemap":
			var e struct {
				Loc string `xml:"loc"`
			}
			if err := dec.DecodeElement(&e, &se); err != nil {
				return fmt.Errorf("parsing sitemap: %w", err)
			}
			if loc := strings.TrimSpace(e.Loc); loc != "" {
				child(loc)
			}
		default:
			if err := dec.Skip(); err != nil {
				return fmt.Errorf("parsing sitemap: %w", err)
			}
		}
	}
	if root == "" {
		return fmt.Errorf("parsing sitemap: no root element")
	}
	return nil
}
