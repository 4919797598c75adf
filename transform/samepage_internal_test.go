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
	} {
		key, rank, ok := dirKey(c.u)
		if key != c.key || rank != c.rank || ok != c.ok {
			t.Errorf("dirKey(%q) = %q, %d, %v; want %q, %d, %v", c.u, key, rank, ok, c.key, c.rank, c.ok)
		}
	}
}
