package index

import (
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Near-duplicate articles: syndicated copies of one story (an exact re-run,
// or the same text under another headline, dateline or byline, or with its
// last paragraph trimmed) are grouped at build time, globally over the
// generation's shards, and the groups are written beside the shards in
// groups.json. Search collapses each group to one hit (internal/search).
//
// An article's Signature is a MinHash of the word 5-shingles of its body,
// title excluded and a leading dateline or byline removed: SigHashes
// minimum hashes, 16 bits each (128 bytes an article). Candidates are the
// articles that agree on all rows of one of SigBands bands (LSH); a pair is
// a duplicate when its estimated Jaccard similarity (the share of equal
// minimum hashes) is at least DupThreshold. Duplicates are joined
// transitively (union-find). The threshold was tuned on a labelled set of
// Reuters pairs (testdata/dup-pairs-reuters.tsv, TestDupPairsReuters).

// Signature parameters.
const (
	SigHashes    = 64
	SigBands     = 16
	sigRows      = SigHashes / SigBands
	shingleWords = 5
	// DupThreshold is the estimated Jaccard similarity of the shingles at
	// or above which two articles are one story.
	DupThreshold = 0.6
	// minShingles: a body with fewer shingles is grouped only with exact
	// copies of itself (its signature is all of one hash).
	minShingles = 4
	// shortBody: a body of fewer words is signed with its title.
	shortBody = 40
	// datedBody: the numbers of a body of fewer words include its
	// dateline's.
	datedBody = 80
	// DupWindow: two dated articles more than this apart are different
	// stories however alike (the same monthly report, a daily market
	// notice written from one template).
	DupWindow = 3 * 24 * 3600 // seconds
)

// Signature is an article body's MinHash signature, with a sketch of its
// numbers.
type Signature struct {
	Min [SigHashes]uint16
	// Nums are the smallest hashes of the body's distinct numbers (words
	// with a digit), ascending, numSketch at most (0: no more): two bodies
	// from one template (a daily market notice, a dividend) differ in a
	// number each, which an edited or trimmed copy of one story does not.
	Nums [numSketch]uint32
}

const numSketch = 16

// sigSeeds are the MinHash functions' seeds, fixed for good: a signature
// written by one build is compared with the next one's.
var sigSeeds = func() [SigHashes]uint64 {
	var s [SigHashes]uint64
	x := uint64(0x5eed_0f_d0c5)
	for i := range s {
		x = splitmix(x + uint64(i))
		s[i] = x
	}
	return s
}()

// splitmix is SplitMix64's finalizer: a fast, well-mixed 64-bit hash.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// SignatureOf returns the signature of an article's body and whether it
// has one (a body without words has none and is grouped with no other).
// The title is left out, unless the body is shorter than shortBody words:
// a short notice (a dividend, a price change) says whose it is in its
// title, and the bodies of two companies' notices can be word for word
// the same.
func SignatureOf(title, body string) (Signature, bool) {
	rest, dateline := stripDateline(body)
	words := sigWords(rest)
	nums := words
	if len(words) < shortBody {
		words = append(sigWords(title), words...)
		nums = words
	}
	if len(words) < datedBody {
		// A short notice re-issued with another date is another day's
		// notice: its dateline's date counts among its numbers.
		nums = append(sigWords(dateline), nums...)
	}
	var sig Signature
	if len(words) == 0 {
		return sig, false
	}
	var shingles []uint64
	if len(words) < shingleWords+minShingles-1 {
		// Too short to shingle: the whole text is one shingle, so that
		// only exact copies agree.
		shingles = []uint64{hashWords(words)}
	} else {
		shingles = make([]uint64, 0, len(words)-shingleWords+1)
		for i := 0; i+shingleWords <= len(words); i++ {
			shingles = append(shingles, hashWords(words[i:i+shingleWords]))
		}
	}
	sig.Nums = numSketchOf(nums)
	mins := [SigHashes]uint64{}
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for _, sh := range shingles {
		for i, seed := range sigSeeds {
			if h := splitmix(sh ^ seed); h < mins[i] {
				mins[i] = h
			}
		}
	}
	for i, m := range mins {
		sig.Min[i] = uint16(m >> 48)
	}
	return sig, true
}

// numSketchOf is the bottom-numSketch sketch of the numbers of words.
func numSketchOf(words []string) [numSketch]uint32 {
	var hs []uint32
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsDigit) < 0 {
			continue
		}
		h := uint32(splitmix(hashWords([]string{w})) >> 32)
		if h == 0 {
			h = 1
		}
		hs = append(hs, h)
	}
	slices.Sort(hs)
	hs = slices.Compact(hs)
	var out [numSketch]uint32
	copy(out[:], hs)
	return out
}

// hasNumberNotIn reports whether a surely has a number b lacks: a number of
// a's sketch below the largest of b's full sketch (or with b's sketch not
// full) that b's sketch does not hold.
func hasNumberNotIn(a, b *[numSketch]uint32) bool {
	bFull := b[numSketch-1] != 0
	for _, x := range a {
		if x == 0 {
			break
		}
		if bFull && x > b[numSketch-1] {
			break
		}
		if _, found := slices.BinarySearch(trimSketch(b), x); !found {
			return true
		}
	}
	return false
}

func trimSketch(s *[numSketch]uint32) []uint32 {
	n := numSketch
	for n > 0 && s[n-1] == 0 {
		n--
	}
	return s[:n]
}

func hashWords(ws []string) uint64 {
	h := fnv.New64a()
	for _, w := range ws {
		h.Write([]byte(w))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// sigWords are the lower-cased words (runs of letters and digits) of s.
func sigWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		wordy := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case wordy && start < 0:
			start = i
		case !wordy && start >= 0:
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// stripDateline removes a leading byline line ("By NAME" alone on its
// first line) and a leading dateline ("WASHINGTON, March 3 - ",
// "LONDON (Reuters) -"), what one outlet's copy of a wire story changes,
// and returns the rest and the dateline.
func stripDateline(body string) (rest, dateline string) {
	body = strings.TrimSpace(body)
	if strings.HasPrefix(body, "By ") || strings.HasPrefix(body, "BY ") {
		if nl := strings.IndexByte(body, '\n'); nl > 0 && nl < 80 {
			body = strings.TrimSpace(body[nl+1:])
		}
	}
	// A dateline: up to 64 bytes before " - " (or " -- ", a dash), that
	// start with an upper-case letter and hold a comma or a parenthesis
	// (a place and a date or an agency: "SINGAPORE RUBBER 1630 QUIET - "
	// is a market report's heading, not a dateline).
	head := body[:min(len(body), 64)]
	for _, sep := range []string{" - ", " -- ", " — ", " – "} {
		i := strings.Index(head, sep)
		if i <= 0 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(head)
		if !unicode.IsUpper(r) || strings.Count(head[:i], " ") > 7 || !strings.ContainsAny(head[:i], ",(") {
			continue
		}
		return body[i+len(sep):], body[:i]
	}
	return body, ""
}

// Similarity estimates the Jaccard similarity of the shingles of the
// bodies of a and b: the share of their minimum hashes that are equal.
func Similarity(a, b *Signature) float64 {
	n := 0
	for i := range a.Min {
		if a.Min[i] == b.Min[i] {
			n++
		}
	}
	return float64(n) / SigHashes
}

// sameStory reports whether a and b are one story: dated at most
// DupWindow apart (or either undated), neither with a number the other
// lacks on both sides, and at least threshold similar.
func sameStory(a, b *SigDoc, threshold float64) bool {
	if a.Published != 0 && b.Published != 0 && max(a.Published-b.Published, b.Published-a.Published) > DupWindow {
		return false
	}
	if hasNumberNotIn(&a.Sig.Nums, &b.Sig.Nums) && hasNumberNotIn(&b.Sig.Nums, &a.Sig.Nums) {
		return false
	}
	return Similarity(&a.Sig, &b.Sig) >= threshold
}

// bandKey is band j of sig as one key (the band's four 16-bit hashes).
func bandKey(sig *Signature, j int) uint64 {
	var k uint64
	for _, h := range sig.Min[j*sigRows : (j+1)*sigRows] {
		k = k<<16 | uint64(h)
	}
	return k
}

// SigDoc is one article to group: its id, date and signature.
type SigDoc struct {
	ID        string
	Published int64 // unix seconds; 0: undated (after every dated article)
	Sig       Signature
}

// earlier orders articles in a group: the earliest published first, the
// undated last, then by id.
func earlier(a, b *SigDoc) int { return earlierOf(a.Published, a.ID, b.Published, b.ID) }

// earlierOf orders by date, the undated last, then by id.
func earlierOf(ap int64, aid string, bp int64, bid string) int {
	switch {
	case ap != bp && ap != 0 && bp != 0:
		if ap < bp {
			return -1
		}
		return 1
	case ap == 0 && bp != 0:
		return 1
	case ap != 0 && bp == 0:
		return -1
	}
	return strings.Compare(aid, bid)
}

// maxBucketPeers bounds the comparisons of an LSH bucket: each member is
// compared with the members before it, at most this many, so that a large
// bucket (hundreds of exact copies) costs linear time.
const maxBucketPeers = 32

// GroupDuplicates groups docs whose signatures are at least threshold
// similar, transitively. It returns the groups of two articles or more,
// each ordered earliest first (so its first id is the group's id), the
// groups ordered by their first article.
func GroupDuplicates(docs []SigDoc, threshold float64) [][]string {
	parent := make([]int32, len(docs))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(i int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	// A band's buckets: the documents' numbers placed by a hash of their
	// key (a counting sort, so in number order within each), and each
	// document compared with the last maxBucketPeers documents before it
	// that have its key. A map of a million buckets and their slices cost
	// several times more (and most of the build's last half minute). The
	// order in which pairs are compared changes which are skipped as
	// already joined, never the groups.
	nb := 1
	for nb < len(docs) {
		nb <<= 1
	}
	mask := uint64(nb - 1)
	start := make([]int32, nb+1)
	next := make([]int32, nb)
	order := make([]int32, len(docs))
	keyOf := make([]uint64, len(docs))
	for j := range SigBands {
		clear(start)
		for i := range docs {
			keyOf[i] = bandKey(&docs[i].Sig, j)
			start[splitmix(keyOf[i])&mask+1]++
		}
		for b := 1; b <= nb; b++ {
			start[b] += start[b-1]
		}
		copy(next, start[:nb])
		for i := range docs {
			b := splitmix(keyOf[i]) & mask
			order[next[b]] = int32(i)
			next[b]++
		}
		for b := range nb {
			bucket := order[start[b]:start[b+1]]
			for x := 1; x < len(bucket); x++ {
				i, peers := bucket[x], 0
				for y := x - 1; y >= 0 && peers < maxBucketPeers; y-- {
					o := bucket[y]
					if keyOf[o] != keyOf[i] {
						continue // another key in the same hash bucket
					}
					peers++
					if find(o) == find(i) {
						continue
					}
					if sameStory(&docs[o], &docs[i], threshold) {
						union(o, i)
					}
				}
			}
		}
	}
	// The members of each group of two or more, by root (the group's
	// smallest number), each earliest first; the groups by their first.
	size := make([]int32, len(docs))
	for i := range docs {
		size[find(int32(i))]++
	}
	byRoot := map[int32][]int32{}
	for i := range docs {
		if r := find(int32(i)); size[r] > 1 {
			byRoot[r] = append(byRoot[r], int32(i))
		}
	}
	groups := make([][]int32, 0, len(byRoot))
	for _, members := range byRoot {
		slices.SortFunc(members, func(a, b int32) int { return earlier(&docs[a], &docs[b]) })
		groups = append(groups, members)
	}
	slices.SortFunc(groups, func(a, b []int32) int { return earlier(&docs[a[0]], &docs[b[0]]) })
	var out [][]string
	for _, members := range groups {
		g := make([]string, len(members))
		for i, m := range members {
			g[i] = docs[m].ID
		}
		out = append(out, g)
	}
	return out
}

// QuoteKeyWords is how many of a quote's first words make its key, as the
// copies of a quote are found by its spread (internal/search, spread.go).
const QuoteKeyWords = 12

// QuoteKey is the key of a quote: its speaker's id (empty: none) and its
// first QuoteKeyWords words, lower-cased. Quotes with one key are the same
// quote, repeated; a quote without words has no key.
func QuoteKey(speakerID, text string) (uint64, bool) {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
	if len(words) == 0 {
		return 0, false
	}
	words = words[:min(len(words), QuoteKeyWords)]
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	return hashWords(append([]string{speakerID}, words...)), true
}

// QuoteCopy is one quote document to group by its key.
type QuoteCopy struct {
	Key       uint64
	Published int64  // unix seconds; 0: undated
	Article   int32  // index of its article's id in the caller's list
	Num       uint16 // its number in the article (QuoteDocID)
}

// GroupQuotes groups quotes by key: the groups of two quotes or more, each
// earliest first (then by quote id), ordered by their first quote. ids are
// the articles' ids the quotes point into.
func GroupQuotes(quotes []QuoteCopy, ids []string) [][]string {
	slices.SortFunc(quotes, func(a, b QuoteCopy) int {
		if a.Key != b.Key {
			if a.Key < b.Key {
				return -1
			}
			return 1
		}
		return 0
	})
	// A member is its quote document's id and date: not a SigDoc, whose
	// signature would make the members of a million articles' quote
	// groups (three million) 650 MB instead of 70.
	type member struct {
		id        string
		published int64
	}
	cmp := func(a, b member) int { return earlierOf(a.published, a.id, b.published, b.id) }
	var groups [][]member
	for i := 0; i < len(quotes); {
		j := i + 1
		for j < len(quotes) && quotes[j].Key == quotes[i].Key {
			j++
		}
		if j-i >= 2 {
			g := make([]member, 0, j-i)
			for _, q := range quotes[i:j] {
				g = append(g, member{QuoteDocID(ids[q.Article], int(q.Num)), q.Published})
			}
			slices.SortFunc(g, cmp)
			groups = append(groups, g)
		}
		i = j
	}
	slices.SortFunc(groups, func(a, b []member) int { return cmp(a[0], b[0]) })
	out := make([][]string, len(groups))
	for i, g := range groups {
		out[i] = make([]string, len(g))
		for k, d := range g {
			out[i][k] = d.id
		}
		groups[i] = nil
	}
	return out
}
