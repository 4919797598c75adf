package html

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrNoDate is wrapped by the error ParseGermanDate returns when its input
// holds no date expression.
var ErrNoDate = errors.New("no date")

// ParsedDate is a date found in German text.
//
// Value is ISO 8601: "2024-03-12" for a date, "2024-03" for a month without a
// day ("März 2024"), and "2024-03-12T14:30:00+01:00" (time.RFC3339) when a
// time was given. A time written without an offset is taken as Europe/Berlin
// wall-clock time with the offset in force on that date (CET or CEST). A
// wall-clock time that does not exist because of the spring DST change is
// moved forward by an hour, as time.Date does.
// rfcLayouts are the date-time forms of mail and HTTP headers that meta
// tags copy ("Sat, 19 Oct 2019 00:04:00 +0200", "Mon, 14 Oct 2024
// 23:30:00 GMT"): their zone is part of them.
var rfcLayouts = [...]string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700"}

// parseRFCDate parses a whole text in an RFC 1123 form with a numeric
// offset or GMT/UTC (named zones other than those Go would take as UTC).
func parseRFCDate(s string) (ParsedDate, bool) {
	t := strings.TrimSpace(s)
	if len(t) < 20 || len(t) > 40 || t[0] < 'A' && (t[0] < '0' || t[0] > '9') {
		return ParsedDate{}, false
	}
	for _, l := range rfcLayouts {
		v, err := time.Parse(l, t)
		if err != nil {
			continue
		}
		if name, off := v.Zone(); off == 0 && name != "" && name != "GMT" && name != "UTC" && name != "UT" && !strings.Contains(l, "-0700") {
			return ParsedDate{}, false // a named zone Go cannot place (CET)
		}
		return ParsedDate{Value: v.Format(time.RFC3339), Text: t, HasTime: true}, true
	}
	return ParsedDate{}, false
}

type ParsedDate struct {
	Value   string // ISO 8601 date, month or date-time
	Text    string // the matched text, exactly as it appears in the input
	HasTime bool   // Value carries a time and an offset
}

// ParseGermanDate parses one date expression, such as "12. März 2024",
// "12. Maerz 2024", "12.03.2024", "12.3.24", "2024-03-12",
// "2024-03-12T10:00:00+01:00", "Stand: 1. Okt. 2021", "Montag, 4. November
// 2024", "12.03.2024, 14:30 Uhr", "12. März 2024 | 14:30 Uhr" or "März 2024"
// (month precision, Value "2024-03"). An ISO 8601 date-time keeps the offset
// it was given with; fractional seconds are dropped.
//
// Text around the date, such as a place ("Erfurt, "), a weekday or a label
// ("Stand: "), is ignored; when s holds several dates, the first one is
// parsed. The result's Value always parses again to itself.
//
// ParseGermanDate returns an error wrapping ErrNoDate when s holds no date,
// and an error (not wrapping ErrNoDate) when the first date in s is
// impossible, such as "31.02.2024" or "12.03.2024, 25:00 Uhr".
func ParseGermanDate(s string) (ParsedDate, error) {
	if d, ok := parseRFCDate(s); ok {
		return d, nil
	}
	if t := strings.TrimSpace(s); isISOMonth(t) {
		y, _ := strconv.Atoi(t[:4])
		m, _ := strconv.Atoi(t[5:7])
		if m < 1 || m > 12 {
			return ParsedDate{}, fmt.Errorf("parsing date %q: month %d out of range", s, m)
		}
		return ParsedDate{Value: fmt.Sprintf("%04d-%02d", y, m), Text: t}, nil
	}
	pos := 0
	for pos <= len(s) {
		c, next, ok := nextDateCandidate(s, pos)
		if !ok {
			break
		}
		if c.reject {
			pos = next
			continue
		}
		if c.err != nil {
			return ParsedDate{}, fmt.Errorf("parsing date %q: %w", s, c.err)
		}
		if c.timeErr != nil {
			return ParsedDate{}, fmt.Errorf("parsing date %q: %w", s, c.timeErr)
		}
		return c.result(s), nil
	}
	return ParsedDate{}, fmt.Errorf("parsing date %q: %w", s, ErrNoDate)
}

// FindGermanDates returns every date in text, in order of appearance, in the
// forms ParseGermanDate accepts, e.g. the date of a dateline "Erfurt, 12. März
// 2024 – Der Minister …" or of a footer "Veröffentlicht am 12.03.2024".
// Impossible dates are skipped; an impossible time after a valid date is left
// out of the match.
//
// FindGermanDates is stricter than ParseGermanDate about what it takes for a
// date: it does not take version numbers ("TYPO3 10.4.23", "1.2.3.4"), phone
// numbers ("0361 57 1234"), press release numbers ("Nr. 042/2024",
// "PM 12/2024"), amounts ("1.250,00 Euro") or years alone. A numeric date with
// a two-digit year and a single-digit day and month ("9.5.31") is taken only
// by ParseGermanDate.
func FindGermanDates(text string) []ParsedDate {
	var out []ParsedDate
	pos := 0
	for pos <= len(text) {
		c, next, ok := nextDateCandidate(text, pos)
		if !ok {
			break
		}
		if c.reject || c.err != nil || c.weak {
			pos = next
			continue
		}
		out = append(out, c.result(text))
		pos = c.end
		if c.timeErr != nil || !c.hasTime {
			pos = c.dateEnd
		}
	}
	return out
}

// isISOMonth reports whether s has the form "YYYY-MM".
func isISOMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	for i := 0; i < 7; i++ {
		if i != 4 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

const (
	// dateSpace is any white space, including no-break and thin spaces.
	dateSpace = `[\s\p{Zs}]`
	// dateHSpace is horizontal white space only: a time on the next line does not
	// belong to the date.
	dateHSpace = `[\t \p{Zs}]`
	// dateMonthRE matches German month names, abbreviations and spelling
	// variants; the longest forms come first.
	// English full names count too ("15 January 2024"), and the
	// English abbreviations German has not (Mar, Oct, Dec); "May" only
	// after a day (dateRE), never alone ("Karl May 1912").
	dateMonthRE = `(?i:january|february|march|june|july|october|december|` +
		`j(?:ä|a\x{0308}|ae|a)nner|januar|j(?:ä|a\x{0308}|ae)n|jan|feber|februar|feb|` +
		`m(?:ä|a\x{0308}|ae)rz|m(?:ä|a\x{0308}|ae)r|mrz|april|apr|mai|juni|jun|juli|jul|` +
		`august|aug|september|sept|sep|oktober|okt|oct|november|nov|dezember|dez|dec|mar)`
)

// dateWindow is the longest text a date expression can take, in bytes.
const dateWindow = 96

// dateRE matches a date expression at the start of its input.
var dateRE = regexp.MustCompile(
	// ISO 8601 date-time.
	`^(?:(?P<xy>\d{4})-(?P<xm>\d{2})-(?P<xd>\d{2})[Tt](?P<xh>\d{2}):(?P<xmi>\d{2})(?::(?P<xs>\d{2})(?:[.,]\d+)?)?(?P<xz>[Zz]|[+-]\d{2}:?\d{2})?` +
		`|(?:` +
		// ISO 8601 date.
		`(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})` +
		// "12. März 2024", "1. Okt. 2021".
		`|(?P<td>\d{1,2})\.?` + dateSpace + `*(?P<tm>` + dateMonthRE + `|(?i:may))\.?` + dateSpace + `*(?P<ty>\d{4})` +
		// "12.03.2024", "12.3.24", "12. 03. 2024".
		`|(?P<nd>\d{1,2})\.` + dateSpace + `?(?P<nm>\d{1,2})\.` + dateSpace + `?(?P<ny>\d{4}|\d{2})` +
		`)(?P<time>` + dateHSpace + `*[,|–—·/-]?` + dateHSpace + `*(?:(?i:um|ab|gegen)` + dateHSpace + `+)?` +
		`(?P<h>\d{1,2})(?::(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:` + dateHSpace + `*(?i:uhr)\b)?` +
		`|\.(?P<mi2>\d{2})` + dateHSpace + `*(?i:uhr)\b` +
		`|` + dateHSpace + `*(?i:uhr)\b))?` +
		// "January 15, 2024", "Oct. 15, 2024" (English: the month first).
		`|(?P<em>` + dateMonthENRE + `|` + dateMonthENAbbr + `\.?)` + dateSpace + `+(?P<ed>\d{1,2}),?` + dateSpace + `+(?P<ey>\d{4})` +
		// "März 2024".
		`|(?P<mm>` + dateMonthRE + `)\.?` + dateSpace + `+(?P<my>\d{4}))`)

// dateMonthENRE matches the full English month names, which no German
// text writes: "15 January 2024" is read with the German day-first forms
// (the dot after the day is optional), "January 15, 2024" by its own.
const dateMonthENRE = `(?i:january|february|march|april|may|june|july|august|september|october|november|december)`

// dateMonthENAbbr matches the English abbreviations of month names
// ("Oct 15, 2024", "15 Dec 2024" on a site's English pages); the German
// ones (Jan, Feb, Apr, …) are in dateMonthRE.
const dateMonthENAbbr = `(?i:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`

// Submatch indexes of dateRE's groups.
var (
	dgXY, dgXM, dgXD, dgXH, dgXMi, dgXS, dgXZ = dateRE.SubexpIndex("xy"), dateRE.SubexpIndex("xm"), dateRE.SubexpIndex("xd"),
		dateRE.SubexpIndex("xh"), dateRE.SubexpIndex("xmi"), dateRE.SubexpIndex("xs"), dateRE.SubexpIndex("xz")
	dgIY, dgIM, dgID  = dateRE.SubexpIndex("iy"), dateRE.SubexpIndex("im"), dateRE.SubexpIndex("id")
	dgTD, dgTM, dgTY  = dateRE.SubexpIndex("td"), dateRE.SubexpIndex("tm"), dateRE.SubexpIndex("ty")
	dgND, dgNM, dgNY  = dateRE.SubexpIndex("nd"), dateRE.SubexpIndex("nm"), dateRE.SubexpIndex("ny")
	dgTime, dgH, dgMi = dateRE.SubexpIndex("time"), dateRE.SubexpIndex("h"), dateRE.SubexpIndex("mi")
	dgS, dgMi2        = dateRE.SubexpIndex("s"), dateRE.SubexpIndex("mi2")
	dgMM, dgMY        = dateRE.SubexpIndex("mm"), dateRE.SubexpIndex("my")
	dgEM, dgED, dgEY  = dateRE.SubexpIndex("em"), dateRE.SubexpIndex("ed"), dateRE.SubexpIndex("ey")
)

// dateCandidate is one match of dateRE with its fields decoded.
type dateCandidate struct {
	start, dateEnd, end int // byte offsets in the text: match, date part, match with time

	monthOnly bool // "März 2024"
	y, m, d   int
	hasTime   bool
	h, mi, s  int
	offset    *int // seconds east of UTC, when given explicitly

	reject  bool  // the context shows it is no date (version number etc.)
	weak    bool  // plausible, but too ambiguous for FindGermanDates
	err     error // impossible date
	timeErr error // impossible time after a possible date
}

// nextDateCandidate finds the next match of dateRE in s at or after pos. It
// returns the decoded dateCandidate and the position to search from when the
// dateCandidate is not taken.
func nextDateCandidate(s string, pos int) (c dateCandidate, next int, ok bool) {
	// Try the anchored expression only where a date can start: at a digit or
	// at the first letter of a month name that does not continue a word or
	// number. Matching in a short window keeps it linear in len(s).
	var loc []int
	for ; pos < len(s); pos++ {
		if b := s[pos]; !isASCIIDigit(b) && strings.IndexByte("jJfFmMaAsSoOnNdD", b) < 0 {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:pos]); pos > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		if !mayStartDate(s, pos) {
			continue
		}
		loc = dateRE.FindStringSubmatchIndex(s[pos:min(pos+dateWindow, len(s))])
		if loc != nil {
			break
		}
	}
	if loc == nil {
		return dateCandidate{}, 0, false
	}
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += pos
		}
	}
	group := func(i int) string {
		if loc[2*i] < 0 {
			return ""
		}
		return s[loc[2*i]:loc[2*i+1]]
	}
	has := func(i int) bool { return loc[2*i] >= 0 }
	atoi := func(i int) int { n, _ := strconv.Atoi(group(i)); return n }

	c.start, c.end, c.dateEnd = loc[0], loc[1], loc[1]
	_, size := utf8.DecodeRuneInString(s[c.start:])
	next = c.start + size

	numeric, iso := false, false
	yearEnd := c.end
	switch {
	case has(dgXY):
		c.y, c.m, c.d = atoi(dgXY), atoi(dgXM), atoi(dgXD)
		c.dateEnd = loc[2*dgXD+1]
		c.hasTime = true
		c.h, c.mi, c.s = atoi(dgXH), atoi(dgXMi), atoi(dgXS)
		if has(dgXZ) {
			off, err := parseOffset(group(dgXZ))
			if err != nil {
				c.timeErr = err
			}
			c.offset = &off
		}
		numeric = true
		yearEnd = c.end
	case has(dgIY):
		c.y, c.m, c.d = atoi(dgIY), atoi(dgIM), atoi(dgID)
		c.dateEnd = loc[2*dgID+1]
		numeric, iso = true, true
	case has(dgTD):
		c.y, c.d = atoi(dgTY), atoi(dgTD)
		c.m = monthNumber(group(dgTM))
		c.dateEnd = loc[2*dgTY+1]
	case has(dgND):
		c.d, c.m = atoi(dgND), atoi(dgNM)
		ny := group(dgNY)
		c.y = atoi(dgNY)
		if len(ny) == 2 {
			if c.y < 70 {
				c.y += 2000
			} else {
				c.y += 1900
			}
			if len(group(dgND)) == 1 && len(group(dgNM)) == 1 {
				c.weak = true
			}
		}
		c.dateEnd = loc[2*dgNY+1]
		numeric = true
	case has(dgEM):
		c.y, c.d = atoi(dgEY), atoi(dgED)
		c.m = monthNumber(group(dgEM))
		c.dateEnd = loc[2*dgEY+1]
	case has(dgMM):
		c.monthOnly = true
		c.y, c.m = atoi(dgMY), monthNumber(group(dgMM))
		c.dateEnd = loc[2*dgMY+1]
	}
	if !has(dgXY) {
		yearEnd = c.dateEnd
	}

	// The match must stand on its own: not glued to a word or number before
	// it, nor to a digit, decimal or version part after it.
	before, _ := utf8.DecodeLastRuneInString(s[:c.start])
	if c.start > 0 && (unicode.IsLetter(before) || unicode.IsDigit(before)) {
		c.reject = true
		return c, next, true
	}
	if c.start >= 2 && (before == '.' || before == ',' || before == ':') && isASCIIDigit(s[c.start-2]) {
		c.reject = true
		return c, next, true
	}
	if yearEnd < len(s) {
		after := s[yearEnd:]
		if isASCIIDigit(after[0]) ||
			(len(after) >= 2 && (after[0] == '.' || after[0] == ',') && isASCIIDigit(after[1])) ||
			(iso && len(after) >= 2 && after[0] == '-' && isASCIIDigit(after[1])) {
			c.reject = true
			return c, next, true
		}
	}
	if numeric && !has(dgXY) && followsVersionWord(s[:c.start]) {
		c.reject = true
		return c, next, true
	}

	if c.m < 1 || c.m > 12 {
		c.err = fmt.Errorf("month %d out of range", c.m)
		return c, next, true
	}
	if !c.monthOnly {
		if n := daysInMonth(c.y, c.m); c.d < 1 || c.d > n {
			c.err = fmt.Errorf("day %d out of range for %04d-%02d", c.d, c.y, c.m)
			return c, next, true
		}
	}

	if has(dgTime) {
		c.hasTime = true
		c.h = atoi(dgH)
		if has(dgMi) {
			c.mi, c.s = atoi(dgMi), atoi(dgS)
		} else {
			c.mi = atoi(dgMi2)
		}
		if c.end < len(s) && isASCIIDigit(s[c.end]) {
			// "12.03.2024 14:305": not a time after all.
			c.hasTime = false
			c.end = c.dateEnd
		}
	}
	if c.hasTime && c.timeErr == nil && (c.h > 23 || c.mi > 59 || c.s > 59) {
		c.timeErr = fmt.Errorf("time %02d:%02d:%02d out of range", c.h, c.mi, c.s)
	}
	return c, next, true
}

// result returns the ParsedDate for a valid dateCandidate. When the dateCandidate's
// time is impossible, the date alone is returned.
func (c *dateCandidate) result(s string) ParsedDate {
	if c.monthOnly {
		return ParsedDate{Value: fmt.Sprintf("%04d-%02d", c.y, c.m), Text: s[c.start:c.dateEnd]}
	}
	if !c.hasTime || c.timeErr != nil {
		return ParsedDate{Value: fmt.Sprintf("%04d-%02d-%02d", c.y, c.m, c.d), Text: s[c.start:c.dateEnd]}
	}
	var t time.Time
	if c.offset != nil {
		t = time.Date(c.y, time.Month(c.m), c.d, c.h, c.mi, c.s, 0, time.FixedZone("", *c.offset))
	} else {
		t = berlinTime(c.y, c.m, c.d, c.h, c.mi, c.s)
	}
	return ParsedDate{Value: t.Format(time.RFC3339), Text: strings.TrimRightFunc(s[c.start:c.end], unicode.IsSpace), HasTime: true}
}

// followsVersionWord reports whether the text before a numeric match ends in
// a word that introduces a version number, such as "Version" or "TYPO3",
// possibly followed by one more word ("TYPO3 CMS 9.5.31").
func followsVersionWord(before string) bool {
	for range 2 {
		before = strings.TrimRightFunc(before, unicode.IsSpace)
		i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' })
		word := strings.ToLower(strings.TrimRight(before[i+1:], "."))
		switch word {
		case "v", "ver", "vers", "version", "versionen", "release", "rel", "typo3", "php", "mysql",
			"build", "patch", "lts", "servicepack", "firmware", "ios", "android", "windows", "java", "node",
			"python", "extension":
			return true
		}
		if word == "" {
			return false
		}
		before = before[:i+1]
	}
	return false
}

// monthNumber returns the month number for a name matched by dateMonthRE.
func monthNumber(name string) int {
	n := umlautA.Replace(strings.ToLower(name))
	if len(n) > 3 {
		n = n[:3]
	}
	switch n {
	case "jan":
		return 1
	case "feb":
		return 2
	case "mar", "mrz":
		return 3
	case "apr":
		return 4
	case "mai", "may":
		return 5
	case "jun":
		return 6
	case "jul":
		return 7
	case "aug":
		return 8
	case "sep":
		return 9
	case "okt", "oct":
		return 10
	case "nov":
		return 11
	case "dez", "dec":
		return 12
	}
	return 0
}

// umlautA folds the spellings of "ä" in month names to "a".
var umlautA = strings.NewReplacer("a\u0308", "a", "ä", "a", "ae", "a")

// parseOffset parses "Z", "+01:00" or "+0100" into seconds east of UTC.
func parseOffset(z string) (int, error) {
	if z == "Z" || z == "z" {
		return 0, nil
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	h, _ := strconv.Atoi(digits[:2])
	m, _ := strconv.Atoi(digits[2:])
	if h > 23 || m > 59 {
		return 0, fmt.Errorf("offset %s out of range", z)
	}
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return off, nil
}

func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }

// mayStartDate is false where dateRE cannot match at s[pos:], which
// starts with a digit or a letter: most numbers and words of a text,
// which nextDateCandidate then does not hand to the expression. Digits
// start a date as 1 or 2 of them before a dot, white space or a month
// ("12.", "12. März", "12März"), or as 4 before a hyphen ("2024-03-12");
// letters as the first three of a month's name or abbreviation, compared
// with ASCII letters folded (a rune that is not ASCII among them, "Mär",
// "Ja\u0308nner", "O\u212Atober", leaves it to the expression).
func mayStartDate(s string, pos int) bool {
	if c := s[pos]; isASCIIDigit(c) {
		j := pos + 1
		for j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		if j == len(s) {
			return false
		}
		switch next := s[j]; j - pos {
		case 1, 2:
			return next == '.' || next <= ' ' || next >= utf8.RuneSelf || 'a' <= foldByte[next] && foldByte[next] <= 'z'
		case 4:
			return next == '-'
		}
		return false
	}
	if pos+3 > len(s) {
		return false
	}
	if s[pos+1] >= utf8.RuneSelf || s[pos+2] >= utf8.RuneSelf {
		return true
	}
	return monthStarts[[3]byte{foldByte[s[pos]], foldByte[s[pos+1]], foldByte[s[pos+2]]}]
}

// monthStarts are the first three letters, lower-cased, of the month
// names and abbreviations dateRE reads (dateMonthRE, dateMonthENRE and
// dateMonthENAbbr) in ASCII.
var monthStarts = map[[3]byte]bool{}

func init() {
	for _, m := range []string{"jan", "jae", "feb", "mar", "mae", "mrz", "apr", "mai", "may", "jun", "jul",
		"aug", "sep", "okt", "oct", "nov", "dez", "dec"} {
		monthStarts[[3]byte{m[0], m[1], m[2]}] = true
	}
}

// daysInMonth returns the number of days in month m of year y.
func daysInMonth(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// berlinLocation returns the Europe/Berlin location, or nil when the time zone
// database is not available.
var berlinLocation = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return nil
	}
	return loc
})

// berlinTime returns the instant of a Europe/Berlin wall-clock time. Without
// a time zone database it applies the German/EU daylight saving rule. Before
// 1893, when Berlin kept local mean time, it uses CET.
func berlinTime(y, mo, d, h, mi, s int) time.Time {
	if loc := berlinLocation(); loc != nil {
		t := time.Date(y, time.Month(mo), d, h, mi, s, 0, loc)
		if _, off := t.Zone(); off%60 == 0 {
			return t
		}
		return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.FixedZone("CET", 3600))
	}
	return fallbackBerlinTime(y, mo, d, h, mi, s)
}

// fallbackBerlinTime is berlinTime by rule: CEST from the last Sunday of March
// to the last Sunday of October (September before 1996), changing at 01:00
// UTC, since 1981; CET before. It resolves wall-clock times in the DST
// changes as time.Date does.
func fallbackBerlinTime(y, mo, d, h, mi, s int) time.Time {
	wall := time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC).Unix()
	off := euOffset(wall)
	if utc := wall - int64(off); euOffset(utc) != off {
		off = euOffset(utc)
	}
	utc := wall - int64(off)
	return time.Unix(utc, 0).In(time.FixedZone("", euOffset(utc)))
}

// euOffset returns the Berlin UTC offset in seconds at the Unix time utc.
func euOffset(utc int64) int {
	y := time.Unix(utc, 0).UTC().Year()
	if y < 1981 {
		return 3600
	}
	endMonth := time.October
	if y < 1996 {
		endMonth = time.September
	}
	start := lastSunday(y, time.March).Add(time.Hour).Unix()
	end := lastSunday(y, endMonth).Add(time.Hour).Unix()
	if utc >= start && utc < end {
		return 7200
	}
	return 3600
}

// lastSunday returns midnight UTC of the last Sunday in month m of year y.
func lastSunday(y int, m time.Month) time.Time {
	t := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	return t.AddDate(0, 0, -int(t.Weekday()))
}
