// Command collyref crawls a site with Colly v2 as its documentation shows:
// an asynchronous collector limited to the start URL's host, at most -c
// requests at a time (one LimitRule), following every a[href], everything
// else at Colly's defaults (in-memory visited set, default HTTP client,
// robots.txt ignored). bench/throughput.sh runs it beside umzug as an
// outside reference. It prints one line to stdout ("pages N errors F") and
// each failed URL to stderr.
//
//	go run ./bench/collyref -c 16 http://127.0.0.1:8199/
package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"

	"github.com/gocolly/colly/v2"
)

func main() {
	conc := flag.Int("c", 16, "parallel requests")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: collyref [-c N] START-URL")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *conc < 1 {
		flag.Usage()
		os.Exit(2)
	}
	start, err := url.Parse(flag.Arg(0))
	if err != nil || start.Host == "" {
		fmt.Fprintf(os.Stderr, "collyref: %q is not an absolute URL\n", flag.Arg(0))
		os.Exit(2)
	}
	c := colly.NewCollector(colly.Async(true), colly.AllowedDomains(start.Hostname()))
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: *conc}); err != nil {
		fmt.Fprintln(os.Stderr, "collyref:", err)
		os.Exit(1)
	}
	var pages, errs atomic.Int64
	c.OnResponse(func(r *colly.Response) {
		if strings.HasPrefix(r.Headers.Get("Content-Type"), "text/html") {
			pages.Add(1)
		}
	})
	c.OnHTML("a[href]", func(e *colly.HTMLElement) {
		// Errors here are "already visited", "forbidden domain" and the like:
		// Colly's normal way of declining a link.
		_ = e.Request.Visit(e.Attr("href"))
	})
	c.OnError(func(r *colly.Response, err error) {
		errs.Add(1)
		fmt.Fprintf(os.Stderr, "collyref: %s: %v\n", r.Request.URL, err)
	})
	if err := c.Visit(start.String()); err != nil {
		fmt.Fprintln(os.Stderr, "collyref:", err)
		os.Exit(1)
	}
	c.Wait()
	fmt.Printf("pages %d errors %d\n", pages.Load(), errs.Load())
	if errs.Load() > 0 {
		os.Exit(1)
	}
}
