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

// ArchiveAliases returns the alias table of the archive at dir as
// "alias -> url (reason)" lines.
func ArchiveAliases(t testing.TB, dir string) []string {
	t.Helper()
	db, err := openExistingDB(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT alias, url, reason FROM aliases ORDER BY alias`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a, u, r string
		if err := rows.Scan(&a, &u, &r); err != nil {
			t.Fatal(err)
		}
		out = append(out, a+" -> "+u+" ("+r+")")
	}
	return out
}
