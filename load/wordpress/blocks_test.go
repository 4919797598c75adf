package wordpress

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// fakeLinks knows one document, one media item and one snippet.
type fakeLinks struct{}

func (fakeLinks) Remote(kind load.RecordKind, id string) (load.Remote, bool) {
	switch kind + "/" + load.RecordKind(id) {
	case "document/d1":
		return load.Remote{ID: "5", Link: "https://neu.example/themen/breitband/"}, true
	case "file/a1":
		return load.Remote{ID: "12", Link: "https://neu.example/wp-content/uploads/glasfaser.jpg"}, true
	case "file/a2":
		return load.Remote{ID: "13", Link: "https://neu.example/wp-content/uploads/atlas.pdf"}, true
	case "snippet/s1":
		return load.Remote{ID: "40"}, true
	}
	return load.Remote{}, false
}

func (fakeLinks) URL(old string) (string, bool) {
	if strings.HasPrefix(old, "https://alt.example/") {
		return "/" + strings.TrimPrefix(old, "https://alt.example/"), false
	}
	return old, true
}

func (fakeLinks) Document(id string) *load.DocumentInfo {
	if id == "d1" {
		return &load.DocumentInfo{ID: "d1", Title: "Breitband"}
	}
	return nil
}

func pt(blocks ...umzug.PTBlock) umzug.PortableText { return blocks }

func para(text string, marks ...string) umzug.PTBlock {
	return umzug.PTBlock{Type: "block", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Text: text, Marks: marks}}}
}

func TestBlockMarkup(t *testing.T) {
	link := para("Breitband & mehr", "strong", "l0")
	link.MarkDefs = []umzug.MarkDef{{Type: "link", Key: "l0", Href: "https://alt.example/themen/breitband/", Document: "d1"}}
	item := func(text, kind string, level int) umzug.PTBlock {
		b := para(text)
		b.ListItem, b.Level = kind, level
		return b
	}
	tests := []struct {
		name string
		in   umzug.Block
		want string
	}{
		{"paragraph with a link to a migrated document", umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: pt(link)}},
			"<!-- wp:paragraph -->\n<p><strong><a href=\"https://neu.example/themen/breitband/\">Breitband &amp; mehr</a></strong></p>\n<!-- /wp:paragraph -->"},
		{"line break", umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: pt(para("a\nb <c>"))}},
			"<!-- wp:paragraph -->\n<p>a<br>b &lt;c&gt;</p>\n<!-- /wp:paragraph -->"},
		{"heading level 3", umzug.Block{Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: "Förderung", Level: 3}},
			"<!-- wp:heading {\"level\":3} -->\n<h3>Förderung</h3>\n<!-- /wp:heading -->"},
		{"nested list", umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: pt(item("a", "number", 1), item("b", "bullet", 2), item("c", "number", 1))}},
			"<!-- wp:list {\"ordered\":true} -->\n<ol><!-- wp:list-item -->\n<li>a<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>b</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list --></li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>c</li>\n<!-- /wp:list-item --></ol>\n<!-- /wp:list -->"},
		{"image with caption and credit", umzug.Block{Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: "https://alt.example/g.jpg", Alt: "Kabel \"neu\"", Caption: "Glasfaser", Credit: "Foto: TMDI", Asset: "a1"}}},
			"<!-- wp:image {\"id\":12,\"sizeSlug\":\"full\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-full\"><img src=\"https://neu.example/wp-content/uploads/glasfaser.jpg\" alt=\"Kabel &quot;neu&quot;\" class=\"wp-image-12\"/><figcaption class=\"wp-element-caption\">Glasfaser Foto: TMDI</figcaption></figure>\n<!-- /wp:image -->"},
		{"file", umzug.Block{Type: umzug.BlockDownloads, Downloads: &umzug.Downloads{Items: []umzug.File{{URL: "https://alt.example/atlas.pdf", Title: "Atlas", Asset: "a2"}}}},
			"<!-- wp:file {\"id\":13,\"href\":\"https://neu.example/wp-content/uploads/atlas.pdf\"} -->\n<div class=\"wp-block-file\"><a id=\"wp-block-file--media-a2\" href=\"https://neu.example/wp-content/uploads/atlas.pdf\">Atlas</a><a href=\"https://neu.example/wp-content/uploads/atlas.pdf\" class=\"wp-block-file__button wp-element-button\" download aria-describedby=\"wp-block-file--media-a2\">Herunterladen</a></div>\n<!-- /wp:file -->"},
		{"link list with a description", umzug.Block{Type: umzug.BlockLinkList, LinkList: &umzug.LinkList{Items: []umzug.Link{
			{Href: "https://alt.example/archiv/", Text: "Archiv", Description: "Pressemitteilungen bis 2015", Document: "d1"}, {Href: "https://andere.example/", Text: "x & y"}}}},
			"<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li><a href=\"https://neu.example/themen/breitband/\">Archiv</a><br>Pressemitteilungen bis 2015</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li><a href=\"https://andere.example/\">x &amp; y</a></li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->"},
		{"table", umzug.Block{Type: umzug.BlockTable, Table: &umzug.Table{Caption: "Zahlen", Rows: []umzug.TableRow{
			{Section: "head", Cells: []umzug.TableCell{{Text: "Jahr", Header: true}}}, {Section: "body", Cells: []umzug.TableCell{{Text: "2024"}}}}}},
			"<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>Jahr</th></tr></thead><tbody><tr><td>2024</td></tr></tbody></table><figcaption class=\"wp-element-caption\">Zahlen</figcaption></figure>\n<!-- /wp:table -->"},
		{"divider", umzug.Block{Type: umzug.BlockDivider, Divider: &umzug.Divider{}},
			"<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n<!-- /wp:separator -->"},
		{"youtube", umzug.Block{Type: umzug.BlockVideo, Video: &umzug.Video{Src: "https://www.youtube-nocookie.com/embed/abc123?autoplay=1", Provider: "youtube"}},
			"<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=abc123\",\"type\":\"video\",\"providerNameSlug\":\"youtube\"} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=abc123\n</div></figure>\n<!-- /wp:embed -->"},
		{"timeline item with its picture after its text", umzug.Block{Type: umzug.BlockTimeline, Timeline: &umzug.Timeline{Items: []umzug.TimelineItem{{Label: "1993", Title: "Hochwasser", Body: pt(para("Pegel 7,92 m.")),
			Media: []umzug.Media{{Src: "https://alt.example/g.jpg", Alt: "Deich", Caption: "Worms", Asset: "a1"}}}}}},
			"<!-- wp:group {\"className\":\"umzug-timeline\"} -->\n<div class=\"wp-block-group umzug-timeline\"><!-- wp:group {\"className\":\"umzug-timeline-item\"} -->\n<div class=\"wp-block-group umzug-timeline-item\"><!-- wp:paragraph {\"className\":\"umzug-timeline-date\"} -->\n<p class=\"umzug-timeline-date\"><strong>1993</strong></p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading {\"level\":3} -->\n<h3>Hochwasser</h3>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Pegel 7,92 m.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:image {\"id\":12,\"sizeSlug\":\"full\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-full\"><img src=\"https://neu.example/wp-content/uploads/glasfaser.jpg\" alt=\"Deich\" class=\"wp-image-12\"/><figcaption class=\"wp-element-caption\">Worms</figcaption></figure>\n<!-- /wp:image --></div>\n<!-- /wp:group --></div>\n<!-- /wp:group -->"},
		{"video file of the old site, uploaded", umzug.Block{Type: umzug.BlockVideo, Video: &umzug.Video{Src: "https://alt.example/fileadmin/film.mp4", Provider: "file", Caption: "Der Film", Asset: "a1"}},
			"<!-- wp:video {\"id\":12} -->\n<figure class=\"wp-block-video\"><video controls src=\"https://neu.example/wp-content/uploads/glasfaser.jpg\"></video><figcaption class=\"wp-element-caption\">Der Film</figcaption></figure>\n<!-- /wp:video -->"},
		{"snippet ref with its header", umzug.Block{Type: umzug.BlockRef, Header: &umzug.Header{Text: "Kontakt", Level: 2}, Ref: &umzug.Ref{Snippet: "s1"}},
			"<!-- wp:heading -->\n<h2>Kontakt</h2>\n<!-- /wp:heading -->\n\n<!-- wp:block {\"ref\":40} /-->"},
		{"quote", umzug.Block{Type: umzug.BlockQuote, Quote: &umzug.Quote{Body: pt(para("Schnell.")), Attribution: "Minister"}},
			"<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>Schnell.</p>\n<!-- /wp:paragraph --><cite>Minister</cite></blockquote>\n<!-- /wp:quote -->"},
		{"info box as group", umzug.Block{Type: umzug.BlockInfoBox, InfoBox: &umzug.InfoBox{Variant: "light", Body: pt(para("Hinweis"))}},
			"<!-- wp:group {\"className\":\"umzug-info-box umzug-info-box-light\"} -->\n<div class=\"wp-block-group umzug-info-box umzug-info-box-light\"><!-- wp:paragraph -->\n<p>Hinweis</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->"},
		{"accordion item with its picture after its text", umzug.Block{Type: umzug.BlockAccordion, Accordion: &umzug.Accordion{Items: []umzug.Panel{{Title: "Ausbau", Body: pt(para("Bis 2025.")),
			Media: []umzug.Media{{Src: "https://alt.example/g.jpg", Alt: "Kabel", Caption: "Glasfaser", Asset: "a1"}}}}}},
			"<!-- wp:group {\"className\":\"umzug-accordion\"} -->\n<div class=\"wp-block-group umzug-accordion\"><!-- wp:group {\"className\":\"umzug-panel\"} -->\n<div class=\"wp-block-group umzug-panel\"><!-- wp:heading {\"level\":3} -->\n<h3>Ausbau</h3>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Bis 2025.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:image {\"id\":12,\"sizeSlug\":\"full\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-full\"><img src=\"https://neu.example/wp-content/uploads/glasfaser.jpg\" alt=\"Kabel\" class=\"wp-image-12\"/><figcaption class=\"wp-element-caption\">Glasfaser</figcaption></figure>\n<!-- /wp:image --></div>\n<!-- /wp:group --></div>\n<!-- /wp:group -->"},
		{"html keeps markup, links rewritten", umzug.Block{Type: umzug.BlockHTML, HTML: &umzug.HTML{HTML: `<p class="x">Alt: <a href="https://alt.example/kontakt/">Kontakt</a> <a href="https://andere.example/">x</a></p>`}},
			"<!-- wp:html -->\n<p class=\"x\">Alt: <a href=\"/kontakt/\">Kontakt</a> <a href=\"https://andere.example/\">x</a></p>\n<!-- /wp:html -->"},
	}
	for _, tt := range tests {
		r := &renderer{links: fakeLinks{}, lang: "de"}
		tt.in.Key = "c1"
		got := joinBlocks(r.blocks(&tt.in))
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestMissingMediaIsReportedNotLinkedToTheOldHost(t *testing.T) {
	r := &renderer{links: fakeLinks{}, lang: "de"}
	b := umzug.Block{Key: "c2", Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: "https://alt.example/weg.jpg", Asset: "gone"}}}
	if got := r.blocks(&b); len(got) != 0 || len(r.warnings) != 1 {
		t.Errorf("image without file: %q, warnings %v; want no block and a warning", got, r.warnings)
	}
	f := umzug.Block{Key: "c3", Type: umzug.BlockDownloads, Downloads: &umzug.Downloads{Items: []umzug.File{{URL: "https://alt.example/weg.pdf", Title: "Weg"}}}}
	got := joinBlocks(r.blocks(&f))
	if strings.Contains(got, "alt.example") || r.unresolved != 1 {
		t.Errorf("file without media: %s (unresolved %d); want a site-relative link, counted", got, r.unresolved)
	}
}

func TestCommentAttrsEscapeLikeTheEditor(t *testing.T) {
	got := commentAttrs([]attr{{"className", `a--b <c> & "d"`}})
	want := `{"className":"a\u002d\u002db \u003cc\u003e \u0026 \u0022d\u0022"} `
	if got != want {
		t.Errorf("commentAttrs = %s; want %s", got, want)
	}
}

func TestDocSlug(t *testing.T) {
	for in, want := range map[string]string{"/": "", "/themen/breitband": "breitband", "/presse/pressemitteilungen/seite/2": "seite-2"} {
		if got := docSlug(&umzug.Document{Path: in}); got != want {
			t.Errorf("docSlug(%q) = %q; want %q", in, got, want)
		}
	}
}
