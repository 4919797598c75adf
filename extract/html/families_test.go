package html_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// The pages under testdata/families are written from the templates of
// CMS families other than TYPO3 that German public-sector sites run:
// Drupal 10/11 (core theme Olivero, its node, field, block, breadcrumb
// and pager templates), Contao 4.13 (the .html5 templates: fe_page,
// mod_article, ce_*, news_full, mod_newsreader, mod_breadcrumb) and
// Contao 5 (the Twig content elements: content-text, content-headline),
// and Joomla 4/5 (Cassiopeia's index.php and card chrome, com_content's
// article and category blog layouts, mod_breadcrumbs, the pagenavigation
// plugin). docs/extraction.md names the template files. The text is
// invented. Each case states what a migration must get out of the page,
// as the TYPO3 catalogue does (typo3Case), and checks the rule a family
// needed.
var familyCases = []typo3Case{
	{
		// A press release node in Olivero: the image field with its
		// caption and credit in fields of their own after it (they were
		// two paragraphs beside a picture without caption), the file
		// field (a label and file links with a declared media type and
		// the size in a span after the link: a text of links before), a
		// press contact field and tags.
		file: "drupal-olivero-article.html", url: "https://www.umweltamt.example/presse/neue-messstellen-fuer-nitrat",
		kind: umzug.KindPressRelease, title: "Neue Messstellen für Nitrat im Grundwasser", published: "2024-03-12T10:15:00+01:00",
		publisher:   "Landesamt für Umwelt",
		contacts:    []umzug.Contact{{Name: "Jana Berger", Role: "Pressesprecherin", Phone: "0561 123-4567", Email: "presse@umweltamt.example"}},
		attachments: []string{"Messnetz Grundwasser 2024.pdf | 1.4 MB", "Nitratwerte 2023.xlsx | 86.2 KB"},
		tags:        []string{"Grundwasser", "Nitrat"},
		blocks:      []string{"text", "image", "text", "heading", "text", "image", "heading", "text", "heading", "table", "text"},
		sentences: []string{
			"Das Landesamt für Umwelt baut sein Messnetz für das Grundwasser aus",
			"Mit 38 zusätzlichen Messstellen verdichtet das Landesamt für Umwelt sein Netz",
			"Warum neue Messstellen nötig sind",
			"8 Messstellen an Standorten mit bislang fehlenden Daten",
			"Die Kosten von rund 2,1 Millionen Euro trägt das Land.",
		},
		chrome: map[string][]string{
			"Direkt zum Inhalt":                {umzug.DropScreenOnly},
			"Hauptnavigation":                  {umzug.DropHeader},
			"Pfadnavigation":                   {umzug.DropOutside, umzug.DropBreadcrumb, umzug.DropNavigation},
			"Von Pressestelle":                 {umzug.DropMeta},
			"Badegewässer: Messungen zum":      {umzug.DropSidebar, umzug.DropRelated},
			"Erhalten Sie unsere":              {umzug.DropSidebar, umzug.DropNewsletter},
			"Teilen:":                          {umzug.DropShare},
			"Erklärung zur Barrierefreiheit":   {umzug.DropFooter},
			"nur technisch notwendige Cookies": {umzug.DropPopup, umzug.DropCookie},
		},
		check: func(t *testing.T, d umzug.Document) {
			img := d.Blocks[1].Image
			if img == nil || img.Caption != "Bohrarbeiten für eine neue Messstelle bei Felsberg" || img.Credit != "Foto: Landesamt für Umwelt / Jana Berger" {
				t.Errorf("title image = %+v; want the caption and the credit of the fields under it", img)
			}
			for _, b := range d.Blocks {
				if b.Type == umzug.BlockText && strings.Contains(b.PlainText(), "Bohrarbeiten") {
					t.Errorf("the caption is a paragraph too: %q", b.PlainText())
				}
			}
			tb := blockOf(d, umzug.BlockTable)
			if tb.Table.Caption != "Ausbau des Messnetzes nach Regionen" || len(tb.Table.Rows) != 4 {
				t.Errorf("table = %+v", tb.Table)
			}
			noText(t, d, "Messnetz Grundwasser 2024.pdf")
		},
	},
	{
		file: "drupal-olivero-newslist.html", url: "https://www.umweltamt.example/presse",
		kind: umzug.KindPage, title: "Pressemitteilungen", published: "-",
		blocks: []string{"text", "teaser"},
		sentences: []string{
			"Aktuelle Pressemitteilungen des Landesamtes.",
			"Badegewässer: Messungen zum Saisonstart",
			"Die Grenzwerte wurden an allen Messstationen eingehalten.",
		},
		chrome: map[string][]string{
			"Seitennummerierung": {umzug.DropNavigation, umzug.DropPagination},
			"Impressum":          {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			tz := blockOf(d, umzug.BlockTeaser)
			if len(tz.Teaser.Items) != 3 || tz.Teaser.Items[1].Date[:10] != "2024-03-05" {
				t.Errorf("teasers = %+v", tz.Teaser.Items)
			}
		},
	},
	{
		// A short article (under 400 characters of prose) built of
		// paragraphs (the contrib module: text, image with a caption
		// field, documents with a title field over media documents).
		// Drupal wraps every page in "dialog-off-canvas-main-canvas":
		// the whole page went as a popup, nothing was kept. The
		// documents' title is the downloads block's header (it was
		// unconverted text).
		file: "drupal-paragraphs-short.html", url: "https://www.auenland.example/verkehr/radverkehrskonzept",
		kind: umzug.KindPage, title: "Radverkehrskonzept beschlossen", published: "2024-10-14T12:00:00+02:00",
		blocks: []string{"text", "heading", "text", "image", "downloads:Dokumente"},
		sentences: []string{
			"Bis 2030 sollen 85 Kilometer Radwege entstehen oder saniert werden.",
			"Schwerpunkt sind Verbindungen zwischen den Gemeinden und zu den Bahnhöfen.",
			"Radverkehrskonzept 2030",
		},
		chrome: map[string][]string{
			"Direkt zum Inhalt": {umzug.DropScreenOnly},
			"Hauptnavigation":   {umzug.DropHeader},
			"Pfadnavigation":    {umzug.DropOutside, umzug.DropBreadcrumb, umzug.DropNavigation},
			"Von Redaktion":     {umzug.DropMeta},
			"Datenschutz":       {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			if img := d.Blocks[3].Image; img == nil || img.Caption != "Der neue Radweg zwischen Ahlen und Borg" {
				t.Errorf("image = %+v", d.Blocks[3].Image)
			}
			if f := d.Blocks[4].Downloads.Items; len(f) != 1 || f[0].SizeText != "2.3 MB" || f[0].Format != "PDF" {
				t.Errorf("downloads = %+v", f)
			}
		},
	},
	{
		// Contao 4.13's news reader: the info line "<time> von
		// Pressestelle" (its byline was the release's first paragraph,
		// which kept the bold lead in the body), the download element
		// with Contao's download addresses (`?file=…`), a contact box.
		file: "contao-413-newsreader.html", url: "https://www.mlr.example/presse/detail/foerderprogramm-fuer-dorflaeden-verlaengert.html",
		kind: umzug.KindPressRelease, title: "Förderprogramm für Dorfläden verlängert", published: "2024-05-21T09:30:00+02:00",
		lead:        "Das Land fördert die Einrichtung und Modernisierung von Dorfläden zwei weitere Jahre. Für 2025 und 2026 stehen jeweils 3 Millionen Euro bereit.",
		contacts:    []umzug.Contact{{Name: "Ministerium für Ländliche Räume", Phone: "0711 126-2355", Email: "presse@mlr.example"}},
		attachments: []string{"Förderrichtlinie Dorfläden | 245,3 KiB", "Antragsformular | 58,1 KiB"},
		blocks:      []string{"text", "heading", "text", "image", "heading", "table"},
		sentences: []string{
			"Stuttgart. Dorfläden sichern in vielen Gemeinden die Nahversorgung.",
			"Lieferdienste für ältere Menschen",
			"Förderung in Zahlen",
		},
		chrome: map[string][]string{
			"von Pressestelle":        {umzug.DropMeta},
			"Navigation überspringen": {umzug.DropHeader},
			"Zurück":                  {umzug.DropUtility},
			"Breitbandausbau im":      {umzug.DropRelated},
			"jetzt abonnieren":        {umzug.DropSidebar},
			"verwendet Cookies":       {umzug.DropSidebar, umzug.DropCookie, umzug.DropPopup},
			"© 2024 Ministerium":      {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			for _, a := range d.PressRelease.Attachments {
				if !strings.HasSuffix(a.FileName, ".pdf") && !strings.HasSuffix(a.FileName, ".docx") {
					t.Errorf("attachment %q: file name %q; want the file of ?file=", a.Title, a.FileName)
				}
			}
			img := blockOf(d, umzug.BlockImage).Image
			if img.Caption != "Eröffnung des Dorfladens in Bärenbach im März." || img.Credit != "Foto: Ministerium/Tom Keller" {
				t.Errorf("image = %+v", img)
			}
		},
	},
	{
		// Contao 5's news reader: the news item's subheadline (news_full's
		// <h2> right after the <h1> and the info line) was the body's
		// first heading; Contao 5's content elements (content-text with
		// its rte, content-headline, content-gallery, content-downloads,
		// whose download component prints no size).
		file: "contao-5-newsreader.html", url: "https://www.lindenau.example/presse/neue-spielplaetze.html",
		kind: umzug.KindPressRelease, title: "Neue Spielplätze für drei Stadtteile", published: "2024-10-07T09:00:00+02:00",
		publisher:   "Stadt Lindenau",
		subtitle:    "Stadtrat gibt 1,2 Millionen Euro frei",
		contacts:    []umzug.Contact{{Name: "Anna Sommer", Phone: "03421 55-101", Email: "presse@lindenau.example"}},
		attachments: []string{"Beschlussvorlage 2024/118 | "},
		blocks:      []string{"text", "heading", "text", "gallery"},
		sentences: []string{
			"Der Stadtrat hat in seiner Sitzung am Donnerstag den Bau von drei neuen Spielplätzen beschlossen.",
			"Südstadt, Am Wasserturm",
			"Entwurf für den Mühlgraben",
		},
		chrome: map[string][]string{
			"von Redaktion":           {umzug.DropMeta},
			"Navigation überspringen": {umzug.DropHeader},
			"Zurück":                  {umzug.DropUtility},
			"Datenschutz":             {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			if g := blockOf(d, umzug.BlockGallery).Gallery; len(g.Items) != 2 || g.Items[0].Link == "" {
				t.Errorf("gallery = %+v", g)
			}
		},
	},
	{
		file: "contao-5-newslist.html", url: "https://www.lindenau.example/presse.html",
		kind: umzug.KindPage, title: "Pressemitteilungen", published: "-",
		blocks: []string{"text", "teaser"},
		sentences: []string{
			"Hier finden Sie die Pressemitteilungen der Stadtverwaltung Lindenau.",
			"Sanierung der Lindenbrücke beginnt",
			"80 Kinder finden in der neuen Einrichtung an der Ahornstraße Platz.",
		},
		chrome: map[string][]string{
			"Seite 1 von 12":   {umzug.DropNavigation, umzug.DropPagination},
			"Marktplatz 1":     {umzug.DropSidebar},
			"© Stadt Lindenau": {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			tz := blockOf(d, umzug.BlockTeaser)
			if len(tz.Teaser.Items) != 3 || tz.Teaser.Items[2].Date != "2024-09-02" || tz.Teaser.Items[0].Image == nil {
				t.Errorf("teasers = %+v", tz.Teaser.Items)
			}
		},
	},
	{
		// Joomla's article: Bootstrap's `p.lead` opens the body under
		// the full-text image (it stayed the body's first paragraph),
		// a list of the site's files under "Downloads" in the body (a
		// text list with its headline before), a contact box.
		file: "joomla-cassiopeia-article.html", url: "https://www.landkreis-mittelfeld.example/aktuelles/buergerbuero-oeffnet-kuenftig-auch-samstags",
		kind: umzug.KindPressRelease, title: "Bürgerbüro öffnet künftig auch samstags", published: "2024-06-03T11:00:00+02:00",
		lead:        "Ab dem 1. Juli können Bürgerinnen und Bürger ihre Anliegen im Bürgerbüro der Kreisverwaltung auch samstags von 9 bis 13 Uhr erledigen.",
		contacts:    []umzug.Contact{{Name: "Martin Vogel", Phone: "06031 83-1100", Email: "presse@landkreis-mittelfeld.example"}},
		attachments: []string{"Öffnungszeiten des Bürgerbüros | 120 KB", "Beschluss des Kreistags Nr. 17/2024 | 310 KB"},
		tags:        []string{"Bürgerservice", "Verwaltung"},
		categories:  []string{"Pressemitteilungen"},
		blocks:      []string{"image", "text", "heading", "text", "heading", "table", "text", "image"},
		sentences: []string{
			"Der Kreistag hat die längeren Öffnungszeiten in seiner Sitzung am 29. Mai beschlossen.",
			"Fahrzeuge an-, um- und abmelden",
			"Ohne Termin ist mit Wartezeiten zu rechnen.",
		},
		chrome: map[string][]string{
			"Gebärdensprache":              {umzug.DropHeader},
			"Aktuelle Seite:":              {umzug.DropNavigation, umzug.DropBreadcrumb},
			"Geschrieben von":              {umzug.DropMeta},
			"Zugriffe: 412":                {umzug.DropMeta},
			"Nächster Beitrag":             {umzug.DropNavigation, umzug.DropPagination},
			"Giftnotruf":                   {umzug.DropSidebar},
			"Kreishaus · Am Markt 1":       {umzug.DropFooter},
			"technisch notwendige Cookies": {umzug.DropPopup, umzug.DropCookie},
		},
		check: func(t *testing.T, d umzug.Document) {
			noText(t, d, "Downloads")
			noText(t, d, "Ab dem 1. Juli können")
		},
	},
	{
		// The category blog: the items' "Veröffentlicht: …" lines (left
		// out as meta) dated the list page with its first post's day.
		file: "joomla-cassiopeia-blog.html", url: "https://www.landkreis-mittelfeld.example/aktuelles",
		kind: umzug.KindPage, title: "Aktuelles", published: "-",
		blocks: []string{"text", "teaser"},
		sentences: []string{
			"Meldungen der Kreisverwaltung zu Terminen, Bauvorhaben und Angeboten",
			"Der Haushalt 2025 sieht Investitionen von 48 Millionen Euro vor.",
			"Zwischen Auenheim und Birkfeld entstehen 12 Kilometer neue Radwege.",
		},
		chrome: map[string][]string{
			"Weiterlesen: Neue Radwege": {umzug.DropRelated, umzug.DropUtility},
			"Seite 1 von 4":             {umzug.DropNavigation, umzug.DropPagination},
			"Bereitschaftsdienst":       {umzug.DropSidebar},
		},
		check: func(t *testing.T, d umzug.Document) {
			tz := blockOf(d, umzug.BlockTeaser)
			if len(tz.Teaser.Items) != 3 || tz.Teaser.Items[1].Date[:10] != "2024-05-29" {
				t.Errorf("teasers = %+v", tz.Teaser.Items)
			}
		},
	},
}

func TestFamiliesCatalogue(t *testing.T) {
	parser := html.NewParser()
	files, _ := filepath.Glob(filepath.Join("testdata", "families", "*.html"))
	if len(files) != len(familyCases)+len(cmsFamilyCases) {
		t.Errorf("%d pages in testdata/families, %d cases here and %d in families_cms_test.go: every page needs its case", len(files), len(familyCases), len(cmsFamilyCases))
	}
	runCatalogue(t, parser, "families", familyCases, checkFamilyFields)
}

// checkFamilyFields is checkFields for pages whose press releases may name
// no publisher (no og:site_name) and attach other formats than PDF.
func checkFamilyFields(t *testing.T, tc typo3Case, d umzug.Document) {
	t.Helper()
	if d.Kind != tc.kind {
		t.Errorf("kind = %q; want %q", d.Kind, tc.kind)
	}
	if d.Title != tc.title {
		t.Errorf("title = %q; want %q", d.Title, tc.title)
	}
	if tc.tags != nil && !slices.Equal(d.Tags, tc.tags) {
		t.Errorf("tags = %q; want %q", d.Tags, tc.tags)
	}
	if tc.categories != nil && !slices.Equal(d.Categories, tc.categories) {
		t.Errorf("categories = %q; want %q", d.Categories, tc.categories)
	}
	switch {
	case tc.published == "-" && d.Dates.Published != "":
		t.Errorf("published = %q; want none", d.Dates.Published)
	case tc.published != "-" && d.Dates.Published != tc.published:
		t.Errorf("published = %q; want %s", d.Dates.Published, tc.published)
	}
	pr := d.PressRelease
	if tc.kind != umzug.KindPressRelease {
		if pr != nil {
			t.Errorf("a page with press release fields %+v", pr)
		}
		return
	}
	if pr == nil {
		t.Fatal("no press release fields")
	}
	if name := ""; pr.Publisher != nil {
		if name = pr.Publisher.Name; name != tc.publisher {
			t.Errorf("publisher = %q; want %q", name, tc.publisher)
		}
	} else if tc.publisher != "" {
		t.Errorf("no publisher; want %q", tc.publisher)
	}
	if pr.Lead != tc.lead {
		t.Errorf("lead = %q; want %q", pr.Lead, tc.lead)
	}
	if pr.Subtitle != tc.subtitle {
		t.Errorf("subtitle = %q; want %q", pr.Subtitle, tc.subtitle)
	}
	if !slices.Equal(pr.Contacts, tc.contacts) {
		t.Errorf("contacts = %+v\nwant %+v", pr.Contacts, tc.contacts)
	}
	var att []string
	for _, a := range pr.Attachments {
		att = append(att, a.Title+" | "+a.SizeText)
		if a.SizeText != "" && a.Size == 0 || a.Format == "" {
			t.Errorf("attachment %+v: want size and format", a)
		}
	}
	if !slices.Equal(att, tc.attachments) {
		t.Errorf("attachments = %q; want %q", att, tc.attachments)
	}
}
