package load

import (
	"slices"
	"testing"
)

func TestSpoolForgetKeys(t *testing.T) {
	s, err := NewSpool(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, k := range []string{"b", "a"} {
		if _, err := s.AppendRaw(k, []byte(k+"\n")); err != nil {
			t.Fatal(err)
		}
	}
	s.ForgetKeys()
	if _, err := s.AppendRawExtra("z", []byte("z\n"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got := []string{s.Key(0), s.Key(1), s.Key(2)}; !slices.Equal(got, []string{"b", "a", ""}) {
		t.Errorf("keys = %q; want b, a and none after ForgetKeys", got)
	}
	if got := s.Sorted(); !slices.Equal(got, []int{2, 1, 0}) {
		t.Errorf("Sorted = %v; want [2 1 0] (no key sorts first)", got)
	}
	line, extra, err := s.ReadRawExtra(2)
	if err != nil || string(line) != "z\n" || string(extra) != "x" {
		t.Errorf("record 2 = %q, %q, %v", line, extra, err)
	}
	// Into a buffer with room (its memory), without (a new one).
	for _, buf := range [][]byte{[]byte("......"), make([]byte, 0, 1)} {
		line, extra, err := s.ReadRawExtraInto(2, buf)
		if err != nil || string(line) != "z\n" || string(extra) != "x" {
			t.Errorf("record 2 into %d bytes = %q, %q, %v", cap(buf), line, extra, err)
		}
		if inBuf := cap(buf) >= 3; inBuf != (&line[0] == &buf[:1][0]) {
			t.Errorf("record 2 into %d bytes: in the buffer's memory: %v, want %v", cap(buf), !inBuf, inBuf)
		}
	}
}
