// Command extractcmp measures main-content extraction on the real-page
// corpus with umzug's extractor and with two open-source libraries
// (go-trafilatura, go-readability), using the expectations of
// extract/html/testdata/corpus-expectations.json: the share of body sentences
// found and of chrome phrases avoided, as F1 per page group.
//
// It is a separate module so that the libraries it compares against are
// not dependencies of umzug. Run from this directory:
//
//	go run . -corpus ../../../shared/corpus/real
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/internal/textutil"
)

// expectation is a corpus page's entry of corpus-expectations.json: its
// title and sentences as phrases known by length and hash only (the pages
// are a third party's).
type expectation struct {
	File    string            `json:"file"`
	Group   string            `json:"group"`
	Title   textutil.Phrase   `json:"title"`
	Must    []textutil.Phrase `json:"must"`
	MustNot []textutil.Phrase `json:"mustNot"`
}

type score struct{ found, must, avoided, mustNot, titles, pages int }

func (s score) f1() float64 {
	r := float64(s.found) / float64(s.must)
	p := float64(s.avoided) / float64(s.mustNot)
	return 2 * p * r / (p + r)
}

var canonicalRe = regexp.MustCompile(`(?i)<link[^>]+rel="canonical"[^>]+href="(https?://[^"]+)"|<meta[^>]+property="og:url"[^>]+content="(https?://[^"]+)"`)

func norm(s string) string {
	s = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u00a0", " ", "(", "", ")", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

type extractor func(body []byte, pageURL string) (title, text string, err error)

func umzugX(body []byte, pageURL string) (string, string, error) {
	d, err := html.ParseHTML(bytes.NewReader(body), pageURL)
	if err != nil {
		return "", "", err
	}
	var sb strings.Builder
	sb.WriteString(d.Title)
	if pr := d.PressRelease; pr != nil {
		sb.WriteString("\n" + pr.Kicker + "\n" + pr.Subtitle + "\n" + pr.Lead)
	}
	for i := range d.Blocks {
		sb.WriteString("\n" + d.Blocks[i].PlainText())
	}
	return d.Title, sb.String(), nil
}

func trafilaturaX(body []byte, pageURL string) (string, string, error) {
	u, _ := url.Parse(pageURL)
	res, err := trafilatura.Extract(bytes.NewReader(body), trafilatura.Options{OriginalURL: u, IncludeImages: true, EnableFallback: true})
	if err != nil {
		return "", "", err
	}
	return res.Metadata.Title, res.Metadata.Title + "\n" + res.ContentText, nil
}

func readabilityX(body []byte, pageURL string) (string, string, error) {
	u, _ := url.Parse(pageURL)
	a, err := readability.FromReader(bytes.NewReader(body), u)
	if err != nil {
		return "", "", err
	}
	var sb strings.Builder
	if err := a.RenderText(&sb); err != nil {
		return "", "", err
	}
	return a.Title(), a.Title() + "\n" + sb.String(), nil
}

func main() {
	corpus := flag.String("corpus", "../../../shared/corpus/real", "directory of the real pages")
	expFile := flag.String("expectations", "../../extract/html/testdata/corpus-expectations.json", "expectations file")
	flag.Parse()
	b, err := os.ReadFile(*expFile)
	if err != nil {
		log.Fatal(err)
	}
	var exps []expectation
	if err := json.Unmarshal(b, &exps); err != nil {
		log.Fatal(err)
	}
	names := []string{"umzug", "go-trafilatura", "go-readability"}
	xs := map[string]extractor{"umzug": umzugX, "go-trafilatura": trafilaturaX, "go-readability": readabilityX}
	for _, name := range names {
		groups := map[string]*score{}
		var took time.Duration
		for _, e := range exps {
			raw, err := os.ReadFile(filepath.Join(*corpus, e.File))
			if err != nil {
				log.Fatal(err)
			}
			body, _, _ := extract.DecodeHTML(raw, "")
			pageURL := "https://corpus.example/" + e.File
			if m := canonicalRe.FindSubmatch(body); m != nil {
				pageURL = string(m[1]) + string(m[2])
			}
			g := groups[e.Group]
			if g == nil {
				g = &score{}
				groups[e.Group] = g
			}
			start := time.Now()
			title, txt, err := xs[name](body, pageURL)
			took += time.Since(start)
			g.pages++
			g.must += len(e.Must)
			g.mustNot += len(e.MustNot)
			if err != nil {
				continue // nothing found, nothing avoided wrongly
			}
			txt = norm(txt)
			for _, m := range e.Must {
				if textutil.ContainsPhrase(txt, m) {
					g.found++
				}
			}
			for _, m := range e.MustNot {
				if !textutil.ContainsPhrase(txt, m) {
					g.avoided++
				}
			}
			if textutil.PhraseOf(norm(title)) == e.Title {
				g.titles++
			}
		}
		keys := make([]string, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			g := groups[k]
			fmt.Printf("%-15s %-6s pages %2d  body %3d/%3d  chrome avoided %3d/%3d  titles %2d/%2d  F1 %.3f\n",
				name, k, g.pages, g.found, g.must, g.avoided, g.mustNot, g.titles, g.pages, g.f1())
		}
		fmt.Printf("%-15s total time %v\n", name, took.Round(time.Millisecond))
	}
}
