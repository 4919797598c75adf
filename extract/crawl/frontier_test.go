package crawl

import (
	"net/url"
	"sync"
	"testing"
)

func TestTrapPattern(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		budgeted bool
	}{
		{"https://a.example/bereich-3/seite-42/", "a.example/bereich-3/seite-42/", false},
		{"https://a.example/index.php?L=1&cHash=abc&id=42", "a.example/index.php", false},
		{"https://a.example/presse/seite/3/", "a.example/presse/seite/{n}/", false},
		{"https://a.example/kalender/2024/03/", "a.example/kalender/{year}/{n}/", true},
		{"https://a.example/termine/2024-03-15/", "a.example/termine/{date}/", true},
		{"https://a.example/termine/15.03.2024/", "a.example/termine/{date}/", true},
		{"https://a.example/suche/?farbe=rot&sort=asc", "a.example/suche/?{params}", true},
		{"https://a.example/index.php?id=7&tx_cal_controller%5Bmonth%5D=3", "a.example/index.php?{params}", true},
		{"https://a.example/?id=7&type=0", "a.example/", false},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.in)
		got, budgeted := trapPattern(u)
		if got != tt.want || budgeted != tt.budgeted {
			t.Errorf("trapPattern(%q) = %q, %v; want %q, %v", tt.in, got, budgeted, tt.want, tt.budgeted)
		}
	}
}

func TestFrontierClaimsEachURLOnce(t *testing.T) {
	f := newFrontier(0, 5)
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := map[string]int{}
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				u := "https://a.example/p/" + string(rune('a'+i%26)) + "/"
				if f.claim(u, nil) == claimed {
					mu.Lock()
					wins[u]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for u, n := range wins {
		if n != 1 {
			t.Errorf("%s claimed %d times", u, n)
		}
	}
	if len(wins) != 26 {
		t.Errorf("%d URLs claimed; want 26", len(wins))
	}
	// The trap budget: 5 calendar months, then refused and reported.
	for m := 1; m <= 12; m++ {
		u, _ := url.Parse("https://a.example/kalender/2024/" + string(rune('0'+m/10)) + string(rune('0'+m%10)) + "/")
		r := f.claim(u.String(), u)
		if want := m <= 5; (r == claimed) != want {
			t.Errorf("month %d: claim %v", m, r)
		}
	}
	if tr := f.traps(); len(tr) != 1 || tr[0].Budget != 5 || tr[0].Skipped != 7 {
		t.Errorf("traps %+v; want one pattern, 5 crawled, 7 skipped", tr)
	}
}

func TestFrontierPopEndsWhenIdle(t *testing.T) {
	f := newFrontier(0, 0)
	f.push(frontierItem{url: "a"})
	it, ok := f.pop()
	if !ok || it.url != "a" {
		t.Fatalf("pop = %v, %v", it, ok)
	}
	done := make(chan bool)
	go func() {
		_, ok := f.pop() // waits: the active item may add more
		done <- ok
	}()
	f.push(frontierItem{url: "b"})
	if ok := <-done; !ok {
		t.Fatal("pop ended while an item was queued")
	}
	f.done()
	f.done()
	if _, ok := f.pop(); ok {
		t.Error("pop handed out an item from an empty, idle frontier")
	}
}
