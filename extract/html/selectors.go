package html

import (
	"sync"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Selectors written in this package are compiled once, on first use, and
// kept: goquery's Find(string) and friends compile their selector on every
// call, which cost more than the matching on small elements. The cache only
// ever holds the selectors spelled out in this package's source (never a
// profile's or one built from page content), so it stays small.
var compiled sync.Map // string -> goquery.Matcher

// css returns the compiled matcher of a selector written in this package.
// Like goquery, a selector that does not compile matches nothing.
func css(s string) goquery.Matcher {
	if m, ok := compiled.Load(s); ok {
		return m.(goquery.Matcher)
	}
	var m goquery.Matcher = noMatch{}
	if cs, err := compileGated(s); err == nil {
		m = cs
	}
	compiled.Store(s, m)
	return m
}

// noMatch is the matcher of a selector that does not compile, as goquery's.
type noMatch struct{}

func (noMatch) Match(*html.Node) bool               { return false }
func (noMatch) MatchAll(*html.Node) []*html.Node    { return nil }
func (noMatch) Filter(ns []*html.Node) []*html.Node { return nil }

var compiledFirst sync.Map // string -> firstMatcher

// cssFirst is css(s) for a Find whose result is only tested for matches
// or cut to its first element (.Length() > 0, .First()): its MatchAll
// stops at the first match in each subtree. goquery's Find collects the
// matches below each child of the selection in document order, so the
// first of them, and whether there is one, stay the same.
func cssFirst(s string) goquery.Matcher {
	if m, ok := compiledFirst.Load(s); ok {
		return m.(goquery.Matcher)
	}
	m := firstMatcher{css(s)}
	compiledFirst.Store(s, m)
	return m
}

type firstMatcher struct{ m goquery.Matcher }

func (f firstMatcher) Match(n *html.Node) bool             { return f.m.Match(n) }
func (f firstMatcher) Filter(ns []*html.Node) []*html.Node { return f.m.Filter(ns) }

// MatchAll returns the first node of n's subtree (n included, in document
// order, as cascadia's MatchAll) that matches, or nil.
func (f firstMatcher) MatchAll(n *html.Node) []*html.Node {
	if m := f.first(n); m != nil {
		return []*html.Node{m}
	}
	return nil
}

func (f firstMatcher) first(n *html.Node) *html.Node {
	if f.m.Match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := f.first(c); m != nil {
			return m
		}
	}
	return nil
}

// onceFirst is cssFirst(s) for one FindMatcher call whose caller reads
// only the first node found (First, Length() > 0, AttrOr): FindMatcher
// asks the matcher about every element child of the selection's nodes,
// and cssFirst's finds the first match below each of them; this one stops
// at the first match, so the later children are not walked. The first
// node found is the same.
func onceFirst(s string) goquery.Matcher {
	return &onceMatcher{f: cssFirst(s).(firstMatcher)}
}

type onceMatcher struct {
	f    firstMatcher
	done bool
}

func (o *onceMatcher) Match(n *html.Node) bool             { return o.f.Match(n) }
func (o *onceMatcher) Filter(ns []*html.Node) []*html.Node { return o.f.Filter(ns) }

// MatchAll returns the first match of n's subtree (n included), or nil
// once a match has been found.
func (o *onceMatcher) MatchAll(n *html.Node) []*html.Node {
	if o.done {
		return nil
	}
	if m := o.f.first(n); m != nil {
		o.done = true
		return []*html.Node{m}
	}
	return nil
}

// anyMatch reports whether any selector matches an element below the
// nodes: FindMatcher(m).Length() > 0 for any of them, in one walk that
// stops at the first match.
func anyMatch(nodes []*html.Node, sels []goquery.Matcher) bool {
	var in func(n *html.Node) bool
	in = func(n *html.Node) bool {
		for _, s := range sels {
			if s.Match(n) {
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if in(c) {
				return true
			}
		}
		return false
	}
	for _, n := range nodes {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && in(c) {
				return true
			}
		}
	}
	return false
}
