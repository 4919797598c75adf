package transform_test

import (
	"slices"
	"strings"
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

// TYPO3 serves a page under index.php?id=N and, with
// simulateStaticDocuments (TYPO3 4.x), under "title.N.0.html", its root
// page under "/" as well: the same content under these URLs is one
// document, under the URL the menus write (the root's, the static one);
// other pages of the site stay apart, and so does a translation.
func TestIndexSamePageTYPO3URLs(t *testing.T) {
	home := func(path string) umzug.Document {
		return page(path, "Willkommen", textBlock("c10", "Das Ministerium ist zuständig für Landwirtschaft und Forsten."))
	}
	topic := func(path string) umzug.Document {
		return page(path, "Verbraucherschutz", textBlock("c110", "Die Lebensmittelüberwachung kontrolliert jährlich 24.000 Betriebe."))
	}
	other := page("/index.php?id=15", "Förderung", textBlock("c150", "Hier finden Sie die Förderprogramme."))
	en := page("/index.php?id=1&L=1", "Willkommen", textBlock("c10", "Das Ministerium ist zuständig für Landwirtschaft und Forsten."))
	for _, order := range [][]umzug.Document{
		{home("/index.php?id=1"), home("/"), topic("/index.php?id=14"), topic("/verbraucherschutz.14.0.html"), other, en},
		{en, other, topic("/verbraucherschutz.14.0.html"), topic("/index.php?id=14"), home("/"), home("/index.php?id=1")},
	} {
		res := runIndex(t, transform.IndexOptions{}, order...)
		if len(res.order) != 4 || res.idx.Stats.SamePages != 2 {
			t.Fatalf("documents %v, SamePages %d; want 4 documents", res.order, res.idx.Stats.SamePages)
		}
		from := map[string]string{}
		for _, r := range res.redirects {
			from[r.From] = r.To
		}
		for u, want := range map[string]string{"/": "/", "/index.php?id=1": "/", "/verbraucherschutz.14.0.html": "/verbraucherschutz", "/index.php?id=14": "/verbraucherschutz"} {
			if got := from[site+u]; got != want {
				t.Errorf("%s redirects to %q; want %q", u, got, want)
			}
		}
		if _, ok := res.docs[site+"/verbraucherschutz.14.0.html"]; !ok {
			t.Errorf("documents %v; want the static URL to keep the page", res.order)
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

// A page served under variants of its URL (GSB's navigation context
// "?nn=…") that all declare one canonical URL of the site is one
// document under the canonical URL, whatever the crawl's order; the
// variants redirect to it. A canonical URL that names a page of other
// content (every page of a list pointing at the first) merges nothing:
// both are kept, the one that points away with a warning, and its own
// variants still merge with each other.
func TestIndexSamePageByCanonicalURL(t *testing.T) {
	const canon = "/DE/Themen/Wald/wald_node.html"
	variant := func(path string) umzug.Document {
		d := page(path, "Wald", textBlock("c1", "Ein Drittel der Landesfläche ist bewaldet, die Hälfte gehört Kommunen."), textBlock("c2", contact))
		d.Provenance.CanonicalURL = site + canon
		return d
	}
	clean, nn1, nn2 := variant(canon), variant(canon+"?nn=104712"), variant(canon+"?nn=104800")
	var ids []string
	for _, order := range [][]umzug.Document{{nn1, clean}, {clean, nn1, nn2}, {nn2, nn1, clean}} {
		res := runIndex(t, transform.IndexOptions{}, order...)
		if len(res.order) != 1 {
			t.Fatalf("documents = %v; want one", res.order)
		}
		d, ok := res.docs[site+canon]
		if !ok {
			t.Fatalf("document = %v; want %s", res.order, site+canon)
		}
		ids = append(ids, d.ID)
		if len(res.snippets) != 0 || len(d.Warnings) != 0 {
			t.Errorf("snippets %d, warnings %v; want none", len(res.snippets), d.Warnings)
		}
		from := map[string]string{}
		for _, r := range res.redirects {
			from[r.From] = r.To
		}
		var others []string
		for _, o := range order {
			if from[o.URL] != d.Path {
				t.Errorf("redirect of %s = %q; want %s", o.URL, from[o.URL], d.Path)
			}
			if o.URL != d.URL {
				others = append(others, o.URL)
			}
		}
		slices.Sort(others)
		if !slices.Equal(d.Provenance.AliasURLs, others) {
			t.Errorf("aliasUrls = %q; want %q", d.Provenance.AliasURLs, others)
		}
	}
	for _, id := range ids[1:] {
		if id != ids[0] {
			t.Errorf("ids %v: want the same id whatever the order of the crawl", ids)
		}
	}

	// Page 2 of a list declares page 1 as canonical: other content.
	first := page("/presse/liste.html", "Pressemitteilungen", textBlock("c1", "Neue Hochwasserkarten für 43 Gewässer veröffentlicht."))
	first.Provenance.CanonicalURL = site + "/presse/liste.html"
	second := func(path string) umzug.Document {
		d := page(path, "Pressemitteilungen", textBlock("c1", "Waldzustandsbericht 2023 vorgestellt."))
		d.Provenance.CanonicalURL = site + "/presse/liste.html"
		return d
	}
	res := runIndex(t, transform.IndexOptions{}, first, second("/presse/liste.html?seite=2"), second("/presse/liste.html?nn=1&seite=2"))
	if len(res.order) != 2 || res.idx.Stats.SamePages != 1 || res.idx.Stats.CanonicalDiffers != 1 {
		t.Fatalf("documents %v, SamePages %d, CanonicalDiffers %d; want two, 1, 1", res.order, res.idx.Stats.SamePages, res.idx.Stats.CanonicalDiffers)
	}
	p2 := res.docs[site+"/presse/liste.html?seite=2"]
	if len(p2.Warnings) != 1 || p2.Warnings[0].Code != "canonical-differs" {
		t.Errorf("page 2 warnings = %v; want canonical-differs", p2.Warnings)
	}
	if w := res.docs[site+"/presse/liste.html"].Warnings; len(w) != 0 {
		t.Errorf("page 1 warnings = %v; want none", w)
	}

	// A canonical URL of another site names no page of this one.
	away := variant(canon + "?nn=1")
	away.Provenance.CanonicalURL = "https://www.anderes-land.example" + canon
	res = runIndex(t, transform.IndexOptions{}, clean, away)
	if len(res.order) != 2 {
		t.Errorf("documents %v; want two (the canonical URL is another site's)", res.order)
	}
}

// The audit's findings on a page left out as the same page are the
// document's: once, and the pages linking to a broken link by their
// document's URL.
func TestIndexSamePageFindings(t *testing.T) {
	const canon = "/DE/Themen/Boden/boden_node.html"
	variant := func(path string) umzug.Document {
		d := page(path, "Boden", textBlock("c1", "Lorem ipsum dolor sit amet, consectetur adipiscing elit."))
		d.Provenance.CanonicalURL = site + canon
		return d
	}
	res := runIndex(t, transform.IndexOptions{}, variant(canon+"?nn=1"), variant(canon))
	ph := func(u string) umzug.Finding {
		return umzug.Finding{Rule: "placeholder-text", URL: site + u, Message: "Lorem ipsum dummy text", Selector: "#content > p", Fingerprint: u}
	}
	broken := umzug.Finding{Rule: "broken-link", URL: site + "/DE/Luft/luft_node.html", Message: "HTTP 404, linked from 3 pages",
		LinkedFrom: []string{site + canon, site + canon + "?nn=1", site + "/DE/Home/home_node.html"}}
	got := res.idx.SamePageFindings([]umzug.Finding{ph(canon + "?nn=1"), ph(canon), broken})
	if len(got) != 2 || got[0].URL != site+canon {
		t.Fatalf("findings = %+v; want the placeholder once, on %s, and the broken link", got, site+canon)
	}
	if b := got[1]; b.Message != "HTTP 404, linked from 2 pages" || !slices.Equal(b.LinkedFrom, []string{site + canon, site + "/DE/Home/home_node.html"}) {
		t.Errorf("broken link = %q %q; want linked from 2 pages, the page once", b.Message, b.LinkedFrom)
	}
}

// The print view type=98 is TYPO3's: only a document of a TYPO3 page gets
// it in the redirect map. On another CMS the URL never existed.
func TestIndexPrintViewOnlyForTYPO3(t *testing.T) {
	gsb := page("/DE/Themen/Wald/wald_node.html", "Wald", textBlock("c1", "Ein Drittel der Landesfläche ist bewaldet."))
	gsb.Provenance.Extractor = "gsb"
	typo3 := page("/themen/wald/", "Wald", textBlock("c1", "Die Hälfte davon gehört Kommunen und privaten Waldbesitzenden."))
	typo3.Provenance.Extractor = "typo3"
	res := runIndex(t, transform.IndexOptions{}, gsb, typo3)
	got := map[string]bool{}
	for _, r := range res.redirects {
		got[r.From] = true
	}
	if got[gsb.URL+"?type=98"] {
		t.Errorf("redirects %v: a type=98 alias of the GSB page", got)
	}
	if !got[typo3.URL+"?type=98"] {
		t.Errorf("redirects %v: want the TYPO3 page's type=98", got)
	}
}

// A print view linked on the site is already one of the page's old URLs
// (an alias): it is not given a print view of its own ("?type=98&type=98").
func TestIndexPrintViewAliasNotDoubled(t *testing.T) {
	d := page("/themen/wald/", "Wald", textBlock("c1", "Die Hälfte davon gehört Kommunen und privaten Waldbesitzenden."))
	d.Provenance.Extractor = "typo3"
	d.Provenance.AliasURLs = []string{d.URL + "?type=98"}
	res := runIndex(t, transform.IndexOptions{}, d)
	seen := map[string]bool{}
	for _, r := range res.redirects {
		if strings.Count(r.From, "type=98") > 1 || seen[r.From] {
			t.Errorf("redirect from %s: the print view twice", r.From)
		}
		seen[r.From] = true
	}
	if !seen[d.URL+"?type=98"] {
		t.Errorf("redirects %v: want the print view", seen)
	}
}

// umzug audit exports nothing, but folds the findings of a page's
// variants as the export does: once, on the canonical URL.
func TestSamePageGroupsFold(t *testing.T) {
	const canon = "/DE/Themen/Boden/boden_node.html"
	variant := func(path string) umzug.Document {
		d := page(path, "Boden", textBlock("c1", "Lorem ipsum dolor sit amet, consectetur adipiscing elit."))
		d.Provenance.CanonicalURL = site + canon
		return d
	}
	other := page("/DE/Themen/Wald/wald_node.html?nn=1", "Wald", textBlock("c1", "Ein Drittel der Landesfläche ist bewaldet."))
	other.Provenance.CanonicalURL = site + canon // names another page: other content
	var g transform.SamePageGroups
	for _, d := range []umzug.Document{variant(canon + "?nn=1"), variant(canon), other} {
		g.Add(&d)
	}
	ph := func(u string) umzug.Finding {
		return umzug.Finding{Rule: "placeholder-text", URL: site + u, Message: "Lorem ipsum dummy text", Selector: "#content > p"}
	}
	got := g.Fold([]umzug.Finding{ph(canon + "?nn=1"), ph(canon), ph("/DE/Themen/Wald/wald_node.html?nn=1")})
	if len(got) != 2 || got[0].URL != site+canon || got[1].URL != other.URL {
		t.Errorf("findings = %+v; want one on %s and the other page's", got, site+canon)
	}
}

// realurl (TYPO3 4.x to 8) gives every page a speaking URL
// ("/service/kontakt.html", "/presse/"), and TYPO3 still serves it under
// index.php?id=N, which links written by hand in the RTE name: the same
// content under both is one document, under the speaking URL, whatever the
// order of the crawl, and the uid URL redirects there (before, it was a
// second document at "/kontakt"). Two speaking URLs of the same content,
// the root page and a speaking URL, and pages that TYPO3 did not render
// stay apart: only a uid URL joins a speaking one.
func TestIndexSamePageTYPO3SpeakingURL(t *testing.T) {
	typo3 := func(path, title, text string) umzug.Document {
		d := page(path, title, textBlock("c511", text))
		d.Provenance.Extractor = "typo3"
		return d
	}
	kontakt := func(path string) umzug.Document {
		return typo3(path, "Kontakt", "Ministerium für Umwelt, Elbufer 12, 01234 Neustadt. Telefon 0351 564-0.")
	}
	presse := func(path string) umzug.Document {
		return typo3(path, "Presse", "Die Pressestelle erreichen Sie montags bis freitags von 8 bis 18 Uhr.")
	}
	for _, order := range [][]umzug.Document{
		{kontakt("/service/kontakt.html"), kontakt("/index.php?id=51"), presse("/presse/"), presse("/index.php?id=4")},
		{kontakt("/index.php?id=51"), kontakt("/service/kontakt.html"), presse("/index.php?id=4"), presse("/presse/")},
	} {
		res := runIndex(t, transform.IndexOptions{}, order...)
		if len(res.order) != 2 || res.idx.Stats.SamePages != 2 {
			t.Fatalf("documents %v, SamePages %d; want 2 documents", res.order, res.idx.Stats.SamePages)
		}
		from := map[string]string{}
		for _, r := range res.redirects {
			from[r.From] = r.To
		}
		for u, want := range map[string]string{"/service/kontakt.html": "/service/kontakt", "/index.php?id=51": "/service/kontakt", "/presse/": "/presse", "/index.php?id=4": "/presse"} {
			if got := from[site+u]; got != want {
				t.Errorf("%s redirects to %q; want %q", u, got, want)
			}
		}
		for _, u := range []string{"/service/kontakt.html", "/presse/"} {
			if _, ok := res.docs[site+u]; !ok {
				t.Errorf("documents %v; want %s to keep its page", res.order, u)
			}
		}
	}

	genericSpeaking := kontakt("/service/kontakt.html")
	genericSpeaking.Provenance.Extractor = "generic"
	for _, pair := range [][2]umzug.Document{
		{kontakt("/service/kontakt.html"), kontakt("/ministerium/kontakt.html")},
		{kontakt("/"), kontakt("/kontakt.html")},
		{genericSpeaking, kontakt("/index.php?id=51")},
		{kontakt("/service/kontakt.html"), presse("/index.php?id=51")},
	} {
		for _, order := range [][]umzug.Document{{pair[0], pair[1]}, {pair[1], pair[0]}} {
			res := runIndex(t, transform.IndexOptions{}, order...)
			if len(res.order) != 2 || res.idx.Stats.SamePages != 0 {
				t.Errorf("%s and %s: documents %v, SamePages %d; want two documents", order[0].URL, order[1].URL, res.order, res.idx.Stats.SamePages)
			}
		}
	}

	// A second speaking URL of the same content stays a page of its own,
	// whatever the order.
	three := []umzug.Document{kontakt("/index.php?id=51"), kontakt("/service/kontakt.html"), kontakt("/ministerium/kontakt.html")}
	for _, order := range [][]umzug.Document{three, {three[1], three[0], three[2]}, {three[1], three[2], three[0]}, {three[2], three[1], three[0]}} {
		res := runIndex(t, transform.IndexOptions{}, order...)
		if len(res.order) != 2 || res.idx.Stats.SamePages != 1 {
			t.Errorf("%s, %s, %s: documents %v, SamePages %d; want two documents", order[0].URL, order[1].URL, order[2].URL, res.order, res.idx.Stats.SamePages)
		}
	}

	// umzug audit folds the uid URL's findings into the speaking URL's.
	var g transform.SamePageGroups
	for _, d := range []umzug.Document{kontakt("/index.php?id=51"), kontakt("/service/kontakt.html"), kontakt("/ministerium/kontakt.html")} {
		g.Add(&d)
	}
	ph := func(u string) umzug.Finding {
		return umzug.Finding{Rule: "placeholder-text", URL: site + u, Message: "Lorem ipsum dummy text", Selector: "#c511 > p"}
	}
	got := g.Fold([]umzug.Finding{ph("/index.php?id=51"), ph("/service/kontakt.html"), ph("/ministerium/kontakt.html")})
	if len(got) != 2 || got[0].URL != site+"/service/kontakt.html" || got[1].URL != site+"/ministerium/kontakt.html" {
		t.Errorf("findings = %+v; want one on /service/kontakt.html and one on /ministerium/kontakt.html", got)
	}
}
