package pipeline

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/maphash"
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
	Inlinks   int      `json:"-"` // ... as this
}

// inventory collects the rows while the export is written. What it
// keeps in memory per document is fixed in size (two 64-bit hashes and a
// row number, 20 bytes): the rows are spooled, and what is joined to
// them when they are written goes to external sorts (load.ExternalSort):
// the aliases of the documents keyed by row, and the links between
// documents keyed by the id linked to, counted per row by a merge with
// the rows' ids. At 100,000 documents the inventory holds a few MB, not
// the aliases' strings and a map of ids.
type inventory struct {
	docs  *load.TempLog
	other *load.TempLog
	seed  maphash.Seed
	// docURLs has the canonical URLs of documents (their redirect rows
	// are the document rows), as 64-bit hashes: the strings need not
	// stay. Sorted (binary search) once the redirects come.
	docURLs []uint64
	// docPaths has the new path of every document (as a hash) with the
	// document's row: a redirect there is an alias of the row.
	docPaths []pathRow
	sorted   bool // docURLs and docPaths are sorted
	// aliases has the other old URLs that redirect to a document, keyed
	// by its row, in the order of redirects.csv (the sort keeps the
	// order of equal keys).
	aliases *load.ExternalSort
	// links has a record per document linked to (its id) and document
	// that links there; ids has the id of every row (with the row).
	// inlinks, made of the two when the rows are first written, has the
	// number of documents that link to a row, keyed by the row.
	links, ids, inlinks *load.ExternalSort
	assets              map[string]string // asset URL -> kind
	chromeFiles         map[string]bool   // asset URLs linked only from page chrome (Export.chromeFiles)
	depth               map[string]int    // document URL -> link depth (migrate)
	extra               []invRow          // pages not exported, from the crawl
	extraIndex          map[string]int    // URL -> its row in extra (extraRow), nil when extra changed
	// removedNotes: the old URLs an earlier crawl found and this one no
	// longer does (Export.AddRemoved), with why; removedRows counts
	// those written as gone.
	removedNotes map[string]string
	removedRows  int
}

// dropNotFound removes the row of a page not exported because it
// answered 404 or 410; false when there is none.
func (inv *inventory) dropNotFound(u string) bool {
	i := slices.IndexFunc(inv.extra, func(r invRow) bool { return r.URL == u && (r.HTTP == 404 || r.HTTP == 410) })
	if i < 0 {
		return false
	}
	inv.extra = slices.Delete(inv.extra, i, i+1)
	inv.extraIndex = nil
	return true
}

// removed records why an old URL is gone from the old site.
func (inv *inventory) removed(u, note string) {
	if inv.removedNotes == nil {
		inv.removedNotes = map[string]string{}
	}
	inv.removedNotes[u] = note
}

// pathRow is a document's new path, as a hash, and its row.
type pathRow struct {
	hash uint64
	row  uint32
}

// sortBudget is the memory each external sort of the inventory and the
// redirect map holds before it writes a sorted run to its file: 1 MiB
// (the aliases of 100,000 documents, about 40 MB, make 40 runs, merged
// with a 32 KiB buffer each). A variable: tests make it small.
var sortBudget = 1 << 20

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
	return &inventory{docs: docs, other: other, seed: maphash.MakeSeed(),
		aliases: load.NewExternalSort("inventory aliases", "", 4, sortBudget),
		links:   load.NewExternalSort("inventory links", "", len(docID{}), sortBudget),
		ids:     load.NewExternalSort("inventory ids", "", len(docID{}), sortBudget),
		assets:  map[string]string{}, chromeFiles: map[string]bool{}, depth: map[string]int{}}, nil
}

func (inv *inventory) close() {
	inv.docs.Close()
	inv.other.Close()
	inv.aliases.Close()
	inv.links.Close()
	inv.ids.Close()
	if inv.inlinks != nil {
		inv.inlinks.Close()
	}
}

// docLinks calls f with each document id a document's JSON refers to
// (links, teasers, refs): the export's own contract, so nothing is missed.
// It finds what `"document":"([0-9a-f-]{36})"` finds (leftmost, not
// overlapping), by hand: a regexp was 1% of a migrate's CPU.
func docLinks(line []byte, f func(id docID) error) error {
	const key = `"document":"`
	for i := 0; ; {
		j := bytes.Index(line[i:], []byte(key))
		if j < 0 {
			return nil
		}
		start := i + j + len(key)
		end := start + len(docID{})
		if end < len(line) && line[end] == '"' && isDocIDBytes(line[start:end]) {
			if err := f(docID(line[start:end])); err != nil {
				return err
			}
			i = end + 1
			continue
		}
		i += j + 1
	}
}

// isDocIDBytes reports b made of [0-9a-f-] only.
func isDocIDBytes(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || c == '-') {
			return false
		}
	}
	return true
}

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
	row := uint32(inv.docs.Len())
	inv.docURLs = append(inv.docURLs, maphash.String(inv.seed, d.URL))
	if d.Path != "" {
		inv.docPaths = append(inv.docPaths, pathRow{hash: maphash.String(inv.seed, d.Path), row: row})
	}
	inv.sorted = false
	self, ok := docIDOf(d.ID)
	if ok {
		if err := inv.ids.Add(self[:], binary.BigEndian.AppendUint32(nil, row)); err != nil {
			return err
		}
	}
	seen := map[docID]bool{self: true}
	if err := docLinks(line, func(id docID) error {
		if seen[id] {
			return nil
		}
		seen[id] = true
		return inv.links.Add(id[:], nil)
	}); err != nil {
		return err
	}
	for _, a := range assets {
		inv.assets[a.URL] = a.Kind
	}
	note := ""
	for _, w := range d.Warnings {
		if w.Code == umzug.WarnTruncatedBody {
			note = "cut at --max-body-size: the end of the page is missing"
		}
	}
	return inv.docs.Append(invRow{URL: d.URL, Status: invExported, HTTP: d.Provenance.HTTPStatus, Path: d.Path, Kind: string(d.Kind),
		Title: d.Title, Words: words, Published: d.Dates.Published, Depth: inv.depthOf(d.URL), ID: d.ID, Dropped: d.Provenance.Accounting.DroppedChars(), Note: note})
}

// depthOf is the link depth of a document's URL, -1 when unknown (not
// crawled in this run).
func (inv *inventory) depthOf(u string) int {
	if d, ok := inv.depth[u]; ok {
		return d
	}
	return -1
}

// addRedirect records a row of the redirect map: a document's own URL is
// its row already, another URL that redirects to a document is one of the
// document's aliases, anything else a row of its own.
func (inv *inventory) addRedirect(r umzug.Redirect, isFile func(string) bool) error {
	inv.sort()
	if _, doc := slices.BinarySearch(inv.docURLs, maphash.String(inv.seed, r.From)); doc {
		return nil
	}
	row := invRow{URL: r.From, Status: invAlias, Path: r.To, Depth: -1}
	kind, asset := inv.assets[r.From]
	switch {
	case r.Status == 410 && inv.removedNotes[r.From] != "":
		row.Status, row.Note = invGone, inv.removedNotes[r.From]
		inv.removedRows++
	case r.Status == 410:
		row.Status, row.Note = invGone, "no main content"
	case asset:
		row.Status, row.Kind = invAsset, kind
		if inv.chromeFiles[r.From] {
			row.Note = "linked only from page chrome (navigation, sidebar, footer), in no document"
		}
	case isFile(r.From):
		row.Status, row.Kind = invAsset, "file"
	default:
		if i, ok := inv.extraRow(r.From); ok {
			// A page not exported that redirects to a document (a
			// list's later page to the list): its row says why it is
			// not a document and, as new_path, where it goes; it is not
			// listed again among the document's aliases.
			inv.extra[i].Path = r.To
			return nil
		}
		if rows := inv.rowsOfPath(r.To); len(rows) > 0 {
			for _, pr := range rows {
				if err := inv.addAlias(pr.row, r.To, r.From); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return inv.other.Append(row)
}

// sort sorts the hashes of the documents' URLs and paths for lookups.
func (inv *inventory) sort() {
	if inv.sorted {
		return
	}
	slices.Sort(inv.docURLs)
	slices.SortStableFunc(inv.docPaths, func(a, b pathRow) int { return cmp.Compare(a.hash, b.hash) })
	inv.sorted = true
}

// rowsOfPath returns the rows of the documents whose new path has the
// hash of p (one, unless two documents share a path).
func (inv *inventory) rowsOfPath(p string) []pathRow {
	h := maphash.String(inv.seed, p)
	i, found := slices.BinarySearchFunc(inv.docPaths, h, func(pr pathRow, h uint64) int { return cmp.Compare(pr.hash, h) })
	if !found {
		return nil
	}
	j := i + 1
	for j < len(inv.docPaths) && inv.docPaths[j].hash == h {
		j++
	}
	return inv.docPaths[i:j]
}

// addAlias records that from redirects to path, the new path of the
// document in row: a record of the aliases' sort keyed by the row, with
// the path (checked when the rows are joined) and the old URL.
func (inv *inventory) addAlias(row uint32, path, from string) error {
	var key [4]byte
	binary.BigEndian.PutUint32(key[:], row)
	payload := make([]byte, 0, binary.MaxVarintLen64+len(path)+len(from))
	payload = binary.AppendUvarint(payload, uint64(len(path)))
	payload = append(append(payload, path...), from...)
	return inv.aliases.Add(key[:], payload)
}

// countInlinks counts the documents that link to each row: a merge of
// the links and the rows' ids, both in id order, into the inlinks' sort
// by row (rows with no link have no record).
func (inv *inventory) countInlinks() error {
	if inv.inlinks != nil {
		return nil
	}
	inv.inlinks = load.NewExternalSort("inventory inlinks", "", 4, sortBudget)
	links, err := inv.links.Reader()
	if err != nil {
		return err
	}
	ids, err := inv.ids.Reader()
	if err != nil {
		return err
	}
	var link []byte // the link read ahead, nil at the end
	nextLink := func() error {
		k, _, ok, err := links.Next()
		link = nil
		if ok {
			link = k
		}
		return err
	}
	if err := nextLink(); err != nil {
		return err
	}
	var last []byte // the id of the last row, for rows that share an id
	n := 0
	for {
		id, row, ok, err := ids.Next()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if !bytes.Equal(id, last) {
			last, n = bytes.Clone(id), 0
			for link != nil && bytes.Compare(link, id) < 0 {
				if err := nextLink(); err != nil { // a link to no row: not counted
					return err
				}
			}
			for link != nil && bytes.Equal(link, id) {
				n++
				if err := nextLink(); err != nil {
					return err
				}
			}
		}
		if n > 0 {
			if err := inv.inlinks.Add(row, binary.AppendUvarint(nil, uint64(n))); err != nil {
				return err
			}
		}
	}
}

// inlinkJoin hands out the number of documents that link to each row,
// row by row, from the inlinks' sort.
type inlinkJoin struct {
	r    *load.SortReader
	row  uint32 // of the record held
	n    int    // ... its count
	held bool
}

// countOf returns the count of the row (rows are asked for in order).
func (j *inlinkJoin) countOf(row uint32) (int, error) {
	for {
		if !j.held {
			key, payload, ok, err := j.r.Next()
			if err != nil || !ok {
				return 0, err
			}
			n, k := binary.Uvarint(payload)
			if k <= 0 {
				return 0, fmt.Errorf("inventory inlinks: the record of row %d is damaged", binary.BigEndian.Uint32(key))
			}
			j.row, j.n, j.held = binary.BigEndian.Uint32(key), int(n), true
		}
		switch {
		case j.row > row:
			return 0, nil
		case j.row < row:
			return 0, fmt.Errorf("inventory inlinks: row %d passed over", j.row)
		}
		j.held = false
		return j.n, nil
	}
}

// aliasJoin hands out the aliases of the document rows, row by row, from
// the aliases' sort.
type aliasJoin struct {
	r       *load.SortReader
	row     uint32 // of the record held
	path    string // ... its path
	from    string // ... and its old URL
	held    bool   // a record is held
	done    bool   // no more records
	checked int    // rows asked for
}

func (inv *inventory) joinAliases() (*aliasJoin, error) {
	r, err := inv.aliases.Reader()
	if err != nil {
		return nil, err
	}
	return &aliasJoin{r: r}, nil
}

// next reads the next record into j (held), unless the end is reached.
func (j *aliasJoin) next() error {
	if j.held || j.done {
		return nil
	}
	key, payload, ok, err := j.r.Next()
	if err != nil {
		return err
	}
	if !ok {
		j.done = true
		return nil
	}
	n, k := binary.Uvarint(payload)
	if k <= 0 || uint64(len(payload)-k) < n {
		return fmt.Errorf("inventory aliases: a record of row %d is damaged", binary.BigEndian.Uint32(key))
	}
	j.row = binary.BigEndian.Uint32(key)
	j.path, j.from = string(payload[k:k+int(n)]), string(payload[k+int(n):])
	j.held = true
	return nil
}

// aliasesOf returns the aliases of the row (rows are asked for in
// order), whose document's new path is path.
func (j *aliasJoin) aliasesOf(row uint32, path string) ([]string, error) {
	var out []string
	for {
		if err := j.next(); err != nil {
			return nil, err
		}
		if !j.held || j.row > row {
			return out, nil
		}
		if j.row < row || j.path != path {
			// A row passed over, or a path that only has the hash of
			// the row's: the alias would be lost or misplaced.
			return nil, fmt.Errorf("inventory aliases: %s (to %s) does not join row %d (%s)", j.from, j.path, j.row, path)
		}
		out = append(out, j.from)
		j.held = false
	}
}

// end reports aliases left over after the last row.
func (j *aliasJoin) end() error {
	if err := j.next(); err != nil {
		return err
	}
	if j.held {
		return fmt.Errorf("inventory aliases: %s (to %s) of row %d, after the last row", j.from, j.path, j.row)
	}
	return nil
}

// addPage records a page of the crawl that was not exported.
func (inv *inventory) addPage(u, status string, http, depth int, note string) {
	inv.extra = append(inv.extra, invRow{URL: u, Status: status, HTTP: http, Depth: depth, Note: note})
	inv.extraIndex = nil
}

// extraRow returns the index of u's row among the pages not exported.
func (inv *inventory) extraRow(u string) (int, bool) {
	if inv.extraIndex == nil {
		inv.extraIndex = make(map[string]int, len(inv.extra))
		for i, r := range inv.extra {
			inv.extraIndex[r.URL] = i
		}
	}
	i, ok := inv.extraIndex[u]
	return i, ok
}

// write writes inventory.csv and inventory-excel.csv.
func (inv *inventory) write(exp *load.Exporter, findings []umzug.Finding) error {
	// A row counts the findings about its URL and those that name it as
	// a page linking there (a broken link or image on the page): what an
	// editor of that page has to look at.
	perURL := map[string]int{}
	for _, f := range findings {
		perURL[f.URL]++
		for _, from := range f.LinkedFrom {
			if from != f.URL {
				perURL[from]++
			}
		}
	}
	slices.SortFunc(inv.extra, func(a, b invRow) int { return strings.Compare(a.URL, b.URL) })
	inv.extraIndex = nil
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
	join, err := inv.joinAliases()
	if err != nil {
		return err
	}
	if err := inv.countInlinks(); err != nil {
		return err
	}
	counts, err := inv.inlinks.Reader()
	if err != nil {
		return err
	}
	inlinks := &inlinkJoin{r: counts}
	row := uint32(0)
	each := func(l *load.TempLog, docs bool) error {
		return l.Each(func(b []byte) error {
			var r invRow
			if err := json.Unmarshal(b, &r); err != nil {
				return fmt.Errorf("reading inventory rows: %w", err)
			}
			if docs {
				var err error
				if r.Inlinks, err = inlinks.countOf(row); err != nil {
					return err
				}
				if r.Path != "" {
					if r.Aliases, err = join.aliasesOf(row, r.Path); err != nil {
						return err
					}
				}
				row++
			}
			return emit(r)
		})
	}
	if err := each(inv.docs, true); err != nil {
		return err
	}
	if err := join.end(); err != nil {
		return err
	}
	if err := each(inv.other, false); err != nil {
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
		inlinks = num(r.Inlinks)
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
