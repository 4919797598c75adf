package audit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/umzug/umzug"
)

// pageHTML wraps body content in a page with a TYPO3-like head: a script,
// a style and JSON-LD full of placeholder words that must never count.
func pageHTML(body string) []byte {
	return []byte(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Seite</title>
<style>.headline h3 { color: red } /* Lorem ipsum */</style>
<script>var t = "Headline H3 Lorem ipsum Platzhalter";</script>
<script type="application/ld+json">{"description":"Lorem ipsum dolor sit amet","name":"Headline H3"}</script>
</head><body><main>` + body + `</main></body></html>`)
}

func snap(u string, status int, body []byte) *umzug.Snapshot {
	return &umzug.Snapshot{URL: u, FinalURL: u, Status: status, ContentType: "text/html", Body: body}
}

func auditOne(t *testing.T, body string) []umzug.Finding {
	t.Helper()
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a.Page(snap("https://www.example.de/seite/", 200, pageHTML(body)), nil)
}

func has(fs []umzug.Finding, rule, evidence string) bool {
	for _, f := range fs {
		if f.Rule == rule && strings.Contains(f.Evidence, evidence) {
			return true
		}
	}
	return false
}

func dump(fs []umzug.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n  %s %s [%s %s] %q", f.Rule, f.Severity, f.BlockKey, f.Selector, f.Evidence)
	}
	return b.String()
}

func TestTextRules(t *testing.T) {
	tests := []struct {
		name, body string
		rule       string // "" expects no finding at all
		evidence   string
	}{
		{"lorem", `<div id="c1"><p>Lorem ipsum dolor sit amet, consetetur sadipscing elitr.</p></div>`, umzug.RulePlaceholderText, "Lorem ipsum dolor"},
		{"german lorem variant only", `<p>Der Text: consetetur sadipscing elitr, sed diam nonumy eirmod.</p>`, umzug.RulePlaceholderText, "consetetur sadipscing"},
		{"lorem caption", `<figure><figcaption><h3>Bild 12</h3><p>Lorem Ipsum ...</p></figcaption></figure>`, umzug.RulePlaceholderText, "Lorem Ipsum ..."},
		{"blindtext generator", `<p>Weit hinten, hinter den Wortbergen, fern der Länder Vokalien und Konsonantien leben die Blindtexte.</p>`, umzug.RulePlaceholderText, "hinter den Wortbergen"},
		{"beispieltext", `<div id="c7"><h2>Kulturland</h2><p>Beispieltext</p></div>`, umzug.RulePlaceholderText, "Beispieltext"},
		{"text folgt", `<p>Text folgt</p>`, umzug.RulePlaceholderText, "Text folgt"},
		{"hier steht", `<p>Hier steht ein kurzer Teasertext.</p>`, umzug.RulePlaceholderText, "Hier steht"},
		{"platzhalter label", `<h2>Platzhalter</h2>`, umzug.RulePlaceholderText, "Platzhalter"},
		{"headline h3", `<div id="c4704"><h3>Headline H3</h3><p>Echter Text.</p></div>`, umzug.RulePlaceholderText, "Headline H3"},
		{"teaser #1", `<div id="c9"><h3 class="teaser-headline">Dies ist ein Teaser #1</h3></div>`, umzug.RulePlaceholderText, "Dies ist ein Teaser #1"},
		{"accordion button in heading", `<div id="c5"><h3><button type="button">Dies ist eine Überschrift</button></h3></div>`, umzug.RulePlaceholderText, "Dies ist eine Überschrift"},
		{"mustermann", `<p>Ansprechpartner: Max Mustermann, Telefon 0361 0000</p>`, umzug.RulePlaceholderText, "Max Mustermann"},
		{"title attribute", `<a href="/x/" title="Lorem ipsum dolor">Mehr</a>`, umzug.RulePlaceholderText, `title="Lorem ipsum dolor"`},
		{"TYPO3 no rendering definition", `<div id="c4735"><p style="background-color: yellow;"><strong>ERROR:</strong> Content Element with uid "4735" and type "mask_thvideo" has no rendering definition!</p></div>`, umzug.RuleBrokenElement, `type "mask_thvideo"`},
		{"pre-v8 form", `<p><b>ERROR:</b> Content Element type "fed_fce" has no rendering definition!</p>`, umzug.RuleBrokenElement, `type "fed_fce"`},
		{"mask error", `<b>MASK ERROR:</b> Content Element type "mask_x" has no rendering definition! Have you cleared TYPO3 cache?`, umzug.RuleBrokenElement, "MASK ERROR"},
		{"oops with code", `<div id="c3">Oops, an error occurred! Code: 20170626162611da567c54</div>`, umzug.RuleBrokenElement, "Code: 20170626162611da567c54"},
		{"oops v13", `<p>Oops, an error occurred! Request: 7f3a9c1b2d</p>`, umzug.RuleBrokenElement, "Request: 7f3a9c1b2d"},
		{"fluid template", `<p>Tried resolving a template file for controller action "News->list" in format ".html", but none of the paths contained the expected template file (News/List.html).</p>`, umzug.RuleBrokenElement, "Tried resolving"},
		{"fluid viewhelper", `<p>The ViewHelper "&lt;v:format.json&gt;" could not be resolved.</p>`, umzug.RuleBrokenElement, "could not be resolved"},
		{"extbase", `<p>Sorry, the requested view was not found.</p><p>The technical reason is: No template was found. View could not be resolved for action "show"</p>`, umzug.RuleBrokenElement, "Sorry, the requested view"},
		{"php warning", `<b>Warning</b>: Undefined array key "x" in /var/www/typo3conf/ext/site/Classes/Foo.php on line 42`, umzug.RuleBrokenElement, "on line 42"},
		{"soft 404", `<h1>Seite nicht gefunden</h1><p>Bitte nutzen Sie die Suche.</p>`, umzug.RuleBrokenElement, "Seite nicht gefunden"},
		{"no typoscript template", `<h1>No TypoScript template found!</h1>`, umzug.RuleBrokenElement, "No TypoScript template found!"},

		// negative controls: nothing may be found
		{"test in real text", `<div id="c1"><h2>Was wir im Test prüfen</h2><p>Der Test des Portals läuft bis November. Ein Lasttest folgt.</p></div>`, "", ""},
		{"styleguide label", `<div id="c1"><h3>Tabelle (Headline H3)</h3><h3>Teaser Typ-A</h3></div>`, "", ""},
		{"comment", `<div id="c1"><p>Echt.</p><!-- Platzhalter: Headline H3 Lorem ipsum --><!--f:debug>Array</f:debug--></div>`, "", ""},
		{"template element", `<template><h3>Headline H3</h3><p>Lorem ipsum dolor sit amet</p></template>`, "", ""},
		{"hidden input and attributes", `<form><input type="hidden" value="Lorem ipsum"><input placeholder="Max Mustermann" data-x="Headline H3"></form><div data-hint="Text folgt">Kontakt</div>`, "", ""},
		{"hidden element", `<div hidden><p>Lorem ipsum dolor sit amet</p></div><div style="display: none"><h3>Headline H3</h3></div>`, "", ""},
		{"platzhalter file name", `<div id="c1"><img src="/fileadmin/platzhalter-karte.png" alt="Karte der Testlandkreise"></div>`, "", ""},
		{"inline style in body", `<style>.headline h3 { font-weight: bold }</style><p>Inhalt.</p>`, "", ""},
		{"platzhalter in a sentence", `<p>Das Sternchen dient in der Suche als Platzhalter für beliebige Zeichen, etwa bei Straßennamen und Ortsteilen im ganzen Land.</p>`, "", ""},
		{"example person", `<p>Geben Sie Ihren Namen ein, z. B. Max Mustermann.</p>`, "", ""},
		{"column head Titel", `<table><tr><th>Titel</th><th>Datum</th></tr><tr><td>Text</td><td>2024</td></tr></table>`, "", ""},
		{"navigation label", `<nav><ul><li><a href="/text/">Text</a></li></ul></nav>`, "", ""},
		{"error text discussed", `<p>Der Fehler „Page Not Found“ erscheint, wenn eine Seite gelöscht wurde; wir leiten alte Adressen deshalb weiter.</p>`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := auditOne(t, tt.body)
			if tt.rule == "" {
				if len(fs) > 0 {
					t.Errorf("findings on a negative control:%s", dump(fs))
				}
				return
			}
			if !has(fs, tt.rule, tt.evidence) {
				t.Errorf("no %s finding with evidence %q; got:%s", tt.rule, tt.evidence, dump(fs))
			}
			for _, f := range fs {
				if f.URL == "" || f.Message == "" || (f.Selector == "" && f.BlockKey == "") || f.Fingerprint == "" {
					t.Errorf("finding lacks URL, message, location or fingerprint: %+v", f)
				}
			}
		})
	}
}

func TestOnePlaceholderFindingPerElementAndMatcher(t *testing.T) {
	fs := auditOne(t, `<div id="c4718"><p>Lorem ipsum dolor sit amet.</p><p>Lorem ipsum again.</p><p>Stet clita kasd, Lorem ipsum.</p></div>`)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "3 places") || fs[0].BlockKey != "c4718" {
		t.Errorf("want one finding for c4718 counting 3 places; got:%s", dump(fs))
	}
	// Beispieltext matches two matchers; one finding is enough.
	fs = auditOne(t, `<div id="c1"><p>Beispieltext</p></div>`)
	if len(fs) != 1 {
		t.Errorf("Beispieltext: %d findings; want 1:%s", len(fs), dump(fs))
	}
}

func TestSoftErrorsOnlyOnSuccessPages(t *testing.T) {
	body := pageHTML(`<h1>Page Not Found</h1><p>The requested page does not exist!</p>`)
	a, _ := New(Options{})
	if fs := a.Page(snap("https://a.example/weg/", 404, body), nil); len(fs) != 0 {
		t.Errorf("a 404 page saying so is no broken element:%s", dump(fs))
	}
	if fs := a.Page(snap("https://a.example/weg2/", 200, body), nil); !has(fs, umzug.RuleBrokenElement, "Page Not Found") {
		t.Errorf("a 200 page saying Page Not Found is a soft 404:%s", dump(fs))
	}
	// Element-level errors count whatever the status.
	body = pageHTML(`<div id="c9"><p>Oops, an error occurred! Code: 2024010112000012345678</p></div>`)
	fs := a.Page(snap("https://a.example/kaputt/", 500, body), nil)
	if !has(fs, umzug.RuleBrokenElement, "Oops") || !has(fs, umzug.RuleServerError, "Oops") {
		t.Errorf("500 page with a TYPO3 error: want broken-element and server-error:%s", dump(fs))
	}
}

func TestImageRules(t *testing.T) {
	tests := []struct {
		name, body, rule, evidence string
	}{
		{"placeholder alt", `<div id="c1"><img src="/a.jpg" alt="alternativer Text"></div>`, umzug.RulePlaceholderAlt, `alt="alternativer Text"`},
		{"alt Bild", `<img src="/b.jpg" alt="Bild">`, umzug.RulePlaceholderAlt, `alt="Bild"`},
		{"file name alt", `<img src="/c.jpg" alt="DSC_0042.JPG">`, umzug.RulePlaceholderAlt, "DSC_0042"},
		{"camera name alt", `<img src="/c.jpg" alt="IMG_2231">`, umzug.RulePlaceholderAlt, "IMG_2231"},
		{"lorem alt", `<img src="/c.jpg" alt="Lorem ipsum dolor">`, umzug.RulePlaceholderAlt, "Lorem ipsum"},
		{"no alt", `<div id="c2"><img src="/d.jpg"></div>`, umzug.RuleMissingAlt, `src="/d.jpg"`},
		{"nameless image link", `<div id="c3"><a href="/x/"><img src="/e.jpg" alt=""></a></div>`, umzug.RuleMissingAlt, `src="/e.jpg"`},
		{"lazy image", `<img src="data:image/gif;base64,R0lGOD" data-src="/lazy.jpg" alt="alternativer Text">`, umzug.RulePlaceholderAlt, "/lazy.jpg"},
		{"decorative alt empty", `<figure><img src="/f.jpg" alt=""><figcaption>Brücke</figcaption></figure>`, "", ""},
		{"presentation", `<img src="/g.jpg" role="presentation">`, "", ""},
		{"tracking pixel", `<img src="/p.gif" width="1" height="1">`, "", ""},
		{"redundant image link", `<div id="c900"><h2><a href="/jobs/">Stellenangebote</a></h2><a href="/jobs/"><img src="/h.png" alt=""></a></div>`, "", ""},
		{"link with title", `<a href="/x/" title="Zur Startseite"><img src="/logo.png" alt=""></a>`, "", ""},
		{"descriptive alt from file name", `<img src="/facebook.gif" alt="Facebook">`, "", ""},
		{"proper alt", `<img src="/platzhalter-karte.png" alt="Karte der Landkreise im Testbetrieb">`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := auditOne(t, tt.body)
			if tt.rule == "" {
				if len(fs) > 0 {
					t.Errorf("findings:%s", dump(fs))
				}
				return
			}
			if !has(fs, tt.rule, tt.evidence) || len(fs) != 1 {
				t.Errorf("want exactly one %s with %q; got:%s", tt.rule, tt.evidence, dump(fs))
			}
		})
	}
}

func TestEmptyTextPart(t *testing.T) {
	fs := auditOne(t, `<div id="c4711" class="frame-type-textmedia"><div class="ce-textpic"><div class="ce-gallery"><img src="/p.jpg" alt=""></div><div class="ce-bodytext"><p>&nbsp;</p></div></div></div>`)
	if !has(fs, umzug.RuleEmptyElement, "ce-bodytext") || fs[0].BlockKey != "c4711" {
		t.Errorf("blank body of a text & media element not found:%s", dump(fs))
	}
	// An image-only textpic (CSC renders the empty text div) is fine.
	fs = auditOne(t, `<div id="c4723" class="csc-default"><div class="csc-textpic"><div class="csc-textpic-imagewrap"><img src="/u.jpg" alt="Unterricht"></div><div class="csc-textpic-text"></div></div></div>`)
	if len(fs) != 0 {
		t.Errorf("image-only textpic:%s", dump(fs))
	}
}

func TestDocumentWarnings(t *testing.T) {
	a, _ := New(Options{})
	body := pageHTML(`<div id="c4720" class="frame-type-accordion"><div class="accordion"></div></div>
<div id="c6101" class="frame-type-html"><script>var app = 1;</script><app-root></app-root></div>
<div id="c4735"><p>ERROR: Content Element with uid "4735" and type "mask_thvideo" has no rendering definition!</p></div>`)
	d := &umzug.Document{Warnings: []umzug.Warning{
		{Code: "empty-element", Message: "content element c4720 (accordion) has no content", BlockKey: "c4720"},
		{Code: "empty-element", Message: "content element c6101 (html) has no content", BlockKey: "c6101"},
		{Code: "broken-element", Message: "content element c4735 rendered as a CMS error", BlockKey: "c4735"},
		{Code: "untyped-element", Message: "kept as html", BlockKey: "c1"},
	}}
	fs := a.Page(snap("https://a.example/", 200, body), d)
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+" "+f.BlockKey)
	}
	want := "broken-element c4735,empty-element c4720"
	if strings.Join(got, ",") != want {
		t.Errorf("findings %q; want %q (one broken-element for c4735, none for the script-filled c6101)", got, want)
	}
}

func TestMixedContent(t *testing.T) {
	a, _ := New(Options{})
	body := pageHTML(`<img src="http://cdn.example/a.jpg" alt="A"><script src="http://cdn.example/x.js"></script><img src="https://cdn.example/ok.jpg" alt="B"><a href="http://other.example/">Link</a>`)
	fs := a.Page(snap("https://a.example/", 200, body), nil)
	var sev []string
	for _, f := range fs {
		if f.Rule == umzug.RuleMixedContent {
			sev = append(sev, string(f.Severity))
		}
	}
	if strings.Join(sev, ",") != "warning,error" {
		t.Errorf("mixed content severities %v; want passive image warning, active script error:%s", sev, dump(fs))
	}
	if fs := a.Page(snap("http://a.example/", 200, body), nil); len(fs) != 0 {
		t.Errorf("an http page has no mixed content:%s", dump(fs))
	}
}

type fakeChecker struct {
	status map[string]int
	mu     sync.Mutex
	asked  []string
}

func (c *fakeChecker) Check(_ context.Context, u string) (int, error) {
	c.mu.Lock()
	c.asked = append(c.asked, u)
	c.mu.Unlock()
	switch st, ok := c.status[u]; {
	case ok && st == -1:
		return 0, fmt.Errorf("robots: %w", umzug.ErrNotChecked)
	case ok && st == -2:
		return 0, errors.New("connection refused")
	case ok:
		return st, nil
	}
	return 200, nil
}

func TestLinks(t *testing.T) {
	ck := &fakeChecker{status: map[string]int{
		"https://a.example/files/weg.pdf":   404,
		"https://a.example/bilder/weg.jpg":  410,
		"https://a.example/intern/x.pdf":    -1,
		"https://ext.example/kaputt/":       404,
		"https://down.example/":             -2,
		"https://a.example/files/gut.pdf":   200,
		"https://a.example/bilder/gut.jpg":  200,
		"https://a.example/files/spaet.pdf": 429,
	}}
	a, err := New(Options{Hosts: []string{"a.example"}, Checker: ck})
	if err != nil {
		t.Fatal(err)
	}
	page := func(u string, body string) {
		a.Page(snap(u, 200, pageHTML(body)), nil)
	}
	links := `<div id="c1"><a href="/alt/">Alte Seite</a> <a href="/files/weg.pdf">PDF</a> <a href="/files/gut.pdf">PDF</a>
<a href="/intern/x.pdf">Intern</a> <a href="https://ext.example/kaputt/">Extern</a> <a href="https://down.example/">Down</a>
<a href="/files/spaet.pdf">429</a> <a href="mailto:a@b.example">Mail</a> <a href="#top">Oben</a>
<img src="/bilder/weg.jpg" alt="Weg"><img src="/bilder/gut.jpg" alt="Gut"></div>`
	page("https://a.example/eins/", links)
	page("https://a.example/zwei/", links)
	a.Page(snap("https://a.example/alt/", 404, pageHTML("<h1>Page Not Found</h1>")), nil)

	fs, err := a.Finish(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]umzug.Finding{}
	for _, f := range fs {
		got[f.Rule+" "+f.URL] = f
	}
	for _, want := range []string{
		"broken-link https://a.example/alt/",
		"broken-link https://a.example/files/weg.pdf",
		"broken-image https://a.example/bilder/weg.jpg",
	} {
		f, ok := got[want]
		if !ok {
			t.Errorf("missing %s; got:%s", want, dump(fs))
			continue
		}
		if len(f.LinkedFrom) != 2 || f.LinkedFrom[0] != "https://a.example/eins/" || f.Severity != umzug.SeverityError || f.Evidence == "" {
			t.Errorf("%s: linkedFrom %v, severity %s, evidence %q", want, f.LinkedFrom, f.Severity, f.Evidence)
		}
	}
	if len(fs) != 3 {
		t.Errorf("%d link findings; want 3 (external not checked, robots and 429 not broken):%s", len(fs), dump(fs))
	}
	for _, u := range ck.asked {
		if !strings.HasPrefix(u, "https://a.example/") || u == "https://a.example/alt/" {
			t.Errorf("checker asked for %s: external targets need CheckExternal, crawled pages need no check", u)
		}
	}

	// With CheckExternal the external targets are asked too.
	ck2 := &fakeChecker{status: ck.status}
	a2, _ := New(Options{Hosts: []string{"a.example"}, Checker: ck2, CheckExternal: true})
	a2.Page(snap("https://a.example/eins/", 200, pageHTML(links)), nil)
	fs, _ = a2.Finish(t.Context())
	ext := 0
	for _, f := range fs {
		if strings.Contains(f.URL, "ext.example") || strings.Contains(f.URL, "down.example") {
			ext++
			if f.Severity != umzug.SeverityWarning {
				t.Errorf("external %s: severity %s; want warning", f.URL, f.Severity)
			}
		}
	}
	if ext != 2 {
		t.Errorf("%d external findings; want 2 (404 and no response):%s", ext, dump(fs))
	}
}

func TestMapURLAndFingerprints(t *testing.T) {
	body := pageHTML(`<div id="c1"><p>Ein Satz davor. Lorem ipsum dolor sit amet.</p></div>`)
	run := func(origin string) umzug.Finding {
		a, _ := New(Options{MapURL: func(s string) string { return strings.Replace(s, origin, "https://www.example.de", 1) }})
		fs := a.Page(snap(origin+"/seite/", 200, body), nil)
		if len(fs) != 1 {
			t.Fatalf("findings:%s", dump(fs))
		}
		return fs[0]
	}
	f1, f2 := run("http://127.0.0.1:4001"), run("http://127.0.0.1:4002")
	if f1.URL != "https://www.example.de/seite/" || f1.Fingerprint != f2.Fingerprint {
		t.Errorf("mapped URL %q, fingerprints %s %s; want the public URL and one fingerprint", f1.URL, f1.Fingerprint, f2.Fingerprint)
	}
	// Other context around the same placeholder: still the same finding.
	a, _ := New(Options{})
	g1 := a.Page(snap("https://x.example/", 200, pageHTML(`<div id="c1"><p>Vorher. Lorem ipsum dolor.</p></div>`)), nil)
	g2 := a.Page(snap("https://x.example/", 200, pageHTML(`<div id="c1"><p>Ganz anders. Lorem ipsum dolor sit.</p></div>`)), nil)
	g3 := a.Page(snap("https://x.example/", 200, pageHTML(`<div id="c2"><p>Vorher. Lorem ipsum dolor.</p></div>`)), nil)
	if g1[0].Fingerprint != g2[0].Fingerprint || g1[0].Fingerprint == g3[0].Fingerprint {
		t.Errorf("fingerprints %s %s %s: want equal for the same element, different for another", g1[0].Fingerprint, g2[0].Fingerprint, g3[0].Fingerprint)
	}
}

func TestSnippet(t *testing.T) {
	s := strings.Repeat("Wort ", 30) + "Lorem ipsum" + strings.Repeat(" Ende", 30)
	i := strings.Index(s, "Lorem")
	got := snippet(s, i, i+len("Lorem ipsum"))
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "Wort Lorem ipsum Ende") || len(got) > 160 {
		t.Errorf("snippet = %q", got)
	}
	if got := snippet("Ärger Lorem Übel", 7, 12); !utf8.ValidString(got) {
		t.Errorf("snippet = %q: invalid UTF-8", got)
	}
}

// FuzzPage: any input audits without panic, and every finding has valid
// UTF-8 evidence, a location and a fingerprint.
func FuzzPage(f *testing.F) {
	f.Add([]byte(`<div id="c1"><p>Lorem ipsum</p><img src="/a.jpg" alt="Bild"><a href="/x/"><img src="/b.jpg" alt=""></a></div>`))
	f.Add([]byte(`<p>Content Element with uid "1" and type "x" has no rendering definition!</p>`))
	f.Add([]byte("<p>\xff\xfe Headline H3 <h3>Headline H3"))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, _ := New(Options{Hosts: []string{"a.example"}})
		fs := a.Page(snap("https://a.example/", 200, body), nil)
		for _, f := range fs {
			if !utf8.ValidString(f.Evidence) && utf8.Valid(body) {
				t.Errorf("evidence %q is not valid UTF-8", f.Evidence)
			}
			if f.Fingerprint == "" || f.Rule == "" {
				t.Errorf("finding without fingerprint or rule: %+v", f)
			}
		}
		if _, err := a.Finish(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
}

// The link check reports its progress: one for every target, at once for
// a crawled page or one the checker is not asked about (an external link
// without CheckExternal), when its check returns for the others; the
// total is LinkTargets. (Before, a migrate's "checking links" bar showed
// 0 for the minutes a large site's HEAD requests take.)
func TestFinishProgress(t *testing.T) {
	ck := &fakeChecker{status: map[string]int{"https://a.example/files/weg.pdf": 404}}
	a, err := New(Options{Hosts: []string{"a.example"}, Checker: ck})
	if err != nil {
		t.Fatal(err)
	}
	a.Page(snap("https://a.example/eins/", 200, pageHTML(`<div id="c1"><a href="/zwei/">Zwei</a> <a href="/files/weg.pdf">PDF</a>
<a href="/files/gut.pdf">PDF</a> <a href="https://ext.example/">Extern</a> <img src="/bilder/gut.jpg" alt="Gut"></div>`)), nil)
	a.Page(snap("https://a.example/zwei/", 200, pageHTML(`<p>Zwei</p>`)), nil)
	total := a.LinkTargets()
	if total != 5 {
		t.Fatalf("LinkTargets = %d; want 5", total)
	}
	var mu sync.Mutex
	done := 0
	fs, err := a.FinishProgress(t.Context(), func(n int) { mu.Lock(); done += n; mu.Unlock() })
	if err != nil {
		t.Fatal(err)
	}
	if done != total {
		t.Errorf("progress counted %d; want %d (every target)", done, total)
	}
	if len(fs) != 1 || fs[0].URL != "https://a.example/files/weg.pdf" {
		t.Errorf("findings = %s; want the PDF", dump(fs))
	}
}
