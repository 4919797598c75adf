package load

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type sortRec struct{ key, payload []byte }

func readAllSorted(t *testing.T, s *ExternalSort) []sortRec {
	t.Helper()
	r, err := s.Reader()
	if err != nil {
		t.Fatal(err)
	}
	var out []sortRec
	for {
		k, p, ok, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return out
		}
		out = append(out, sortRec{bytes.Clone(k), bytes.Clone(p)})
	}
}

// TestExternalSort: the records come back in key order, equal keys in the
// order they were added, whether they fit the budget (memory only) or
// were spilled in many runs; empty payloads and a payload larger than the
// budget included; reading twice gives the same.
func TestExternalSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var in []sortRec
	for i := range 5000 {
		key := binary.BigEndian.AppendUint32(nil, uint32(rng.IntN(300))) // many equal keys
		payload := []byte(fmt.Sprintf("record %d", i))
		switch {
		case i%7 == 0:
			payload = nil
		case i == 1234:
			payload = bytes.Repeat([]byte("x"), 10_000)
		}
		in = append(in, sortRec{key, payload})
	}
	want := slices.Clone(in)
	slices.SortStableFunc(want, func(a, b sortRec) int { return bytes.Compare(a.key, b.key) })
	for _, budget := range []int{0, 1, 100, 4096} {
		t.Run(fmt.Sprint(budget), func(t *testing.T) {
			s := NewExternalSort("test records", t.TempDir(), 4, budget)
			defer s.Close()
			for _, r := range in {
				if err := s.Add(r.key, r.payload); err != nil {
					t.Fatal(err)
				}
			}
			if budget > 0 && s.spilled == 0 {
				t.Fatalf("budget %d: nothing spilled to disk", budget)
			}
			if s.Len() != len(in) {
				t.Errorf("Len = %d, want %d", s.Len(), len(in))
			}
			for pass := range 2 {
				got := readAllSorted(t, s)
				if len(got) != len(want) {
					t.Fatalf("pass %d: %d records, want %d", pass, len(got), len(want))
				}
				for i := range want {
					if !bytes.Equal(got[i].key, want[i].key) || !bytes.Equal(got[i].payload, want[i].payload) {
						t.Fatalf("pass %d: record %d = %x %q, want %x %q", pass, i, got[i].key, got[i].payload, want[i].key, want[i].payload)
					}
				}
			}
		})
	}
	t.Run("empty", func(t *testing.T) {
		s := NewExternalSort("test records", t.TempDir(), 4, 1)
		defer s.Close()
		if got := readAllSorted(t, s); len(got) != 0 {
			t.Errorf("%d records from an empty sort", len(got))
		}
	})
}

// TestExternalSortFileErrors: a spill file that cannot be created or
// written fails Add (and every later call) with an error that names what
// was sorted and the file; nothing is dropped silently.
func TestExternalSortFileErrors(t *testing.T) {
	key := []byte{0, 0, 0, 1}
	t.Run("create", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "gone")
		s := NewExternalSort("test records", dir, 4, 10)
		defer s.Close()
		err := s.Add(key, []byte("more than ten bytes"))
		if err == nil || !strings.Contains(err.Error(), "test records") || !strings.Contains(err.Error(), dir) {
			t.Fatalf("Add = %v; want an error naming the records and %s", err, dir)
		}
		t.Log(err)
		if _, err2 := s.Reader(); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("Reader after a failed spill = %v; want %v", err2, err)
		}
	})
	t.Run("write", func(t *testing.T) {
		var name string
		s := NewExternalSort("test records", t.TempDir(), 4, 10)
		defer s.Close()
		// The file is made, but opened for reading only: writes fail as
		// on a full or read-only disk.
		s.create = func(dir, pattern string) (*os.File, error) {
			f, err := os.CreateTemp(dir, pattern)
			if err != nil {
				return nil, err
			}
			name = f.Name()
			f.Close()
			return os.Open(name)
		}
		var err error
		for i := 0; i < 100 && err == nil; i++ { // the bufio.Writer holds 256 KiB before it writes
			err = s.Add(key, bytes.Repeat([]byte("y"), 10_000))
		}
		if err == nil || !strings.Contains(err.Error(), "test records") || !strings.Contains(err.Error(), name) {
			t.Fatalf("Add = %v; want an error naming the records and %s", err, name)
		}
		t.Log(err)
		if err2 := s.Add(key, nil); err2 == nil {
			t.Error("Add after a failed write succeeded")
		}
		if _, err2 := s.Reader(); err2 == nil {
			t.Error("Reader after a failed write succeeded")
		}
	})
}
