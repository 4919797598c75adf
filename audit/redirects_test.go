package audit

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

func TestRedirectFindings(t *testing.T) {
	const site = "http://127.0.0.1:8080"
	a, err := New(Options{Hosts: []string{"127.0.0.1:8080"}, MapURL: func(u string) string {
		return strings.Replace(u, site, "https://www.example.de", 1)
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := NewRedirects(a)
	for _, s := range []umzug.Snapshot{
		// a -> b -> a, within one fetch: b's redirect back to a was not followed.
		{URL: site + "/loop-a/", Redirects: []umzug.Hop{{URL: site + "/loop-a/", Status: 302}}, Status: 302, FinalURL: site + "/loop-a/"},
		// two hops before the page
		{URL: site + "/alt/", Redirects: []umzug.Hop{{URL: site + "/alt/", Status: 301}, {URL: site + "/neu/", Status: 302}}, Status: 200, FinalURL: site + "/ziel/", LinkedFrom: site + "/"},
		// one hop: fine
		{URL: site + "/eins/", Redirects: []umzug.Hop{{URL: site + "/eins/", Status: 301}}, Status: 200, FinalURL: site + "/zwei/"},
		// stubs whose targets were fetched on their own: x -> y -> x, and p -> q -> r -> page
		{URL: site + "/x/", Status: 301, FinalURL: site + "/y/"},
		{URL: site + "/y/", Status: 301, FinalURL: site + "/x/"},
		{URL: site + "/p/", Status: 301, FinalURL: site + "/q/"},
		{URL: site + "/q/", Status: 301, FinalURL: site + "/r/"},
		{URL: site + "/r/", Status: 301, FinalURL: site + "/seite/"},
		// gave up
		{URL: site + "/endlos/", Warnings: []umzug.Warning{{Code: "fetch-failed", Message: `Get "/r/10/": stopped after 10 redirects`}}},
		// 304 is no redirect
		{URL: site + "/alt304/", Status: 304, FinalURL: site + "/alt304/"},
	} {
		r.Page(&s)
	}
	var got []string
	for _, f := range r.Findings() {
		if f.Fingerprint == "" || f.Message == "" {
			t.Errorf("finding without fingerprint or message: %+v", f)
		}
		got = append(got, f.Rule+" "+strings.TrimPrefix(f.URL, "https://www.example.de")+" | "+f.Evidence)
	}
	want := []string{
		"redirect-loop /loop-a/ | https://www.example.de/loop-a/ →302 … → https://www.example.de/loop-a/",
		"redirect-chain /alt/ | https://www.example.de/alt/ →301 https://www.example.de/neu/ →302 https://www.example.de/ziel/",
		"redirect-loop /endlos/ | ",
		"redirect-chain /p/ | https://www.example.de/p/ → https://www.example.de/q/ → https://www.example.de/r/ → https://www.example.de/seite/",
		"redirect-chain /q/ | https://www.example.de/q/ → https://www.example.de/r/ → https://www.example.de/seite/",
		"redirect-loop /x/ | https://www.example.de/x/ → https://www.example.de/y/ → https://www.example.de/x/",
		"redirect-loop /y/ | https://www.example.de/y/ → https://www.example.de/x/ → https://www.example.de/y/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Disabled by configuration like any rule.
	b, _ := New(Options{Config: &Config{Disable: []string{umzug.RuleRedirectChain}}})
	rb := NewRedirects(b)
	rb.Page(&umzug.Snapshot{URL: site + "/alt/", Redirects: []umzug.Hop{{URL: site + "/alt/", Status: 301}, {URL: site + "/neu/", Status: 302}}, Status: 200, FinalURL: site + "/ziel/"})
	if fs := rb.Findings(); len(fs) != 0 {
		t.Errorf("disabled rule reported: %+v", fs)
	}
}
