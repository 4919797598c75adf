package pipeline

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// FollowLiveHeap keeps the soft memory limit (debug.SetMemoryLimit) at
// max(floor, live+headroom), live being the heap the last garbage
// collection marked, until the returned stop is called; stop restores the
// limit that was set before.
//
// With the default GOGC=100 the heap may grow to twice the live heap
// before a collection. That headroom is right for the garbage of a
// run's transient work, but a run whose live heap holds a large,
// pointer-free index (umzug load: about 150 bytes per document, which
// costs the collector nothing to mark) gets that index counted twice in
// its resident memory. Under this limit the heap grows by at most
// headroom over what is live (and need not collect before floor), so
// what is live counts once and the collector still has headroom bytes
// of room for the transient work, however large the index: the limit
// rises with it, so a larger site runs with the same work per collection
// instead of a collector that runs all the time.
func FollowLiveHeap(floor, headroom int64) (stop func()) {
	prev := debug.SetMemoryLimit(-1)
	set := softLimitFor(floor, headroom, liveHeap())
	debug.SetMemoryLimit(set)
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		tick := time.NewTicker(followEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if l := softLimitFor(floor, headroom, liveHeap()); l != set {
				set = l
				debug.SetMemoryLimit(l)
			}
		}
	}()
	return func() {
		close(done)
		<-exited
		debug.SetMemoryLimit(prev)
	}
}

// followEvery is how often FollowLiveHeap reads the live heap: a
// collection of umzug load's heap comes every few hundred milliseconds.
const followEvery = 50 * time.Millisecond

// softLimitFor is the limit FollowLiveHeap sets for a live heap of live
// bytes.
func softLimitFor(floor, headroom int64, live uint64) int64 {
	return max(floor, int64(live)+headroom)
}

// liveHeap returns the bytes the last garbage collection marked (0
// before the first).
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
