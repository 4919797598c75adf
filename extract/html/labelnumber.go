package html

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A release's number printed as a labelled value in a meta line:
// Government Site Builder's `<p class="docData"><span class="label">Nummer</span>
// <span class="value">Nr. 003/2024</span></p>`, a definition list
// (`<dt>Pressemitteilungsnummer</dt><dd>17/2024</dd>`) or a table row.
// Such a line is often chrome to the profile (GSB's docData is removed
// after the date is read from it), so it is looked for in the content
// and in what extraction dropped from it.

// numberFieldLabel matches the labels of a release number.
var numberFieldLabel = regexp.MustCompile(`(?i)^(?:nummer|nr\.?|pressemitteilungs?-?nummer|pressemitteilungs?-?nr\.?|(?:pressemitteilung|presseinformation|medieninformation|mitteilung)\s+(?:nr\.?|nummer)|pm-?nr\.?|pi-?nr\.?)$`)

// numberValue matches a number as printed after its label: "Nr. 003/2024",
// "003/2024", "PM 12/2024", "17".
var numberValue = regexp.MustCompile(`(?i)^(?:(?:nr\.?|pm|pi|mi)\s*)?\d{1,4}(?:\s*/\s*(?:\d{4}|\d{2}))?$`)

// labeledNumber returns the release number of the first labelled value in
// the nodes' subtrees, and the element of the label and value (the meta
// line, when it is short).
func labeledNumber(nodes []*html.Node) (string, *html.Node) {
	for _, n := range nodes {
		if num, line := labeledNumberIn(n); num != "" {
			return num, line
		}
	}
	return "", nil
}

func labeledNumberIn(n *html.Node) (string, *html.Node) {
	var num string
	var line *html.Node
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isInvisible(c) {
				continue
			}
			if isNumberLabel(c) {
				if v := nextElement(c); v != nil && isValueOf(c, v) {
					t := collapseTrim(cleanText(v))
					if len(t) <= 40 && numberValue.MatchString(t) {
						num = t
						line = c.Parent
						if len(cleanText(line)) > 200 {
							line = v
						}
						return true
					}
				}
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(n)
	return num, line
}

// isNumberLabel reports a label element whose text names a release number.
func isNumberLabel(c *html.Node) bool {
	switch c.DataAtom {
	case atom.Dt, atom.Th:
	default:
		if !hasClass(strings.ToLower(attr(c, "class")), "label") {
			return false
		}
	}
	t := strings.TrimRight(collapseTrim(cleanText(c)), ": ")
	return len(t) <= 40 && numberFieldLabel.MatchString(t)
}

// isValueOf reports the value element that goes with label l.
func isValueOf(l, v *html.Node) bool {
	switch l.DataAtom {
	case atom.Dt:
		return v.DataAtom == atom.Dd
	case atom.Th:
		return v.DataAtom == atom.Td
	}
	return hasClass(strings.ToLower(attr(v, "class")), "value")
}
