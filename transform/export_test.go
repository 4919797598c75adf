package transform

// SpillIndex makes x write every record to its temporary files at once
// and sort what the first pass logged in partitions of a few records, so
// that tests read them back from files, not from memory.
func SpillIndex(x *Index) {
	x.store.flushAt, x.fps.store.flushAt, x.sims.store.flushAt = 1, 1, 1
	x.partBudget = 3 * simRecLen
}
