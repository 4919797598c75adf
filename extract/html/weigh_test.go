package html

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// searchMarkedRef and weighRef are how the search markers were read
// before weigh read them on its walk: a map of every node between the
// markers, filled by a walk of its own.
func searchMarkedRef(body *html.Node) map[*html.Node]bool {
	out := map[*html.Node]bool{}
	on := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.CommentNode {
				t := strings.TrimSpace(c.Data)
				switch {
				case strings.HasPrefix(t, "TYPO3SEARCH_begin"):
					on = true
				case strings.HasPrefix(t, "TYPO3SEARCH_end"):
					on = false
				}
				continue
			}
			if on {
				out[c] = true
			}
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
	}
	walk(body)
	return out
}

func weighRef(a *analysis, search map[*html.Node]bool, out map[*html.Node]weights, n *html.Node, inLink, inBoiler, trusted bool) weights {
	var w weights
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			k := int32(nonSpace(c.Data))
			w.text += k
			if inLink {
				w.link += k
			}
			if !inBoiler && (!inLink || trusted || search[c]) {
				w.good += k
			}
			if inBoiler {
				w.boil += k
			}
		case html.ElementNode:
			if isInvisible(c) {
				continue
			}
			_, marked := a.marks[c]
			cw := weighRef(a, search, out, c, inLink || c.DataAtom == atom.A, inBoiler || marked || formControl(c), trusted || isContentElement(c) || search[c])
			w.text += cw.text
			w.link += cw.link
			w.good += cw.good
			w.boil += cw.boil
		}
	}
	out[n] = w
	return w
}

// weigh, reading the search markers as it goes, gives every element the
// weights the map of marked nodes gave: on the gate pages (TYPO3 pages
// with markers among them) and on markup with markers in hidden
// elements, in links and across element boundaries.
func TestWeighSearchMarkers(t *testing.T) {
	snippets := []string{
		`<div><!-- TYPO3SEARCH_begin --><a href="/x">linked prose</a><p>text <a href="/y">more</a></p><!--TYPO3SEARCH_end--><a href="/z">nav</a></div>`,
		`<div hidden><!-- TYPO3SEARCH_begin --></div><ul><li><a href="/a">after a hidden begin</a></li></ul><script>/* TYPO3SEARCH_end */</script><a href="/b">still on</a>`,
		`<p><a href="/c">before</a></p><div><span><!-- TYPO3SEARCH_begin --></span><a href="/d">in</a></div><div style="display:none"><!-- TYPO3SEARCH_end --></div><a href="/e">out</a>`,
	}
	var roots []*html.Node
	for _, s := range snippets {
		root, err := html.Parse(strings.NewReader("<body>" + s + "</body>"))
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, root)
	}
	roots = append(roots, gatePages(t)...)
	searched := 0
	for i, root := range roots {
		a := analyze(root)
		if a.body == nil {
			continue
		}
		search := searchMarkedRef(a.body)
		if len(search) > 0 {
			searched++
		}
		want := map[*html.Node]weights{}
		weighRef(a, search, want, a.body, false, false, false)
		if len(want) != len(a.w) {
			t.Errorf("page %d: %d elements weighed, want %d", i, len(a.w), len(want))
		}
		for n, w := range want {
			if got := a.w[n]; got != w {
				t.Errorf("page %d: %s weighs %+v, want %+v", i, selectorOf(n), got, w)
			}
		}
	}
	if searched < 5 {
		t.Errorf("only %d pages with search markers", searched)
	}
}

// nonSpace counts every byte but ASCII white space.
func TestNonSpace(t *testing.T) {
	var all []byte
	for b := 0; b < 256; b++ {
		all = append(all, byte(b))
	}
	for _, s := range append(precheckTexts(t), string(all), "", " \t\r\n\f", "a\u00a0b", "x\vy") {
		want := 0
		for i := 0; i < len(s); i++ {
			if c := s[i]; c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' {
				want++
			}
		}
		if got := nonSpace(s); got != want {
			t.Errorf("nonSpace(%.40q) = %d, want %d", s, got, want)
		}
	}
}

// markAllRef is markAll as it was before markWeigh took the verdicts on
// its walk: a walk of its own before the first weighing.
func markAllRef(t *testing.T, a *analysis, n *html.Node, inCE bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || isInvisible(c) {
			continue
		}
		x := elAttrsOf(c)
		if x.class != attr(c, "class") || x.id != attr(c, "id") || x.role != attr(c, "role") || x.style != attr(c, "style") || x.hidden != hasAttr(c, "hidden") {
			t.Errorf("%s: elAttrsOf = %+v", selectorOf(c), x)
		}
		ce := inCE || ownsMarkup(c)
		if !a.mobile && mobileOnly(attr(c, "class")) {
			a.mobile = true
		}
		if r := a.cache.elementReason(c, &x); r != "" && (!ce || ceBoilerplate(r)) {
			if r == umzug.DropRelated && (isSoft(attr(c, "class")) || isSoft(attr(c, "id")) || c.DataAtom == 0 && isSoft(c.Data)) {
				if !boxElement(c) && c.DataAtom != atom.A || leadAfterHeadline(c) {
					markAllRef(t, a, c, ce)
					continue
				}
				a.soft[c] = true
			} else {
				a.marks[c] = r
			}
		}
		markAllRef(t, a, c, ce)
	}
}

// markWeigh's one walk takes the verdicts and weights that markAll and
// then weigh took in two.
func TestMarkWeighOneWalk(t *testing.T) {
	newAnalysis := func(root *html.Node) *analysis {
		return &analysis{w: map[*html.Node]weights{}, marks: map[*html.Node]string{}, soft: map[*html.Node]bool{}, cache: newBoilerCache(nil), body: findBody(root)}
	}
	marked, soft, mobile := 0, 0, 0
	for i, root := range gatePages(t) {
		got, want := newAnalysis(root), newAnalysis(root)
		if got.body == nil {
			continue
		}
		got.markWeigh(got.body, false, false, false, false)
		markAllRef(t, want, want.body, false)
		want.weighBody()
		if len(got.marks) != len(want.marks) || len(got.soft) != len(want.soft) || got.mobile != want.mobile || len(got.w) != len(want.w) {
			t.Errorf("page %d: %d marks, %d soft, mobile %v, %d weights; want %d, %d, %v, %d", i,
				len(got.marks), len(got.soft), got.mobile, len(got.w), len(want.marks), len(want.soft), want.mobile, len(want.w))
		}
		for n, r := range want.marks {
			if got.marks[n] != r {
				t.Errorf("page %d: %s marked %q, want %q", i, selectorOf(n), got.marks[n], r)
			}
		}
		for n := range want.soft {
			if !got.soft[n] {
				t.Errorf("page %d: %s not soft", i, selectorOf(n))
			}
		}
		for n, w := range want.w {
			if got.w[n] != w {
				t.Errorf("page %d: %s weighs %+v, want %+v", i, selectorOf(n), got.w[n], w)
			}
		}
		marked += len(want.marks)
		soft += len(want.soft)
		if want.mobile {
			mobile++
		}
	}
	if marked < 100 || soft == 0 || mobile == 0 {
		t.Errorf("the pages hold %d marks, %d soft verdicts, %d mobile-only pages: too few to compare", marked, soft, mobile)
	}
}
