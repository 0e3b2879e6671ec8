//go:build race

package ingest

// raceEnabled: the race detector slows decoding about tenfold, so the
// real-corpora test leaves out the two large UNGD files under -race.
const raceEnabled = true
