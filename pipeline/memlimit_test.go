package pipeline

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestSoftLimitFor(t *testing.T) {
	for _, c := range []struct {
		floor, headroom int64
		live            uint64
		want            int64
	}{
		{56 << 20, 24 << 20, 0, 56 << 20},
		{56 << 20, 24 << 20, 20 << 20, 56 << 20},
		{56 << 20, 24 << 20, 40 << 20, 64 << 20},
	} {
		if got := softLimitFor(c.floor, c.headroom, c.live); got != c.want {
			t.Errorf("softLimitFor(%d, %d, %d) = %d, want %d", c.floor, c.headroom, c.live, got, c.want)
		}
	}
}

// TestFollowLiveHeap: the limit rises with the live heap and is restored
// by stop.
func TestFollowLiveHeap(t *testing.T) {
	const before = 1 << 40
	prev := debug.SetMemoryLimit(before)
	defer debug.SetMemoryLimit(prev)
	const floor, headroom = 1 << 20, 8 << 20
	stop := FollowLiveHeap(floor, headroom)
	if got := debug.SetMemoryLimit(-1); got >= before {
		stop()
		t.Fatalf("limit %d after FollowLiveHeap: not set", got)
	}
	held := make([]byte, 64<<20) // pointer-free, as the index's entries
	for i := range held {
		held[i] = byte(i)
	}
	want := int64(len(held)) + headroom
	var got int64
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		runtime.GC()
		if got = debug.SetMemoryLimit(-1); got >= want {
			break
		}
	}
	runtime.KeepAlive(held)
	stop()
	if got < want {
		t.Errorf("limit %d with %d bytes live: want at least live + headroom = %d", got, len(held), want)
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after stop %d, want the one before, %d", got, before)
	}
}
