package load_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// FuzzRenderHTML: whatever the text, marks and link URLs, the rendered
// HTML holds no element but the ones Portable Text maps to and no URL
// with a scheme other than http, https, mailto or tel.
func FuzzRenderHTML(f *testing.F) {
	f.Add("Text <script>alert(1)</script>", "strong", "javascript:alert(1)", "bullet", 2)
	f.Add("a\nb & c", "l0", "https://x.example/?a=1&b=\"2\"", "", 0)
	f.Add("\" onmouseover=\"x", "l0", " java\tscript:x", "number", 7)
	f.Fuzz(func(t *testing.T, text, mark, href, list string, level int) {
		pt := umzug.PortableText{{Type: "block", Key: "b0", Style: "normal", ListItem: list, Level: level % 10,
			Children: []umzug.PTSpan{{Type: "span", Key: "s0", Text: text, Marks: []string{mark, "l0"}}},
			MarkDefs: []umzug.MarkDef{{Type: "link", Key: "l0", Href: href}}}}
		out := load.RenderHTML(pt)
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			if tt != html.StartTagToken && tt != html.EndTagToken {
				continue
			}
			switch tok.Data {
			case "p", "ul", "ol", "li", "strong", "em", "u", "s", "sub", "sup", "code", "a", "br", "blockquote":
			default:
				t.Fatalf("RenderHTML produced <%s>: %q", tok.Data, out)
			}
			for _, a := range tok.Attr {
				switch a.Key {
				case "href":
					v := strings.ToLower(strings.Map(func(r rune) rune {
						if r <= ' ' {
							return -1
						}
						return r
					}, a.Val))
					if i := strings.IndexAny(v, ":/?#"); i >= 0 && v[i] == ':' && !strings.HasPrefix(v, "http:") && !strings.HasPrefix(v, "https:") && !strings.HasPrefix(v, "mailto:") && !strings.HasPrefix(v, "tel:") {
						t.Fatalf("RenderHTML produced href %q: %q", a.Val, out)
					}
				case "title", "target", "rel":
				default:
					t.Fatalf("RenderHTML produced attribute %s: %q", a.Key, out)
				}
			}
		}
	})
}
