package extract

import (
	"errors"
	"net/url"
	"testing"
)

var canonicalizeTests = []struct {
	in, want string
}{
	// Scheme, host and port.
	{"HTTP://WWW.Thueringen.DE/Presse", "http://www.thueringen.de/Presse"},
	{"https://www.thueringen.de:443/a", "https://www.thueringen.de/a"},
	{"http://www.thueringen.de:80/a", "http://www.thueringen.de/a"},
	{"https://www.thueringen.de:80/a", "https://www.thueringen.de:80/a"},
	{"http://www.thueringen.de:443/a", "http://www.thueringen.de:443/a"},
	{"http://www.thueringen.de:8080/a", "http://www.thueringen.de:8080/a"},
	{"http://www.thueringen.de:0080/a", "http://www.thueringen.de/a"},
	{"http://www.thueringen.de:/a", "http://www.thueringen.de/a"},
	{"http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"},
	{"http://[2001:db8::1]:8080", "http://[2001:db8::1]:8080/"},
	// User info is dropped: no URL umzug writes carries credentials.
	{"http://User:P%40ss@Example.de/", "http://example.de/"},
	{"https://user:secret@staging.example.de:8443/a?b=1", "https://staging.example.de:8443/a?b=1"},
	{"http://@example.de/", "http://example.de/"},
	// Internationalised host names: one host in Unicode, upper case,
	// punycode or percent-encoded UTF-8 (UTS #46 lookup, as browsers do).
	{"http://MÜNCHEN.de/", "http://xn--mnchen-3ya.de/"},
	{"http://münchen.de/", "http://xn--mnchen-3ya.de/"},
	{"http://XN--MNCHEN-3YA.de/", "http://xn--mnchen-3ya.de/"},
	{"http://m%C3%BCnchen.de/", "http://xn--mnchen-3ya.de/"},
	{"https://www.bürgerservice.thüringen.de:8080/ä", "https://www.xn--brgerservice-dlb.xn--thringen-75a.de:8080/%C3%A4"},
	{"  https://example.de/a\n/b\t  ", "https://example.de/a/b"},
	// Fragment and empty path.
	{"https://example.de", "https://example.de/"},
	{"https://example.de#top", "https://example.de/"},
	{"https://example.de/a#top", "https://example.de/a"},
	{"https://example.de/a?b=1#top", "https://example.de/a?b=1"},
	{"https://example.de?b=1", "https://example.de/?b=1"},
	// Dot-segments.
	{"https://example.de/a/b/../c/./d", "https://example.de/a/c/d"},
	{"https://example.de/a/b/..", "https://example.de/a/"},
	{"https://example.de/a/.", "https://example.de/a/"},
	{"https://example.de/../../a", "https://example.de/a"},
	{"https://example.de/a/%2e%2E/b", "https://example.de/b"},
	{"https://example.de/a//b", "https://example.de/a//b"},
	{"https://example.de/a/", "https://example.de/a/"},
	// Percent-encoding.
	{"https://example.de/%7Euser/%61%62c", "https://example.de/~user/abc"},
	{"https://example.de/a%2fb%3a", "https://example.de/a%2Fb%3A"},
	{"https://example.de/stra%c3%9fe", "https://example.de/stra%C3%9Fe"},
	{"https://example.de/straße", "https://example.de/stra%C3%9Fe"},
	{"https://example.de/a b", "https://example.de/a%20b"},
	{"https://example.de/100%", "https://example.de/100%25"},
	{"https://example.de/%zz", "https://example.de/%25zz"},
	{"https://example.de/?q=a+b&r=%7e", "https://example.de/?q=a+b&r=~"},
	{"https://example.de/?tx_news_pi1[news]=12", "https://example.de/?tx_news_pi1%5Bnews%5D=12"},
	{"https://example.de/?a=%26&b=c%3Dd", "https://example.de/?a=%26&b=c%3Dd"},
	// Query sorting.
	{"https://example.de/index.php?L=1&id=42", "https://example.de/index.php?L=1&id=42"},
	{"https://example.de/index.php?id=42&L=1", "https://example.de/index.php?L=1&id=42"},
	{"https://example.de/?b=2&a=1&b=1&a=2", "https://example.de/?a=1&a=2&b=2&b=1"},
	{"https://example.de/?b&a=", "https://example.de/?a=&b"},
	{"https://example.de/?&&a=1&", "https://example.de/?a=1"},
	{"https://example.de/?", "https://example.de/"},
	// Removed parameters.
	{"https://example.de/a?utm_source=nl&utm_medium=mail&UTM_Campaign=x&id=5", "https://example.de/a?id=5"},
	{"https://example.de/a?utm_=1", "https://example.de/a"},
	{"https://example.de/a?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6", "https://example.de/a"},
	{"https://example.de/a?_hsenc=1&_hsmi=2&yclid=3&igshid=4", "https://example.de/a"},
	{"https://example.de/a?PHPSESSID=abc&sid=1&jsessionid=2&phpsessid=3", "https://example.de/a"},
	{"https://example.de/a?no_cache=1&id=7", "https://example.de/a?id=7"},
	{"https://example.de/a?utm%5Fsource=1", "https://example.de/a"},
	{"https://example.de/a?session=1&sidebar=1&myutm_x=1", "https://example.de/a?myutm_x=1&session=1&sidebar=1"},
	// TYPO3.
	{"https://example.de/index.php?id=42&type=98", "https://example.de/index.php?id=42"},
	{"https://example.de/index.php?id=42&type=980", "https://example.de/index.php?id=42&type=980"},
	{"https://example.de/index.php?id=42&type=100", "https://example.de/index.php?id=42&type=100"},
	{"https://example.de/index.php?id=42&TYPE=98", "https://example.de/index.php?TYPE=98&id=42"},
	{"https://example.de/index.php?type=98", "https://example.de/index.php"},
	{"https://example.de/index.php?id=42&L=0&cHash=ab12&tx_news_pi1%5Bnews%5D=7",
		"https://example.de/index.php?L=0&cHash=ab12&id=42&tx_news_pi1%5Bnews%5D=7"},
	// jsessionid path parameter.
	{"https://example.de/shop/seite.html;jsessionid=A1B2C3?x=1", "https://example.de/shop/seite.html?x=1"},
	{"https://example.de/a;JSESSIONID=1/b;foo=bar", "https://example.de/a/b;foo=bar"},
	{"https://example.de/a;foo=1;jsessionid=x;bar=2", "https://example.de/a;foo=1;bar=2"},
}

func TestCanonicalize(t *testing.T) {
	for _, tt := range canonicalizeTests {
		got, err := Canonicalize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Canonicalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			continue
		}
		if again, err := Canonicalize(got); err != nil || again != got {
			t.Errorf("Canonicalize(%q) = %q, %v; want %q (idempotence)", got, again, err, got)
		}
		if _, err := url.Parse(got); err != nil {
			t.Errorf("url.Parse(Canonicalize(%q)) error %v", tt.in, err)
		}
	}
}

func TestCanonicalizeErrors(t *testing.T) {
	tests := []struct {
		in      string
		notHTTP bool // the error wraps ErrNotHTTP
	}{
		{"mailto:presse@thueringen.de", true},
		{"javascript:void(0)", true},
		{"JavaScript:linkTo_UnCryptMailto('x')", true},
		{"tel:+493615700", true},
		{"data:text/plain,hallo", true},
		{"ftp://example.de/", true},
		{"/relative/path", true},
		{"//example.de/a", true},
		{"", true},
		{"http:example.de", false},
		{"http://", false},
		{"http:///a", false},
		{"http://example.de:99999/", false},
		{"http://example.de:8o/", false},
		{"http://exa mple.de/", false},
		{"http://[::1/", false},
		{"http://a]b/", false},
		{"http://\xff.de/", false},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if err == nil {
			t.Errorf("Canonicalize(%q) = %q, nil; want error", tt.in, got)
			continue
		}
		if errors.Is(err, ErrNotHTTP) != tt.notHTTP {
			t.Errorf("Canonicalize(%q) error %v; errors.Is(err, ErrNotHTTP) = %v, want %v", tt.in, err, !tt.notHTTP, tt.notHTTP)
		}
	}
}

func TestResolve(t *testing.T) {
	base, err := url.Parse("https://www.thueringen.de/presse/2024/index.php?id=5&L=1#inhalt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		href, want string
	}{
		{"", "https://www.thueringen.de/presse/2024/index.php?L=1&id=5"},
		{"#top", "https://www.thueringen.de/presse/2024/index.php?L=1&id=5"},
		{"?id=7", "https://www.thueringen.de/presse/2024/index.php?id=7"},
		{"?id=7#x", "https://www.thueringen.de/presse/2024/index.php?id=7"},
		{"meldung.html", "https://www.thueringen.de/presse/2024/meldung.html"},
		{"./meldung.html?utm_source=x", "https://www.thueringen.de/presse/2024/meldung.html"},
		{"../2023/", "https://www.thueringen.de/presse/2023/"},
		{"../../../../a", "https://www.thueringen.de/a"},
		{"/impressum/", "https://www.thueringen.de/impressum/"},
		{"//cdn.thueringen.de/Bild.JPG", "https://cdn.thueringen.de/Bild.JPG"},
		{"http://Example.de:80", "http://example.de/"},
		{"  \n meldung.html\t ", "https://www.thueringen.de/presse/2024/meldung.html"},
		{"fileadmin/Dokument%20Nr.%201.pdf", "https://www.thueringen.de/presse/2024/fileadmin/Dokument%20Nr.%201.pdf"},
		{"index.php?id=9&type=98", "https://www.thueringen.de/presse/2024/index.php?id=9"},
	}
	for _, tt := range tests {
		got, err := Resolve(base, tt.href)
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, %v; want %q", base, tt.href, got, err, tt.want)
		}
	}

	// RFC 3986, section 5.4.1, normal examples, for the http scheme.
	rfcBase, _ := url.Parse("http://a/b/c/d;p?q")
	rfc := []struct{ href, want string }{
		{"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"}, {"g/", "http://a/b/c/g/"},
		{"/g", "http://a/g"}, {"//g", "http://g/"}, {"?y", "http://a/b/c/d;p?y"},
		{"g?y", "http://a/b/c/g?y"}, {"#s", "http://a/b/c/d;p?q"}, {"g#s", "http://a/b/c/g"},
		{";x", "http://a/b/c/;x"}, {"g;x", "http://a/b/c/g;x"}, {"", "http://a/b/c/d;p?q"},
		{".", "http://a/b/c/"}, {"./", "http://a/b/c/"}, {"..", "http://a/b/"},
		{"../", "http://a/b/"}, {"../g", "http://a/b/g"}, {"../..", "http://a/"},
		{"../../", "http://a/"}, {"../../g", "http://a/g"}, {"../../../g", "http://a/g"},
		{"/./g", "http://a/g"}, {"/../g", "http://a/g"}, {"g.", "http://a/b/c/g."},
		{"..g", "http://a/b/c/..g"}, {"g;x=1/../y", "http://a/b/c/y"},
	}
	for _, tt := range rfc {
		got, err := Resolve(rfcBase, tt.href)
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, %v; want %q", rfcBase, tt.href, got, err, tt.want)
		}
	}

	// A host without a path resolves a relative path against "/".
	hostOnly, _ := url.Parse("https://example.de")
	if got, err := Resolve(hostOnly, "a.html"); err != nil || got != "https://example.de/a.html" {
		t.Errorf("Resolve(%q, %q) = %q, %v; want %q", hostOnly, "a.html", got, err, "https://example.de/a.html")
	}
}

func TestResolveErrors(t *testing.T) {
	base, _ := url.Parse("https://www.thueringen.de/presse/")
	relBase, _ := url.Parse("/presse/")
	tests := []struct {
		base *url.URL
		href string
	}{
		{base, "mailto:presse@thueringen.de"},
		{base, "javascript:void(0)"},
		{base, "tel:+49 361 57 1234"},
		{base, "data:image/png;base64,AAAA"},
		{nil, "/relative"},
		{relBase, "meldung.html"},
	}
	for _, tt := range tests {
		got, err := Resolve(tt.base, tt.href)
		if !errors.Is(err, ErrNotHTTP) {
			t.Errorf("Resolve(%v, %q) = %q, %v; want error wrapping ErrNotHTTP", tt.base, tt.href, got, err)
		}
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, tt := range canonicalizeTests {
		f.Add(tt.in)
	}
	f.Add("http://[::1]:80/%2e%2e/;jsessionid=1/..?type=98&utm_x=1#f")
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := Canonicalize(raw)
		if err != nil {
			return
		}
		again, err := Canonicalize(c)
		if err != nil || again != c {
			t.Fatalf("Canonicalize(%q) = %q, %v; want %q (idempotence, from %q)", c, again, err, c, raw)
		}
	})
}

func BenchmarkCanonicalize(b *testing.B) {
	for _, bb := range []struct{ name, url string }{
		{"canonical", "https://www.thueringen.de/presse/2024/03/breitband/"},
		{"typo3", "HTTPS://www.Thueringen.de:443/index.php?id=42&L=0&type=98&utm_source=newsletter&cHash=0123456789abcdef#c123"},
		{"dots", "http://www.thueringen.de/a/b/../c/./d/%7euser/seite.html;jsessionid=ABC"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Canonicalize(bb.url); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkResolve(b *testing.B) {
	base, _ := url.Parse("https://www.thueringen.de/presse/2024/index.php?id=5")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Resolve(base, "../2023/meldung.html?utm_source=x"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestResolveMemo: Resolve remembers absolute paths by the base's scheme,
// user and host; what it returns from memory is what resolving against
// each base gives.
func TestResolveMemo(t *testing.T) {
	bases := []string{"https://www.example.org/", "https://www.example.org/a/b/c.html", "https://www.example.org/a/b/?x=1#top",
		"https://www.example.org", "https://WWW.Example.org:443/a/../b/", "https://www.example.org/%C3%A4/seite?q=%20",
		"http://www.example.org/index.php?id=12&L=1", "https://anna@www.example.org/a/"}
	refs := []string{"/", "/a", "/a/b/", "/a/../b", "/./a", "/?q=1", "/#frag", "/a?b#c", "/%C3%A4", "/ä/ö", "/a b",
		"/a%zz", " /a\t/b ", "/\n/evil.example/x", "/index.php?id=3&L=1&cHash=ab", "/A/B.PDF", "/a//b"}
	for round := range 2 { // the second from memory
		for _, b := range bases {
			base, err := url.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			for _, ref := range refs {
				got, gerr := Resolve(base, ref)
				want, werr := resolve(base, ref, CleanURLSpace(ref))
				if got != want || (gerr == nil) != (werr == nil) {
					t.Errorf("round %d: Resolve(%q, %q) = %q, %v; want %q, %v", round, b, ref, got, gerr, want, werr)
				}
			}
		}
	}
}
