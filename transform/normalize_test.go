package transform_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/transform"
)

const (
	siteRoot = "https://www.example.de/"
	crawled  = "http://127.0.0.1:8080"
	public   = "https://www.example.de"
)

// removedRunes are the characters CleanText deletes; fixedSpaces those it
// turns into a plain space.
const (
	removedRunes = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
	fixedSpaces  = "\u00a0\u2002\u2003\u2007\u2009\u200a\u202f"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"Straßenbau", "Straßenbau"},
		{"Straßen\u00adbau", "Straßenbau"},
		{"Ver\u00adkehrs\u00adminis\u00adterium", "Verkehrsministerium"},
		{"a\u200bb", "ab"},
		{"a\u200cb", "ab"},
		{"a\u200db", "ab"},
		{"\ufeffPressemitteilung", "Pressemitteilung"},
		{"Wort\u2060verbinder", "Wortverbinder"},
		{"10\u00a0km", "10 km"},
		{"§\u00a012", "§ 12"},
		{"1\u202f000\u2009€", "1 000 €"},
		{"Tabelle\u2007 1", "Tabelle  1"}, // spaces are mapped, not collapsed
		{"a\u0308", "ä"},
		{"Mu\u0308nchen", "München"},
		{"Thu\u0308ringen Stra\u00adße", "Thüringen Straße"},
		// A soft hyphen between a letter and its combining mark: after
		// removal the pair composes.
		{"u\u00ad\u0308ber", "über"},
		{"\u200b\u00ad\ufeff", ""},
		{"Fast ASCII: <b>&amp;</b>", "Fast ASCII: <b>&amp;</b>"},
		{"Spalte\tWert", "Spalte Wert"},
		{"a\x00b\x1bc\x7f", "abc"},
		{"Zeile 1\nZeile 2", "Zeile 1\nZeile 2"},
	}
	for _, tt := range tests {
		if got := transform.CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestCleanTextCanonicalSpaces: U+2000 EN QUAD and U+2001 EM QUAD are
// canonically equivalent to U+2002 and U+2003, which CleanText turns into
// spaces; CleanText composes first, so they become spaces on the first pass.
func TestCleanTextCanonicalSpaces(t *testing.T) {
	for _, in := range []string{"a\u2000b", "a\u2001b"} {
		got := transform.CleanText(in)
		if got != "a b" {
			t.Errorf("CleanText(%q) = %q; want %q", in, got, "a b")
		}
		if again := transform.CleanText(got); again != got {
			t.Errorf("CleanText(CleanText(%q)) = %q; want %q", in, again, got)
		}
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{
		"", "Straßen\u00adbau", "a\u0308", "10\u00a0km", "\ufeff\u200b\u200c\u200d",
		"u\u00ad\u0308", "e\u0301\u0323", "\u1100\u1161\u11a8", "Å", "ﬁ½²", "\u202f\u2009",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		got := transform.CleanText(s)
		if !utf8.ValidString(got) {
			t.Fatalf("CleanText(%q) = %q; not valid UTF-8", s, got)
		}
		if i := strings.IndexAny(got, removedRunes+fixedSpaces); i >= 0 {
			r, _ := utf8.DecodeRuneInString(got[i:])
			t.Fatalf("CleanText(%q) = %q; still contains %U", s, got, r)
		}
		if again := transform.CleanText(got); again != got {
			t.Fatalf("CleanText(CleanText(%q)) = %q; want %q (idempotent)", s, again, got)
		}
	})
}

// pt is Portable Text with one paragraph; hrefs become links on extra
// spans.
func pt(text string, hrefs ...string) umzug.PortableText {
	b := umzug.PTBlock{Type: "block", Key: "b0", Style: "normal",
		Children: []umzug.PTSpan{{Type: "span", Key: "s0", Text: text, Marks: []string{}}},
		MarkDefs: []umzug.MarkDef{}}
	for i, h := range hrefs {
		key := "l" + string(rune('0'+i))
		b.MarkDefs = append(b.MarkDefs, umzug.MarkDef{Type: "link", Key: key, Href: h})
		b.Children = append(b.Children, umzug.PTSpan{Type: "span", Key: "s" + key, Text: " Link", Marks: []string{key}})
	}
	return umzug.PortableText{b}
}

func textBlock(key, text string, hrefs ...string) umzug.Block {
	return umzug.Block{Key: key, Type: umzug.BlockText, Text: &umzug.Text{Body: pt(text, hrefs...)}}
}

// sampleDoc returns a fresh document (no shared memory between calls)
// with text to clean, an empty block, a repeated block and URLs of the
// crawled mirror.
func sampleDoc() umzug.Document {
	return umzug.Document{
		Kind:    umzug.KindPage,
		URL:     crawled + "/themen/mobilitaet/",
		Title:   "Mobi\u00adlita\u0308t",
		Lang:    "de",
		Summary: "Radwege\u00a0und Brücken",
		Dates:   umzug.Dates{Published: "2024-03-12"},
		Blocks: []umzug.Block{
			textBlock("c1", "Der Ver\u00adkehr\u200b wächst.", crawled+"/presse/"),
			{Key: "c2", Type: umzug.BlockText, Text: &umzug.Text{Body: pt("  ")}},
			{Key: "c3", Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: crawled + "/fileadmin/bruecke.jpg", Alt: "Brücke"}}},
			{Key: "c4", Type: umzug.BlockDownloads, Downloads: &umzug.Downloads{Items: []umzug.File{{URL: crawled + "/fileadmin/plan.pdf", Title: "Plan"}}}},
			{Key: "c5", Type: umzug.BlockLinkList, LinkList: &umzug.LinkList{Items: []umzug.Link{
				{Href: crawled + "/service/", Text: "Service"},
				{Href: "https://other.example/x", Text: "Extern"},
				{Href: crawled + "0/x", Text: "Anderer Port"},
			}}},
			// Same content as c1 (after cleaning), another key and source.
			{Key: "c6", Type: umzug.BlockText, Source: &umzug.Source{TYPO3UID: 6, CType: "text"},
				Text: &umzug.Text{Body: pt("Der Verkehr wächst.", crawled+"/presse/")}},
			{Key: "c7", Type: umzug.BlockDivider, Divider: &umzug.Divider{}},
			{Key: "c8", Type: umzug.BlockImage, Image: &umzug.Image{}},
		},
		Provenance: umzug.Provenance{
			SourceURL: crawled + "/themen/mobilitaet/",
			FinalURL:  crawled + "/themen/mobilitaet/index.html",
			AliasURLs: []string{crawled + "/index.php?id=7"},
			FetchedAt: "2024-03-12T10:00:00Z",
		},
	}
}

func newNormalizer(t *testing.T, opts transform.Options) *transform.Normalizer {
	t.Helper()
	n, err := transform.NewNormalizer(opts)
	if err != nil {
		t.Fatalf("NewNormalizer(%+v): %v", opts, err)
	}
	return n
}

func mirrorOptions() transform.Options {
	return transform.Options{SiteRoot: siteRoot, CrawledOrigin: crawled, PublicOrigin: public}
}

func normalize(t *testing.T, n *transform.Normalizer, d umzug.Document) umzug.Document {
	t.Helper()
	out, err := n.Normalize(d)
	if err != nil {
		t.Fatalf("Normalize(%s): %v", d.URL, err)
	}
	return out
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// clone deep-copies a document through JSON, so a later call cannot
// change it through shared slices or pointers.
func clone(t *testing.T, d umzug.Document) umzug.Document {
	t.Helper()
	var c umzug.Document
	if err := json.Unmarshal([]byte(jsonOf(t, d)), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNormalizeIdempotent(t *testing.T) {
	docs := []umzug.Document{sampleDoc()}
	pr := sampleDoc()
	pr.Kind = umzug.KindPressRelease
	pr.Title = "Straßenbau in Thüringen: Neue Brücke"
	docs = append(docs, pr)
	plain := sampleDoc()
	plain.URL = public + "/index.php?id=12"
	plain.Blocks = nil
	docs = append(docs, plain)

	for _, d := range docs {
		n := newNormalizer(t, mirrorOptions())
		once := clone(t, normalize(t, n, d))
		twice := normalize(t, n, clone(t, once))
		if a, b := jsonOf(t, once), jsonOf(t, twice); a != b {
			t.Errorf("Normalize(Normalize(d)) != Normalize(d) for %s\n once: %s\ntwice: %s", d.URL, a, b)
		}
	}
}

// TestNormalizeDoesNotModifyInput: Normalize takes and returns a Document
// by value; the caller's document must stay as it was (callers keep the
// raw document for audits and compare before/after).
func TestNormalizeDoesNotModifyInput(t *testing.T) {
	d := sampleDoc()
	before := jsonOf(t, d)
	normalize(t, newNormalizer(t, mirrorOptions()), d)
	if after := jsonOf(t, d); after != before {
		t.Errorf("Normalize changed its argument\nbefore: %s\n after: %s", before, after)
	}
}

func TestNormalizeIDs(t *testing.T) {
	u := public + "/themen/mobilitaet/"
	doc := func() umzug.Document {
		return umzug.Document{Kind: umzug.KindPage, URL: u, Title: "Mobilität", Blocks: []umzug.Block{}}
	}
	a := normalize(t, newNormalizer(t, transform.Options{SiteRoot: siteRoot}), doc())
	b := normalize(t, newNormalizer(t, transform.Options{SiteRoot: siteRoot}), doc())
	if a.ID == "" || a.ID != b.ID {
		t.Errorf("ids of %s from two Normalizers of %s = %q, %q; want equal and non-empty", u, siteRoot, a.ID, b.ID)
	}
	// The site root is normalized to its origin: a path or query on it
	// does not change the namespace.
	for _, root := range []string{"https://www.example.de", "https://www.example.de/startseite/?L=0"} {
		c := normalize(t, newNormalizer(t, transform.Options{SiteRoot: root}), doc())
		if c.ID != a.ID {
			t.Errorf("id of %s with site root %q = %q; want %q (as with %q)", u, root, c.ID, a.ID, siteRoot)
		}
	}
	other := normalize(t, newNormalizer(t, transform.Options{SiteRoot: "https://www.example.org/"}), doc())
	if other.ID == a.ID {
		t.Errorf("id of %s is %q under two different site roots; want different ids", u, a.ID)
	}
	d2 := doc()
	d2.URL = public + "/themen/"
	if c := normalize(t, newNormalizer(t, transform.Options{SiteRoot: siteRoot}), d2); c.ID == a.ID {
		t.Errorf("ids of %s and %s are both %q; want different", u, d2.URL, a.ID)
	}

	id, err := uuid.Parse(a.ID)
	if err != nil {
		t.Fatalf("id %q: %v", a.ID, err)
	}
	if id.Version() != 5 || id.Variant() != uuid.RFC4122 {
		t.Errorf("id %q: version %d, variant %v; want version 5, RFC 4122", a.ID, id.Version(), id.Variant())
	}
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(a.ID) {
		t.Errorf("id %q is not a canonical lower-case version-5 UUID", a.ID)
	}
	// The id scheme of the manifest: uuidv5(namespace=uuidv5(URL, siteRoot), canonicalURL).
	want := uuid.NewSHA1(uuid.NewSHA1(uuid.NameSpaceURL, []byte(siteRoot)), []byte(u)).String()
	if a.ID != want {
		t.Errorf("id of %s = %q; want %q", u, a.ID, want)
	}
}

func TestNewNormalizerRejectsRelativeRoot(t *testing.T) {
	for _, root := range []string{"", "www.example.de", "/presse/", "://x"} {
		if _, err := transform.NewNormalizer(transform.Options{SiteRoot: root}); err == nil {
			t.Errorf("NewNormalizer(SiteRoot: %q) = nil error; want an error", root)
		}
	}
}

func TestNormalizeWithoutURL(t *testing.T) {
	n := newNormalizer(t, transform.Options{SiteRoot: siteRoot})
	if _, err := n.Normalize(umzug.Document{Title: "x"}); err == nil {
		t.Error("Normalize(document without URL) = nil error; want an error")
	}
}

var hashRe = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

func TestContentHash(t *testing.T) {
	base := func() umzug.Document {
		d := sampleDoc()
		d.ID = "0b7f1d2e-0000-5000-8000-000000000000"
		return d
	}
	h := transform.ContentHash(base())
	if !hashRe.MatchString(h) {
		t.Fatalf("ContentHash = %q; want sha256:<64 hex>", h)
	}

	prov := base()
	prov.Provenance = umzug.Provenance{SourceURL: "https://elsewhere.example/", FetchedAt: "2025-01-01T00:00:00Z",
		HTTPStatus: 200, ETag: `"abc"`, RawSHA256: "ff", TYPO3: &umzug.TYPO3Origin{PageUID: 12}}
	if got := transform.ContentHash(prov); got != h {
		t.Errorf("ContentHash after a provenance change = %q; want %q (provenance is ignored)", got, h)
	}
	withHash := base()
	withHash.ContentHash = "sha256:old"
	if got := transform.ContentHash(withHash); got != h {
		t.Errorf("ContentHash of a document with a stale hash = %q; want %q", got, h)
	}

	changes := map[string]func(d *umzug.Document){
		"title":      func(d *umzug.Document) { d.Title += "!" },
		"block text": func(d *umzug.Document) { d.Blocks[0].Text.Body[0].Children[0].Text = "anders" },
		"date":       func(d *umzug.Document) { d.Dates.Published = "2024-03-13" },
		"path":       func(d *umzug.Document) { d.Path = "/neu" },
	}
	for name, change := range changes {
		d := base()
		change(&d)
		if got := transform.ContentHash(d); got == h {
			t.Errorf("ContentHash after a %s change = %q; want a different hash", name, got)
		}
	}

	n := newNormalizer(t, mirrorOptions())
	out := normalize(t, n, sampleDoc())
	if want := transform.ContentHash(out); out.ContentHash != want {
		t.Errorf("Normalize set ContentHash %q; want ContentHash(result) = %q", out.ContentHash, want)
	}
	// A re-crawl with other provenance gives the same document hash.
	again := sampleDoc()
	again.Provenance.FetchedAt = "2024-04-01T00:00:00Z"
	if out2 := normalize(t, newNormalizer(t, mirrorOptions()), again); out2.ContentHash != out.ContentHash {
		t.Errorf("ContentHash after re-crawl = %q; want %q", out2.ContentHash, out.ContentHash)
	}
}

func TestNormalizeMapsURLs(t *testing.T) {
	n := newNormalizer(t, mirrorOptions())
	in := sampleDoc()
	out := normalize(t, n, clone(t, in))

	if want := public + "/themen/mobilitaet/"; out.URL != want {
		t.Errorf("URL = %q; want %q", out.URL, want)
	}
	// The id is that of the public URL, as if the public site was crawled.
	direct := sampleDoc()
	direct.URL = public + "/themen/mobilitaet/"
	if d := normalize(t, newNormalizer(t, transform.Options{SiteRoot: siteRoot}), direct); d.ID != out.ID {
		t.Errorf("id of mirrored document = %q; want %q, the id of its public URL", out.ID, d.ID)
	}

	byKey := map[string]umzug.Block{}
	for _, b := range out.Blocks {
		byKey[b.Key] = b
	}
	checks := []struct {
		what string
		get  func() string
		want string
	}{
		{"markDef href", func() string { return byKey["c1"].Text.Body[0].MarkDefs[0].Href }, public + "/presse/"},
		{"image src", func() string { return byKey["c3"].Image.Src }, public + "/fileadmin/bruecke.jpg"},
		{"file url", func() string { return byKey["c4"].Downloads.Items[0].URL }, public + "/fileadmin/plan.pdf"},
		{"link href", func() string { return byKey["c5"].LinkList.Items[0].Href }, public + "/service/"},
		{"external link href", func() string { return byKey["c5"].LinkList.Items[1].Href }, "https://other.example/x"},
		{"other port href", func() string { return byKey["c5"].LinkList.Items[2].Href }, crawled + "0/x"},
		{"provenance sourceUrl", func() string { return out.Provenance.SourceURL }, in.Provenance.SourceURL},
		{"provenance finalUrl", func() string { return out.Provenance.FinalURL }, in.Provenance.FinalURL},
		{"provenance aliasUrls", func() string { return out.Provenance.AliasURLs[0] }, in.Provenance.AliasURLs[0]},
	}
	for _, c := range checks {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: missing in output (%v); blocks %s", c.what, r, jsonOf(t, out.Blocks))
				}
			}()
			if got := c.get(); got != c.want {
				t.Errorf("%s = %q; want %q", c.what, got, c.want)
			}
		}()
	}
	// Nothing outside provenance still points to the mirror's origin.
	prov := out
	prov.Provenance = umzug.Provenance{}
	if j := jsonOf(t, prov); strings.Contains(j, crawled+"/") {
		t.Errorf("normalized document still holds %s/ outside provenance: %s", crawled, j)
	}
	// Without a mapping, URLs stay as they are.
	plain := normalize(t, newNormalizer(t, transform.Options{SiteRoot: siteRoot}), sampleDoc())
	if plain.URL != in.URL {
		t.Errorf("URL without mapping = %q; want %q", plain.URL, in.URL)
	}
	if got := n.MapURL(crawled); got != public {
		t.Errorf("MapURL(%q) = %q; want %q", crawled, got, public)
	}
	if got, want := n.MapURL(crawled+"?id=12"), public+"?id=12"; got != want {
		t.Errorf("MapURL(%q) = %q; want %q", crawled+"?id=12", got, want)
	}
}

func TestNormalizeCleansText(t *testing.T) {
	out := normalize(t, newNormalizer(t, mirrorOptions()), sampleDoc())
	if want := "Mobilität"; out.Title != want {
		t.Errorf("Title = %q; want %q", out.Title, want)
	}
	if want := "Radwege und Brücken"; out.Summary != want {
		t.Errorf("Summary = %q; want %q", out.Summary, want)
	}
	if got, want := out.Blocks[0].Text.Body[0].Children[0].Text, "Der Verkehr wächst."; got != want {
		t.Errorf("first block text = %q; want %q", got, want)
	}
	// Keys, types and styles are identifiers, not text: untouched.
	if out.Blocks[0].Key != "c1" || out.Blocks[0].Text.Body[0].Style != "normal" {
		t.Errorf("first block key/style = %q/%q; want c1/normal", out.Blocks[0].Key, out.Blocks[0].Text.Body[0].Style)
	}
}

func TestNormalizeDropsEmptyAndRepeatedBlocks(t *testing.T) {
	n := newNormalizer(t, mirrorOptions())
	out := normalize(t, n, sampleDoc())

	var keys []string
	for _, b := range out.Blocks {
		keys = append(keys, b.Key)
	}
	// c2 (blank text) and c8 (image without src) are empty; c6 repeats c1
	// once soft hyphen and zero-width space are gone. The divider has no
	// text but is not empty.
	if want := []string{"c1", "c3", "c4", "c5", "c7"}; !slices.Equal(keys, want) {
		t.Errorf("block keys = %v; want %v", keys, want)
	}
	var warned []string
	for _, w := range out.Warnings {
		if w.Code == "empty-block" {
			warned = append(warned, w.BlockKey)
			if w.Message == "" {
				t.Errorf("empty-block warning for %s without message", w.BlockKey)
			}
		}
	}
	if want := []string{"c2", "c8"}; !slices.Equal(warned, want) {
		t.Errorf("empty-block warnings for %v; want %v", warned, want)
	}
	want := transform.Stats{BlocksIn: 8, BlocksOut: 5, EmptyDropped: 2, DuplicatesInDoc: 1}
	if n.Stats != want {
		t.Errorf("Stats = %+v; want %+v", n.Stats, want)
	}

	// Stats add up over documents.
	d := sampleDoc()
	d.URL = crawled + "/themen/"
	normalize(t, n, d)
	want = transform.Stats{BlocksIn: 16, BlocksOut: 10, EmptyDropped: 4, DuplicatesInDoc: 2}
	if n.Stats != want {
		t.Errorf("Stats after two documents = %+v; want %+v", n.Stats, want)
	}

	// A heading-only element is not empty; the same text under another
	// type is not a repetition.
	hd := umzug.Document{Kind: umzug.KindPage, URL: public + "/a/", Title: "A", Blocks: []umzug.Block{
		{Key: "c1", Type: umzug.BlockText, Header: &umzug.Header{Text: "Kontakt", Level: 2}, Text: &umzug.Text{Body: pt("")}},
		{Key: "c2", Type: umzug.BlockInfoBox, InfoBox: &umzug.InfoBox{Body: pt("Hinweis")}},
		{Key: "c3", Type: umzug.BlockQuote, Quote: &umzug.Quote{Body: pt("Hinweis")}},
	}}
	n2 := newNormalizer(t, transform.Options{SiteRoot: siteRoot})
	if out := normalize(t, n2, hd); len(out.Blocks) != 3 {
		t.Errorf("Normalize kept %d of 3 distinct non-empty blocks: %s", len(out.Blocks), jsonOf(t, out.Blocks))
	}
}

func TestProposePath(t *testing.T) {
	tests := []struct {
		name string
		d    umzug.Document
		want string
	}{
		{"press release", umzug.Document{Kind: umzug.KindPressRelease, URL: "https://x.example/presse/detail/news-123/",
			Title: "Straßenbau in Thüringen: Neue Brücke", Dates: umzug.Dates{Published: "2024-03-12"}},
			"/presse/2024/03/strassenbau-in-thueringen-neue-bruecke"},
		{"press release with date-time", umzug.Document{Kind: umzug.KindPressRelease, URL: "https://x.example/a",
			Title: "Neue Brücke", Dates: umzug.Dates{Published: "2023-11-02T10:00:00+01:00"}},
			"/presse/2023/11/neue-bruecke"},
		{"press release without title", umzug.Document{Kind: umzug.KindPressRelease, URL: "https://x.example/presse/breitband-ausbau/",
			Dates: umzug.Dates{Published: "2024-03-12"}},
			"/presse/2024/03/breitband-ausbau"},
		{"page", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/Themen/Mobilität/Radverkehr/", Title: "Radverkehr"},
			"/themen/mobilitaet/radverkehr"},
		{"page escaped", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/Themen/Mobilit%C3%A4t/", Title: "x"},
			"/themen/mobilitaet"},
		{"page .html", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/service/kontakt.html", Title: "x"},
			"/service/kontakt"},
		{"index.php?id", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/index.php?id=12", Title: "Über uns"},
			"/ueber-uns"},
		{"root", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/", Title: "Startseite"}, "/"},
		// A translation under TYPO3's language parameter: under its
		// language's prefix (the original keeps its path), whatever the
		// parameters' order; L=0 is the default language.
		{"translation ?L=1", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/ministerium/?L=1", Title: "The ministry", Lang: "en-GB"},
			"/en/ministerium"},
		{"translation index.php?id&L", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/index.php?L=2&id=12", Title: "À propos", Lang: "fr"},
			"/fr/a-propos"},
		{"translation of the root", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/?L=1", Title: "Welcome", Lang: "en"}, "/en"},
		{"translation without a language", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/themen/?L=3", Title: "x"}, "/lang-3/themen"},
		{"translation of a release", umzug.Document{Kind: umzug.KindPressRelease, URL: "https://x.example/presse/detail/bruecke/?L=1", Lang: "en",
			Title: "New bridge", Dates: umzug.Dates{Published: "2024-03-12"}}, "/en/presse/2024/03/new-bridge"},
		{"default language L=0", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/ministerium/?L=0", Title: "x", Lang: "de"}, "/ministerium"},
		{"already under its prefix", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/en/ministry/?L=1", Title: "x", Lang: "en"}, "/en/ministry"},
		// GSB: "<name>_node.html" is a node's page; the node of its
		// directory is the directory's index page.
		{"GSB node of its directory", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/DE/Service/FAQ/faq_node.html", Title: "x"},
			"/de/service/faq"},
		{"GSB node of its directory, query", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/DE/Home/home_node.html?nn=104712", Title: "x"},
			"/de/home"},
		{"GSB node in a directory", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/DE/Themen/Wald/bildergalerie_node.html", Title: "x"},
			"/de/themen/wald/bildergalerie"},
		{"not a GSB node", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/technik/cluster_node/", Title: "x"},
			"/technik/cluster-node"},
		// TYPO3 4.x simulateStaticDocuments: "title.uid.type.html"
		{"simulateStatic page", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/verbraucherschutz.14.0.html", Title: "Verbraucherschutz im Land"},
			"/verbraucherschutz"},
		{"simulateStatic with pEnc", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/service/suche.31+M5d8a7e4b1f.0.html", Title: "x"},
			"/service/suche"},
		{"simulateStatic without title", umzug.Document{Kind: umzug.KindPage, URL: "https://x.example/12.0.html", Title: "Das Ministerium"},
			"/das-ministerium"},
	}
	for _, tt := range tests {
		if got := transform.ProposePath(tt.d); got != tt.want {
			t.Errorf("%s: ProposePath(%s, %q) = %q; want %q", tt.name, tt.d.URL, tt.d.Title, got, tt.want)
		}
	}
	// Normalize sets the proposed path.
	d := tests[0].d
	d.Blocks = []umzug.Block{}
	if out := normalize(t, newNormalizer(t, transform.Options{SiteRoot: "https://x.example/"}), d); out.Path != tests[0].want {
		t.Errorf("Normalize(press release).Path = %q; want %q", out.Path, tests[0].want)
	}
}

func TestUniquePaths(t *testing.T) {
	mk := func() []umzug.Document {
		paths := []string{"/presse/2024/03/bruecke", "/themen", "/presse/2024/03/bruecke", "/presse/2024/03/bruecke-2", "/presse/2024/03/bruecke", "/"}
		docs := make([]umzug.Document, len(paths))
		for i, p := range paths {
			docs[i] = umzug.Document{ID: string(rune('a' + i)), Kind: umzug.KindPage, URL: "https://x.example/" + string(rune('a'+i)), Title: "T", Path: p}
		}
		return docs
	}
	docs := mk()
	transform.UniquePaths(docs)
	var got []string
	seen := map[string]bool{}
	for _, d := range docs {
		got = append(got, d.Path)
		if seen[d.Path] {
			t.Errorf("UniquePaths left %q twice", d.Path)
		}
		seen[d.Path] = true
		if want := transform.ContentHash(d); d.ContentHash != want {
			t.Errorf("doc %s: ContentHash = %q; want %q (hash of the new path)", d.ID, d.ContentHash, want)
		}
	}
	want := []string{"/presse/2024/03/bruecke", "/themen", "/presse/2024/03/bruecke-2", "/presse/2024/03/bruecke-2-2", "/presse/2024/03/bruecke-3", "/"}
	if !slices.Equal(got, want) {
		t.Errorf("UniquePaths = %q; want %q", got, want)
	}
	// Same input, same output: the result does not depend on map order or
	// on earlier calls.
	for range 5 {
		again := mk()
		transform.UniquePaths(again)
		for i := range again {
			if again[i].Path != docs[i].Path {
				t.Errorf("UniquePaths run 2: doc %d path %q; run 1 gave %q", i, again[i].Path, docs[i].Path)
			}
		}
	}
}

// TestNormalizeSafeFileNames: a file name taken from an old URL with
// "%5C" in it ("..\..\evil.pdf") or with characters a file system
// forbids becomes a safe base name, in blocks, press release attachments
// and assets alike.
func TestNormalizeSafeFileNames(t *testing.T) {
	d := umzug.Document{Kind: umzug.KindPressRelease, URL: crawled + "/presse/a/", Title: "A",
		Blocks: []umzug.Block{{Key: "c1", Type: umzug.BlockDownloads, Downloads: &umzug.Downloads{Items: []umzug.File{
			{URL: crawled + "/fileadmin/..%5C..%5Cevil.pdf", Title: "Plan", FileName: `..\..\evil.pdf`},
			{URL: crawled + "/fileadmin/con.pdf", Title: "Con", FileName: "con.pdf"},
		}}}},
		PressRelease: &umzug.PressRelease{Attachments: []umzug.File{{URL: crawled + "/x.pdf", Title: "X", FileName: "a:b?.pdf"}}},
		Assets:       []umzug.Asset{{Kind: "file", URL: crawled + "/fileadmin/..%5C..%5Cevil.pdf", FileName: `..\..\evil.pdf`}},
	}
	got := normalize(t, newNormalizer(t, mirrorOptions()), d)
	names := []string{got.Blocks[0].Downloads.Items[0].FileName, got.Blocks[0].Downloads.Items[1].FileName,
		got.PressRelease.Attachments[0].FileName, got.Assets[0].FileName}
	if want := []string{"evil.pdf", "_con.pdf", "a_b_.pdf", "evil.pdf"}; strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("file names %q; want %q", names, want)
	}
	if d.Blocks[0].Downloads.Items[0].FileName != `..\..\evil.pdf` {
		t.Errorf("Normalize changed the caller's file name")
	}
}
