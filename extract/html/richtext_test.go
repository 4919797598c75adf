package html

import (
	"fmt"
	"golang.org/x/net/html"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

const richPageURL = "https://www.example.de/themen/radverkehr/index.html"

// richPage has its main content in <main>: a headline, a paragraph with
// every inline decorator, a link and a line break, a headline of its own,
// and a TYPO3 text element whose body holds a nested list, an <h3> inside
// the text and a spam-protected mail link.
const richPage = `<!DOCTYPE html>
<html lang="de"><head><title>Radverkehr | Ministerium</title></head>
<body>
<nav><a href="/">Startseite</a> <a href="/themen/">Themen</a></nav>
<main>
  <h1>Radverkehr</h1>
  <p>Der   Ausbau
     der <strong>Radwege</strong> ist <em>wichtig</em>, <u>sehr</u> sogar: H<sub>2</sub>O, m<sup>2</sup>,
     <code>id=12</code> und
     <a href="../kontakt/" title=" Kontakt aufnehmen " target="_blank">unser <strong>Kontakt</strong></a>.<br>
     Zweite   Zeile</p>
  <h3>Förderung</h3>
  <div id="c42" class="frame frame-type-text">
    <div class="ce-bodytext">
      <ul>
        <li>Landesmittel
          <ul><li>Kommunen</li></ul>
        </li>
        <li>Bundesmittel</li>
      </ul>
      <h3>Zwischen <em>titel</em></h3>
      <p>Schreiben Sie an <a href="javascript:linkTo_UnCryptMailto('nbjmup+qsfttfAunej/uivfsjohfo/fybnqmf');">presse(at)tmdi</a>
         oder <a href="javascript:void(0)">nirgends</a>.</p>
    </div>
  </div>
</main>
<footer><a href="/impressum/">Impressum</a></footer>
</body></html>`

// renderPT writes a Portable Text block compactly, merging adjacent spans
// with the same marks (how the builder splits runs is not the contract):
// "Der |strong:Radwege| ist". Link marks are written as "link(href)".
func renderPT(b umzug.PTBlock) string {
	defs := map[string]umzug.MarkDef{}
	for _, d := range b.MarkDefs {
		defs[d.Key] = d
	}
	type run struct {
		marks []string
		text  string
	}
	var runs []run
	for _, s := range b.Children {
		var marks []string
		for _, m := range s.Marks {
			if d, ok := defs[m]; ok {
				m = "link(" + d.Href + ")"
			}
			marks = append(marks, m)
		}
		slices.Sort(marks)
		if n := len(runs); n > 0 && slices.Equal(runs[n-1].marks, marks) {
			runs[n-1].text += s.Text
			continue
		}
		runs = append(runs, run{marks, s.Text})
	}
	var parts []string
	for _, r := range runs {
		if len(r.marks) == 0 {
			parts = append(parts, r.text)
		} else {
			parts = append(parts, "|"+strings.Join(r.marks, "+")+":"+r.text+"|")
		}
	}
	return strings.Join(parts, "")
}

// checkPT checks the structural rules of Portable Text: block and span
// types, unique keys, marks that are decorators or defined links, and
// markDefs that are used.
func checkPT(t *testing.T, where string, pt umzug.PortableText) {
	t.Helper()
	decorator := map[string]bool{"strong": true, "em": true, "underline": true, "strike-through": true, "sub": true, "sup": true, "code": true}
	blockKeys := map[string]bool{}
	for i, b := range pt {
		if b.Type != "block" || b.Key == "" || blockKeys[b.Key] {
			t.Errorf("%s: block %d has _type %q, _key %q; want block with a unique key", where, i, b.Type, b.Key)
		}
		blockKeys[b.Key] = true
		if b.Children == nil || b.MarkDefs == nil {
			t.Errorf("%s: block %d has nil children or markDefs; want [] for JSON", where, i)
		}
		defs := map[string]bool{}
		for _, d := range b.MarkDefs {
			if d.Type != "link" || d.Key == "" || defs[d.Key] || d.Href == "" {
				t.Errorf("%s: block %d markDef %+v; want a link with a unique key and an href", where, i, d)
			}
			defs[d.Key] = true
		}
		used := map[string]bool{}
		spanKeys := map[string]bool{}
		for _, s := range b.Children {
			if s.Type != "span" || s.Key == "" || spanKeys[s.Key] {
				t.Errorf("%s: block %d span %+v; want a span with a unique key", where, i, s)
			}
			spanKeys[s.Key] = true
			if s.Marks == nil {
				t.Errorf("%s: block %d span %q has nil marks; want []", where, i, s.Text)
			}
			for _, m := range s.Marks {
				if !decorator[m] && !defs[m] {
					t.Errorf("%s: block %d span %q has mark %q, neither a decorator nor a markDef", where, i, s.Text, m)
				}
				used[m] = true
			}
		}
		for k := range defs {
			if !used[k] {
				t.Errorf("%s: block %d markDef %q is used by no span", where, i, k)
			}
		}
	}
}

func TestParseHTMLRichText(t *testing.T) {
	d, err := ParseHTML(strings.NewReader(richPage), richPageURL)
	if err != nil {
		t.Fatalf("ParseHTML: %v", err)
	}
	if d.Title != "Radverkehr" {
		t.Errorf("Title = %q; want %q", d.Title, "Radverkehr")
	}
	var types []string
	for _, b := range d.Blocks {
		types = append(types, string(b.Type))
		if b.Text != nil {
			checkPT(t, "block "+b.Key, b.Text.Body)
		}
	}
	if want := []string{"text", "heading", "text"}; !slices.Equal(types, want) {
		t.Fatalf("block types = %v; want %v (no navigation or footer)\n%+v", types, want, d.Blocks)
	}

	// The paragraph.
	para := d.Blocks[0].Text.Body
	if len(para) != 1 {
		t.Fatalf("paragraph: %d Portable Text blocks; want 1", len(para))
	}
	if para[0].Style != "normal" || para[0].ListItem != "" || para[0].Level != 0 {
		t.Errorf("paragraph style, listItem, level = %q, %q, %d; want normal, \"\", 0", para[0].Style, para[0].ListItem, para[0].Level)
	}
	wantPara := "Der Ausbau der |strong:Radwege| ist |em:wichtig|, |underline:sehr| sogar: H|sub:2|O, m|sup:2|, |code:id=12| und " +
		"|link(https://www.example.de/themen/kontakt/):unser ||link(https://www.example.de/themen/kontakt/)+strong:Kontakt|.\nZweite Zeile"
	if got := renderPT(para[0]); got != wantPara {
		t.Errorf("paragraph =\n%q\nwant\n%q", got, wantPara)
	}
	if got := para[0].PlainText(); got != "Der Ausbau der Radwege ist wichtig, sehr sogar: H2O, m2, id=12 und unser Kontakt.\nZweite Zeile" {
		t.Errorf("paragraph PlainText = %q", got)
	}
	if len(para[0].MarkDefs) != 1 {
		t.Fatalf("paragraph markDefs = %+v; want one link", para[0].MarkDefs)
	}
	link := para[0].MarkDefs[0]
	if link.Href != "https://www.example.de/themen/kontakt/" || link.Title != "Kontakt aufnehmen" || link.Target != "_blank" {
		t.Errorf("link markDef = %+v; want href https://www.example.de/themen/kontakt/, title %q, target _blank", link, "Kontakt aufnehmen")
	}

	// The headline outside the element.
	if h := d.Blocks[1].Heading; h == nil || h.Text != "Förderung" || h.Level != 3 {
		t.Errorf("block 1 heading = %+v; want Förderung, level 3", h)
	}

	// The text element: nested list, h3 inside text, mail link.
	el := d.Blocks[2]
	if el.Key != "c42" {
		t.Errorf("element key = %q; want c42", el.Key)
	}
	type ptLine struct {
		style, listItem string
		level           int
		text            string
	}
	want := []ptLine{
		{"normal", "bullet", 1, "Landesmittel"},
		{"normal", "bullet", 2, "Kommunen"},
		{"normal", "bullet", 1, "Bundesmittel"},
		{"h3", "", 0, "Zwischen |em:titel|"},
		{"normal", "", 0, "Schreiben Sie an |link(mailto:presse@tmdi.thueringen.example):presse(at)tmdi| oder nirgends."},
	}
	var got []ptLine
	for _, b := range el.Text.Body {
		got = append(got, ptLine{b.Style, b.ListItem, b.Level, renderPT(b)})
	}
	if !slices.Equal(got, want) {
		t.Errorf("element c42 Portable Text =\n%s\nwant\n%s", fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want))
	}
}

func TestParseHTMLLinks(t *testing.T) {
	tests := []struct {
		href string
		want string // "" for no link
	}{
		{"../kontakt/", "https://www.example.de/themen/kontakt/"},
		{"/presse/", "https://www.example.de/presse/"},
		{"HTTPS://WWW.Example.DE:443/a", "https://www.example.de/a"},
		{"?id=12", "https://www.example.de/themen/radverkehr/index.html?id=12"},
		{"//cdn.example.org/x.pdf", "https://cdn.example.org/x.pdf"},
		{"mailto:presse@example.de", "mailto:presse@example.de"},
		{"tel:+49361123", "tel:+49361123"},
		{"javascript:linkTo_UnCryptMailto('nbjmup+qsfttfAunej/uivfsjohfo/fybnqmf');", "mailto:presse@tmdi.thueringen.example"},
		{"javascript:linkTo_UnCryptMailto(%27nbjmup+qsfttfAunej/uivfsjohfo/fybnqmf%27);", "mailto:presse@tmdi.thueringen.example"}, // TYPO3 9+ URL-encodes the argument
		{"javascript:void(0)", ""},
		{"data:text/html,hi", ""},
		{"", ""},
	}
	for _, tt := range tests {
		page := `<html><body><main><p>Vor <a href="` + tt.href + `">Ziel</a> nach</p></main></body></html>`
		d, err := ParseHTML(strings.NewReader(page), richPageURL)
		if err != nil {
			t.Errorf("ParseHTML(link %q): %v", tt.href, err)
			continue
		}
		if len(d.Blocks) != 1 || d.Blocks[0].Text == nil || len(d.Blocks[0].Text.Body) != 1 {
			t.Errorf("link %q: blocks %+v; want one text block", tt.href, d.Blocks)
			continue
		}
		b := d.Blocks[0].Text.Body[0]
		checkPT(t, "link "+tt.href, d.Blocks[0].Text.Body)
		if b.PlainText() != "Vor Ziel nach" {
			t.Errorf("link %q: text = %q; want %q (link text kept)", tt.href, b.PlainText(), "Vor Ziel nach")
		}
		var got string
		if len(b.MarkDefs) > 0 {
			got = b.MarkDefs[0].Href
		}
		if got != tt.want || len(b.MarkDefs) > 1 {
			t.Errorf("link %q: markDefs %+v; want href %q", tt.href, b.MarkDefs, tt.want)
		}
	}
}

// encryptTYPO3Mail is TYPO3's encryptEmail (typolink spamProtectEmailAddresses):
// each character in 0x2B–0x3A, 0x40–0x5A and 0x61–0x7A is moved by offset
// within its range, wrapping around; others stay.
func encryptTYPO3Mail(s string, offset int) string {
	ranges := [][2]int{{0x2B, 0x3A}, {0x40, 0x5A}, {0x61, 0x7A}}
	out := []byte(s)
	for i := range out {
		c := int(out[i])
		for _, r := range ranges {
			start, end := r[0], r[1]
			if c < start || c > end {
				continue
			}
			n := c + offset
			if offset > 0 && n > end {
				n = start + (n - end - 1)
			} else if offset < 0 && n < start {
				n = end - (start - n - 1)
			}
			out[i] = byte(n)
			break
		}
	}
	return string(out)
}

func TestEncryptTYPO3MailHelper(t *testing.T) {
	// TYPO3's output for offset 1, as found on the seed site.
	if got, want := encryptTYPO3Mail("mailto:presse@tmdi.thueringen.example", 1), "nbjmup+qsfttfAunej/uivfsjohfo/fybnqmf"; got != want {
		t.Errorf("encryptTYPO3Mail(…, 1) = %q; want %q", got, want)
	}
}

func TestDecryptTYPO3Mail(t *testing.T) {
	if got, ok := DecryptTYPO3Mail("nbjmup+qsfttfAunej/uivfsjohfo/fybnqmf"); !ok || got != "mailto:presse@tmdi.thueringen.example" {
		t.Errorf("DecryptTYPO3Mail(%q) = %q, %v; want %q, true", "nbjmup+qsfttfAunej/uivfsjohfo/fybnqmf", got, ok, "mailto:presse@tmdi.thueringen.example")
	}
	addrs := []string{
		"mailto:presse@tmdi.thueringen.example",
		"mailto:Poststelle@TMWWDG.Thueringen.DE",
		"mailto:info_buero-2024+news@example.org",
		"mailto:a.b@z-z.example?subject=Anfrage",
	}
	for _, addr := range addrs {
		for off := -10; off <= 10; off++ {
			if off == 0 {
				continue
			}
			enc := encryptTYPO3Mail(addr, off)
			if enc == addr {
				t.Fatalf("encryptTYPO3Mail(%q, %d) did not change the address", addr, off)
			}
			if got, ok := DecryptTYPO3Mail(enc); !ok || got != addr {
				t.Errorf("DecryptTYPO3Mail(%q) [offset %d] = %q, %v; want %q, true", enc, off, got, ok, addr)
			}
		}
	}
	// Offset 3, worked by hand: m→p a→d i→l l→o t→w o→r, ":" (0x3A) wraps
	// to "-" (0x2D), "@"→"C", "x"→"a" (wraps), "."→"1".
	const enc3 = "pdlowr-suhvvhChadpsoh1gh"
	if got := encryptTYPO3Mail("mailto:presse@example.de", 3); got != enc3 {
		t.Errorf("encryptTYPO3Mail(mailto:presse@example.de, 3) = %q; want %q", got, enc3)
	}
	if got, ok := DecryptTYPO3Mail(enc3); !ok || got != "mailto:presse@example.de" {
		t.Errorf("DecryptTYPO3Mail(%q) = %q, %v; want %q, true", enc3, got, ok, "mailto:presse@example.de")
	}
	for _, bad := range []string{"", "garbage", "nbjmup", "nbjmup+qsfttf", "mailto:nobody"} {
		if got, ok := DecryptTYPO3Mail(bad); ok {
			t.Errorf("DecryptTYPO3Mail(%q) = %q, true; want false", bad, got)
		}
	}
}

// TestLinkAroundBlocks: a link around block elements (a slide's or a
// card's link around its headline and text) marks the text of each block,
// and each block has the link's definition: a mark without its definition
// is a link lost in the new CMS.
func TestLinkAroundBlocks(t *testing.T) {
	b := newPTBuilder(nil)
	doc, err := html.Parse(strings.NewReader(`<a href="https://www.example.de/gartenschau/"><p>Landesgartenschau</p><p>Vom <b>23. April</b> an</p></a><p>Danach <a href="https://www.example.de/x/">x</a></p>`))
	if err != nil {
		t.Fatal(err)
	}
	b.children(doc)
	pt := b.result()
	if len(pt) != 3 {
		t.Fatalf("%d blocks, want 3: %+v", len(pt), pt)
	}
	for _, blk := range pt {
		defs := map[string]string{}
		for _, d := range blk.MarkDefs {
			defs[d.Key] = d.Href
		}
		for _, sp := range blk.Children {
			for _, m := range sp.Marks {
				if strings.HasPrefix(m, "l") && defs[m] == "" {
					t.Errorf("block %q: span %q marked %s without its definition (%v)", blk.PlainText(), sp.Text, m, blk.MarkDefs)
				}
			}
		}
	}
	if d := pt[1].MarkDefs; len(d) != 1 || d[0].Href != "https://www.example.de/gartenschau/" {
		t.Errorf("second block's links = %+v; want the link around it", d)
	}
	if d := pt[2].MarkDefs; len(d) != 1 || d[0].Href != "https://www.example.de/x/" {
		t.Errorf("third block's links = %+v; want its own link only", d)
	}
}

// TestDefinitionListTerms: the terms of a definition list (FSC bullets of
// type 2) are bold lines of their own, their descriptions plain, so that
// the new CMS tells them apart; a bold inside a term adds no second mark.
func TestDefinitionListTerms(t *testing.T) {
	b := newPTBuilder(nil)
	doc, err := html.Parse(strings.NewReader(`<dl class="ce-bullets"><dt>Stabsstelle <b>Presse</b></dt><dd>Pressesprecherin Lena Hartung</dd><dt>Digitalisierung</dt><dd>Onlinedienste nach dem OZG</dd></dl>`))
	if err != nil {
		t.Fatal(err)
	}
	b.children(doc)
	var got []string
	for _, blk := range b.result() {
		for _, sp := range blk.Children {
			got = append(got, sp.Text+" "+fmt.Sprint(sp.Marks))
		}
	}
	want := []string{"Stabsstelle Presse [strong]", "Pressesprecherin Lena Hartung []", "Digitalisierung [strong]", "Onlinedienste nach dem OZG []"}
	if !slices.Equal(got, want) {
		t.Errorf("spans = %q; want %q", got, want)
	}
}
