package html

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseGermanDate(t *testing.T) {
	tests := []struct {
		in   string
		want ParsedDate
	}{
		{"12. März 2024", ParsedDate{Value: "2024-03-12", Text: "12. März 2024"}},
		{"12. Maerz 2024", ParsedDate{Value: "2024-03-12", Text: "12. Maerz 2024"}},
		{"12. MÄRZ 2024", ParsedDate{Value: "2024-03-12", Text: "12. MÄRZ 2024"}},
		{"12. Ma\u0308rz 2024", ParsedDate{Value: "2024-03-12", Text: "12. Ma\u0308rz 2024"}},
		{"12. märz 2024", ParsedDate{Value: "2024-03-12", Text: "12. märz 2024"}},
		{"12.03.2024", ParsedDate{Value: "2024-03-12", Text: "12.03.2024"}},
		{"12.3.24", ParsedDate{Value: "2024-03-12", Text: "12.3.24"}},
		{"1.2.24", ParsedDate{Value: "2024-02-01", Text: "1.2.24"}},
		{"12.03.69", ParsedDate{Value: "2069-03-12", Text: "12.03.69"}},
		{"12.03.70", ParsedDate{Value: "1970-03-12", Text: "12.03.70"}},
		{"31.12.99", ParsedDate{Value: "1999-12-31", Text: "31.12.99"}},
		{"01.01.00", ParsedDate{Value: "2000-01-01", Text: "01.01.00"}},
		{"12. 03. 2024", ParsedDate{Value: "2024-03-12", Text: "12. 03. 2024"}},
		{"2024-03-12", ParsedDate{Value: "2024-03-12", Text: "2024-03-12"}},
		{"2024-03", ParsedDate{Value: "2024-03", Text: "2024-03"}},
		{"2024-03-12T10:00:00+01:00", ParsedDate{Value: "2024-03-12T10:00:00+01:00", Text: "2024-03-12T10:00:00+01:00", HasTime: true}},
		{"2024-03-12T10:00+0530", ParsedDate{Value: "2024-03-12T10:00:00+05:30", Text: "2024-03-12T10:00+0530", HasTime: true}},
		{"2024-03-12t10:00:00.123Z", ParsedDate{Value: "2024-03-12T10:00:00Z", Text: "2024-03-12t10:00:00.123Z", HasTime: true}},
		{"2024-07-12T10:00:00", ParsedDate{Value: "2024-07-12T10:00:00+02:00", Text: "2024-07-12T10:00:00", HasTime: true}},
		{"Erfurt, 12. März 2024", ParsedDate{Value: "2024-03-12", Text: "12. März 2024"}},
		{"Stand: 1. Okt. 2021", ParsedDate{Value: "2021-10-01", Text: "1. Okt. 2021"}},
		{"1. Okt 2021", ParsedDate{Value: "2021-10-01", Text: "1. Okt 2021"}},
		{"1.Okt.2021", ParsedDate{Value: "2021-10-01", Text: "1.Okt.2021"}},
		{"3 Mai 2022", ParsedDate{Value: "2022-05-03", Text: "3 Mai 2022"}},
		{"Montag, 4. November 2024", ParsedDate{Value: "2024-11-04", Text: "4. November 2024"}},
		{"12.03.2024, 14:30 Uhr", ParsedDate{Value: "2024-03-12T14:30:00+01:00", Text: "12.03.2024, 14:30 Uhr", HasTime: true}},
		{"12. März 2024 | 14:30 Uhr", ParsedDate{Value: "2024-03-12T14:30:00+01:00", Text: "12. März 2024 | 14:30 Uhr", HasTime: true}},
		{"12.07.2024, 14:30 Uhr", ParsedDate{Value: "2024-07-12T14:30:00+02:00", Text: "12.07.2024, 14:30 Uhr", HasTime: true}},
		{"12.07.2024 um 9.15 Uhr", ParsedDate{Value: "2024-07-12T09:15:00+02:00", Text: "12.07.2024 um 9.15 Uhr", HasTime: true}},
		{"12.07.2024, 10 Uhr", ParsedDate{Value: "2024-07-12T10:00:00+02:00", Text: "12.07.2024, 10 Uhr", HasTime: true}},
		{"12.07.2024 – 10:15:30", ParsedDate{Value: "2024-07-12T10:15:30+02:00", Text: "12.07.2024 – 10:15:30", HasTime: true}},
		{"2024-03-12 14:30", ParsedDate{Value: "2024-03-12T14:30:00+01:00", Text: "2024-03-12 14:30", HasTime: true}},
		{"12.03.2024 14.", ParsedDate{Value: "2024-03-12", Text: "12.03.2024"}},
		{"März 2024", ParsedDate{Value: "2024-03", Text: "März 2024"}},
		{"im Sept. 2019", ParsedDate{Value: "2019-09", Text: "Sept. 2019"}},
		{"5. Jänner 2023", ParsedDate{Value: "2023-01-05", Text: "5. Jänner 2023"}},
		{"5. Jaenner 2023", ParsedDate{Value: "2023-01-05", Text: "5. Jaenner 2023"}},
		{"5. Jän. 2023", ParsedDate{Value: "2023-01-05", Text: "5. Jän. 2023"}},
		{"7. Mrz. 2023", ParsedDate{Value: "2023-03-07", Text: "7. Mrz. 2023"}},
		{"7. Mär 2023", ParsedDate{Value: "2023-03-07", Text: "7. Mär 2023"}},
		{"29. Feb. 2024", ParsedDate{Value: "2024-02-29", Text: "29. Feb. 2024"}},
		{"1. Juni 2020", ParsedDate{Value: "2020-06-01", Text: "1. Juni 2020"}},
		{"1. Jun 2020", ParsedDate{Value: "2020-06-01", Text: "1. Jun 2020"}},
		{"24. Dez. 2020", ParsedDate{Value: "2020-12-24", Text: "24. Dez. 2020"}},
		{"15 Oct 2024", ParsedDate{Value: "2024-10-15", Text: "15 Oct 2024"}},
		{"3 Dec 2023", ParsedDate{Value: "2023-12-03", Text: "3 Dec 2023"}},
		{"7 Mar 2023", ParsedDate{Value: "2023-03-07", Text: "7 Mar 2023"}},
		{"Oct 15, 2024", ParsedDate{Value: "2024-10-15", Text: "Oct 15, 2024"}},
		{"Published Sept. 3, 2024", ParsedDate{Value: "2024-09-03", Text: "Sept. 3, 2024"}},
		{"Dec 24 2020", ParsedDate{Value: "2020-12-24", Text: "Dec 24 2020"}},
		// RFC 1123, as meta tags copy it from headers: the zone is its own.
		{"Mon, 14 Oct 2024 23:30:00 GMT", ParsedDate{Value: "2024-10-14T23:30:00Z", Text: "Mon, 14 Oct 2024 23:30:00 GMT", HasTime: true}},
		{"Sat, 19 Oct 2019 00:04:00 +0200", ParsedDate{Value: "2019-10-19T00:04:00+02:00", Text: "Sat, 19 Oct 2019 00:04:00 +0200", HasTime: true}},
		{" Tue, 1 Oct 2024 08:00:00 +0000", ParsedDate{Value: "2024-10-01T08:00:00Z", Text: "Tue, 1 Oct 2024 08:00:00 +0000", HasTime: true}},
		{"12.\u00a0März\u00a02024", ParsedDate{Value: "2024-03-12", Text: "12.\u00a0März\u00a02024"}},
		{"12.\u2009März\u202f2024", ParsedDate{Value: "2024-03-12", Text: "12.\u2009März\u202f2024"}},
		{"12.03.2024,\u00a014:30\u00a0Uhr", ParsedDate{Value: "2024-03-12T14:30:00+01:00", Text: "12.03.2024,\u00a014:30\u00a0Uhr", HasTime: true}},
		{"  12.03.2024  ", ParsedDate{Value: "2024-03-12", Text: "12.03.2024"}},
		{"12.03.2024 – 14.03.2024", ParsedDate{Value: "2024-03-12", Text: "12.03.2024"}},
		// DST changes: the gap moves forward; after the autumn change, CET.
		{"31.03.2024, 02:30 Uhr", ParsedDate{Value: "2024-03-31T03:30:00+02:00", Text: "31.03.2024, 02:30 Uhr", HasTime: true}},
		{"31.03.2024, 03:30 Uhr", ParsedDate{Value: "2024-03-31T03:30:00+02:00", Text: "31.03.2024, 03:30 Uhr", HasTime: true}},
		{"27.10.2024, 01:30 Uhr", ParsedDate{Value: "2024-10-27T01:30:00+02:00", Text: "27.10.2024, 01:30 Uhr", HasTime: true}},
		{"27.10.2024, 03:30 Uhr", ParsedDate{Value: "2024-10-27T03:30:00+01:00", Text: "27.10.2024, 03:30 Uhr", HasTime: true}},
	}
	for _, tt := range tests {
		got, err := ParseGermanDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseGermanDate(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseGermanDateErrors(t *testing.T) {
	tests := []struct {
		in     string
		noDate bool // the error wraps ErrNoDate
	}{
		{"", true},
		{"Pressemitteilung", true},
		{"2024", true},
		{"im Jahr 2024", true},
		{"Nr. 042/2024", true},
		{"PM 12/2024", true},
		{"0361 57 1234", true},
		{"1.250,00 Euro", true},
		{"Version 1.2.24", true},
		{"TYPO3 CMS 9.5.31", true},
		{"v1.2.24", true},
		{"1.2.3.4", true},
		{"192.168.1.10", true},
		{"12. März", true},
		{"Jan Müller", true},
		{"Januar", true},
		{"12.03.", true},
		{"31.02.2024", false},
		{"29.02.2023", false},
		{"30. Februar 2024", false},
		{"00.01.2024", false},
		{"12.13.2024", false},
		{"2024-13-01", false},
		{"2024-00", false},
		{"2024-13", false},
		{"12.03.2024, 25:00 Uhr", false},
		{"12.03.2024, 12:60 Uhr", false},
		{"2024-03-12T24:00:00Z", false},
		{"2024-03-12T10:00:00+24:00", false},
	}
	for _, tt := range tests {
		got, err := ParseGermanDate(tt.in)
		if err == nil {
			t.Errorf("ParseGermanDate(%q) = %+v, nil; want error", tt.in, got)
			continue
		}
		if errors.Is(err, ErrNoDate) != tt.noDate {
			t.Errorf("ParseGermanDate(%q) error %v; errors.Is(err, ErrNoDate) = %v, want %v", tt.in, err, !tt.noDate, tt.noDate)
		}
	}
}

func TestFindGermanDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string // Text=Value pairs
	}{
		{"Erfurt, 12. März 2024 – Der Minister für Digitales hat heute …", []string{"12. März 2024=2024-03-12"}},
		{"Veröffentlicht am 12.03.2024", []string{"12.03.2024=2024-03-12"}},
		{"Veröffentlicht am 12.03.2024. Aktualisiert am 14.03.2024, 09:15 Uhr.",
			[]string{"12.03.2024=2024-03-12", "14.03.2024, 09:15 Uhr=2024-03-14T09:15:00+01:00"}},
		{"Die Anmeldung ist vom 12.03.2024-14.03.2024 möglich.", []string{"12.03.2024=2024-03-12", "14.03.2024=2024-03-14"}},
		{"vom 12.–14. März 2024 in Weimar", []string{"14. März 2024=2024-03-14"}},
		{"von Dezember 2023 bis März 2024", []string{"Dezember 2023=2023-12", "März 2024=2024-03"}},
		{"Pressemitteilung Nr. 042/2024 vom 5. Februar 2024", []string{"5. Februar 2024=2024-02-05"}},
		{"PM 12/2024: Tel. 0361 57 1234, Fax 0361 57-1299", nil},
		{"Die Förderung beträgt 1.250,00 Euro bzw. 1.250.000 Euro je Kommune.", nil},
		{"Im Jahr 2024 wurden 1.234 Anträge gestellt.", nil},
		{"Das Update auf TYPO3 10.4.23 und PHP 7.4.33 wurde eingespielt.", nil},
		{"Server 192.168.10.12 und Version 1.2.3.4 sowie v2.10.24", nil},
		{"Stand 9.5.31", nil}, // two-digit year with one-digit day and month
		{"Stand 09.05.31", []string{"09.05.31=2031-05-09"}},
		{"Termin: 31.02.2024 oder 01.03.2024", []string{"01.03.2024=2024-03-01"}},
		{"am 12.03.2024, 25:00 Uhr", []string{"12.03.2024=2024-03-12"}},
		{"Sitzung am Montag, 4. November 2024, 10 Uhr im Landtag", []string{"4. November 2024, 10 Uhr=2024-11-04T10:00:00+01:00"}},
		{"Jan Müller und Mai Nguyen, 2024", nil},
		{"Juniorprofessur 2024", nil},
		{"Stand: 2024-03-12T10:00:00+01:00.", []string{"2024-03-12T10:00:00+01:00=2024-03-12T10:00:00+01:00"}},
		{"12.03.2024\n10:00 Uhr Beginn", []string{"12.03.2024=2024-03-12"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range FindGermanDates(tt.in) {
			got = append(got, d.Text+"="+d.Value)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("FindGermanDates(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestFallbackBerlinTime checks the rule used without a time zone database
// against the database, for every hour of some years.
func TestFallbackBerlinTime(t *testing.T) {
	loc := berlinLocation()
	if loc == nil {
		t.Skip("no time zone database")
	}
	for _, y := range []int{1985, 1995, 1996, 2000, 2021, 2024, 2025, 2037} {
		for h := 0; h < 366*24; h++ {
			wall := time.Date(y, 1, 1, h, 30, 0, 0, time.UTC)
			if wall.Year() != y {
				break
			}
			want := time.Date(y, wall.Month(), wall.Day(), wall.Hour(), 30, 0, 0, loc).Format(time.RFC3339)
			got := fallbackBerlinTime(y, int(wall.Month()), wall.Day(), wall.Hour(), 30, 0).Format(time.RFC3339)
			if got != want {
				t.Errorf("fallbackBerlinTime(%s) = %s; want %s", wall.Format("2006-01-02 15:04"), got, want)
			}
		}
	}
}

// valueLayout returns the time.Parse layout of a ParsedDate.Value.
func valueLayout(d ParsedDate) string {
	switch {
	case d.HasTime:
		return time.RFC3339
	case len(d.Value) == len("2006-01"):
		return "2006-01"
	}
	return "2006-01-02"
}

func FuzzParseGermanDate(f *testing.F) {
	for _, s := range []string{
		"12. März 2024", "12.03.2024", "12.3.24", "2024-03-12", "2024-03-12T10:00:00+01:00",
		"Erfurt, 12. März 2024", "Stand: 1. Okt. 2021", "Montag, 4. November 2024",
		"12.03.2024, 14:30 Uhr", "12. März 2024 | 14:30 Uhr", "März 2024", "31.02.2024",
		"2024-03", "0000-01-01T00:00Z", "1. Jan 0001", "12.\u00a0Maerz\u00a02024 um 9.15 Uhr",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseGermanDate(s)
		if err != nil {
			return
		}
		layout := valueLayout(d)
		tm, perr := time.Parse(layout, d.Value)
		if perr != nil {
			t.Fatalf("ParseGermanDate(%q).Value = %q; time.Parse(%q) error %v", s, d.Value, layout, perr)
		}
		if got := tm.Format(layout); got != d.Value {
			t.Fatalf("ParseGermanDate(%q).Value = %q; formats back as %q", s, d.Value, got)
		}
		if !strings.Contains(s, d.Text) || d.Text == "" {
			t.Fatalf("ParseGermanDate(%q).Text = %q; not part of the input", s, d.Text)
		}
		again, err := ParseGermanDate(d.Value)
		if err != nil || again.Value != d.Value {
			t.Fatalf("ParseGermanDate(%q) = %+v, %v; want Value %q (from input %q)", d.Value, again, err, d.Value, s)
		}
	})
}

// germanParagraph is about 5 KB of press-release text with dates, numbers
// that are no dates, and filler.
var germanParagraph = func() string {
	const p = "Erfurt, 12. März 2024 – Der Minister für Digitales und Infrastruktur hat heute gemeinsam mit " +
		"Vertreterinnen und Vertretern der Landkreise den Ausbau des Breitbandnetzes vorgestellt. " +
		"Bis Dezember 2025 sollen 1.250 Haushalte angeschlossen werden; die Förderung beträgt 1.250.000,00 Euro. " +
		"Pressemitteilung Nr. 042/2024, Rückfragen unter 0361 57 1234. Die Veranstaltung findet am " +
		"Montag, 4. November 2024, 10:00 Uhr im Plenarsaal statt. Stand: 1. Okt. 2021; aktualisiert am 12.03.2024. "
	var b strings.Builder
	for b.Len() < 5000 {
		b.WriteString(p)
	}
	return b.String()
}()

func BenchmarkFindGermanDates(b *testing.B) {
	b.SetBytes(int64(len(germanParagraph)))
	for b.Loop() {
		FindGermanDates(germanParagraph)
	}
}
