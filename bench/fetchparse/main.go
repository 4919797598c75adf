// Command fetchparse is the reference of bench/throughput.sh: the least work
// a crawler of a site must do. It reads the site's URL list from its sitemap
// (following a sitemap index), fetches every URL once with net/http at the
// given concurrency and parses each body with golang.org/x/net/html. No link
// extraction, no storage: the upper limit for any tool that fetches and
// parses the same pages on the same machine.
//
//	go run ./bench/fetchparse -c 16 http://127.0.0.1:8199/sitemap.xml
//
// It prints one line to stdout ("pages N bytes B elements E errors F") and
// each failed URL with its reason to stderr; it exits 1 when any URL failed.
package main

import (
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/net/html"
)

func main() {
	conc := flag.Int("c", 16, "concurrent requests")
	timeout := flag.Duration("timeout", 30*time.Second, "timeout of one request")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: fetchparse [-c N] [-timeout D] SITEMAP-URL")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *conc < 1 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	client := &http.Client{
		Timeout: *timeout,
		Transport: &http.Transport{
			Proxy:               nil, // loopback only; never a proxy from the environment
			MaxIdleConns:        *conc,
			MaxIdleConnsPerHost: *conc, // the default (2) would open a new connection for most requests
			IdleConnTimeout:     90 * time.Second,
		},
	}
	urls, err := sitemapURLs(ctx, client, flag.Arg(0), 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fetchparse:", err)
		os.Exit(1)
	}
	if len(urls) == 0 {
		fmt.Fprintf(os.Stderr, "fetchparse: %s lists no URLs\n", flag.Arg(0))
		os.Exit(1)
	}
	s := run(ctx, client, urls, *conc)
	fmt.Printf("pages %d bytes %d elements %d errors %d\n", s.pages.Load(), s.bytes.Load(), s.elements.Load(), s.errors.Load())
	if s.errors.Load() > 0 || ctx.Err() != nil {
		os.Exit(1)
	}
}

type stats struct {
	pages, bytes, elements, errors atomic.Int64
}

// run fetches and parses urls with conc workers.
func run(ctx context.Context, client *http.Client, urls []string, conc int) *stats {
	var s stats
	work := make(chan string)
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				n, elems, err := fetchParse(ctx, client, u)
				if err != nil {
					s.errors.Add(1)
					fmt.Fprintf(os.Stderr, "fetchparse: %s: %v\n", u, err)
					continue
				}
				s.pages.Add(1)
				s.bytes.Add(n)
				s.elements.Add(int64(elems))
			}
		}()
	}
feed:
	for _, u := range urls {
		select {
		case work <- u:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	return &s
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// fetchParse GETs u, parses the body as HTML and returns the body's size and
// the number of elements in the tree (so the parse is used, not just run).
func fetchParse(ctx context.Context, client *http.Client, u string) (int64, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return 0, 0, fmt.Errorf("status %s", resp.Status)
	}
	cr := &countingReader{r: resp.Body}
	doc, err := html.Parse(cr)
	if err != nil {
		return cr.n, 0, fmt.Errorf("parsing: %w", err)
	}
	// html.Parse stops at EOF or a read error; a read error is a failed fetch.
	if _, err := io.Copy(io.Discard, cr); err != nil {
		return cr.n, 0, fmt.Errorf("reading body: %w", err)
	}
	elems := 0
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			elems++
		}
	}
	return cr.n, elems, nil
}

// sitemapURLs returns the page URLs a sitemap lists, following the sitemaps
// of a sitemap index (one level deep, as sitemaps.org allows).
func sitemapURLs(ctx context.Context, client *http.Client, u string, depth int) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("sitemap %s: %w", u, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("sitemap %s: status %s", u, resp.Status)
	}
	var doc struct {
		XMLName xml.Name
		URLs    []string `xml:"url>loc"`
		Maps    []string `xml:"sitemap>loc"`
	}
	if err := xml.NewDecoder(resp.Body).Decode(&doc); err != nil {
		return nil, fmt.Errorf("sitemap %s: %w", u, err)
	}
	switch doc.XMLName.Local {
	case "urlset":
		return doc.URLs, nil
	case "sitemapindex":
		if depth > 0 {
			return nil, fmt.Errorf("sitemap %s: a sitemap index inside a sitemap index", u)
		}
		var out []string
		for _, m := range doc.Maps {
			urls, err := sitemapURLs(ctx, client, m, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, urls...)
		}
		return out, nil
	default:
		return nil, errors.New("sitemap " + u + ": root element <" + doc.XMLName.Local + ">, want <urlset> or <sitemapindex>")
	}
}
