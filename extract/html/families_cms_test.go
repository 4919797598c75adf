package html_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// The pages testdata/families/wordpress-*, plone-* and neos-* are written
// from the templates of three CMS families umzug was not tuned on
// (docs/extraction.md, "Other CMS families", names the templates and
// versions), each a news post or list with the page chrome its template
// puts around it. The text is invented. Each case states, as the TYPO3
// catalogue does, what a migration must get out of the page.
var cmsFamilyCases = []typo3Case{
	{
		// twentytwentyfour's single-with-sidebar template: the post's
		// head (featured image, title, post meta pattern) in a group
		// above the post content, core blocks in the content, comments
		// and post navigation in a group below it, the sidebar pattern
		// in the second column; Yoast breadcrumbs, Shariff share
		// buttons, the Cookie Notice plugin.
		file: "wordpress-block-post.html", url: "https://www.lindenau.example/2024/04/17/radverkehrskonzept-2030-beschlossen/",
		kind: umzug.KindPressRelease, title: "Radverkehrskonzept 2030 beschlossen", published: "2024-04-17T10:30:00",
		publisher:  "Stadt Lindenau",
		lead:       "Der Stadtrat hat am Dienstagabend das Radverkehrskonzept 2030 mit großer Mehrheit beschlossen. Bis zum Ende des Jahrzehnts sollen in Lindenau 38 Kilometer neue oder verbesserte Radwege entstehen.",
		contacts:   []umzug.Contact{{Name: "Tobias Reuter", Phone: "03421 555-120", Email: "presse@lindenau.example"}},
		categories: []string{"Pressemitteilungen"},
		blocks:     []string{"image", "text", "heading", "text", "image", "heading", "text", "table", "text", "downloads", "text"},
		sentences: []string{
			"Bis zum Ende des Jahrzehnts sollen in Lindenau 38 Kilometer neue oder verbesserte Radwege entstehen.",
			"Mehr als 1.400 Hinweise sind bei den Beteiligungsabenden und über die Online-Karte eingegangen.",
			"Die wichtigsten Maßnahmen",
			"eine Radstation mit Werkstatt am Bahnhof.",
			"Beim dritten Beteiligungsabend im Rathausfoyer wurden die Entwürfe diskutiert.",
			"Geplante Bauabschnitte (Stand April 2024)",
			"Radfahrstreifen Bahnhofstraße",
			"vom Schulkind bis zur Seniorin.",
			"Der erste Bauabschnitt beginnt im Frühjahr 2025.",
			"Zur Themenseite Radverkehr",
		},
		chrome: map[string][]string{
			"Rathaus & Politik":                 {umzug.DropHeader},
			"Startseite » Aktuelles":            {umzug.DropNavigation, umzug.DropBreadcrumb},
			"Johanna Feld":                      {umzug.DropAuthor, umzug.DropMeta},
			"Herunterladen":                     {umzug.DropUtility},
			"Verkehrswende":                     {umzug.DropTags},
			"2 Antworten auf":                   {umzug.DropComments},
			"Die Bahnhofstraße ist für Kinder":  {umzug.DropComments},
			"Schreibe einen Kommentar":          {umzug.DropComments},
			"Vorheriger Beitrag:":               {umzug.DropNavigation},
			"Neue Öffnungszeiten im Bürgerbüro": {umzug.DropNavigation, umzug.DropSidebar},
			"Sperrung am Lindenring ab Montag":  {umzug.DropSidebar},
			"Marktplatz 1":                      {umzug.DropFooter},
			"Wir verwenden Cookies":             {umzug.DropPopup, umzug.DropCookie},
		},
		check: func(t *testing.T, d umzug.Document) {
			if img := d.Blocks[0].Image; img == nil || !strings.HasSuffix(img.Src, "/radweg-bahnhofstrasse-1200x675.jpg") {
				t.Errorf("first block %+v; want the post's featured image", d.Blocks[0])
			}
			if tb := blockOf(d, umzug.BlockTable); tb.Table.Caption != "Geplante Bauabschnitte (Stand April 2024)" || len(tb.Table.Rows) != 4 {
				t.Errorf("table caption %q, %d rows; want the figcaption and 4 rows", tb.Table.Caption, len(tb.Table.Rows))
			}
			dl := blockOf(d, umzug.BlockDownloads)
			if f := dl.Downloads.Items; len(f) != 1 || f[0].Title != "Radverkehrskonzept 2030" || f[0].SizeText != "4,2 MB" || f[0].Format != "PDF" {
				t.Errorf("downloads %+v; want the one file of the file block", f)
			}
			noText(t, d, "Pressekontakt")
		},
	},
	{
		// twentytwentyone's single.php: article.post with entry-header
		// (title, post thumbnail with caption), entry-content,
		// entry-footer (posted on, by, categories and tags), then
		// #comments and the post navigation; the footer widgets in
		// aside.widget-area; Jetpack's related posts in the content.
		file: "wordpress-classic-post.html", url: "https://www.lsb-nordmark.example/2024/02/14/neue-foerderrichtlinie-vereinsheime/",
		kind: umzug.KindPage, title: "Neue Förderrichtlinie für Vereinsheime", published: "2024-02-14",
		categories: []string{"Presse"}, tags: []string{"Förderung", "Sportstätten"},
		blocks: []string{"image", "text", "heading", "text", "image", "text", "downloads"},
		sentences: []string{
			"Viele Vereinsheime stammen aus den 1970er-Jahren.",
			"Der Zuschuss beträgt bis zu 50 Prozent der förderfähigen Kosten, höchstens 80.000 Euro je Vorhaben.",
			"Wer kann Anträge stellen?",
			"Bewilligung abwarten und erst danach Aufträge vergeben",
			"Strom vom Tribünendach: der SV Grünwiese zeigt, wie es geht.",
			"weil die Bewilligung nach dem Eingang erfolgt.",
		},
		chrome: map[string][]string{
			"Zum Inhalt springen":                 {umzug.DropScreenOnly, umzug.DropOutside, umzug.DropNavigation},
			"Dachverband von 2.300 Sportvereinen": {umzug.DropHeader},
			"Startseite » Presse":                 {umzug.DropBreadcrumb, umzug.DropNavigation},
			"Herunterladen":                       {umzug.DropUtility},
			"Ähnliche Beiträge":                   {umzug.DropRelated},
			"Veröffentlicht am":                   {umzug.DropMeta},
			"Gilt die Förderung auch für":         {umzug.DropComments},
			"Deine E-Mail-Adresse":                {umzug.DropComments},
			"Kinderturn-Abzeichen jetzt digital":  {umzug.DropNavigation},
			"Mo–Do 8–16 Uhr":                      {umzug.DropSidebar},
			"Stolz präsentiert von":               {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			dl := blockOf(d, umzug.BlockDownloads)
			if f := dl.Downloads.Items; len(f) != 1 || f[0].Title != "Förderrichtlinie Vereinsheime 2024" || f[0].Format != "PDF" {
				t.Errorf("downloads %+v; want the one file of the file block", f)
			}
		},
	},
	{
		// A category archive of twentytwentyfour: the query title, the
		// term description, the post template's items (featured image,
		// title, date, excerpt with its more link), query pagination.
		file: "wordpress-archive.html", url: "https://www.lindenau.example/category/pressemitteilungen/",
		kind: umzug.KindPage, title: "Kategorie: Pressemitteilungen", published: "-",
		blocks: []string{"text", "teaser"},
		sentences: []string{
			"Hier veröffentlicht die Pressestelle der Stadt Lindenau ihre Mitteilungen an die Medien.",
			"Neue Öffnungszeiten im Bürgerbüro",
			"Ab Mai öffnet das Bürgerbüro am Donnerstag bis 19 Uhr.",
			"Sperrung am Lindenring ab Montag",
		},
		chrome: map[string][]string{
			"Leben in Lindenau": {umzug.DropHeader},
			"Weiterlesen":       {umzug.DropUtility},
			"Nächste Seite":     {umzug.DropNavigation, umzug.DropPagination},
			"Marktplatz 1":      {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			tz := blockOf(d, umzug.BlockTeaser)
			if len(tz.Teaser.Items) != 3 {
				t.Fatalf("want the 3 posts of the list as teasers, got %+v", tz.Teaser.Items)
			}
			if it := tz.Teaser.Items[1]; it.Date != "2024-04-17" || it.Link == nil || !strings.HasSuffix(it.Link.Href, "/radverkehrskonzept-2030-beschlossen/") {
				t.Errorf("second teaser = %+v", it)
			}
		},
	},
	{
		// Plone 6 Classic UI: main_template's header, global navigation,
		// breadcrumbs (path_bar), article#content with the byline
		// viewlet, description, newsitem view's image and text, the
		// keywords and document actions viewlets below the body,
		// related items and next/previous in its footer, a news portlet
		// and a static text portlet in #portal-column-two.
		file: "plone-newsitem.html", url: "https://www.lhw.example/aktuelles/2024/deich-meisdorf",
		kind: umzug.KindPressRelease, title: "Hochwasserschutz an der Selke: Deich bei Meisdorf fertig", published: "2024-05-06T09:12:44",
		publisher: "Landesbetrieb für Hochwasserschutz",
		lead:      "Nach zwei Jahren Bauzeit ist der neue Deich an der Selke bei Meisdorf fertig. Er schützt 240 Wohnhäuser vor einem hundertjährlichen Hochwasser.",
		contacts:  []umzug.Contact{{Name: "Dr. Frank Lübke", Role: "Pressesprecher", Phone: "0391 581-1234", Email: "presse@lhw.example"}},
		tags:      []string{"Selke", "Deichbau"},
		blocks:    []string{"image", "text", "heading", "text", "table", "text"},
		sentences: []string{
			"Nach zwei Jahren Bauzeit ist der neue Deich an der Selke bei Meisdorf fertig.",
			"Der neue Deich am Ortsrand von Meisdorf.",
			"zuletzt im Juni 2023.",
			"Was gebaut wurde",
			"120 Meter mobile Hochwasserschutzwand",
			"Schöpfwerke",
			"Der Deich gibt den Menschen im Unterdorf ihre Sicherheit zurück.",
			"Die Gemeinde übernimmt die Pflege der Grünflächen.",
			"Planfeststellungsbeschluss Deich Meisdorf",
			"Dr. Frank Lübke",
		},
		chrome: map[string][]string{
			"Anmelden":                           {umzug.DropHeader},
			"Gewässer":                           {umzug.DropNavigation},
			"Startseite Aktuelles 2024":          {umzug.DropNavigation, umzug.DropBreadcrumb},
			"Martina Hartung":                    {umzug.DropMeta},
			"Dokumentaktionen":                   {umzug.DropScreenOnly},
			"Drucken":                            {umzug.DropUtility},
			"Hochwasserschutzkonzept Selke":      {umzug.DropRelated, umzug.DropMeta},
			"Pegelmeldedienst jetzt mit App":     {umzug.DropSidebar, umzug.DropMeta},
			"Aktuelle Pegelstände und Warnungen": {umzug.DropSidebar},
			"Powered by Plone":                   {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			if d.Summary == "" || !strings.HasPrefix(d.Summary, "Nach zwei Jahren Bauzeit") {
				t.Errorf("summary = %q; want the description", d.Summary)
			}
			if img := blockOf(d, umzug.BlockImage).Image; img.Credit != "Foto: LHW / Jens Ulrich" {
				t.Errorf("image %+v; want its caption and credit", img)
			}
		},
	},
	{
		// Neos.Demo's page layout (header with menu and language menu,
		// breadcrumb, main.content.prose, footer with a content
		// collection) around a blog posting's intro and a content
		// collection of Neos.NodeTypes elements (text, headline, image
		// with caption).
		file: "neos-page.html", url: "https://www.birkenfelde.example/aktuelles/sanierung-stadtbibliothek",
		kind: umzug.KindPressRelease, title: "Sanierung der Stadtbibliothek beginnt", published: "2024-05-21",
		publisher: "Gemeinde Birkenfelde",
		contacts:  []umzug.Contact{{Name: "Frau Ute Kranz", Phone: "05541 7788-40", Email: "bauamt@birkenfelde.example"}},
		// The text element that holds only the link to the schedule's
		// PDF is a list of files: the release's attachment.
		attachments: []string{"Bauzeitenplan Stadtbibliothek | 180 KB"},
		blocks:      []string{"text", "text", "heading", "text", "image", "heading", "table", "text", "text"},
		sentences: []string{
			"Die Ausleihe zieht in das alte Postgebäude um.",
			"damit alle Etagen barrierefrei erreichbar sind.",
			"Ausleihe im alten Postgebäude",
			"Samstag 9 bis 12 Uhr",
			"Die Stadtbibliothek am Kirchplatz wurde 1971 eröffnet.",
			"Heizung und Lüftung",
			"aus dem Programm Lebendige Zentren.",
			"Wir freuen uns auf eine moderne Bibliothek",
			"05541 7788-40",
		},
		chrome: map[string][]string{
			"21.05.2024 - Lena Vogt": {umzug.DropMeta},
			"Leben & Freizeit":       {umzug.DropHeader},
			"Menü öffnen":            {umzug.DropHeader},
			"Start › Aktuelles":      {umzug.DropNavigation, umzug.DropBreadcrumb},
			"Datenschutz":            {umzug.DropFooter},
			"Rathausplatz 1":         {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			if img := blockOf(d, umzug.BlockImage).Image; img.Credit != "Foto: Gemeinde Birkenfelde" {
				t.Errorf("image %+v; want its caption and credit", img)
			}
		},
	},
}

func TestCMSFamilies(t *testing.T) {
	parser := html.NewParser()
	var files []string
	for _, prefix := range []string{"wordpress-", "plone-", "neos-"} {
		m, _ := filepath.Glob(filepath.Join("testdata", "families", prefix+"*.html"))
		files = append(files, m...)
	}
	if len(files) != len(cmsFamilyCases) {
		t.Errorf("%d WordPress, Plone and Neos pages in testdata/families, %d cases: every page needs its case", len(files), len(cmsFamilyCases))
	}
	runCatalogue(t, parser, "families", cmsFamilyCases, checkFields)
}
