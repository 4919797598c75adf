// Command heapprofile runs one umzug command in-process (cmd.Main, the
// same code as the umzug binary, with its soft memory limit and exit
// codes) and writes a heap profile taken when the live heap (the heap
// marked by the last garbage collection) was largest, so the profile
// shows what the run holds at its peak, whichever phase that is in.
//
//	go run ./bench/heapprofile -o heap.pprof load docs.ndjson --out E
//	go tool pprof -sample_index=inuse_space -top heap.pprof
//
// It polls the live heap every 200 ms (runtime/metrics) and rewrites the
// profile whenever the live heap grew by 1% over the largest seen; it
// prints each new peak on stderr (seconds since start, MB), and at the
// end the largest memory the runtime had mapped (about the RSS), when,
// and the live heap, heap goal, the heap's memory classes and the soft
// memory limit then. The exit code is umzug's.
package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"

	"github.com/umzug/umzug/cmd"
)

func main() {
	if len(os.Args) < 4 || os.Args[1] != "-o" {
		fmt.Fprintln(os.Stderr, "usage: heapprofile -o FILE UMZUG-ARGS...")
		os.Exit(2)
	}
	os.Exit(run(os.Args[2], os.Args[3:]))
}

func run(out string, args []string) int {
	start := time.Now()
	stop, done := make(chan struct{}), make(chan error, 1)
	go func() { done <- watch(out, start, stop) }()
	os.Args = append([]string{"umzug"}, args...)
	code := cmd.Main()
	close(stop)
	if err := <-done; err != nil {
		fmt.Fprintln(os.Stderr, "heapprofile:", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// watch writes the heap profile to out at every new peak of the live heap
// until stop is closed.
func watch(out string, start time.Time, stop <-chan struct{}) error {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"}, {Name: "/gc/heap/goal:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"},
		{Name: "/gc/gomemlimit:bytes"}}
	var peak, peakMapped, liveThen, goalThen uint64
	var classesThen [5]uint64 // objects, unused, free, stacks, limit at the mapped peak
	var peakAt time.Duration
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			fmt.Fprintf(os.Stderr, "heapprofile: peak live heap %.1f MB\n", float64(peak)/1e6)
			fmt.Fprintf(os.Stderr, "heapprofile: peak mapped (not released) %.1f MB at %.1f s: live heap %.1f MB, heap goal %.1f MB\n",
				float64(peakMapped)/1e6, peakAt.Seconds(), float64(liveThen)/1e6, float64(goalThen)/1e6)
			fmt.Fprintf(os.Stderr, "heapprofile: then heap objects %.1f MB, unused %.1f MB, free (not released) %.1f MB, stacks %.1f MB; soft limit %.1f MB\n",
				float64(classesThen[0])/1e6, float64(classesThen[1])/1e6, float64(classesThen[2])/1e6, float64(classesThen[3])/1e6, float64(classesThen[4])/1e6)
			return nil
		case <-tick.C:
		}
		metrics.Read(sample)
		live := sample[0].Value.Uint64()
		if m := sample[1].Value.Uint64() - sample[2].Value.Uint64(); m > peakMapped {
			peakMapped, peakAt, liveThen, goalThen = m, time.Since(start), live, sample[3].Value.Uint64()
			for k := range classesThen {
				classesThen[k] = sample[4+k].Value.Uint64()
			}
		}
		if live <= peak+peak/100 {
			continue
		}
		peak = live
		var buf bytes.Buffer
		if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
			return err
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "heapprofile: %.0f s live heap %.1f MB\n", time.Since(start).Seconds(), float64(live)/1e6)
	}
}
