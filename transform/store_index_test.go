package transform_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/transform"
)

// TestIndexSpilledSameAsInMemory runs one site through an Index that
// keeps its records in memory (small sites) and one that writes every
// record to its file at once: every output must be the same.
func TestIndexSpilledSameAsInMemory(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	long := strings.Join(wordsN(r, 60), " ")
	release := umzug.Document{Kind: umzug.KindPressRelease, URL: site + "/presse/detail/kabinett/", Title: "Zweites Digitalisierungskabinett",
		Dates: umzug.Dates{Published: "2019-02-19"}, Blocks: []umzug.Block{textBlock("c1", releaseText)},
		Provenance: umzug.Provenance{SourceURL: site + "/presse/detail/kabinett/", AliasURLs: []string{site + "/kabinett.html"}}}
	target := release.URL
	item := teaserItem("Zweites Digitalisierungskabinett", target, releaseText)
	item.Date = "2019-02-20"
	docs := []umzug.Document{
		page("/styleguide/", "Styleguide",
			umzug.Block{Key: "c4701", Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Layout: "list", Items: []umzug.TeaserItem{item}}},
			textBlock("c2", "Siehe die Seite.", site+"/index.php?id=42", site+"/kabinett.html", site+"/fileadmin/a/Plan.PDF"),
			textBlock("c3", long)),
		release,
	}
	for i := range 30 {
		d := page(fmt.Sprintf("/themen/%d/", i%7), fmt.Sprintf("Thema %d", i),
			textBlock("c1", fmt.Sprintf("Seite %d über Brücken und Radwege, siehe auch Thema %d.", i, i+1), site+fmt.Sprintf("/themen/%d/", (i+1)%7)))
		if i%3 == 0 {
			d.Blocks = append(d.Blocks, withHeader(textBlock("c880", contact), "Kontakt"))
		}
		if i >= 7 {
			// The same proposed path under another URL: made unique.
			d.URL = site + fmt.Sprintf("/themen/%d.html", i)
			d.Provenance.SourceURL = d.URL
			d.Path = fmt.Sprintf("/themen/%d", i%7)
		}
		if i%5 == 0 {
			d.Provenance.AliasURLs = []string{site + fmt.Sprintf("/alt/%d.html", i), site + fmt.Sprintf("/alt2/%d.html", i)}
			d.Provenance.TYPO3 = &umzug.TYPO3Origin{PageUID: 40 + i}
		}
		if i == 11 {
			d.Blocks = append(d.Blocks, textBlock("c9", strings.Replace(long, " ", " Zusatz ", 1)))
		}
		docs = append(docs, d)
	}
	// The release again: its URLs become aliases of the first.
	again := release
	again.Provenance.AliasURLs = []string{site + "/kabinett-2019.html"}
	docs = append(docs, again)
	run := func(setup func(*transform.Index)) (runResult, []string) {
		res := runIndexWith(t, setup, transform.IndexOptions{}, docs...)
		var kept []string
		for _, from := range []string{site + "/alt/5.html", site + "/alt/5.html", site + "/themen/3/", site + "/neu/"} {
			ok, why := res.idx.KeepRedirect(umzug.Redirect{From: from, To: "/x/", Status: 301})
			kept = append(kept, fmt.Sprint(ok, why))
		}
		for _, p := range []string{"/themen/3/", "/themen/3-2", "/media/a/plan.pdf", "/media/a/plan"} {
			kept = append(kept, fmt.Sprint(p, res.idx.IsTarget(p)))
		}
		for _, u := range []string{target, site + "/kabinett.html", site + "/alt2/10.html", site + "/nie/"} {
			id, ok := res.idx.Lookup(u)
			kept = append(kept, fmt.Sprint(u, id, ok))
		}
		return res, kept
	}
	want, wantKept := run(nil)
	got, gotKept := run(transform.SpillIndex)
	if a, b := jsonOf(t, got.order), jsonOf(t, want.order); a != b {
		t.Fatalf("order differs:\n%s\n%s", a, b)
	}
	for _, u := range want.order {
		if a, b := jsonOf(t, got.docs[u]), jsonOf(t, want.docs[u]); a != b {
			t.Errorf("%s differs:\n%s\n%s", u, a, b)
		}
	}
	for name, pair := range map[string][2]any{
		"snippets": {got.snippets, want.snippets}, "assets": {got.assets, want.assets}, "redirects": {got.redirects, want.redirects},
		"findings": {got.idx.Findings(), want.idx.Findings()}, "chrome": {got.idx.Chrome(), want.idx.Chrome()},
		"stats": {got.idx.Stats, want.idx.Stats}, "redirect map and lookups": {gotKept, wantKept},
	} {
		if a, b := jsonOf(t, pair[0]), jsonOf(t, pair[1]); a != b {
			t.Errorf("%s differ:\n%s\n%s", name, a, b)
		}
	}
	// The site exercises what the records hold.
	st := want.idx.Stats
	if st.DuplicateURLs != 1 || st.CopiesReplaced == 0 || st.DateConflicts != 1 || st.NearDuplicates == 0 || st.Snippets == 0 || st.LinksResolved == 0 {
		t.Errorf("stats = %+v; want copies, a date conflict, near duplicates, snippets and links", st)
	}
	paths := map[string]bool{}
	for _, d := range want.docs {
		if paths[d.Path] {
			t.Errorf("path %s handed out twice", d.Path)
		}
		paths[d.Path] = true
	}
	if len(want.redirects) == 0 || !strings.Contains(jsonOf(t, want.redirects), "index.php?id=40") || !strings.Contains(jsonOf(t, want.redirects), "/alt2/10.html") || !strings.Contains(jsonOf(t, want.redirects), "/kabinett-2019.html") {
		t.Errorf("redirects lack the page uid or aliases: %s", jsonOf(t, want.redirects))
	}
}
