package html

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// utilityReasonRef is utilityReason as it was before the pair filter.
func utilityReasonRef(n *html.Node, weight int32) string {
	if weight > 600 || weight == 0 {
		return ""
	}
	switch n.DataAtom {
	case atom.Div:
		if hasDescendant(n, func(d *html.Node) bool { return !inlineAtoms[d.DataAtom] }) {
			return "" // only text-level boxes
		}
	case atom.P, atom.Li, atom.A, atom.Span:
	default:
		return ""
	}
	t, short := textUpTo(n, 600)
	if !short {
		return ""
	}
	if n.DataAtom == atom.P && separatorOnly(t) {
		return umzug.DropMeta
	}
	if isChromeLineRef(t) {
		if linksPicture(n) {
			return "" // a picture's link ("Bild vergrößern" around the image): the label goes with it
		}
		return umzug.DropUtility
	}
	// Cheap tests on the lower-cased text before each regexp: these run on
	// every small element of the main region.
	var l string
	if len(t) < 250 {
		l = lowerForStems(t) // strings.ToLower for the ASCII words below (fastpath.go)
	}
	if len(t) < 200 && footerLine(l) && (strings.ContainsAny(t, "|·•") || linkShare(n, nil) >= 0.5) {
		return umzug.DropFooter
	}
	if len(t) < 200 && n.DataAtom == atom.P && hasAnyPrefix(t, ">>", "»", "→", "▶", "►") && linkShare(n, nil) >= 0.95 && !linksFile(n) {
		return umzug.DropRelated // ">> Wegen Corona: … <<", a link to another article between paragraphs
	}
	if len(t) < 60 && hasAnyPrefix(l, "alle", "weitere", "mehr", "zu", "zur", "more", "all") && listLink.MatchString(l) && linkShare(n, nil) >= 0.8 && !inSentence(n) {
		return umzug.DropUtility
	}
	if len(t) < 100 && labelledListLink(l) && linkShare(n, nil) >= 0.8 && !linksFile(n) && !inSentence(n) {
		return umzug.DropUtility
	}
	if len(t) < 80 && hasAnyPrefix(l, "von", "by", "autor", "redaktion", "erstellt", "geschrieben", "verfasst") && (bylineRe.MatchString(t) || datedByline(t) != "") {
		return umzug.DropMeta
	}
	if len(t) < 250 && containsSubstring(l, "einlogg", "anmeld", "registrier", "eingeloggt", "angemeldet") && commentGate.MatchString(t) {
		return umzug.DropComments
	}
	if len(t) < 40 && hasAnyPrefix(l, "seite", "page") && pageOfPages.MatchString(t) {
		return umzug.DropPagination
	}
	if len(t) < 24 && hasAnyPrefix(l, "bild", "foto", "slide", "image", "photo") && slideCounter.MatchString(l) {
		return umzug.DropControl // a gallery's "Bild 3 von 10"
	}
	if breadcrumbLine(t) {
		return umzug.DropBreadcrumb
	}
	if n.DataAtom != atom.A && len(t) > 40 && mayBeConsentRef(t) && namesThirdParty(t) && consentText.MatchString(t) {
		return umzug.DropCookie
	}
	return ""
}

// mayBeConsentRef is mayBeConsent as it was before the pair filter.
func mayBeConsentRef(t string) bool {
	for _, w := range []string{"lick", "ktivier", "ustimm", "inwillig", "aden Sie", "aden sie"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// stemTexts are texts to test the pair filter on: the prechecks' texts,
// texts with the two runes that lower-case to ASCII, and the short texts
// of the test pages' elements.
func stemTexts(t *testing.T) []string {
	texts := append(precheckTexts(t), "Impressum | Datenschutz", "IMPRESSUM · DATENSCHUTZ · Kontakt", "\u0130mpressum | Datenschutz",
		"Impressum | Datens\u212aontakt", "\u212aontakt | Impressum", "Bitte EINLOGGEN zum Kommentieren", "Seite 2 von 7", "SEITE 2 von 7",
		"Bild 3 von 10", "\u0130mage 3 of 10", "Von: Anna Beispiel", "VON: Anna Beispiel", "Alle News im Überblick", "ALLE NEWS",
		"a", "", "İ", "K", "Klicken Sie, um Inhalte von YouTube zu laden: Daten werden an Google übertragen.",
		"KLICKEN SIE, UM INHALTE VON YOUTUBE ZU LADEN: DATEN WERDEN AN GOOGLE ÜBERTRAGEN.")
	for _, root := range gatePages(t) {
		var f func(*html.Node)
		f = func(n *html.Node) {
			if n.Type == html.ElementNode {
				if s, ok := textUpTo(n, 600); ok && s != "" {
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

// The pair filter never rules out a stem that strings.Contains finds in
// the lower-cased text, and the folded prefixes are the lower-cased text's
// prefixes.
func TestPairSetNeverMisses(t *testing.T) {
	var all []string
	for _, ws := range [][]string{legalWords, thirdParties, consentWords, headingStems,
		{"einlogg", "anmeld", "registrier", "eingeloggt", "angemeldet", "alle", "weitere", "mehr", "zu", "zur", "more", "all", "von", "by",
			"autor", "redaktion", "erstellt", "geschrieben", "verfasst", "seite", "page", "bild", "foto", "slide", "image", "photo", "i", "k", "ik", "kontakt"}} {
		all = append(all, ws...)
	}
	all = slices.DeleteFunc(all, func(w string) bool { return strings.ContainsFunc(w, func(r rune) bool { return r >= 0x80 }) })
	stems := makeStems(all...)
	found, ruledOut := 0, 0
	for _, s := range stemTexts(t) {
		var ps pairSet
		ps.add(s)
		l, full := lowerForStems(s), strings.ToLower(s)
		for i := range stems {
			w := stems[i].word
			in := strings.Contains(l, w) || strings.Contains(full, w) || strings.Contains(s, w)
			may := ps.may(&stems[i])
			if in && !may {
				t.Fatalf("pair filter rules out %q in %q", w, s)
			}
			if in {
				found++
			} else if !may {
				ruledOut++
			}
			if got, want := ps.hasAnyFoldPrefix(s, w), strings.HasPrefix(l, w); got != want {
				t.Fatalf("hasAnyFoldPrefix(%q, %q) = %v, want %v", s, w, got, want)
			}
		}
	}
	if found < 1000 || ruledOut < 10*found {
		t.Errorf("found %d stems, ruled out %d: too few to tell", found, ruledOut)
	}
}

// utilityReason says what it said before the pair filter, on every
// element of the test pages.
func TestUtilityReasonAgrees(t *testing.T) {
	reasons := map[string]int{}
	for _, root := range gatePages(t) {
		var f func(*html.Node)
		f = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, w := range []int32{1, int32(nonSpace(textOf(n)))} {
					got, want := utilityReason(n, w), utilityReasonRef(n, w)
					if got != want {
						s, _ := textUpTo(n, 600)
						t.Fatalf("utilityReason(<%s> %q, %d) = %q, want %q", n.Data, s, w, got, want)
					}
					reasons[got]++
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	if len(reasons) < 5 {
		t.Errorf("only the reasons %v tested", reasons)
	}
	t.Logf("reasons: %v", reasons)
}

// utilityNodes are the elements of a synthetic page and of the test
// pages that utilityReason looks at in full.
func utilityNodes(b *testing.B) []*html.Node {
	var nodes []*html.Node
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Div, atom.P, atom.Li, atom.A, atom.Span:
				if _, ok := textUpTo(n, 600); ok {
					nodes = append(nodes, n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(syntheticTree(b))
	return nodes
}

// BenchmarkUtilityReason runs utilityReason on the short elements of a
// synthetic page.
func BenchmarkUtilityReason(b *testing.B) {
	nodes := utilityNodes(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range nodes {
			utilityReason(n, 1)
		}
	}
}

// BenchmarkUtilityReasonRef is BenchmarkUtilityReason before the pair
// filter.
func BenchmarkUtilityReasonRef(b *testing.B) {
	nodes := utilityNodes(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range nodes {
			utilityReasonRef(n, 1)
		}
	}
}

var _ = umzug.DropUtility

// isChromeLineRef is isChromeLine as it was before it lower-cased into a
// buffer on the stack.
func isChromeLineRef(t string) bool {
	if len(t) >= 80 {
		return false
	}
	l := strings.ToLower(strings.TrimRight(t, " :.!"))
	if chromeLines[l] || chromeLines[l+"?"] || backLink.MatchString(l) {
		return true
	}
	switch strings.Trim(l, " -–—*|[]()") {
	case "anzeige", "werbung", "advertisement", "sponsored", "gesponsert", "sponsored content":
		return true
	}
	if last, k := lastOfFewFieldsRef(l, 3); k > 0 && uiVerbs[last] {
		return true
	}
	for _, p := range chromePrefixes {
		if strings.HasPrefix(l, p) && len(l) < len(p)+42 {
			return true
		}
	}
	return false
}
func lastOfFewFieldsRef(s string, most int) (string, int) {
	last, k := "", 0
	for f := range strings.FieldsSeq(s) {
		if k++; k > most {
			return "", 0
		}
		last = f
	}
	return last, k
}

// isChromeLine and appendLower say what strings.ToLower and the string
// code said, on the test pages' short texts, their upper-cased forms and
// texts with invalid bytes and runes whose lower case is longer or
// shorter.
func TestIsChromeLineAgrees(t *testing.T) {
	texts := []string{"Zurück", "ZURÜCK ZUR ÜBERSICHT", "« zurück zu den Meldungen", "Seite drucken:", "War diese Seite hilfreich",
		"WAR DIESE SEITE HILFREICH!", "- Anzeige -", "[Werbung]", "Rezept MERKEN", "Letzte Änderung: 12.03.2024", "\u212aontakt drucken",
		"\u0130mpressum", "Zur\xffück", "zur\xc3", "\u023a\u023e drucken", "\u1e9e", "x\u2003drucken", "ſeite drucken", "Nach oben  ", "TOP"}
	yes := 0
	for _, s := range append(texts, stemTexts(t)...) {
		for _, v := range []string{s, strings.ToUpper(s), strings.ToLower(s)} {
			if got, want := isChromeLine(v), isChromeLineRef(v); got != want {
				t.Fatalf("isChromeLine(%q) = %v, want %v", v, got, want)
			} else if got {
				yes++
			}
			if got, want := string(appendLower(nil, v)), strings.ToLower(v); got != want {
				t.Fatalf("appendLower(%q) = %q, want %q", v, got, want)
			}
		}
	}
	if yes < 50 {
		t.Errorf("only %d chrome lines tested", yes)
	}
}

// headingReasonRef is headingReason as it was before the gates in front
// of its regexps.
func headingReasonRef(t string) string {
	if len(t) > 90 || !containsSubstring(strings.ToLower(t), headingStems...) {
		return ""
	}
	switch {
	case len(t) < 60 && shareWord.MatchString(t):
		return umzug.DropShare
	case len(t) < 60 && newsletterWord.MatchString(t):
		return umzug.DropNewsletter
	case alsoOnSite.MatchString(t):
		return umzug.DropRelated
	case commentAction.MatchString(t):
		return umzug.DropComments
	case mayRelatedHeading(t) && anyMatches(relatedHeadingParts, t): // relatedHeading.MatchString(t) (regexsplit.go)
		return umzug.DropRelated
	case anyMatches(interactionHeadingParts, t): // interactionHeading.MatchString(t)
		l := strings.ToLower(t)
		switch {
		case strings.Contains(l, "teil") || strings.Contains(l, "share") || strings.Contains(l, "empfehlen"):
			return umzug.DropShare
		case strings.Contains(l, "tag") || strings.Contains(l, "schlagw") || strings.Contains(l, "stichw"):
			return umzug.DropTags
		case strings.Contains(l, "über ") || strings.Contains(l, "person") || strings.HasPrefix(l, "autor"):
			return umzug.DropAuthor
		case strings.HasPrefix(l, "unterstütz"):
			return umzug.DropAd // a call for donations
		case strings.Contains(l, "newsletter"):
			return umzug.DropNewsletter
		}
		return umzug.DropComments
	}
	return ""
}

// headingReason says what it said before the gates, on the test pages'
// texts (every element's up to 600 bytes), upper-cased too, and
// headline-like texts with the runes (?i) folds to ASCII letters.
func TestHeadingReasonAgrees(t *testing.T) {
	texts := []string{"Teilen", "TEILEN", "Artikel teilen", "Diesen Artikel teilen:", "Share", "ſhare this", "Newsletter", "Unser NEWSLETTER",
		"Newsletterſ", "Auch auf beispiel.de", "MEHR BEI beispiel.com", "Neu auf x.org", "Kommentieren", "Jetzt kommentieren",
		"\u212aommentieren", "Zur Diskussion", "Mitdiskutieren", "diſkutieren", "Kommentare (3)", "Weitere Meldungen", "Über den Autor",
		"Schlagwörter", "Das könnte Sie auch interessieren", "3 Kommentare zu „Test“", "Leave a reply"}
	reasons := map[string]int{}
	for _, s := range append(texts, stemTexts(t)...) {
		for _, v := range []string{s, strings.ToUpper(s)} {
			got, want := headingReason(v), headingReasonRef(v)
			if got != want {
				t.Fatalf("headingReason(%q) = %q, want %q", v, got, want)
			}
			reasons[got]++
		}
	}
	if len(reasons) < 7 {
		t.Errorf("only the reasons %v tested", reasons)
	}
	t.Logf("reasons: %v", reasons)
}

func headingTexts(b *testing.B) []string {
	var texts []string
	for _, n := range utilityNodes(b) {
		if s, _ := textUpTo(n, 600); len(s) <= 90 && containsSubstring(strings.ToLower(s), headingStems...) {
			texts = append(texts, s)
		}
	}
	return texts
}

// BenchmarkHeadingReason runs headingReason on the short texts of a
// synthetic page that hold one of its stems.
func BenchmarkHeadingReason(b *testing.B) {
	texts := headingTexts(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			headingReason(s)
		}
	}
}

// BenchmarkHeadingReasonRef is BenchmarkHeadingReason before the gates.
func BenchmarkHeadingReasonRef(b *testing.B) {
	texts := headingTexts(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			headingReasonRef(s)
		}
	}
}

// hasHeadingStem is containsSubstring(strings.ToLower(t), headingStems...)
// on the test pages' texts, upper-cased too, and texts whose stems are
// found only through non-ASCII letters or the runes that lower to ASCII.
func TestHasHeadingStemAgrees(t *testing.T) {
	texts := []string{"ÄHNLICHE THEMEN", "ÜBER UNS", "NÄCHSTER BEITRAG", "BEITRÄGE", "UNTERSTÜTZEN", "İnfo", "\u212aommentar",
		"Ta\u0130g", "Straße", "", "x", "Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ Ⱥ tag"}
	for _, s := range append(texts, stemTexts(t)...) {
		for _, v := range []string{s, strings.ToUpper(s)} {
			var ps pairSet
			ps.add(v)
			if got, want := hasHeadingStem(v, &ps), containsSubstring(strings.ToLower(v), headingStems...); got != want {
				t.Fatalf("hasHeadingStem(%q) = %v, want %v", v, got, want)
			}
		}
	}
}
