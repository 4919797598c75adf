//go:build !amd64 || purego

package transform

const (
	useMinHashAVX512  = false
	minHashAVX512From = 0
)

func minHashAVX512(shingles []uint64, pre, sig *[minHashes]uint64) {
	panic("transform: minHashAVX512 without AVX-512")
}
