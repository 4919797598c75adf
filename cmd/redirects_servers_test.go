package cmd

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRedirectsOnRealServers checks the redirect maps of an export with
// the servers they are written for: .ci/redirects.sh installs Debian's
// nginx and apache2, serves the demo export's redirects.nginx.conf,
// redirects.htaccess and redirects.apache-map.txt on 127.0.0.1 and names
// them in UMZUG_REDIRECT_SERVERS ("name=http://127.0.0.1:port ..."), the
// export in UMZUG_REDIRECT_EXPORT. Every old URL of the site's host must
// answer 301 with its new path (410 where gone), and the new path must
// not redirect again: no chain, no loop.
func TestRedirectsOnRealServers(t *testing.T) {
	servers, export := os.Getenv("UMZUG_REDIRECT_SERVERS"), os.Getenv("UMZUG_REDIRECT_EXPORT")
	if servers == "" || export == "" {
		t.Skip("needs nginx and apache2 serving an export's redirect maps: run .ci/redirects.sh")
	}
	var m struct{ Source string }
	b, err := os.ReadFile(filepath.Join(export, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	site, _ := url.Parse(m.Source)
	f, err := os.Open(filepath.Join(export, "redirects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		uri, to string
		status  int
	}
	var wants []want
	for _, r := range rows[1:] {
		u, err := url.Parse(r[0])
		if err != nil || u.Host != site.Host {
			continue // another host: in the CSV only
		}
		w := want{uri: u.RequestURI(), to: r[1]}
		fmt.Sscan(r[2], &w.status)
		wants = append(wants, w)
	}
	if len(wants) == 0 {
		t.Fatalf("no old URL of %s in the export", site.Host)
	}
	for _, s := range strings.Fields(servers) {
		name, base, ok := strings.Cut(s, "=")
		if !ok {
			t.Fatalf("UMZUG_REDIRECT_SERVERS: %q: want name=URL", s)
		}
		bu, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			checked, failed := 0, 0
			for _, w := range wants {
				status, loc, err := rawGet(bu.Host, w.uri)
				if err != nil {
					t.Fatalf("GET %s: %v", w.uri, err)
				}
				checked++
				fail := func(format string, a ...any) {
					failed++
					if failed <= 20 {
						t.Errorf("%s: GET %s: "+format, append([]any{name, w.uri}, a...)...)
					}
				}
				if status != w.status {
					fail("%d; want %d", status, w.status)
					continue
				}
				if w.status == http.StatusGone {
					continue
				}
				lu, err := url.Parse(loc)
				if err != nil || lu.RequestURI() != w.to {
					fail("Location %q; want %s", loc, w.to)
					continue
				}
				// No chain, no loop: the new path does not redirect.
				st2, loc2, err := rawGet(bu.Host, lu.RequestURI())
				if err != nil {
					t.Fatalf("GET %s: %v", lu.RequestURI(), err)
				}
				if st2 == http.StatusGone || st2 >= 300 && st2 < 400 {
					fail("its new path %s answers %d %s: a chain", w.to, st2, loc2)
				}
			}
			t.Logf("%s: %d old URLs checked, %d failed", name, checked, failed)
		})
	}
}

// rawGet sends "GET uri" exactly as given (no client-side cleaning of the
// path or query) and returns the status and Location.
func rawGet(host, uri string) (int, string, error) {
	conn, err := net.DialTimeout("tcp", host, 5*time.Second)
	if err != nil {
		return 0, "", err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: umzug-redirect-check\r\nConnection: close\r\n\r\n", uri, host); err != nil {
		return 0, "", err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, "", err
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), nil
}
