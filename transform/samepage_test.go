package transform_test

import (
	"slices"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/transform"
)

// The same page crawled under the URL of its directory and of the
// directory's index file is one document, whatever the order it was
// crawled in; its other URL redirects to it.
func TestIndexSamePageUnderTwoURLs(t *testing.T) {
	body := func() []umzug.Block {
		return []umzug.Block{textBlock("c1", "Pressemitteilungen des Ministeriums aus dem Jahr 2024."), textBlock("c2", contact)}
	}
	dir, file, bare := page("/presse/", "Presse", body()...), page("/presse/index.html", "Presse", body()...), page("/presse", "Presse", body()...)
	var ids []string
	for _, order := range [][]umzug.Document{{dir, file}, {file, dir}, {file, bare, dir}, {bare, file}} {
		res := runIndex(t, transform.IndexOptions{}, order...)
		if len(res.order) != 1 {
			t.Fatalf("documents = %v; want one", res.order)
		}
		want := site + "/presse/"
		if order[0].URL == site+"/presse" && len(order) == 2 {
			want = site + "/presse" // without "/presse/", the URL without the file name
		}
		d, ok := res.docs[want]
		if !ok {
			t.Fatalf("document = %v; want %s", res.order, want)
		}
		if want == site+"/presse/" {
			ids = append(ids, d.ID)
		}
		if d.Path != "/presse" {
			t.Errorf("path = %q; want /presse", d.Path)
		}
		// Not snippets: the page's blocks are its own, once.
		if len(res.snippets) != 0 || blockKeys(d)[0] != "c1:text" {
			t.Errorf("snippets = %+v, blocks = %v; want none and the page's own", res.snippets, blockKeys(d))
		}
		from := map[string]string{}
		for _, r := range res.redirects {
			from[r.From] = r.To
		}
		var others []string
		for _, o := range order {
			if from[o.URL] != d.Path {
				t.Errorf("redirect of %s = %q; want %s (redirects %v)", o.URL, from[o.URL], d.Path, from)
			}
			if o.URL != want {
				others = append(others, o.URL)
			}
		}
		slices.Sort(others)
		if !slices.Equal(d.Provenance.AliasURLs, others) {
			t.Errorf("aliasUrls = %q; want %q", d.Provenance.AliasURLs, others)
		}
		if n := res.idx.Stats.SamePages; n != len(order)-1 {
			t.Errorf("Stats.SamePages = %d; want %d", n, len(order)-1)
		}
	}
	for _, id := range ids[1:] {
		if id != ids[0] {
			t.Errorf("ids %v: want the same id whatever the order of the crawl", ids)
		}
	}
}

// Only the same content under URLs of one directory is one page.
func TestIndexSamePageNeedsSameContentAndDirectory(t *testing.T) {
	a := page("/presse/", "Presse", textBlock("c1", "Pressemitteilungen des Ministeriums."))
	changed := page("/presse/index.html", "Presse", textBlock("c1", "Pressemitteilungen des Ministeriums, aktualisiert."))
	retitled := page("/presse/index.html", "Presse und Medien", textBlock("c1", "Pressemitteilungen des Ministeriums."))
	other := page("/archiv/", "Presse", textBlock("c1", "Pressemitteilungen des Ministeriums."))
	file := page("/presse/presse.html", "Presse", textBlock("c1", "Pressemitteilungen des Ministeriums."))
	dated := page("/presse/index.html", "Presse", textBlock("c1", "Pressemitteilungen des Ministeriums."))
	dated.Dates.Modified = "2024-05-01"
	for _, b := range []umzug.Document{changed, retitled, other, file, dated} {
		res := runIndex(t, transform.IndexOptions{}, a, b)
		if len(res.order) != 2 || res.idx.Stats.SamePages != 0 {
			t.Errorf("%s and %s: documents %v, SamePages %d; want two documents", a.URL, b.URL, res.order, res.idx.Stats.SamePages)
		}
	}
}
