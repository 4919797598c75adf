package html_test

import (
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// TestEnglishPressRelease: an English release's date ("15 January 2024")
// is read, and its contact box headed "Press contact" gives the person's
// name and role ("Spokesperson"), not the headline as a name.
func TestEnglishPressRelease(t *testing.T) {
	page := gsbLangPage("en", `<p class="docData"><span class="label">Date</span> <span class="value">15 January 2024</span></p>
<h1 class="isFirstInSlot">State launches funding programme for climate-resilient municipalities</h1>
<p class="abstract">Municipalities can apply for up to 250,000 euros from February.</p>
<p>The ministry today presented the programme. Around 18 million euros are available in 2024 and 2025.</p>
<div class="contact"><h2>Press contact</h2><p><strong>Dr. Hanna Brettschneider</strong><br/>Spokesperson<br/>Phone: +49 611 815-1020<br/>Fax: +49 611 815-1941<br/>Email: <a href="mailto:presse@mwkl.land.example">presse@mwkl.land.example</a></p></div>`)
	d := parseFile(t, page, "https://www.mwkl.land.example/SharedDocs/Pressemitteilungen/EN/2024/pr-climate.html")
	if d.Kind != umzug.KindPressRelease || d.Dates.Published != "2024-01-15" {
		t.Fatalf("kind %s published %q, want press_release of 2024-01-15", d.Kind, d.Dates.Published)
	}
	cs := d.PressRelease.Contacts
	if len(cs) != 1 || cs[0].Name != "Dr. Hanna Brettschneider" || cs[0].Role != "Spokesperson" || cs[0].Phone != "+49 611 815-1020" || cs[0].Email != "presse@mwkl.land.example" {
		t.Errorf("contacts %+v", cs)
	}
}

// TestEnglishDates: full English month names, day first or month first;
// "May" only with a day.
func TestEnglishDates(t *testing.T) {
	for in, want := range map[string]string{
		"15 January 2024":           "2024-01-15",
		"Date: 1 October 2023":      "2023-10-01",
		"January 15, 2024":          "2024-01-15",
		"published December 3 2021": "2021-12-03",
		"15 May 2024":               "2024-05-15",
		"12. Mai 2024":              "2024-05-12",
	} {
		if d, err := html.ParseGermanDate(in); err != nil || d.Value != want {
			t.Errorf("%q: %v %v, want %s", in, d.Value, err, want)
		}
	}
	for _, in := range []string{"Karl May 1912", "May 2024"} {
		if ds := html.FindGermanDates(in); len(ds) != 0 {
			t.Errorf("%q: %v, want no date", in, ds)
		}
	}
}
