package quote

import (
	"github.com/readout/readout/internal/extract/text"
)

// attachedBridge reports whether t[i:] only links a cue to the quote that
// follows: punctuation, "that", and short prepositional phrases ("on
// Twitter", "in a statement", "to reporters", "on Friday").
func attachedBridge(t []text.Token, i int) bool {
	if len(t)-i > 10 {
		return false
	}
	for k := i; k < len(t); k++ {
		x := t[k]
		switch {
		case x.Raw == "," || x.Raw == ":" || x.Raw == "—" || x.Raw == "–" || x.Raw == "-":
		case x.Lower == "that":
		case k == i && x.Is(text.Word) && (x.Is(text.Capitalised) || x.Lower == "reporters" || x.Lower == "journalists" || x.Lower == "me" || x.Lower == "us"):
			// an addressee: "told Wikinews", "told reporters"
		case text.BridgePreps[x.Lower]:
			// a prepositional phrase: skip its words
			for k+1 < len(t) && t[k+1].Is(text.Word) && t[k+1].Lower != "that" {
				k++
			}
		case text.Adverbs[x.Lower]:
		default:
			return false
		}
	}
	return true
}

// calledFor reports whether the word at c is "called" followed by a
// particle that makes it no verb of saying ("called for", "called on",
// text.CallParticles).
func calledFor(t []text.Token, c int) bool {
	return t[c].Lower == "called" && c+1 < len(t) && text.CallParticles[t[c+1].Lower]
}

// callOnTo reports whether the cue "called" at c opens "called on (or
// upon) someone (not) to" right before the quotation: "called on drivers
// to "not forget …"", the caller's own words, as after "urged drivers to".
func callOnTo(t []text.Token, c int) bool {
	n := len(t)
	if c+3 >= n || t[c+1].Lower != "on" && t[c+1].Lower != "upon" || t[n-1].Lower != "to" {
		return false
	}
	obj := n - 1
	if t[obj-1].Lower == "not" {
		obj--
	}
	if obj-(c+2) < 1 || obj-(c+2) > 5 {
		return false
	}
	for k := c + 2; k < obj; k++ {
		if !t[k].Is(text.Word) {
			return false
		}
	}
	return true
}

// asPutIt returns the token after "put it", "described it", "called it"
// or a cue verb of saying at k, the verb of an "as X put it" aside, or k
// when there is none.
func asPutIt(t []text.Token, k int) int {
	if k >= len(t) || !t[k].Is(text.Word) || t[k].Is(text.Capitalised) {
		return k
	}
	switch t[k].Lower {
	case "put", "puts", "described", "describes", "called", "calls":
		if k+1 < len(t) && t[k+1].Lower == "it" {
			return k + 2
		}
	case "said", "says", "wrote", "writes", "noted", "notes":
		return k + 1
	}
	return k
}
