package transform

import "testing"

// TestDocListGrowsInChunks: entries keep their index and, past the first
// chunk, their place (a full chunk is never copied).
func TestDocListGrowsInChunks(t *testing.T) {
	x := &Index{}
	n := 2*docChunk + 5
	var second *docEntry
	for i := range n {
		x.docs.add(docEntry{ord: int32(i)})
		if i == docChunk {
			second = x.doc(int32(i))
		}
	}
	if x.docs.len() != n {
		t.Fatalf("len %d, want %d", x.docs.len(), n)
	}
	for i := range int32(n) {
		if got := x.doc(i).ord; got != i {
			t.Fatalf("doc(%d).ord = %d", i, got)
		}
	}
	if x.doc(docChunk) != second {
		t.Error("the second chunk's first entry moved as the list grew")
	}
	if len(x.docs.chunks) != 3 || cap(x.docs.chunks[0]) != docChunk || cap(x.docs.chunks[1]) != docChunk {
		t.Errorf("chunks: %d, caps %d, %d; want 3 of %d", len(x.docs.chunks), cap(x.docs.chunks[0]), cap(x.docs.chunks[1]), docChunk)
	}
}
