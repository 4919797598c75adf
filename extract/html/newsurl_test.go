package html

import "testing"

// The commit says singular nachricht/meldung are news paths; "en?" makes
// only the n optional.
func TestNewsURLSingular(t *testing.T) {
	for _, p := range []string{"/land/meldung/grenze.html", "/land/nachricht/123/", "/land/pressemitteilung/456/"} {
		if !newsURL.MatchString(p) {
			t.Errorf("%s is no news path", p)
		}
	}
}
