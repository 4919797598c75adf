package pipeline

import (
	"regexp"
	"strings"
	"testing"

	"github.com/umzug/umzug/load"
)

func TestApacheQuoting(t *testing.T) {
	for _, uri := range []string{"/index.php?id=17&type=98", "/a+b/(c)/[d]/$e^/f.html", `/q"uote`, "/%C3%BC/"} {
		q := apacheRegexp(uri)
		// Inside the quoted argument, Apache turns \" into ".
		re := regexp.MustCompile("^[A-Z]+ " + strings.ReplaceAll(q, `\"`, `"`) + " HTTP/")
		if !re.MatchString("GET "+uri+" HTTP/1.1") || re.MatchString("GET "+uri+"x HTTP/1.1") {
			t.Errorf("apacheRegexp(%q) = %q does not match exactly", uri, q)
		}
	}
	if got := apacheSubst(`/a$1/b%2/c\d"`); got != `/a\$1/b\%2/c\\d\"` {
		t.Errorf("apacheSubst = %q", got)
	}
}

func TestNginxHashSizes(t *testing.T) {
	dir := t.TempDir()
	log := newTempLog(t, dir)
	long := "https://www.a.example/" + strings.Repeat("x", 300)
	for _, u := range []string{"https://www.a.example/a", long, "https://other.example/" + strings.Repeat("y", 2000)} {
		if err := log.Append(map[string]any{"from": u, "to": "/a", "status": 301}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := nginxHashSizes(log, nil, "www.a.example")
	if err != nil {
		t.Fatal(err)
	}
	if got[1] != "map_hash_bucket_size 512;" || got[2] != "map_hash_max_size 2048;" {
		t.Errorf("nginxHashSizes = %q", got)
	}
}

func newTempLog(t *testing.T, dir string) *load.TempLog {
	t.Helper()
	l, err := load.NewTempLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}
