// Package wordpress loads an umzug export into WordPress through its REST
// API (WordPress 6.1 and later): files into the media library, snippets as
// reusable blocks, pages as pages in the hierarchy of their old paths,
// press releases as posts in a category, every block as native
// block-editor markup. It is one load.Target; load.Load does the ordering,
// the two passes, the state and the report.
package wordpress

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// MUPlugin is the must-use plugin that registers umzug's post meta
// (press release number, kicker, subtitle, publisher, contacts; the
// source URL and id of every page and post) for the REST API. Copy it to
// wp-content/mu-plugins/; without it the same facts are only in the
// visible blocks.
//
//go:embed umzug-meta.php
var MUPlugin []byte

// Options configure the WordPress target.
type Options struct {
	// URL is the site's address (its home URL).
	URL string
	// User and Password authenticate with an application password
	// (Users → Profile → Application Passwords).
	User, Password string
	// PressCategory names the category press releases are posted in
	// (created when missing; default "Pressemitteilungen").
	PressCategory string
	// Status of pages and posts (default "publish").
	Status string
	// Retries of a failed request (default 5): network errors, 408, 425,
	// 429 and 5xx, with exponential backoff and jitter from MinBackoff
	// (default 250ms) to MaxBackoff (default 10s); Retry-After honoured.
	Retries    int
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// Client (default: 2 minutes timeout per request).
	Client *http.Client
	Logger *slog.Logger
}

// Target is WordPress as a load.Target.
type Target struct {
	o        Options
	site     string
	api      string // REST root: https://site/wp-json/ or https://site/?rest_route=/
	category int
	meta     bool // the umzug mu-plugin's meta are registered
	metaFax  bool // its contacts have a fax (mu-plugin version 2 or later)
	// metaTerms: its umzug_categories and umzug_tags meta keep the terms
	// of pages, which have no taxonomy in WordPress.
	metaTerms bool
	readOnly  bool
	terms     terms
	requests  atomic.Int64
}

// New returns the WordPress target for o.
func New(o Options) (*Target, error) {
	u, err := url.Parse(strings.TrimSpace(o.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("WordPress URL %q: not an http(s) URL", o.URL)
	}
	if o.User == "" || o.Password == "" {
		return nil, errors.New("WordPress needs a user and an application password")
	}
	if o.PressCategory == "" {
		o.PressCategory = "Pressemitteilungen"
	}
	if o.Status == "" {
		o.Status = "publish"
	}
	if o.Retries == 0 {
		o.Retries = 5
	}
	if o.MinBackoff == 0 {
		o.MinBackoff = 250 * time.Millisecond
	}
	if o.MaxBackoff == 0 {
		o.MaxBackoff = 10 * time.Second
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 2 * time.Minute}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	return &Target{o: o, site: u.String()}, nil
}

// Name implements load.Target.
func (t *Target) Name() string { return "wordpress" }

// Site implements load.Target.
func (t *Target) Site() string { return t.site }

// Requests is the number of HTTP requests sent, retries included.
func (t *Target) Requests() int64 { return t.requests.Load() }

// MetaRegistered reports whether the site has umzug's post meta (the
// mu-plugin); known after Open.
func (t *Target) MetaRegistered() bool { return t.meta }

// Open finds the REST API (the Link header of the home page, as WordPress
// announces it; /wp-json/ otherwise), checks the credentials, looks for
// umzug's post meta and makes sure the press release category exists.
func (t *Target) Open(ctx context.Context, readOnly bool) error {
	t.readOnly = readOnly
	t.api = t.site + "/wp-json/"
	if resp, err := t.send(ctx, http.MethodHead, t.site+"/", nil, "", nil); err == nil {
		for _, l := range resp.header.Values("Link") {
			if strings.Contains(l, `rel="https://api.w.org/"`) {
				if s, e := strings.Index(l, "<"), strings.Index(l, ">"); s >= 0 && e > s {
					t.api = l[s+1 : e]
				}
			}
		}
	}
	if _, err := t.call(ctx, http.MethodGet, "/wp/v2/users/me", url.Values{"context": {"edit"}}, nil); err != nil {
		return fmt.Errorf("checking the application password of %s: %w", t.o.User, err)
	}
	if b, err := t.call(ctx, http.MethodOptions, "/wp/v2/posts", nil, nil); err == nil {
		var schema struct {
			Schema struct {
				Properties struct {
					Meta struct {
						Properties map[string]json.RawMessage `json:"properties"`
					} `json:"meta"`
				} `json:"properties"`
			} `json:"schema"`
		}
		if json.Unmarshal(b, &schema) == nil {
			_, t.meta = schema.Schema.Properties.Meta.Properties["umzug_number"]
			// An older mu-plugin's contacts allow no other properties
			// than name, role, phone and email.
			t.metaFax = bytes.Contains(schema.Schema.Properties.Meta.Properties["umzug_contacts"], []byte(`"fax"`))
			_, t.metaTerms = schema.Schema.Properties.Meta.Properties["umzug_categories"]
		}
	}
	if !t.meta {
		t.o.Logger.Info("umzug's post meta are not registered (mu-plugin umzug-meta.php not installed): press release fields are kept as visible blocks only")
	}
	slug := slugify(t.o.PressCategory)
	b, err := t.call(ctx, http.MethodGet, "/wp/v2/categories", url.Values{"slug": {slug}, "context": {"edit"}}, nil)
	if err != nil {
		return fmt.Errorf("reading categories: %w", err)
	}
	var cats []struct {
		ID int `json:"id"`
	}
	_ = json.Unmarshal(b, &cats)
	if len(cats) > 0 {
		t.category = cats[0].ID
		t.terms.put(taxCategories, t.o.PressCategory, t.category, false)
		return nil
	}
	if readOnly {
		// Counted as one the load would create, as a real run counts it.
		t.o.Logger.Info("category not in WordPress yet; the load creates it", "name", t.o.PressCategory)
		t.terms.put(taxCategories, t.o.PressCategory, 0, true)
		return nil
	}
	b, err = t.call(ctx, http.MethodPost, "/wp/v2/categories", nil, map[string]any{"name": t.o.PressCategory, "slug": slug})
	if err != nil {
		return fmt.Errorf("creating category %q: %w", t.o.PressCategory, err)
	}
	var c struct {
		ID int `json:"id"`
	}
	if err := json.Unmarshal(b, &c); err != nil || c.ID == 0 {
		return fmt.Errorf("creating category %q: unexpected answer %.200s", t.o.PressCategory, b)
	}
	t.category = c.ID
	t.terms.put(taxCategories, t.o.PressCategory, t.category, true)
	return nil
}

// payload is the JSON body of a page, post, reusable block or media item.
type payload struct {
	Title      string `json:"title,omitempty"`
	Slug       string `json:"slug,omitempty"`
	Status     string `json:"status,omitempty"`
	Parent     *int   `json:"parent,omitempty"`
	Date       string `json:"date,omitempty"`
	DateGMT    string `json:"date_gmt,omitempty"`
	Categories []int  `json:"categories,omitempty"`
	// Tags are sent for every post, none as [], so that a tag the old
	// page lost is taken off the post too.
	Tags        *[]int         `json:"tags,omitempty"`
	Excerpt     string         `json:"excerpt,omitempty"`
	Content     string         `json:"content,omitempty"`
	AltText     *string        `json:"alt_text,omitempty"`
	Caption     *string        `json:"caption,omitempty"`
	Description *string        `json:"description,omitempty"`
	Meta        map[string]any `json:"meta,omitempty"`
	// File is not sent as JSON: the media upload's bytes are identified
	// by their hash, so a changed file changes the payload.
	File string `json:"-"`
}

// Build implements load.Target.
func (t *Target) Build(rec *load.Record, links load.Links) (load.Payload, error) {
	var p payload
	var r *renderer
	var warnings []string
	switch rec.Kind {
	case load.KindFile:
		a := rec.Asset
		name := a.FileName
		if name == "" {
			name = path.Base(a.File)
		}
		title := strings.TrimSuffix(name, path.Ext(name))
		if a.Caption != "" && a.Kind == "file" {
			title = a.Caption
		}
		alt, capt, desc := a.Alt, a.Caption, a.Credit
		p = payload{Title: title, Slug: mediaSlug(a), AltText: &alt, Caption: &capt, Description: &desc, File: a.SHA256}
	case load.KindSnippet:
		var content string
		content, r = renderSnippet(rec.Snippet, links)
		p = payload{Title: snippetTitle(rec.Snippet), Slug: "umzug-snippet-" + short(rec.ID), Status: "publish", Content: content}
	case load.KindDocument:
		d := rec.Document
		var content string
		content, r = renderDocument(d, links)
		p = payload{Title: d.Title, Slug: docSlug(d), Status: t.o.Status, Content: content, Excerpt: d.Summary}
		p.Date, p.DateGMT = wpDate(d.Dates)
		if d.Kind == umzug.KindPage {
			parent := 0
			if rec.Parent != "" {
				if rem, ok := links.Remote(load.KindDocument, rec.Parent); ok {
					parent, _ = strconv.Atoi(rem.ID)
				}
			}
			p.Parent = &parent
		} else {
			var missing []string
			p.Categories, missing = t.termIDs(taxCategories, d.Categories, t.category)
			tags, missingTags := t.termIDs(taxTags, d.Tags, 0)
			p.Tags = &tags
			if missing = append(missing, missingTags...); len(missing) > 0 && !t.readOnly {
				warnings = append(warnings, fmt.Sprintf("not in WordPress, not assigned: %s", strings.Join(missing, ", ")))
			}
		}
		if t.meta {
			p.Meta = docMeta(d, t.metaFax, t.metaTerms)
		}
		if d.Kind == umzug.KindPage && !t.metaTerms && len(d.Categories)+len(d.Tags) > 0 {
			warnings = append(warnings, "WordPress pages have no categories or tags; not loaded: "+termList(d)+
				" (the mu-plugin umzug-meta.php, version 2 or later, keeps them as the page's meta umzug_categories and umzug_tags)")
		}
	default:
		return load.Payload{}, fmt.Errorf("unknown record kind %q", rec.Kind)
	}
	body, err := json.Marshal(p)
	if err != nil {
		return load.Payload{}, err
	}
	if p.File != "" {
		body = append(body, []byte("\nfile:"+p.File)...)
	}
	out := load.Payload{Body: body, Slug: p.Slug}
	if r != nil {
		out.Unresolved, out.Warnings = r.unresolved, r.warnings
	}
	out.Warnings = append(out.Warnings, warnings...)
	return out, nil
}

// route is the collection of a record in the REST API.
func route(rec *load.Record) string {
	switch rec.Kind {
	case load.KindFile:
		return "/wp/v2/media"
	case load.KindSnippet:
		return "/wp/v2/blocks"
	}
	if rec.DocKind == umzug.KindPressRelease || rec.Document != nil && rec.Document.Kind == umzug.KindPressRelease {
		return "/wp/v2/posts"
	}
	return "/wp/v2/pages"
}

func jsonBody(p load.Payload) []byte {
	b, _, _ := bytes.Cut(p.Body, []byte("\nfile:"))
	return b
}

// Create implements load.Target.
func (t *Target) Create(ctx context.Context, rec *load.Record, p load.Payload) (load.Remote, error) {
	if rec.Kind == load.KindFile {
		return t.upload(ctx, rec, p)
	}
	b, err := t.call(ctx, http.MethodPost, route(rec), nil, json.RawMessage(jsonBody(p)))
	if err != nil {
		return load.Remote{}, err
	}
	return remoteOf(b)
}

// upload sends the file of an asset to the media library with its texts
// (as query parameters of the same request, so one request makes it).
func (t *Target) upload(ctx context.Context, rec *load.Record, p load.Payload) (load.Remote, error) {
	var meta payload
	if err := json.Unmarshal(jsonBody(p), &meta); err != nil {
		return load.Remote{}, err
	}
	q := url.Values{"title": {meta.Title}, "slug": {meta.Slug}}
	if meta.AltText != nil && *meta.AltText != "" {
		q.Set("alt_text", *meta.AltText)
	}
	if meta.Caption != nil && *meta.Caption != "" {
		q.Set("caption", *meta.Caption)
	}
	if meta.Description != nil && *meta.Description != "" {
		q.Set("description", *meta.Description)
	}
	data, err := os.ReadFile(rec.FilePath)
	if err != nil {
		return load.Remote{}, fmt.Errorf("reading %s: %w", rec.FilePath, err)
	}
	name := load.SafeFileName(rec.Asset.FileName)
	if name == "" {
		name = load.SafeFileName(rec.Asset.File)
		if i := strings.IndexByte(name, '-'); i == 64 { // the store's "<sha256>-" prefix
			name = name[65:]
		}
	}
	mt := rec.Asset.MimeType
	if mt == "" {
		mt = mime.TypeByExtension(path.Ext(name))
	}
	if mt == "" {
		mt = "application/octet-stream"
	}
	hdr := http.Header{"Content-Disposition": {mime.FormatMediaType("attachment", map[string]string{"filename": name})}}
	resp, err := t.do(ctx, http.MethodPost, t.routeURL("/wp/v2/media", q), data, mt, hdr)
	if err != nil {
		return load.Remote{}, err
	}
	return mediaRemoteOf(resp)
}

// Update implements load.Target.
func (t *Target) Update(ctx context.Context, rec *load.Record, p load.Payload, r load.Remote) (load.Remote, error) {
	b, err := t.call(ctx, http.MethodPost, route(rec)+"/"+url.PathEscape(r.ID), nil, json.RawMessage(jsonBody(p)))
	if err != nil {
		var we *Error
		if errors.As(err, &we) && (we.Status == http.StatusNotFound || we.Code == "rest_post_invalid_id") {
			return load.Remote{}, fmt.Errorf("%w: %w", load.ErrRemoteGone, err)
		}
		return load.Remote{}, err
	}
	if rec.Kind == load.KindFile {
		return mediaRemoteOf(b)
	}
	return remoteOf(b)
}

// Find implements load.Target: the item of the record's collection with
// the slug the record was being created with (for pages, under the same
// parent; for pages and posts, with the same title).
func (t *Target) Find(ctx context.Context, rec *load.Record, p load.Payload) (load.Remote, bool, error) {
	if p.Slug == "" {
		return load.Remote{}, false, nil
	}
	var want payload
	if err := json.Unmarshal(jsonBody(p), &want); err != nil {
		return load.Remote{}, false, err
	}
	q := url.Values{"slug": {p.Slug}, "context": {"edit"}, "per_page": {"20"}}
	switch rec.Kind {
	case load.KindFile:
		q.Set("status", "inherit")
	default:
		q.Set("status", "publish,future,draft,pending,private")
	}
	if want.Parent != nil {
		q.Set("parent", strconv.Itoa(*want.Parent))
	}
	b, err := t.call(ctx, http.MethodGet, route(rec), q, nil)
	if err != nil {
		return load.Remote{}, false, err
	}
	var items []struct {
		ID    int    `json:"id"`
		Link  string `json:"link"`
		Src   string `json:"source_url"`
		Slug  string `json:"slug"`
		Title struct {
			Raw string `json:"raw"`
		} `json:"title"`
	}
	if err := json.Unmarshal(b, &items); err != nil {
		return load.Remote{}, false, fmt.Errorf("reading %s: %w", route(rec), err)
	}
	if len(items) == 0 && rec.Kind == load.KindDocument && want.Title != "" {
		// WordPress may have changed the slug (a clash, a reserved
		// word): look for the title.
		q.Del("slug")
		q.Set("search", want.Title)
		if b, err = t.call(ctx, http.MethodGet, route(rec), q, nil); err != nil {
			return load.Remote{}, false, err
		}
		if err := json.Unmarshal(b, &items); err != nil {
			return load.Remote{}, false, fmt.Errorf("reading %s: %w", route(rec), err)
		}
		for i := range items {
			items[i].Slug = p.Slug // matched on the title below
		}
	}
	for _, it := range items {
		if it.Slug != p.Slug || (rec.Kind == load.KindDocument && it.Title.Raw != want.Title) {
			continue
		}
		r := load.Remote{ID: strconv.Itoa(it.ID), Link: it.Link}
		if rec.Kind == load.KindFile {
			r.Link = it.Src
		}
		return r, true, nil
	}
	return load.Remote{}, false, nil
}

func remoteOf(b []byte) (load.Remote, error) {
	var r struct {
		ID   int    `json:"id"`
		Link string `json:"link"`
	}
	if err := json.Unmarshal(b, &r); err != nil || r.ID == 0 {
		return load.Remote{}, fmt.Errorf("unexpected answer: %.200s", b)
	}
	return load.Remote{ID: strconv.Itoa(r.ID), Link: r.Link}, nil
}

func mediaRemoteOf(b []byte) (load.Remote, error) {
	var r struct {
		ID  int    `json:"id"`
		Src string `json:"source_url"`
	}
	if err := json.Unmarshal(b, &r); err != nil || r.ID == 0 || r.Src == "" {
		return load.Remote{}, fmt.Errorf("unexpected answer: %.200s", b)
	}
	return load.Remote{ID: strconv.Itoa(r.ID), Link: r.Src}, nil
}

// Error is an error answer of the REST API: its status and WordPress's
// code and message from the JSON body.
type Error struct {
	Method, URL string
	Status      int
	Code        string
	Message     string
	// Data is WordPress's data of the error (term_exists: the id of the
	// existing term).
	Data json.RawMessage
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Code != "" {
		msg = e.Code + ": " + msg
	}
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.Method, e.URL, e.Status, msg)
}

// routeURL is the URL of a REST route, for both forms of the API root.
func (t *Target) routeURL(route string, q url.Values) string {
	if i := strings.Index(t.api, "rest_route="); i >= 0 {
		u := t.api[:i] + "rest_route=" + url.QueryEscape(strings.TrimSuffix(t.api[i+len("rest_route="):], "/")+route)
		if len(q) > 0 {
			u += "&" + q.Encode()
		}
		return u
	}
	u := strings.TrimSuffix(t.api, "/") + route
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// call sends a JSON request to a route and returns the answer's body.
func (t *Target) call(ctx context.Context, method, route string, q url.Values, body any) ([]byte, error) {
	var data []byte
	ct := ""
	if body != nil {
		var err error
		if data, err = json.Marshal(body); err != nil {
			return nil, err
		}
		ct = "application/json"
	}
	return t.do(ctx, method, t.routeURL(route, q), data, ct, nil)
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request with retries and returns the body of a 2xx answer;
// any other answer is an *Error with WordPress's code and message.
func (t *Target) do(ctx context.Context, method, u string, data []byte, contentType string, hdr http.Header) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		resp, err := t.send(ctx, method, u, data, contentType, hdr)
		if err == nil && resp.status >= 200 && resp.status < 300 {
			return resp.body, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var retryAfter time.Duration
		retry := err != nil
		if err == nil {
			retry = resp.status == 408 || resp.status == 425 || resp.status == 429 || resp.status >= 500
			retryAfter = parseRetryAfter(resp.header.Get("Retry-After"))
			err = wpError(method, u, resp)
		}
		if !retry || attempt >= t.o.Retries {
			return nil, err
		}
		wait := t.o.MinBackoff << min(attempt, 16)
		if wait > t.o.MaxBackoff || wait <= 0 {
			wait = t.o.MaxBackoff
		}
		wait = wait/2 + time.Duration(rand.Int64N(int64(wait/2)+1))
		if retryAfter > 0 {
			wait = min(retryAfter, t.o.MaxBackoff)
		}
		t.o.Logger.Debug("retrying", "method", method, "url", u, "try", attempt+1, "wait", wait, "err", err)
		tm := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			tm.Stop()
			return nil, ctx.Err()
		case <-tm.C:
		}
	}
}

func (t *Target) send(ctx context.Context, method, u string, data []byte, contentType string, hdr http.Header) (response, error) {
	var body io.Reader
	if data != nil {
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return response{}, err
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(t.o.User, t.o.Password)
	t.requests.Add(1)
	resp, err := t.o.Client.Do(req)
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return response{}, fmt.Errorf("%s %s: reading the answer: %w", method, u, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

func wpError(method, u string, resp response) error {
	e := &Error{Method: method, URL: u, Status: resp.status}
	var body struct {
		Code    string          `json:"code"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	}
	if json.Unmarshal(resp.body, &body) == nil && (body.Code != "" || body.Message != "") {
		e.Code, e.Message, e.Data = body.Code, body.Message, body.Data
	} else {
		e.Message = strings.TrimSpace(string(resp.body))
		if len(e.Message) > 300 {
			e.Message = e.Message[:300] + "…"
		}
	}
	return e
}

func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if tm, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(tm))
	}
	return 0
}

// docSlug is the last segment of a document's new path ("" for the home
// page: WordPress derives it from the title).
//
// WordPress does not give a page a slug of digits only (it would clash
// with its pagination: /seite/2/ becomes /seite/2-2/); such a segment
// gets its parent segment in front: seite-2.
func docSlug(d *umzug.Document) string {
	p := strings.Trim(d.Path, "/")
	if p == "" {
		return ""
	}
	segs := strings.Split(p, "/")
	last := segs[len(segs)-1]
	if strings.Trim(last, "0123456789") == "" && len(segs) > 1 {
		last = segs[len(segs)-2] + "-" + last
	}
	return last
}

// wpDate returns the date of a document for WordPress: a date-time with
// offset as date_gmt (UTC), a bare date as the site's local midnight.
func wpDate(d umzug.Dates) (local, gmt string) {
	v := d.Published
	if v == "" {
		v = d.Modified
	}
	if v == "" {
		return "", ""
	}
	if tm, err := time.Parse(time.RFC3339, v); err == nil {
		return "", tm.UTC().Format("2006-01-02T15:04:05")
	}
	if tm, err := time.Parse("2006-01-02", v); err == nil {
		return tm.Format("2006-01-02T15:04:05"), ""
	}
	return "", ""
}

// docMeta are the post meta the mu-plugin registers; fax tells whether
// its contacts have a fax, terms whether it has umzug_categories and
// umzug_tags (the terms as the old site named them, on pages and posts).
func docMeta(d *umzug.Document, fax, terms bool) map[string]any {
	m := map[string]any{"umzug_id": d.ID, "umzug_source_url": d.URL}
	if terms {
		m["umzug_categories"] = nonNil(d.Categories)
		m["umzug_tags"] = nonNil(d.Tags)
	}
	if pr := d.PressRelease; pr != nil && d.Kind == umzug.KindPressRelease {
		m["umzug_number"] = pr.Number
		m["umzug_kicker"] = pr.Kicker
		m["umzug_subtitle"] = pr.Subtitle
		pub := ""
		if pr.Publisher != nil {
			pub = pr.Publisher.Name
		}
		m["umzug_publisher"] = pub
		contacts := []map[string]string{}
		for _, c := range pr.Contacts {
			cm := map[string]string{"name": c.Name, "role": c.Role, "phone": c.Phone, "email": c.Email}
			if fax {
				cm["fax"] = c.Fax
			}
			contacts = append(contacts, cm)
		}
		m["umzug_contacts"] = contacts
	}
	return m
}

// mediaSlug names a media item after its file and the start of its hash,
// so a run that was killed during the upload finds it again.
func mediaSlug(a *umzug.Asset) string {
	name := a.FileName
	if name == "" {
		name = path.Base(a.URL)
	}
	s := slugify(strings.TrimSuffix(name, path.Ext(name)))
	if len(s) > 60 {
		s = strings.Trim(s[:60], "-")
	}
	return s + "-" + short(a.SHA256)
}

func short(s string) string {
	s = strings.ReplaceAll(s, "-", "")
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// slugify makes a WordPress slug: lower case ASCII letters, digits and
// dashes, German umlauts transliterated.
func slugify(s string) string {
	return strings.ToLower(strings.Trim(strings.ReplaceAll(load.SafeFileName(strings.ReplaceAll(s, ".", "-")), "_", "-"), "-"))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// termIDs returns the ids of the terms named names, in their order after
// first (when not 0), each once, and the names that have no id (a dry
// run does not create them).
func (t *Target) termIDs(taxonomy string, names []string, first int) (ids []int, missing []string) {
	ids = []int{}
	if first != 0 {
		ids = append(ids, first)
	}
	for _, n := range names {
		id, _ := t.terms.get(taxonomy, n)
		switch {
		case id == 0:
			missing = append(missing, singular(taxonomy)+" "+strconv.Quote(n))
		case !slices.Contains(ids, id):
			ids = append(ids, id)
		}
	}
	return ids, missing
}

// termList names the categories and tags of a document for a message.
func termList(d *umzug.Document) string {
	var parts []string
	if len(d.Categories) > 0 {
		parts = append(parts, "categories "+strings.Join(d.Categories, ", "))
	}
	if len(d.Tags) > 0 {
		parts = append(parts, "tags "+strings.Join(d.Tags, ", "))
	}
	return strings.Join(parts, "; ")
}
