//go:build race

package scalegen

// raceEnabled: the race detector slows decoding and generating about
// tenfold, so the tests read smaller corpora and write fewer articles.
const raceEnabled = true
