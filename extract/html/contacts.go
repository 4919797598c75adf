package html

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// Press contacts come in many shapes: tx_news' contact partials, vCards
// (class="vcard", itemprop=telephone), a box headed "Pressekontakt" with
// lines separated by <br>, a definition list of Tel./E-Mail. A contact box
// is recognised by its name or headline together with a way to reach
// someone (a phone number, an e-mail address, a tel: or mailto: link); its
// lines are read into name, role, phone, fax and e-mail.

var (
	emailRe = regexp.MustCompile(`[\p{L}0-9._%+-]+(?:@|\s?\(at\)\s?|\s?\[at\]\s?)[\p{L}0-9.-]+\.[a-z]{2,}`)
	phoneRe = regexp.MustCompile(`(?i)(?:Tel(?:efon)?\.?|Fon|Phone|Telefonnummer|Mobile?|Handy)\s*:?\s*(\+?[0-9(][0-9 /()\-–.]{5,}[0-9])`)
	// mobileLabel: a mobile number, the second choice when the contact
	// also has a (desk) telephone.
	mobileLabel = regexp.MustCompile(`(?i)^\s*(?:mobil|handy|mobile)\b`)
	// barePhone is a line that is only a phone number (after a "Tel." label).
	barePhone = regexp.MustCompile(`^\+?[0-9(][0-9 /()\-–.]{5,}[0-9]$`)
	// barePhoneIn finds a phone number in a text.
	barePhoneIn = regexp.MustCompile(`\+?[0-9(][0-9 /()\-–.]{5,}[0-9]`)
	phoneLabel  = regexp.MustCompile(`(?i)^(?:tel(?:efon)?|fon|phone|mobile?|handy)\.?\s*:?$`)
	faxRe       = regexp.MustCompile(`(?i)^\s*(?:fax|telefax)\b`)
	// faxNumber finds a fax number anywhere in a line ("Tel. 0361 1-0,
	// Fax 0361 1-99").
	faxNumber = regexp.MustCompile(`(?i)\b(?:tele)?fax\.?\s*:?\s*(\+?[0-9(][0-9 /()\-–.]{5,}[0-9])`)
	faxLabel  = regexp.MustCompile(`(?i)^(?:tele)?fax\.?\s*:?$`)
	roleRe    = regexp.MustCompile(`(?i)sprecher|pressestelle|referent|leiter|presse- und|öffentlichkeitsarbeit|kommunikation|pressereferent|medienarbeit|redaktion|` +
		`spokes(?:person|man|woman)|press (?:officer|secretary|office)|head of (?:press|communications?|media)|media relations`)
	// contactCue introduces a press contact ("Presseteam": a tab or box
	// label over the press officers' cards, each opening with a name).
	contactCue = regexp.MustCompile(`(?i)pressekontakt|presse-kontakt|ansprechpartner|ansprechperson|kontakt für (?:medien|journalist)|medienkontakt|pressestelle|presseteam|^kontakt\b|^ihr(?:e)? kontakt|` +
		`press contacts?\b|media contacts?\b|media enquiries|press enquiries|contact for (?:the )?(?:media|press|journalists)|^contact\b|^your contact`)
	// contactName matches class and id words of contact boxes.
	contactWords = map[string]bool{"contact": true, "contacts": true, "kontakt": true, "vcard": true, "hcard": true,
		"ansprechpartner": true, "ansprechpartnerin": true, "pressekontakt": true, "pressestelle": true, "contactbox": true,
		"kontaktbox": true, "person": true}
	// orgRe matches the names of offices and organisations.
	// Compounds count ("Bundesministerium", "Landesbehörde",
	// "Bundesamt"; genitive "des Ministeriums" too).
	orgRe = regexp.MustCompile(`(?i)\p{L}*(?:ministerium|staatskanzlei|senatsverwaltung|behörde|verwaltung|institut|verband|stiftung|anstalt|präsidium|direktion)(?:e?s)?\b|\b(?:amt für|stadt|gemeinde|landkreis|hochschule|universität|gmbh|e\. ?v\.|referat|abteilung)\b|\b\p{L}+amt(?:e?s)?\b`)
	// officeCue names a press office ("Pressestelle des Ministeriums",
	// "Bundesamt für … Pressestelle"): a line with it and an office's
	// name is the contact's name when no person is named.
	officeCue  = regexp.MustCompile(`(?i)pressestelle|pressereferat|pressebüro|presse- und öffentlichkeitsarbeit|referat presse`)
	postalCode = regexp.MustCompile(`\b\d{4,5}\s+\p{Lu}`)
	streetLine = regexp.MustCompile(`(?i)(?:str\.|straße|strasse|platz|weg|allee|ring|gasse|ufer|damm)\s*\d`)
)

// contactBox is a contact box: the elements that make it up (one, or a
// contact headline and the lines after it) and the element to read it
// from (the box itself, or a detached copy of the headline and lines).
type contactBox struct {
	nodes []*html.Node
	read  *html.Node
}

// contactBoxes returns the contact boxes under the roots, outermost first:
// elements that are boxes of their own, and contact headlines standing in
// a longer text ("<h3>Pressekontakt</h3><p>Name<br>Tel. …</p>") with the
// elements that follow them up to the next headline of their level.
func contactBoxes(roots []*html.Node) []contactBox {
	var out []contactBox
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) {
				continue
			}
			if isContactBox(c) {
				run := []*html.Node{c}
				if c.DataAtom == atom.P {
					// "<p><strong>Pressekontakt:</strong><br>Name …</p>"
					// and the next person's lines in the paragraphs
					// after it, without a label of their own.
					for s := nextElement(c); s != nil && len(run) < 4 && contactShaped(s); s = nextElement(s) {
						run = append(run, s)
					}
				}
				if len(run) == 1 {
					out = append(out, contactBox{nodes: run, read: c})
				} else {
					out = append(out, contactBox{nodes: run, read: detachedCopy(run)})
					c = run[len(run)-1]
				}
				continue
			}
			if run := headedContact(c); run != nil {
				out = append(out, contactBox{nodes: run, read: detachedCopy(run)})
				c = run[len(run)-1] // the run's siblings are read
				continue
			}
			walk(c)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

// mayContactCue is a necessary condition of contactCue on lower-cased
// text (TestContactCuePrecheck): each of its alternatives holds one of
// these words. 'ſ', which (?i) takes for an s and lower-casing keeps, lets
// the text through (U+212A, the other rune folded to ASCII, is lower-cased
// to k).
func mayContactCue(l string) bool {
	return containsSubstring(l, "kontakt", "ansprech", "press", "media", "contact", "ſ")
}

// headedContact returns a contact headline h and the elements after it
// that hold a way to reach someone, or nil.
func headedContact(h *html.Node) []*html.Node {
	level := headingLevel(h)
	if level == 0 {
		return nil
	}
	t, short := textUpTo(h, 80)
	if !short || t == "" {
		return nil
	}
	if l := firstLine(strings.ToLower(t)); !mayContactCue(l) || !contactCue.MatchString(l) {
		return nil
	}
	run := []*html.Node{h}
	size := 0
	for c := h.NextSibling; c != nil && len(run) < 6; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil // running text beside the headline: not a box
		}
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		if l := headingLevel(c); l > 0 && l <= level || isContentElement(c) {
			break
		}
		size += textWeight(c)
		if size > 800 {
			return nil
		}
		run = append(run, c)
	}
	if len(run) == 1 {
		return nil
	}
	var sb strings.Builder
	for _, r := range run[1:] {
		sb.WriteString(textOf(r))
		sb.WriteByte(' ')
	}
	for _, r := range run[1:] {
		if reachable(r, collapseTrim(sb.String())) {
			return run
		}
	}
	return nil
}

// isContactBox reports a small element named or headed as a contact that
// holds a way to reach someone.
func isContactBox(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Aside, atom.Address, atom.Dl, atom.P, atom.Article, atom.Ul, atom.Footer, atom.Li:
	case atom.Table:
		// A table of one cell is a box (TYPO3 4.x editors framed a
		// contact with the RTE's table), not data.
		if !singleCell(n) {
			return false
		}
	default:
		return false
	}
	named := n.DataAtom == atom.Address || strings.Contains(attr(n, "itemtype"), "Person") || strings.Contains(attr(n, "itemtype"), "ContactPoint")
	if !named {
		named = namedBy(n, contactWords)
	}
	if !named {
		// A box opened by a contact headline or label.
		if !mayLeadContact(n, 60) { // fastpath.go
			return false
		}
		first := strings.ToLower(leadingText(n, 60))
		if !strings.Contains(first, "kontakt") && !strings.Contains(first, "ansprech") && !strings.Contains(first, "presse") && !strings.Contains(first, "medien") {
			return false
		}
		if !contactCue.MatchString(firstLine(first)) {
			return false
		}
	}
	t, short := textUpTo(n, 1200)
	return short && t != "" && reachable(n, t)
}

// leadingText returns the start of n's visible text, up to about limit bytes.
func leadingText(n *html.Node, limit int) string {
	var sb strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		for c := n.FirstChild; c != nil && sb.Len() < limit; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				sb.WriteString(c.Data)
			case html.ElementNode:
				if !skipElement(c) {
					f(c)
					if !inlineAtoms[c.DataAtom] {
						sb.WriteByte('\n')
					}
				}
			}
		}
	}
	f(n)
	return strings.TrimSpace(collapseSpaceKeepLines(sb.String()))
}

// collapseSpaceKeepLines collapses spaces but keeps line breaks.
func collapseSpaceKeepLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = collapseTrim(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func firstLine(t string) string {
	if i := strings.IndexAny(t, ":\n"); i > 0 && i < 60 {
		return strings.TrimSpace(t[:i])
	}
	if len(t) > 60 {
		return t[:60]
	}
	return t
}

// reachable reports a phone number or an e-mail address in n.
func reachable(n *html.Node, t string) bool {
	l := strings.ToLower(t)
	if strings.Contains(l, "@") || strings.Contains(l, "(at)") || strings.Contains(l, "[at]") {
		if emailRe.MatchString(t) {
			return true
		}
	}
	if strings.Contains(l, "tel") || strings.Contains(l, "fon") || strings.Contains(l, "phone") || strings.Contains(l, "mobil") || strings.Contains(l, "handy") {
		if phoneRe.MatchString(t) {
			return true
		}
	}
	return hasDescendant(n, func(d *html.Node) bool {
		if d.DataAtom != atom.A {
			return false
		}
		h := strings.ToLower(strings.TrimSpace(anchorHref(d)))
		return strings.HasPrefix(h, "mailto:") || strings.HasPrefix(h, "tel:") || strings.Contains(h, "linkto_uncryptmailto")
	})
}

// detachedCopy returns a <div> outside the page holding copies of ns, to
// read a contact from nodes that no element of the page holds alone.
func detachedCopy(ns []*html.Node) *html.Node {
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range ns {
		div.AppendChild(goquery.NewDocumentFromNode(n).Selection.Clone().Nodes[0])
	}
	return div
}

// contactLines returns the lines of a box whose lines are separated by
// <br> ("Pressekontakte:<br>Verband A: a@…, Tel. …<br>Verband B: …"),
// each as a detached element, when two or more of them name someone and
// reach them ("Name: e-mail, phone"): one contact per line. Else nil (one
// contact over several lines: name, role, "Tel.: …", "E-Mail: …").
func contactLines(box *html.Node) []*html.Node {
	var lines []*html.Node
	named := 0
	var line []*html.Node // the nodes of the current line
	end := func() {
		if len(line) == 0 {
			return
		}
		el := detachedCopy(line)
		line = nil
		if t := cleanText(el); t != "" && reachable(el, t) {
			lines = append(lines, el)
			if label, rest, ok := strings.Cut(t, ":"); ok && namedLabel(label, rest) {
				named++
			}
		}
	}
	for c := box.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			end()
		case c.Type == html.ElementNode && !inlineAtoms[c.DataAtom]:
			return nil // a box of blocks, not of lines
		default:
			line = append(line, c)
		}
	}
	end()
	if named < 2 {
		return nil
	}
	return lines
}

// readContacts reads the contacts of a box: one per part that has its own
// way to reach someone (two press officers side by side), else one.
func (p *page) readContacts(box *html.Node) []umzug.Contact {
	// The parts are the box's children that each hold a way to reach
	// someone, found through wrappers that hold all of them ("Presseteam"
	// tabs: tab content, pane, border box, then a card per person).
	var parts []*html.Node
	for x, depth := box, 0; depth < 8; depth++ {
		parts = parts[:0]
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && !skipElement(c) && !inlineAtoms[c.DataAtom] {
				if t := cleanText(c); t != "" && reachable(c, t) {
					parts = append(parts, c)
				}
			}
		}
		if len(parts) != 1 {
			break
		}
		x = parts[0]
	}
	if len(parts) < 2 {
		parts = contactLines(box)
	}
	if len(parts) < 2 {
		parts = []*html.Node{box}
	}
	var out []umzug.Contact
	named := 0
	for _, part := range parts {
		if c := p.readContact(part); c.Phone != "" || c.Email != "" {
			out = append(out, c)
			if c.Name != "" {
				named++
			}
		}
	}
	if len(out) > 1 && named < 2 {
		// Parts that name no one each are the lines of one contact
		// (an office's phone in one element, its e-mail in the next).
		if c := p.readContact(box); c.Phone != "" || c.Email != "" {
			return []umzug.Contact{c}
		}
	}
	return out
}

// readContact reads one contact from its lines.
func (p *page) readContact(el *html.Node) umzug.Contact {
	c := umzug.Contact{}
	goquery.NewDocumentFromNode(el).FindMatcher(css("a[href]")).Each(func(_ int, a *goquery.Selection) {
		href := strings.TrimSpace(anchorHref(a.Nodes[0]))
		switch {
		case strings.HasPrefix(strings.ToLower(href), "tel:") && c.Phone == "":
			c.Phone = strings.TrimSpace(cleanText(a.Nodes[0]))
			if c.Phone == "" || !barePhone.MatchString(c.Phone) {
				c.Phone = strings.TrimSpace(strings.TrimPrefix(href[4:], "//"))
			}
		default:
			if l, ok := resolveLink(p.base, href); ok && strings.HasPrefix(l, "mailto:") && c.Email == "" {
				c.Email = strings.SplitN(strings.TrimPrefix(l, "mailto:"), "?", 2)[0]
			}
		}
	})
	md := contactMarkup(el)
	if c.Phone == "" {
		c.Phone = md.Phone
	}
	if c.Email == "" {
		c.Email = md.Email
	}
	c.Fax = md.Fax
	lines := strings.Split(textWithBreaks(el), "\n")
	afterPhoneLabel, afterFaxLabel := false, false
	orgName := false       // c.Name holds an office's name, not a person's
	phoneIsMobile := false // c.Phone is a mobile number (mobileLabel)
	for _, line := range lines {
		line = strings.TrimSpace(strings.Trim(line, ",;"))
		if line == "" {
			continue
		}
		low := strings.ToLower(line)
		if label, rest, ok := strings.Cut(line, ":"); ok && contactCue.MatchString(label) {
			// "Pressekontakt: Anna Beispiel" names the contact after the colon.
			line, low = strings.TrimSpace(rest), strings.ToLower(strings.TrimSpace(rest))
			if line == "" {
				continue
			}
		} else if ok && c.Name == "" && namedLabel(label, rest) {
			// "Arbeiter-Samariter-Bund: presse@…, Tel. …": the name
			// before the colon, the ways to reach it after.
			c.Name = strings.TrimSpace(label)
			line, low = strings.TrimSpace(rest), strings.ToLower(strings.TrimSpace(rest))
		}
		if m := faxNumber.FindStringSubmatch(line); m != nil && c.Fax == "" {
			c.Fax = strings.TrimSpace(m[1])
		}
		switch {
		case faxLabel.MatchString(line):
			afterFaxLabel = true
			continue
		case afterFaxLabel && barePhone.MatchString(line):
			if c.Fax == "" {
				c.Fax = line
			}
		case faxRe.MatchString(line), creditStart(low):
			// A fax number (read above); the credit of the contact's
			// photo ("© Hermann Bredehorst"), never a name.
		case phoneLabel.MatchString(line):
			afterPhoneLabel = true
			continue
		case afterPhoneLabel && barePhone.MatchString(line):
			if c.Phone == "" {
				c.Phone = line
			}
		case phoneRe.MatchString(line):
			mobile := mobileLabel.MatchString(line)
			if c.Phone == "" || phoneIsMobile && !mobile {
				c.Phone = strings.TrimSpace(phoneRe.FindStringSubmatch(line)[1])
				phoneIsMobile = mobile
			}
		case emailRe.MatchString(line):
			if c.Email == "" {
				c.Email = normalizeEmail(emailRe.FindString(line))
			}
		case c.Name == "" && len(line) < 100 && officeCue.MatchString(line) && orgRe.MatchString(line) && !strings.ContainsAny(line, "0123456789@:"):
			c.Name, orgName = line, true
		case labelledField(line), strings.HasPrefix(line, "@"), strings.HasPrefix(line, "#"):
			// "Internet: www.…", "Twitter: @…", a handle or a hashtag: a
			// way to reach or a slogan, never a name.
		case strings.ContainsAny(line, "0123456789"), contactCue.MatchString(line), strings.HasPrefix(low, "e-mail"),
			strings.HasPrefix(low, "mail"), strings.HasPrefix(low, "kontakt"), strings.HasPrefix(low, "http"), strings.HasPrefix(low, "www."),
			postalCode.MatchString(line), streetLine.MatchString(line):
		case roleRe.MatchString(line) && c.Role == "":
			// "Katrin Sommer, Pressesprecherin": name, then role;
			// "Pressesprecherin Katrin Sommer": role, then name.
			if name, role, ok := strings.Cut(line, ", "); ok && (c.Name == "" || orgName) && !roleRe.MatchString(name) && !orgRe.MatchString(name) {
				c.Name, c.Role = strings.TrimSpace(name), strings.TrimSpace(role)
				orgName = false
			} else if m := roleThenName.FindStringSubmatch(line); m != nil && (c.Name == "" || orgName) {
				c.Role, c.Name = m[1], m[2]
				orgName = false
			} else {
				c.Role = line
			}
		case orgRe.MatchString(line):
			// The office's name above the person's ("Ministerium für …"):
			// a name only when no person follows.
			if c.Name == "" && len(line) < 80 {
				c.Name, orgName = line, true
			}
		case (c.Name == "" || orgName) && len(line) < 80:
			c.Name, orgName = line, false
		}
		afterPhoneLabel, afterFaxLabel = false, false
	}
	// The person's name and job title as the markup declares them
	// (schema.org Person, hCard) over what the lines suggest.
	if md.Name != "" {
		c.Name = md.Name
		if md.Role != "" || c.Role == md.Name {
			c.Role = md.Role
		}
	}
	if md.Role != "" && c.Role == "" {
		c.Role = md.Role
	}
	return c
}

// roleThenName matches a press officer's job title followed by the name
// ("Pressesprecherin Katrin Sommer", "Pressesprecher*in Markus Ulrich").
var roleThenName = regexp.MustCompile(`^(\S*(?:sprecher|referent|leiter)\S*)\s+(\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+){1,3})$`)

// creditStart reports a line (lower case) that is a photo's credit.
func creditStart(low string) bool {
	return strings.HasPrefix(low, "©") || strings.HasPrefix(low, "(c) ") || strings.HasPrefix(low, "foto:") ||
		strings.HasPrefix(low, "bild:") || strings.HasPrefix(low, "copyright")
}

// contactMarkup reads what the markup of a contact declares: schema.org
// microdata of a Person (itemprop name, jobTitle, telephone, email) or an
// hCard (fn, title or role, tel, email; microformats 1 and 2).
func contactMarkup(el *html.Node) umzug.Contact {
	var c umzug.Contact
	set := func(f *string, n *html.Node) {
		if *f != "" {
			return
		}
		if href := attr(n, "href"); strings.HasPrefix(strings.ToLower(href), "mailto:") && f == &c.Email {
			*f = strings.SplitN(href[len("mailto:"):], "?", 2)[0]
			return
		}
		if v := attr(n, "content"); v != "" {
			*f = collapseTrim(v)
			return
		}
		*f = collapseTrim(cleanText(n))
	}
	var walk func(n *html.Node, person bool)
	walk = func(n *html.Node, person bool) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			own := person
			if hasAttr(k, "itemscope") {
				own = strings.Contains(attr(k, "itemtype"), "schema.org/Person")
			}
			if person {
				for _, prop := range strings.Fields(attr(k, "itemprop")) {
					switch prop {
					case "name":
						if !hasAttr(k, "itemscope") {
							set(&c.Name, k)
						}
					case "jobTitle":
						set(&c.Role, k)
					case "telephone":
						set(&c.Phone, k)
					case "faxNumber":
						set(&c.Fax, k)
					case "email":
						set(&c.Email, k)
					}
				}
			}
			for _, cl := range strings.Fields(attr(k, "class")) {
				switch cl {
				case "fn", "p-name":
					if insideHCard(k, el) {
						set(&c.Name, k)
					}
				case "title", "role", "p-job-title", "p-role":
					if insideHCard(k, el) {
						set(&c.Role, k)
					}
				case "tel", "p-tel":
					if insideHCard(k, el) {
						if m := barePhoneIn.FindString(cleanText(k)); m != "" && strings.Contains(strings.ToLower(cleanText(k)), "fax") {
							// <span class="tel"><span class="type">fax</span> …</span>
							if c.Fax == "" {
								c.Fax = m
							}
						} else {
							set(&c.Phone, k)
						}
					}
				case "email", "u-email":
					if insideHCard(k, el) {
						set(&c.Email, k)
					}
				}
			}
			walk(k, own)
		}
	}
	walk(el, hasAttr(el, "itemscope") && strings.Contains(attr(el, "itemtype"), "schema.org/Person") || insidePerson(el))
	return c
}

// insidePerson reports an element inside the microdata of a Person.
func insidePerson(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && hasAttr(p, "itemscope") {
			return strings.Contains(attr(p, "itemtype"), "schema.org/Person")
		}
	}
	return false
}

// insideHCard reports an element of an hCard (class vcard or h-card) at or
// below top.
func insideHCard(n, top *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, cl := range strings.Fields(attr(p, "class")) {
			if cl == "vcard" || cl == "h-card" {
				return true
			}
		}
		if p == top {
			break
		}
	}
	return false
}

// normalizeEmail turns "presse(at)example.de" into "presse@example.de".
func normalizeEmail(s string) string {
	for _, at := range []string{" (at) ", "(at)", " [at] ", "[at]"} {
		s = strings.Replace(s, at, "@", 1)
	}
	return s
}

// takeContacts moves a press release's contact boxes into its contacts:
// their blocks leave the body, their text counts as the contacts field.
func (p *page) takeContacts(roots []*html.Node) {
	pr := p.d.PressRelease
	search := roots
	if p.news != nil && !containsAny(roots, p.news) {
		search = append([]*html.Node{p.news}, roots...)
	}
	boxes := append(contactBoxes(search), p.pressContactsOutside(search)...)
	boxes = append(boxes, p.headedContactElements(boxes)...)
	for _, box := range boxes {
		cs := p.readContacts(box.read)
		if len(cs) == 0 {
			continue
		}
		for _, c := range cs {
			if !hasContact(pr.Contacts, c) {
				pr.Contacts = append(pr.Contacts, c)
			}
		}
		var sb strings.Builder
		for _, n := range box.nodes {
			p.field(n, "contacts")
			sb.WriteString(textOf(n))
			sb.WriteByte(' ')
		}
		boxText := normText(sb.String())
		inBox := func(src *html.Node) bool {
			for _, n := range box.nodes {
				if src == n || isAncestor(n, src) {
					return true
				}
			}
			return false
		}
		p.dropBlocks(func(b *umzug.Block, src *html.Node) bool {
			// A block of the box, or one that held nothing but the box.
			return src != nil && (inBox(src) || isAncestor(src, box.nodes[0]) && stripBoxText(b, boxText))
		})
	}
}

// fieldLabel is the label of a contact's line that names a way to reach
// it, not whom ("E-Mail: …", "Tel.: …").
var fieldLabel = regexp.MustCompile(`(?i)^(?:e-?mail|mail|tel(?:efon)?|fon|phone|fax|telefax|mobil|handy|internet|web|www|homepage|adresse|anschrift|twitter|mastodon|facebook|instagram|x)\.?$`)

// labelledField reports a line that a field's label opens ("Internet: …").
func labelledField(line string) bool {
	label, _, ok := strings.Cut(line, ":")
	return ok && fieldLabel.MatchString(strings.TrimSpace(label))
}

// namedLabel reports a line "Name: phone or e-mail": a short label
// without digits or an address, followed by a way to reach someone.
func namedLabel(label, rest string) bool {
	label = strings.TrimSpace(label)
	return label != "" && len(label) < 60 && !strings.ContainsAny(label, "0123456789@") && !fieldLabel.MatchString(label) &&
		(phoneRe.MatchString(rest) || emailRe.MatchString(rest))
}

// pressContactsOutside returns the press contact boxes outside the main
// content: a template's "Ihr Ansprechpartner für Pressefragen" band under
// the article, a press office box in the side column. Only a box whose
// first line names the press or the media counts there (a site's general
// "Kontakt" box is no press contact), and none in the page's header,
// footer, navigation or other chrome. A side column inside the main
// region was dropped (taken out of the tree) before: its boxes are looked
// at where pruning put it.
func (p *page) pressContactsOutside(roots []*html.Node) []contactBox {
	if p.an == nil || p.an.body == nil {
		return nil
	}
	var out []contactBox
	// The elements around the roots (holdsOneOf for an element that is no
	// root), found once instead of from every element outside them.
	around := map[*html.Node]bool{}
	for _, r := range roots {
		for a := r.Parent; a != nil && !around[a]; a = a.Parent {
			around[a] = true
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) || containsNode(roots, c) {
				continue
			}
			if around[c] {
				walk(c) // a wrapper around the main content
				continue
			}
			switch p.an.marks[c] {
			case "", umzug.DropSidebar, umzug.DropRelated:
			default:
				continue // chrome
			}
			if isContactBox(c) {
				if first := strings.ToLower(firstLine(leadingText(c, 80))); strings.Contains(first, "presse") || strings.Contains(first, "medien") {
					out = append(out, contactBox{nodes: []*html.Node{c}, read: c})
				}
				continue
			}
			walk(c)
		}
	}
	walk(p.an.body)
	for _, dn := range p.dropped {
		if dn.reason != umzug.DropSidebar && dn.reason != umzug.DropRelated || dn.n.Parent != nil {
			continue
		}
		// A dropped side column of the region ("Presseteam" beside the
		// release): the box itself, or the boxes in it.
		holder := &html.Node{Type: html.ElementNode}
		holder.FirstChild, holder.LastChild = dn.n, dn.n
		walk(holder)
		holder.FirstChild, holder.LastChild = nil, nil
	}
	return out
}

// stripBoxText removes from a block's rich text the run of paragraphs
// that renders a contact box read into the contacts (a box inside a text:
// its headline and lines; a table of one cell that was the box). It
// reports whether the block is left empty.
func stripBoxText(b *umzug.Block, boxText string) bool {
	if b.Type == umzug.BlockTable {
		// A table of one cell that was the box (its text all of it).
		t := normText(strings.ReplaceAll(b.PlainText(), "\n", " "))
		return t != "" && strings.Contains(boxText, t) && 10*len(t) >= 9*len(boxText)
	}
	body := textBody(b)
	if body == nil {
		return false
	}
	pt := *body
	// The longest run of paragraphs that all stand in the box's text.
	bestFrom, bestTo, bestLen := 0, 0, 0
	for i := 0; i < len(pt); {
		j, n := i, 0
		for j < len(pt) {
			t := normText(strings.ReplaceAll(pt[j].PlainText(), "\n", " "))
			if t == "" || !strings.Contains(boxText, t) {
				break
			}
			n += len(t)
			j++
		}
		if n > bestLen {
			bestFrom, bestTo, bestLen = i, j, n
		}
		if j == i {
			j++
		}
		i = j
	}
	// The run must be the box, not a line that happens to repeat in it.
	if bestLen == 0 || float64(bestLen) < 0.6*float64(len(boxText)) {
		return false
	}
	rest := append(append(umzug.PortableText{}, pt[:bestFrom]...), pt[bestTo:]...)
	rekey(rest)
	*body = rest
	return len(rest) == 0 && b.Type != umzug.BlockTextMedia && b.Header == nil
}

// textBody returns the rich text of a text, text-with-media or info box
// block, else nil.
func textBody(b *umzug.Block) *umzug.PortableText {
	switch {
	case b.Type == umzug.BlockText && b.Text != nil:
		return &b.Text.Body
	case b.Type == umzug.BlockInfoBox && b.InfoBox != nil:
		return &b.InfoBox.Body
	case b.Type == umzug.BlockTextMedia && b.TextMedia != nil:
		return &b.TextMedia.Body
	}
	return nil
}

func containsAny(roots []*html.Node, n *html.Node) bool {
	for _, r := range roots {
		if r == n || isAncestor(r, n) {
			return true
		}
	}
	return false
}

func hasContact(cs []umzug.Contact, c umzug.Contact) bool {
	for _, x := range cs {
		if c.Email != "" && strings.EqualFold(x.Email, c.Email) || c.Phone != "" && x.Phone == c.Phone && x.Name == c.Name {
			return true
		}
	}
	return false
}

// nextElement returns the element after n among its siblings, skipping
// white space, or nil (also when text stands between them).
func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		switch {
		case s.Type == html.ElementNode:
			return s
		case s.Type == html.TextNode && strings.TrimSpace(s.Data) != "":
			return nil
		}
	}
	return nil
}

// contactShaped reports a paragraph that is a person's contact lines
// (a name line, then ways to reach them: "Martin Scholz, stellv.
// Pressesprecher<br>Telefon: …<br>E-Mail: …"): two to six short lines, a
// first line that is no way to reach and a way to reach among the rest.
func contactShaped(n *html.Node) bool {
	if n.DataAtom != atom.P {
		return false
	}
	t, short := textUpTo(n, 300)
	if !short || t == "" || !reachable(n, t) {
		return false
	}
	var lines []string
	for _, l := range strings.Split(textWithBreaks(n), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) < 2 || len(lines) > 6 {
		return false
	}
	first := lines[0]
	return len(first) <= 80 && !phoneRe.MatchString(first) && !emailRe.MatchString(first) && !strings.ContainsAny(first, "0123456789@")
}

// headedContactElements returns the content elements converted into a
// block whose header is a contact headline ("Pressekontakt" as the
// header of a text element of the record, boxed by a frame background or
// not) and that hold a way to reach someone: boxes the element's text
// alone does not announce, its header having left it for the block's.
// Elements inside one of the boxes found are left out.
func (p *page) headedContactElements(found []contactBox) []contactBox {
	var out []contactBox
	for _, b := range p.blocks {
		if b.Header == nil || len(b.Header.Text) > 80 {
			continue
		}
		l := strings.ToLower(b.Header.Text)
		if !mayContactCue(l) || !contactCue.MatchString(firstLine(l)) {
			continue
		}
		src := p.blockSrc[b.Key]
		if src == nil || !isContentElement(src) {
			continue
		}
		inside := false
		for _, f := range found {
			for _, n := range f.nodes {
				if n == src || isAncestor(n, src) || isAncestor(src, n) {
					inside = true
				}
			}
		}
		if t, short := textUpTo(src, 1200); !inside && short && t != "" && reachable(src, t) {
			out = append(out, contactBox{nodes: []*html.Node{src}, read: src})
			found = append(found, out[len(out)-1])
		}
	}
	return out
}

// singleCell reports a table of one row with one cell.
func singleCell(n *html.Node) bool {
	cells := 0
	var f func(*html.Node)
	f = func(x *html.Node) {
		for c := x.FirstChild; c != nil && cells < 2; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Td, atom.Th:
				cells++
			case atom.Table:
				cells = 2 // a table inside: a layout, not a box
			default:
				f(c)
			}
		}
	}
	f(n)
	return cells == 1
}
