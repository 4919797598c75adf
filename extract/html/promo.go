package html

import (
	"regexp"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// issueOffer matches a magazine's note that its current issue is on sale
// ("Die aktuelle Ausgabe jetzt am Kiosk, im Abo und als E-Paper"): the
// issue and at least one of the ways to buy it.
var (
	issueWords   = regexp.MustCompile(`(?i)\b(?:aktuelle|neue|neueste|jüngste)n? (?:ausgabe|heft|heftausgabe|magazin)\b`)
	issueChannel = regexp.MustCompile(`(?i)(?:kiosk|zeitschriftenhandel|bahnhofsbuchhandel|\bim abo\b|\babonnement\b|\be-?paper\b|\bonline bestellen\b|\bim handel\b)`)
)

// issuePromo reports a short paragraph that offers
// the magazine's current issue with links to where it is sold: the
// publisher's self-promotion under every article, not the article's text.
// A paragraph with fewer than two links (a press release naming an
// issue where it sells) stays.
func issuePromo(n *html.Node) bool {
	if n.DataAtom != atom.P && n.DataAtom != atom.Div {
		return false
	}
	if n.DataAtom == atom.Div && hasDescendant(n, func(d *html.Node) bool { return !inlineAtoms[d.DataAtom] }) {
		return false // only text-level boxes
	}
	if _, l := headsAndLinks(n); l < 2 {
		return false
	}
	t, short := textUpTo(n, 250)
	if !short || len(t) < 20 {
		return false
	}
	// Cheap test before the regexps: the issue's word in either case.
	if !containsSubstring(t, "usgabe", "USGABE", "eft", "EFT", "agazin", "AGAZIN") || !issueWords.MatchString(t) || !issueChannel.MatchString(t) {
		return false
	}
	links := 0
	visitElements(n, func(d *html.Node) {
		if d.DataAtom == atom.A && attr(d, "href") != "" {
			links++
		}
	})
	return links >= 2
}
