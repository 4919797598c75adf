package audit

import (
	"fmt"
	"sync"

	"github.com/coregx/ahocorasick"
)

// textIndex holds the triggers of all text matchers of an Auditor (the
// built-in ones and the user's) in one Aho–Corasick automaton. scan finds
// in one pass over a page's texts which matcher may match which text; a
// matcher's regular expression then runs only on those texts, to confirm
// the hit and find its exact span. Matchers without triggers (the dummy
// label check, a user regexp like `\d{5}`) run on every text.
type textIndex struct {
	ac     *ahocorasick.Automaton // nil when no matcher has triggers
	owners [][]int32              // per pattern of ac: the matchers it triggers
	always []bool                 // per matcher: runs on every text
}

// newTextIndex builds the index of matchers whose triggers are trig[i];
// always[i] marks those that run on every text.
func newTextIndex(trig [][]string, always []bool) (*textIndex, error) {
	x := &textIndex{always: always}
	ids := map[string]int{}
	var pats []string
	for m, lits := range trig {
		if always[m] {
			continue
		}
		for _, l := range lits {
			id, ok := ids[l]
			if !ok {
				id = len(pats)
				ids[l] = id
				pats = append(pats, l)
				x.owners = append(x.owners, nil)
			}
			x.owners[id] = append(x.owners[id], int32(m))
		}
	}
	if len(pats) == 0 {
		return x, nil
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(pats).Build()
	if err != nil {
		return nil, fmt.Errorf("building the text rules' automaton: %w", err)
	}
	x.ac = ac
	return x, nil
}

// textSep ends each text in the scanned buffer: a byte that UTF-8 never
// holds, so no trigger can match across two texts.
const textSep = 0xff

var scanBufs = sync.Pool{New: func() any { return new([]byte) }}

// scan returns, for every matcher, the indexes of the texts that hold one
// of its triggers, ascending and each once. The texts are folded into one
// buffer and the automaton runs over it once (overlapping matches, so a
// trigger inside another is found too).
func (x *textIndex) scan(texts []string) [][]int32 {
	cand := make([][]int32, len(x.always))
	if x.ac == nil || len(texts) == 0 {
		return cand
	}
	bp := scanBufs.Get().(*[]byte)
	defer scanBufs.Put(bp)
	buf := (*bp)[:0]
	// ends[i] is the offset of the separator after text i.
	ends := make([]int, len(texts))
	for i, t := range texts {
		buf = appendFold(buf, t)
		ends[i] = len(buf)
		buf = append(buf, textSep)
	}
	*bp = buf
	t := 0
	for _, m := range x.ac.FindAllOverlapping(buf) {
		// Matches come in the order of their ends; a match ending at
		// m.End lies in the first text whose separator is not before it.
		for m.End > ends[t] {
			t++
		}
		for _, mi := range x.owners[m.PatternID] {
			if c := cand[mi]; len(c) == 0 || c[len(c)-1] != int32(t) {
				cand[mi] = append(c, int32(t))
			}
		}
	}
	return cand
}

// each calls fn with i-lo for every text i in [lo, hi) that matcher m may
// match, in order.
func (x *textIndex) each(cand [][]int32, m, lo, hi int, fn func(i int)) {
	if x.always[m] {
		for i := lo; i < hi; i++ {
			fn(i - lo)
		}
		return
	}
	for _, i := range cand[m] {
		if int(i) >= lo && int(i) < hi {
			fn(int(i) - lo)
		}
	}
}
