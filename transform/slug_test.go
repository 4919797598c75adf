package transform

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		in     string
		maxLen int
		want   string
	}{
		{"Straßenbau in Thüringen", 0, "strassenbau-in-thueringen"},
		{"Öffentlicher Dienst – Stellen", 0, "oeffentlicher-dienst-stellen"},
		{"ÄRGER", 0, "aerger"},
		{"Nr. 042/2024", 0, "nr-042-2024"},
		{"GROẞE STRAẞE", 0, "grosse-strasse"},
		{"Übergänge, Öfen & Süßes", 0, "uebergaenge-oefen-suesses"},
		{"Thu\u0308ringen", 0, "thueringen"}, // decomposed ü, composed by NFC
		{"Café Crème", 0, "cafe-creme"},
		{"Čapek, Łódź, Øresund, Åland, Æsir", 0, "capek-lodz-oresund-aland-aesir"},
		{"Œuvre, Þing, Đakovo", 0, "oeuvre-thing-dakovo"},
		{"ﬁnanzen m² ½", 0, "finanzen-m2-1-2"},
		{"  --Hallo,   Welt!--  ", 0, "hallo-welt"},
		{"presse_mitteilung.html", 0, "presse-mitteilung-html"},
		{"Україна – Hilfe für Geflüchtete", 0, "hilfe-fuer-gefluechtete"},
		{"", 0, ""},
		{"– … –", 0, ""},
		{"Україна", 0, ""},
		{"\xff\xfeabc", 0, "abc"},
		// Cutting at maxLen.
		{"Straßenbau in Thüringen", 25, "strassenbau-in-thueringen"},
		{"Straßenbau in Thüringen", 24, "strassenbau"}, // not "strassenbau-in"
		{"Straßenbau in Thüringen", 14, "strassenbau"},
		{"Straßenbau in Thüringen", 15, "strassenbau"},
		{"Straßenbau in Thüringen", 13, "strassenbau"},
		{"Straßenbau in Thüringen", 5, "stras"},
		{"Straßenbau in Thüringen", -1, "strassenbau-in-thueringen"},
		// A cut slug does not end in an article, preposition or conjunction.
		{"Straßenbau in Thüringen", 24, "strassenbau"},
		{"Gigabitförderung: Weitere 48 Millionen Euro für schnelles Internet im ländlichen Raum", 80,
			"gigabitfoerderung-weitere-48-millionen-euro-fuer-schnelles-internet"},
		{"Gigabitförderung: Weitere 48 Millionen Euro für schnelles Internet im ländlichen Raum", 47,
			"gigabitfoerderung-weitere-48-millionen-euro"},
		{"Förderung für die Kommunen", 22, "foerderung"},
		{"Bericht zum Stand der Digitalisierung", 28, "bericht-zum-stand"},
		{"Report on the state of the roads", 24, "report-on-the-state"},
		{"Ausbau und Sanierung", 15, "ausbau"},
		{"In der Stadt", 9, "in"},            // at least one word stays
		{"Bericht über", 0, "bericht-ueber"}, // a slug that fits is not changed
	}
	for _, tt := range tests {
		if got := Slug(tt.in, tt.maxLen); got != tt.want {
			t.Errorf("Slug(%q, %d) = %q; want %q", tt.in, tt.maxLen, got, tt.want)
		}
	}
}

func TestSlugIdempotent(t *testing.T) {
	for _, s := range []string{
		"Straßenbau in Thüringen", "Öffentlicher Dienst – Stellen", "ÄRGER", "Nr. 042/2024",
		"Café Crème", "ﬁnanzen m² ½", "a-b--c", "-x-",
	} {
		for _, n := range []int{0, 1, 3, 7, 14, 100} {
			once := Slug(s, n)
			if twice := Slug(once, n); twice != once {
				t.Errorf("Slug(Slug(%q, %d), %d) = %q; want %q", s, n, n, twice, once)
			}
		}
	}
}

// checkSlug reports what is wrong with a slug, or "".
func checkSlug(slug string, maxLen int) string {
	for i := 0; i < len(slug); i++ {
		if c := slug[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return fmt.Sprintf("byte %q at %d not in [a-z0-9-]", c, i)
		}
	}
	switch {
	case strings.Contains(slug, "--"):
		return `contains "--"`
	case strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-"):
		return `starts or ends with "-"`
	case maxLen > 0 && len(slug) > maxLen:
		return fmt.Sprintf("longer than %d bytes", maxLen)
	}
	return ""
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{
		"Straßenbau in Thüringen", "Öffentlicher Dienst – Stellen", "ÄRGER", "Nr. 042/2024",
		"Čapek, Łódź", "ﬁ ½ ²", "Україна", "\u0308\u0301x", "ǅ ǈ Ⅻ",
	} {
		f.Add(s, 0)
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, maxLen int) {
		maxLen %= 200
		slug := Slug(s, maxLen)
		if msg := checkSlug(slug, maxLen); msg != "" {
			t.Fatalf("Slug(%q, %d) = %q: %s", s, maxLen, slug, msg)
		}
		if again := Slug(slug, maxLen); again != slug {
			t.Fatalf("Slug(%q, %d) = %q; want %q (idempotence, from %q)", slug, maxLen, again, slug, s)
		}
	})
}

func TestPathAllocator(t *testing.T) {
	a := NewPathAllocator()
	steps := []struct{ in, want string }{
		{"/presse/2024/03/breitband", "/presse/2024/03/breitband"},
		{"/presse/2024/03/breitband", "/presse/2024/03/breitband-2"},
		{"/presse/2024/03/breitband", "/presse/2024/03/breitband-3"},
		{"/presse/2024/03/breitband-4", "/presse/2024/03/breitband-4"},
		{"/presse/2024/03/breitband", "/presse/2024/03/breitband-5"},
		{"/presse/2024/03/breitband-2", "/presse/2024/03/breitband-2-2"},
		{"/presse/", "/presse/"},
		{"/presse/", "/presse-2/"},
		{"/", "/"},
		{"/", "/-2"},
	}
	for _, s := range steps {
		if got := a.Unique(s.in); got != s.want {
			t.Errorf("Unique(%q) = %q; want %q", s.in, got, s.want)
		}
	}
}

func TestPathAllocatorConcurrent(t *testing.T) {
	a := NewPathAllocator()
	const workers, each = 8, 50
	var (
		mu   sync.Mutex
		seen = map[string]bool{}
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for range each {
				p := a.Unique("/aktuelles/meldung")
				mu.Lock()
				if seen[p] {
					t.Errorf("Unique(%q) = %q twice", "/aktuelles/meldung", p)
				}
				seen[p] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != workers*each {
		t.Errorf("got %d distinct paths; want %d", len(seen), workers*each)
	}
	if !seen["/aktuelles/meldung"] || !seen[fmt.Sprintf("/aktuelles/meldung-%d", workers*each)] {
		t.Errorf("paths not numbered 1 to %d", workers*each)
	}
}

func BenchmarkSlug(b *testing.B) {
	for b.Loop() {
		Slug("Öffentlicher Dienst – Stellenausschreibungen des Freistaats Thüringen 2024", 60)
	}
}
