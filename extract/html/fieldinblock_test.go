package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug/extract/html"
)

// A release that is one element (headline, date line with the issuer,
// body) becomes one text block, which keeps the headline and the date
// line. The publisher read from the line is a field, but its text is in
// the block: the accounting counts it once, as kept, not as kept and
// field.
func TestFieldTextLeftInItsBlockIsKeptOnce(t *testing.T) {
	const page = `<!DOCTYPE html><html lang="de"><head><title>Neue Membran filtert Mikroplastik</title></head><body>
<main><div class="news-single"><div class="article"><h1>Neue Membran filtert Mikroplastik</h1>
<p class="news-meta">12.12.2022 - <span class="news-organization">Forschungsanstalt Nord</span></p>
<p>Forschende haben eine Membran entwickelt, die Mikroplastik aus Abwasser filtert. Die Membran besteht aus Zellulose und lässt sich kompostieren, wie das Team berichtet.</p>
<p>Erste Versuche in einer Kläranlage verliefen vielversprechend; im kommenden Jahr folgt ein größerer Test über mehrere Monate.</p>
</div></div></main></body></html>`
	ex, err := html.NewParser().Explain(strings.NewReader(page), "https://www.forschung.example/news/membran/")
	if err != nil {
		t.Fatal(err)
	}
	d := ex.Document
	pr := d.PressRelease
	if pr == nil || pr.Publisher == nil || pr.Publisher.Name != "Forschungsanstalt Nord" {
		t.Fatalf("publisher %+v; want Forschungsanstalt Nord", pr)
	}
	var blockText strings.Builder
	for _, b := range d.Blocks {
		blockText.WriteString(b.PlainText())
	}
	if !strings.Contains(blockText.String(), "Forschungsanstalt Nord") {
		t.Fatalf("the block lost the date line; this test needs it kept: %q", blockText.String())
	}
	for _, r := range ex.Runs {
		if strings.Contains(r.Text, "Forschungsanstalt Nord") && r.Category != html.Kept {
			t.Errorf("run %+v; want kept (the block holds it)", r)
		}
	}
	acc := d.Provenance.Accounting
	if acc.FieldChars != 0 || acc.KeptChars != acc.VisibleChars {
		t.Errorf("accounting %+v; want all visible characters kept, none a field", acc)
	}
}
