package transform_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/umzug/umzug/transform"
)

// FuzzSanitizeHTML: the output is stable under a second pass and holds
// no script, no event handler and no javascript: URL.
func FuzzSanitizeHTML(f *testing.F) {
	for _, s := range []string{
		`<p onclick="x">a</p><script>b</script>`, `<a href="jav&#x09;ascript:x">y</a>`,
		`<svg><script>alert(1)</script></svg>`, `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`, `<iframe srcdoc="<script>x</script>">`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := transform.SanitizeHTML(in)
		if again := transform.SanitizeHTML(out); again != out {
			t.Fatalf("SanitizeHTML(%q) = %q, then %q (not idempotent)", in, out, again)
		}
		z := html.NewTokenizer(strings.NewReader(out))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "style", "svg", "object", "embed", "form":
				if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
					t.Fatalf("SanitizeHTML(%q) = %q holds <%s>", in, out, tok.Data)
				}
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || ((a.Key == "href" || a.Key == "src") && !transform.SafeURL(a.Val)) {
					t.Fatalf("SanitizeHTML(%q) = %q holds %s=%q", in, out, a.Key, a.Val)
				}
			}
		}
	})
}
