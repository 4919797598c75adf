//go:build amd64 && !purego

package transform

import "golang.org/x/sys/cpu"

// useMinHashAVX512: the CPU and the system have AVX-512 with 64-bit
// multiplication (AVX512DQ's VPMULLQ), which computes eight of the 32
// MinHash functions of a shingle in one instruction stream: about four
// times the speed of minHashGeneric on the shingles of a page.
var useMinHashAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// minHashAVX512From is the fewest shingles minHashAVX512 is used for
// (below it, loading the constants takes longer than it saves).
const minHashAVX512From = 4

// minHashAVX512 is minHashGeneric in AVX-512 (minhash_amd64.s): pre is
// bandSeedsPre, sig the signature it sets.
//
//go:noescape
func minHashAVX512(shingles []uint64, pre, sig *[minHashes]uint64)
