package html_test

import (
	"fmt"
	"testing"

	"github.com/umzug/umzug"
)

// TestTranslations: a page's versions in other languages come from the
// hreflang alternates TYPO3 (9 and later) writes into the head, else from
// the language menu: bootstrap_package's (hreflang on the links) and old
// TYPO3's HMENU special=language (index.php?id=…&L=1, the language's name
// as link text or a flag's alt). The page's own language, x-default, the
// page itself, "Leichte Sprache" and a menu link to the other language's
// start page (the page has no version there) are no translations.
func TestTranslations(t *testing.T) {
	cases := []struct {
		name, head, body, url string
		want                  []umzug.Translation
	}{
		{"hreflang alternates", `<link rel="alternate" hreflang="de-DE" href="https://land.example/de/ministerium/"><link rel="alternate" hreflang="en-GB" href="https://land.example/en/ministry/"><link rel="alternate" hreflang="x-default" href="https://land.example/de/ministerium/">`,
			``, "https://land.example/de/ministerium/",
			[]umzug.Translation{{Lang: "en-GB", URL: "https://land.example/en/ministry/"}}},
		{"bootstrap_package language menu", ``,
			`<ul id="language_menu" class="language-menu"><li class="active"><a href="/de/ministerium/" hreflang="de-DE" title="Deutsch"><span>Deutsch</span></a></li><li><a href="/en/ministry/" hreflang="en-GB" title="English"><span>English</span></a></li><li><a href="/fr/" hreflang="fr-FR" title="Français"><span>Français</span></a></li></ul>`,
			"https://land.example/de/ministerium/",
			[]umzug.Translation{{Lang: "en-GB", URL: "https://land.example/en/ministry/"}}},
		{"old TYPO3 language menu", ``,
			`<div id="sprachwahl"><a href="index.php?id=12&amp;L=0">Deutsch</a> | <a href="index.php?id=12&amp;L=1"><img src="fileadmin/flags/en.gif" alt="English"></a> | <a href="index.php?id=12&amp;L=2">Polski</a> | <a href="index.php?id=80">Leichte Sprache</a></div>`,
			"https://land.example/index.php?id=12",
			[]umzug.Translation{{Lang: "en", URL: "https://land.example/index.php?L=1&id=12"}, {Lang: "pl", URL: "https://land.example/index.php?L=2&id=12"}}},
		{"menu on the start page", ``,
			`<ul class="lang-nav"><li><a href="/de/">DE</a></li><li><a href="/en/">EN</a></li></ul>`,
			"https://land.example/de/",
			[]umzug.Translation{{Lang: "en", URL: "https://land.example/en/"}}},
		{"no menu", ``, `<p><a href="/en/ministry/" hreflang="en">Read this in English</a> at the partner site.</p>`, "https://land.example/de/ministerium/", nil},
	}
	for _, c := range cases {
		d := parseFile(t, `<html lang="de"><head><title>Ministerium</title>`+c.head+`</head><body><header>`+c.body+`</header>
<main><h1>Das Ministerium</h1><p>Das Ministerium für Umwelt und Landwirtschaft stellt sich vor: Aufgaben, Leitung und Abteilungen.</p></main></body></html>`, c.url)
		if fmt.Sprint(d.Translations) != fmt.Sprint(c.want) {
			t.Errorf("%s: translations %+v, want %+v", c.name, d.Translations, c.want)
		}
	}
}
