package html

import (
	"regexp"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A release line is a short line at the top of the content that names the
// page a press release with its number or date: "05.03.2024 |
// Presseinformation 034/2024", "Pressemitteilung Nr. 12/2024",
// "Presseinformation vom 5. März 2024". Templates print it in a meta box
// that profiles and the boilerplate verdicts drop (SixCMS' bb-teaser-meta),
// so it is looked for on the intact page, like the dates.

// releaseLine is the line found: its element, text, number and date.
type releaseLine struct {
	el     *html.Node
	text   string
	number string
	date   string
}

// findReleaseLine returns the first release line in the first 2,500
// characters of the content's text, outside links and lists of dated
// teasers; the innermost element that holds it.
func findReleaseLine(roots []*html.Node, teasers map[*html.Node]datedTeaser) releaseLine {
	var found releaseLine
	walkOpening(roots, 2500, func(c *html.Node) openingStep {
		if _, ok := teasers[c]; ok || c.DataAtom == atom.A {
			return openSkip
		}
		// textUpTo(c, 150) read into a buffer on the stack: a string is
		// made only of a text that may hold the press cue (prCueMatch,
		// asReleaseLine's first test).
		var arr [300]byte
		b, short := textUpToInto(arr[:0], c, 150)
		if short && len(b) <= 150 && len(b) > 0 && mayHold(unsafe.String(unsafe.SliceData(b), len(b)), prCueWords) {
			if l, ok := asReleaseLine(collapseTrim(string(b))); ok {
				l.el = c
				found = l
				return openLast // an element inside that holds the line is the one
			}
		}
		return openInto
	})
	return found
}

// openingStep says how walkOpening goes on after an element.
type openingStep int

const (
	openInto openingStep = iota // look inside the element
	openSkip                    // go past it
	openLast                    // look inside it, then stop
	openStop                    // stop
)

// walkOpening visits the visible elements under the roots in document
// order while at most limit characters of text have gone by: the top of
// the content, where release lines, dates and publisher lines stand.
// visit says how to go on after each element.
func walkOpening(roots []*html.Node, limit int, visit func(c *html.Node) openingStep) {
	seen := 0
	var walk func(n *html.Node) bool // true: stop
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				if seen += len(strings.TrimSpace(c.Data)); seen > limit {
					return true
				}
				continue
			}
			if c.Type != html.ElementNode || skipElement(c) {
				continue
			}
			switch visit(c) {
			case openSkip:
				continue
			case openStop:
				return true
			case openLast:
				walk(c)
				return true
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	for _, r := range roots {
		if walk(r) {
			return
		}
	}
}

// asReleaseLine reads a line that opens with a press cue (after at most
// two words) or with a date, and holds the cue with a release number or a
// full date.
func asReleaseLine(t string) (releaseLine, bool) {
	if !prCueMatch(t) {
		return releaseLine{}, false
	}
	loc := prCue.FindStringIndex(t)
	before := t[:loc[0]]
	ds := FindGermanDates(t)
	opensWithDate := len(ds) > 0 && strings.Index(t, ds[0].Text) <= 3
	if !opensWithDate && (len(strings.Fields(before)) > 2 || strings.ContainsAny(before, ".;:!?")) {
		return releaseLine{}, false
	}
	l := releaseLine{text: t}
	if n, ok := numberIn(t); ok {
		l.number = collapseTrim(n)
	}
	if len(ds) > 0 && len(ds[0].Value) >= 10 {
		l.date = ds[0].Value
	}
	return l, l.number != "" || l.date != ""
}

// A press release may name itself one right over its headline:
// "<h2>Pressemitteilung</h2><h1>…</h1>". That line is the release's
// kicker, a field, not a block.

// pressKickerRe matches a line that is only the word for a press release.
var pressKickerRe = regexp.MustCompile(`(?i)^(?:pressemitteilung|presseinformation|pressemeldung|medienmitteilung|medieninformation|press release|news release)\s*:?$`)

// findPressKicker returns the innermost element whose whole text is the
// word for a press release, standing before the page's sole level-1
// headline, within 400 characters of it, inside the content; nil
// otherwise (a list of releases has no sole headline).
func findPressKicker(roots []*html.Node, h1 *html.Node) *html.Node {
	return lineAboveHeadline(roots, h1, 40, pressKickerRe.MatchString)
}

// findDateAbove returns the element of a line that is only a date (no
// weekday, no time: an event's line has them), the last text before the
// page's sole level-1 headline ("06.12.2022" in the line over a news
// headline); nil when there is none, when it is a list item or a dated
// teaser's, part of a longer line, or under a label ("Stand:", "Zuletzt
// geändert", another date).
func findDateAbove(roots []*html.Node, h1 *html.Node, teasers map[*html.Node]datedTeaser) *html.Node {
	if h1 == nil || !containsAny(roots, h1) {
		return nil
	}
	var found *html.Node
	prev, done := "", false
	var walk func(n *html.Node, inList bool)
	walk = func(n *html.Node, inList bool) {
		for c := n.FirstChild; c != nil && !done; c = c.NextSibling {
			if c == h1 {
				done = true
				return
			}
			switch c.Type {
			case html.TextNode:
				if t := strings.TrimSpace(c.Data); t != "" {
					if found != nil && !isAncestor(found, c) {
						found = nil // more text follows the line
					}
					prev = t
				}
			case html.ElementNode:
				if skipElement(c) {
					continue
				}
				_, teaser := teasers[c]
				inList := inList || teaser || c.DataAtom == atom.Li || c.DataAtom == atom.A
				if !inList && (found == nil || isAncestor(found, c)) && !dateLabel.MatchString(prev) {
					if t, short := textUpTo(c, 40); short && t != "" && bareDate(t, false) != "" {
						found = c // after its ancestors: the innermost
					}
				}
				walk(c, inList)
			}
		}
	}
	for _, r := range roots {
		if walk(r, false); done {
			break
		}
	}
	if !done {
		return nil
	}
	return found
}

// dateLabel matches text that labels the date after it as something else
// than the publication: a label ending in a colon, a change or an event
// word, or a date of its own.
var dateLabel = regexp.MustCompile(`(?i)(?::\s*$|\b(?:stand|geändert|aktualisiert|termin|datum|wann|zeit|beginn|ende|frist|gültig|veranstaltung)|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})`)

// lineAboveHeadline returns the innermost element (not a link) whose
// whole text, at most maxLen bytes, match accepts, standing before h1
// within 400 characters of it, inside the roots; nil otherwise.
func lineAboveHeadline(roots []*html.Node, h1 *html.Node, maxLen int, match func(string) bool) *html.Node {
	if h1 == nil || !containsAny(roots, h1) {
		return nil
	}
	var found *html.Node
	chars, done := 0, false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !done; c = c.NextSibling {
			if c == h1 {
				done = true
				return
			}
			switch c.Type {
			case html.TextNode:
				chars += len(strings.TrimSpace(c.Data))
			case html.ElementNode:
				if skipElement(c) || c.DataAtom == atom.A {
					continue
				}
				if t, short := textUpTo(c, maxLen); short && t != "" && match(t) {
					found, chars = c, 0 // after its ancestors: the innermost
				}
				walk(c)
			}
		}
	}
	for _, r := range roots {
		if walk(r); done {
			break
		}
	}
	if !done || chars > 400 {
		return nil
	}
	return found
}

// bareDate returns the ISO date of a line that is only a full date
// ("06.12.2022", "6. Dezember 2022"), with a weekday when weekday is true
// ("Dienstag, 6. Dezember 2022"); never with a time, which an event's
// line has. "" for anything else.
func bareDate(t string, weekday bool) string {
	ds := FindGermanDates(t)
	if len(ds) != 1 || len(ds[0].Value) < 10 || ds[0].HasTime {
		return ""
	}
	rest := strings.Replace(t, ds[0].Text, "", 1)
	if weekday {
		rest = weekdayWord.ReplaceAllString(rest, "")
	}
	if strings.Trim(rest, " ,.|–-\u00a0") != "" {
		return ""
	}
	return ds[0].Value[:10]
}

// weekdayWord matches a German weekday, written out or abbreviated.
var weekdayWord = regexp.MustCompile(`(?i)\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|mo|di|mi|do|fr|sa|so)\b`)
