package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// paragraphs lists the text of every paragraph of d's text and text-media
// blocks, in order.
func paragraphs(d umzug.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		var body umzug.PortableText
		switch {
		case b.Type == umzug.BlockText && b.Text != nil:
			body = b.Text.Body
		case b.Type == umzug.BlockTextMedia && b.TextMedia != nil:
			body = b.TextMedia.Body
		}
		for _, p := range body {
			out = append(out, strings.TrimSpace(p.PlainText()))
		}
	}
	return out
}

func images(d umzug.Document) []umzug.Media {
	var out []umzug.Media
	for _, b := range d.Blocks {
		switch {
		case b.Type == umzug.BlockImage && b.Image != nil:
			out = append(out, b.Image.Media)
		case b.Type == umzug.BlockTextMedia && b.TextMedia != nil:
			out = append(out, b.TextMedia.Media...)
		}
	}
	return out
}

func parseFile(t *testing.T, page, url string) umzug.Document {
	t.Helper()
	d, err := html.ParseHTML(strings.NewReader(page), url)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCaptionEchoInTextMedia: a TYPO3 text-with-images element whose
// editor repeated the caption (with its credit) as the first paragraph of
// the text keeps the caption and credit with the image and the text
// without the copy; a paragraph that only begins like the caption stays.
func TestCaptionEchoInTextMedia(t *testing.T) {
	d := parseFile(t, `<html><head><title>Besuch | Ministerium</title></head><body>
<div id="page"><div class="main-content">
<h1>Ministerin besucht Forschungszentrum</h1>
<div id="c41" class="frame frame-default frame-type-textpic">
<div class="ce-textpic ce-right ce-intext">
<div class="ce-gallery"><figure class="image"><img src="/fileadmin/besuch.jpg" alt="Besuch"><figcaption class="image-caption">Ministerin Weber im Labor. Foto: Ministerium</figcaption></figure></div>
<div class="ce-bodytext"><p>Ministerin Weber im Labor. Foto: Ministerium</p>
<p>Die Ministerin informierte sich am Dienstag über neue Verfahren zur Wasseraufbereitung, die das Zentrum gemeinsam mit der Hochschule entwickelt.</p>
<p>Ministerin Weber im Labor mit den Forschenden des Zentrums und der Hochschule.</p></div>
</div></div>
</div></div></body></html>`, "https://ministerium.example/presse/besuch/")
	imgs := images(d)
	if len(imgs) != 1 || imgs[0].Caption+" "+imgs[0].Credit != "Ministerin Weber im Labor. Foto: Ministerium" {
		t.Fatalf("images %+v, want one with caption and credit", imgs)
	}
	want := []string{
		"Die Ministerin informierte sich am Dienstag über neue Verfahren zur Wasseraufbereitung, die das Zentrum gemeinsam mit der Hochschule entwickelt.",
		"Ministerin Weber im Labor mit den Forschenden des Zentrums und der Hochschule.",
	}
	if got := paragraphs(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
}

// TestCaptionParagraphAfterImage: on a page read by density, the caption
// an editor typed as a paragraph under an image is not kept twice: a copy
// of the figure's caption goes, a copy of the alt text of an image without
// caption becomes its caption, and a paragraph that merely follows an
// image stays text.
func TestCaptionParagraphAfterImage(t *testing.T) {
	d := parseFile(t, `<html><head><title>Radweg | Land</title></head><body>
<nav><a href="/">Start</a> <a href="/a">Verkehr</a></nav>
<main>
<h1>Neuer Radweg an der B 96 freigegeben</h1>
<p>Der Radweg zwischen Neustadt und Altdorf ist seit heute befahrbar. Er ist 4,2 Kilometer lang und kostete 1,8 Millionen Euro.</p>
<figure><img src="/fileadmin/radweg.jpg" alt="Radweg"><figcaption>Der neue Radweg bei Altdorf. Foto: Landesamt / Schmidt</figcaption></figure>
<p>Der neue Radweg bei Altdorf. Foto: Landesamt / Schmidt</p>
<p>Die Bauarbeiten hatten im März begonnen. Der Landkreis übernimmt künftig den Winterdienst auf der gesamten Strecke.</p>
<img src="/fileadmin/karte.png" alt="Karte der Strecke zwischen Neustadt und Altdorf">
<p>Karte der Strecke zwischen Neustadt und Altdorf</p>
<p>Weitere Abschnitte sollen bis 2028 folgen, sagte die Ministerin bei der Freigabe vor Ort.</p>
<img src="/fileadmin/schild.png" alt="Schild">
<p>Schild am Ortseingang, das neu aufgestellt wurde und den Radweg ausweist.</p>
</main><footer>Impressum</footer></body></html>`, "https://land.example/verkehr/radweg/")
	want := []string{
		"Der Radweg zwischen Neustadt und Altdorf ist seit heute befahrbar. Er ist 4,2 Kilometer lang und kostete 1,8 Millionen Euro.",
		"Die Bauarbeiten hatten im März begonnen. Der Landkreis übernimmt künftig den Winterdienst auf der gesamten Strecke.",
		"Weitere Abschnitte sollen bis 2028 folgen, sagte die Ministerin bei der Freigabe vor Ort.",
		"Schild am Ortseingang, das neu aufgestellt wurde und den Radweg ausweist.",
	}
	if got := paragraphs(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
	caps := map[string]string{}
	for _, m := range images(d) {
		caps[m.Alt] = m.Caption
	}
	for alt, c := range map[string]string{
		"Radweg": "Der neue Radweg bei Altdorf.",
		"Karte der Strecke zwischen Neustadt und Altdorf": "Karte der Strecke zwischen Neustadt und Altdorf",
		"Schild": "",
	} {
		if got, ok := caps[alt]; !ok || got != c {
			t.Errorf("image %q: caption %q (found %v), want %q", alt, got, ok, c)
		}
	}
}

// TestCreditLineUnderImage: a line under an image that is its alt text
// and a credit, or a credit alone, becomes the image's caption and
// credit; a site's copyright notice after the last image stays text.
func TestCreditLineUnderImage(t *testing.T) {
	d := parseFile(t, `<html><head><title>Wiesen | Verein</title></head><body>
<main>
<h1>Streuobstwiesen erhalten</h1>
<p>Streuobstwiesen sind in vielen Gemeinden kleiner geworden, weil neue Baugebiete und Straßen entstanden sind.</p>
<img src="/img/apfelbaum.jpg" alt="Alte Apfelbäume bieten Höhlen für Vögel und Fledermäuse.">
<div class="legend">Alte Apfelbäume bieten Höhlen für Vögel und Fledermäuse.<br>Foto © Eva Muster</div>
<p>Der Pflegeplan beschreibt für jede Wiese, wann gemäht und welche Bäume nachgepflanzt werden.</p>
<img src="/img/kauz.jpg" alt="Steinkauz">
<p>Foto: Jan Beispiel</p>
<p>Gepflegt werden die Wiesen von Ehrenamtlichen, die Gemeinde stellt dafür Geräte und einen Anhänger.</p>
<img src="/img/logo.png" alt="Logo">
<p>Copyright © 2018. All Rights Reserved.</p>
</main></body></html>`, "https://verein.example/wiesen/")
	type cc struct{ caption, credit string }
	got := map[string]cc{}
	for _, m := range images(d) {
		got[m.Alt] = cc{m.Caption, m.Credit}
	}
	want := map[string]cc{
		"Alte Apfelbäume bieten Höhlen für Vögel und Fledermäuse.": {"Alte Apfelbäume bieten Höhlen für Vögel und Fledermäuse.", "Foto © Eva Muster"},
		"Steinkauz": {"", "Foto: Jan Beispiel"},
		"Logo":      {"", ""},
	}
	for alt, w := range want {
		if g, ok := got[alt]; !ok || g != w {
			t.Errorf("image %q: %+v (found %v), want %+v", alt, g, ok, w)
		}
	}
	paras := strings.Join(paragraphs(d), "\n")
	for _, gone := range []string{"Foto © Eva Muster", "Foto: Jan Beispiel", "Fledermäuse"} {
		if strings.Contains(paras, gone) {
			t.Errorf("%q still a paragraph:\n%s", gone, paras)
		}
	}
	if !strings.Contains(paras, "All Rights Reserved") {
		t.Errorf("the site's copyright notice left the text:\n%s", paras)
	}
}

// TestCreditThenCaptionUnderImage: the credit and the caption under an
// image in two elements of their own (a credit span, then a caption div
// repeating the image's title): both go to the image, neither stays a
// paragraph; the paragraph after them stays text.
func TestCreditThenCaptionUnderImage(t *testing.T) {
	d := parseFile(t, `<html><head><title>Radweg | Magazin</title></head><body>
<main><article>
<h1>Radweg beschädigt</h1>
<p>Am Wochenende haben Unbekannte den Radweg am Kanal beschädigt. Die Stadt bittet um Hinweise.</p>
<div class="media"><div class="position-relative"><picture><img src="/img/radweg.jpg" alt="Radweg" title="Wer die Pflastersteine gelöst hat, ist unklar (Symbolbild)."></picture>
<span class="copyright">© Fotoagentur</span></div>
<div class="media-caption">Wer die Pflastersteine gelöst hat, ist unklar (Symbolbild).</div></div>
<p>Am Kanal wurden auf rund hundert Metern Pflastersteine gelöst, seit gestern ist der Abschnitt gesperrt.</p>
</article></main></body></html>`, "https://magazin.example/news/radweg/")
	ims := images(d)
	if len(ims) != 1 || ims[0].Caption != "Wer die Pflastersteine gelöst hat, ist unklar (Symbolbild)." || ims[0].Credit != "© Fotoagentur" {
		t.Fatalf("images %+v, want one with the caption and the credit", ims)
	}
	paras := strings.Join(paragraphs(d), "\n")
	if strings.Contains(paras, "Symbolbild") || strings.Contains(paras, "Fotoagentur") {
		t.Errorf("the caption or credit is still a paragraph:\n%s", paras)
	}
	if !strings.Contains(paras, "seit gestern ist der Abschnitt") {
		t.Errorf("the text after the image is gone:\n%s", paras)
	}
}

// TestCaptionStyleInElementText: a text-with-image element whose text is
// only a line the editor marked as a caption (css_styled_content's
// textmedia with "<h5 class="bilduntertitel">", fluid_styled_content's
// textpic with "<p class="bildunterschrift">" in its bodytext): the
// line is the image's caption and credit, not text; with a paragraph
// after it, the paragraph stays text.
func TestCaptionStyleInElementText(t *testing.T) {
	d := parseFile(t, `<html><head><title>Studie | Institut</title></head><body><main>
<h1>Wie Pflanzen im Moor wachsen</h1>
<p>Im nassen Boden eines Moors fehlt Sauerstoff; Pflanzen dort versorgen ihre Wurzeln auf eigenen Wegen.</p>
<div id="c11" class="csc-element"><div class="csc-textmedia csc-textmedia-inside"><div class="csc-textmedia-gallery"><div class="csc-textmedia-gallery-media"><img src="/fileadmin/eisen.jpg" width="300" height="145" alt=""></div></div>
<div class="csc-textmedia-text"><h5 class="bilduntertitel">Rund um Wurzeln lagert sich Eisenoxid ab. (Foto: A. Muster, Institut)</h5></div></div></div>
<div id="c12" class="frame frame-default frame-type-textpic"><div class="ce-textpic ce-right ce-intext"><div class="ce-gallery"><figure class="image"><img src="/fileadmin/labor.jpg" width="300" height="200" alt="Labor"></figure></div>
<div class="ce-bodytext"><p class="bildunterschrift">Das Labor des Instituts am Stadtrand — © Agentur</p></div></div></div>
<div id="c13" class="frame frame-default frame-type-textpic"><div class="ce-textpic ce-right ce-intext"><div class="ce-gallery"><figure class="image"><img src="/fileadmin/probe.jpg" width="300" height="200" alt="Probe"></figure></div>
<div class="ce-bodytext"><p class="bildunterschrift">Eine Bodenprobe</p><p>Die Proben stammen aus drei Mooren im Norden und wurden im Labor über Wochen beobachtet.</p></div></div></div>
</main></body></html>`, "https://institut.example/news/moor/")
	got := map[string][2]string{}
	for _, m := range images(d) {
		got[m.Src[strings.LastIndex(m.Src, "/")+1:]] = [2]string{m.Caption, m.Credit}
	}
	want := map[string][2]string{
		"eisen.jpg": {"Rund um Wurzeln lagert sich Eisenoxid ab.", "Foto: A. Muster, Institut"},
		"labor.jpg": {"Das Labor des Instituts am Stadtrand", "© Agentur"},
		"probe.jpg": {"Eine Bodenprobe", ""},
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: caption and credit %q, want %q", k, got[k], w)
		}
	}
	text := strings.Join(paragraphs(d), "\n")
	for _, gone := range []string{"Rund um Wurzeln", "Das Labor des Instituts", "Eine Bodenprobe"} {
		if strings.Contains(text, gone) {
			t.Errorf("%q is still text:\n%s", gone, text)
		}
	}
	if !strings.Contains(text, "drei Mooren") {
		t.Errorf("the paragraph after the caption line is no longer text:\n%s", text)
	}
}

// TestItalicCaptionLineInRunningText: in running text separated by line
// breaks, the italic line right under a picture is its caption ("<img>
// <br><em>Pumpe der TS 8.</em><br>Um 1950 …"): the picture's
// caption, and the text goes on without it. A paragraph all in italics
// after a picture (a lead, a disclosure, a "Stand" line) stays text.
func TestItalicCaptionLineInRunningText(t *testing.T) {
	d := parseFile(t, `<html><head><title>Fahrzeuge | Archiv</title></head><body><main><article>
<h1>Die Löschfahrzeuge der Gemeinde</h1>
<div class="entry">Die Feuerwehr der Gemeinde hat in hundert Jahren sieben Fahrzeuge besessen, drei davon stehen heute im Museum.<br><br>
<img src="/uploads/ts8.jpg" alt="" width="630" height="419"><br>
<em>Die restaurierte Pumpe der TS 8. (Foto: A. Muster)<br></em><br>
Um 1950 bekam die Wehr ihr erstes Fahrzeug mit eigener Pumpe. Den Aufbau fertigte eine Schmiede im Nachbarort.<br><br>
<img src="/uploads/lf8.jpg" alt="" width="630" height="435"></div>
<p><em>Dieser Beitrag erschien zuerst in der Verbandszeitschrift und wurde für das Archiv überarbeitet.</em></p>
<p>Seit 1972 besitzt die Wehr ein Tanklöschfahrzeug, das bis heute bei Waldbränden ausrückt.</p>
</article></main></body></html>`, "https://archiv.example/fahrzeuge/gemeinde/")
	got := map[string][2]string{}
	for _, m := range images(d) {
		got[m.Src[strings.LastIndex(m.Src, "/")+1:]] = [2]string{m.Caption, m.Credit}
	}
	if w := [2]string{"Die restaurierte Pumpe der TS 8.", "Foto: A. Muster"}; got["ts8.jpg"] != w {
		t.Errorf("ts8.jpg: caption and credit %q, want %q", got["ts8.jpg"], w)
	}
	if got["lf8.jpg"] != [2]string{} {
		t.Errorf("lf8.jpg: caption and credit %q, want none (the italic paragraph after it is no caption)", got["lf8.jpg"])
	}
	text := strings.Join(paragraphs(d), "\n")
	if strings.Contains(text, "restaurierte Pumpe") {
		t.Errorf("the caption is still text:\n%s", text)
	}
	for _, kept := range []string{"Um 1950 bekam", "erschien zuerst in der Verbandszeitschrift", "Seit 1972"} {
		if !strings.Contains(text, kept) {
			t.Errorf("%q is no longer text:\n%s", kept, text)
		}
	}
}

// TestAddressAfterLogoIsNoCredit: an address block that begins with "©"
// after a logo is not the logo's credit.
func TestAddressAfterLogoIsNoCredit(t *testing.T) {
	d := parseFile(t, `<html><head><title>Klima | Anstalt</title></head><body><main>
<h1>Jahresbericht 2021</h1>
<p>Der Jahresbericht fasst die Klimadaten des vergangenen Jahres für alle Messstationen des Landes zusammen.</p>
<img src="/logos/ministerium.png" alt="Ministerium">
<p>© Zentralanstalt für<br>Meteorologie und Geodynamik<br>1190 Wien, Hohe Warte 38</p>
</main></body></html>`, "https://anstalt.example/klima/")
	for _, m := range images(d) {
		if m.Credit != "" {
			t.Errorf("image %q got the address as credit %q", m.Alt, m.Credit)
		}
	}
	if !strings.Contains(strings.Join(paragraphs(d), "\n"), "Hohe Warte 38") {
		t.Errorf("the address left the text: %q", paragraphs(d))
	}
}

// TestItalicLineInTextBesideGallery: the italic first line of a text
// element under its gallery (TYPO3 textpic: figure in ce-gallery, text in
// ce-bodytext) is the text's, a notice, not the picture's caption.
func TestItalicLineInTextBesideGallery(t *testing.T) {
	d := parseFile(t, `<html><head><title>Fachtagung Wasser 2024</title></head><body><main>
<h1>Fachtagung Wasser 2024</h1>
<div class="ce-textpic ce-center ce-above"><div class="ce-gallery" data-ce-columns="1" data-ce-images="1"><div class="ce-row"><div class="ce-column"><figure class="image"><img class="image-embed-item" src="/fileadmin/tagung.jpg" width="600" height="400" alt=""></figure></div></div></div>
<div class="ce-bodytext"><p><em>Achtung: Die Anmeldung ist seit dem 1. März geschlossen.</em><br>Die Fachtagung Wasser findet am 14. Mai 2024 im Landeshaus statt. Expertinnen und Experten berichten über die Gewässerüberwachung.</p>
<p>Das Programm wird in Kürze veröffentlicht.</p></div></div>
</main></body></html>`, "https://landesamt.example/aktuelles/fachtagung-wasser/")
	for _, m := range images(d) {
		if m.Caption != "" {
			t.Errorf("%s: caption %q, want none (the notice is the text's)", m.Src, m.Caption)
		}
	}
	if text := strings.Join(paragraphs(d), "\n"); !strings.Contains(text, "Achtung: Die Anmeldung") {
		t.Errorf("the notice is no longer text:\n%s", text)
	}
}
