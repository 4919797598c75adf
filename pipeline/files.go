package pipeline

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
)

// NotHTMLError is the error of a file that is no HTML page: empty, binary
// (an image, a PDF, a program) or text without markup (JSON, CSV).
type NotHTMLError struct {
	Name   string
	Reason string
}

func (e *NotHTMLError) Error() string { return e.Name + ": not an HTML page: " + e.Reason }

// markup is the start of a tag, a comment or a doctype.
var markup = regexp.MustCompile(`<[A-Za-z!/]`)

// ReadHTMLFile reads a saved page and refuses a file that holds none.
func ReadHTMLFile(name string) ([]byte, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if err := CheckHTML(name, raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// CheckHTML returns a *NotHTMLError naming name when raw holds no HTML
// page: it is empty, binary, or text without any markup.
func CheckHTML(name string, raw []byte) error {
	head := raw[:min(len(raw), 64<<10)]
	if bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) || bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) {
		return nil // UTF-16 with its byte order mark: decoded later (extract.DecodeHTML)
	}
	switch ct := http.DetectContentType(raw); {
	case len(bytes.TrimSpace(raw)) == 0:
		return &NotHTMLError{name, "the file is empty"}
	case !strings.HasPrefix(ct, "text/"):
		return &NotHTMLError{name, "its content is " + strings.SplitN(ct, ";", 2)[0]}
	case !markup.Match(head):
		return &NotHTMLError{name, "text without any markup"}
	}
	return nil
}

// SnapshotFromFile makes a snapshot of a saved page. Its URL is baseURL,
// else the page's canonical link (or og:url), else its file:// URL.
func SnapshotFromFile(name, baseURL string) (*umzug.Snapshot, error) {
	raw, err := ReadHTMLFile(name)
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
