package load

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/umzug/umzug"
)

// The descriptions and examples of every type and property of the export
// schemas, keyed "Type" and "Type.property" (the $defs names the schema
// generator gives the Go types). They make schema/*.schema.json the
// export's reference for a CMS developer; TestSchemaDocumented fails when
// a type or property has none, or when an example does not validate.

type propDoc struct {
	desc string
	ex   []json.RawMessage
}

// Examples that stand for rich text, per format (see richTextExamples).
const (
	exPT = `[{"_type":"block","_key":"b0","style":"normal","children":[{"_type":"span","_key":"s0","text":"Erfurt, 12. März 2024 – Das Land fördert den Breitbandausbau mit weiteren 48 Millionen Euro.","marks":[]}],"markDefs":[]}]`
	exID = `"015fe4bc-c55d-508d-aadb-61419905178d"`
)

// richTextExamples are the examples of a rich text property when the
// export writes rich text as HTML or Markdown.
var richTextExamples = map[RichText]string{
	RichTextHTML:     `"<p>Erfurt, 12. März 2024 – Das Land fördert den <a href=\"/themen/breitband\">Breitbandausbau</a> mit weiteren 48 Millionen Euro.</p>"`,
	RichTextMarkdown: `"Erfurt, 12. März 2024 – Das Land fördert den [Breitbandausbau](/themen/breitband) mit weiteren 48 Millionen Euro."`,
}

// dropReasonDocs explains each reason of Dropped.reason (the Drop*
// constants of the root package); TestDropReasonsDocumented fails when a
// constant is missing here.
var dropReasonDocs = []struct{ reason, desc string }{
	{umzug.DropNavigation, "menus, skip links, pagers of the site"},
	{umzug.DropBreadcrumb, `the breadcrumb ("Sie sind hier: …")`},
	{umzug.DropHeader, "the page header: logo, service links"},
	{umzug.DropFooter, "the page footer: imprint, contact line"},
	{umzug.DropSidebar, "side columns and complementary boxes"},
	{umzug.DropSearch, "search forms"},
	{umzug.DropRelated, `related content ("Mehr zum Thema", teaser boxes pointing elsewhere)`},
	{umzug.DropComments, "reader comments and comment forms"},
	{umzug.DropShare, "share and follow bars"},
	{umzug.DropTags, "tag and category lists"},
	{umzug.DropMeta, "bylines, post meta lines"},
	{umzug.DropAuthor, "author boxes"},
	{umzug.DropNewsletter, "newsletter sign-ups"},
	{umzug.DropCookie, "cookie and consent notes"},
	{umzug.DropAd, "ads and sponsored boxes"},
	{umzug.DropPagination, "page browsers of lists"},
	{umzug.DropUtility, "print, back and to-top links, ratings, last-change lines"},
	{umzug.DropPopup, "modals, overlays, flyouts"},
	{umzug.DropTOC, "tables of contents the new CMS rebuilds"},
	{umzug.DropLinks, "link-dense boxes outside the content's flow"},
	{umzug.DropScreenOnly, "text only screen readers announce"},
	{umzug.DropControl, "buttons, form controls, slider controls"},
	{umzug.DropError, "CMS errors rendered in place of an element"},
	{umzug.DropProfile, "removed by a site profile's remove selectors"},
	{umzug.DropDuplicate, "the same text as a document field (a date line, a repeated title)"},
	{umzug.DropOutside, "outside the main content, in no region a rule names"},
	{umzug.DropBeside, "in the main content beside the news record of a detail page (the page's other elements: quick links, partner boxes, teasers); the press release is the record"},
	{umzug.DropUnconverted, "inside the main content but in no block: a gap of the extractor, worth a look"},
}

// failureReasonDocs explains each reason of Failure.reason (the Reason*
// constants of the root package, and http-<status> and <stage>-panic);
// TestFailureReasonsDocumented fails when a constant is missing here.
var failureReasonDocs = []struct{ reason, desc string }{
	{umzug.ReasonUnreachable, "DNS failure or connection refused, after the retries"},
	{umzug.ReasonTimeout, "no answer within --timeout, after the retries"},
	{umzug.ReasonConnectionReset, "connection reset or body cut short, after the retries"},
	{umzug.ReasonTLS, "TLS handshake or certificate error"},
	{umzug.ReasonTooManyRedirects, "more than 10 redirects"},
	{umzug.ReasonFetchError, "any other fetch error"},
	{"http-<status>", "a response that carries no content: 5xx, 401, 403, 407, 429"},
	{umzug.ReasonArchiveUnreadable, "the archive record cannot be read back (WARC file cut short or deleted, bad digest)"},
	{umzug.ReasonExtractError, "extraction failed on the page"},
	{umzug.ReasonCMSErrorPage, "the old CMS served its error page in place of the page (\"Oops, an error occurred!\", \"Page Not Found\"), often with status 200: nothing to migrate until the page is fixed"},
	{"<stage>-panic", "extract-panic, audit-panic, transform-panic, load-panic: a panic in that stage, recovered; the run went on"},
	{umzug.ReasonInvalidRecord, "the document could not be normalized or breaks the schema"},
	{umzug.ReasonInputUnreadable, "an input file or line that could not be read as a page or a document"},
	{umzug.ReasonDuplicateURL, "load: an input record with the URL of an earlier one, left out"},
	{umzug.ReasonPushRejected, "load --push: the CMS did not accept the record"},
}

var failureReasons = func() string {
	parts := make([]string, len(failureReasonDocs))
	for i, d := range failureReasonDocs {
		parts[i] = d.reason + " (" + d.desc + ")"
	}
	return strings.Join(parts, "; ")
}()

var dropReasons = func() string {
	parts := make([]string, len(dropReasonDocs))
	for i, d := range dropReasonDocs {
		parts[i] = d.reason + " (" + d.desc + ")"
	}
	return strings.Join(parts, "; ")
}()

var schemaDocs = sync.OnceValues(func() (map[string]string, map[string]propDoc) {
	types := map[string]string{}
	props := map[string]propDoc{}
	t := func(name, desc string) { types[name] = desc }
	p := func(key, desc string, ex ...string) {
		d := propDoc{desc: desc}
		for _, e := range ex {
			d.ex = append(d.ex, json.RawMessage(e))
		}
		props[key] = d
	}

	t("Document", "One content page or press release of the old site, as the new CMS imports it: typed blocks of main content (no navigation, breadcrumb or footer), dates, press fields, and where it came from. One line of documents.ndjson.")
	p("Document.id", "Stable id: UUIDv5 of the canonical public URL in a namespace that is UUIDv5 of the site root. The same page gets the same id on every run.", exID)
	p("Document.kind", "What the page is: page (an ordinary page) or press_release (a press release or news article; see pressRelease).", `"page"`, `"press_release"`)
	p("Document.url", "Canonical URL of the page on the old site (its public address, absolute).", `"https://www.tmdi.thueringen.example/themen/strassenbau/brueckensanierung/"`)
	p("Document.path", "Proposed path of the page in the new site: lower case, German transliteration (ä→ae, ß→ss), pages under their old path, press releases under /presse/YYYY/MM/<title>; unique, cut at a word boundary.", `"/themen/strassenbau/brueckensanierung"`, `"/presse/2024/03/gigabitfoerderung-weitere-48-millionen-euro-fuer-schnelles-internet"`)
	p("Document.title", "Title of the page (its main heading, else the HTML title without the site's name).", `"Brückensanierung"`)
	p("Document.lang", "Language of the page as BCP 47 tag, from the HTML.", `"de"`)
	p("Document.summary", "Short description of the page: the meta description or the press release's lead.", `"Sanierung von Brücken an Landesstraßen"`)
	p("Document.dates", "Publication and modification dates the page states.", `{"published":"2024-03-12"}`, `{}`)
	p("Document.categories", "Categories the old site files the page under, as it shows them (a news record's category line, a category list under an article, article:section), each once, in page order. For the new CMS's taxonomy.", `["Breitband","Digitales"]`)
	p("Document.tags", "Tags (Schlagworte) the old site shows for the page (a tag list under an article, a news record's tags, article:tag), each once, in page order.", `["Gigabit","Förderung"]`)
	p("Document.translations", "The page's versions in other languages, as the old site links them: its hreflang alternates, else the links of its language menu. The page's own language is not listed. document and path are set when that version is exported too.", `[{"lang":"en","url":"https://www.tmdi.thueringen.example/en/topics/bridges/","document":"4b0c4ad4-4b5f-5e1e-9d0e-0f4f7bb0a7f1","path":"/en/topics/bridges"}]`)
	p("Document.blocks", "Main content in reading order, one typed block per content element. A block shared with other documents is a ref block pointing to a snippet.", `[{"key":"c1076","type":"text","text":{"body":`+exPT+`}}]`)
	p("Document.pressRelease", "Fields only press releases have; the release's text is in blocks.", `{"number":"Nr. 042/2024","publisher":{"name":"Thüringer Ministerium für Digitales und Infrastruktur"}}`)
	p("Document.assets", "Every image and file the blocks and press fields refer to, once each (the full records are in assets.ndjson).", `[{"id":"1f74c6cc-a2ba-5358-ac3a-2ecace1a4015","kind":"file","url":"https://www.tmdi.thueringen.example/fileadmin/user_upload/publikationen/breitbandatlas-2023.pdf"}]`)
	p("Document.provenance", "Where the document came from: the URL fetched, when, HTTP metadata, the archive record and what the old CMS told. Not part of contentHash.", `{"sourceUrl":"https://www.tmdi.thueringen.example/kontakt/","httpStatus":200,"extractor":"typo3"}`)
	p("Document.contentHash", `"sha256:" and the SHA-256 of the document without provenance: unchanged content keeps its hash across runs, so an import can skip it.`, `"sha256:77aec806555a07ce1e3903cf6a32d7c43828c1539ab72b5cc1208dcd0174059d"`)
	p("Document.warnings", "What did not go as planned while extracting or transforming the document (an untyped element kept as html, a CMS error in place of an element, sanitized markup).", `[{"code":"broken-element","message":"CMS error rendered in place of the element","blockKey":"c4735"}]`)

	t("Translation", "A version of the page in another language.")
	p("Translation.lang", "Its language as BCP 47 tag, as the old site names it.", `"en"`, `"en-GB"`)
	p("Translation.url", "Its URL on the old site (absolute).", `"https://www.tmdi.thueringen.example/en/topics/bridges/"`)
	p("Translation.document", "Id of the exported document at that URL; absent when that page is not exported.", exID)
	p("Translation.path", "New path of that document, with document.", `"/en/topics/bridges"`)

	t("Dates", "Dates the page states, ISO 8601: a date or a date-time with offset.")
	p("Dates.published", "When the page or release was published.", `"2024-03-12"`, `"2024-03-12T10:30:00+01:00"`)
	p("Dates.modified", "When the page was last changed, where it says so.", `"2024-04-30"`)

	t("PressRelease", "The fields of a press release besides its text.")
	p("PressRelease.number", "The release's number as printed.", `"Nr. 042/2024"`, `"Pressemitteilung Nr. 25/2023"`)
	p("PressRelease.kicker", "The line above the headline (Dachzeile).", `"Breitbandausbau"`)
	p("PressRelease.subtitle", "The line below the headline (Unterzeile).", `"Land stockt Förderprogramm auf"`)
	p("PressRelease.lead", "The lead paragraph (Vorspann) in plain text.", `"Das Land fördert den Gigabitausbau im ländlichen Raum mit weiteren 48 Millionen Euro."`)
	p("PressRelease.dateline", "Place of the dateline.", `"Erfurt"`)
	p("PressRelease.publisher", "The body that issued the release.", `{"name":"Thüringer Ministerium für Digitales und Infrastruktur"}`)
	p("PressRelease.contacts", "Press contacts named in the release.", `[{"name":"Katrin Sommer","role":"Pressesprecherin","phone":"0361 57 3911-100"}]`)
	p("PressRelease.attachments", "Files attached to the release (PDF version, photos).", `[{"url":"https://www.tmdi.thueringen.example/fileadmin/user_upload/presse/pm-042-2024.pdf","title":"Pressemitteilung Nr. 042/2024 (PDF)","format":"PDF"}]`)
	p("PressRelease.related", "Related links the release lists.", `[{"href":"https://www.tmdi.thueringen.example/themen/breitband/","text":"Breitbandausbau"}]`)

	t("Publisher", "The body that issued a press release.")
	p("Publisher.name", "Name of the issuing body.", `"Thüringer Ministerium für Digitales und Infrastruktur"`)
	p("Publisher.url", "Its web address, where the release links it.", `"https://www.tmdi.thueringen.example/"`)

	t("Contact", "A press contact.")
	p("Contact.name", "Name of the person or office.", `"Katrin Sommer"`)
	p("Contact.role", "Function as printed.", `"Pressesprecherin"`)
	p("Contact.phone", "Telephone number as printed.", `"0361 57 3911-100"`)
	p("Contact.fax", "Fax number as printed.", `"0361 57 3911-199"`)
	p("Contact.email", "E-mail address.", `"presse@tmdi.thueringen.example"`)

	t("Provenance", "Where a document came from. Excluded from contentHash, so a re-crawl of unchanged content gives the same hash.")
	p("Provenance.sourceUrl", "URL that was requested (the public URL; with --public-url the request went to the mirror).", `"https://www.tmdi.thueringen.example/presse/pressemitteilungen/detail/gigabitfoerderung-48-millionen/"`)
	p("Provenance.finalUrl", "URL after redirects, when it differs.", `"https://www.tmdi.thueringen.example/presse/"`)
	p("Provenance.aliasUrls", "Other URLs the same page was served under (variants, redirect sources, identical bodies); each gets a redirect.", `["https://www.tmdi.thueringen.example/index.php?id=17"]`)
	p("Provenance.canonicalUrl", "The URL the page declares as its canonical one (link rel=canonical), also when that is the URL it was served at. Pages served under several URLs with one canonical URL and the same content are one document: under the canonical URL when that was crawled, the other URLs its aliases.", `"https://www.mwkl.land.example/DE/Home/home_node.html"`)
	p("Provenance.fetchedAt", "When the response arrived (RFC 3339).", `"2026-11-28T09:00:01Z"`)
	p("Provenance.httpStatus", "HTTP status of the response.", `200`)
	p("Provenance.etag", "The response's ETag header.", `"\"5aeda830b04576f7\""`)
	p("Provenance.lastModified", "The response's Last-Modified header.", `"Mon, 04 Nov 2024 08:00:00 GMT"`)
	p("Provenance.rawSha256", "Hex SHA-256 of the body bytes as received.", `"9f2c1a7d3e8b4c6a0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978"`)
	p("Provenance.archiveRecord", "Where the raw response is kept in the crawl archive (WARC file and offset).", `"warc/umzug-00001-run1-20261128090000.warc.gz#12345"`)
	p("Provenance.extractor", "The site profile that extracted the page.", `"typo3"`, `"generic"`)
	p("Provenance.typo3", "What the old TYPO3 told about the page.", `{"pageUid":103,"contentUids":[2103,2104]}`)
	p("Provenance.accounting", "Where the page's visible text went: into blocks, into document fields, or dropped with a reason.", `{"visibleChars":2400,"keptChars":1900,"fieldChars":120,"dropped":[{"reason":"navigation","chars":380}]}`)

	t("Accounting", "Content accounting of one page: every character of visible text (white space collapsed) ends in one place, so visibleChars = keptChars + fieldChars + the chars of dropped.")
	p("Accounting.visibleChars", "Characters of visible text on the page.", `2400`)
	p("Accounting.keptChars", "Characters that went into blocks.", `1900`)
	p("Accounting.fieldChars", "Characters that went into document fields (title, date, number, kicker, contacts, …) and not into a block.", `120`)
	p("Accounting.dropped", "The text left out, one entry per dropped region.", `[{"reason":"breadcrumb","selector":"nav.breadcrumb-nav","chars":64,"excerpt":"Startseite › Presse"}]`)

	t("Dropped", "A region of visible text extraction left out, with the reason.")
	p("Dropped.reason", "Why it was left out, one of: "+dropReasons+".", `"navigation"`, `"breadcrumb"`, `"unconverted"`)
	p("Dropped.selector", "CSS selector of the region in the old page.", `"nav.breadcrumb-nav"`)
	p("Dropped.chars", "Characters of visible text in the region.", `64`)
	p("Dropped.excerpt", "The start of the dropped text, for a person to recognise it.", `"Startseite › Presse › Pressemitteilungen"`)

	t("TYPO3Origin", "What the old TYPO3 installation told about the page.")
	p("TYPO3Origin.pageUid", "The page's uid (body id p<uid>).", `103`)
	p("TYPO3Origin.contentUids", "The uids of the content elements the blocks came from.", `[2103,2104]`)

	t("Warning", "A problem found while extracting or transforming a document that did not stop it.")
	p("Warning.code", "What kind of problem: broken-element, empty-element, untyped-element, empty-block, charset-mismatch, sanitized-html, unsafe-url, profile-rule-mismatch, truncated-body (the page was larger than --max-body-size and cut: its end is missing), ….", `"untyped-element"`, `"broken-element"`)
	p("Warning.message", "The problem in words.", `"element kept as html: no block type fits"`)
	p("Warning.blockKey", "Key of the block it concerns.", `"c4735"`)

	t("Asset", "An image or file of the old site, once for the whole export (assets.ndjson); blocks refer to it by id.")
	p("Asset.id", "Stable id: UUIDv5 of the file's URL, like document ids.", `"1f74c6cc-a2ba-5358-ac3a-2ecace1a4015"`)
	p("Asset.kind", "image or file.", `"image"`, `"file"`)
	p("Asset.url", "URL of the file on the old site, as the pages reference it.", `"https://www.tmdi.thueringen.example/fileadmin/user_upload/publikationen/breitbandatlas-2023.pdf"`)
	p("Asset.original", "The original file when url is a derived rendering (TYPO3 _processed_/…/csm_*), where the page reveals it.", `"https://www.tmdi.thueringen.example/fileadmin/user_upload/presse/bilder/glasfaser.jpg"`)
	p("Asset.fileName", "The file's original name (glasfaser.jpg for csm_glasfaser_7a2c4e9b01.jpg), reduced to a safe base name.", `"breitbandatlas-2023.pdf"`)
	p("Asset.path", "Proposed path of the file in the new site, under /media/.", `"/media/user-upload/publikationen/breitbandatlas-2023.pdf"`)
	p("Asset.mimeType", "Media type, from the response or the file name.", `"application/pdf"`, `"image/jpeg"`)
	p("Asset.alt", "Text alternative of an image, as the pages give it.", `"Radweg im Saaletal"`)
	p("Asset.caption", "Caption or link text.", `"Breitbandatlas Thüringen 2023"`)
	p("Asset.credit", "Copyright or photo credit.", `"Foto: TMDI/Julia Hartmann"`)
	p("Asset.size", "Size in bytes, from the response or the page's size label; with file, the size of that file.", `3250586`)
	p("Asset.sha256", "Hex SHA-256 of the file, when it was fetched; with file, that of the file in the export.", `"54c4afd87a6aa4bc488756921f90e8164b8d2757cad97bd0afae454b33cd1443"`)
	p("Asset.file", "The file itself in the export directory, relative to it, when the export holds the files (migrate --assets): files/<first two hex digits of sha256>/<sha256>-<base name>. Absent when the file could not be had (a missing-file finding says why).", `"files/54/54c4afd87a6aa4bc488756921f90e8164b8d2757cad97bd0afae454b33cd1443-breitbandatlas-2023.pdf"`)

	t("Snippet", "A block that stands in several places (a contact box on many pages, one paragraph under three headings), written once to snippets.ndjson; every place holds a ref block pointing to it.")
	p("Snippet.id", "Stable id: UUIDv5 of the block's content.", `"098a94d0-682d-5364-b908-e7301f233c86"`)
	p("Snippet.block", "The shared block, with the key it had where it first stood.", `{"key":"c880","type":"info_box","info_box":{"variant":"light","body":`+exPT+`}}`)
	p("Snippet.documents", "Number of documents that refer to the snippet.", `9`)
	p("Snippet.refs", "Number of ref blocks pointing to it (a document may refer to it more than once).", `9`)
	p("Snippet.contentHash", `"sha256:" and the SHA-256 of the block.`, `"sha256:c150e3b1a1f5a4b9c2d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d"`)

	t("Block", "One typed piece of main content: key, type and exactly one payload, under the property named like the type.")
	p("Block.key", "Key of the block within its document: c<uid> when TYPO3 gave the element a uid (c<uid>-2, … for further blocks of one element), else b<n>.", `"c2103"`, `"c2103-2"`)
	p("Block.type", "The block type; the payload is the property of that name.", `"text"`, `"image"`)
	p("Block.anchor", "Anchor name of the element in the old page (links to #anchor).", `"kontaktformular"`)
	p("Block.header", "The element's own headline (TYPO3 header, subheader, date), which any block may carry.", `{"text":"Ihr Kontakt zum Ministerium","level":2}`)
	p("Block.source", "Where in the old page the block came from.", `{"typo3Uid":1076,"cType":"text","selector":"#c1076"}`)
	p("Block.heading", "Payload of a heading block: a headline that stands alone.", `{"text":"Förderprogramme","level":2}`)
	p("Block.text", "Payload of a text block: rich text.", `{"body":`+exPT+`}`)
	p("Block.quote", "Payload of a quote block.", `{"body":`+exPT+`,"attribution":"Minister Max Beispiel"}`)
	p("Block.table", "Payload of a table block.", `{"rows":[{"section":"body","cells":[{"text":"2024"},{"text":"48 Mio. €"}]}]}`)
	p("Block.accordion", "Payload of an accordion block: collapsible items.", `{"items":[{"title":"Wer kann Förderung beantragen?","body":`+exPT+`}]}`)
	p("Block.tabs", "Payload of a tabs block: tab panels.", `{"items":[{"title":"Überblick","body":`+exPT+`}]}`)
	p("Block.teaser", "Payload of a teaser block: cards, news teasers or slider items pointing elsewhere.", `{"layout":"list","items":[{"title":"Gigabitförderung","document":"015fe4bc-c55d-508d-aadb-61419905178d"}]}`)
	p("Block.gallery", "Payload of a gallery block: images as a grid or a slider.", `{"layout":"grid","columns":3,"items":[{"src":"https://www.tmdi.thueringen.example/fileadmin/user_upload/bilder/radweg.jpg","alt":"Radweg im Saaletal"}]}`)
	p("Block.image", "Payload of an image block: one image.", `{"src":"https://www.tmdi.thueringen.example/fileadmin/user_upload/bilder/radweg.jpg","alt":"Radweg im Saaletal"}`)
	p("Block.text_media", "Payload of a text_media block: rich text with images.", `{"body":`+exPT+`,"media":[{"src":"https://www.tmdi.thueringen.example/fileadmin/user_upload/bilder/radweg.jpg","alt":"Radweg im Saaletal"}],"position":"right"}`)
	p("Block.downloads", "Payload of a downloads block: a list of files.", `{"items":[{"url":"https://www.tmdi.thueringen.example/fileadmin/user_upload/publikationen/breitbandatlas-2023.pdf","title":"Breitbandatlas Thüringen 2023"}]}`)
	p("Block.link_list", "Payload of a link_list block: a list of links.", `{"items":[{"href":"https://www.tmdi.thueringen.example/themen/breitband/","text":"Breitbandausbau"}]}`)
	p("Block.timeline", "Payload of a timeline block: dated entries.", `{"items":[{"date":"2019-01-01","label":"2019","title":"Start des Förderprogramms"}]}`)
	p("Block.info_box", "Payload of an info_box block: highlighted rich text.", `{"variant":"light","body":`+exPT+`}`)
	p("Block.video", "Payload of a video block.", `{"src":"https://www.youtube-nocookie.com/embed/abc123","provider":"youtube","title":"Digitalisierungskabinett"}`)
	p("Block.form", "Payload of a form block: a form described for a manual rebuild.", `{"method":"post","fields":[{"name":"email","label":"E-Mail","type":"email","required":true}],"submit":"Absenden"}`)
	p("Block.divider", "Payload of a divider block (a horizontal rule): an empty object.", `{}`)
	p("Block.html", "Payload of an html block: markup that could not be typed, sanitized; its document has a warning.", `{"html":"<div class=\"map\"><p>Standorte</p></div>"}`)
	p("Block.ref", "Payload of a ref block: a pointer to a snippet or another document in place of a copy.", `{"snippet":"098a94d0-682d-5364-b908-e7301f233c86"}`)

	t("Header", "The headline of a content element.")
	p("Header.text", "The headline's text.", `"Ihr Kontakt zum Ministerium"`)
	p("Header.level", "Heading level 1–6 (0: unknown).", `2`)
	p("Header.subheader", "TYPO3's subheader.", `"Bürgerservice"`)
	p("Header.date", "TYPO3's header date, ISO 8601.", `"2024-03-12"`)

	t("Source", "Where in the old page a block came from.")
	p("Source.typo3Uid", "uid of the TYPO3 content element.", `1076`)
	p("Source.cType", "TYPO3 content type (CType) of the element.", `"textmedia"`, `"mask_thvideo"`)
	p("Source.selector", "CSS selector of the element in the old page.", `"#c1076"`)
	p("Source.cssClasses", "CSS classes of the element (they carry the old layout and style).", `["frame","frame-default","frame-type-text"]`)
	p("Source.column", "1-based column of the layout container the block stood in (0 outside containers).", `1`)

	t("Heading", "A headline that stands alone.")
	p("Heading.text", "The headline's text.", `"Förderprogramme"`)
	p("Heading.level", "Heading level 1–6.", `2`)

	t("Text", "Rich text.")
	p("Text.body", "The text.", exPT)

	t("Quote", "A quotation.")
	p("Quote.body", "The quoted text.", exPT)
	p("Quote.attribution", "Who said it.", `"Minister Max Beispiel"`)

	t("Table", "A data table.")
	p("Table.caption", "The table's caption.", `"Fördermittel nach Jahren"`)
	p("Table.rows", "The rows, head rows first.", `[{"section":"head","cells":[{"text":"Jahr","header":true},{"text":"Mittel","header":true}]}]`)

	t("TableRow", "One row of a table.")
	p("TableRow.section", "head, body or foot.", `"body"`)
	p("TableRow.cells", "The row's cells.", `[{"text":"2024"},{"text":"48 Mio. €"}]`)

	t("TableCell", "One cell of a table.")
	p("TableCell.text", "The cell's text.", `"48 Mio. €"`)
	p("TableCell.body", "Rich text, when the cell holds more than plain text (links, lists).", exPT)
	p("TableCell.header", "True for header cells (th).", `true`)
	p("TableCell.colSpan", "Columns the cell spans, when more than one.", `2`)
	p("TableCell.rowSpan", "Rows the cell spans, when more than one.", `2`)

	t("Accordion", "Collapsible items.")
	p("Accordion.items", "The items, in order.", `[{"title":"Wer kann Förderung beantragen?","body":`+exPT+`}]`)
	t("Tabs", "Tab panels.")
	p("Tabs.items", "The panels, in order.", `[{"title":"Überblick","body":`+exPT+`}]`)
	t("Panel", "One accordion item or tab.")
	p("Panel.title", "The item's title.", `"Wer kann Förderung beantragen?"`)
	p("Panel.body", "The item's content.", exPT)
	p("Panel.media", "Pictures shown with the item (bootstrap_package's accordion and tab media, a figure in the item's text), after its text, with their captions; absent when there are none.", `[{"src":"https://www.example.de/fileadmin/karte.jpg","alt":"Karte der Fanggebiete","caption":"Die Fanggebiete der Ostsee"}]`)

	t("Teaser", "One or more teasers pointing elsewhere.")
	p("Teaser.variant", "The old template's teaser type.", `"card"`)
	p("Teaser.layout", "list, grid or slider.", `"list"`, `"slider"`)
	p("Teaser.items", "The teasers, in order.", `[{"title":"Gigabitförderung","link":{"href":"https://www.tmdi.thueringen.example/themen/breitband/gigabitfoerderung/"}}]`)

	t("TeaserItem", "One teaser. When it points to an exported document and only repeats that document's text, the text is dropped: the document owns it.")
	p("TeaserItem.title", "The teaser's title.", `"Gigabitförderung"`)
	p("TeaserItem.date", "Its date, ISO 8601.", `"2024-03-12"`)
	p("TeaserItem.body", "Its text.", exPT)
	p("TeaserItem.link", "Where it points.", `{"href":"https://www.tmdi.thueringen.example/themen/breitband/gigabitfoerderung/","path":"/themen/breitband/gigabitfoerderung"}`)
	p("TeaserItem.image", "Its image.", `{"src":"https://www.tmdi.thueringen.example/fileadmin/user_upload/bilder/radweg.jpg","alt":"Radweg im Saaletal"}`)
	p("TeaserItem.document", "Id of the exported document it points to.", exID)

	t("Gallery", "Images shown as a grid or a slider.")
	p("Gallery.layout", "grid or slider.", `"grid"`, `"slider"`)
	p("Gallery.columns", "Columns of a grid.", `3`)
	p("Gallery.items", "The images, in order.", `[{"src":"https://www.tmdi.thueringen.example/fileadmin/user_upload/bilder/radweg.jpg","alt":"Radweg im Saaletal"}]`)

	for _, typ := range []string{"Image", "Media"} {
		t(typ, map[string]string{"Image": "A single image.", "Media": "An image with its texts."}[typ])
		p(typ+".src", "URL of the image on the old site (the rendering the page shows).", `"https://www.tmdi.thueringen.example/fileadmin/_processed_/b/4/csm_bruecke-saale_3f2a1b9c0d.jpg"`)
		p(typ+".alt", "Text alternative.", `"Saalebrücke bei Jena"`)
		p(typ+".title", "The image's title attribute.", `"Saalebrücke"`)
		p(typ+".caption", "Caption.", `"Die Saalebrücke wird ab Mai saniert."`)
		p(typ+".credit", "Copyright or photo credit.", `"Foto: TMDI/Sandra Fiedler"`)
		p(typ+".width", "Width in pixels, as the page states.", `1200`)
		p(typ+".height", "Height in pixels, as the page states.", `800`)
		p(typ+".link", "Where the image links to (a lightbox original, a page).", `"https://www.tmdi.thueringen.example/fileadmin/user_upload/bilder/bruecke-saale.jpg"`)
		p(typ+".decorative", "True when the old page marked the image as decorative (alt=\"\" on purpose).", `true`)
		p(typ+".asset", "Id of the image's asset record.", `"0944c386-a2f6-5c91-a38e-c23630b6f981"`)
	}

	t("TextMedia", "Rich text with images beside, above or below it.")
	p("TextMedia.body", "The text.", exPT)
	p("TextMedia.media", "The images.", `[{"src":"https://www.tmdi.thueringen.example/fileadmin/user_upload/bilder/radweg.jpg","alt":"Radweg im Saaletal"}]`)
	p("TextMedia.position", "Where the images stand: above, below, left, right, intext-left, intext-right.", `"right"`, `"above"`)

	t("Downloads", "A list of files.")
	p("Downloads.items", "The files, in order.", `[{"url":"https://www.tmdi.thueringen.example/fileadmin/user_upload/publikationen/breitbandatlas-2023.pdf","title":"Breitbandatlas Thüringen 2023","sizeText":"3,1 MB","format":"PDF"}]`)

	t("File", "A downloadable file.")
	p("File.url", "URL of the file on the old site.", `"https://www.tmdi.thueringen.example/fileadmin/user_upload/publikationen/breitbandatlas-2023.pdf"`)
	p("File.title", "Link text or title.", `"Breitbandatlas Thüringen 2023"`)
	p("File.description", "Description the page gives.", `"Karten zur Versorgung mit Glasfaser und Mobilfunk"`)
	p("File.fileName", "The file's name.", `"breitbandatlas-2023.pdf"`)
	p("File.size", "Size in bytes, from the page's size label.", `250880`)
	p("File.sizeText", "The size label as printed.", `"245 KB"`)
	p("File.format", "File format as printed.", `"PDF"`)
	p("File.asset", "Id of the file's asset record.", `"1f74c6cc-a2ba-5358-ac3a-2ecace1a4015"`)

	t("LinkList", "A list of links (menus in the content, related links).")
	p("LinkList.items", "The links, in order.", `[{"href":"https://www.tmdi.thueringen.example/themen/breitband/","text":"Breitbandausbau","path":"/themen/breitband"}]`)

	for _, typ := range []string{"Link", "MarkDef"} {
		p(typ+".href", "The link's target as on the old site (absolute); for internal links see document and path.", `"https://www.tmdi.thueringen.example/themen/breitband/"`)
		p(typ+".title", "The link's title attribute.", `"Mehr zum Breitbandausbau"`)
		p(typ+".target", "The link's target attribute.", `"_blank"`)
		p(typ+".document", "Id of the exported document an internal link points to.", exID)
		p(typ+".path", "New path of the document or asset the link points to.", `"/themen/breitband"`)
	}
	t("Link", "A hyperlink.")
	p("Link.text", "The link's text.", `"Breitbandausbau"`)
	p("Link.description", "The text shown with the link in a list: the page abstract of a TYPO3 menu (menu_abstract), a teaser line.", `"Pressemitteilungen und Veröffentlichungen bis 2015"`)

	t("Timeline", "A dated sequence of entries.")
	p("Timeline.items", "The entries, in order.", `[{"date":"2019-01-01","label":"2019","title":"Start des Förderprogramms"}]`)
	t("TimelineItem", "One timeline entry.")
	p("TimelineItem.date", "The date, ISO 8601 when it could be read.", `"2019-01-01"`)
	p("TimelineItem.label", "The date as printed.", `"2019"`, `"Frühjahr 2024"`)
	p("TimelineItem.title", "The entry's title.", `"Start des Förderprogramms"`)
	p("TimelineItem.body", "The entry's text.", exPT)
	p("TimelineItem.link", "Where the entry links to.", `{"href":"https://www.tmdi.thueringen.example/presse/","text":"Mehr"}`)
	p("TimelineItem.media", "Pictures of the item (bootstrap_package's timeline-item-image), after its text, with their captions; absent when there are none.", `[{"src":"https://www.example.de/fileadmin/gruendung.jpg","alt":"Erste Kabinettssitzung","caption":"Die erste Kabinettssitzung","credit":"Foto: Landesarchiv"}]`)

	t("InfoBox", "Highlighted rich text.")
	p("InfoBox.variant", "The old style: primary, secondary, dark, light, warning, ….", `"light"`, `"warning"`)
	p("InfoBox.body", "The text.", exPT)

	t("Video", "An embedded or linked video.")
	p("Video.src", "URL of the video or its player.", `"https://www.youtube-nocookie.com/embed/abc123"`)
	p("Video.provider", "youtube, vimeo or file.", `"youtube"`)
	p("Video.title", "The video's title.", `"Digitalisierungskabinett"`)
	p("Video.caption", "Caption.", `"Pressekonferenz vom 12. März 2024"`)
	p("Video.asset", "Id of the asset record of a video file of the old site (provider file); absent for a video platform.", `"1f74c6cc-a2ba-5358-ac3a-2ecace1a4015"`)

	t("Form", "A form of the old site, described for a manual rebuild in the new CMS.")
	p("Form.action", "Where the form posted to.", `"https://www.tmdi.thueringen.example/kontakt/"`)
	p("Form.method", "get or post.", `"post"`)
	p("Form.fields", "The inputs, in order.", `[{"name":"email","label":"E-Mail","type":"email","required":true}]`)
	p("Form.submit", "The submit button's label.", `"Absenden"`)
	t("FormField", "One input of a form.")
	p("FormField.name", "The input's name.", `"email"`)
	p("FormField.label", "Its label.", `"E-Mail-Adresse"`)
	p("FormField.type", "text, email, textarea, select, checkbox, radio, ….", `"email"`, `"select"`)
	p("FormField.required", "True when the input is required.", `true`)
	p("FormField.options", "The choices of a select or radio group.", `["Frau","Herr","Divers"]`)

	t("Divider", "A horizontal rule; no properties.")
	t("HTML", "Markup that could not be typed, kept sanitized (bluemonday); its document has a warning.")
	p("HTML.html", "The sanitized markup.", `"<div class=\"map\"><p>Standorte</p></div>"`)

	t("Ref", "A pointer to a shared snippet or another document, in place of a copy.")
	p("Ref.snippet", "Id of the snippet in snippets.ndjson.", `"098a94d0-682d-5364-b908-e7301f233c86"`)
	p("Ref.document", "Id of the document.", exID)

	t("PortableText", "Rich text as Portable Text (portabletext.org): blocks of spans with marks and link markDefs.")
	t("PTBlock", "One Portable Text block: a paragraph, a heading inside text, a list item or a quote.")
	p("PTBlock._type", "Always block.", `"block"`)
	p("PTBlock._key", "Key of the block within its text.", `"b0"`)
	p("PTBlock.style", "normal, h1–h6 or blockquote.", `"normal"`, `"h3"`)
	p("PTBlock.listItem", "bullet or number for a list item.", `"bullet"`)
	p("PTBlock.level", "Nesting level of a list item, from 1.", `1`)
	p("PTBlock.children", "The spans.", `[{"_type":"span","_key":"s0","text":"Bürgerservice","marks":["strong"]}]`)
	p("PTBlock.markDefs", "The links the spans refer to by key.", `[{"_type":"link","_key":"l0","href":"https://www.tmdi.thueringen.example/themen/breitband/","path":"/themen/breitband"}]`)
	t("PTSpan", "A run of text with marks; a line break is \\n inside the text.")
	p("PTSpan._type", "Always span.", `"span"`)
	p("PTSpan._key", "Key of the span within its block.", `"s0"`)
	p("PTSpan.text", "The text.", `"Bürgerservice des Ministeriums"`)
	p("PTSpan.marks", "Decorators (strong, em, underline, strike-through, sub, sup, code) and keys of markDefs.", `["strong"]`, `["l0"]`)
	t("MarkDef", "A link that spans refer to by its key.")
	p("MarkDef._type", "Always link.", `"link"`)
	p("MarkDef._key", "Key the spans' marks use.", `"l0"`)

	t("Finding", "An audit finding: something broken or not to be migrated, on one page (findings.ndjson).")
	p("Finding.rule", "The rule that found it: broken-element, placeholder-text, placeholder-alt, missing-alt, empty-element, broken-link, broken-image, server-error, duplicate-content, mixed-content, missing-file (an asset's file is not in the export, migrate --assets), or a user rule's id.", `"broken-element"`, `"placeholder-text"`, `"missing-file"`)
	p("Finding.severity", "info, warning or error.", `"error"`)
	p("Finding.url", "The page (or for broken links and images: the target) it concerns.", `"https://www.tmdi.thueringen.example/service/styleguide/"`)
	p("Finding.message", "What is wrong.", `"CMS or template error rendered into the page"`)
	p("Finding.evidence", "What was found, with context.", `"ERROR: Content Element with uid \"4735\" and type \"mask_thvideo\" has no rendering definition!"`)
	p("Finding.selector", "CSS selector of the element.", `"#c4735 > p"`)
	p("Finding.blockKey", "Key of the block or element (c<uid>).", `"c4735"`)
	p("Finding.linkedFrom", "Pages that link to a broken target.", `["https://www.tmdi.thueringen.example/themen/mobilfunk/"]`)
	p("Finding.alsoOn", "The other pages where the same element of the page template (outside the content blocks: footer, header, sidebar) shows the same thing: a defect reported once, on url, when it is on 5 or more pages.", `["https://www.tmdi.thueringen.example/kontakt/","https://www.tmdi.thueringen.example/presse/"]`)
	p("Finding.fingerprint", "Identifies the finding across runs (rule, URL, element, what matched), for --baseline.", `"12030306343bfbbc"`)

	t("Failure", "A URL, input file or record the run could not process: not fetched, not readable from the archive, or failed in a stage (failures.ndjson, sorted by URL). A run with failures is partial.")
	p("Failure.url", "The URL (public, without credentials), or FILE or FILE:LINE for an input.", `"https://www.tmdi.thueringen.example/presse/"`, `"stdin:7"`)
	p("Failure.reason", "Stable code the summary and the manifest group by, one of: "+failureReasons+".", `"timeout"`, `"http-503"`, `"extract-panic"`)
	p("Failure.stage", "Where it failed: fetch, archive, extract, audit, transform, load or push.", `"fetch"`)
	p("Failure.message", "What happened, as the log said it.", `"Get \"https://www.tmdi.thueringen.example/presse/\": context deadline exceeded (gave up after 4 attempts)"`)
	p("Failure.record", "The archive record involved: WARC file#offset.", `"warc/umzug-00001-run1-20261128090000.warc.gz#48213"`)
	p("Failure.linkedFrom", "The page that linked the URL.", `"https://www.tmdi.thueringen.example/"`)

	t("Manifest", "Describes the export directory; written last, so a directory without manifest.json is not a complete export.")
	p("Manifest.schemaVersion", "Version of the export format.", `"1"`)
	p("Manifest.generator", "The umzug version that wrote the export.", `"umzug 0.1.0"`)
	p("Manifest.source", "Root URL of the migrated site (public).", `"https://www.tmdi.thueringen.example/"`)
	p("Manifest.runId", "Id of the run (its start time, UTC).", `"20261128T090000Z"`)
	p("Manifest.startedAt", "When the run started (RFC 3339).", `"2026-11-28T09:00:00Z"`)
	p("Manifest.finishedAt", "When the export was finished (RFC 3339).", `"2026-11-28T09:00:04Z"`)
	p("Manifest.idScheme", "How document ids are made.", `"uuidv5(namespace=uuidv5(URL, siteRoot), canonicalURL)"`)
	p("Manifest.richText", "Rich text format when not Portable Text: html or markdown.", `"html"`)
	p("Manifest.status", "complete (the run did what was asked), partial (some URLs or records failed: see failures and failures.ndjson), interrupted (Ctrl-C or SIGTERM: the export holds what was done until then) or failed (nothing usable). umzug load takes only a complete export unless --allow-partial; a manifest without status counts as complete.", `"complete"`, `"partial"`)
	p("Manifest.failures", "Failures per reason (see Failure.reason); failures.ndjson lists each.", `{"timeout":2,"http-503":1}`)
	p("Manifest.skipped", "Responses left out on purpose because they are not content, per reason: views of a bounded URL space (calendar view, filtered or sorted list, search results, print view), page 2 and later of a paginated list or gallery (pagination), not html, an error status. Not failures: they do not make the export partial.", `{"calendar view":12,"search results":3}`)
	p("Manifest.droppedChars", "Visible text that extraction left out of the exported documents, in characters per reason (navigation, footer, related, cookie, share, comments, …), summed over every document's provenance.accounting, which lists each dropped region with its selector and an excerpt. A large share in one reason is worth a look with umzug extract --explain.", `{"navigation":48210,"footer":12940,"related":3120}`)
	p("Manifest.counts", "Records per kind: documents, page, press_release, snippets, assets, findings, and files (the files under files/, with migrate --assets).", `{"documents":56,"page":38,"press_release":18,"snippets":2,"assets":65,"findings":44}`, `{"documents":56,"page":38,"press_release":18,"snippets":2,"assets":65,"files":63,"findings":46}`)
	p("Manifest.stats", "What the run did, in numbers: pages fetched, blocks in and out of de-duplication, snippets, refs, redirects, warnings, rejected documents, files missing (filesMissing, with migrate --assets), ….", `{"pagesFetched":57,"blocksIn":210,"blocksOut":205,"redirects":291,"documentsRejected":0}`)
	p("Manifest.chrome", "Blocks left out of every document because they repeat on nearly every page.", `[{"type":"text","key":"c900","documents":56,"text":"Stellenangebote des Öffentlichen Dienstes in Thüringen"}]`)
	p("Manifest.files", "Every file of the export with its record count, size and SHA-256.", `[{"path":"documents.ndjson","records":56,"bytes":412345,"sha256":"54c4afd87a6aa4bc488756921f90e8164b8d2757cad97bd0afae454b33cd1443"}]`)
	t("ChromeBlock", "A block recognised as page chrome by its frequency.")
	p("ChromeBlock.type", "Its block type.", `"text"`)
	p("ChromeBlock.key", "Its key where it was first seen.", `"c900"`)
	p("ChromeBlock.documents", "Documents it stood on.", `56`)
	p("ChromeBlock.text", "The start of its text.", `"Stellenangebote des Öffentlichen Dienstes in Thüringen"`)
	t("ManifestFile", "One file of the export.")
	p("ManifestFile.path", "Path within the export directory.", `"documents.ndjson"`)
	p("ManifestFile.records", "Records (lines of NDJSON; rows of CSV).", `56`)
	p("ManifestFile.bytes", "Size in bytes.", `412345`)
	p("ManifestFile.sha256", "Hex SHA-256 of the file.", `"54c4afd87a6aa4bc488756921f90e8164b8d2757cad97bd0afae454b33cd1443"`)
	return types, props
})
