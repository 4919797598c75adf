package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// portalRelease is a release on a press portal: the issuer's text in one
// box of lines, and under it the portal's links to the release in other
// languages, to all releases of the issuer and to their feed.
const portalRelease = `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Windpark Nordheide geht ans Netz - Presseportal Energie</title>
<meta property="og:site_name" content="Presseportal Energie"></head>
<body>
<div class="toolbar"><a href="/">Presseportal Energie</a> Pressemitteilungen der Energiewirtschaft</div>
<nav class="navbar"><ul><li><a href="/themen/wind">Wind</a></li><li><a href="/themen/solar">Solar</a></li><li><a href="/themen/speicher">Speicher</a></li></ul></nav>
<main class="content">
<article>
<h2>Pressemitteilung</h2>
<h1>Windpark Nordheide geht ans Netz</h1>
<div class="release">
Hamburg - Der Windpark Nordheide mit zwölf Anlagen speist seit Montag Strom in das Netz ein. Die Anlagen mit je 5,7 Megawatt Leistung versorgen rechnerisch 45.000 Haushalte mit Strom aus Windenergie.<br>
<br>
Der Bau hatte im Frühjahr begonnen. Trotz der langen Lieferzeiten für Transformatoren konnte der Zeitplan gehalten werden, teilte die Beispiel Wind AG mit. Die Gemeinden am Standort sind über eine Bürgerbeteiligung am Ertrag des Parks beteiligt.<br>
<br>
Pressekontakt: Beispiel Wind AG, Anna Muster, Telefon 040 123456<br>
<br>
<span>Sprache: </span><a href="/pm-101-windpark-nordheide"><img src="/img/de.gif" alt=""></a> <a href="/pm-101-windpark-nordheide-en"><img src="/img/en.gif" alt=""></a><br><br>
<a href="/firmen/77-beispiel-wind-ag">Online-Pressemappe - alle Pressemitteilungen der <em>Beispiel Wind AG</em></a> <span>|</span>
<a href="/pm/rss.php?firma=Beispiel+Wind+AG">RSS-Feed abonnieren</a>
</div>
</article>
</main>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer>
</body></html>
`

// TestIssuerListLinkDropped checks that a link to a listing of the
// site, also after a label ("Online-Pressemappe - alle Pressemitteilungen
// der Beispiel Wind AG") or with the listing's owner named in more than
// one word, is dropped as utility, while the same words in a sentence and
// a link to a file stay.
func TestIssuerListLinkDropped(t *testing.T) {
	d, all := extractText(t, portalRelease, "https://presseportal.example/pm-101-windpark-nordheide")
	for _, k := range []string{"zwölf Anlagen", "Bürgerbeteiligung", "Anna Muster"} {
		if !strings.Contains(all, k) {
			t.Errorf("%q dropped; blocks:\n%s", k, all)
		}
	}
	if strings.Contains(all, "Online-Pressemappe") {
		t.Errorf("the portal's link to the issuer's releases kept; blocks:\n%s", all)
	}
	droppedAs(t, d, "Online-Pressemappe - alle Pressemitteilungen", umzug.DropUtility)

	cases := []struct {
		name, box, text string
		dropped         bool
	}{
		{"owner in two words", `<p><a href="/presse/beispiel-wind">Weitere Meldungen der Beispiel Wind</a></p>`, "Weitere Meldungen der Beispiel Wind", true},
		{"label and colon", `<p><a href="/presse/">Presse: alle Pressemitteilungen des Landratsamts</a></p>`, "Presse: alle Pressemitteilungen des Landratsamts", true},
		{"in a sentence", `<p>Die Stadt informiert regelmäßig: <a href="/presse/">alle Pressemitteilungen der Stadt</a> stehen im Archiv, nach Jahren geordnet und mit den Fotos zum Herunterladen.</p>`, "alle Pressemitteilungen der Stadt", false},
		{"a file", `<p><a href="/media/eroeffnung-fotos.zip">Pressefotos - alle Fotos der Eröffnung</a></p>`, "alle Fotos der Eröffnung", false},
		{"a label of two words", `<p><a href="/themen/wind">Wind und Wetter - alle Meldungen</a></p>`, "Wind und Wetter - alle Meldungen", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, all := extractText(t, articleWith(c.box), "https://stadt.example/radwege")
			if !strings.Contains(all, "Umleitungen sind ausgeschildert") {
				t.Fatalf("the article's prose is missing:\n%s", all)
			}
			if got := strings.Contains(all, c.text); got == c.dropped {
				t.Errorf("%q kept %v; want %v; blocks:\n%s", c.text, got, !c.dropped, all)
			}
			if c.dropped {
				droppedAs(t, d, c.text, umzug.DropUtility)
			}
		})
	}
}

// droppedAs checks that text is in a dropped record with reason.
func droppedAs(t *testing.T, d umzug.Document, text, reason string) {
	t.Helper()
	acc := d.Provenance.Accounting
	if acc == nil {
		t.Fatal("no accounting")
	}
	for _, dr := range acc.Dropped {
		if strings.Contains(dr.Excerpt, text) {
			if dr.Reason != reason {
				t.Errorf("%q dropped as %q; want %q", text, dr.Reason, reason)
			}
			return
		}
	}
	t.Errorf("%q not in the dropped records %+v", text, acc.Dropped)
}
