package html_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// The pages under testdata/typo3 are written from the templates of the
// TYPO3 extensions themselves (fluid_styled_content v8–v13,
// css_styled_content 6.2 and 8.7, bootstrap_package 8 to 14, georgringer/news),
// each wrapped in the chrome a site puts around them; docs/typo3-markup.md
// catalogues the markup and names the template files and commits. Each
// case states what a migration must get out of the page: its kind and
// fields, its blocks in order, every sentence of the content in a block or
// a field, and every piece of chrome dropped for the right reason.

// typo3Case is what one catalogue page must give.
type typo3Case struct {
	file, url string
	kind      umzug.Kind
	title     string
	published string // a prefix of Dates.Published; "-" for none

	// press release fields ("" for pages)
	publisher, number, subtitle, lead string
	contacts                          []umzug.Contact
	attachments                       []string // "title | sizeText"
	tags, categories                  []string // the page's taxonomy; nil: not checked

	blocks    []string            // block types in order, "type:header text" where the block has a header
	sentences []string            // content that must stand in a block or a field
	chrome    map[string][]string // chrome text -> the reasons it may be dropped for
	warnings  []string            // warning codes, in order
	check     func(t *testing.T, d umzug.Document)
}

var typo3Cases = []typo3Case{
	{
		file: "news-list-below-marker.html", url: "https://www.lug.example/presse/pressemitteilungen/",
		kind: umzug.KindPage, title: "Pressemitteilungen", published: "-",
		blocks: []string{"text", "teaser"},
		sentences: []string{
			"Journalistinnen und Journalisten erreichen die Pressestelle werktags von 8 bis 16 Uhr.",
			"Grundwasserstände im Frühjahr deutlich unter dem Mittel",
			"Besonders betroffen ist das Thüringer Becken.",
			"Neue Hochwassergefahrenkarten für die Werra veröffentlicht",
			"Sie sind ab sofort im Kartendienst abrufbar.",
			"Luftgüte 2023: Stickstoffdioxid auf niedrigstem Stand",
			"Der Feinstaub blieb auf dem Niveau des Vorjahres.",
		},
		chrome: map[string][]string{
			"Zum Hauptinhalt springen":             {umzug.DropOutside, umzug.DropNavigation, umzug.DropScreenOnly},
			"Suchbegriff":                          {umzug.DropHeader, umzug.DropSearch},
			"Über uns":                             {umzug.DropHeader, umzug.DropNavigation},
			"Pressemitteilung Nr. 041/2024":        {umzug.DropTags},
			"Grundwasser Monitoring":               {umzug.DropTags},
			"nächste":                              {umzug.DropPagination},
			"Abonnieren Sie unsere":                {umzug.DropSidebar, umzug.DropNewsletter},
			"Erklärung zur Barrierefreiheit":       {umzug.DropFooter},
			"© 2024 Landesamt für Umwelt und Geol": {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			tz := blockOf(d, umzug.BlockTeaser)
			if tz == nil || len(tz.Teaser.Items) != 3 {
				t.Fatalf("want a teaser block with the 3 news of the list, got %+v", tz)
			}
			if it := tz.Teaser.Items[0]; it.Date != "2024-05-14T10:00:00+02:00" || it.Link == nil || !strings.HasSuffix(it.Link.Href, "/grundwasserstaende-im-fruehjahr-deutlich-unter-dem-mittel") || it.Image == nil {
				t.Errorf("first teaser = %+v", it)
			}
		},
	},
	{
		// tx_news 9 renders every view as the "list" CType: the date menu
		// and the category list were kept as a text block and read as
		// the page's tags (every category of the site, with the counts
		// left out).
		file: "news-list-menus-v9.html", url: "https://www.mvb.example/presse/",
		kind: umzug.KindPage, title: "Pressemitteilungen", published: "-",
		tags: []string{}, categories: []string{},
		blocks: []string{"text", "teaser"},
		sentences: []string{
			"Die Pressestelle erreichen Sie werktags von 8 bis 16 Uhr.",
			"Land baut 120 Kilometer neue Radwege",
			"Jede fünfte Brücke muss in den nächsten Jahren saniert werden.",
		},
		chrome: map[string][]string{
			"Archiv":          {umzug.DropNavigation},
			"November 2026":   {umzug.DropNavigation},
			"(7 Einträge)":    {umzug.DropNavigation},
			"Themen":          {umzug.DropNavigation},
			"Digitales":       {umzug.DropNavigation},
			"Seite 1 von 4.":  {umzug.DropPagination, umzug.DropNavigation},
			"© 2026 Minister": {umzug.DropFooter},
		},
	},
	{
		// tx_news 11's plugins, one CType per view: the date menu and the
		// tag list were a text block and a tags field of the list page.
		file: "news-list-menus-plugins.html", url: "https://www.statistik.example/neuigkeiten/",
		kind: umzug.KindPage, title: "Neuigkeiten", published: "-",
		tags: []string{}, categories: []string{},
		blocks: []string{"teaser"},
		sentences: []string{
			"Bevölkerung wächst leicht",
			"Im September zählten die Betriebe 1,4 Millionen Übernachtungen.",
		},
		chrome: map[string][]string{
			"Nach Monat":    {umzug.DropNavigation},
			"(2 Einträge)":  {umzug.DropNavigation},
			"Schlagworte":   {umzug.DropNavigation},
			"Wanderungen":   {umzug.DropNavigation},
			"© 2026 Landes": {umzug.DropFooter},
		},
	},
	{
		file: "news-list-template-markers-only.html", url: "https://www.tls.example/presse/",
		kind: umzug.KindPage, title: "Pressemitteilungen", published: "-",
		blocks: []string{"text", "teaser"},
		sentences: []string{
			"Die Daten stehen zusätzlich in der Datenbank zum Abruf bereit.",
			"Der Zuwachs geht allein auf Zuzüge aus dem Ausland zurück.",
			"Die Zahl der Beschäftigten stieg um 1,4 Prozent.",
			"Im Februar genehmigten die Bauämter 212 neue Wohngebäude, ein Viertel weniger als im Februar 2023.",
		},
		chrome: map[string][]string{
			"Suchbegriff":                    {umzug.DropHeader, umzug.DropSearch},
			"Bevölkerung Wanderung":          {umzug.DropTags},
			"nächste":                        {umzug.DropPagination},
			"Abonnieren Sie unsere":          {umzug.DropSidebar, umzug.DropNewsletter},
			"Erklärung zur Barrierefreiheit": {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			if tz := blockOf(d, umzug.BlockTeaser); tz == nil || len(tz.Teaser.Items) != 3 {
				t.Errorf("want a teaser block with the 3 news of the list, got %+v", tz)
			}
		},
	},
	{
		file: "news-detail-contact-box.html", url: "https://www.mil.example/presse/pressemitteilungen/detail/ladepunkte-landesliegenschaften/",
		kind: umzug.KindPressRelease, title: "Land fördert 120 neue Ladepunkte an Landesliegenschaften", published: "2024-03-12",
		publisher: "Ministerium für Infrastruktur und Landwirtschaft", number: "Pressemitteilung Nr. 058/2024",
		lead:        "Das Land stattet bis Ende 2025 insgesamt 47 Dienststellen mit Ladesäulen aus. Dafür stehen 2,4 Millionen Euro aus dem Klimaschutzprogramm bereit.",
		contacts:    []umzug.Contact{{Name: "Katrin Sommer", Role: "Pressesprecherin", Phone: "0361 57 311 00", Email: "presse@mil.thueringen.example"}},
		attachments: []string{"Standorte der Ladepunkte | 245 KB", "Förderrichtlinie Laden | 1.2 MB"},
		tags:        []string{"Elektromobilität", "Klimaschutz"},
		blocks:      []string{"image", "text", "image", "text"},
		sentences: []string{
			"Geladen werden sollen zunächst die Dienstfahrzeuge, später auch die Fahrzeuge von Beschäftigten und Gästen.",
			"Die ersten 30 Ladepunkte gehen noch im Sommer in Betrieb.",
			"Eine Übersicht aller Standorte enthält die Anlage.",
			"Ende 2025: die übrigen 30 Ladepunkte",
			"Eine der ersten Ladesäulen steht seit Februar vor dem Landesverwaltungsamt.",
			"Standorte der Ladepunkte",
		},
		chrome: map[string][]string{
			"Gebärdensprache":                   {umzug.DropHeader},
			"Sie sind hier:":                    {umzug.DropBreadcrumb},
			"Zurück":                            {umzug.DropUtility},
			"Verwandte Nachrichten":             {umzug.DropRelated},
			"Dienstwagenflotte wird elektrisch": {umzug.DropRelated},
			"Werner-Seelenbinder-Straße 8":      {umzug.DropSidebar},
			"Alle Ansprechpartner":              {umzug.DropSidebar},
			"© Ministerium für Infrastruktur":   {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			// The image standing alone in a paragraph of the body text.
			img := d.Blocks[2].Image
			if img == nil || !strings.HasSuffix(img.Src, "/karte-standorte.png") || img.Alt != "Karte der 47 Standorte mit geplanten Ladepunkten" {
				t.Errorf("inline image = %+v", img)
			}
			if lead := d.Blocks[0].Image; lead == nil || lead.Credit != "Foto: TMIL/Schmidt" {
				t.Errorf("lead image = %+v; want its caption's credit split off", lead)
			}
			if pr := d.PressRelease; pr.Dateline != "Erfurt" {
				t.Errorf("dateline = %q", pr.Dateline)
			}
			noText(t, d, "Katrin Sommer") // in the contacts, not repeated in the body
		},
	},
	{
		// The related news come first in the related box, under a headline
		// that names related content: the box's files and links are still
		// the release's attachments and related links.
		file: "news-detail-related-wrap.html", url: "https://www.mue.example/presse/pressemitteilungen/detail/moorschutzprogramm/",
		kind: umzug.KindPressRelease, title: "Neues Moorschutzprogramm beschlossen", published: "2026-11-24",
		publisher:   "Ministerium für Umwelt und Energie",
		lead:        "Das Land will bis 2035 ein Viertel seiner entwässerten Moore wieder vernässen.",
		attachments: []string{"Moorschutzprogramm (PDF) | 312 KB"},
		blocks:      []string{"text"},
		sentences: []string{
			"Anträge nimmt die Landesanstalt für Landwirtschaft ab Januar entgegen.",
			"Moorschutzprogramm (PDF)",
		},
		chrome: map[string][]string{
			"Zum Hauptinhalt springen":         {umzug.DropOutside, umzug.DropNavigation, umzug.DropScreenOnly},
			"Zurück":                           {umzug.DropUtility},
			"Ähnliche Meldungen":               {umzug.DropRelated},
			"Kommunale Wärmeplanung gestartet": {umzug.DropRelated},
			"© 2026 Ministerium":               {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			if r := d.PressRelease.Related; len(r) != 1 || r[0].Text != "Moorschutz im Land" || !strings.HasSuffix(r[0].Href, "/themen/naturschutz/moore/") {
				t.Errorf("related links = %+v; want the record's one related link", r)
			}
		},
	},
	{
		// A site package's own detail template prints the related news and
		// the related links as plain news-related boxes, each under an h3:
		// the dated box is the related news, the other the release's
		// related links, its headline with it; a dated item among the
		// links is related news, a box nested in another is read once.
		file: "news-detail-plain-related.html", url: "https://www.mue.example/presse/pressemitteilungen/detail/moorschutzprogramm/",
		kind: umzug.KindPressRelease, title: "Neues Moorschutzprogramm beschlossen", published: "2026-11-24",
		publisher: "Ministerium für Umwelt und Energie",
		lead:      "Das Land will bis 2035 ein Viertel seiner entwässerten Moore wieder vernässen.",
		blocks:    []string{"text"},
		sentences: []string{"Anträge nimmt die Landesanstalt für Landwirtschaft ab Januar entgegen."},
		chrome: map[string][]string{
			"Ähnliche Meldungen":               {umzug.DropRelated},
			"Kommunale Wärmeplanung gestartet": {umzug.DropRelated},
			"Moorkataster veröffentlicht":      {umzug.DropRelated},
			"© 2026 Ministerium":               {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			var got []string
			for _, r := range d.PressRelease.Related {
				got = append(got, r.Text)
			}
			if want := []string{"Das Moorschutzprogramm im Wortlaut", "Kurzfilm zum Programm (3 Min)", "Moorschutz im Land"}; !slices.Equal(got, want) {
				t.Errorf("related links = %q; want %q", got, want)
			}
			for _, dr := range d.Provenance.Accounting.Dropped {
				if dr.Reason == umzug.DropUnconverted {
					t.Errorf("unconverted: %+v", dr)
				}
			}
		},
	},
	{
		// Each of the checks below failed before the fix it names.
		file: "news-detail-media-video.html", url: "https://www.mjv.example/presse/detail/fake-shops/",
		kind: umzug.KindPressRelease, title: "Vorsicht vor Fake-Shops im Weihnachtsgeschäft",
		// The machine date with its time: a footer of the date and
		// category links alone was taken whole as taxonomy, and the date
		// came from the printed day without the time.
		published:  "2026-11-26T09:00:00+01:00",
		publisher:  "Ministerium für Justiz und Verbraucherschutz",
		lead:       "Die Verbraucherzentrale warnt vor gefälschten Online-Shops mit Lockpreisen.",
		categories: []string{"Verbraucherschutz"},
		// The record's text element headed "Pressekontakt" (its header
		// read into the block) was an info box; the e-mail address behind
		// the spam-protected link was lost.
		contacts: []umzug.Contact{{Name: "Lena Hartung", Role: "Pressesprecherin", Phone: "0611 32-2410", Email: "presse@mjv.example"}},
		// The video of the record's media was lost, its caption dropped
		// as unconverted.
		blocks: []string{"image", "video", "text"},
		sentences: []string{
			"Lockangebote zum Weihnachtsgeschäft.",
			"Video: So erkennen Sie einen Fake-Shop in drei Schritten",
			"Der Fakeshop-Finder der Verbraucherzentrale prüft eine Adresse in wenigen Sekunden.",
		},
		chrome: map[string][]string{
			"Zum Hauptinhalt springen": {umzug.DropOutside, umzug.DropNavigation, umzug.DropScreenOnly},
			"Zurück":                   {umzug.DropUtility},
			"© 2026 Ministerium":       {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			v := blockOf(d, umzug.BlockVideo)
			if v == nil || v.Video.Provider != "youtube" || !strings.Contains(v.Video.Src, "youtube-nocookie.com/embed/Kq3xPz7LmQo") ||
				v.Video.Caption != "Video: So erkennen Sie einen Fake-Shop in drei Schritten" {
				t.Errorf("video = %+v; want the record's YouTube video with its caption", v)
			}
			// The spam-protected link keeps its address (it had none).
			var hrefs []string
			for _, b := range d.Blocks {
				if b.Text != nil {
					for _, pb := range b.Text.Body {
						for _, m := range pb.MarkDefs {
							hrefs = append(hrefs, m.Href)
						}
					}
				}
			}
			if !slices.Contains(hrefs, "mailto:beschwerde@vz-musterland.example") {
				t.Errorf("links = %q; want the decoded mailto: address", hrefs)
			}
		},
	},
	{
		file: "news-detail-kicker-vcard.html", url: "https://www.tmwwdg.example/medien/medieninformationen/meisterbonus/",
		kind: umzug.KindPressRelease, title: "Meisterbonus wird auf 5.000 Euro erhöht", published: "2024-02-21",
		publisher: "Ministerium für Wirtschaft, Wissenschaft und Digitale Gesellschaft", number: "Medieninformation 17/2024",
		lead: "Wer seine Meisterprüfung im Land besteht, erhält ab 1. April einen Bonus von 5.000 Euro. Bisher waren es 1.500 Euro.",
		contacts: []umzug.Contact{
			{Name: "Dr. Jonas Richter", Role: "Pressesprecher", Phone: "0361 57 3711 010", Fax: "0361 57 3711 099", Email: "jonas.richter@tmwwdg.example"},
			{Name: "Miriam Lehmann", Role: "stellvertretende Pressesprecherin", Phone: "0361 57 3711 012", Email: "miriam.lehmann@tmwwdg.example"},
		},
		blocks: []string{"image", "text", "downloads:Downloads"},
		sentences: []string{
			"Der Bonus wird nach Vorlage des Meisterbriefs ausgezahlt und muss nicht zurückgezahlt werden.",
			"Für den höheren Bonus stellt das Land jährlich rund 6,2 Millionen Euro bereit.",
			"Anträge nimmt die Aufbaubank ab 1. April entgegen; das Formular steht auf ihrer Internetseite bereit.",
			"Richtlinie Meisterbonus",
			"Fassung vom 20. Februar 2024",
		},
		chrome: map[string][]string{
			"Direkt zur Navigation": {umzug.DropNavigation},
			"English":               {umzug.DropHeader},
			"Reden":                 {umzug.DropNavigation, umzug.DropOutside},
			"Zurück zur Übersicht":  {umzug.DropUtility},
			"Max-Reger-Straße 4–8":  {umzug.DropFooter},
			"Impressum":             {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			if img := d.Blocks[0].Image; img == nil || !strings.HasSuffix(img.Src, "/csm_meisterbrief_5d2a1b.jpg") {
				t.Errorf("the image floating in the first paragraph = %+v", img)
			}
			if dl := d.Blocks[2].Downloads; dl == nil || len(dl.Items) != 1 || dl.Items[0].Size != 312*1024 || dl.Items[0].Format != "PDF" {
				t.Errorf("downloads = %+v", dl)
			}
			if pr := d.PressRelease; pr.Kicker != "" {
				t.Errorf("kicker = %q; the kicker line only carried the number", pr.Kicker)
			}
		},
	},
	{
		file: "news-detail-headed-contact.html", url: "https://www.mlr.example/presse/pressemitteilungen/detail/dorflaeden/",
		kind: umzug.KindPressRelease, title: "Neue Förderrunde für Dorfläden startet", published: "2023-09-05",
		publisher: "Ministerium für Ländlichen Raum", number: "Pressemitteilung 133/2023",
		lead:        "Gemeinden und Genossenschaften können ab sofort wieder Zuschüsse für Dorfläden beantragen. Das Land stellt dafür 1,5 Millionen Euro bereit.",
		contacts:    []umzug.Contact{{Name: "Jana Vogt", Role: "Pressereferentin", Phone: "0361 57 4100 105", Email: "presse@mlr.thueringen.example"}},
		attachments: []string{"Förderaufruf Dorfläden 2023 | "},
		blocks:      []string{"text"},
		sentences: []string{
			"Ein Laden kann bis zu 80.000 Euro erhalten.",
			"Die meisten werden von Genossenschaften der Bürgerinnen und Bürger betrieben.",
		},
		chrome: map[string][]string{
			"Landwirtschaft":         {umzug.DropHeader, umzug.DropNavigation},
			"Termine der Ministerin": {umzug.DropSidebar},
			"© 2023 Ministerium":     {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			noText(t, d, "Pressekontakt") // the headline and its lines went into the contacts
			noText(t, d, "0361 57 4100 105")
			if r := d.PressRelease.Related; len(r) != 1 || r[0].Text != "Netzwerk der Dorfläden" {
				t.Errorf("related links = %+v", r)
			}
		},
	},
	{
		file: "press-fsc-meta-brlines.html", url: "https://www.stk.example/presse/medieninformationen/aktionsplan-barrierefreiheit/",
		kind: umzug.KindPressRelease, title: "Landesregierung beschließt Aktionsplan Barrierefreiheit", published: "2024-06-18",
		publisher: "Staatskanzlei", number: "Medieninformation Nr. 112/2024", subtitle: "Neue Maßnahmen in allen Ressorts bis 2027",
		lead:     "Das Kabinett hat heute den Aktionsplan Barrierefreiheit 2024–2027 beschlossen. Er enthält 86 Maßnahmen, mit denen die Ressorts Hürden für Menschen mit Behinderungen abbauen.",
		contacts: []umzug.Contact{{Name: "Stefan Brandt", Role: "Regierungssprecher", Phone: "0361 57 3211 001", Email: "presse@stk.thueringen.example"}},
		blocks:   []string{"text", "downloads:Dokumente"},
		sentences: []string{
			"Für die Umsetzung stehen in den kommenden vier Jahren 14 Millionen Euro bereit.",
			"Er wird jährlich überprüft; der erste Bericht folgt im Sommer 2025.",
			"Aktionsplan Barrierefreiheit 2024–2027",
		},
		chrome: map[string][]string{
			"Inhaltsübersicht":        {umzug.DropHeader},
			"Sie befinden sich hier:": {umzug.DropBreadcrumb},
			"Mediathek":               {umzug.DropOutside, umzug.DropNavigation},
			"Regierungsstraße 73":     {umzug.DropOutside, umzug.DropFooter},
			"Nach oben":               {umzug.DropOutside, umzug.DropFooter, umzug.DropUtility},
		},
		check: func(t *testing.T, d umzug.Document) {
			if dl := d.Blocks[1].Downloads; dl == nil || len(dl.Items) != 1 || dl.Items[0].SizeText != "2 MB" {
				t.Errorf("downloads = %+v", dl)
			}
			noText(t, d, "Medieninformation Nr. 112/2024") // the meta line is the number field
			noText(t, d, "Stefan Brandt")
		},
	},
	{
		file: "fsc-v13-elements.html", url: "https://www.lva.example/foerderung/dorfentwicklung/",
		kind: umzug.KindPage, title: "Förderprogramm Dorfentwicklung", published: "-",
		blocks: []string{"text_media:Worum es geht", "heading", "text", "text:Begriffe", "table:Fördersätze", "gallery", "divider",
			"downloads:Formulare und Richtlinie", "link_list:Weitere Förderprogramme", "link_list:Auf dieser Seite", "text:Beratung", "text:Fristen"},
		sentences: []string{
			"Gefördert werden Umbauten leer stehender Gebäude, Dorfplätze und Treffpunkte.",
			"Der Dorfplatz in Kleinrudestedt wurde 2022 mit Mitteln des Programms neu gestaltet.",
			"Gefördert werden",
			"Dorfgemeinschaftshäuser und Mehrgenerationentreffs",
			"Der im Zusammenhang bebaute Teil einer Gemeinde mit ihren zentralen Einrichtungen.",
			"Zuschuss nach Antragsteller",
			"Private Eigentümer",
			"Nachher: Dorfgemeinschaftshaus",
			"Gültig ab 1. Januar 2024",
			"Zuschüsse für den Anschluss abgelegener Ortsteile an das Glasfasernetz.",
			"Die Ämter für Landentwicklung beraten Antragsteller kostenlos, bevor sie einen Antrag stellen.",
			"Später eingehende Anträge werden im folgenden Jahr berücksichtigt.",
		},
		chrome: map[string][]string{
			"Bürgerservice":               {umzug.DropNavigation},
			"Startseite ›":                {umzug.DropNavigation, umzug.DropBreadcrumb},
			"Referat 320":                 {umzug.DropSidebar},
			"© Landesverwaltungsamt 2024": {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			tm := d.Blocks[0].TextMedia
			if tm == nil || len(tm.Media) != 1 || tm.Media[0].Credit != "Foto: Landesverwaltungsamt" || tm.Position != "right" {
				t.Errorf("text with media = %+v", tm)
			}
			if g := d.Blocks[5].Gallery; g == nil || len(g.Items) != 3 || g.Columns != 3 {
				t.Errorf("gallery = %+v", g)
			}
			if dl := d.Blocks[7].Downloads; dl == nil || len(dl.Items) != 2 || dl.Items[0].Size != 420*1024 || dl.Items[0].Description != "Gültig ab 1. Januar 2024" {
				t.Errorf("downloads = %+v", dl)
			}
			if ll := d.Blocks[8].LinkList; ll == nil || len(ll.Items) != 2 || ll.Items[0].Description == "" {
				t.Errorf("menu with abstracts = %+v", ll)
			}
			if h := d.Blocks[11].Header; h == nil || h.Date != "2024-01-15" {
				t.Errorf("header with date = %+v", h)
			}
			if src := d.Blocks[10].Source; src == nil || src.TYPO3UID != 57 {
				t.Errorf("the shortcut's element = %+v", src)
			}
		},
	},
	{
		file: "fsc-v8-media-embeds.html", url: "https://www.nationalpark.example/besuch/besucherzentrum/",
		kind: umzug.KindPage, title: "Besucherzentrum am Baumkronenpfad", published: "-",
		blocks: []string{"video", "text", "video:Der Wald im Jahreslauf", "text", "video", "html", "html", "html",
			"info_box:Hinweis", "info_box", "text", "table", "html"},
		sentences: []string{
			"Ein Rundgang durch die neue Ausstellung (3:42 Minuten)",
			"Der Eintritt in die Ausstellung ist frei.",
			"Der Zeitrafferfilm entstand über zwölf Monate an derselben Stelle im Weberstedter Holz.",
			"Eine Wildkatze in der Fotofalle",
			"Größere Karte anzeigen",
			"Führung buchen",
			"Das Besucherzentrum bleibt geöffnet.",
			"Achtung Zecken",
			"Rollstühle können am Empfang kostenlos ausgeliehen werden.",
			"10 bis 16 Uhr",
		},
		chrome: map[string][]string{
			"Öffnungszeiten":            {umzug.DropOutside, umzug.DropHeader, umzug.DropNavigation},
			"Natur erleben":             {umzug.DropNavigation},
			"Alle Termine im Überblick": {umzug.DropOutside, umzug.DropSidebar, umzug.DropRelated},
			"Bei der Marktkirche 9":     {umzug.DropOutside, umzug.DropFooter},
		},
		warnings: []string{"embedded-content", "embedded-content", "embedded-content", "embedded-content"},
		check: func(t *testing.T, d umzug.Document) {
			for i, want := range map[int]string{0: "youtube", 2: "vimeo", 4: "file"} {
				if v := d.Blocks[i].Video; v == nil || v.Provider != want {
					t.Errorf("block %d video = %+v; want provider %s", i, v, want)
				}
			}
			if v := d.Blocks[0].Video; v.Caption != "Ein Rundgang durch die neue Ausstellung (3:42 Minuten)" || v.Title != "Rundgang durch das Besucherzentrum" {
				t.Errorf("video = %+v", v)
			}
			noText(t, d, "(3:42 Minuten)", 1) // the caption once, in the video
			for i, host := range map[int]string{5: "www.openstreetmap.org", 6: "booking.nationalpark-tickets.example", 7: "formulare.land.example", 12: "widget.wetter.example"} {
				if h := d.Blocks[i].HTML; h == nil || !strings.Contains(h.HTML, host) {
					t.Errorf("block %d = %+v; want the embed of %s kept as html", i, d.Blocks[i], host)
				}
				if !strings.Contains(d.Warnings[warningIndex(d, i)].Message, host) {
					t.Errorf("warning for block %d does not name %s: %v", i, host, d.Warnings)
				}
			}
			if ib := d.Blocks[8].InfoBox; ib.Variant != "green" {
				t.Errorf("frame-infobox-green: variant %q", ib.Variant)
			}
		},
	},
	{
		// The marked elements straight in the body: the main content was
		// the text elements alone (their prose outweighed the rest), the
		// table, list and file list dropped as outside-main.
		file: "fsc-print-view-body.html", url: "https://www.lfu.example/hochwasser/?type=98",
		kind: umzug.KindPage, title: "Hochwasserschutz", published: "-",
		blocks: []string{"text", "table:Meldestufen", "text:Was Sie tun können", "downloads"},
		sentences: []string{
			"Das Landesamt betreibt 34 Pegel an Rhein, Mosel und Nahe.",
			"Pegel Mainz",
			"Heizöltanks sichern",
			"Hochwasserfibel",
		},
		chrome: map[string][]string{
			"Gedruckt von": {umzug.DropFooter, umzug.DropOutside},
		},
	},
	{
		// tt_news 3.x, the news extension of TYPO3 4.x sites: the single
		// view's meta box, subheader, image with its click-enlarge link and
		// the additional-info lists of related news, files and links.
		file: "ttnews-v3-single-csc45.html", url: "https://www.lag.example/index.php?id=41&tx_ttnews%5Btt_news%5D=91&cHash=0a1b2c3d4e",
		kind: umzug.KindPressRelease, title: "Hochwasserschutz an der Unstrut kommt voran", published: "2015-06-03",
		publisher: "Landesamt für Gewässerkunde", number: "Pressemitteilung Nr. 27/2015",
		lead:        "Der neue Deich bei Roßleben schützt ab Herbst 1.200 Einwohner vor einem hundertjährlichen Hochwasser.",
		contacts:    []umzug.Contact{{Name: "Henrike Sallmann", Role: "Pressesprecherin", Phone: "0361 3789-440", Email: "presse@lag.example"}},
		attachments: []string{"pm_27_2015.pdf | 312 K", "lageplan_deich.pdf | 1.4 M"},
		categories:  []string{"Pressemitteilungen"},
		blocks:      []string{"image", "text"},
		sentences: []string{
			"Bauarbeiten am neuen Deich bei Roßleben im Mai 2015.",
			"Die Arbeiten am neuen Hochwasserdeich an der Unstrut liegen im Zeitplan.",
			"Zwei Drittel davon trägt die Europäische Union.",
		},
		chrome: map[string][]string{
			"Deichschau an der Helme abgeschlossen": {umzug.DropRelated},
			"Zurück zu: Pressemitteilungen":         {umzug.DropUtility},
			"Sie sind hier:":                        {umzug.DropOutside, umzug.DropBreadcrumb},
			"Hochwassermeldedienst":                 {umzug.DropOutside, umzug.DropSidebar},
			"© 2015 Landesamt für Gewässerkunde":    {umzug.DropOutside, umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			noText(t, d, "Kategorie")
			noText(t, d, "Hochwasserschutz an der Unstrut kommt voran") // the title is no block
			noText(t, d, "1.200 Einwohner")                             // the subheader is the lead
			noText(t, d, "Henrike Sallmann")
			if r := d.PressRelease.Related; len(r) != 1 || r[0].Text != "Hochwasserportal Unstrut" {
				t.Errorf("related links = %+v", r)
			}
			im := d.Blocks[0].Image
			if im == nil || im.Credit != "Foto: LAG/Sabine Trommer" || im.Link != "https://www.lag.example/uploads/pics/deich_rossleben.jpg" {
				t.Errorf("image = %+v", im)
			}
			// The typo3temp rendering's original is the file the
			// click-enlarge script shows.
			if len(d.Assets) == 0 || d.Assets[0].Original != "https://www.lag.example/uploads/pics/deich_rossleben.jpg" || d.Assets[0].FileName != "deich_rossleben.jpg" {
				t.Errorf("assets = %+v", d.Assets)
			}
		},
	},
	{
		// tt_news 3.x lists on a start page: the latest news and the
		// list with its page browser, each item with its date.
		file: "ttnews-v3-list-latest.html", url: "https://www.lag.example/",
		kind: umzug.KindPage, title: "Willkommen beim Landesamt für Gewässerkunde", published: "-",
		blocks: []string{"text", "teaser:Aktuelle Meldungen", "teaser:Alle Pressemitteilungen"},
		sentences: []string{
			"Das Landesamt beobachtet Flüsse, Seen und das Grundwasser und warnt vor Hochwasser.",
			"Deichschau an der Helme abgeschlossen",
			"Die Station misst den Wasserstand der Unstrut alle fünf Minuten.",
			"Grundwasserbericht 2014 erschienen",
		},
		chrome: map[string][]string{
			"Seite 2":                    {umzug.DropPagination},
			"Einträge":                   {umzug.DropPagination},
			"Kategorien":                 {umzug.DropOutside, umzug.DropNavigation, umzug.DropTags},
			"Flüsse und Seen":            {umzug.DropOutside, umzug.DropNavigation},
			"© 2015 Landesamt für Gewäs": {umzug.DropOutside, umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			noText(t, d, "Kat.:")
			latest, list := d.Blocks[1].Teaser, d.Blocks[2].Teaser
			for _, it := range list.Items {
				if len(it.Body) != 1 || strings.Contains(it.Body[0].PlainText(), "[mehr]") || it.Link == nil || it.Link.Text != "[mehr]" {
					t.Errorf("news list item %q: body %+v, link %+v; want the more link as the item's link only", it.Title, it.Body, it.Link)
				}
			}
			if len(latest.Items) != 2 || latest.Items[0].Date != "2015-06-03T11:30:00+02:00" || latest.Items[0].Title != "Hochwasserschutz an der Unstrut kommt voran" {
				t.Errorf("latest news = %+v", latest.Items)
			}
			if len(list.Items) != 2 || list.Items[1].Date != "2015-04-02" || list.Items[1].Link == nil {
				t.Errorf("news list = %+v", list.Items)
			}
		},
	},
	{
		file: "csc-v62-elements.html", url: "https://www.lab.example/foerderung/schulbau/",
		kind: umzug.KindPage, title: "Schulbauförderung", published: "-",
		blocks: []string{"text", "text_media:Was gefördert wird", "table:Fördersätze", "info_box:Wichtig", "downloads:Antragsunterlagen",
			"link_list:Weitere Programme", "info_box", "text"},
		sentences: []string{
			"Im Jahr 2016 stehen dafür 48 Millionen Euro zur Verfügung.",
			"Die Turnhalle der Regelschule Ilmenau nach der Sanierung.",
			"Ausstattung und Möbel werden nur im Zusammenhang mit einer Baumaßnahme gefördert.",
			"überdurchschnittlich",
			"Mit der Baumaßnahme darf erst nach Erhalt des Zuwendungsbescheids begonnen werden.",
			"Hinweise zum Verfahren",
			"Digitalpakt Schule",
			"Beratung: dienstags 9 bis 12 Uhr, Raum 2.14",
			"Stand: Januar 2016",
		},
		chrome: map[string][]string{
			"Lehrkräfte":                   {umzug.DropNavigation},
			"Sie sind hier: Start":         {umzug.DropOutside, umzug.DropBreadcrumb},
			"Referat 23":                   {umzug.DropOutside, umzug.DropSidebar},
			"Nach oben":                    {umzug.DropUtility},
			"© 2016 Landesamt für Bildung": {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			dl := d.Blocks[4].Downloads
			if dl == nil || len(dl.Items) != 2 || dl.Items[0].SizeText != "96 K" || dl.Items[1].Size != 1468006 {
				t.Errorf("css_styled_content file list = %+v", dl)
			}
			if tm := d.Blocks[1].TextMedia; tm == nil || tm.Position != "intext-right" || tm.Media[0].Credit != "Foto: Stadt Ilmenau" {
				t.Errorf("textpic = %+v", tm)
			}
			if ib := d.Blocks[3].InfoBox; ib.Variant != "frame1" {
				t.Errorf("csc-frame-frame1: variant %q", ib.Variant)
			}
		},
	},
	{
		file: "csc-v87-elements.html", url: "https://www.beispielkreis.example/buergerservice/ordnung/jagd/jagdschein/",
		kind: umzug.KindPage, title: "Jagdschein beantragen", published: "-",
		blocks: []string{"text", "text:Voraussetzungen", "text", "downloads:Formulare", "link_list:Verwandte Leistungen", "divider", "text"},
		sentences: []string{
			"Sie brauchen ihn, um die Jagd auszuüben, auch als Gast in einem fremden Revier.",
			"Jagdhaftpflichtversicherung",
			"Für Jugendliche unter 18 Jahren gibt es einen Jugendjagdschein, der nur in Begleitung gilt.",
			"Antrag auf Erteilung eines Jagdscheins",
			"Erlaubnis zum Erwerb und Besitz von Schusswaffen",
			"Die Gebühr für einen Dreijahresjagdschein beträgt 75 Euro.",
		},
		chrome: map[string][]string{
			"Kreistag":           {umzug.DropOutside, umzug.DropNavigation},
			"Jagd und Fischerei": {umzug.DropOutside, umzug.DropNavigation},
			"Kreisstraße 1":      {umzug.DropOutside, umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			if ll := d.Blocks[4].LinkList; ll == nil || len(ll.Items) != 2 || ll.Items[1].Description != "Berechtigung zum Angeln in öffentlichen Gewässern" {
				t.Errorf("menu with abstracts (dl) = %+v", ll)
			}
			if src := d.Blocks[5].Source; src == nil || src.TYPO3UID != 93 {
				t.Errorf("divider without id, known by its comment: %+v", src)
			}
		},
	},
	{
		file: "bootstrap-package-v14.html", url: "https://www.lff.example/karriere/ausbildung/",
		kind: umzug.KindPage, title: "Ausbildung im Landesdienst", published: "-",
		blocks: []string{"heading", "text", "accordion:Häufige Fragen", "tabs", "teaser", "info_box:Bewerbungsschluss", "info_box", "teaser",
			"gallery:Eindrücke", "video", "video", "downloads:Infomaterial", "timeline:Ihr Weg zu uns", "text:Telefonische Beratung",
			"teaser:Weitere Berufe", "quote", "html"},
		sentences: []string{
			"Steuerfachangestellte und Finanzwirte gesucht",
			"Jedes Jahr beginnen rund 180 junge Menschen ihre Ausbildung in der Finanzverwaltung des Landes.",
			"Welche Voraussetzungen brauche ich?",
			"Die Ausbildung beginnt jedes Jahr am 1. August, das Studium am 1. September.",
			"Gehobener Dienst",
			"Drei Jahre duales Studium mit dem Abschluss Diplom-Finanzwirt (FH).",
			"„Das duale Studium ist anspruchsvoll, aber die Dozenten nehmen sich Zeit.“",
			"Bewerbungen für den Ausbildungsbeginn 2025 nehmen wir bis zum 15. Oktober 2024 entgegen.",
			"Schwerbehinderte Bewerberinnen und Bewerber werden bei gleicher Eignung bevorzugt berücksichtigt.",
			"Studierende können ein Zimmer im Wohnheim auf dem Campus mieten.",
			"Azubis stellen ihre Ausbildung vor.",
			"Alle Laufbahnen auf einen Blick",
			"Schriftlicher Test im Landesamt in Erfurt.",
			"Unser Ausbildungsteam erreichen Sie montags bis freitags von 9 bis 15 Uhr.",
			"Außendienst für die Vollstreckung offener Steuerforderungen.",
			"Die Finanzverwaltung ist ein krisensicherer Arbeitgeber mit vielen Entwicklungsmöglichkeiten.",
		},
		chrome: map[string][]string{
			"Zum Fußbereich springen":  {umzug.DropOutside, umzug.DropNavigation, umzug.DropScreenOnly},
			"Steuern":                  {umzug.DropHeader, umzug.DropNavigation},
			"Sie sind hier:":           {umzug.DropNavigation, umzug.DropBreadcrumb, umzug.DropScreenOnly},
			"Stellenangebote":          {umzug.DropNavigation},
			"Vorherige":                {umzug.DropScreenOnly, umzug.DropControl},
			"Bild vergrößern":          {umzug.DropScreenOnly},
			"© Landesamt für Finanzen": {umzug.DropFooter},
		},
		warnings: []string{"embedded-content"},
		check: func(t *testing.T, d umzug.Document) {
			if a := d.Blocks[2].Accordion; len(a.Items) != 2 || a.Items[1].Title != "Wann beginnt die Ausbildung?" {
				t.Errorf("accordion = %+v", a)
			}
			if tb := d.Blocks[3].Tabs; len(tb.Items) != 2 || tb.Items[0].Title != "Mittlerer Dienst" {
				t.Errorf("tabs = %+v", tb)
			}
			if tz := d.Blocks[4].Teaser; tz.Layout != "slider" || len(tz.Items) != 2 || tz.Items[0].Image == nil {
				t.Errorf("carousel = %+v", tz)
			}
			if ib := d.Blocks[5].InfoBox; ib.Variant != "info" {
				t.Errorf("panel variant %q", ib.Variant)
			}
			if ib := d.Blocks[6].InfoBox; ib.Variant != "primary" {
				t.Errorf("frame-background-primary variant %q", ib.Variant)
			}
			if g := d.Blocks[8].Gallery; len(g.Items) != 2 || g.Items[0].Caption != "Hörsaal" {
				t.Errorf("gallery = %+v", g)
			}
			if v := d.Blocks[9].Video; v.Provider != "youtube" || v.Caption != "Azubis stellen ihre Ausbildung vor." {
				t.Errorf("media element = %+v", v)
			}
			if v := d.Blocks[10].Video; v.Provider != "vimeo" {
				t.Errorf("external media = %+v", v)
			}
			if dl := d.Blocks[11].Downloads; len(dl.Items) != 1 || dl.Items[0].SizeText != "1.1 MB" || dl.Items[0].Description != "Alle Laufbahnen auf einen Blick" {
				t.Errorf("file links = %+v", dl)
			}
			if tz := d.Blocks[14].Teaser; len(tz.Items) != 2 || tz.Items[0].Title != "Vollziehungsbeamte" {
				t.Errorf("card menu = %+v", tz)
			}
			if h := d.Blocks[16].HTML; !strings.HasPrefix(h.HTML, `<div class="responsive-map"><iframe src="https://www.google.com/maps/embed`) {
				t.Errorf("map embed = %q; want it without the frame wrappers", h.HTML)
			}
		},
	},
	{
		// Each of the checks below failed before the fix it names.
		file: "bootstrap-package-v14-audio-menus.html", url: "https://www.lfu.example/themen/wasser/",
		kind: umzug.KindPage, title: "Wasser", published: "-",
		// The audio list was a text list of titles and the player lost;
		// the media element's audio file was lost with no trace.
		blocks: []string{"link_list:Auf dieser Seite", "text:Grundwasser", "downloads:Zum Hören", "downloads:Vogelstimmen am Wasser", "teaser:Angebote", "downloads:Broschüren", "timeline:Chronik des Hochwasserschutzes"},
		sentences: []string{
			"Das Landesamt misst den Grundwasserstand an 1.100 Messstellen, die meisten davon täglich.",
			"Podcast Folge 12: Wasser sparen im Garten",
			"Gespräch mit der Hydrologin Sabine Korte, 18 Minuten",
			"Ruf des Eisvogels an der Nahe, aufgenommen im Mai",
			// The card's subheader was dropped as unconverted.
			"Hochwassermeldedienst",
			"Messwerte der Flüsse und Seen seit 1990.",
			"Der Rhein erreicht in Mainz einen Pegel von 7,92 Metern.",
		},
		chrome: map[string][]string{
			"Zum Hauptinhalt springen": {umzug.DropOutside, umzug.DropNavigation, umzug.DropScreenOnly},
			// The menu's skip link was the first link of the link list.
			"Menü überspringen": {umzug.DropScreenOnly},
			"© 2026 Landesamt":  {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			var files []string
			for _, b := range d.Blocks {
				if b.Downloads != nil && b.Header != nil && b.Header.Text != "Broschüren" {
					for _, f := range b.Downloads.Items {
						files = append(files, f.Title+" | "+f.Description+" | "+f.FileName+" | "+f.Format)
					}
				}
			}
			want := []string{
				"Podcast Folge 12: Wasser sparen im Garten | Gespräch mit der Hydrologin Sabine Korte, 18 Minuten | folge12_wasser_sparen.mp3 | MP3",
				"folge13_starkregen.mp3 |  | folge13_starkregen.mp3 | MP3",
				"Eisvogel | Ruf des Eisvogels an der Nahe, aufgenommen im Mai | eisvogel.mp3 | MP3",
			}
			if !slices.Equal(files, want) {
				t.Errorf("audio files =\n  %q\nwant\n  %q", files, want)
			}
			if l := blockOf(d, umzug.BlockLinkList); l == nil || len(l.LinkList.Items) != 2 {
				t.Errorf("link list = %+v; want the two section links", l)
			}
			tz := blockOf(d, umzug.BlockTeaser)
			if tz == nil || len(tz.Teaser.Items) != 2 || len(tz.Teaser.Items[0].Body) != 2 || tz.Teaser.Items[0].Title != "Pegelstände" {
				t.Errorf("teaser = %+v; want two cards, the first with its subheader and text", tz)
			}
			// The timeline item's picture was lost and its caption was
			// a paragraph of the item's text.
			tl := blockOf(d, umzug.BlockTimeline)
			if tl == nil || len(tl.Timeline.Items) != 2 {
				t.Fatalf("timeline = %+v; want two items", tl)
			}
			it := tl.Timeline.Items[0]
			if len(it.Media) != 1 || it.Media[0].Caption != "Das Weihnachtshochwasser 1993 bei Worms." || it.Media[0].Credit != "Foto: Landesarchiv/Karl Brenner" ||
				it.Media[0].Alt != "Überfluteter Deich bei Worms 1993" || strings.Contains(it.Body.PlainText(), "Weihnachtshochwasser 1993") {
				t.Errorf("timeline item = %+v; want its picture with caption and credit, and only its text as body", it)
			}
			if len(tl.Timeline.Items[1].Media) != 0 {
				t.Errorf("second item has media %+v", tl.Timeline.Items[1].Media)
			}
			var assets []string
			for _, a := range d.Assets {
				assets = append(assets, a.FileName)
			}
			if !slices.Contains(assets, "deich_1993.jpg") {
				t.Errorf("assets = %q; want the timeline's picture", assets)
			}
		},
	},
	{
		// A home page: tx_news' latest news as the editor's element under
		// "Aktuelle Meldungen" (the page's own teasers, not a related
		// box), a quote with its source, indexed_search's search box as an
		// element (site chrome, dropped with its header and rules).
		file: "bootstrap-package-v14-home.html", url: "https://www.ministerium.example/",
		kind: umzug.KindPage, title: "Willkommen beim Ministerium", published: "-",
		blocks: []string{"text", "teaser:Aktuelle Meldungen", "quote", "text:Sprechzeiten"},
		sentences: []string{
			"Das Ministerium kümmert sich um Höfe, Wälder und den ländlichen Raum zwischen Rhön und Heide.",
			"Waldzustandsbericht vorgestellt",
			"Die Kronen der Buchen haben sich nach dem feuchten Sommer etwas erholt.",
			"Förderprogramm für Hofläden startet",
			"Zwanzig Auszubildende zeigten ihre Arbeit mit der Motorsäge.",
			"Wer den Wald von morgen will, muss heute pflanzen.",
			"Das Bürgertelefon ist montags bis donnerstags von 9 bis 15 Uhr besetzt.",
		},
		chrome: map[string][]string{
			"Zum Hauptinhalt springen": {umzug.DropScreenOnly},
			"Suche im Angebot":         {umzug.DropSearch},
			"Suchen nach":              {umzug.DropSearch},
			"Nur Wörter mit zwei oder": {umzug.DropSearch},
			"Impressum":                {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			tz := blockOf(d, umzug.BlockTeaser)
			if tz == nil || len(tz.Teaser.Items) != 3 {
				t.Fatalf("want the 3 latest news as teasers, got %+v", tz)
			}
			if it := tz.Teaser.Items[0]; it.Link == nil || !strings.HasSuffix(it.Link.Href, "/detail/waldzustandsbericht-vorgestellt") || it.Image == nil {
				t.Errorf("first teaser = %+v", it)
			}
			q := blockOf(d, umzug.BlockQuote)
			if q.Quote.Attribution != "Minister Jonas Beispielmann" {
				t.Errorf("quote attribution = %q; want the quote's source", q.Quote.Attribution)
			}
			if txt := q.Quote.Body.PlainText(); strings.Contains(txt, "Beispielmann") {
				t.Errorf("quote body %q holds its source", txt)
			}
			for _, b := range d.Blocks {
				if b.Type == umzug.BlockForm {
					t.Errorf("the site search kept as a form: %+v", b.Form)
				}
			}
		},
	},
	{
		// Each of the checks below failed before the fix it names.
		file: "bootstrap-package-v14-carousel.html", url: "https://www.mkl.example/",
		kind: umzug.KindPage, title: "Willkommen", published: "-",
		blocks: []string{"teaser"},
		sentences: []string{
			"Förderaufruf Klimaanpassung",
			// The call to action's subheader was dropped as unconverted.
			"Für Kommunen und Landkreise",
			"Das Land fördert Hitzeaktionspläne mit bis zu 80 Prozent.",
			"Landesgartenschau 2026",
			"23. April bis 11. Oktober in Bad Ems",
		},
		chrome: map[string][]string{
			"Vorheriges":             {umzug.DropScreenOnly},
			"© 2026 Ministerium für": {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			tz := blockOf(d, umzug.BlockTeaser)
			if tz == nil || len(tz.Teaser.Items) != 2 {
				t.Fatalf("teaser = %+v; want the two slides", tz)
			}
			// The slides' pictures, CSS backgrounds in a <style>, were
			// lost: the widest variant is the slide's image.
			for i, want := range []string{"/fileadmin/_processed_/3/1/csm_foerderaufruf_9f0a1b.jpg", "/fileadmin/_processed_/5/5/csm_gartenschau_1a2b3c.jpg"} {
				if im := tz.Teaser.Items[i].Image; im == nil || im.Src != "https://www.mkl.example"+want {
					t.Errorf("slide %d image = %+v; want %s", i, im, want)
				}
			}
			// The link around the second slide's headline and subheader
			// marked its text without a definition.
			it := tz.Teaser.Items[1]
			if len(it.Body) != 1 || len(it.Body[0].MarkDefs) != 1 || it.Body[0].MarkDefs[0].Href != "https://www.mkl.example/landesgartenschau/" {
				t.Errorf("second slide body = %+v; want its subheader with the slide's link", it.Body)
			}
			var assets []string
			for _, a := range d.Assets {
				assets = append(assets, a.FileName)
			}
			if !slices.Equal(assets, []string{"foerderaufruf.jpg", "gartenschau.jpg"}) {
				t.Errorf("assets = %q; want the slides' pictures", assets)
			}
		},
	},
	{
		file: "bootstrap-package-v8-v11.html", url: "https://www.beispielstadt.example/buergerservice/wohngeld/",
		kind: umzug.KindPage, title: "Wohngeld", published: "-",
		blocks: []string{"text", "accordion:Antworten auf häufige Fragen", "tabs", "info_box:Neu ab 2023", "info_box:Unterlagen mitbringen",
			"info_box:Bearbeitungszeit", "accordion", "info_box"},
		sentences: []string{
			"Es wird Haushalten mit geringem Einkommen gezahlt, die keine anderen Sozialleistungen erhalten.",
			"Wie lange wird Wohngeld bewilligt?",
			"In der Regel für zwölf Monate; danach ist ein neuer Antrag nötig.",
			"Lastenzuschuss",
			"Für Eigentümer eines Hauses oder einer Eigentumswohnung, die sie selbst bewohnen.",
			"Mit der Wohngeldreform steigt das Wohngeld im Durchschnitt auf rund 370 Euro im Monat.",
			"Bitte bringen Sie Ihren Mietvertrag, Einkommensnachweise der letzten zwölf Monate und Ihren Personalausweis mit.",
			"Die Bearbeitung eines vollständigen Antrags dauert derzeit etwa acht Wochen.",
			"Bei der Wohngeldstelle im Bürgerbüro, Marktplatz 1.",
			"Den Antrag können Sie auch online stellen – ohne Termin und rund um die Uhr.",
		},
		chrome: map[string][]string{
			"Zum Inhalt springen":       {umzug.DropScreenOnly, umzug.DropNavigation, umzug.DropOutside},
			"Leben in Beispielstadt":    {umzug.DropHeader, umzug.DropNavigation},
			"Öffnungszeiten Bürgerbüro": {umzug.DropSidebar},
			"© Stadtverwaltung":         {umzug.DropFooter},
		},
		check: func(t *testing.T, d umzug.Document) {
			for i, want := range map[int]string{3: "warning", 4: "default", 5: "info", 7: "default"} {
				if ib := d.Blocks[i].InfoBox; ib.Variant != want {
					t.Errorf("block %d info box variant %q; want %q", i, ib.Variant, want)
				}
			}
		},
	},
}

// The English translation of a bootstrap_package page: every frame opens
// with the anchor of its translation's uid (fluid_styled_content's
// Layouts/Default.html, <a id="c{data._LOCALIZED_UID}"></a>), which must not
// split the element: an accordion stays an accordion, the uploads a
// download list, the header the header of its element.
var translatedCase = typo3Case{
	file: "fsc-bootstrap-translated.html", url: "https://www.lfw.example/en/flood-protection/",
	kind: umzug.KindPage, title: "Flood protection", published: "-",
	blocks: []string{"text:How the state protects towns on its rivers", "text_media:Retention areas", "accordion:Frequently asked questions", "downloads:Downloads"},
	sentences: []string{
		"How the state protects towns on its rivers",
		"The State Office for Water maintains 1,200 kilometres of dikes along the Elbe, the Mulde and their tributaries.",
		"Polders hold back up to 40 million cubic metres of water when the Elbe rises above the warning level.",
		"How do I get flood warnings?",
		"Install the NINA warning app of the Federal Office of Civil Protection.",
		"Who pays for sandbags?",
		"Flood protection plan 2024",
	},
	chrome: map[string][]string{
		"Skip to main content": {umzug.DropScreenOnly, umzug.DropNavigation, umzug.DropOutside},
		"About us":             {umzug.DropHeader, umzug.DropNavigation},
		"Imprint":              {umzug.DropFooter},
	},
	check: func(t *testing.T, d umzug.Document) {
		for i, key := range []string{"c601", "c602", "c603", "c604"} {
			if d.Blocks[i].Key != key {
				t.Errorf("block %d key %q; want %q (the element's own uid)", i, d.Blocks[i].Key, key)
			}
		}
		if a := d.Blocks[2].Accordion; a == nil || len(a.Items) != 2 || a.Items[0].Title != "How do I get flood warnings?" {
			t.Errorf("accordion = %+v", a)
		}
	},
}

func init() { typo3Cases = append(typo3Cases, translatedCase) }

func TestTYPO3Catalogue(t *testing.T) {
	parser := html.NewParser()
	files, _ := filepath.Glob(filepath.Join("testdata", "typo3", "*.html"))
	if len(files) != len(typo3Cases) {
		t.Errorf("%d pages in testdata/typo3, %d cases: every page needs its case", len(files), len(typo3Cases))
	}
	runCatalogue(t, parser, "typo3", typo3Cases, checkFields)
}

// runCatalogue checks each case's page under testdata/dir: its fields
// (by fields), blocks, accounting and the case's own check.
func runCatalogue(t *testing.T, parser *html.Parser, dir string, cases []typo3Case, fields func(*testing.T, typo3Case, umzug.Document)) {
	for _, tc := range cases {
		t.Run(strings.TrimSuffix(tc.file, ".html"), func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ex, err := parser.Explain(f, tc.url)
			if err != nil {
				t.Fatalf("Explain: %v", err)
			}
			d := ex.Document
			fields(t, tc, d)
			checkBlocks(t, tc, d)
			checkAccounting(t, tc, ex)
			if tc.check != nil && !t.Failed() {
				tc.check(t, d)
			}
		})
	}
}

func checkFields(t *testing.T, tc typo3Case, d umzug.Document) {
	t.Helper()
	if d.Kind != tc.kind {
		t.Errorf("kind = %q; want %q", d.Kind, tc.kind)
	}
	if tc.tags != nil && !slices.Equal(d.Tags, tc.tags) {
		t.Errorf("tags = %q; want %q", d.Tags, tc.tags)
	}
	if tc.categories != nil && !slices.Equal(d.Categories, tc.categories) {
		t.Errorf("categories = %q; want %q", d.Categories, tc.categories)
	}
	if d.Title != tc.title {
		t.Errorf("title = %q; want %q", d.Title, tc.title)
	}
	switch {
	case tc.published == "-" && d.Dates.Published != "":
		t.Errorf("published = %q; want none", d.Dates.Published)
	case tc.published != "-" && !strings.HasPrefix(d.Dates.Published, tc.published):
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
	if pr.Publisher == nil || pr.Publisher.Name != tc.publisher {
		t.Errorf("publisher = %+v; want %q", pr.Publisher, tc.publisher)
	}
	for _, f := range []struct{ name, got, want string }{
		{"number", pr.Number, tc.number}, {"subtitle", pr.Subtitle, tc.subtitle}, {"lead", pr.Lead, tc.lead},
	} {
		if f.got != f.want {
			t.Errorf("%s = %q; want %q", f.name, f.got, f.want)
		}
	}
	if !slices.Equal(pr.Contacts, tc.contacts) {
		t.Errorf("contacts = %+v\nwant %+v", pr.Contacts, tc.contacts)
	}
	var att []string
	for _, a := range pr.Attachments {
		att = append(att, a.Title+" | "+a.SizeText)
		if a.SizeText != "" && a.Size == 0 || a.Format != "PDF" {
			t.Errorf("attachment %+v: want size and format", a)
		}
	}
	if !slices.Equal(att, tc.attachments) {
		t.Errorf("attachments = %q; want %q", att, tc.attachments)
	}
}

func checkBlocks(t *testing.T, tc typo3Case, d umzug.Document) {
	t.Helper()
	var got []string
	for _, b := range d.Blocks {
		if err := b.Validate(); err != nil {
			t.Errorf("block %s: %v", b.Key, err)
		}
		s := string(b.Type)
		if b.Header != nil {
			s += ":" + b.Header.Text
		}
		got = append(got, s)
	}
	if !slices.Equal(got, tc.blocks) {
		t.Fatalf("blocks =\n  %q\nwant\n  %q", got, tc.blocks)
	}
	var codes []string
	for _, w := range d.Warnings {
		codes = append(codes, w.Code)
	}
	if !slices.Equal(codes, tc.warnings) {
		t.Errorf("warnings = %v; want codes %q", d.Warnings, tc.warnings)
	}
}

// checkAccounting checks that the page's text is accounted for: nothing of
// the main content unconverted, the expected sentences kept (or read into
// a field), the chrome dropped for one of the reasons allowed.
func checkAccounting(t *testing.T, tc typo3Case, ex html.Explanation) {
	t.Helper()
	acc := ex.Document.Provenance.Accounting
	if acc == nil {
		t.Fatal("no accounting")
	}
	dropped := 0
	for _, dr := range acc.Dropped {
		dropped += dr.Chars
		if dr.Reason == umzug.DropUnconverted {
			t.Errorf("unconverted: %d characters at %s: %q", dr.Chars, dr.Selector, dr.Excerpt)
		}
	}
	if acc.KeptChars+acc.FieldChars+dropped != acc.VisibleChars {
		t.Errorf("accounting does not add up: kept %d + fields %d + dropped %d != visible %d", acc.KeptChars, acc.FieldChars, dropped, acc.VisibleChars)
	}
	text := blocksText(ex.Document)
	fields := fieldText(ex.Document)
	for _, s := range tc.sentences {
		n := normText(s)
		if !strings.Contains(text, n) && !strings.Contains(fields, n) {
			t.Errorf("sentence in no block or field: %q", s)
		}
		for _, r := range runsWith(ex.Runs, s) {
			if r.Category == html.Dropped {
				t.Errorf("sentence %q dropped (%s at %s)", s, r.Reason, r.Selector)
			}
		}
	}
	for phrase, reasons := range tc.chrome {
		runs := runsWith(ex.Runs, phrase)
		if len(runs) == 0 {
			t.Errorf("chrome %q not in the page's runs", phrase)
		}
		for _, r := range runs {
			if r.Category != html.Dropped || !slices.Contains(reasons, r.Reason) {
				t.Errorf("chrome %q: %s %s at %s; want dropped as one of %q", phrase, r.Category, r.Reason, r.Selector, reasons)
			}
		}
		if strings.Contains(text, normText(phrase)) {
			t.Errorf("chrome %q in the document's blocks", phrase)
		}
	}
}

// blocksText is documentText with the text of html blocks (an embed's
// headline and links, which the export keeps beside the embed).
func blocksText(d umzug.Document) string {
	var sb strings.Builder
	sb.WriteString(documentText(d))
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockHTML {
			sb.WriteString("\n" + tagRe.ReplaceAllString(b.HTML.HTML, " "))
		}
	}
	return normText(sb.String())
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// runsWith returns the runs whose text holds s.
func runsWith(runs []html.ExplainRun, s string) []html.ExplainRun {
	var out []html.ExplainRun
	for _, r := range runs {
		if strings.Contains(normText(r.Text), normText(s)) {
			out = append(out, r)
		}
	}
	return out
}

// fieldText is the text of the fields a reader of the press release sees
// beside its body: contacts and attachments.
func fieldText(d umzug.Document) string {
	var sb strings.Builder
	if pr := d.PressRelease; pr != nil {
		sb.WriteString(pr.Number)
		for _, c := range pr.Contacts {
			sb.WriteString("\n" + strings.Join([]string{c.Name, c.Role, c.Phone, c.Email}, "\n"))
		}
		for _, a := range pr.Attachments {
			sb.WriteString("\n" + a.Title + " " + a.SizeText)
		}
	}
	return normText(sb.String())
}

func blockOf(d umzug.Document, typ umzug.BlockType) *umzug.Block {
	for i := range d.Blocks {
		if d.Blocks[i].Type == typ {
			return &d.Blocks[i]
		}
	}
	return nil
}

// noText fails when s stands in the document's blocks more often than
// max times (default 0).
func noText(t *testing.T, d umzug.Document, s string, max ...int) {
	t.Helper()
	limit := 0
	if len(max) > 0 {
		limit = max[0]
	}
	n := 0
	for i := range d.Blocks {
		n += strings.Count(normText(d.Blocks[i].PlainText()), normText(s))
	}
	if n > limit {
		t.Errorf("%q stands %d times in the blocks; want at most %d", s, n, limit)
	}
}

// warningIndex returns the index of the warning about the i-th html block
// of the document (warnings come in block order).
func warningIndex(d umzug.Document, block int) int {
	k := 0
	for i := 0; i < block; i++ {
		if d.Blocks[i].Type == umzug.BlockHTML {
			k++
		}
	}
	return k
}

// The English translation of a page in bootstrap_package's own frame
// (Templates/ViewHelpers/Frame/Index.html): the anchor of the
// translation's uid is first in frame-inner, three wrappers down (and an
// empty background image box may come before frame-container). It opens
// its element as in fluid_styled_content's frame: a text element keeps its
// header, the uploads stay a download list, the keys are the elements'.
var bootstrapFrameTranslatedCase = typo3Case{
	file: "bootstrap-frame-translated.html", url: "https://www.lfw.example/en/dike-inspection/",
	kind: umzug.KindPage, title: "Dike inspection", published: "-",
	blocks: []string{"text:Spring inspection", "text:Autumn inspection", "downloads:Downloads"},
	sentences: []string{
		"Every spring the dike wardens walk all 1,200 kilometres of state dikes and record damage caused by beavers, moles and ice.",
		"After the autumn floods the wardens check the dike crests again and report erosion to the regional office.",
		"Dike inspection form",
	},
	chrome: map[string][]string{
		"Skip to main content": {umzug.DropScreenOnly, umzug.DropNavigation, umzug.DropOutside},
		"Imprint":              {umzug.DropFooter},
	},
	check: func(t *testing.T, d umzug.Document) {
		for i, key := range []string{"c612", "c613", "c614"} {
			if i < len(d.Blocks) && d.Blocks[i].Key != key {
				t.Errorf("block %d key %q; want %q (the element's own uid)", i, d.Blocks[i].Key, key)
			}
		}
	},
}

func init() { typo3Cases = append(typo3Cases, bootstrapFrameTranslatedCase) }
