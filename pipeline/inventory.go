package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// The content inventory: inventory.csv (UTF-8, ",") and inventory-excel.csv
// (for German Excel: byte order mark, ";", CRLF, German headers and
// statuses) list every old URL the run knows once: the exported documents
// (in id order, as documents.ndjson), each with its aliases (the other old
// URLs of redirects.csv that lead to it: URLs it was also served under,
// TYPO3's index.php?id=…, print views, redirects of the old site) in its
// row, then every other old URL in the order of redirects.csv (files,
// gone pages, redirects to no document), then the pages that were not
// exported (error statuses, failed fetches, pages that are no content).
//
// The project's editors plan the move from it. An .xlsx file would need a
// module of its own (excelize and its dependencies) for what the Excel
// variant of the CSV already gives: it opens by double click in a German
// Excel with umlauts, columns and numbers right.

// Inventory statuses.
const (
	invExported = "exported"  // a document of the export
	invAlias    = "redirect"  // an old URL that redirects (301) to a new path that is no document's (aliases of documents are in the document's row)
	invAsset    = "asset"     // an image or file of the old site (301 to its /media/ path)
	invGone     = "gone"      // no main content: 410 in the redirect map
	invError    = "not-found" // the old site answered 4xx: not exported
	invFailed   = "failed"    // no response, 5xx, or not extractable
	invSkipped  = "skipped"   // not content (a listing, a redirect to a page not exported)
)

var inventoryHeader = []string{"old_url", "status", "http_status", "new_path", "kind", "title", "words", "published",
	"depth", "inlinks", "findings", "dropped_chars", "dropped", "note", "aliases"}

var inventoryHeaderDE = []string{"Alte URL", "Status", "HTTP-Status", "Neuer Pfad", "Art", "Titel", "Wörter", "Veröffentlicht",
	"Linktiefe", "Eingehende Links", "Befunde", "Entfernte Zeichen", "Entfernt nach Grund", "Hinweis", "Weitere alte URLs"}

// The German words of the Excel variant for statuses and kinds.
var (
	statusDE = map[string]string{
		invExported: "exportiert", invAlias: "Weiterleitung", invAsset: "Datei", invGone: "entfällt (410)",
		invError: "nicht gefunden", invFailed: "fehlgeschlagen", invSkipped: "übersprungen",
	}
	kindDE = map[string]string{
		string(umzug.KindPage): "Seite", string(umzug.KindPressRelease): "Pressemitteilung", "image": "Bild", "file": "Datei",
	}
)

// invRow is one row, spooled as JSON until the findings are known.
type invRow struct {
	URL       string `json:"u"`
	Status    string `json:"s"`
	HTTP      int    `json:"h,omitempty"`
	Path      string `json:"p,omitempty"`
	Kind      string `json:"k,omitempty"`
	Title     string `json:"t,omitempty"`
	Words     int    `json:"w,omitempty"`
	Published string `json:"d,omitempty"`
	Depth     int    `json:"l"` // -1: not known
	ID        string `json:"i,omitempty"`
	Dropped   map[string]int
	Note      string   `json:"n,omitempty"`
	Aliases   []string `json:"-"` // filled in when the rows are written
}

// inventory collects the rows while the export is written.
type inventory struct {
	docs  *load.TempLog
	other *load.TempLog
	// docURLs has the canonical URLs of documents (their redirect rows
	// are the document rows), as 64-bit hashes: the strings need not stay
	// (at 100,000 documents, 8 instead of about 90 bytes each).
	docURLs map[uint64]struct{}
	seed    maphash.Seed
	// aliases has a key for the new path of every document, and lists
	// the other old URLs that redirect there, in the order of
	// redirects.csv. They are held until the inventory is written: about
	// the size of redirects.csv, as the de-duplication's index holds them.
	aliases map[string][]string
	assets  map[string]string // asset URL -> kind
	inlinks map[docID]int32   // document id -> documents that link to it
	depth   map[string]int    // document URL -> link depth (migrate)
	extra   []invRow          // pages not exported, from the crawl
}

func newInventory() (*inventory, error) {
	docs, err := load.NewTempLog("")
	if err != nil {
		return nil, err
	}
	other, err := load.NewTempLog("")
	if err != nil {
		docs.Close()
		return nil, err
	}
	return &inventory{docs: docs, other: other, docURLs: map[uint64]struct{}{}, seed: maphash.MakeSeed(), aliases: map[string][]string{}, assets: map[string]string{},
		inlinks: map[docID]int32{}, depth: map[string]int{}}, nil
}

func (inv *inventory) close() {
	inv.docs.Close()
	inv.other.Close()
}

// docLinkRe finds the document ids a document's JSON refers to (links,
// teasers, refs): the export's own contract, so nothing is missed.
var docLinkRe = regexp.MustCompile(`"document":"([0-9a-f-]{36})"`)

// docID is a document id (a UUID as text) as a map key that holds no
// string.
type docID [36]byte

func docIDOf(s string) (docID, bool) {
	if len(s) != len(docID{}) {
		return docID{}, false
	}
	return docID([]byte(s)), true
}

// addDocument records a document as written (line is its JSON), with the
// words of its text before de-duplication.
func (inv *inventory) addDocument(d *umzug.Document, words int, line []byte, assets []umzug.Asset) error {
	inv.docURLs[maphash.String(inv.seed, d.URL)] = struct{}{}
	if d.Path != "" {
		inv.aliases[d.Path] = nil
	}
	self, _ := docIDOf(d.ID)
	seen := map[docID]bool{self: true}
	for _, m := range docLinkRe.FindAllSubmatch(line, -1) {
		if id := docID(m[1]); !seen[id] { // the expression matches 36 bytes
			seen[id] = true
			inv.inlinks[id]++
		}
	}
	for _, a := range assets {
		inv.assets[a.URL] = a.Kind
	}
	depth, ok := inv.depth[d.URL]
	if !ok {
		depth = -1
	}
	return inv.docs.Append(invRow{URL: d.URL, Status: invExported, HTTP: d.Provenance.HTTPStatus, Path: d.Path, Kind: string(d.Kind),
		Title: d.Title, Words: words, Published: d.Dates.Published, Depth: depth, ID: d.ID, Dropped: d.Provenance.Accounting.DroppedChars()})
}

// addRedirect records a row of the redirect map: a document's own URL is
// its row already, another URL that redirects to a document is one of the
// document's aliases, anything else a row of its own.
func (inv *inventory) addRedirect(r umzug.Redirect, isFile func(string) bool) error {
	if _, doc := inv.docURLs[maphash.String(inv.seed, r.From)]; doc {
		return nil
	}
	row := invRow{URL: r.From, Status: invAlias, Path: r.To, Depth: -1}
	kind, asset := inv.assets[r.From]
	switch {
	case r.Status == 410:
		row.Status, row.Note = invGone, "no main content"
	case asset:
		row.Status, row.Kind = invAsset, kind
	case isFile(r.From):
		row.Status, row.Kind = invAsset, "file"
	default:
		if as, ok := inv.aliases[r.To]; ok {
			inv.aliases[r.To] = append(as, r.From)
			return nil
		}
	}
	return inv.other.Append(row)
}

// addPage records a page of the crawl that was not exported.
func (inv *inventory) addPage(u, status string, http, depth int, note string) {
	inv.extra = append(inv.extra, invRow{URL: u, Status: status, HTTP: http, Depth: depth, Note: note})
}

// write writes inventory.csv and inventory-excel.csv.
func (inv *inventory) write(exp *load.Exporter, findings []umzug.Finding) error {
	perURL := map[string]int{}
	for _, f := range findings {
		perURL[f.URL]++
	}
	slices.SortFunc(inv.extra, func(a, b invRow) int { return strings.Compare(a.URL, b.URL) })
	for _, excel := range []bool{false, true} {
		name := "inventory.csv"
		if excel {
			name = "inventory-excel.csv"
		}
		w, err := exp.CreateText(name)
		if err != nil {
			return err
		}
		if err := inv.writeCSV(w, excel, perURL); err != nil {
			w.Abort()
			return err
		}
		if err := w.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func (inv *inventory) writeCSV(w *load.TextWriter, excel bool, findings map[string]int) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if excel {
		cw.Comma, cw.UseCRLF = ';', true
	}
	line := func(fields []string, record bool) error {
		buf.Reset()
		if err := cw.Write(fields); err != nil {
			return err
		}
		cw.Flush()
		return w.Line(strings.TrimSuffix(buf.String(), "\n"), record)
	}
	header := inventoryHeader
	if excel {
		header = slices.Clone(inventoryHeaderDE)
		header[0] = "\ufeff" + header[0]
	}
	if err := line(header, false); err != nil {
		return err
	}
	emit := func(r invRow) error {
		return line(inv.fields(r, excel, findings), true)
	}
	each := func(l *load.TempLog) error {
		return l.Each(func(b []byte) error {
			var r invRow
			if err := json.Unmarshal(b, &r); err != nil {
				return fmt.Errorf("reading inventory rows: %w", err)
			}
			if r.Status == invExported {
				r.Aliases = inv.aliases[r.Path]
			}
			return emit(r)
		})
	}
	if err := each(inv.docs); err != nil {
		return err
	}
	if err := each(inv.other); err != nil {
		return err
	}
	for _, r := range inv.extra {
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

func (inv *inventory) fields(r invRow, excel bool, findings map[string]int) []string {
	num := func(n int) string { return strconv.Itoa(n) }
	opt := func(n int) string {
		if n == 0 {
			return ""
		}
		return num(n)
	}
	depth := ""
	if r.Depth >= 0 {
		depth = num(r.Depth)
	}
	inlinks, droppedChars := "", ""
	var dropped []string
	if r.Status == invExported {
		n := int32(0)
		if id, ok := docIDOf(r.ID); ok {
			n = inv.inlinks[id]
		}
		inlinks = num(int(n))
		total := 0
		for _, reason := range sortedIntKeys(r.Dropped) {
			total += r.Dropped[reason]
			dropped = append(dropped, fmt.Sprintf("%s %d", reason, r.Dropped[reason]))
		}
		if r.Dropped != nil {
			droppedChars = num(total)
		}
	}
	status, kind := r.Status, r.Kind
	if excel {
		status, kind = orDE(statusDE, status), orDE(kindDE, kind)
	}
	out := []string{r.URL, status, opt(r.HTTP), r.Path, kind, r.Title, opt(r.Words), r.Published, depth, inlinks,
		num(findings[r.URL]), droppedChars, strings.Join(dropped, "; "), r.Note, strings.Join(r.Aliases, " ")}
	if excel {
		for i, v := range out {
			out[i] = excelSafe(v)
		}
	}
	return out
}

func orDE(m map[string]string, s string) string {
	if de, ok := m[s]; ok {
		return de
	}
	return s
}

// excelSafe keeps Excel from reading a cell as a formula: a title may
// start with "=", "+", "-" or "@".
func excelSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

func sortedIntKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// words counts the words of a document's blocks.
func words(d *umzug.Document) int {
	n := 0
	for i := range d.Blocks {
		n += d.Blocks[i].Words()
	}
	return n
}
