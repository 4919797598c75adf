package cmd

import (
	"runtime/debug"
	"testing"
)

// TestPageWorkGC: the page commands' collector setting is applied and
// undone, and GOGC or GOMEMLIMIT in the environment keep their half.
func TestPageWorkGC(t *testing.T) {
	gcNow := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	limitNow := func() int64 { return debug.SetMemoryLimit(-1) }
	gc0, limit0 := gcNow(), limitNow()

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restore := pageWorkGC()
	if got := gcNow(); got != pageWorkGCPercent {
		t.Errorf("GC percent %d during page work, want %d", got, pageWorkGCPercent)
	}
	if got := limitNow(); got != pageWorkMemoryLimit {
		t.Errorf("memory limit %d during page work, want %d", got, pageWorkMemoryLimit)
	}
	restore()
	if gcNow() != gc0 || limitNow() != limit0 {
		t.Errorf("after page work: GC percent %d, limit %d; want %d, %d back", gcNow(), limitNow(), gc0, limit0)
	}

	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	restore = pageWorkGC()
	if gcNow() != gc0 || limitNow() != limit0 {
		t.Errorf("GOGC and GOMEMLIMIT set: GC percent %d, limit %d changed (was %d, %d)", gcNow(), limitNow(), gc0, limit0)
	}
	restore()
}
