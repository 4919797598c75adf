package cmd

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A re-crawl after the footer changed on every page and one article was
// edited: diff marks the edited page as changed in its content and the
// others as changed only in the template, and --content-only lists just
// the edited one.
func TestDiffTellsTemplateFromContentChanges(t *testing.T) {
	var version atomic.Int32
	version.Store(1)
	page := func(title, body string) string {
		v := version.Load()
		footer := "Impressum · Datenschutz · Stand der Seite 2024"
		nav := `<li><a href="/">Start</a></li><li><a href="/a/">Verkehr</a></li><li><a href="/b/">Umwelt</a></li>`
		if v == 2 {
			footer = "Impressum · Datenschutz · Barrierefreiheit · Leichte Sprache"
			nav += `<li><a href="/">Neu: Bürgerservice</a></li>`
			if title == "Umwelt" {
				body += " Ergänzt am Montag: Die Förderung wird um ein Jahr verlängert."
			}
		}
		return fmt.Sprintf(`<!DOCTYPE html><html lang="de"><head><title>%s</title></head><body>
<header><nav><ul>%s</ul></nav></header>
<main><h1>%s</h1><p>%s</p><p>Weitere Informationen erhalten Sie bei der zuständigen Stelle im Ministerium, die Ihre Fragen gern beantwortet.</p></main>
<footer><p>%s</p></footer></body></html>`, title, nav, title, body, footer)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, page("Start", "Willkommen auf den Seiten des Ministeriums für Verkehr und Umwelt des Landes."))
		case "/a/":
			fmt.Fprint(w, page("Verkehr", "Das Land baut die Radwege entlang der Landesstraßen in den nächsten fünf Jahren aus."))
		case "/b/":
			fmt.Fprint(w, page("Umwelt", "Das Förderprogramm für Dachbegrünung unterstützt Eigentümerinnen und Eigentümer in den Städten."))
		default:
			http.NotFound(w, r)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	arch := filepath.Join(t.TempDir(), "archive")
	g := &GlobalOptions{LogLevel: "warn", LogFormat: "text"}
	crawl := func() {
		ios, _, errOut := testStreams()
		if err := crawlRun(t.Context(), ios, &CrawlCmdOptions{Global: g, Seeds: []string{srv.URL + "/"}, Archive: arch,
			Crawl: CrawlFlags{Concurrency: 2, Timeout: 10 * time.Second, Retries: 1, TrapBudget: 100}}); err != nil {
			t.Fatalf("crawl: %v\n%s", err, errOut)
		}
	}
	crawl()
	version.Store(2)
	crawl()

	diff := func(args ...string) (string, string) {
		t.Helper()
		ios, out, errOut := testStreams()
		if code := Execute(t.Context(), NewRootCmd(ios), append([]string{"diff", "--archive", arch}, args...), ios); code != 0 {
			t.Fatalf("diff %v: exit %d: %s", args, code, errOut)
		}
		return out.String(), errOut.String()
	}
	out, _ := diff("--format", "ndjson")
	scopes := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var c struct{ Change, URL, Scope string }
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		scopes[strings.TrimPrefix(c.URL, srv.URL)] = c.Change + " " + c.Scope
	}
	want := map[string]string{"/": "changed template", "/a/": "changed template", "/b/": "changed content"}
	for u, w := range want {
		if scopes[u] != w {
			t.Errorf("%s: %q; want %q (all: %v)", u, scopes[u], w, scopes)
		}
	}

	out, sum := diff()
	if !strings.Contains(out, "changed  "+srv.URL+"/a/ (template only)\n") || !strings.Contains(out, "changed  "+srv.URL+"/b/\n") {
		t.Errorf("text output:\n%s", out)
	}
	if !strings.Contains(sum, "3 changed (1 in their content, 2 only in the template)") {
		t.Errorf("summary: %s", sum)
	}

	out, sum = diff("--content-only")
	if strings.TrimSpace(out) != "changed  "+srv.URL+"/b/" || !strings.Contains(sum, "Left out (--content-only): 2 pages") {
		t.Errorf("--content-only:\n%s\n%s", out, sum)
	}

	out, sum = diff("--raw")
	if strings.Contains(out, "template only") || strings.Count(out, "changed  ") != 3 || strings.Contains(sum, "only in the template") {
		t.Errorf("--raw still compares the content:\n%s\n%s", out, sum)
	}
}

// A CMS that stamps each response with the time it rendered it
// (og:updated_time) and a footer changed: the page changed only in its
// template, as the export sees it (which drops such a date). The
// comparison extracted without the fetch time and found it changed in
// its content.
func TestDiffTemplateOnlyWithRenderStamp(t *testing.T) {
	var footer atomic.Value
	footer.Store("Impressum · Datenschutz")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="de"><head><title>Radwege</title>
<meta property="og:updated_time" content="%s"></head><body>
<main><h1>Radwege</h1><p>Das Land baut die Radwege entlang der Landesstraßen in den nächsten fünf Jahren aus.</p>
<p>Weitere Informationen erhalten Sie bei der zuständigen Stelle im Ministerium, die Ihre Fragen gern beantwortet.</p></main>
<footer><p>%s</p></footer></body></html>`, time.Now().UTC().Format(time.RFC3339), footer.Load())
	}))
	defer srv.Close()
	arch := filepath.Join(t.TempDir(), "archive")
	g := &GlobalOptions{LogLevel: "warn", LogFormat: "text"}
	for _, f := range []string{"Impressum · Datenschutz", "Impressum · Datenschutz · Barrierefreiheit"} {
		footer.Store(f)
		ios, _, errOut := testStreams()
		if err := crawlRun(t.Context(), ios, &CrawlCmdOptions{Global: g, Seeds: []string{srv.URL + "/"}, Archive: arch,
			Crawl: CrawlFlags{Concurrency: 1, Timeout: 10 * time.Second, Retries: 1, TrapBudget: 100}}); err != nil {
			t.Fatalf("crawl: %v\n%s", err, errOut)
		}
		time.Sleep(1100 * time.Millisecond) // another stamp
	}
	ios, out, errOut := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"diff", "--archive", arch}, ios); code != 0 {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	if want := "changed  " + srv.URL + "/ (template only)\n"; out.String() != want {
		t.Errorf("diff:\n%s\nwant %q\n%s", out, want, errOut)
	}
}
