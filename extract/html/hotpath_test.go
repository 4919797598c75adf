package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/internal/testkit"
	"github.com/umzug/umzug/internal/textutil"
)

// The hand-written fast paths must say what the plain definitions say.
func TestFastPathsAgree(t *testing.T) {
	styles := []string{"", "display:none", "DISPLAY : NONE", "display:\tnone;color:red", "visibility: hidden",
		"Visibility:Hidden", "display: block; visibility:visible", "display :none", "displaynone", "display: nonE",
		"x-display:none", "visibility:\nhidden", "diſplay:none", "dis play:none", "display:", "display: no", "ü display:none"}
	for _, st := range styles {
		if got, want := matchHiddenStyle(st), hiddenStyle.MatchString(st); got != want {
			t.Errorf("matchHiddenStyle(%q) = %v, regexp says %v", st, got, want)
		}
	}
	texts := []string{"", " ", "\n\t a  b \n", "a\u00a0\u00a0b", "\u00a0x\u00a0", "§ 12 Abs. 3", "\v a \v", "\u2003a b\u3000",
		"a \u00a0 b", "Straße  ", "x\xc2", "x\xc2 y", " \u0085a\u0085 "}
	for _, s := range texts {
		if got, want := collapseTrim(s), strings.TrimSpace(collapseSpace(s)); got != want {
			t.Errorf("collapseTrim(%q) = %q, want %q", s, got, want)
		}
	}
}

func syntheticTree(b *testing.B) *html.Node {
	root, err := html.Parse(bytes.NewReader(fixtures.SyntheticPage(1000, 7)))
	if err != nil {
		b.Fatal(err)
	}
	return root
}

// BenchmarkAnalyze is the boilerplate verdicts and weights of one
// synthetic page (main.go).
func BenchmarkAnalyze(b *testing.B) {
	root := syntheticTree(b)
	b.ReportAllocs()
	for b.Loop() {
		analyze(root)
	}
}

// BenchmarkAnalyzeShared is BenchmarkAnalyze with a Parser's verdict
// cache, warm after the first page (cache.go).
func BenchmarkAnalyzeShared(b *testing.B) {
	root := syntheticTree(b)
	v := newVerdictCache()
	b.ReportAllocs()
	for b.Loop() {
		analyzeShared(root, v)
	}
}

// BenchmarkCollapseTrim runs over the text nodes of a synthetic page, as
// the accounting does.
func BenchmarkCollapseTrim(b *testing.B) {
	var texts []string
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			texts = append(texts, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(syntheticTree(b))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			collapseTrim(s)
		}
	}
}

// BenchmarkFirstMatch is a Find that only asks whether something matches.
func BenchmarkFirstMatch(b *testing.B) {
	root := syntheticTree(b)
	b.ReportAllocs()
	for b.Loop() {
		goquery.NewDocumentFromNode(root).FindMatcher(cssFirst(".news-single, .news-detail")).Length()
	}
}

// A Parser's verdict cache is shared by its pages and goroutines: pages
// extracted concurrently by one Parser come out as each page does alone
// with a fresh Parser.
func TestParserCacheConcurrent(t *testing.T) {
	var pages [][]byte
	for i := 1; i <= 12; i++ {
		pages = append(pages, fixtures.SyntheticPage(1000, i))
	}
	want := make([]string, len(pages))
	for i, pg := range pages {
		d, err := NewParser().ParseHTML(bytes.NewReader(pg), "https://www.example.de/seite.html")
		if err != nil {
			t.Fatal(err)
		}
		want[i] = docJSON(t, d)
	}
	shared := NewParser()
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(pages))
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range pages {
				i := (k + 3*g) % len(pages)
				d, err := shared.ParseHTML(bytes.NewReader(pages[i]), "https://www.example.de/seite.html")
				if err != nil {
					errs <- err.Error()
					continue
				}
				if got := docJSON(t, d); got != want[i] {
					errs <- fmt.Sprintf("page %d differs with a shared Parser", i)
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// The verdict cache stays within its bound, and a nil cache caches nothing.
func TestVerdictCacheBound(t *testing.T) {
	v := newVerdictCache()
	for i := 0; i < 3*verdictCacheMax; i++ {
		v.put(classesOf, fmt.Sprintf("c%d", i), "x")
		v.put(namesOf, fmt.Sprintf("n%d", i), "")
		v.putMatch(matchKey{dateClass, fmt.Sprintf("m%d", i)}, true)
		if n := len(v.names) + len(v.classes) + len(v.matches); n > verdictCacheMax {
			t.Fatalf("%d entries, bound %d", n, verdictCacheMax)
		}
	}
	if r, ok := v.get(classesOf, fmt.Sprintf("c%d", 3*verdictCacheMax-1)); !ok || r != "x" {
		t.Errorf("latest entry lost: %q %v", r, ok)
	}
	long := strings.Repeat("a", verdictKeyMax+1)
	v.put(namesOf, long, "y")
	if _, ok := v.get(namesOf, long); ok {
		t.Error("an overlong key was stored")
	}
	var none *verdictCache
	none.put(namesOf, "nav", "navigation")
	if _, ok := none.get(namesOf, "nav"); ok {
		t.Error("nil cache returned an entry")
	}
}

func docJSON(t *testing.T, d any) string {
	b, err := json.Marshal(d)
	if err != nil {
		t.Error(err)
	}
	return string(b)
}

// precheckTexts are texts to test the prechecks of fastpath.go on: the
// visible text runs and element texts of synthetic pages, and hand-made
// lines in odd cases and spellings.
func precheckTexts(t *testing.T) []string {
	texts := []string{"", "Bitte melden Sie sich an, um zu kommentieren.", "Sie müssen EINGELOGGT sein, um einen KOMMENTAR zu schreiben",
		"Zum Kommentieren bitte anmelden", "Diskussion: bitte registrieren", "Zur Diſkuſſion bitte einloggen",
		"Bitte einloggen für die Kommentare", "Bitte einloggen", "Kommentare", "Klicken Sie hier, werden Daten an YouTube übertragen",
		"Mit dem Laden Sie akzeptieren die Datenschutzerklärung von Google", "Zur \u212aommentarfunktion bitte anmelden",
		"Content Element with uid 12 and type \"x\" has no rendering definition!", "MAS\u212a ERROR: no template", "OOPS, AN ERROR OCCURRED! Code: 2024",
		"Tried resolving a template file for controller action", "The partial could not be resolved", "Sorry, the requested view was not found.",
		"An error occurred while trying to call Vendor\\Ext\\Controller->listAction()"}
	for i := 1; i <= 6; i++ {
		root, err := html.Parse(bytes.NewReader(fixtures.SyntheticPage(1000, i)))
		if err != nil {
			t.Fatal(err)
		}
		var f func(*html.Node)
		f = func(n *html.Node) {
			if n.Type == html.TextNode {
				texts = append(texts, n.Data)
			}
			if n.Type == html.ElementNode {
				if s, ok := textUpTo(n, 600); ok {
					texts = append(texts, s)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	return texts
}

// The prechecks of fastpath.go never say no where their regexp says yes.
func TestPrechecksAgree(t *testing.T) {
	gates, errs := 0, 0
	for _, s := range precheckTexts(t) {
		if commentGate.MatchString(s) {
			gates++
		}
		if renderError.MatchString(s) {
			errs++
		}
		if commentGate.MatchString(s) && !mayCommentGate(s) {
			t.Errorf("mayCommentGate(%q) = false, commentGate matches", s)
		}
		if renderError.MatchString(s) && !mayRenderError(s) {
			t.Errorf("mayRenderError(%q) = false, renderError matches", s)
		}
	}
	if gates < 4 || errs < 7 {
		t.Errorf("only %d comment gates and %d render errors tested", gates, errs)
	}
}

// gatePages are the parsed pages the gates are tested on: synthetic
// pages, the TYPO3 element catalogue and the real pages when present.
// datedTeaserList is a news list of n dated teasers, as tx_news renders
// one, with text for screen readers only and hidden elements in each.
func datedTeaserList(n int) string {
	var sb strings.Builder
	sb.WriteString(`<div class="news-list-view">`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&sb, `<div class="article"><span class="news-list-date"><span class="sr-only">Datum:</span>%02d.03.2024</span><h3><i class="icon" aria-hidden="true"></i><a href="/presse/meldung-%d">Meldung %d des Landratsamts</a><span hidden>%d</span></h3><p>Kurz zusammengefasst, worum es in der Meldung geht.</p></div>`, i, i, i, i)
	}
	sb.WriteString(`</div>`)
	return sb.String()
}

func gatePages(t *testing.T) []*html.Node {
	var raws [][]byte
	for i := 1; i <= 4; i++ {
		raws = append(raws, fixtures.SyntheticPage(1000, i))
	}
	// A page of ours with what the real pages bring besides: Cloudflare-
	// protected addresses in both forms, a teaser box (a soft verdict), a
	// box shown on small screens only; so that the look-ups for them are
	// compared also where the corpus and the eval pages are not at hand.
	raws = append(raws, []byte(`<html><head><meta name="generator" content="TYPO3 CMS"></head><body><main>
<div class="visible-xs"><p>Hinweis: Die Karte der Baustellen finden Sie am Ende der Seite.</p></div>
<aside><div class="teaser"><h3><a href="/radwege">Neue Radwege</a></h3><p>Die Stadt baut vier neue Radwege.</p></div></aside>
`+datedTeaserList(16)+`
<div id="c12" class="frame frame-default"><p>Anträge nimmt das Büro unter <a href="/cdn-cgi/l/email-protection#21435444534e6152554045550f4459404c514d44"><span class="__cf_email__" data-cfemail="21435444534e6152554045550f4459404c514d44">[email&#160;protected]</span></a> entgegen.</p>
<p>Presse: <a class="__cf_email__" href="/cdn-cgi/l/email-protection" data-cfemail="423230273131270231362326366c273a232f322e27">[email&#160;protected]</a></p></div>
</main></body></html>`))
	names, _ := filepath.Glob("testdata/typo3/*.html")
	if !testing.Short() {
		for _, d := range testkit.RealPageDirs() {
			more, _ := filepath.Glob(filepath.Join(d, "*"))
			for i := 0; i < len(more); i += 1 + len(more)/60 { // some 60 of each
				names = append(names, more[i])
			}
		}
	}
	for _, n := range names {
		if strings.HasSuffix(n, ".tsv") {
			continue
		}
		raw, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, raw)
	}
	var roots []*html.Node
	for _, raw := range raws {
		root, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, root)
	}
	return roots
}

// A converter's gate says no only where its markup is not there: where
// the converter's first Find finds nothing.
func TestSubtreeGates(t *testing.T) {
	type gate struct {
		name string
		may  func(g *subtree) bool
		sel  string
	}
	gates := []gate{
		{"panel", (*subtree).mayPanel, ".card-panel, .panel"},
		{"accordion", (*subtree).mayAccordion, ".accordion-item, .panel.panel-default, .panel-group > .panel, details, .accordion > .card, .collapsible-item, .accordion__header, .accordion-toggle, [data-toggle=collapse], [data-bs-toggle=collapse]"},
		{"tabs", (*subtree).mayTabs, ".tab-pane, [role=tabpanel]"},
		{"timeline", (*subtree).mayTimeline, ".timeline-item, .timeline-entry, .timeline-event, .timeline > li"},
		{"slider", func(g *subtree) bool { return g.maySlider("") }, `[class*="carousel"], [class*="slider"], [class*="swiper"], [class*="slick"]`},
		{"teasers", (*subtree).mayTeasers, ".card, .teaser, .teaser-item, .news-list-view .article, .news-list-item, .article.articletype-0"},
		{"form", (*subtree).mayForm, "form"},
		{"media", (*subtree).mayMedia, "img"},
		{"hr", func(g *subtree) bool { return g.hr }, "hr"},
		{"uploads", func(g *subtree) bool { return g.has("ce-uploads", "csc-uploads") }, ".ce-uploads, .csc-uploads"},
		{"menu", func(g *subtree) bool { return g.has("card", "thumbnail", "teaser") }, ".card, .thumbnail, [class*=teaser]"},
	}
	said := map[string][2]int{}
	for _, root := range gatePages(t) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			if n.Type == html.ElementNode {
				g := summarize(n)
				for _, x := range gates {
					// Below the element, as goquery's Find; the element
					// itself too for the converters that AddBack it.
					found := false
					switch x.name {
					case "panel", "form", "media", "slider":
						found = css(x.sel).Match(n)
					}
					for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
						found = cssFirst(x.sel).MatchAll(c) != nil
					}
					if x.name == "slider" {
						found = found || sliderClass.MatchString(attr(n, "class"))
					}
					may := x.may(g)
					if found && !may {
						t.Errorf("%s gate says no on <%s class=%q>, but its markup is there", x.name, n.Data, attr(n, "class"))
					}
					c := said[x.name]
					if may {
						c[0]++
					} else {
						c[1]++
					}
					said[x.name] = c
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	for _, x := range gates {
		if c := said[x.name]; c[1] == 0 {
			t.Errorf("%s gate never said no (%d yes)", x.name, c[0])
		}
	}
}

// appendPlainText and normBytes say what PlainText and normText say.
func TestAppendPlainText(t *testing.T) {
	var pages [][]byte
	for i := 1; i <= 8; i++ {
		pages = append(pages, fixtures.SyntheticPage(1000, i))
	}
	names, _ := filepath.Glob("testdata/typo3/*.html")
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, raw)
	}
	blocks := 0
	for _, pg := range pages {
		d, err := NewParser().ParseHTML(bytes.NewReader(pg), "https://www.example.de/seite.html")
		if err != nil {
			continue
		}
		for i := range d.Blocks {
			b := &d.Blocks[i]
			want := b.PlainText()
			if got := string(appendPlainText(nil, b)); got != want {
				t.Errorf("block %s (%s): appendPlainText = %q, PlainText = %q", b.Key, b.Type, got, want)
			}
			if got, want := string(normBytes([]byte(want))), normText(strings.ReplaceAll(want, "\n", " ")); got != want {
				t.Errorf("normBytes(%q) = %q, want %q", b.PlainText(), got, want)
			}
			blocks++
		}
	}
	odd := []string{"", " ", "\u00ad", "a\u00ad b", "a \u00ad b", "\u2003a\n\u00a0b\u00a0", "x\xc2", "x\xc2\xad\xc2\xa0 y ", "\n\ta  b\r\n", "a\u0085b\u0085", " \u00a0 "}
	for _, s := range odd {
		if got, want := string(normBytes([]byte(s))), normText(strings.ReplaceAll(s, "\n", " ")); got != want {
			t.Errorf("normBytes(%q) = %q, want %q", s, got, want)
		}
	}
	odd = append(odd, "", "\u2003y")
	for _, h := range odd {
		for _, body := range odd {
			b := &umzug.Block{Type: umzug.BlockText, Header: &umzug.Header{Text: h, Subheader: body},
				Text: &umzug.Text{Body: umzug.PortableText{{Children: []umzug.PTSpan{{Text: body}}}, {Children: []umzug.PTSpan{{Text: h}, {Text: body}}}}}}
			if got, want := string(appendPlainText([]byte("x"), b)), "x"+b.PlainText(); got != want {
				t.Errorf("appendPlainText(%q, %q) = %q, want %q", h, body, got, want)
			}
		}
	}
	if blocks < 100 {
		t.Errorf("only %d blocks compared", blocks)
	}
}

// BenchmarkOutputText is the text of a synthetic page's blocks as the
// accounting reads it (account.go, fastpath.go).
func BenchmarkOutputText(b *testing.B) {
	d, err := NewParser().ParseHTML(bytes.NewReader(fixtures.SyntheticPage(1000, 7)), "https://www.example.de/seite.html")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("PlainText", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var sb strings.Builder
			for i := range d.Blocks {
				sb.WriteString(normText(strings.ReplaceAll(d.Blocks[i].PlainText(), "\n", " ")))
			}
		}
	})
	b.Run("outputText", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			outputText(&d)
		}
	})
}

// textUpToRef is textUpTo as it was written first: it returns the collapsed text of n and true, or false as soon as
// the text is longer than limit bytes.
func textUpToRef(n *html.Node, limit int) (string, bool) {
	var sb strings.Builder
	over := false
	var f func(*html.Node)
	f = func(n *html.Node) {
		if over {
			return
		}
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
			if sb.Len() > 2*limit {
				over = true
			}
			return
		case html.ElementNode:
			if skipElement(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	if over {
		return "", false
	}
	t := collapseTrim(sb.String())
	return t, len(t) <= limit
}

// textUpTo says what it said before it gathered its text on the stack.
func TestTextUpTo(t *testing.T) {
	for _, root := range gatePages(t) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			for _, limit := range []int{80, 90, 600, 1200} {
				got, gotOK := textUpTo(n, limit)
				want, wantOK := textUpToRef(n, limit)
				if got != want || gotOK != wantOK {
					t.Fatalf("textUpTo(<%s>, %d) = %q, %v; want %q, %v", n.Data, limit, got, gotOK, want, wantOK)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
}

// mayLeadContact never says no where isContactBox's text test says yes.
func TestMayLeadContact(t *testing.T) {
	yes := 0
	for _, root := range gatePages(t) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			if n.Type == html.ElementNode {
				first := strings.ToLower(leadingText(n, 60))
				want := strings.Contains(first, "kontakt") || strings.Contains(first, "ansprech") || strings.Contains(first, "presse") || strings.Contains(first, "medien")
				if want {
					yes++
				}
				if want && !mayLeadContact(n, 60) {
					t.Errorf("mayLeadContact(<%s>) = false; leading text %q", n.Data, first)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	if yes == 0 {
		t.Error("no element with a contact word tested")
	}
	odd, _ := html.Parse(strings.NewReader("<div><p>PRESSE\u212aONTAKT</p></div><div>Kon<b>takt</b></div><div>Kon<p>takt</p></div><div>\u0130\u212a medIEN</div>"))
	var f func(n *html.Node)
	f = func(n *html.Node) {
		if n.Type == html.ElementNode {
			first := strings.ToLower(leadingText(n, 60))
			if want := containsSubstring(first, "kontakt", "ansprech", "presse", "medien"); want && !mayLeadContact(n, 60) {
				t.Errorf("mayLeadContact(<%s>) = false; leading text %q", n.Data, first)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(odd)
}

// lowerForStems answers ASCII-word tests as strings.ToLower does.
func TestLowerForStems(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if l := unicode.ToLower(r); l < 0x80 && r != 0x130 && r != 0x212a {
			t.Errorf("%U lower-cases to ASCII %q", r, l)
		}
	}
	words := []string{"von", "by", "autor", "redaktion", "erstellt", "geschrieben", "verfasst", "einlogg", "anmeld",
		"registrier", "eingeloggt", "angemeldet", "seite", "page", "kontakt", "i", "k"}
	texts := append(precheckTexts(t), "VON Anna", "Bitte ANMELDEN", "\u0130ch", "\u212aontakt", "Ärger Von", "x\xc4", "\xe2\x84", "Seite 1 von 2")
	for _, s := range texts {
		want, got := strings.ToLower(s), lowerForStems(s)
		for _, w := range words {
			if strings.HasPrefix(want, w) != strings.HasPrefix(got, w) || strings.Contains(want, w) != strings.Contains(got, w) {
				t.Errorf("lowerForStems(%q) = %q answers %q unlike strings.ToLower (%q)", s, got, w, want)
			}
		}
	}
}

// collapseTrimBytes says what collapseTrim says.
func TestCollapseTrimBytes(t *testing.T) {
	texts := append(precheckTexts(t), "", " ", "\u00a0", "a\u00a0", "\u00a0a", " a ", "a  b", "a \u00a0 b", "x\xc2", "\xc2\xa0\xc2", "a\n\t\r\fb", "\u2003a\u2003", "a\u0085\u0085b")
	for _, s := range texts {
		if got, want := string(collapseTrimBytes([]byte(s))), collapseTrim(s); got != want {
			t.Errorf("collapseTrimBytes(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(normBytes([]byte(s+"\u00ad"))), normText(s+"\u00ad"); got != want {
			t.Errorf("normBytes(%q) = %q, want %q", s, got, want)
		}
	}
}

// truncatedCleanText is Truncate(cleanText(n), limit).
func TestTruncatedCleanText(t *testing.T) {
	odd, _ := html.Parse(strings.NewReader("<div>\v\v<p>" + strings.Repeat("ä ", 400) + "</p>" + strings.Repeat("a\u2003", 200) + "<br>x</div><p>" + strings.Repeat("\u2003", 300) + "</p>"))
	for _, root := range append(gatePages(t), odd) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			for _, limit := range []int{20, 300} {
				if got, want := truncatedCleanText(n, limit), textutil.Truncate(cleanText(n), limit); got != want {
					t.Fatalf("truncatedCleanText(<%s>, %d) = %q, want %q", n.Data, limit, got, want)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
}

// newsMarkupMatcher matches what newsMarkup matches.
func TestNewsMarkupMatcher(t *testing.T) {
	odd, _ := html.Parse(strings.NewReader(`<div class="x newsSingle"><p itemtype="https://schema.org/NewsArticle">a</p><p class="NEWS-DETAIL" itemtype="newsarticle">b</p><p data-class="news-detail">c</p><span class=" ">d</span></div>`))
	yes := 0
	for _, root := range append(gatePages(t), odd) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			want := css(newsMarkup).Match(n)
			if got := (newsMarkupMatcher{}).Match(n); got != want {
				t.Errorf("newsMarkupMatcher.Match(<%s %v>) = %v, want %v", n.Data, n.Attr, got, want)
			}
			if want {
				yes++
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	if yes < 3 {
		t.Errorf("only %d matches tested", yes)
	}
}

// collapseSpaceRef is collapseSpace's byte loop as it was written first.
func collapseSpaceRef(s string) string {
	buf := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f':
			space = true
			continue
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			space = true
			i++
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = append(buf, c)
	}
	if space {
		buf = append(buf, ' ')
	}
	return string(buf)
}

// collapseSpace says what its first byte loop said.
func TestCollapseSpaceRuns(t *testing.T) {
	texts := append(precheckTexts(t), "", " ", "  ", "\u00a0", "a\u00a0", "\u00a0a", " a ", "a  b", "a \u00a0 b", "x\xc2", "\xc2\xa0\xc2", "a\n\t\r\fb", "\u2003a\u2003", "\xc2\xc2\xa0", "a\xc2 b")
	for _, s := range texts {
		if got, want := collapseSpace(s), collapseSpaceRef(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// textOfRef is textOf as it was written first.
func textOfRef(n *html.Node) string {
	var sb strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
		case html.ElementNode:
			if skipElement(n) {
				return
			}
			if n.DataAtom == atom.Br {
				sb.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
		if n.Type == html.ElementNode && !inlineAtoms[n.DataAtom] {
			sb.WriteByte(' ')
		}
	}
	f(n)
	return sb.String()
}

// textOf and cleanText say what they said before they gathered the text
// on the stack.
func TestTextOf(t *testing.T) {
	for _, root := range gatePages(t) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			want := textOfRef(n)
			if got := textOf(n); got != want {
				t.Fatalf("textOf(<%s>) = %q, want %q", n.Data, got, want)
			}
			if got, want := cleanText(n), collapseTrim(want); got != want {
				t.Fatalf("cleanText(<%s>) = %q, want %q", n.Data, got, want)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
}

// lastOfFewFieldsBytes is the last of strings.Fields and their number, up to
// the most asked for.
func TestLastOfFewFields(t *testing.T) {
	for _, s := range []string{"", " ", "drucken", "  seite drucken ", "a b c", "a b c d", "a\u00a0b\u2003c", "x\tdrucken\n", "ä ö ü ß", "a\xffb c", "\xff", "a\u0085b\u00a0 c", "a b c\u3000", "\u3000a\u3000\u3000b\u3000"} {
		f := strings.Fields(s)
		wantLast, wantK := "", 0
		if len(f) > 0 && len(f) <= 3 {
			wantLast, wantK = f[len(f)-1], len(f)
		}
		if last, k := lastOfFewFieldsBytes([]byte(s), 3); string(last) != wantLast || k != wantK {
			t.Errorf("lastOfFewFieldsBytes(%q, 3) = %q, %d; want %q, %d", s, last, k, wantLast, wantK)
		}
	}
}

// numberIn finds the number numberRe's FindStringSubmatch found, and only
// where it found one.
func TestNumberIn(t *testing.T) {
	texts := append(precheckTexts(t), "Pressemitteilung Nr. 042/2024", "PM 12/2024", "pm 12 / 24", "Medieninformation 15/2024: Umzug",
		"NR. 7/23", "Nr.7/2023 vom 3. Mai", "Mitteilung Nummer 3/2022", "PI 5/2021", "MI 100/2020", "Nr. 12345/2024", "12/2024",
		"Presseinformation 3/2024 und Nr. 4/2024", "und/oder", "Nr. /2024", "Nr. 1/202", "https://example.org/pm/12/2024", "")
	found := 0
	for _, s := range texts {
		want, wantOK := "", false
		if m := numberRe.FindStringSubmatch(s); m != nil {
			want, wantOK = m[0], true
			found++
		}
		if got, ok := numberIn(s); got != want || ok != wantOK {
			t.Errorf("numberIn(%.60q) = %q, %v; want %q, %v", s, got, ok, want, wantOK)
		}
	}
	if found < 10 {
		t.Errorf("only %d texts with a number", found)
	}
}

// releaseNumber reads what it read with both patterns asked about every
// line, slash or not.
func TestReleaseNumberSlashGate(t *testing.T) {
	ungated := func(line string) string {
		if m := numberRe.FindStringSubmatch(line); m != nil {
			return collapseTrim(m[0])
		}
		for l := range strings.SplitSeq(line, "\n") {
			if m := datelineNumberRe.FindStringSubmatch(collapseTrim(l)); m != nil {
				return collapseTrim(m[1])
			}
		}
		return ""
	}
	texts := append(precheckTexts(t), "Berlin, 28.10.2021, 058/21", "Erfurt, 12. März 2024 | Nr. 7/2024", "Bonn, den 3.5.2023 – 12/23\nText",
		"Pressemitteilung Nr. 042/2024", "Berlin, 28.10.2021", "Berlin, 28.10.2021, 058", "und/oder", "")
	found := 0
	for _, s := range texts {
		want := ungated(s)
		if got := releaseNumber(s); got != want {
			t.Errorf("releaseNumber(%.60q) = %q, want %q", s, got, want)
		}
		if want != "" {
			found++
		}
	}
	if found < 4 {
		t.Errorf("only %d texts with a number", found)
	}
}

// A page's own verdict maps go to the Parser's next page with what they
// hold, within their bounds.
func TestLocalVerdictsHandedOn(t *testing.T) {
	ps := NewParser()
	page := fixtures.SyntheticPage(1000, 3)
	if _, err := ps.ParseHTML(bytes.NewReader(page), "https://www.example.de/a.html"); err != nil {
		t.Fatal(err)
	}
	v := ps.verdicts
	if len(v.free) != 1 || len(v.free[0].classes) == 0 || len(v.free[0].names) == 0 {
		t.Fatalf("after one page: %d free maps", len(v.free))
	}
	kept := v.free[0].classes
	c := newBoilerCache(v)
	if len(v.free) != 0 || len(c.classes) != len(kept) {
		t.Fatalf("the next page did not get the maps: %d free, %d classes", len(v.free), len(c.classes))
	}
	for i := 0; i <= localCacheMax; i++ {
		c.names[fmt.Sprint("n", i)] = ""
	}
	c.release()
	if len(v.free) != 1 || len(v.free[0].names)+len(v.free[0].classes) != 0 {
		t.Errorf("maps over their bound were kept full")
	}
	for i := 0; i < 2*localCachesMax; i++ {
		newBoilerCache(nil).release()
		(boilerCache{names: map[string]string{}, shared: v}).release()
	}
	if len(v.free) != localCachesMax {
		t.Errorf("%d free maps kept, bound %d", len(v.free), localCachesMax)
	}
}

// mayContactCue says yes wherever contactCue matches the lower-cased
// text: the cues, their variants in other cases and with the runes case
// folding takes for ASCII letters, and the texts of the precheck corpus.
func TestContactCuePrecheck(t *testing.T) {
	texts := append(precheckTexts(t), "Pressekontakt", "PRESSE-KONTAKT", "Ansprechpartnerin", "Ihr Kontakt", "Ihre \u212aontakt", "Preſſeſtelle",
		"Media enquiries", "Contact for the press", "Your Contact:", "Kontakt für Journalisten", "Medienkontakt", "Press contacts")
	yes := 0
	for _, s := range texts {
		l := firstLine(strings.ToLower(s))
		if contactCue.MatchString(l) {
			yes++
			if !mayContactCue(l) {
				t.Errorf("mayContactCue(%q) = false, but contactCue matches", l)
			}
		}
	}
	if yes < 12 {
		t.Errorf("only %d texts matched contactCue", yes)
	}
}

// embeddedPostCue and mobileCue say what the substring tests they stand
// for said, and normText what it said before it trimmed first, on every
// class attribute and text node of the gate pages and on made-up ones.
func TestOnePassCues(t *testing.T) {
	classes := []string{"", "-", "fb-post", "xfb-postx", "twitter-tweet", "a-media", "-embed", "tiktok-embe", "fb-pos", "x", "xs", "s", "smal",
		"hidden-md", "hide", "hid", "d-none", "mobile-only", "u-mobile", "nonexs", "col-xs-12", "small-8 columns", "é-media", "h"}
	texts := append(precheckTexts(t), "", " ", "\u00ad", " \u00ad ", "a\u00adb", " \u00ad x", "x \u00ad", "\u00a0\u00ad\u00a0", "\t\n a  b \n")
	for _, root := range gatePages(t) {
		var visit func(n *html.Node)
		visit = func(n *html.Node) {
			if c := attr(n, "class"); c != "" {
				classes = append(classes, c)
			}
			if n.Type == html.TextNode {
				texts = append(texts, n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(root)
	}
	emb, mob := 0, 0
	for _, c := range classes {
		want := containsSubstring(c, "-tweet", "-media", "-embed", "fb-post")
		if got := embeddedPostCue(c); got != want {
			t.Errorf("embeddedPostCue(%q) = %v", c, got)
		}
		if want {
			emb++
		}
		want = containsSubstring(c, "xs", "small", "mobile", "none", "hidden", "hide")
		if got := mobileCue(c); got != want {
			t.Errorf("mobileCue(%q) = %v", c, got)
		}
		if want {
			mob++
		}
	}
	for _, s := range texts {
		want := s
		if strings.Contains(want, "\u00ad") {
			want = strings.ReplaceAll(want, "\u00ad", "")
		}
		if want = collapseTrim(want); normText(s) != want {
			t.Errorf("normText(%q) = %q, want %q", s, normText(s), want)
		}
	}
	if emb < 5 || mob < 20 || len(texts) < 10000 {
		t.Errorf("%d classes with an embed cue, %d with a mobile cue, %d texts: too few", emb, mob, len(texts))
	}
}

// screenOnly's one pass says what its three attribute look-ups said, on
// every element of the gate pages and on made-up ones.
func TestScreenOnlyOnePass(t *testing.T) {
	snippet := `<p hidden>a</p><p aria-hidden="TRUE">b</p><p aria-hidden="false" aria-hidden="true">c</p><p class="x sr-only">d</p>` +
		`<p class="x" class="sr-only">e</p><p class="sr-only-focusable">f</p><p>g</p>`
	root, err := html.Parse(strings.NewReader(snippet))
	if err != nil {
		t.Fatal(err)
	}
	yes := 0
	for _, r := range append(gatePages(t), root) {
		var visit func(n *html.Node)
		visit = func(n *html.Node) {
			if n.Type == html.ElementNode {
				want := hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") || hasClass(attr(n, "class"), "sr-only")
				if got := screenOnly(n); got != want {
					t.Errorf("screenOnly(%s) = %v", selectorOf(n), got)
				}
				if want {
					yes++
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(r)
	}
	if yes < 50 {
		t.Errorf("only %d screen-only elements", yes)
	}
}
