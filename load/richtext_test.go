package load_test

import (
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

func span(text string, marks ...string) umzug.PTSpan {
	if marks == nil {
		marks = []string{}
	}
	return umzug.PTSpan{Type: "span", Text: text, Marks: marks}
}

func block(style, list string, level int, defs []umzug.MarkDef, spans ...umzug.PTSpan) umzug.PTBlock {
	if defs == nil {
		defs = []umzug.MarkDef{}
	}
	return umzug.PTBlock{Type: "block", Style: style, ListItem: list, Level: level, Children: spans, MarkDefs: defs}
}

func TestRenderHTMLAndMarkdown(t *testing.T) {
	link := []umzug.MarkDef{{Type: "link", Key: "l1", Href: "https://alt.example/a", Path: "/neu/a"}}
	evil := []umzug.MarkDef{{Type: "link", Key: "l1", Href: "javascript:alert(1)"}}
	tests := []struct {
		name     string
		pt       umzug.PortableText
		html, md string
	}{
		{"paragraph with marks",
			umzug.PortableText{block("normal", "", 0, nil, span("Fett", "strong"), span(" und "), span("kursiv", "em"))},
			"<p><strong>Fett</strong> und <em>kursiv</em></p>", "**Fett** und _kursiv_"},
		{"escaping",
			umzug.PortableText{block("normal", "", 0, nil, span("a < b & <script>alert(1)</script> *x* [y]"))},
			"<p>a &lt; b &amp; &lt;script&gt;alert(1)&lt;/script&gt; *x* [y]</p>", `a \< b & \<script\>alert(1)\</script\> \*x\* \[y\]`},
		{"link to the new path",
			umzug.PortableText{block("normal", "", 0, link, span("Seite", "l1"))},
			`<p><a href="/neu/a">Seite</a></p>`, "[Seite](</neu/a>)"},
		{"unsafe link dropped",
			umzug.PortableText{block("normal", "", 0, evil, span("klick", "l1"))},
			"<p>klick</p>", "klick"},
		{"heading, quote, line break",
			umzug.PortableText{block("h3", "", 0, nil, span("Titel")), block("blockquote", "", 0, nil, span("Zeile 1\nZeile 2"))},
			"<h3>Titel</h3><blockquote>Zeile 1<br>Zeile 2</blockquote>", "### Titel\n\n> Zeile 1  \n> Zeile 2"},
		{"nested lists",
			umzug.PortableText{block("normal", "bullet", 1, nil, span("A")), block("normal", "bullet", 2, nil, span("A1")), block("normal", "bullet", 1, nil, span("B")), block("normal", "number", 1, nil, span("Eins")), block("normal", "", 0, nil, span("Ende"))},
			"<ul><li>A<ul><li>A1</li></ul></li><li>B</li></ul><ol><li>Eins</li></ol><p>Ende</p>",
			"- A\n   - A1\n- B\n1. Eins\n\nEnde"},
		{"text that looks like markdown blocks",
			umzug.PortableText{block("normal", "", 0, nil, span("1. Platz")), block("normal", "", 0, nil, span("- kein Punkt"))},
			"<p>1. Platz</p><p>- kein Punkt</p>", "1\\. Platz\n\n\\- kein Punkt"},
	}
	for _, tt := range tests {
		if got := load.RenderHTML(tt.pt); got != tt.html {
			t.Errorf("%s: RenderHTML = %q; want %q", tt.name, got, tt.html)
		}
		if got := load.RenderMarkdown(tt.pt); got != tt.md {
			t.Errorf("%s: RenderMarkdown = %q; want %q", tt.name, got, tt.md)
		}
	}
}
