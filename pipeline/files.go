package pipeline

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
)

// SnapshotFromFile makes a snapshot of a saved page. Its URL is baseURL,
// else the page's canonical link (or og:url), else its file:// URL.
func SnapshotFromFile(name, baseURL string) (*umzug.Snapshot, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	body, charset, warns := extract.DecodeHTML(raw, "")
	u := baseURL
	if u == "" {
		u = canonicalOf(body)
	}
	if u == "" {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, err
		}
		u = "file://" + filepath.ToSlash(abs)
	}
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	return &umzug.Snapshot{URL: u, FinalURL: u, Status: 200, ContentType: "text/html", Charset: charset,
		Body: body, FetchedAt: st.ModTime().UTC(), Warnings: warns}, nil
}

func canonicalOf(body []byte) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return ""
	}
	for _, sel := range []string{`link[rel="canonical"]`, `meta[property="og:url"]`} {
		s := doc.Find(sel).First()
		v := strings.TrimSpace(s.AttrOr("href", s.AttrOr("content", "")))
		if u, err := url.Parse(v); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return v
		}
	}
	return ""
}
