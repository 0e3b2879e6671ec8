package scalegen

// sources are the invented outlets articles are published under: generic
// wire names and plausible invented titles, none of them a real outlet's.
// The hosts are under .example, a domain reserved for examples. Sources
// with wire true have no URLs, as wire copy has none.
var sources = []struct {
	name, host string
	wire       bool
}{
	{"Wire Service 01", "", true},
	{"Meridian Ledger", "meridian-ledger.example", false},
	{"Wire Service 02", "", true},
	{"Harbourline Courier", "harbourline.example", false},
	{"The Calder Review", "calder-review.example", false},
	{"Wire Service 03", "", true},
	{"Northgate Dispatch", "northgate-dispatch.example", false},
	{"Eastbrook Evening Post", "eastbrook-post.example", false},
	{"Lattice World Desk", "lattice-desk.example", false},
	{"Wire Service 04", "", true},
	{"The Palisade Journal", "palisade-journal.example", false},
	{"Corvel Business Daily", "corvel-daily.example", false},
	{"Saltmarsh Gazette", "saltmarsh-gazette.example", false},
	{"Wire Service 05", "", true},
	{"Amberline News", "amberline.example", false},
	{"The Westerly Record", "westerly-record.example", false},
	{"Kestrel Policy Weekly", "kestrel-weekly.example", false},
	{"Rivermoor Observer", "rivermoor-observer.example", false},
	{"Wire Service 06", "", true},
	{"Granite Coast Herald", "granite-coast.example", false},
	{"The Tessellate", "tessellate.example", false},
	{"Orrin Valley Tribune", "orrin-tribune.example", false},
	{"Wire Service 07", "", true},
	{"Quillon Markets Report", "quillon-markets.example", false},
	{"Brackenfield Chronicle", "brackenfield.example", false},
	{"The Lowmead Standard", "lowmead-standard.example", false},
	{"Halvard Foreign Affairs Review", "halvard-review.example", false},
	{"Wire Service 08", "", true},
	{"Pinecrest Daily Sentinel", "pinecrest-sentinel.example", false},
	{"Ashgrove Street Bulletin", "ashgrove-street.example", false},
	{"The Cinder Press", "cinder-press.example", false},
	{"Marlow Bay Times", "marlow-bay.example", false},
	{"Wire Service 09", "", true},
	{"Thistledown Digest", "thistledown.example", false},
	{"Ferrow Regional News", "ferrow-news.example", false},
	{"The Inkwell Monitor", "inkwell-monitor.example", false},
	{"Wire Service 10", "", true},
	{"Cobalt Hill Examiner", "cobalt-hill.example", false},
	{"Varden Evening Star", "varden-star.example", false},
	{"The Long Table", "long-table.example", false},
}

// swaps are the word changes of a syndicated copy's light edit: what
// desks do to wire copy (house style, a synonym).
var swaps = map[string]string{
	"said":       "stated",
	"says":       "said",
	"told":       "informed",
	"percent":    "pct",
	"pct":        "percent",
	"mln":        "million",
	"million":    "mln",
	"billion":    "bln",
	"bln":        "billion",
	"officials":  "authorities",
	"government": "administration",
	"company":    "firm",
	"country":    "nation",
	"talks":      "negotiations",
	"meeting":    "session",
	"expected":   "anticipated",
	"announced":  "unveiled",
	"rose":       "climbed",
	"fell":       "dropped",
	"about":      "around",
	"big":        "large",
	"help":       "assist",
	"would":      "will",
	"also":       "additionally",
	"increase":   "rise",
}
