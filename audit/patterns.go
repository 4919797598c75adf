package audit

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/coregx/ahocorasick"

	"github.com/umzug/umzug"
)

// A matcher finds one kind of problem in a unit of visible text (or in an
// alt or title attribute). Its name is part of a finding's fingerprint:
// renaming one makes every baseline see its findings as new.
type matcher struct {
	name     string
	rule     string
	severity umzug.Severity
	message  string
	// find returns the byte span of the first match in s, or ok=false.
	find func(s string) (start, end int, ok bool)
	// expr is the regular expression find runs, whose triggers decide
	// which texts find runs on; "" runs find on every text.
	expr string
	// accept filters by the unit's element and context; nil accepts all.
	accept func(u unit) bool
	// maxLen skips units longer than this many bytes (0: no limit).
	maxLen int
	// except skips units that also match it (e.g. "z. B. Max Mustermann").
	except *regexp.Regexp
	// titles: also run on title attributes (alt texts have their own
	// rule, placeholder-alt).
	titles bool
	// inContent: on pages with TYPO3 content elements, only text inside
	// them (and the page title) counts; the template's own labels
	// ("Title" in a player filled by script) are not editors' content.
	inContent bool
	// soft: a page-level error message, reported only on pages served
	// with a 2xx status (on a 404 page "Page Not Found" is the truth).
	soft bool
}

// reMatcher is a matcher that finds the regular expression expr.
func reMatcher(m matcher, expr string) matcher {
	m.expr, m.find = expr, reFind(regexp.MustCompile(expr))
	return m
}

func reFind(re *regexp.Regexp) func(string) (int, int, bool) {
	return func(s string) (int, int, bool) {
		loc := re.FindStringIndex(s)
		if loc == nil {
			return 0, 0, false
		}
		return loc[0], loc[1], true
	}
}

// Rendering errors of TYPO3 and its template engines (see
// shared/notes/typo3-markup.md for their sources). They are matched on
// visible text only, whatever the status the page was served with.
var brokenElementPatterns = []struct{ name, re string }{
	{"typo3-no-rendering-definition", `(?i)Content Element (?:with uid "?\d+"? and )?type "[^"]*" has no rendering definition`},
	{"mask-error", `MASK ERROR:?`},
	{"typo3-oops", `Oops, an error occurred!(?: (?:Code|Request): ?[0-9A-Za-z]+)?`},
	{"fluid-template-not-found", `(?i)Tried resolving a template file for controller action|none of the paths contained the expected (?:template|layout|partial) file|contained a suitable candidate|The Fluid template files? .{0,200}could not be loaded`},
	{"fluid-viewhelper", `The ViewHelper "<?[a-zA-Z0-9:._-]+>?" could not be resolved|Undeclared arguments passed to ViewHelper|Required argument "[^"]{1,80}" was not supplied|Unknown Namespace: \S+|Templating tags not properly nested|Section "[^"]{1,80}" does not exist`},
	{"extbase-error", `Sorry, the requested view was not found\.|The technical reason is: No template was found|An error occurred while trying to call \S+->\S+Action\(\)|Required argument "[^"]{1,80}" is not set for|The default controller for extension "[^"]*" and plugin "[^"]*" can not be determined|is not allowed by this plugin|Extbase Variable Dump`},
	{"typo3-exception", `Uncaught TYPO3 Exception|#\d{10}: [A-Z][^.]{5,120}(?:Exception|error|not found|could not)`},
	{"php-error", `(?:Fatal error|Parse error|Warning|Notice|Deprecated|Catchable fatal error): .{1,300}? in /\S+\.php on line \d+`},
}

// Page-level errors: a TYPO3 or server error page delivered as content
// (a "soft 404" among them). Only on 2xx pages, and only in short units.
var softErrorPatterns = []struct{ name, re string }{
	{"typo3-page-error", `No TypoScript template found!|The page is not configured! \[type=|The page did not exist or was inaccessible|The requested page does not exist!|Service Unavailable \(503\)|Whoops, looks like something went wrong\.`},
	{"soft-404", `(?i)^(?:(?:Fehler |Error )?404(?: [-–:] ?| )?)?(?:Page Not Found|Seite nicht gefunden|Die Seite wurde nicht gefunden|Diese Seite existiert nicht)\.?$|^(?:Fehler|Error) 404$`},
}

var loremRe = regexp.MustCompile(`(?i)\blorem ipsum\b|\bdolor sit amet\b|\bconsetetur sadipscing\b|\bconsectetur adipisc\w*|\bsed diam nonumy\b|\bduis autem vel eum\b|\bat vero eos et accus\w*|\bLi Europan lingues\b|\bAenean commodo ligula\b|\bCum sociis natoque penatibus\b`)

// German dummy texts of the usual blind text generators.
var blindtextRe = regexp.MustCompile(`(?i)\bDies ist ein Typoblindtext\b|\bhinter den Wortbergen\b|\bÜberall dieselbe alte Leier\b|\bZwei flinke Boxer jagen\b|\bFranz jagt im komplett verwahrlosten Taxi\b|\bAuch gibt es niemanden, der den Schmerz an sich liebt\b|\b(?:Blind|Füll|Dummy|Platzhalter|Beispiel)-?text(?:e|es)?\b`)

// Phrases editors leave where text is still missing.
var dummyPhraseRe = regexp.MustCompile(`(?i)\b(?:Text|Inhalte?|Beschreibung) (?:folgt|folgen|kommt noch)\b|^Hier (?:steht|kommt|könnte|folgt|entsteht) (?:ein|eine|der|die|das|Ihr|Ihre|noch)\b.{0,60}(?:\b|\pL)(?:text|inhalt|teaser|überschrift|headline|bild|beschreibung|werbung|stehen|hin)\b|\b(?:Your|Insert|Add your) (?:text|content) here\b|\bSample text\b|\bPlaceholder text\b|^\[?Platzhalter\]?(?:$|[\s:–-])|\[Platzhalter\]`)

var todoRe = regexp.MustCompile(`\b(?:TODO|FIXME)\b`)

// Dummy persons and addresses; "z. B. Max Mustermann" in a help text is
// an example, not a placeholder.
var mustermannRe = regexp.MustCompile(`\b(?:Max|Erika|Maria) Mustermann\b|\bMusterstra(?:ß|ss)e \d|\b\d{5} Musterstadt\b`)
var exampleRe = regexp.MustCompile(`(?i)\bz\. ?B\.|\bzum Beispiel\b|\bbeispielsweise\b|\bBeispiel:|\be\.g\.|\bfor example\b|\betwa\b`)

// Template dummy labels: headings and captions whose every word is a
// dummy word ("Headline H3", "Dies ist ein Teaser #1", "Bild 12", "Text",
// "... mit Unterüberschrift"), with at least one core word. "Tabelle
// (Headline H3)" or "Teaser Typ-A" have a real word and are kept: that is
// how style guides label their examples.
var dummyCore = map[string]bool{
	"headline": true, "subheadline": true, "überschrift": true, "unterüberschrift": true,
	"zwischenüberschrift": true, "teaser": true, "teasertext": true, "text": true, "bild": true,
	"foto": true, "image": true, "platzhalter": true, "blindtext": true, "beispieltext": true,
	"fülltext": true, "testtext": true, "test": true, "titel": true, "untertitel": true,
	"title": true, "subtitle": true, "heading": true, "placeholder": true, "dummy": true,
	"dummytext": true, "bildunterschrift": true, "bildbeschreibung": true, "linktext": true,
	"teaserüberschrift": true, "teasertitel": true, "copytext": true, "fließtext": true,
}

var dummyFiller = map[string]bool{
	"dies": true, "das": true, "ist": true, "ein": true, "eine": true, "einer": true, "und": true,
	"noch": true, "weitere": true, "weiterer": true, "erste": true, "zweite": true, "dritte": true,
	"vierte": true, "kleine": true, "große": true, "grosse": true, "neue": true, "mit": true,
	"hier": true, "steht": true, "kommt": true, "der": true, "die": true, "folgt": true,
	"this": true, "is": true, "a": true, "an": true, "sample": true, "example": true,
	"beispiel": true, "my": true, "your": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "nr": true, "no": true, "typ": false,
}

// dummyLabel reports whether s consists of dummy words only: one to
// eight words, one of them a core word. Most labels fail at their first
// word, without a list of their words.
func dummyLabel(s string) bool {
	n, core := 0, false
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		switch n++; {
		case dummyCore[w]:
			core = true
		case dummyFiller[w], isNumber(w):
		default:
			return false
		}
	}
	return core && n <= 8
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// dummyLabelUnit accepts the units where a dummy label is a defect:
// headings, paragraphs, captions and list items of the content, not
// navigation, form controls or table cells ("Titel" is a fine column head).
func dummyLabelUnit(u unit) bool {
	if u.ctx.chrome || u.ctx.table {
		return false
	}
	switch u.tag {
	case "h1", "h2", "h3", "h4", "h5", "h6", "p", "figcaption", "li", "div", "span", "summary", "blockquote", "dd", "title", "caption", "section", "article":
		return true
	}
	return false
}

func buildMatchers() []matcher {
	var ms []matcher
	for _, p := range brokenElementPatterns {
		ms = append(ms, reMatcher(matcher{name: p.name, rule: umzug.RuleBrokenElement, severity: umzug.SeverityError,
			message: "CMS or template error rendered into the page"}, p.re))
	}
	for _, p := range softErrorPatterns {
		ms = append(ms, reMatcher(matcher{name: p.name, rule: umzug.RuleBrokenElement, severity: umzug.SeverityError,
			message: "error page served with a success status", maxLen: 160, soft: true,
			accept: func(u unit) bool {
				switch u.tag {
				case "title", "h1", "h2", "p", "div", "body", "main":
					return !u.ctx.chrome
				}
				return false
			}}, p.re))
	}
	ms = append(ms,
		reMatcher(matcher{name: "lorem-ipsum", rule: umzug.RulePlaceholderText, severity: umzug.SeverityWarning,
			message: "Lorem ipsum dummy text", titles: true}, loremRe.String()),
		reMatcher(matcher{name: "blindtext", rule: umzug.RulePlaceholderText, severity: umzug.SeverityWarning,
			message: "dummy text of a blind text generator", titles: true}, blindtextRe.String()),
		reMatcher(matcher{name: "dummy-phrase", rule: umzug.RulePlaceholderText, severity: umzug.SeverityWarning,
			message: "placeholder phrase where content is missing", maxLen: 300, titles: true}, dummyPhraseRe.String()),
		reMatcher(matcher{name: "todo", rule: umzug.RulePlaceholderText, severity: umzug.SeverityWarning,
			message: "editor's TODO left in the text", maxLen: 300}, todoRe.String()),
		reMatcher(matcher{name: "dummy-person", rule: umzug.RulePlaceholderText, severity: umzug.SeverityWarning,
			message: "dummy name or address", except: exampleRe}, mustermannRe.String()),
		matcher{name: "dummy-label", rule: umzug.RulePlaceholderText, severity: umzug.SeverityWarning,
			message: "template dummy used as heading or caption", maxLen: 80, accept: dummyLabelUnit, inContent: true,
			find: func(s string) (int, int, bool) { return 0, len(s), dummyLabel(s) }},
	)
	return ms
}

// placeholderAlt reports why an alt text is a placeholder, "" when it is
// not: a generic word, a template default, dummy text, a file name or a
// camera's file name.
func placeholderAlt(alt string) string {
	a := strings.ToLower(umzug.VisibleText(alt))
	a = strings.Trim(a, " .:-_")
	if a == "" {
		return ""
	}
	switch a {
	case "alternativer text", "alternativtext", "alternativ-text", "alt text", "alt-text", "alttext", "alt",
		"bild", "image", "img", "foto", "photo", "picture", "pic", "grafik", "graphic", "abbildung",
		"platzhalter", "placeholder", "bildbeschreibung", "beschreibung", "bild beschreibung",
		"image description", "description", "undefined", "null", "none", "untitled", "unbenannt",
		"test", "text", "titel", "title", "bildtitel", "alt tag", "alt-tag", "dummy", "dummy image":
		return "generic alt text"
	}
	if dummyTextAlt(a) {
		return "dummy text as alt"
	}
	if dummyLabel(a) {
		return "template dummy as alt"
	}
	if fileNameRe.MatchString(a) {
		return "file name as alt"
	}
	if cameraRe.MatchString(a) {
		return "camera file name as alt"
	}
	// An alt that repeats a descriptive file name ("Facebook" for
	// facebook.gif) is often right, so only file names with an extension
	// and camera names count.
	return ""
}

// dummyTextAlt reports lorem ipsum or blind text in an alt text; the
// expressions run only on alt texts that hold one of their triggers.
func dummyTextAlt(a string) bool {
	if g := dummyTextGate(); g != nil && !g.IsMatch(appendFold(nil, a)) {
		return false
	}
	return loremRe.MatchString(a) || blindtextRe.MatchString(a)
}

// dummyTextGate is an automaton of the triggers of loremRe and
// blindtextRe; nil when one of them has none (then both always run).
var dummyTextGate = sync.OnceValue(func() *ahocorasick.Automaton {
	var pats []string
	for _, re := range []*regexp.Regexp{loremRe, blindtextRe} {
		lits, ok, err := triggers(re.String())
		if err != nil || !ok {
			return nil
		}
		pats = append(pats, lits...)
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(pats).Build()
	if err != nil {
		return nil
	}
	return ac
})

var fileNameRe = regexp.MustCompile(`^[\w\-. ()]+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)$`)
var cameraRe = regexp.MustCompile(`^(?:img|dsc|dscn|dscf|dcim|pxl|p)[_-]?\d{3,}`)
