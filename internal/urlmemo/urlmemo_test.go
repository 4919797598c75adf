package urlmemo

import (
	"net/url"
	"testing"
)

// Bases that share scheme, user and host but differ in path, query and
// fragment, and references of every form.
var (
	testBases = []string{
		"https://www.example.org/", "https://www.example.org/a/b/c.html", "https://www.example.org/a/b/?x=1#top",
		"https://www.example.org", "https://www.example.org/a/../b/./c/", "https://www.example.org/%C3%A4/seite?q=%20",
		"https://www.example.org/index.php?id=12&L=1", "https://www.example.org/a;b/c",
	}
	testRefs = []string{
		"/", "/a", "/a/b/", "/a/../b", "/./a", "/a/./b/../../c", "/?q=1", "/#frag", "/a?b#c", "/%C3%A4", "/ä/ö",
		"/a b", "/a%zz", "//evil.example/x", "/\\evil", "/\tx", "/ x", "a/b", "../a", "?q", "#f", "", "/a//b", "/..", "/.",
		"/index.php?id=3&amp;L=1", "/a:b", "/@x",
	}
)

// TestKeyForSameResult is the premise of the memo: where KeyFor gives a
// key, net/url resolves the reference against any base with the same
// scheme, user and host to the same URL.
func TestKeyForSameResult(t *testing.T) {
	for _, ref := range testRefs {
		var first string
		var firstKey Key
		for i, b := range testBases {
			base, err := url.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			k, ok := KeyFor(base, ref)
			if !ok {
				continue
			}
			u, err := base.Parse(ref)
			got := "error"
			if err == nil {
				got = u.String()
			}
			if i == 0 {
				first, firstKey = got, k
				continue
			}
			if k != firstKey {
				t.Errorf("%q: key against %q differs: %+v, %+v", ref, b, k, firstKey)
			}
			if got != first {
				t.Errorf("%q: against %q gives %q, against %q %q", ref, b, got, testBases[0], first)
			}
		}
	}
}

func TestKeyFor(t *testing.T) {
	base, _ := url.Parse("https://www.example.org/a/")
	withUser, _ := url.Parse("https://anna@www.example.org/a/")
	opaque := &url.URL{Scheme: "https", Opaque: "x"}
	for _, c := range []struct {
		base *url.URL
		ref  string
		ok   bool
	}{
		{base, "/a", true}, {base, "/", true}, {base, "//host/a", false}, {base, "/\\host", false},
		{base, "/\nx", false}, {base, "/ x", false}, {base, "a", false}, {base, "", false}, {base, "?x", false},
		{base, "/\u00a0x", false}, {nil, "/a", false}, {opaque, "/a", false}, {&url.URL{Scheme: "file", Path: "/x"}, "/a", false},
		{withUser, "/a", true},
	} {
		if _, ok := KeyFor(c.base, c.ref); ok != c.ok {
			t.Errorf("KeyFor(%v, %q) = %v, want %v", c.base, c.ref, ok, c.ok)
		}
	}
	k1, _ := KeyFor(base, "/a")
	k2, _ := KeyFor(withUser, "/a")
	if k1 == k2 {
		t.Error("a base with a user shares the key of one without")
	}
}

func TestMemoBounded(t *testing.T) {
	var m Memo[int]
	base, _ := url.Parse("https://www.example.org/")
	for i := range MaxEntries + 10 {
		k, _ := KeyFor(base, "/"+string(rune('a'+i%26))+string(rune(i)))
		m.Store(k, i)
	}
	if n := len(m.m); n != MaxEntries {
		t.Errorf("%d entries, want %d", len(m.m), MaxEntries)
	}
	k, _ := KeyFor(base, "/a\x00")
	if v, ok := m.Load(k); !ok || v != 0 {
		t.Errorf("Load = %d, %v; want 0, true", v, ok)
	}
}

// TestMemoConcurrent is for the race detector: pages are resolved on
// several goroutines at once.
func TestMemoConcurrent(t *testing.T) {
	var m Memo[string]
	base, _ := url.Parse("https://www.example.org/")
	done := make(chan bool)
	for g := range 4 {
		go func() {
			for i := range 3000 {
				k, _ := KeyFor(base, "/"+string(rune('a'+(i+g)%26))+string(rune(i)))
				if _, ok := m.Load(k); !ok {
					m.Store(k, k.Ref)
				}
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}
