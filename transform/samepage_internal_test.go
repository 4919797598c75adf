package transform

import "testing"

func TestDirKey(t *testing.T) {
	for _, c := range []struct {
		u    string
		key  string
		rank int
		ok   bool
	}{
		{"https://x.de/", "https://x.de", 0, true},
		{"https://x.de", "https://x.de", 0, true},
		{"https://x.de/index.html", "https://x.de", 2, true},
		{"https://x.de/presse/", "https://x.de/presse", 0, true},
		{"https://x.de/presse", "https://x.de/presse", 1, true},
		{"https://x.de/presse/index.php", "https://x.de/presse", 2, true},
		{"https://x.de/presse/Default.aspx", "https://x.de/presse", 2, true},
		{"https://x.de/presse/?L=1", "https://x.de/presse?L=1", 0, true},
		{"https://x.de/presse/index.html?L=1", "https://x.de/presse?L=1", 2, true},
		{"https://x.de/presse/pm-42.html", "", 0, false},
		{"https://x.de/presse/index2.html", "", 0, false},
		{"https://x.de/v1.2/", "https://x.de/v1.2", 0, true},
		{"https://x.de/v1.2", "", 0, false}, // a name with a dot is a file's
		// TYPO3: a page under its uid and under simulateStaticDocuments
		// is filed with the root; the content tells the pages apart
		{"https://x.de/index.php?id=14", "https://x.de", 3, true},
		{"https://x.de/index.php?id=14&L=1", "https://x.de?L=1", 3, true},
		{"https://x.de/?L=1", "https://x.de?L=1", 0, true},
		{"https://x.de/verbraucherschutz.14.0.html", "https://x.de", 1, true},
		{"https://x.de/verbraucherschutz.14.98.html", "", 0, false},
		{"https://x.de/index.php?id=21&tx_ttnews%5Btt_news%5D=101", "https://x.de?id=21&tx_ttnews%5Btt_news%5D=101", 2, true}, // a directory with its query
	} {
		key, rank, ok := dirKey(c.u)
		if key != c.key || rank != c.rank || ok != c.ok {
			t.Errorf("dirKey(%q) = %q, %d, %v; want %q, %d, %v", c.u, key, rank, ok, c.key, c.rank, c.ok)
		}
	}
}
