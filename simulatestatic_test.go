package umzug

import "testing"

func TestSimulateStatic(t *testing.T) {
	tests := []struct{ path, title, uid, typ, page string }{
		{"/ministerium.12.0.html", "ministerium", "12", "0", ""},
		{"/ministerium.12.98.html", "ministerium", "12", "98", "/ministerium.12.0.html"},
		{"/12.0.html", "", "12", "0", ""},
		{"/der-minister.3+M5d8a7e4b1f.98.html", "der-minister", "3", "98", "/der-minister.3+M5d8a7e4b1f.0.html"},
		{"/presse/archiv.2014.98.html", "presse/archiv"[len("presse/"):], "2014", "98", "/presse/archiv.2014.0.html"},
		{"/bericht-2014.html", "", "", "", ""},
		{"/index.html", "", "", "", ""},
		{"/v1.2.html.bak", "", "", "", ""},
	}
	for _, tt := range tests {
		title, uid, typ, ok := SimulateStatic(tt.path)
		if ok != (tt.uid != "") || title != tt.title || uid != tt.uid || typ != tt.typ {
			t.Errorf("SimulateStatic(%q) = %q %q %q %v", tt.path, title, uid, typ, ok)
		}
		page, ok := SimulateStaticPrint(tt.path)
		if page != tt.page || ok != (tt.page != "") {
			t.Errorf("SimulateStaticPrint(%q) = %q %v; want %q", tt.path, page, ok, tt.page)
		}
	}
}
