package html

import (
	"regexp"
	"regexp/syntax"
)

// Go's regexp package runs a pattern of more than 500 instructions on
// its NFA, whose two queues it sizes to the program: relatedHeading has
// some 2,200 instructions, so each of its machines is about 90 KB.
// Machines are kept in a sync.Pool, which the garbage collector empties,
// and nearly every page has a headline that gets to relatedHeading: the
// first match after each collection allocated a fresh machine, a fifth
// of all the bytes extraction allocated on the corpus (interactionHeading,
// some 800 instructions, another 3%). Smaller patterns run on the
// backtracker, whose pooled state is a bit set of instructions × input
// positions shared by all patterns: a few KB for a headline.
//
// splitAlternation cuts a pattern of the form P(?:A|B|…)S, with one
// alternation at its top level, into patterns P(?:A|…)S, P(?:…|B)S, …
// of at most maxInsts instructions each (an alternative larger than that
// gets a part of its own). A string matches the whole pattern exactly
// when it matches one of the parts (P(A|B)S is the union of PAS and PBS),
// so anyMatches of the parts is the pattern's MatchString (not its
// FindString: which part's match comes first is not the pattern's
// choice). Any other pattern is returned whole.
func splitAlternation(re *regexp.Regexp, maxInsts int) []*regexp.Regexp {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil || tree.Op != syntax.OpConcat {
		return []*regexp.Regexp{re}
	}
	alt := -1
	for i, sub := range tree.Sub {
		if sub.Op == syntax.OpAlternate {
			if alt >= 0 {
				return []*regexp.Regexp{re} // which one to cut is not clear
			}
			alt = i
		}
	}
	if alt < 0 {
		return []*regexp.Regexp{re}
	}
	// with returns the pattern with the alternation cut to subs
	with := func(subs []*syntax.Regexp) *syntax.Regexp {
		a := *tree.Sub[alt]
		a.Sub = subs
		c := *tree
		c.Sub = append(append(append([]*syntax.Regexp{}, tree.Sub[:alt]...), &a), tree.Sub[alt+1:]...)
		return &c
	}
	var parts []*regexp.Regexp
	alts := tree.Sub[alt].Sub
	for start := 0; start < len(alts); {
		end := start + 1 // one alternative at least, however large
		for end < len(alts) && insts(with(alts[start:end+1])) <= maxInsts {
			end++
		}
		parts = append(parts, regexp.MustCompile(with(alts[start:end]).String()))
		start = end
	}
	return parts
}

// insts is the size of the program re compiles to.
func insts(re *syntax.Regexp) int {
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 1 << 30
	}
	return len(prog.Inst)
}

// backtrackInsts is the largest program Go's regexp runs on the
// backtracker (regexp's maxBacktrackProg).
const backtrackInsts = 500

// anyMatches reports whether one of the patterns matches s.
func anyMatches(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// relatedHeading and interactionHeading (some 800 instructions) cut for
// the backtracker.
var (
	relatedHeadingParts     = splitAlternation(relatedHeading, backtrackInsts)
	interactionHeadingParts = splitAlternation(interactionHeading, backtrackInsts)
)
