package html

import (
	"sync"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
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
	if cs, err := cascadia.Compile(s); err == nil {
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
