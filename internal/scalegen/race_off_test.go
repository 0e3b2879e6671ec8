//go:build !race

package scalegen

const raceEnabled = false
