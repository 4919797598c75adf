package html_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/internal/testkit"
)

// FuzzParseHTML: whatever the input, extraction does not panic, produces
// valid UTF-8, and every block has exactly one payload, the one of its type.
func FuzzParseHTML(f *testing.F) {
	for _, seed := range []string{
		"", "<", "<html><body><main><p>x</p></main></body></html>",
		`<div id="c1" class="frame frame-type-text"><header><h2>H</h2></header><p>a<b>b</b></p></div>`,
		`<!--TYPO3SEARCH_begin--><div id="c2" class="frame-type-table"><table><tr><td colspan=3>x</td></tr></table></div><!--TYPO3SEARCH_end-->`,
		`<div class="news-single"><div class="article" itemtype="http://schema.org/Article"><h1 itemprop="headline">T</h1><div itemprop="articleBody"><p>Erfurt, 1. März 2024 – x</p></div></div></div>`,
		"<ul><li>a<ul><li>b</li></ul></li></ul><a href=\"javascript:linkTo_UnCryptMailto('nbjmup+b@c/d');\">m</a>",
		"<p>\xff\xfe invalid \xc3</p>",
	} {
		f.Add([]byte(seed))
	}
	_ = fs.WalkDir(fixtures.Ministry, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && path.Ext(p) == ".html" && strings.Count(p, "/") <= 2 {
			b, _ := fs.ReadFile(fixtures.Ministry, p)
			f.Add(b)
		}
		return nil
	})
	// The real pages beside the repository (third-party pages, read where
	// they are, never copied): government sites of every CMS and the
	// German evaluation set.
	for _, dir := range testkit.RealPageDirs() {
		names, _ := filepath.Glob(filepath.Join(dir, "*.html"))
		for _, n := range names {
			if b, err := os.ReadFile(n); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		body, _, _ := extract.DecodeHTML(in, "")
		d, err := html.ParseHTML(bytes.NewReader(body), "https://fuzz.example/a/b/")
		if err != nil {
			return
		}
		for i := range d.Blocks {
			if err := d.Blocks[i].Validate(); err != nil {
				t.Fatalf("block %d: %v", i, err)
			}
		}
		js, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(js) || !utf8.ValidString(d.Title) {
			t.Fatalf("invalid UTF-8 in the document")
		}
		if strings.Contains(string(js), `\ufffd`) && !bytes.Contains(in, []byte("\xef\xbf\xbd")) && utf8.Valid(in) {
			t.Fatalf("replacement character introduced into valid UTF-8 input")
		}
	})
}
