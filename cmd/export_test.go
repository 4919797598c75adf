package cmd

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/internal/testkit"
	"github.com/umzug/umzug/load"
)

// crawledPage is what a test crawl of the demo saw of one URL.
type crawledPage struct {
	url, final string
	status     int
	html       bool
	skipped    bool // not content: extraction skips it (a list's later page, a search result)
}

var demoCrawl struct {
	once  sync.Once
	pages []crawledPage
	docs  []byte // NDJSON of the extracted documents, public URLs
	err   error
}

// demoDocuments crawls the demo site once per test binary and returns
// what it saw and the extracted documents as NDJSON (URLs mapped to the
// public origin, as migrate --demo exports them).
func demoDocuments(t *testing.T) ([]crawledPage, []byte) {
	t.Helper()
	demoCrawl.once.Do(func() {
		srv, err := fixtures.Start(fixtures.Ministry)
		if err != nil {
			demoCrawl.err = err
			return
		}
		defer srv.Close()
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		pub := func(s string) string { return strings.Replace(s, srv.URL, fixtures.MinistryPublicURL, 1) }
		_, demoCrawl.err = crawl.Crawl(t.Context(), crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, Concurrency: 4, Timeout: 10 * time.Second},
			func(s *umzug.Snapshot) error {
				d, err := html.Parse(s)
				var nc *umzug.NotContentError
				demoCrawl.pages = append(demoCrawl.pages, crawledPage{pub(s.URL), pub(s.FinalURL), s.Status, s.IsHTML(), errors.As(err, &nc)})
				if err != nil {
					return nil
				}
				b, _ := json.Marshal(d)
				b = bytes.ReplaceAll(b, []byte(srv.URL), []byte(fixtures.MinistryPublicURL))
				buf.Write(b)
				buf.WriteByte('\n')
				return nil
			})
		demoCrawl.docs = buf.Bytes()
	})
	if demoCrawl.err != nil {
		t.Fatalf("crawling the demo: %v", demoCrawl.err)
	}
	return demoCrawl.pages, demoCrawl.docs
}

func runLoad(t *testing.T, in []byte, out string, extra func(*LoadOptions)) string {
	t.Helper()
	ios, _, errOut := testStreams()
	ios.In = bytes.NewReader(in)
	opts := &LoadOptions{Global: &GlobalOptions{LogLevel: "warn", LogFormat: "text"}, Input: "-", Out: out, Concurrency: 4, Retries: 5, RichText: load.RichTextPortable}
	if extra != nil {
		extra(opts)
	}
	if err := loadRun(t.Context(), ios, opts); err != nil {
		t.Fatalf("loadRun: %v\n%s", err, errOut)
	}
	return errOut.String()
}

// TestDemoDeduplication checks the style guide of the demo: the press
// release shown four times (news list, slider, two timelines) ends up as
// one document with four pointers, and the Verdienstorden paragraph
// under three headings is one snippet with three refs.
func TestDemoDeduplication(t *testing.T) {
	_, docs := demoDocuments(t)
	dir := t.TempDir()
	runLoad(t, docs, dir, nil)
	all := testkit.ReadNDJSON[umzug.Document](t, filepath.Join(dir, "documents.ndjson"))
	snippets := testkit.ReadNDJSON[umzug.Snippet](t, filepath.Join(dir, "snippets.ndjson"))
	var sg, release umzug.Document
	for _, d := range all {
		switch d.URL {
		case fixtures.MinistryPublicURL + "/service/styleguide/":
			sg = d
		case fixtures.MinistryPublicURL + "/presse/pressemitteilungen/detail/zweites-digitalisierungskabinett/":
			release = d
		}
	}
	if sg.ID == "" || release.ID == "" || release.Kind != umzug.KindPressRelease {
		t.Fatalf("style guide %q or press release %q (%s) missing", sg.ID, release.ID, release.Kind)
	}
	pointers := 0
	for _, b := range sg.Blocks {
		var items []struct {
			doc  string
			body umzug.PortableText
		}
		switch {
		case b.Teaser != nil:
			for _, it := range b.Teaser.Items {
				items = append(items, struct {
					doc  string
					body umzug.PortableText
				}{it.Document, it.Body})
			}
		case b.Timeline != nil:
			for _, it := range b.Timeline.Items {
				d := ""
				if it.Link != nil {
					d = it.Link.Document
				}
				items = append(items, struct {
					doc  string
					body umzug.PortableText
				}{d, it.Body})
			}
		}
		for _, it := range items {
			if it.doc == release.ID {
				pointers++
				if len(it.body) != 0 {
					t.Errorf("%s: item pointing to the press release keeps a copy of its text: %.80q", b.Key, it.body.PlainText())
				}
			}
		}
	}
	if pointers != 4 {
		t.Errorf("style guide items pointing to the press release = %d; want 4 (c4701, c4712, c4750, c4751)", pointers)
	}
	releaseText := ""
	for _, b := range release.Blocks {
		if b.Text != nil {
			releaseText += b.Text.Body.PlainText()
		}
	}
	sgJSON, _ := json.Marshal(sg)
	if first := "Dabei wurde die Strategie für E-Government und IT im Freistaat fortgeschrieben"; !strings.Contains(releaseText, first) || bytes.Contains(sgJSON, []byte(first)) {
		t.Errorf("the release text belongs to the release document only (in release: %v, in style guide: %v)", strings.Contains(releaseText, first), bytes.Contains(sgJSON, []byte(first)))
	}

	const verdienst = "Der Verdienstorden der Bundesrepublik Deutschland wurde von Bundespräsident Theodor Heuss im Jahre 1951 gestiftet. Er ist die einzige"
	var snippet umzug.Snippet
	for _, s := range snippets {
		if s.Block.Text != nil && strings.HasPrefix(s.Block.Text.Body.PlainText(), verdienst) {
			if snippet.ID != "" {
				t.Errorf("the Verdienstorden paragraph is in two snippets")
			}
			snippet = s
		}
	}
	if snippet.ID == "" || snippet.Refs != 3 {
		t.Fatalf("Verdienstorden snippet = %+v; want one with 3 refs", snippet)
	}
	headers := map[string]string{}
	for _, b := range sg.Blocks {
		if b.Type == umzug.BlockText && strings.HasPrefix(b.Text.Body.PlainText(), verdienst) {
			t.Errorf("text block %s still holds the paragraph itself", b.Key)
		}
		if b.Ref != nil && b.Ref.Snippet == snippet.ID {
			h := ""
			if b.Header != nil {
				h = b.Header.Text
			}
			headers[b.Key] = h
		}
	}
	want := map[string]string{"c4702": "Text über die gesamte Breite (Headline H2)", "c4708": "Headline H3", "c4710": ""}
	if fmt.Sprint(headers) != fmt.Sprint(want) {
		t.Errorf("refs to the paragraph = %v; want %v (each with its own heading)", headers, want)
	}
	// the contact box on 9 pages is one snippet
	for _, s := range snippets {
		if s.Block.Key == "c880" && s.Documents != 9 {
			t.Errorf("contact box snippet on %d documents; want 9", s.Documents)
		}
	}
	// Copies in other element types are reported, not merged.
	findings := testkit.ReadNDJSON[umzug.Finding](t, filepath.Join(dir, "findings.ndjson"))
	reported := map[string]bool{}
	for _, f := range findings {
		if f.Rule == umzug.RuleDuplicateContent && f.URL == sg.URL {
			reported[f.BlockKey] = true
		}
	}
	for _, k := range []string{"c4740", "c4741"} {
		if !reported[k] {
			t.Errorf("info box %s repeats the paragraph but has no duplicate-content finding (findings %v)", k, reported)
		}
	}
	var m load.Manifest
	b, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	_ = json.Unmarshal(b, &m)
	for _, k := range []string{"blocksIn", "blocksOut", "snippets", "refs", "nearDuplicates"} {
		if _, ok := m.Stats[k]; !ok {
			t.Errorf("manifest stats lack %s: %v", k, m.Stats)
		}
	}
	t.Logf("demo de-duplication: %v", m.Stats)
}

// TestLoadTwiceIsByteIdentical: the same documents, in another order,
// give the same export, byte for byte.
func TestLoadTwiceIsByteIdentical(t *testing.T) {
	_, docs := demoDocuments(t)
	lines := bytes.Split(bytes.TrimSpace(docs), []byte("\n"))
	shuffled := slices.Clone(lines)
	rand.New(rand.NewPCG(4, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	// The first document decides the site root: keep the same origin.
	a, b := t.TempDir(), t.TempDir()
	runLoad(t, docs, a, nil)
	runLoad(t, append(bytes.Join(shuffled, []byte("\n")), '\n'), b, nil)
	var files []string
	err := filepath.Walk(a, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			rel, _ := filepath.Rel(a, p)
			files = append(files, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("export holds %v", files)
	}
	for _, f := range files {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, err := os.ReadFile(filepath.Join(b, f))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (err %v)", f, err)
		}
	}
}

// TestRedirectMapLandsOnExportedContent follows the redirect map from
// every URL the crawl fetched with content (2xx) or as a redirect (3xx)
// and from every asset: each lands, in one step, on an exported
// document or asset path, or is 410; no target is itself redirected.
func TestRedirectMapLandsOnExportedContent(t *testing.T) {
	pages, docs := demoDocuments(t)
	dir := t.TempDir()
	runLoad(t, docs, dir, nil)
	targets := map[string]string{}
	for _, d := range testkit.ReadNDJSON[umzug.Document](t, filepath.Join(dir, "documents.ndjson")) {
		targets[d.Path] = "document " + d.URL
	}
	assets := testkit.ReadNDJSON[umzug.Asset](t, filepath.Join(dir, "assets.ndjson"))
	for _, a := range assets {
		targets[a.Path] = "asset " + a.URL
	}
	f, err := os.Open(filepath.Join(dir, "redirects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rows[0]) != "[old_url new_path status]" {
		t.Errorf("redirects.csv header = %v", rows[0])
	}
	redirect := map[string][2]string{}
	for _, r := range rows[1:] {
		if _, dup := redirect[r[0]]; dup {
			t.Errorf("old URL %s mapped twice", r[0])
		}
		redirect[r[0]] = [2]string{r[1], r[2]}
	}
	follow := func(old string) {
		t.Helper()
		r, ok := redirect[old]
		u, _ := url.Parse(old)
		if !ok {
			if _, served := targets[u.RequestURI()]; served {
				return // the new site serves the same path
			}
			t.Errorf("%s: not in the redirect map", old)
			return
		}
		if r[1] == "410" {
			return
		}
		if r[1] != "301" || targets[r[0]] == "" {
			t.Errorf("%s -> %s (%s): not an exported document or asset", old, r[0], r[1])
		}
		if _, chained := redirect[fixtures.MinistryPublicURL+r[0]]; chained {
			t.Errorf("%s -> %s is redirected again (chain)", old, r[0])
		}
	}
	followed := 0
	for _, p := range pages {
		if p.status >= 400 || p.status == 0 || p.skipped {
			// never content of the old site, or not a document in the
			// NDJSON that load reads (migrate maps a list's later pages
			// to the list: TestMigrateSkipsLaterListPages)
			continue
		}
		follow(p.url)
		if p.final != "" && p.final != p.url {
			follow(p.final)
		}
		followed++
	}
	for _, a := range assets {
		follow(a.URL)
	}
	for _, d := range testkit.ReadNDJSON[umzug.Document](t, filepath.Join(dir, "documents.ndjson")) {
		if d.Provenance.TYPO3 != nil && d.Provenance.TYPO3.PageUID > 0 {
			follow(fmt.Sprintf("%s/index.php?id=%d", fixtures.MinistryPublicURL, d.Provenance.TYPO3.PageUID))
		}
		follow(d.URL + "?type=98")
	}
	if followed < 50 || len(assets) < 20 {
		t.Errorf("followed %d crawled URLs and %d assets; the demo has more", followed, len(assets))
	}
	nginx, err := os.ReadFile(filepath.Join(dir, "redirects.nginx.conf"))
	if err != nil || !bytes.Contains(nginx, []byte("map $request_uri $umzug_redirect {")) || !bytes.Contains(nginx, []byte(`"/kontakt/" "/kontakt";`)) {
		t.Errorf("redirects.nginx.conf = %.300s (err %v)", nginx, err)
	}
}

// xssPage is the fixture page full of XSS tricks (transform/testdata).
func TestXSSFixtureLeavesNoActiveContent(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "transform", "testdata", "xss.html"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := html.ParseHTML(bytes.NewReader(raw), "https://www.example.de/xss/")
	if err != nil {
		t.Fatalf("extracting xss.html: %v", err)
	}
	// The extractor types nearly everything; what it cannot type it keeps
	// as an html block: the fragment stands for such an element.
	frag, err := os.ReadFile(filepath.Join("..", "transform", "testdata", "xss-fragment.html"))
	if err != nil {
		t.Fatal(err)
	}
	d.Blocks = append(d.Blocks, umzug.Block{Key: "c99", Type: umzug.BlockHTML, HTML: &umzug.HTML{HTML: string(frag)}})
	line, _ := json.Marshal(d)
	for _, rt := range []load.RichText{load.RichTextPortable, load.RichTextHTML, load.RichTextMarkdown} {
		dir := t.TempDir()
		runLoad(t, append(line, '\n'), dir, func(o *LoadOptions) { o.RichText = rt })
		docs := testkit.ReadNDJSON[map[string]any](t, filepath.Join(dir, "documents.ndjson"))
		if len(docs) != 1 {
			t.Fatalf("%s: %d documents exported; want the xss page", rt, len(docs))
		}
		if b, _ := json.Marshal(docs[0]); !bytes.Contains(b, []byte("Zur Karte")) || !bytes.Contains(b, []byte("Kontakt")) {
			t.Errorf("%s: the harmless content went too: %.400s", rt, b)
		}
		var check func(path string, v any, key string)
		check = func(path string, v any, key string) {
			switch x := v.(type) {
			case map[string]any:
				if key == "provenance" {
					return
				}
				for k, e := range x {
					check(path+"."+k, e, k)
				}
			case []any:
				for i, e := range x {
					check(fmt.Sprintf("%s[%d]", path, i), e, key)
				}
			case string:
				s := strings.ToLower(x)
				isURL := slices.Contains([]string{"href", "src", "url", "link", "action"}, key)
				isMarkup := key == "html" || (rt == load.RichTextHTML && key == "body")
				if isURL && !safeURLForTest(s) {
					t.Errorf("%s: %s holds the URL %q", rt, path, x)
				}
				if isMarkup {
					checkMarkup(t, string(rt)+": "+path, x)
				}
			}
		}
		check("document", docs[0], "")
	}
}

func safeURLForTest(s string) bool {
	s = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, s)
	for _, bad := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(s, bad) {
			return false
		}
	}
	return true
}

// checkMarkup parses markup and fails on active content: elements that
// run or load something, event handler attributes, and URL attributes
// with a scheme other than http, https, mailto or tel.
func checkMarkup(t *testing.T, where, markup string) {
	t.Helper()
	nodes, err := xhtml.ParseFragment(strings.NewReader(markup), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Errorf("%s: markup does not parse: %v", where, err)
		return
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "script", "style", "iframe", "object", "embed", "svg", "math", "form", "input", "button", "meta", "base", "link", "noscript", "frame", "frameset":
				t.Errorf("%s: <%s> survived: %q", where, n.Data, markup)
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || k == "style" || k == "srcdoc" || k == "formaction" {
					t.Errorf("%s: attribute %s=%q survived", where, a.Key, a.Val)
				}
				if (k == "href" || k == "src" || k == "action" || k == "xlink:href") && !safeURLForTest(strings.ToLower(a.Val)) {
					t.Errorf("%s: %s=%q survived", where, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}

// TestLoadPushesToCMS runs umzug load --push against a local API.
func TestLoadPushesToCMS(t *testing.T) {
	_, docs := demoDocuments(t)
	var mu sync.Mutex
	stored := map[string]int{}
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		mu.Lock()
		defer mu.Unlock()
		auth = append(auth, r.Header.Get("Authorization"))
		stored[r.URL.Path]++
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	t.Setenv("UMZUG_PUSH_TOKEN", "s3cret")
	dir := t.TempDir()

	// dry run: requests on stdout, nothing sent
	ios, out, errOut := testStreams()
	ios.In = bytes.NewReader(docs)
	root := NewRootCmd(ios)
	if code := Execute(t.Context(), root, []string{"load", "-", "--out", dir, "--push", srv.URL + "/api", "--dry-run", "-q"}, ios); code != ExitOK {
		t.Fatalf("load --dry-run exit %d: %s", code, errOut)
	}
	if len(stored) != 0 || !strings.HasPrefix(out.String(), "PUT "+srv.URL+"/api/assets/") {
		t.Errorf("dry run sent %d requests, printed %.200q", len(stored), out)
	}
	planned := strings.Count(out.String(), "\n")

	ios, _, errOut = testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"load", dir, "--push", srv.URL + "/api"}, ios); code != ExitOK {
		t.Fatalf("load --push exit %d: %s", code, errOut)
	}
	mu.Lock()
	n := len(stored)
	for _, a := range auth {
		if a != "Bearer s3cret" {
			t.Errorf("Authorization = %q", a)
			break
		}
	}
	mu.Unlock()
	if n != planned || n < 80 {
		t.Errorf("pushed %d records; the dry run planned %d", n, planned)
	}
	if !strings.Contains(errOut.String(), fmt.Sprintf("Pushed %d records", n)) {
		t.Errorf("summary = %q", errOut)
	}
	// --no-auth pushes without the token, on purpose.
	ios, _, errOut = testStreams()
	mu.Lock()
	auth = nil
	mu.Unlock()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"load", dir, "--push", srv.URL + "/other", "--no-auth", "-q"}, ios); code != ExitOK {
		t.Fatalf("load --push --no-auth exit %d: %s", code, errOut)
	}
	mu.Lock()
	if len(auth) == 0 || slices.ContainsFunc(auth, func(a string) bool { return a != "" }) {
		t.Errorf("--no-auth sent Authorization headers %q", auth)
	}
	mu.Unlock()
	ios, _, errOut = testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"load", dir, "--push", srv.URL + "/api"}, ios); code != ExitOK || !strings.Contains(errOut.String(), fmt.Sprintf("Pushed 0 records to %s/api", srv.URL)) {
		t.Errorf("second push: exit %d, %q; want nothing sent", code, errOut)
	}
}

func TestLoadAndSchemaFlags(t *testing.T) {
	for _, tt := range []struct {
		args, wantErr string
	}{
		{"load in.ndjson", "--out DIR, --push URL"},
		{"load in.ndjson --out x --dry-run", "--dry-run needs --push"},
		{"load in.ndjson --push ftp://x", "not an http(s) URL"},
		{"load in.ndjson --out x --richtext rtf", "--richtext"},
		{"load in.ndjson --out x --concurrency 0", "--concurrency"},
		{"schema widget", "unknown record kind"},
		{"load export --push https://cms.example/api", "UMZUG_PUSH_TOKEN is not set: set it to the CMS's API token, or give --no-auth"},
		{"load in.ndjson --out x --no-auth", "--no-auth is for --push"},
	} {
		t.Setenv("UMZUG_PUSH_TOKEN", "")
		ios, _, errOut := testStreams()
		if code := Execute(t.Context(), NewRootCmd(ios), strings.Fields(tt.args), ios); code != ExitUsage || !strings.Contains(errOut.String(), tt.wantErr) {
			t.Errorf("umzug %s: exit %d, %q; want %d and %q", tt.args, code, errOut, ExitUsage, tt.wantErr)
		}
	}
	ios, out, _ := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"schema", "snippet", "--richtext", "markdown"}, ios); code != ExitOK {
		t.Fatalf("schema exit %d", code)
	}
	var s map[string]any
	if err := json.Unmarshal(out.Bytes(), &s); err != nil || s["$id"] != "urn:umzug:schema:1:snippet" || !strings.Contains(out.String(), "text/markdown") {
		t.Errorf("umzug schema snippet: %v %.200s", err, out)
	}
}
