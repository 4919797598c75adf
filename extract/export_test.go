package extract

import "testing"

// SitemapLastmods counts the sitemap entries with a lastmod kept in the
// archive at dir (for tests in package extract_test).
func SitemapLastmods(t testing.TB, dir string) int {
	t.Helper()
	db, err := openExistingDB(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sitemap_urls WHERE lastmod != ''`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
