package pipeline

import (
	"reflect"
	"testing"
)

func TestInventoryFields(t *testing.T) {
	inv := &inventory{inlinks: map[string]int{"id1": 3}}
	tests := []struct {
		r     invRow
		excel bool
		want  []string
	}{
		{invRow{URL: "https://a.example/x/", Status: invExported, HTTP: 200, Path: "/x", Kind: "press_release", Title: "=SUMME(A1)", Words: 12,
			Published: "2024-03-12", Depth: 2, ID: "id1", Dropped: map[string]int{"nav": 64, "chrome": 380}}, false,
			[]string{"https://a.example/x/", "exported", "200", "/x", "press_release", "=SUMME(A1)", "12", "2024-03-12", "2", "3", "1", "444", "chrome 380; nav 64", ""}},
		// Excel: German words, no formulas.
		{invRow{URL: "https://a.example/x/", Status: invExported, Kind: "press_release", Title: "=SUMME(A1)", Depth: -1, ID: "id1"}, true,
			[]string{"https://a.example/x/", "exportiert", "", "", "Pressemitteilung", "'=SUMME(A1)", "", "", "", "3", "1", "", "", ""}},
		// No accounting (nil): empty, not 0.
		{invRow{URL: "https://a.example/y/", Status: invGone, Depth: -1, Note: "no main content"}, false,
			[]string{"https://a.example/y/", "gone", "", "", "", "", "", "", "", "", "0", "", "", "no main content"}},
	}
	for i, tt := range tests {
		if got := inv.fields(tt.r, tt.excel, map[string]int{"https://a.example/x/": 1}); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%d: fields = %q\nwant %q", i, got, tt.want)
		}
	}
}
