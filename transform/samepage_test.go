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

// TestIndexSharedPageUID: index.php?id=<uid> redirects to, and links by
// it resolve to, the one document with that TYPO3 page uid; a uid that
// several documents carry (the news detail page shows every release, a
// translation shares its page's uid) names none of them.
func TestIndexSharedPageUID(t *testing.T) {
	withUID := func(d umzug.Document, uid int) umzug.Document {
		d.Provenance.TYPO3 = &umzug.TYPO3Origin{PageUID: uid}
		return d
	}
	pm1 := withUID(page("/presse/detail/radwege/", "Radwege", textBlock("c1", "Das Land baut Radwege an Landesstraßen.")), 35)
	pm2 := withUID(page("/presse/detail/bruecken/", "Brücken", textBlock("c1", "Das Land saniert Brücken an Landesstraßen.")), 35)
	de := withUID(page("/hochwasserschutz/", "Hochwasserschutz", textBlock("c1", "Das Landesamt unterhält Deiche.")), 6)
	en := withUID(page("/en/flood-protection/", "Flood protection", textBlock("c1", "The State Office maintains dikes.")), 6)
	start := withUID(page("/start/", "Start", textBlock("c1", "Willkommen.", site+"/index.php?id=35", site+"/index.php?id=12")), 12)
	res := runIndex(t, transform.IndexOptions{}, pm1, pm2, de, en, start)
	from := map[string]string{}
	for _, r := range res.redirects {
		from[r.From] = r.To
	}
	for _, u := range []string{"/index.php?id=35", "/index.php?id=6"} {
		if to, ok := from[site+u]; ok {
			t.Errorf("%s redirects to %s; want no redirect (several documents have the uid)", u, to)
		}
	}
	if to := from[site+"/index.php?id=12"]; to != res.docs[site+"/start/"].Path {
		t.Errorf("index.php?id=12 redirects to %q; want the one document with uid 12", to)
	}
	defs := res.docs[site+"/start/"].Blocks[0].Text.Body[0].MarkDefs
	if defs[0].Document != "" || defs[1].Document != res.docs[site+"/start/"].ID {
		t.Errorf("links by uid = %+v; want index.php?id=35 unresolved and index.php?id=12 to its document", defs)
	}
}

// TestIndexSamePressReleaseUnderTwoDetailPages: a news record that the
// site shows under two detail pages (the same release, only the
// breadcrumb around it differs) is one document; the shorter URL keeps
// it, whatever the order. Two releases that differ in anything stay two.
func TestIndexSamePressReleaseUnderTwoDetailPages(t *testing.T) {
	release := func(path, published string) umzug.Document {
		d := page(path, "Kabinett beschließt Klimaanpassungsgesetz", textBlock("c1", "Das Kabinett hat heute das Klimaanpassungsgesetz beschlossen."))
		d.Kind = umzug.KindPressRelease
		d.Dates.Published = published
		d.PressRelease = &umzug.PressRelease{Number: "17/2024"}
		return d
	}
	a, b := release("/aktuelles/detail/klimaanpassungsgesetz.html", "2024-03-05"), release("/presse/pressemitteilungen/detail/klimaanpassungsgesetz.html", "2024-03-05")
	for _, order := range [][]umzug.Document{{a, b}, {b, a}} {
		res := runIndex(t, transform.IndexOptions{}, order...)
		d, ok := res.docs[a.URL]
		if len(res.order) != 1 || !ok {
			t.Fatalf("documents = %v; want one, %s", res.order, a.URL)
		}
		if !slices.Equal(d.Provenance.AliasURLs, []string{b.URL}) || len(res.snippets) != 0 {
			t.Errorf("aliasUrls %q, snippets %d; want %s and none", d.Provenance.AliasURLs, len(res.snippets), b.URL)
		}
	}
	other := release("/presse/pressemitteilungen/detail/klimaanpassungsgesetz.html", "2024-03-06")
	if res := runIndex(t, transform.IndexOptions{}, a, other); len(res.order) != 2 {
		t.Errorf("releases of different dates: documents %v; want two", res.order)
	}
}

// TestIndexDirectoryAlias: a page crawled only as its directory's index
// file gets the directory's URL as an alias (the old server answered it
// with the page), unless another document has that URL.
func TestIndexDirectoryAlias(t *testing.T) {
	only := page("/ministerium/index.html", "Ministerium", textBlock("c1", "Das Ministerium stellt sich vor."))
	indexed := page("/presse/index.html", "Presse", textBlock("c1", "Alle Pressemitteilungen."))
	dir := page("/presse/", "Presse und Medien", textBlock("c1", "Eine andere Seite unter der Adresse des Verzeichnisses."))
	res := runIndex(t, transform.IndexOptions{}, only, indexed, dir)
	from := map[string]string{}
	for _, r := range res.redirects {
		from[r.From] = r.To
	}
	if got, want := from[site+"/ministerium/"], res.docs[only.URL].Path; got != want {
		t.Errorf("redirect of /ministerium/ = %q; want %q", got, want)
	}
	if got, want := from[site+"/presse/"], res.docs[dir.URL].Path; got != want {
		t.Errorf("redirect of /presse/ = %q; want the document that has the URL, %q", got, want)
	}
	if len(res.order) != 3 {
		t.Errorf("documents = %v; want three", res.order)
	}
}
