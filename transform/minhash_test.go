package transform

import (
	"math/rand/v2"
	"testing"
)

// TestMinHashAVX512: the AVX-512 MinHash gives minHashGeneric's
// signature, for every count of shingles from none to a few hundred,
// random values and values with their high bits zero (on a CPU without
// AVX-512 there is nothing to compare).
func TestMinHashAVX512(t *testing.T) {
	if !useMinHashAVX512 {
		t.Skip("no AVX-512 on this CPU")
	}
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 3000 {
		n := i % 300
		sh := make([]uint64, n)
		for j := range sh {
			sh[j] = r.Uint64()
			if j%5 == 2 {
				sh[j] >>= r.IntN(64)
			}
		}
		var got, want [minHashes]uint64
		minHashAVX512(sh, &bandSeedsPre, &got)
		minHashGeneric(sh, &want)
		if got != want {
			t.Fatalf("case %d, %d shingles: AVX-512 %x, generic %x", i, n, got, want)
		}
	}
}

// BenchmarkMinHash is the MinHash signature of the shingles of a long
// paragraph (300 words): generic and AVX-512.
func BenchmarkMinHash(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	sh := make([]uint64, 298)
	for i := range sh {
		sh[i] = r.Uint64()
	}
	var sig [minHashes]uint64
	b.Run("generic", func(b *testing.B) {
		for b.Loop() {
			minHashGeneric(sh, &sig)
		}
	})
	b.Run("avx512", func(b *testing.B) {
		if !useMinHashAVX512 {
			b.Skip("no AVX-512 on this CPU")
		}
		for b.Loop() {
			minHashAVX512(sh, &bandSeedsPre, &sig)
		}
	})
}
