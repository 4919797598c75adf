package html

import (
	"regexp/syntax"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// literalStarts returns strings every match of re begins with (one per
// way the match can begin), each with whether it is all the match.
// A match that can begin with anything yields an empty, inexact start.
func literalStarts(re *syntax.Regexp) []litStart {
	switch re.Op {
	case syntax.OpLiteral:
		return []litStart{{string(re.Rune), true}}
	case syntax.OpEmptyMatch, syntax.OpBeginText, syntax.OpBeginLine:
		return []litStart{{"", true}}
	case syntax.OpCapture:
		return literalStarts(re.Sub[0])
	case syntax.OpCharClass:
		var out []litStart
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 8 || len(out) > 16 {
				return []litStart{{"", false}}
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, litStart{string(r), true})
			}
		}
		return out
	case syntax.OpAlternate:
		var out []litStart
		for _, s := range re.Sub {
			out = append(out, literalStarts(s)...)
		}
		return out
	case syntax.OpQuest:
		return append(literalStarts(re.Sub[0]), litStart{"", true})
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		var out []litStart
		for _, s := range literalStarts(re.Sub[0]) {
			out = append(out, litStart{s.s, false})
		}
		if re.Op == syntax.OpStar || re.Op == syntax.OpRepeat && re.Min == 0 {
			out = append(out, litStart{"", true})
		}
		return out
	case syntax.OpConcat:
		acc := []litStart{{"", true}}
		for _, sub := range re.Sub {
			var next []litStart
			subs := literalStarts(sub)
			for _, a := range acc {
				if !a.exact {
					next = append(next, a)
					continue
				}
				for _, s := range subs {
					next = append(next, litStart{a.s + s.s, s.exact})
				}
			}
			acc = next
		}
		return acc
	}
	return []litStart{{"", false}}
}

type litStart struct {
	s     string
	exact bool
}

// Every way a relatedHeading match can begin starts with one of
// relatedStarts: fails when an alternative is added that does not.
func TestRelatedHeadingStarts(t *testing.T) {
	re, err := syntax.Parse(relatedHeading.String(), syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	starts := literalStarts(re)
	if len(starts) < 40 {
		t.Fatalf("only %d starts read from the pattern", len(starts))
	}
	for _, s := range starts {
		ok := false
		for _, w := range relatedStarts {
			if len(s.s) >= len(w) && strings.EqualFold(s.s[:len(w)], w) {
				ok = true
				break
			}
		}
		if !ok {
			t.Errorf("relatedHeading can begin with %q, which begins with none of relatedStarts", s.s)
		}
	}
	// The words' runes fold only to runes of their own length, but for
	// k and s (foldRisk).
	for _, w := range relatedStarts {
		for _, r := range w {
			if r == 'k' || r == 's' {
				continue
			}
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if len(string(f)) != len(string(r)) {
					t.Errorf("%q folds to %q of another length", r, f)
				}
			}
		}
	}
}

// relatedHeadingSamples are texts to try relatedHeading on: the
// precheck texts and headlines of each kind it matches or nearly does.
func relatedHeadingSamples(t *testing.T) []string {
	return append(precheckTexts(t), "Siehe auch", "SIEHE AUCH:", "ſiehe auch", "Mehr zum Thema", "Mehr aus dem Ressort Politik",
		"Weitere Meldungen", "Das könnte Sie auch interessieren!", "Das KÖNNTE Sie auch interessieren", "Ähnliche Artikel", "ÄHNLICHE BEITRÄGE",
		"Lesen Sie auch", "Lies auch", "Verwandte Themen", "Mehr auf tagesschau.de", "Empfehlungen der Redaktion", "Leseempfehlungen",
		"Unsere Empfehlungen", "Aktuelle Meldungen", "Aktuellste Beiträge", "Neueste Artikel", "Die neuesten Meldungen", "Meistgelesen",
		"Meist geklickt", "Beliebte Beiträge zum Thema", "Top-Themen", "Topthemen", "Related articles", "You may also like", "More stories",
		"Zum Weiterlesen", "Weiterführende Informationen", "WEITERFÜHRENDE LINKS", "Weitere Informationen zum Lärmschutz", "Beiträge zum Thema",
		"Nächster Artikel", "Vorheriger Beitrag", "Noch mehr Infos für Sie", "Sie könnten auch an Reisen interessiert sein",
		"Du könntest auch an Musik interessiert sein", "Mehr über Anna Schmidt", "Mehr News aus Berlin", "Auch interessant", "Ebenfalls interessant",
		"Interessant für Sie", "Interessante Links", "Passend zum Thema", "Zum Thema", "Weitere Pressemitteilungen des Ministeriums",
		"Mehr Informationen zum Thema", "Mehr zum Thema auf der Website", "\u212aönnte Sie auch interessieren", "Könnte dich auch interessieren",
		"Aus der Redaktion", "Kontakt", "Teilen", "Anfahrt", "z", "", "Ä", "mehr", "Me")
}

// mayRelatedHeading never says no where relatedHeading says yes.
func TestRelatedHeadingPrecheck(t *testing.T) {
	texts := relatedHeadingSamples(t)
	matched := 0
	for _, s := range texts {
		if relatedHeading.MatchString(s) {
			matched++
			if !mayRelatedHeading(s) {
				t.Errorf("mayRelatedHeading(%q) = false, relatedHeading matches", s)
			}
		}
	}
	if matched < 40 {
		t.Errorf("only %d related headings tested", matched)
	}
}

// isInvisible's one pass over the attributes says what hasAttr and
// hiddenByStyle say (duplicate style attributes included).
func TestIsInvisibleOnePass(t *testing.T) {
	extra := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "style", Val: "color: red"}, {Key: "style", Val: "display:none"}}}
	extra2 := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "style", Val: "display: none"}, {Key: "class", Val: "x"}}}
	extra3 := &html.Node{Type: html.ElementNode, Data: "p", Attr: []html.Attribute{{Key: "class", Val: "x"}, {Key: "hidden"}}}
	hidden, n := 0, 0
	check := func(d *html.Node) {
		n++
		want := hasAttr(d, "hidden") || hiddenByStyle(d)
		if d.DataAtom == 0 || !isInvisibleAtom(d) {
			if got := isInvisible(d); got != want {
				t.Errorf("isInvisible(<%s %v>) = %v, want %v", d.Data, d.Attr, got, want)
			} else if got {
				hidden++
			}
		}
	}
	for _, d := range []*html.Node{extra, extra2, extra3} {
		check(d)
	}
	snippet, err := html.Parse(strings.NewReader(`<div hidden>a</div><p style="display:none">b</p><span style="visibility: hidden">c</span>` +
		`<div style="DISPLAY : NONE">d</div><div class="accordion-body" style="display:none">e</div><p style="color:red" style="display:none">f</p>` +
		`<p style="display:block">g</p><p style="displ\u017fy:none">h</p><div data-hidden="1" style="">i</div>`))
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range append(gatePages(t), snippet) {
		var f func(*html.Node)
		f = func(d *html.Node) {
			if d.Type == html.ElementNode {
				check(d)
			}
			for c := d.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	if hidden < 5 {
		t.Errorf("only %d hidden elements among %d", hidden, n)
	}
}

func isInvisibleAtom(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title, atom.Svg,
		atom.Link, atom.Meta, atom.Iframe, atom.Object, atom.Canvas:
		return true
	}
	return false
}
