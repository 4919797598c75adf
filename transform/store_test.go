package transform

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

func TestRecStoreReadsBackFromFileAndMemory(t *testing.T) {
	dir := t.TempDir()
	s := &recStore{dir: dir, flushAt: 100}
	var refs []recRef
	var want []string
	for i := range 201 {
		rec := strings.Repeat(fmt.Sprint(i%10), i%37)
		if i == 200 {
			rec = "the last, held in memory"
		}
		r, err := s.Append([]byte(rec))
		if err != nil {
			t.Fatal(err)
		}
		refs, want = append(refs, r), append(want, rec)
	}
	if s.f == nil || len(s.buf) == 0 {
		t.Fatalf("want records both in the file and in memory; file %v, %d bytes held", s.f, len(s.buf))
	}
	var buf []byte
	for k, r := range refs {
		b, err := s.Read(r, buf)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != want[k] {
			t.Fatalf("record %d = %q; want %q", k, b, want[k])
		}
		buf = b
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("files left after Close: %v", left)
	}
}

func TestRecStoreFailureStopsTheIndex(t *testing.T) {
	x, err := NewIndex("https://www.example.de/", IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	x.store.flushAt = 1
	x.store.create = func(string, string) (*os.File, error) { return nil, errors.New("disk full") }
	d := umzug.Document{ID: "0b6f1e52-5c2c-5a5e-9d7e-2d1b1e0f4a11", URL: "https://www.example.de/a/", Path: "/a/"}
	x.Add(&d, 0)
	err = x.Finalize(func(int) (umzug.Document, error) { return d, nil })
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Finalize = %v; want the store's failure", err)
	}
	if _, err := x.Rewrite(&d, nil, nil); err == nil {
		t.Error("Rewrite after a failed store: no error")
	}
}

// A hash collision (two URLs or paths with one pathHash) never merges
// them: the string is checked in the store.
func TestIndexHashCollisionsKeepStringsApart(t *testing.T) {
	x, err := NewIndex("https://www.example.de/", IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := "https://www.example.de/a/", "https://www.example.de/b/"
	ra := x.claimURL(a, 0)
	// Move a's entry to b's hash: b now collides with a.
	x.byURL[pathHash(b)] = x.byURL[pathHash(a)]
	delete(x.byURL, pathHash(a))
	if _, ok := x.lookupURL(b); ok {
		t.Fatalf("lookup %s found the document of %s", b, a)
	}
	rb := x.claimURL(b, 1)
	if i, ok := x.lookupURL(b); !ok || i != 1 {
		t.Errorf("lookup %s = %d, %v; want document 1", b, i, ok)
	}
	if x.claimURL(b, 2); x.byURLMore[b] != 1 {
		t.Errorf("second claim of %s took it from document 1", b)
	}
	if string(x.readRec(ra)) != a || string(x.readRec(rb)) != b {
		t.Errorf("records of the URLs = %q, %q", x.readRec(ra), x.readRec(rb))
	}

	var ps pathSet
	p, q := "/a/", "/b/"
	ps.add(x, p, 0)
	ps.used[pathHash(q)] = ps.used[pathHash(p)]
	delete(ps.used, pathHash(p))
	if got, _ := ps.unique(x, q, 0); got != q {
		t.Errorf("unique(%s) after a collision with %s = %s", q, p, got)
	}
	if got, _ := ps.unique(x, q, 0); got != "/b-2/" {
		t.Errorf("unique(%s) again = %s; want /b-2/", q, got)
	}
}

// Records read from the file go through a cache of its blocks: any order,
// records across a block's end, blocks written whole only later, more
// blocks than the cache holds, all read back as written; a record read
// again comes from the cache, without the file.
func TestRecStoreCachedReads(t *testing.T) {
	s := &recStore{dir: t.TempDir(), flushAt: 3000}
	defer s.Close()
	var refs []recRef
	var want []string
	r := rand.New(rand.NewPCG(1, 2))
	check := func(k int) {
		t.Helper()
		b, err := s.Read(refs[k], nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != want[k] {
			t.Fatalf("record %d = %q; want %q", k, b, want[k])
		}
	}
	for i := 0; s.base < 8<<20; i++ { // more blocks than the cache holds
		rec := strings.Repeat(string(rune('a'+i%26)), r.IntN(700))
		ref, err := s.Append([]byte(rec))
		if err != nil {
			t.Fatal(err)
		}
		refs, want = append(refs, ref), append(want, rec)
		if i%5 == 0 {
			check(r.IntN(len(refs)))
		}
	}
	for _, k := range r.Perm(len(refs)) {
		check(k)
	}
	// The last record of the file in a block that is cached now.
	k := len(refs) - 1
	for refs[k].off() >= s.base || refs[k].len() == 0 || refs[k].off()/4096 != (refs[k].off()+int64(refs[k].len()))/4096 {
		k--
	}
	check(k)
	f := s.f
	f.Close()
	s.f = nil
	defer func() { s.f = f }()
	check(k)
}

func BenchmarkRecStoreRead(b *testing.B) {
	s := &recStore{dir: b.TempDir()}
	defer s.Close()
	var refs []recRef
	for i := 0; s.base < 2<<20; i++ {
		ref, err := s.Append([]byte(strings.Repeat("x", 20+i%120)))
		if err != nil {
			b.Fatal(err)
		}
		refs = append(refs, ref)
	}
	r := rand.New(rand.NewPCG(1, 2))
	order := make([]recRef, 4096)
	for i := range order {
		order[i] = refs[r.IntN(len(refs))]
	}
	var buf []byte
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if buf, err = s.Read(order[i%len(order)], buf); err != nil {
			b.Fatal(err)
		}
	}
}
