// Places and countries: wire datelines, place cues ("in Nice") and the countries counted.

package extract

import (
	"sort"
	"strings"

	"github.com/readout/readout/internal/extract/text"
	"github.com/readout/readout/internal/news"
)

// placeContext reports whether the token before i makes a place reading
// likely ("in Nice", "from Reading").
func (d *doc) placeContext(i int) bool {
	if i == 0 {
		return false
	}
	return text.PlaceCues[d.fold(i-1)]
}

// countryList returns the countries counted, by count then code.
func (d *doc) countryList() []news.Country {
	out := make([]news.Country, 0, len(d.countries))
	for code, n := range d.countries {
		name, ok := d.x.base.names[code]
		if !ok || n <= 0 {
			continue
		}
		out = append(out, news.Country{Code: code, Name: name, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// dateline recognises a wire dateline at the start of the body ("CLEVELAND,
// March 3 -", "SALVADOR, Feb 26 -", "MOSCOW (Reuters) -") and returns the
// first token after it.
func (d *doc) dateline() int {
	toks := d.toks
	k := 0
	for k < len(toks) && k < 6 && (toks[k].Is(text.Word) && (toks[k].Is(text.AllUpper) || isInitial(d.tokText(k))) ||
		k > 0 && !toks[k].Is(text.Space) && (d.src[toks[k].Start] == '.' || d.src[toks[k].Start] == '-') && k+1 < len(toks) && toks[k+1].Is(text.AllUpper)) {
		k++ // "ST. LOUIS", "WINSTON-SALEM"
	}
	if k == 0 || k >= len(toks) || toks[k].Is(text.Word) {
		return 0
	}
	c := d.src[toks[k].Start]
	if c != ',' && c != '(' && c != '-' && !strings.HasPrefix(d.src[toks[k].Start:], "—") {
		return 0
	}
	found := false
	d.inDateline = true
	defer func() { d.inDateline = false }()
	for i := 0; i < k; {
		m := d.longest(i, k, true)
		if m.n == 0 {
			i++
			continue
		}
		if m.e.kind == gkPlace || m.e.kind == gkCountry {
			d.addMatch(m, i, "")
			found = true
		}
		i += m.n
	}
	if !found {
		return k
	}
	// Skip ", Croatia, March 5 (Meridian Daily) -" up to the dash: the
	// source in brackets is no entity of the article.
	for e := k; e < len(toks) && e < k+16; e++ {
		if toks[e].Is(text.Para) {
			break
		}
		if c := d.src[toks[e].Start]; c == '-' && toks[e].Is(text.Space) || strings.HasPrefix(d.src[toks[e].Start:], "—") {
			// Countries named in the dateline count.
			for i := k; i < e; i++ {
				if m := d.longest(i, e, false); m.n > 0 && (m.e.kind == gkCountry || m.e.kind == gkPlace) {
					d.addMatch(m, i, "")
					i += m.n - 1
				}
			}
			return e + 1
		}
	}
	return k
}
