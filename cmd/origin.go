package cmd

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/umzug/umzug/extract/crawl"
)

// publicCrawl names a crawl of a mirror by the site's public origin: the
// start URLs on the mirror's origin (that of the first start URL) are
// rewritten to the public origin, and the returned origins send their
// requests to the mirror. So the archive, the documents' provenance and
// re-crawls of the same site from another host or port all key URLs by
// the public address. Without a public URL, or when the mirror is the
// public site, the seeds are returned as given.
func publicCrawl(seeds []string, public string) ([]string, crawl.Origins, error) {
	if public == "" || len(seeds) == 0 {
		return seeds, nil, nil
	}
	pub, err := publicOrigin(public) // canonical: IDNA hosts in punycode
	if err != nil {
		return nil, nil, err
	}
	pu, _ := url.Parse(pub)
	first, err := url.Parse(seeds[0])
	if err != nil || first.Host == "" {
		return nil, nil, usageErr(fmt.Errorf("start URL %q: not an absolute URL", seeds[0]))
	}
	// The seeds come without user info (see CrawlFlags.staging): the
	// mirror's credentials are sent by the crawl's Auth, to the mirror.
	mirror := strings.ToLower(first.Scheme + "://" + first.Host)
	if mirror == pub {
		return seeds, nil, nil
	}
	named := make([]string, len(seeds))
	for i, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return nil, nil, usageErr(fmt.Errorf("start URL %q: not an absolute URL", s))
		}
		if strings.ToLower(u.Scheme+"://"+u.Host) == mirror {
			u.Scheme, u.Host, u.User = pu.Scheme, pu.Host, nil
		}
		named[i] = u.String()
	}
	return named, crawl.Origins{pub: mirror}, nil
}

// hostOfOrigins returns the hosts the origins name.
func hostOfOrigins(o crawl.Origins) []string {
	var hosts []string
	for named := range o {
		if u, err := url.Parse(named); err == nil {
			hosts = append(hosts, u.Host)
		}
	}
	return hosts
}
