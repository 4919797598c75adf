package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

func TestParseProfileErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"detect: {generator: [x]}", "name is required"},
		{"name: a", "detect needs"},
		{"name: a\ndetect: {selectors: ['div[']}", "selector"},
		{"name: a\ndetect: {url: ['(']}", "url"},
		{"name: a\ndetect: {generator: [x]}\nblocks: [{selector: p, type: carousel}]", "unknown type"},
		{"name: a\ndetect: {generator: [x]}\ncontnet: [main]", "contnet"},
	}
	for _, tt := range tests {
		_, err := html.ParseProfile(strings.NewReader(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseProfile(%q) = %v; want an error containing %q", tt.yaml, err, tt.want)
		}
	}
}

func TestBuiltinProfilesLoad(t *testing.T) {
	names := map[string]bool{}
	for _, p := range html.BuiltinProfiles() {
		names[p.Name] = true
	}
	if !names["gsb"] || !names["sixcms"] {
		t.Errorf("built-in profiles %v; want gsb and sixcms", names)
	}
}

// TestUserProfile: a profile written for a CMS umzug does not know maps
// its markup: content area, chrome inside it, title, date, press release
// by URL, and typed blocks by selector.
func TestUserProfile(t *testing.T) {
	prof, err := html.ParseProfile(strings.NewReader(`
name: stadtcms
detect:
  generator: ["StadtCMS"]
content: [".inhalt"]
remove: [".teilen"]
title: [".inhalt .titel"]
date: [".meta .datum"]
lead: [".vorspann"]
pressRelease:
  url: ["/presse/"]
blocks:
  - {selector: ".klappbox", type: accordion}
  - {selector: ".hinweis", type: info_box}
`))
	if err != nil {
		t.Fatal(err)
	}
	page := `<html><head><meta name="generator" content="StadtCMS 4.2"></head><body>
<div class="kopf"><a href="/">Startseite</a></div>
<div class="inhalt">
 <div class="titel">Neue Öffnungszeiten im Bürgerbüro</div>
 <div class="meta"><span class="datum">Veröffentlicht am 3. Februar 2023</span></div>
 <p class="vorspann">Ab März ist das Bürgerbüro auch samstags geöffnet.</p>
 <p>Das Bürgerbüro erweitert seine Öffnungszeiten.</p>
 <div class="klappbox"><details><summary>Samstag</summary><p>9 bis 12 Uhr</p></details><details><summary>Montag</summary><p>8 bis 18 Uhr</p></details></div>
 <div class="hinweis"><p>Termine bitte online buchen.</p></div>
 <div class="teilen">Teilen auf Facebook</div>
</div>
<div class="fuss">Impressum</div></body></html>`
	d, err := html.NewParser(prof).ParseHTML(strings.NewReader(page), "https://stadt.example/presse/oeffnungszeiten")
	if err != nil {
		t.Fatal(err)
	}
	if d.Provenance.Extractor != "stadtcms" || d.Kind != umzug.KindPressRelease || d.Title != "Neue Öffnungszeiten im Bürgerbüro" || d.Dates.Published != "2023-02-03" {
		t.Errorf("extractor %q kind %q title %q date %q", d.Provenance.Extractor, d.Kind, d.Title, d.Dates.Published)
	}
	if d.PressRelease == nil || d.PressRelease.Lead != "Ab März ist das Bürgerbüro auch samstags geöffnet." {
		t.Errorf("press release %+v", d.PressRelease)
	}
	var types []string
	all := ""
	for _, b := range d.Blocks {
		types = append(types, string(b.Type))
		all += b.PlainText() + "\n"
	}
	if got := strings.Join(types, " "); !strings.Contains(got, "accordion") || !strings.Contains(got, "info_box") {
		t.Errorf("block types %q; want the profile's accordion and info_box", got)
	}
	for _, chrome := range []string{"Teilen auf Facebook", "Impressum", "Startseite"} {
		if strings.Contains(all, chrome) {
			t.Errorf("chrome %q extracted", chrome)
		}
	}
	if !strings.Contains(all, "Das Bürgerbüro erweitert seine Öffnungszeiten.") {
		t.Errorf("body text missing:\n%s", all)
	}
}
