package html

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// The look-ups as they were before pageIndex: one Find each.

func readMetaRef(doc *goquery.Document) metaTags {
	m := metaTags{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		c, ok := s.Attr("content")
		if !ok {
			return
		}
		for _, k := range []string{"name", "property"} {
			if v := s.AttrOr(k, ""); v != "" {
				key := k + ":" + strings.ToLower(v)
				if _, dup := m[key]; !dup {
					m[key] = c
				}
			}
		}
	})
	return m
}

func metaDateRef(doc *goquery.Document) string {
	byKey := map[string]string{}
	seen := map[string]int{}
	doc.Find("meta, [itemprop]").Each(func(_ int, m *goquery.Selection) {
		key := strings.ToLower(m.AttrOr("itemprop", m.AttrOr("property", m.AttrOr("name", ""))))
		if _, ok := metaDateKeys[key]; !ok {
			return
		}
		if m.Is("[itemprop]") {
			if seen[key]++; seen[key] > 1 {
				delete(byKey, key)
				byKey[key+"#ambiguous"] = "x"
				return
			}
			// TYPO3's plugin frame (frame-type-list) is no list.
			listed := m.Parents().FilterFunction(func(_ int, p *goquery.Selection) bool {
				return strings.Contains(strings.ToLower(strings.ReplaceAll(p.AttrOr("class", ""), "frame-type-list", "")), "list")
			})
			if m.Parents().Filter("li, [class*=teaser i], [class*=related i], [class*=card i]").Length()+listed.Length() > 0 {
				return
			}
		}
		if byKey[key] != "" || byKey[key+"#ambiguous"] != "" {
			return
		}
		if v := isoDate(m.AttrOr("content", m.AttrOr("datetime", "")), text(m)); v != "" {
			byKey[key] = v
		}
	})
	for _, k := range metaDateOrder {
		if v := byKey[k]; v != "" {
			return v
		}
	}
	var found string
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return true
		}
		if d := jsonLDString(v, "datePublished", 0); d != "" {
			found = isoDate(d, "")
		}
		return found == ""
	})
	return found
}

func profileRef(doc *goquery.Document, profiles []*Profile, meta metaTags, pageURL string) *Profile {
	for _, p := range profiles {
		gen := strings.ToLower(meta.name("generator"))
		for _, g := range p.Detect.Generator {
			if gen != "" && strings.Contains(gen, strings.ToLower(g)) {
				return p
			}
		}
		for _, s := range p.Detect.Selectors {
			if doc.Find(s).Length() > 0 {
				return p
			}
		}
		for _, re := range p.urlRe {
			if re.MatchString(pageURL) {
				return p
			}
		}
	}
	return nil
}

func testProfile(t *testing.T, y string) *Profile {
	t.Helper()
	p, err := ParseProfile(strings.NewReader(y))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// pageIndex finds what the Finds it replaced found: the <base>, the meta
// tags, the metadata date, the TYPO3 markup and the profile that applies.
func TestPageIndexAgrees(t *testing.T) {
	extra := []*Profile{
		testProfile(t, "name: bysel\ndetect:\n  selectors: [\"div.row\", \"[data-x]\"]\n"),
		testProfile(t, "name: none\ndetect:\n  selectors: [\".no-such-class\"]\n"),
		testProfile(t, "name: bygen\ndetect:\n  generator: [\"TYPO3\"]\n  selectors: [\"nav\"]\n"),
		testProfile(t, "name: byurl\ndetect:\n  url: [\"/presse/\"]\n  selectors: [\".no-such-class\"]\n"),
		testProfile(t, "name: text\ndetect:\n  selectors: [\":not(div)\", \":contains(Impressum)\"]\n"),
	}
	sets := [][]*Profile{BuiltinProfiles(), append(extra, BuiltinProfiles()...), {extra[1], extra[4], extra[2]}, {extra[3], extra[0]}, nil}
	urls := []string{"https://www.example.de/", "https://www.example.de/presse/a.html", "https://x.example/sixcms/detail.php"}
	chosen := map[string]int{}
	typo3 := [2]int{}
	// A page without TYPO3 markup, so that the check has both kinds also
	// where the real pages are not at hand.
	plain, err := html.Parse(strings.NewReader(`<html><head><base href="https://www.example.de/sub/"><meta name="generator" content="WordPress 6.4"><meta property="article:published_time" content="2024-03-01T10:00:00+01:00"></head>
<body><nav><a href="/">Start</a></nav><main><article class="post"><h1>Neue Radwege</h1><p>Die Stadt baut vier neue Radwege.</p></article></main></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range append(gatePages(t), plain) {
		doc := goquery.NewDocumentFromNode(root)
		for si, set := range sets {
			for _, u := range urls {
				x := indexPage(root, set, u)
				meta := readMeta(x.metas)
				var got *Profile
				for i, pr := range set {
					if pr.matches(meta, u, x.detect[i]) {
						got = pr
						break
					}
				}
				want := profileRef(doc, set, readMetaRef(doc), u)
				if got != want {
					t.Errorf("set %d, %s: profile %v, want %v", si, u, got, want)
				}
				if got != nil {
					chosen[got.Name]++
				}
			}
		}
		x := indexPage(root, nil, "")
		wantMeta := readMetaRef(doc)
		if got := readMeta(x.metas); len(got) != len(wantMeta) {
			t.Errorf("readMeta: %d tags, want %d", len(got), len(wantMeta))
		} else {
			for k, v := range wantMeta {
				if got[k] != v {
					t.Errorf("readMeta[%q] = %q, want %q", k, got[k], v)
				}
			}
		}
		if got, want := metaDate(x), metaDateRef(doc); got != want {
			t.Errorf("metaDate = %q, want %q", got, want)
		}
		wantBase := doc.Find("base[href]").First()
		if (x.base == nil) != (wantBase.Length() == 0) || x.base != nil && x.base != wantBase.Nodes[0] {
			t.Errorf("base = %v, want %v", x.base, wantBase.Nodes)
		}
		want := doc.Find(typo3MarkupSel).Length() > 0
		if x.typo3 != want {
			t.Errorf("typo3 markup = %v, want %v", x.typo3, want)
		}
		if want {
			typo3[0]++
		} else {
			typo3[1]++
		}
	}
	if typo3[0] == 0 || typo3[1] == 0 {
		t.Errorf("TYPO3 markup on %d pages, not on %d: the test pages should have both", typo3[0], typo3[1])
	}
	for _, name := range []string{"bysel", "bygen", "byurl", "text"} {
		if chosen[name] == 0 {
			t.Errorf("profile %s never chosen: %v", name, chosen)
		}
	}
}

// mayBeTYPO3Markup holds on every element typo3Markup matches, and each
// selector of the group is one it was written for.
func TestTYPO3MarkupGate(t *testing.T) {
	for _, s := range strings.Split(typo3MarkupSel, ", ") {
		switch s {
		case `[class*="frame-type-"]`, ".csc-default", ".csc-frame", `[class*="ce-bodytext"]`:
		default:
			t.Errorf("typo3MarkupSel has %q: extend mayBeTYPO3Markup and this test", s)
		}
	}
	sel := cascadia.MustCompile(typo3MarkupSel)
	yes, no := 0, 0
	for _, root := range gatePages(t) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			if n.Type == html.ElementNode {
				may := mayBeTYPO3Markup(n)
				if sel.Match(n) && !may {
					t.Errorf("mayBeTYPO3Markup says no on <%s class=%q>", n.Data, attr(n, "class"))
				}
				if may {
					yes++
				} else {
					no++
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	if yes == 0 || no == 0 {
		t.Errorf("gate said yes %d times, no %d times", yes, no)
	}
}

// originalBodyText reads the body as it was before the edits made so far
// and leaves the tree as the edits made it.
func TestOriginalBodyText(t *testing.T) {
	checked := 0
	for _, root := range gatePages(t) {
		p, err := NewParser().pageOf(root, "https://www.example.de/")
		if err != nil {
			t.Fatal(err)
		}
		p.an = analyze(root)
		if p.an.body == nil {
			continue
		}
		want := cleanText(p.an.body)
		// Take out every third element of the body's last child, and the
		// first element of the body.
		var sub []*html.Node
		for c := p.an.body.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					sub = append(sub, d)
				}
			}
		}
		for i := 0; i < len(sub); i += 3 {
			p.detach(sub[i])
		}
		if len(p.edits) == 0 {
			continue
		}
		edited := cleanText(p.an.body)
		p.an.mobile = true
		if got := p.originalBodyText(); got != want {
			t.Errorf("originalBodyText: %.80q…, want %.80q…", got, want)
		}
		if got := cleanText(p.an.body); got != edited {
			t.Errorf("tree after originalBodyText: %.80q…, want %.80q…", got, edited)
		}
		p.restore()
		if got := cleanText(p.an.body); got != want {
			t.Errorf("tree after restore: %.80q…, want %.80q…", got, want)
		}
		checked++
	}
	if checked == 0 {
		t.Error("no page checked")
	}
}

// firstMatches finds what a Find per selector finds first.
func TestFirstMatches(t *testing.T) {
	sels := []string{"h1", ".no-such-class", "time[datetime]", "meta[property='article:published_time']", "div p",
		"#content", "[itemprop=headline]", ":contains(Impressum)", "p:first-child", "a[href*='/presse']", "h1"}
	hits := 0
	for _, root := range gatePages(t) {
		doc := goquery.NewDocumentFromNode(root)
		found := firstMatches(root, sels[:4], sels[4:])
		for _, s := range sels {
			want := doc.Find(s).First()
			got := found[s]
			if (got == nil) != (want.Length() == 0) || got != nil && got != want.Nodes[0] {
				t.Errorf("%s: %v, want %v", s, got, want.Nodes)
			}
			if got != nil {
				hits++
			}
		}
	}
	if hits == 0 {
		t.Error("no selector matched")
	}
}

// mayBeNewsDetail holds on every element newsDetailSel matches, and each
// selector of the group is one it was written for.
func TestNewsDetailGate(t *testing.T) {
	for _, s := range strings.Split(newsDetailSel, ", ") {
		switch s {
		case ".news-single", ".news-detail", ".newsSingle", ".news-single-item",
			`.article[itemtype*="Article"]:has([itemprop=articleBody])`, `article[itemtype*="Article"]:has([itemprop=articleBody])`:
		default:
			t.Errorf("newsDetailSel has %q: extend mayBeNewsDetail and this test", s)
		}
	}
	odd, _ := html.Parse(strings.NewReader(`<div class="news-single-item"><article itemtype="https://schema.org/NewsArticle"><p itemprop="articleBody">a</p></article><div class="x article" itemtype="Article"><span itemprop="articleBody">b</span></div><p class="newsSingle">c</p></div>`))
	sel := cascadia.MustCompile(newsDetailSel)
	yes, no, matched := 0, 0, 0
	for _, root := range append(gatePages(t), odd) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			may := mayBeNewsDetail(n)
			if sel.Match(n) {
				matched++
				if !may {
					t.Errorf("mayBeNewsDetail says no on <%s %v>", n.Data, n.Attr)
				}
			}
			if may {
				yes++
			} else {
				no++
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
		doc := goquery.NewDocumentFromNode(root)
		want, got := doc.FindMatcher(sel).Nodes, doc.FindMatcher(newsDetailMatcher).Nodes
		if len(got) != len(want) {
			t.Errorf("newsDetailMatcher found %d, the selector %d", len(got), len(want))
		}
		for i := range got {
			if i < len(want) && got[i] != want[i] {
				t.Errorf("newsDetailMatcher's match %d differs", i)
			}
		}
	}
	if yes == 0 || no == 0 || matched < 4 {
		t.Errorf("gate said yes %d times, no %d times; %d matches", yes, no, matched)
	}
}

// prCueMatch and collapsibleMatch say what their regexps say.
func TestCueAndCollapsiblePrechecks(t *testing.T) {
	texts := append(precheckTexts(t), "PRESSEMITTEILUNG vom 3. Mai", "Preſſemitteilung", "Medien-Information", "medieninformationen", "Pressemeldung: Neue Förderung", "Medienmitteilung Nr. 3",
		"ACCORDION", "TA\u212a", "Ta\u017fk", "Akkordeon-Item", "more-link", "nav-tabs", "frame-type-text", "")
	for _, root := range gatePages(t) {
		var f func(n *html.Node)
		f = func(n *html.Node) {
			if n.Type == html.ElementNode {
				texts = append(texts, attr(n, "class")+" "+attr(n, "id"))
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	cues, colls := 0, 0
	for _, s := range texts {
		if got, want := prCueMatch(s), prCue.MatchString(s); got != want {
			t.Errorf("prCueMatch(%q) = %v, want %v", s, got, want)
		} else if want {
			cues++
		}
		if got, want := collapsibleMatch(s), collapsibleClass.MatchString(s); got != want {
			t.Errorf("collapsibleMatch(%q) = %v, want %v", s, got, want)
		} else if want {
			colls++
		}
	}
	if cues < 4 || colls < 10 {
		t.Errorf("only %d press cues and %d collapsible classes tested", cues, colls)
	}
}

// The index's one pass over each element's attributes finds what
// hasAttr, the script type test, mayBeTYPO3Markup and cfEmailNode found
// element by element.
func TestPageIndexOneAttrPass(t *testing.T) {
	cf, typo3, dated := 0, 0, 0
	for i, root := range gatePages(t) {
		got := indexPage(root, nil, "")
		var want pageIndex
		var visit func(n *html.Node)
		visit = func(n *html.Node) {
			if n.Type == html.ElementNode {
				if n.Data == "meta" || hasAttr(n, "itemprop") {
					want.dated = append(want.dated, n)
				}
				if n.Data == "script" {
					for _, a := range n.Attr {
						if a.Key == "type" && a.Val == "application/ld+json" {
							want.ldJSON = append(want.ldJSON, n)
							break
						}
					}
				}
				if !want.typo3 && mayBeTYPO3Markup(n) && typo3Markup.Match(n) {
					want.typo3 = true
				}
				if cfEmailNode(n) {
					want.cfEmails = append(want.cfEmails, n)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				visit(c)
			}
		}
		same := func(what string, g, w []*html.Node) {
			if len(g) != len(w) {
				t.Errorf("page %d: %d %s, want %d", i, len(g), what, len(w))
				return
			}
			for k := range g {
				if g[k] != w[k] {
					t.Errorf("page %d: %s %d is %s, want %s", i, what, k, selectorOf(g[k]), selectorOf(w[k]))
				}
			}
		}
		same("dated", got.dated, want.dated)
		same("ld+json scripts", got.ldJSON, want.ldJSON)
		same("protected addresses", got.cfEmails, want.cfEmails)
		if got.typo3 != want.typo3 {
			t.Errorf("page %d: typo3 %v, want %v", i, got.typo3, want.typo3)
		}
		cf += len(want.cfEmails)
		dated += len(want.dated)
		if want.typo3 {
			typo3++
		}
	}
	if cf == 0 || typo3 < 5 || dated < 100 {
		t.Errorf("%d protected addresses, %d TYPO3 pages, %d dated elements: too few to compare", cf, typo3, dated)
	}
}

// Every class attribute rowClass matches holds "row", "grid" or "col"
// (isLayoutRow's test before the regexp).
func TestRowClassPrecheck(t *testing.T) {
	classes := []string{"row", "grid", "columns", "ce-row-container", "gridelements", "container-columns", "foo 3cols", "a-b-2col x", "x\trow", "Row", "cols"}
	for _, root := range gatePages(t) {
		var visit func(n *html.Node)
		visit = func(n *html.Node) {
			if c := attr(n, "class"); c != "" {
				classes = append(classes, c)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(root)
	}
	matched := 0
	for _, c := range classes {
		if rowClass.MatchString(c) {
			matched++
			if !containsSubstring(c, "row", "grid", "col") {
				t.Errorf("rowClass matches %q, which the precheck rules out", c)
			}
		}
	}
	if matched < 20 {
		t.Errorf("only %d classes matched", matched)
	}
}
