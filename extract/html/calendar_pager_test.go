package html_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// TestCalendarPagerDropped: a calendar's links to its other months
// ("« November  Januar »", calendar views the export leaves out) are
// pagination, not content; the month's events stay, and so does a line
// that links one calendar view among words.
func TestCalendarPagerDropped(t *testing.T) {
	page := `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Veranstaltungen</title><meta name="generator" content="TYPO3 CMS"></head><body>
<header id="page-header"><nav><ul><li><a href="/themen/">Themen</a></li><li><a href="/service/">Service</a></li></ul></nav></header>
<main id="page-content"><!--TYPO3SEARCH_begin-->
<div id="c31" class="frame frame-default frame-type-list frame-layout-default"><h1>Veranstaltungen</h1>
<h2>Dezember 2026</h2>
<div class="calendar-nav"><a href="/service/veranstaltungen/?month=2026-11">« November</a> <a href="/service/veranstaltungen/?month=2027-01">Januar »</a></div>
<ul class="events"><li class="event"><span class="event-date">10.12.2026</span> <span class="event-title">Verleihung der Klimaschulen</span>, <span class="event-location">Neustadt</span></li>
<li class="event"><span class="event-date">17.12.2026</span> <span class="event-title">Fachgespräch Wärmeplanung</span>, <span class="event-location">Oberdorf</span></li></ul>
<p>Die Termine des Vormonats finden Sie im <a href="/service/veranstaltungen/?month=2026-11">Kalender für November</a>.</p>
</div>
<!--TYPO3SEARCH_end--></main>
<footer id="page-footer"><p>© 2026 Ministerium für Umwelt</p></footer>
</body></html>`
	ex, err := html.NewParser().Explain(strings.NewReader(page), "https://www.mue.example/service/veranstaltungen/")
	if err != nil {
		t.Fatal(err)
	}
	text := allText(ex.Document)
	for _, want := range []string{"Verleihung der Klimaschulen", "Fachgespräch Wärmeplanung", "Kalender für November"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lost; text %q", want, text)
		}
	}
	if b, err := json.Marshal(ex.Document.Blocks); err != nil || strings.Contains(string(b), "Januar") {
		t.Errorf("calendar navigation kept: %s (%v)", b, err)
	}
	found := false
	for _, d := range ex.Document.Provenance.Accounting.Dropped {
		if strings.Contains(d.Excerpt, "Januar »") {
			found = true
			if d.Reason != umzug.DropPagination {
				t.Errorf("calendar navigation dropped as %q; want pagination", d.Reason)
			}
		}
	}
	if !found {
		t.Errorf("calendar navigation not accounted for: %+v", ex.Document.Provenance.Accounting.Dropped)
	}
}
