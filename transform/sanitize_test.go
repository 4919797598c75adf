package transform_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/transform"
)

func TestSafeURL(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"https://www.example.de/a", true},
		{"http://x", true},
		{"mailto:presse@example.de", true},
		{"tel:+4936157", true},
		{"/relative/path?x=1", true},
		{"#anker", true},
		{"datei.pdf", true},
		{"", true},
		{"javascript:alert(1)", false},
		{"JaVaScRiPt:alert(1)", false},
		{" javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"\x01javascript:alert(1)", false},
		{"vbscript:msgbox", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
		{"file:///etc/passwd", false},
		{"javascript:linkTo_UnCryptMailto('nbjmup+x')", false},
	} {
		if got := transform.SafeURL(tt.in); got != tt.want {
			t.Errorf("SafeURL(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestSanitizeHTML(t *testing.T) {
	in := `<p onclick="x()">Text <a href="javascript:alert(1)">a</a> <a href="https://ok.example/">b</a></p>` +
		`<script>alert(1)</script><style>p{}</style><img src="x" onerror="alert(1)"><iframe src="https://evil"></iframe>` +
		`<svg><script>alert(1)</script></svg><a href="data:text/html,x">d</a><form action="/x"><input></form>`
	got := transform.SanitizeHTML(in)
	lower := strings.ToLower(got)
	for _, bad := range []string{"<script", "<style", "onclick", "onerror", "javascript:", "<iframe", "data:", "<svg", "<form", "<input"} {
		if strings.Contains(lower, bad) {
			t.Errorf("SanitizeHTML left %q in %q", bad, got)
		}
	}
	for _, good := range []string{"Text", `href="https://ok.example/"`, "<p>"} {
		if !strings.Contains(got, good) {
			t.Errorf("SanitizeHTML removed %q: %q", good, got)
		}
	}
	if again := transform.SanitizeHTML(got); again != got {
		t.Errorf("SanitizeHTML is not idempotent: %q then %q", got, again)
	}
}

func TestNormalizeSanitizes(t *testing.T) {
	n := newNormalizer(t, transform.Options{SiteRoot: site + "/"})
	d := page("/x/", "X",
		textBlock("c1", "Mail", "javascript:linkTo_UnCryptMailto('nbjmup')", "https://ok.example/"),
		umzug.Block{Key: "c2", Type: umzug.BlockHTML, HTML: &umzug.HTML{HTML: `<p>Karte</p><script>track()</script><a href="javascript:x">y</a>`}},
		umzug.Block{Key: "c3", Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: "data:image/svg+xml,<svg onload=alert(1)>", Alt: "x"}}},
		umzug.Block{Key: "c4", Type: umzug.BlockHTML, HTML: &umzug.HTML{HTML: `<script>only()</script>`}},
	)
	out := normalize(t, n, d)
	defs := out.Blocks[0].Text.Body[0].MarkDefs
	if defs[0].Href != "" || defs[1].Href != "https://ok.example/" {
		t.Errorf("markDefs = %+v; want the javascript: href emptied, the https one kept", defs)
	}
	if h := out.Blocks[1].HTML.HTML; strings.Contains(h, "script") || strings.Contains(h, "javascript") || !strings.Contains(h, "Karte") {
		t.Errorf("html block = %q", h)
	}
	if src := out.Blocks[2].Image.Src; src != "" {
		t.Errorf("image src = %q; want a data: URL removed", src)
	}
	if len(out.Blocks) != 3 {
		t.Errorf("blocks = %v; the html block with nothing left is dropped", blockKeys(out))
	}
	var codes []string
	for _, w := range out.Warnings {
		codes = append(codes, w.Code+":"+w.BlockKey)
	}
	for _, want := range []string{"unsafe-url:c1", "sanitized-html:c2", "unsafe-url:c3", "empty-block:c4"} {
		if !slices.Contains(codes, want) {
			t.Errorf("warnings %v lack %s", codes, want)
		}
	}
	if again := normalize(t, n, clone(t, out)); jsonOf(t, again) != jsonOf(t, out) {
		t.Errorf("Normalize is not idempotent after sanitizing:\n%s\n%s", jsonOf(t, out), jsonOf(t, again))
	}
}

func TestDropRepeatedParagraphs(t *testing.T) {
	p := "Der Verdienstorden der Bundesrepublik Deutschland wurde 1951 gestiftet."
	body := pt(p)
	body = append(body, body[0], umzug.PTBlock{Type: "block", Key: "b2", Style: "h3", Children: []umzug.PTSpan{{Type: "span", Text: "Zwischentitel", Marks: []string{}}}, MarkDefs: []umzug.MarkDef{}}, body[0])
	short := pt("Ja")
	short = append(short, short[0])
	n := newNormalizer(t, transform.Options{SiteRoot: site + "/"})
	out := normalize(t, n, page("/p/", "P",
		umzug.Block{Key: "c1", Type: umzug.BlockText, Text: &umzug.Text{Body: body}},
		umzug.Block{Key: "c2", Type: umzug.BlockText, Text: &umzug.Text{Body: short}}))
	if got := len(out.Blocks[0].Text.Body); got != 3 {
		t.Errorf("paragraphs = %d; want 3 (the copy right after dropped, the one after a heading kept)", got)
	}
	if got := len(out.Blocks[1].Text.Body); got != 2 {
		t.Errorf("short paragraphs = %d; want 2 (short repeats may be meant)", got)
	}
	if n.Stats.RepeatedParagraphs != 1 {
		t.Errorf("RepeatedParagraphs = %d; want 1", n.Stats.RepeatedParagraphs)
	}
}

// TestBandsFindNearDuplicates measures the MinHash banding: a one-word
// edit in a 40-word text shares a band almost always, unrelated texts of
// the same vocabulary almost never.
func TestBandsFindNearDuplicates(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	share := func(a, b [8]uint32) bool {
		for i := range a {
			if a[i] == b[i] {
				return true
			}
		}
		return false
	}
	bands := func(w []string) [8]uint32 {
		return transform.Bands(transform.Shingles(transform.Words(strings.Join(w, " "))))
	}
	found, random := 0, 0
	const trials = 300
	for range trials {
		w := wordsN(r, 40)
		e := slices.Clone(w)
		e[r.IntN(len(e))] = "Änderung"
		if share(bands(w), bands(e)) {
			found++
		}
		if share(bands(w), bands(wordsN(r, 40))) {
			random++
		}
	}
	if found < trials*90/100 || random > trials/100 {
		t.Errorf("one-word edits found %d/%d (want ≥ 90%%), unrelated texts matched %d/%d (want ≤ 1%%)", found, trials, random, trials)
	}
}

func TestWords(t *testing.T) {
	a := transform.Words("Straßen\u00adbau: Die BRÜCKE, die Brücke!")
	b := transform.Words("straßenbau die brücke die brücke")
	if !slices.Equal(a, b) || len(a) != 5 {
		t.Errorf("Words differ on case, punctuation and soft hyphens: %v vs %v", a, b)
	}
}
