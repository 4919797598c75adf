package crawl

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/net/html"

	"github.com/umzug/umzug/extract"
)

// linksOfTree is what the crawl does with a parsed page: the tree's links,
// or the scan's where treeLinks declines.
func linksOfTree(t testing.TB, body []byte, pageURL string) (links []pageLink, fromTree bool) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	links, ok := treeLinks(root, body, pageURL)
	if !ok {
		return scanLinks(body, pageURL), false
	}
	return links, true
}

// TestTreeLinksPages: on real pages (the corpus of government sites and
// the German evaluation pages) and the synthetic site's pages, the links
// taken from the parsed tree are scanLinks's, in the same order.
func TestTreeLinksPages(t *testing.T) {
	var files []string
	for _, pat := range []string{
		"../../../shared/corpus/real/*.html",
		"../../../shared/eval/trafilatura-de-dev/pages/*",
	} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no corpus pages next to the repository (../shared)")
	}
	tree, links := 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body, _, _ := extract.DecodeHTML(raw, "text/html")
		const pageURL = "https://www.example.de/aktuelles/presse/meldung.html"
		want := scanLinks(body, pageURL)
		got, fromTree := linksOfTree(t, body, pageURL)
		if fromTree {
			tree++
		}
		links += len(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: tree links differ from the scan's (%d, want %d)", filepath.Base(f), len(got), len(want))
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("  first difference at %d: %+v, want %+v", i, got[i], want[i])
					break
				}
			}
		}
	}
	t.Logf("%d pages, %d links; links from the tree on %d pages, from the scan on %d", len(files), links, tree, len(files)-tree)
}

// TestTreeLinksParserQuirks: where the parser's tree differs from the
// tokens, the tree's links are still the scan's (treeLinks declines, or
// leaves out the parser's copies).
func TestTreeLinksParserQuirks(t *testing.T) {
	const pageURL = "https://www.example.de/a/b.html"
	cases := []struct {
		name, html string
		fromTree   bool
	}{
		{"plain", `<p><a href="/x">x</a><img src="i.png"><area href="/y"></p>`, true},
		{"base first", `<head><base href="/sub/"><base href="/other/"></head><a href="x">x</a>`, true},
		{"base after a link", `<a href="x">x</a><base href="/sub/"><a href="y">y</a>`, true},
		{"nofollow link", `<a href="/x" rel="nofollow">x</a><a href="/y">y</a>`, true},
		{"robots nofollow", `<a href="/x">x</a><meta name="robots" content="noindex, nofollow">`, true},
		{"robots none", `<meta name=ROBOTS content=NONE><a href="/x">x</a>`, true},
		{"no attributes", `<a>x</a><img><base><a href=/y>y</a>`, true},
		{"duplicate attributes", `<a href="/x" href="/y" rel=a rel=nofollow>x</a><a href=/z href=/w>`, true},
		{"reconstructed a", `<p><a href="/x">x</p><p>y</a><a href="/z">z</a></p>`, true},
		{"adoption agency", `<a href="/x"><div>y<a href="/z">z</a></div></a>`, true},
		{"short copy", `<p><a href="#">x</p><p>y</a></p><a href="/z">z</a>`, false},
		{"short twice", `<a href="#">x</a><a href="#">y</a>`, false},
		{"foster parenting", `<table><tr><td><a href="/in">in</a></td></tr><a href="/out">out</a></table>`, false},
		{"table after links", `<p><a href="/p">p</a></p><table><tr><td><a href="/in">in</a></td></tr></table>`, false},
		{"table without links", `<p><a href="/p">p</a></p><table><tr><td>x</td></tr></table><a href="/q">q</a>`, true},
		{"svg title", `<svg><title><a href="/in-title">t</a></title></svg><a href="/x">x</a>`, false},
		{"svg xlink", `<svg><a xlink:href="/svg">s</a><a href="/svg2">s</a></svg><a href="/x">x</a>`, true},
		{"svg cdata", `<svg><![CDATA[ <b> <a href="/c"> ]]></svg><a href="/x">x</a>`, false},
		{"math style", `<math><style><a href="/m">m</a></style></math>`, false},
		{"image", `<image src="/i.png"><a href="/x">x</a>`, false},
		{"frameset", `<frameset><frame src="/f.html"></frameset><a href="/x">x</a>`, false},
		{"frameset ignored", `<a href="/x">x</a><frameset><frame src="/f.html"></frameset>`, true},
		{"script text", `<script>document.write('<a href="/s">s</a>')</script><a href="/x">x</a>`, true},
		{"noscript", `<noscript><a href="/n">n</a></noscript><a href="/x">x</a>`, true},
		{"template", `<template><a href="/t">t</a></template><a href="/x">x</a>`, true},
		{"select", `<select><option>o</option><a href="/s">s</a></select><a href="/x">x</a>`, true},
		{"after html", `<html><body></body></html><a href="/late">late</a><meta name=robots content=all>`, true},
		{"bad URL", `<a href="http://[::1">x</a><a href="mailto:a@b.de">m</a><a href=" /sp ace ">s</a>`, true},
	}
	for _, c := range cases {
		body := []byte(c.html)
		want := scanLinks(body, pageURL)
		got, fromTree := linksOfTree(t, body, pageURL)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: links %+v, want %+v", c.name, got, want)
		}
		if fromTree != c.fromTree {
			t.Errorf("%s: from the tree %v, want %v", c.name, fromTree, c.fromTree)
		}
	}
}
