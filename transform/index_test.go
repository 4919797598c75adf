package transform_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/transform"
)

const site = "https://www.example.de"

// memStore is the spool of the tests: documents by ordinal.
type memStore struct{ docs []umzug.Document }

func (m *memStore) load(ord int) (umzug.Document, error) {
	if ord < 0 || ord >= len(m.docs) {
		return umzug.Document{}, fmt.Errorf("no document %d", ord)
	}
	return m.docs[ord], nil
}

// run is both passes over docs (normalized first), in the given order.
type runResult struct {
	docs      map[string]umzug.Document // by URL
	order     []string                  // URLs in output order
	snippets  []umzug.Snippet
	assets    []umzug.Asset
	redirects []umzug.Redirect
	idx       *transform.Index
}

func runIndex(t *testing.T, opts transform.IndexOptions, docs ...umzug.Document) runResult {
	t.Helper()
	return runIndexWith(t, nil, opts, docs...)
}

// runIndexWith is runIndex with setup called on the new Index.
func runIndexWith(t *testing.T, setup func(*transform.Index), opts transform.IndexOptions, docs ...umzug.Document) runResult {
	t.Helper()
	n := newNormalizer(t, transform.Options{SiteRoot: site + "/"})
	idx, err := transform.NewIndex(site+"/", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	if setup != nil {
		setup(idx)
	}
	st := &memStore{}
	for _, d := range docs {
		nd := normalize(t, n, clone(t, d))
		if _, known := idx.Lookup(nd.URL); known {
			idx.Add(&nd, -1)
			continue
		}
		st.docs = append(st.docs, clone(t, nd))
		idx.Add(&nd, len(st.docs)-1)
	}
	if err := idx.Finalize(st.load); err != nil {
		t.Fatalf("Finalize: %v", err)
	}
	res := runResult{docs: map[string]umzug.Document{}, idx: idx}
	for _, ord := range idx.Order() {
		d := clone(t, st.docs[ord])
		rw, err := idx.Rewrite(&d, st.load, nil)
		if err != nil {
			t.Fatalf("Rewrite(%s): %v", d.URL, err)
		}
		res.docs[d.URL] = d
		res.order = append(res.order, d.URL)
		res.snippets = append(res.snippets, rw.Snippets...)
		res.assets = append(res.assets, rw.Assets...)
		res.redirects = append(res.redirects, rw.Redirects...)
	}
	return res
}

func page(path, title string, blocks ...umzug.Block) umzug.Document {
	return umzug.Document{Kind: umzug.KindPage, URL: site + path, Title: title, Blocks: blocks,
		Provenance: umzug.Provenance{SourceURL: site + path}}
}

func withHeader(b umzug.Block, h string) umzug.Block {
	b.Header = &umzug.Header{Text: h, Level: 2}
	return b
}

const contact = "Bürgerservice des Ministeriums, Steigerstraße 24, 99096 Erfurt. Telefon 0361 57 3911-000."

func blockKeys(d umzug.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, b.Key+":"+string(b.Type))
	}
	return out
}

func TestIndexSharedBlocksBecomeSnippets(t *testing.T) {
	para := "Der Verdienstorden der Bundesrepublik Deutschland wurde im Jahre 1951 gestiftet und ist die höchste Anerkennung für Verdienste um das Gemeinwohl."
	res := runIndex(t, transform.IndexOptions{},
		page("/a/", "A", textBlock("c1", "Eigener Text der Seite A über Radwege."), withHeader(textBlock("c880", contact), "Kontakt")),
		page("/b/", "B", withHeader(textBlock("c880", contact), "Ihr Kontakt"), textBlock("c2", "Seite B hat eigenen Text zu Brücken.")),
		// the same paragraph under three headings on one page
		page("/c/", "C", withHeader(textBlock("c10", para), "Headline H2"), withHeader(textBlock("c11", para), "Headline H3"), textBlock("c12", para),
			umzug.Block{Key: "c13", Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: "Downloads", Level: 2}}),
		page("/d/", "D", umzug.Block{Key: "c20", Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: "Downloads", Level: 2}}),
	)
	if len(res.snippets) != 2 {
		t.Fatalf("snippets = %d (%+v); want 2: the contact box and the paragraph (headings never)", len(res.snippets), res.snippets)
	}
	byKey := map[string]umzug.Snippet{}
	for _, s := range res.snippets {
		byKey[s.Block.Key] = s
		if s.Block.Header != nil {
			t.Errorf("snippet %s carries header %+v; headers stay with the refs", s.ID, s.Block.Header)
		}
		if !strings.HasPrefix(s.ContentHash, "sha256:") {
			t.Errorf("snippet %s contentHash = %q", s.ID, s.ContentHash)
		}
	}
	box, ok := byKey["c880"]
	if !ok || box.Documents != 2 || box.Refs != 2 {
		t.Errorf("contact snippet = %+v; want documents 2, refs 2", box)
	}
	pa := byKey["c10"]
	if pa.Documents != 1 || pa.Refs != 3 {
		t.Errorf("paragraph snippet = %+v; want documents 1, refs 3", pa)
	}
	c := res.docs[site+"/c/"]
	wantHeaders := []string{"Headline H2", "Headline H3", ""}
	for i, b := range c.Blocks[:3] {
		if b.Type != umzug.BlockRef || b.Ref.Snippet != pa.ID {
			t.Errorf("/c/ block %d = %s %+v; want a ref to the paragraph snippet", i, b.Type, b.Ref)
			continue
		}
		h := ""
		if b.Header != nil {
			h = b.Header.Text
		}
		if h != wantHeaders[i] {
			t.Errorf("/c/ ref %s header = %q; want %q", b.Key, h, wantHeaders[i])
		}
		if err := b.Validate(); err != nil {
			t.Errorf("ref block invalid: %v", err)
		}
	}
	if got := blockKeys(res.docs[site+"/d/"]); !slices.Equal(got, []string{"c20:heading"}) {
		t.Errorf("/d/ blocks = %v; a repeated heading stays a heading", got)
	}
	st := res.idx.Stats
	if st.Snippets != 2 || st.Refs != 5 || st.BlocksIn != 9 || st.BlocksOut != 9 {
		t.Errorf("stats = %+v; want snippets 2, refs 5, blocks in 9, out 9", st)
	}
}

func TestIndexChromeByFrequency(t *testing.T) {
	sidebar := textBlock("c900", "Stellenangebote des Öffentlichen Dienstes in Thüringen: jetzt bewerben im Karriereportal.")
	var docs []umzug.Document
	for i := range 30 {
		blocks := []umzug.Block{textBlock("c1", fmt.Sprintf("Seite %d hat ihren eigenen Inhalt über Straßenbau Nummer %d.", i, i))}
		if i%10 != 0 { // on 27 of 30 pages
			blocks = append(blocks, sidebar)
		}
		if i < 9 { // the contact box on 9 pages: content, not chrome
			blocks = append(blocks, textBlock("c880", contact))
		}
		docs = append(docs, page(fmt.Sprintf("/seite-%d/", i), fmt.Sprintf("Seite %d", i), blocks...))
	}
	res := runIndex(t, transform.IndexOptions{}, docs...)
	for u, d := range res.docs {
		for _, b := range d.Blocks {
			if b.Key == "c900" {
				t.Errorf("%s still holds the chrome block c900", u)
			}
		}
	}
	chrome := res.idx.Chrome()
	if len(chrome) != 1 || chrome[0].Key != "c900" || chrome[0].Documents != 27 {
		t.Errorf("Chrome() = %+v; want c900 once, on 27 documents", chrome)
	}
	if res.idx.Stats.ChromeBlocks != 27 {
		t.Errorf("chrome blocks dropped = %d; want 27", res.idx.Stats.ChromeBlocks)
	}
	if len(res.snippets) != 1 || res.snippets[0].Block.Key != "c880" || res.snippets[0].Documents != 9 {
		t.Errorf("snippets = %+v; want the contact box on 9 pages", res.snippets)
	}

	// A small site proves nothing by frequency: below ChromeMinDocs the
	// block stays (as a snippet).
	small := runIndex(t, transform.IndexOptions{}, docs[1:6]...)
	if len(small.idx.Chrome()) != 0 {
		t.Errorf("5 documents: Chrome() = %+v; want none", small.idx.Chrome())
	}
}

const releaseText = "Die Landesregierung hat beim zweiten Digitalisierungskabinett über die Verwaltung beraten. " +
	"Dabei wurde die Strategie für E-Government fortgeschrieben. Diese dient als Leitbild für die gesamte Landesregierung. " +
	"Umgesetzt wird sie durch einen Aktionsplan mit konkreten Maßnahmen in allen Ressorts."

func teaserItem(title, href, body string) umzug.TeaserItem {
	it := umzug.TeaserItem{Title: title, Link: &umzug.Link{Href: href, Text: title}}
	if body != "" {
		it.Body = pt(body)
	}
	return it
}

func TestIndexTeaserCopiesPointToTheDocument(t *testing.T) {
	release := umzug.Document{Kind: umzug.KindPressRelease, URL: site + "/presse/detail/kabinett/", Title: "Zweites Digitalisierungskabinett",
		Dates: umzug.Dates{Published: "2019-02-19"}, Blocks: []umzug.Block{textBlock("c1", releaseText)},
		Provenance: umzug.Provenance{SourceURL: site + "/presse/detail/kabinett/"}}
	target := site + "/presse/detail/kabinett/"
	style := page("/styleguide/", "Styleguide",
		umzug.Block{Key: "c4701", Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Layout: "list", Items: []umzug.TeaserItem{teaserItem("Zweites Digitalisierungskabinett", target, releaseText)}}},
		umzug.Block{Key: "c4712", Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Layout: "slider", Items: []umzug.TeaserItem{teaserItem("Zweites Digitalisierungskabinett", target, "Die Landesregierung hat beim zweiten Digitalisierungskabinett über die Verwaltung beraten.")}}},
		umzug.Block{Key: "c4750", Type: umzug.BlockTimeline, Timeline: &umzug.Timeline{Items: []umzug.TimelineItem{{Title: "Kabinett", Link: &umzug.Link{Href: target}, Body: pt("Erstellt von Thüringer Finanzministerium\n" + releaseText)}}}},
		// own teaser text, not a copy: kept
		umzug.Block{Key: "c4714", Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Items: []umzug.TeaserItem{teaserItem("Headline", target, "Ein ganz eigener Text der Redaktion zum Kabinett und seinen Beschlüssen heute.")}}},
	)
	res := runIndex(t, transform.IndexOptions{}, style, release)
	rel := res.docs[target]
	sg := res.docs[site+"/styleguide/"]
	for _, b := range sg.Blocks {
		switch b.Key {
		case "c4701", "c4712":
			it := b.Teaser.Items[0]
			if it.Document != rel.ID || it.Link.Document != rel.ID || it.Link.Path != rel.Path {
				t.Errorf("%s item points to %q / %q %q; want document %s at %s", b.Key, it.Document, it.Link.Document, it.Link.Path, rel.ID, rel.Path)
			}
			if len(it.Body) != 0 {
				t.Errorf("%s item keeps the copied text %q", b.Key, it.Body.PlainText())
			}
		case "c4750":
			it := b.Timeline.Items[0]
			if len(it.Body) != 0 || it.Link.Document != rel.ID {
				t.Errorf("timeline item = %+v; want no copied text and a link to %s", it, rel.ID)
			}
		case "c4714":
			if it := b.Teaser.Items[0]; len(it.Body) == 0 || it.Document != rel.ID {
				t.Errorf("own teaser text dropped or not linked: %+v", it)
			}
		}
	}
	if res.idx.Stats.CopiesReplaced != 3 {
		t.Errorf("copies replaced = %d; want 3", res.idx.Stats.CopiesReplaced)
	}
	if !strings.HasPrefix(rel.Path, "/presse/2019/02/") {
		t.Errorf("release path = %q; want a dated prefix", rel.Path)
	}
}

// words40 is a paragraph of n pseudo-random words from a small German vocabulary.
func wordsN(r *rand.Rand, n int) []string {
	vocab := strings.Fields("Freistaat Thüringen Landesregierung Ministerium Verwaltung Digitalisierung Breitbandausbau Glasfaser Mobilfunk Förderung Kommunen Landkreise Gemeinden Bürgerinnen Bürger Unternehmen Straßenbau Brücke Radweg wird werden wurde hat ist sind im in der die das und oder mit für von zu")
	out := make([]string, n)
	for i := range out {
		out[i] = vocab[r.IntN(len(vocab))]
	}
	return out
}

func TestIndexNearDuplicates(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	long := wordsN(r, 60)
	edited := slices.Clone(long)
	edited[30] = "Änderung"
	other := wordsN(r, 60)
	// Short texts collide by chance; below NearMinWords they take no part,
	// even with the same words in another element.
	shortA := "Weitere Informationen zum Förderprogramm finden Sie hier."
	res := runIndex(t, transform.IndexOptions{},
		page("/a/", "A", textBlock("c1", strings.Join(long, " ")), textBlock("c2", shortA)),
		page("/b/", "B", textBlock("c5", strings.Join(edited, " ")), umzug.Block{Key: "c6", Type: umzug.BlockInfoBox, InfoBox: &umzug.InfoBox{Body: pt(shortA + "!")}}, textBlock("c7", strings.Join(other, " "))),
		// the same text as an info box: not merged, reported
		page("/c/", "C", umzug.Block{Key: "c9", Type: umzug.BlockInfoBox, InfoBox: &umzug.InfoBox{Variant: "primary", Body: pt(strings.Join(long, " "))}}),
	)
	fs := res.idx.Findings()
	var got []string
	for _, f := range fs {
		if f.Rule != umzug.RuleDuplicateContent || f.Severity != umzug.SeverityWarning {
			t.Errorf("finding %+v: want rule duplicate-content, warning", f)
		}
		got = append(got, strings.TrimPrefix(f.URL, site)+"#"+f.BlockKey)
	}
	// Which block of a pair is "first" follows the ids (UUIDv5 of the URLs).
	if len(fs) != 2 {
		t.Fatalf("findings = %v; want 2 (the edited paragraph and the info box, nothing for short blocks)", got)
	}
	for _, f := range fs {
		others := 0
		for _, p := range []string{"/a/#c1", "/b/#c5", "/c/#c9"} {
			if strings.Contains(f.Message, site+p) || strings.TrimPrefix(f.URL, site)+"#"+f.BlockKey == p {
				others++
			}
		}
		if others != 2 && !strings.Contains(f.Message, "same page") {
			t.Errorf("finding %q on %s#%s does not name both places", f.Message, f.URL, f.BlockKey)
		}
		if f.Evidence == "" {
			t.Errorf("finding without evidence: %+v", f)
		}
	}
	if res.idx.Stats.NearDuplicates != 2 || len(res.snippets) != 0 {
		t.Errorf("near duplicates %d, snippets %d; want 2 and none (never merged silently)", res.idx.Stats.NearDuplicates, len(res.snippets))
	}
}

// TestIndexOrderIndependent: the crawl delivers pages in any order; the
// export must not depend on it.
func TestIndexOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	long := strings.Join(wordsN(r, 50), " ")
	near := strings.Replace(long, " ", " Zusatz ", 1)
	var docs []umzug.Document
	for i := range 12 {
		blocks := []umzug.Block{textBlock("c1", fmt.Sprintf("Seite %d über Brücken und Radwege Nummer %d", i, i))}
		if i%3 == 0 {
			blocks = append(blocks, withHeader(textBlock("c880", contact), fmt.Sprintf("Kontakt %d", i)))
		}
		if i == 4 {
			blocks = append(blocks, textBlock("c50", long))
		}
		if i == 7 {
			blocks = append(blocks, textBlock("c51", near))
		}
		docs = append(docs, page(fmt.Sprintf("/s/%d/", i), "Gleicher Titel", blocks...))
	}
	want := runIndex(t, transform.IndexOptions{}, docs...)
	for trial := range 3 {
		shuffled := slices.Clone(docs)
		rand.New(rand.NewPCG(uint64(trial), 3)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got := runIndex(t, transform.IndexOptions{}, shuffled...)
		if !slices.Equal(got.order, want.order) {
			t.Fatalf("trial %d: output order differs", trial)
		}
		for _, u := range want.order {
			if a, b := jsonOf(t, got.docs[u]), jsonOf(t, want.docs[u]); a != b {
				t.Errorf("trial %d: %s differs:\n%s\n%s", trial, u, a, b)
			}
		}
		if a, b := jsonOf(t, got.snippets), jsonOf(t, want.snippets); a != b {
			t.Errorf("trial %d: snippets differ:\n%s\n%s", trial, a, b)
		}
		if a, b := jsonOf(t, got.idx.Findings()), jsonOf(t, want.idx.Findings()); a != b {
			t.Errorf("trial %d: findings differ:\n%s\n%s", trial, a, b)
		}
	}
	paths := map[string]bool{}
	for _, d := range want.docs {
		if paths[d.Path] {
			t.Errorf("path %s handed out twice", d.Path)
		}
		paths[d.Path] = true
	}
}

func TestIndexLinksAssetsAndRedirects(t *testing.T) {
	a := page("/themen/radverkehr/", "Radverkehr",
		textBlock("c1", "Siehe Brücken und den Plan.", site+"/themen/bruecken/#c5", site+"/fileadmin/user_upload/Plan%20A.PDF", "https://other.example/x"),
		umzug.Block{Key: "c2", Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: site + "/fileadmin/_processed_/1/a/csm_rad_01.jpg", Alt: "Radweg"}}},
		umzug.Block{Key: "c3", Type: umzug.BlockDownloads, Downloads: &umzug.Downloads{Items: []umzug.File{{URL: site + "/fileadmin/user_upload/Plan%20A.PDF", Title: "Plan A"}}}},
	)
	a.Provenance.AliasURLs = []string{site + "/radverkehr.html"}
	a.Provenance.TYPO3 = &umzug.TYPO3Origin{PageUID: 42}
	b := page("/themen/bruecken/", "Brücken", textBlock("c5", "Brückensanierung im ganzen Land.", site+"/index.php?id=42"))
	res := runIndex(t, transform.IndexOptions{}, a, b)
	da, db := res.docs[site+"/themen/radverkehr/"], res.docs[site+"/themen/bruecken/"]

	defs := da.Blocks[0].Text.Body[0].MarkDefs
	if defs[0].Href != site+"/themen/bruecken/#c5" || defs[0].Document != db.ID || defs[0].Path != db.Path {
		t.Errorf("internal link = %+v; want old href kept, document %s, path %s", defs[0], db.ID, db.Path)
	}
	if defs[1].Path != "/media/user-upload/plan-a.pdf" || defs[1].Document != "" {
		t.Errorf("file link = %+v; want the asset path /media/user-upload/plan-a.pdf", defs[1])
	}
	if defs[2].Document != "" || defs[2].Path != "" {
		t.Errorf("external link rewritten: %+v", defs[2])
	}
	if d := db.Blocks[0].Text.Body[0].MarkDefs[0]; d.Document != da.ID {
		t.Errorf("index.php?id=42 link = %+v; want document %s (page uid 42)", d, da.ID)
	}
	if len(res.assets) != 2 {
		t.Fatalf("assets = %+v; want 2 (the image and the PDF, once)", res.assets)
	}
	for _, as := range res.assets {
		if as.ID == "" || !strings.HasPrefix(as.Path, "/media/") || as.MimeType == "" {
			t.Errorf("asset %+v: want id, /media/ path and mime type", as)
		}
	}
	if img := da.Blocks[1].Image; img.Asset == "" || img.Src != site+"/fileadmin/_processed_/1/a/csm_rad_01.jpg" {
		t.Errorf("image = %+v; want its asset id and the old src", img)
	}

	from := map[string]umzug.Redirect{}
	for _, r := range res.redirects {
		from[r.From] = r
	}
	for _, old := range []string{
		site + "/themen/radverkehr/", site + "/themen/radverkehr/?type=98", site + "/radverkehr.html",
		site + "/radverkehr.html?type=98", site + "/index.php?id=42", site + "/index.php?id=42&type=98",
	} {
		if r, ok := from[old]; !ok || r.To != da.Path || r.Status != 301 {
			t.Errorf("redirect from %s = %+v; want 301 to %s", old, r, da.Path)
		}
	}
	if got := da.Provenance.AliasURLs; !slices.Equal(got, []string{site + "/radverkehr.html"}) {
		t.Errorf("aliasUrls = %q; want the URL the page was also served under", got)
	}
	if r := from[site+"/fileadmin/user_upload/Plan%20A.PDF"]; r.To != "/media/user-upload/plan-a.pdf" {
		t.Errorf("file redirect = %+v", r)
	}
	// The map keeps no redirect whose old path is a new path (it would
	// chain) and no old URL twice.
	if ok, _ := res.idx.KeepRedirect(umzug.Redirect{From: site + db.Path, To: da.Path, Status: 301}); ok {
		t.Errorf("KeepRedirect kept a redirect from a new path %s", db.Path)
	}
	if ok, _ := res.idx.KeepRedirect(umzug.Redirect{From: site + "/alt/", To: da.Path, Status: 301}); !ok {
		t.Errorf("KeepRedirect dropped a plain redirect")
	}
	if ok, _ := res.idx.KeepRedirect(umzug.Redirect{From: site + "/alt/", To: db.Path, Status: 301}); ok {
		t.Errorf("KeepRedirect kept an old URL twice")
	}
}

// TestVideoFileAsset: a video file of the old site (fluid_styled_content's
// or bootstrap_package's <video> of a fileadmin file) is an asset like a
// download, with its id on the block and a redirect to its new path; a
// video platform's player is none.
func TestVideoFileAsset(t *testing.T) {
	a := page("/themen/wasser/", "Wasser",
		umzug.Block{Key: "c1", Type: umzug.BlockVideo, Video: &umzug.Video{Src: site + "/fileadmin/videos/grundwasser.mp4", Provider: "file", Caption: "So entsteht Grundwasser"}},
		umzug.Block{Key: "c2", Type: umzug.BlockVideo, Video: &umzug.Video{Src: "https://www.youtube-nocookie.com/embed/abc", Provider: "youtube"}},
	)
	res := runIndex(t, transform.IndexOptions{}, a)
	d := res.docs[site+"/themen/wasser/"]
	if v := d.Blocks[0].Video; v.Asset == "" || v.Src != site+"/fileadmin/videos/grundwasser.mp4" {
		t.Errorf("video file = %+v; want its asset id and the old src", v)
	}
	if v := d.Blocks[1].Video; v.Asset != "" {
		t.Errorf("platform video = %+v; want no asset", v)
	}
	if len(res.assets) != 1 || res.assets[0].Path != "/media/videos/grundwasser.mp4" || res.assets[0].MimeType != "video/mp4" {
		t.Errorf("assets = %+v; want the video file", res.assets)
	}
	redirected := false
	for _, r := range res.redirects {
		redirected = redirected || r.From == site+"/fileadmin/videos/grundwasser.mp4" && r.To == "/media/videos/grundwasser.mp4"
	}
	if !redirected {
		t.Errorf("no redirect from the video file's old URL: %+v", res.redirects)
	}
}

// TestTimelinePictureAsset: a timeline item's picture is an asset, its
// id on the item's media.
func TestTimelinePictureAsset(t *testing.T) {
	a := page("/geschichte/", "Geschichte",
		umzug.Block{Key: "c1", Type: umzug.BlockTimeline, Timeline: &umzug.Timeline{Items: []umzug.TimelineItem{
			{Label: "1993", Title: "Hochwasser", Media: []umzug.Media{{Src: site + "/fileadmin/_processed_/8/2/csm_deich_1993_7a6b5c.jpg", Alt: "Deich"}}}}}},
	)
	res := runIndex(t, transform.IndexOptions{}, a)
	d := res.docs[site+"/geschichte/"]
	if m := d.Blocks[0].Timeline.Items[0].Media[0]; m.Asset == "" {
		t.Errorf("timeline picture = %+v; want its asset id", m)
	}
	if len(res.assets) != 1 {
		t.Errorf("assets = %+v; want the timeline's picture", res.assets)
	}
}

// TestPathOfPageBeforeVariants: a list page keeps its path before the
// later pages of its list (TYPO3 query variants of its URL), whatever
// the order of their ids; the variants get the suffixes.
func TestPathOfPageBeforeVariants(t *testing.T) {
	docs := []umzug.Document{page("/presse/", "Pressemitteilungen", textBlock("c1", "Die Pressestelle erreichen Sie werktags.", ""))}
	for n := 2; n <= 6; n++ {
		u := fmt.Sprintf("/presse/?tx_news_pi1%%5BcurrentPage%%5D=%d&cHash=8f%d", n, n)
		docs = append(docs, page(u, "Pressemitteilungen", textBlock("c2", fmt.Sprintf("Seite %d der Liste.", n), "")))
	}
	docs = append(docs, page("/index.php?id=12", "Über uns", textBlock("c3", "Das Ministerium.", "")))
	res := runIndex(t, transform.IndexOptions{}, docs...)
	if d := res.docs[site+"/presse/"]; d.Path != "/presse" {
		t.Errorf("list page path = %q; want /presse", d.Path)
	}
	if d := res.docs[site+"/index.php?id=12"]; d.Path != "/ueber-uns" {
		t.Errorf("index.php?id=12 path = %q; want /ueber-uns", d.Path)
	}
	seen := map[string]bool{}
	for u, d := range res.docs {
		if strings.Contains(u, "currentPage") && (d.Path == "/presse" || !strings.HasPrefix(d.Path, "/presse-") || seen[d.Path]) {
			t.Errorf("variant %s path = %q; want a suffixed /presse-N of its own", u, d.Path)
		}
		seen[d.Path] = true
	}
}

func TestProposeAssetPath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/fileadmin/user_upload/presse/2024/pm-042-2024.pdf", "/media/user-upload/presse/2024/pm-042-2024.pdf"},
		{"/fileadmin/_processed_/1/a/csm_Slider-Bild_0c4d9e2a1b.JPG", "/media/1/a/csm-slider-bild-0c4d9e2a1b.jpg"},
		{"/fileadmin/Presse/Übersicht%20März.PDF", "/media/presse/uebersicht-maerz.pdf"},
		{"/uploads/tx_news/Bild.png", "/media/uploads/tx-news/bild.png"},
		{"/fileadmin/datei", "/media/datei"},
	} {
		if got := transform.ProposeAssetPath(tt.in); got != tt.want {
			t.Errorf("ProposeAssetPath(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestIndexTeaserDateConflict: a press list that dates a release
// differently than the release itself gets a date-conflict warning; a
// teaser with the same date, or none, does not.
func TestIndexTeaserDateConflict(t *testing.T) {
	target := site + "/presse/detail/bruecke/"
	release := umzug.Document{Kind: umzug.KindPressRelease, URL: target, Title: "Brücke saniert",
		Dates: umzug.Dates{Published: "2024-03-12"}, Blocks: []umzug.Block{textBlock("c1", releaseText)},
		Provenance: umzug.Provenance{SourceURL: target}}
	item := func(date string) umzug.TeaserItem {
		it := teaserItem("Brücke saniert", target, "Eigener Teasertext der Pressestelle zur Sanierung der Brücke.")
		it.Date = date
		return it
	}
	list := page("/presse/", "Pressemitteilungen",
		umzug.Block{Key: "c1", Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Layout: "list", Items: []umzug.TeaserItem{item("2024-03-13")}}})
	agreeing := page("/presse/seite/2/", "Pressemitteilungen",
		umzug.Block{Key: "c2", Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Layout: "list", Items: []umzug.TeaserItem{item("2024-03-12"), item("")}}})
	res := runIndex(t, transform.IndexOptions{}, list, agreeing, release)
	var got []string
	for _, w := range res.docs[site+"/presse/"].Warnings {
		if w.Code == "date-conflict" {
			got = append(got, w.Message)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "2024-03-13") || !strings.Contains(got[0], "2024-03-12") {
		t.Errorf("warnings on the conflicting list = %q; want one naming both dates", got)
	}
	for _, w := range res.docs[site+"/presse/seite/2/"].Warnings {
		if w.Code == "date-conflict" {
			t.Errorf("agreeing list warned: %s", w.Message)
		}
	}
	if res.idx.Stats.DateConflicts != 1 {
		t.Errorf("DateConflicts = %d; want 1", res.idx.Stats.DateConflicts)
	}
}

// TestTranslationsPointToTheirDocuments: a page's versions in other
// languages get the id and new path of their documents when those are
// exported; a version that is not keeps its old URL only, and one that
// resolves to the page itself (the site's language menu linking the page
// under another URL) is no translation.
func TestTranslationsPointToTheirDocuments(t *testing.T) {
	de := page("/de/ministerium/", "Das Ministerium", textBlock("c1", "Das Ministerium stellt sich vor."))
	de.Lang = "de"
	de.Translations = []umzug.Translation{
		{Lang: "en", URL: site + "/en/ministry/"},
		{Lang: "fr", URL: site + "/fr/ministere/"},
		{Lang: "de-x-ls", URL: site + "/de/ministerium/"},
	}
	en := page("/en/ministry/", "The Ministry", textBlock("c2", "The ministry introduces itself."))
	en.Lang = "en"
	en.Translations = []umzug.Translation{{Lang: "de", URL: site + "/de/ministerium/"}}
	res := runIndex(t, transform.IndexOptions{}, de, en)
	dd, de2 := res.docs[site+"/de/ministerium/"], res.docs[site+"/en/ministry/"]
	if len(dd.Translations) != 2 {
		t.Fatalf("translations %+v, want en and fr (not the page itself)", dd.Translations)
	}
	if tr := dd.Translations[0]; tr.Document != de2.ID || tr.Path != de2.Path || tr.URL != site+"/en/ministry/" {
		t.Errorf("en translation %+v, want document %s path %s", tr, de2.ID, de2.Path)
	}
	if tr := dd.Translations[1]; tr.Document != "" || tr.Path != "" || tr.URL != site+"/fr/ministere/" {
		t.Errorf("fr translation %+v, want the old URL only", tr)
	}
	if tr := de2.Translations; len(tr) != 1 || tr[0].Document != dd.ID {
		t.Errorf("the English page's translations %+v, want the German document %s", tr, dd.ID)
	}
}

// TestTranslatedStartPagePath: the English start page that TYPO3 serves
// as index.php?id=1&L=1 (its URL names no path, so it would be named
// after its title) gets the path /en, beside the German start page at /;
// another translated page keeps /en/<its path>.
func TestTranslatedStartPagePath(t *testing.T) {
	root := page("/", "Startseite", textBlock("c1", "Willkommen beim Landesamt für Forsten."))
	root.Provenance.AliasURLs = []string{site + "/index.php?id=1"}
	en := page("/index.php?id=1&L=1", "Welcome", textBlock("c2", "Welcome to the State Forestry Office."))
	en.Lang = "en"
	other := page("/index.php?id=12&L=1", "Forests", textBlock("c3", "The forests of the state cover a third of its land."))
	other.Lang = "en"
	res := runIndex(t, transform.IndexOptions{}, root, en, other)
	if p := res.docs[site+"/index.php?id=1&L=1"].Path; p != "/en" {
		t.Errorf("English start page: path %q, want /en", p)
	}
	if p := res.docs[site+"/"].Path; p != "/" {
		t.Errorf("German start page: path %q, want /", p)
	}
	if p := res.docs[site+"/index.php?id=12&L=1"].Path; p != "/en/forests" {
		t.Errorf("other English page: path %q, want /en/forests", p)
	}
}

// TestIndexNewsListsAreNotNearDuplicates: a start page's list of the
// latest releases and the press list show the same news records (title,
// teaser text, date); once the copies are replaced, what is left is the
// items' dates, which are the releases' and no content to merge: no
// duplicate-content finding.
func TestIndexNewsListsAreNotNearDuplicates(t *testing.T) {
	leads := []string{
		"Das Kabinett hat die Digitalstrategie beschlossen, die vierundachtzig Maßnahmen in sechs Handlungsfeldern bündelt.",
		"Für den Glasfaserausbau in einundvierzig Gemeinden der Altmark stellt das Land achtunddreißig Millionen Euro bereit.",
		"Seit der Wohngeldreform hat sich die Zahl der Anträge verdoppelt, die Wohngeldstellen erhalten zusätzliches Personal.",
		"Das Land investiert in diesem Jahr rund hundert Millionen Euro in Landesstraßen, Schwerpunkt ist die Sanierung von Brücken.",
		"Bis zum Herbst entstehen sechzig Kilometer Radwege, die Ortsteile mit Schulen und Bahnhöfen verbinden.",
		"Zwölf Bahnhöfe erhalten stufenlose Zugänge und neue Wegeleitsysteme, die Kosten teilen sich Bund, Land und Bahn.",
	}
	var releases []umzug.Document
	var items []umzug.TeaserItem
	for i, lead := range leads {
		path := fmt.Sprintf("/presse/detail/meldung-%d/", i)
		title := strings.Join(strings.Fields(lead)[:6], " ")
		date := fmt.Sprintf("2026-03-%02dT10:00:00+01:00", 20-i)
		releases = append(releases, umzug.Document{Kind: umzug.KindPressRelease, URL: site + path, Title: title,
			Dates: umzug.Dates{Published: date}, Blocks: []umzug.Block{textBlock("c1", lead+" Die Arbeiten beginnen im Frühjahr.")},
			Provenance: umzug.Provenance{SourceURL: site + path}})
		it := teaserItem(title, site+path, lead)
		it.Date = date
		items = append(items, it)
	}
	start := page("/", "Start", umzug.Block{Key: "c1099", Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Layout: "list", Items: slices.Clone(items[:3])}})
	list := page("/presse/", "Presse", umzug.Block{Key: "c2001", Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Layout: "list", Items: slices.Clone(items[:5])}})
	res := runIndex(t, transform.IndexOptions{}, append([]umzug.Document{start, list}, releases...)...)
	for _, f := range res.idx.Findings() {
		t.Errorf("finding %s on %s#%s: %s (evidence %q); want none for two news lists of the same releases", f.Rule, f.URL, f.BlockKey, f.Message, f.Evidence)
	}
	// The items keep their dates in the export.
	if it := res.docs[site+"/"].Blocks[0].Teaser.Items[0]; it.Date == "" {
		t.Errorf("start page item lost its date: %+v", it)
	}
}
