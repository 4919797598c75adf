package audit

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Triggers are the literals that decide which texts a regular expression
// may match: every match of the expression contains one of its triggers,
// compared after case folding (foldString). A text that holds none of them
// cannot match, so the expression runs only on texts the one automaton of
// all triggers (textIndex) finds a trigger in. Derived from the expression,
// they can never miss a match the expression would find.

// minTrigger is the shortest useful trigger in bytes: shorter ones (a
// digit, "#") are in nearly every text, and their expression runs on all.
const minTrigger = 3

// maxExact caps the sets of strings an expression part is known to match
// exactly ("(?:Text|Inhalte?) (?:folgt|folgen)" has 6); beyond it the part
// only says which literals a match contains.
const maxExact = 64

// maxClass is the largest character class spelled out into its runes.
const maxClass = 32

// triggers returns the folded literals one of which every match of the
// expression contains, or ok=false when there are none worth scanning for
// (the expression must then run on every text). An expression that cannot
// match at all has an empty set and ok=true.
func triggers(expr string) (lits []string, ok bool, err error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false, err
	}
	set := necessary(re)
	if set == nil || (len(set) > 0 && minLen(set) < minTrigger) {
		return nil, false, nil
	}
	return minimal(set), true, nil
}

// necessary returns folded literals one of which every match of re
// contains, however short; nil when there are none.
func necessary(re *syntax.Regexp) []string {
	i := analyze(re)
	return best(i.exact, i.need)
}

// minimal drops the literals that contain another literal of the set: a
// text holding "page not found." holds "page not found" as well.
func minimal(set []string) []string {
	set = slices.Clone(set)
	slices.SortFunc(set, func(a, b string) int { return cmp.Or(len(a)-len(b), strings.Compare(a, b)) })
	var out []string
	for _, s := range set {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.Contains(s, o) }) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// litInfo is what is known of the strings a part of an expression matches.
type litInfo struct {
	// exact: every match is one of these folded strings; nil when unknown
	// or more than maxExact.
	exact []string
	// need: every match contains one of these folded strings; nil when
	// nothing is known.
	need []string
	// ends: for a part repeated at least n >= 1 times (x+, x{n,}, x{n,m})
	// whose x is exactly known, the strings of n copies of x (or of one,
	// when n copies make too many): every match starts and ends with one.
	ends []string
}

func analyze(re *syntax.Regexp) litInfo {
	switch re.Op {
	case syntax.OpNoMatch:
		return litInfo{exact: []string{}}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return litInfo{exact: []string{""}}
	case syntax.OpLiteral:
		return litInfo{exact: []string{foldString(string(re.Rune))}}
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxClass {
				return litInfo{}
			}
		}
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				set = append(set, string(foldRune(r)))
			}
		}
		return litInfo{exact: dedupe(set)}
	case syntax.OpCapture:
		return analyze(re.Sub[0])
	case syntax.OpQuest:
		if sub := analyze(re.Sub[0]); sub.exact != nil && len(sub.exact) < maxExact {
			return litInfo{exact: dedupe(append(slices.Clone(sub.exact), ""))}
		}
		return litInfo{}
	case syntax.OpPlus:
		sub := analyze(re.Sub[0])
		return litInfo{need: nonEmpty(sub), ends: copies(sub.exact, 1)}
	case syntax.OpRepeat:
		sub := analyze(re.Sub[0])
		switch {
		case re.Min == 0 && re.Max == 1:
			if sub.exact != nil && len(sub.exact) < maxExact {
				return litInfo{exact: dedupe(append(slices.Clone(sub.exact), ""))}
			}
			return litInfo{}
		case re.Min == 0:
			return litInfo{}
		case re.Min == re.Max && sub.exact != nil:
			set := []string{""}
			for range re.Min {
				if set = product(set, sub.exact); set == nil {
					break
				}
			}
			if set != nil {
				return litInfo{exact: set}
			}
		}
		return litInfo{need: nonEmpty(sub), ends: copies(sub.exact, re.Min)}
	case syntax.OpConcat:
		return analyzeConcat(re.Sub)
	case syntax.OpAlternate:
		return analyzeAlternate(re.Sub)
	}
	// OpAnyChar, OpAnyCharNotNL, OpStar: any string.
	return litInfo{}
}

// analyzeConcat multiplies out runs of exactly known parts ("Musterstra",
// "ß|ss", "e ") while the sets stay small; every run and every other
// part's needed literals are a candidate, and the best candidate is what
// the whole needs.
func analyzeConcat(subs []*syntax.Regexp) litInfo {
	var cands [][]string
	cur := []string{""}
	exact := true
	for _, s := range subs {
		i := analyze(s)
		if rep := i.ends; rep != nil && i.exact == nil {
			// x+ (or x{2,}) is x…x: its first copies follow what came
			// before, its last ones precede what comes next.
			if p := product(cur, rep); p != nil {
				cands = append(cands, p)
			} else {
				cands = append(cands, cur, rep)
			}
			cur, exact = rep, false
			continue
		}
		if i.exact != nil {
			if p := product(cur, i.exact); p != nil {
				cur = p
				continue
			}
			cands = append(cands, cur)
			cur, exact = i.exact, false
			continue
		}
		exact = false
		cands = append(cands, cur, i.need)
		cur = []string{""}
	}
	cands = append(cands, cur)
	if exact {
		return litInfo{exact: cur}
	}
	return litInfo{need: best(cands...)}
}

// copies returns the strings of n copies of one of set, or set itself
// when there would be too many; nil when set is nil.
func copies(set []string, n int) []string {
	if set == nil {
		return nil
	}
	out := []string{""}
	for range n {
		if out = product(out, set); out == nil {
			return set
		}
	}
	return out
}

// analyzeAlternate: exactly known when every branch is; otherwise a match
// contains what one of the branches needs, so the union of the branches'
// best sets, when every branch has one.
func analyzeAlternate(subs []*syntax.Regexp) litInfo {
	infos := make([]litInfo, len(subs))
	exact := []string{}
	for j, s := range subs {
		infos[j] = analyze(s)
		if exact != nil && infos[j].exact != nil && len(exact)+len(infos[j].exact) <= maxExact {
			exact = append(exact, infos[j].exact...)
		} else {
			exact = nil
		}
	}
	if exact != nil {
		return litInfo{exact: dedupe(exact)}
	}
	var need []string
	for _, i := range infos {
		b := best(i.exact, i.need)
		if b == nil || (len(b) > 0 && minLen(b) == 0) {
			return litInfo{}
		}
		need = append(need, b...)
	}
	return litInfo{need: dedupe(need)}
}

// nonEmpty is what a part needs when it matches at least once: its exact
// strings (when none is empty) or its needed literals.
func nonEmpty(i litInfo) []string {
	return best(i.exact, i.need)
}

// best picks the most selective of the literal sets: the longest shortest
// literal, then the fewest literals. Sets holding "" say nothing and are
// never picked; nil when there is none.
func best(sets ...[]string) []string {
	var out []string
	score := -1
	for _, s := range sets {
		if s == nil {
			continue
		}
		sc := minLen(s)
		if len(s) > 0 && sc == 0 {
			continue
		}
		if len(s) == 0 {
			sc = 1 << 30 // matches nothing: the best set of all
		}
		if sc > score || (sc == score && len(s) < len(out)) {
			out, score = s, sc
		}
	}
	return out
}

func minLen(set []string) int {
	m := -1
	for _, s := range set {
		if m < 0 || len(s) < m {
			m = len(s)
		}
	}
	return max(m, 0)
}

// product is every string of a followed by every string of b; nil when
// that makes more than maxExact.
func product(a, b []string) []string {
	if len(a)*len(b) > maxExact {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

// dedupe returns the set sorted, each string once; never nil.
func dedupe(set []string) []string {
	out := append([]string{}, set...)
	slices.Sort(out)
	return slices.Compact(out)
}

// foldTable holds foldRune of the runes below 0x800 (one and two bytes in
// UTF-8: ASCII, Latin, Greek, Cyrillic).
var foldTable = func() []rune {
	t := make([]rune, 0x800)
	for r := range rune(len(t)) {
		t[r] = foldOrbit(r)
	}
	return t
}()

// foldRune maps r to one rune of the runes regexp's (?i) treats as equal
// to it (its unicode.SimpleFold orbit): 'K', 'k' and U+212A KELVIN SIGN
// all become 'k', 'ſ' becomes 's'.
func foldRune(r rune) rune {
	if r >= 0 && int(r) < len(foldTable) {
		return foldTable[r]
	}
	return foldOrbit(r)
}

func foldOrbit(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return unicode.ToLower(least)
}

// foldString is s with every rune folded.
func foldString(s string) string {
	return string(appendFold(nil, s))
}

// appendFold appends s, folded rune by rune, to b. ASCII folds to lower
// case, eight bytes at a time up to the first byte that is not ASCII
// (TestAppendFold compares with foldRune rune by rune).
func appendFold(b []byte, s string) []byte {
	b = slices.Grow(b, len(s))
	for i := 0; i < len(s); {
		for i+8 <= len(s) {
			x := binary.LittleEndian.Uint64([]byte(s[i : i+8])) // no copy: one load
			// Bit 7 of a byte of upper: the byte is 'A'…'Z' (ASCII plus
			// 0x3f reaches 0x80 from 'A' on, plus 0x25 from '['). Its
			// bit 5 makes it lower case. A byte that is not ASCII may
			// carry into the bytes after it, never into those before.
			upper := (x + 0x3f3f3f3f3f3f3f3f) &^ (x + 0x2525252525252525) & 0x8080808080808080
			b = binary.LittleEndian.AppendUint64(b, x|upper>>2)
			hi := x & 0x8080808080808080
			if hi == 0 {
				i += 8
				continue
			}
			n := bits.TrailingZeros64(hi) >> 3 // the ASCII bytes before it
			b = b[:len(b)-8+n]
			i += n
			break
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		if c := s[i]; c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			// Two bytes (U+0080-U+07FF: umlauts, sharp s, Greek,
			// Cyrillic): folded by the table without decoding (0xc0 and
			// 0xc1 lead only overlong forms, invalid: decoded below).
			switch f := foldTable[rune(c&0x1f)<<6|rune(s[i+1]&0x3f)]; {
			case f < utf8.RuneSelf:
				b = append(b, byte(f))
			case f < 0x800:
				b = append(b, 0xc0|byte(f>>6), 0x80|byte(f&0x3f))
			default:
				b = utf8.AppendRune(b, f)
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, foldRune(r))
		i += n
	}
	return b
}
