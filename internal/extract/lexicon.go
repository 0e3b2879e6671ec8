package extract

// Small closed-class word lists of English news prose. Facts about the world
// (countries, cities, people, organisations, titles) live in data/.

// fieldBody and fieldTitle are the Mention.Field values.
const (
	fieldBody  = "body"
	fieldTitle = "title"
)

// honorifics maps a folded honorific (without its period) to the gender it
// implies ("m", "f") or "-" when it implies none.
var honorifics = map[string]string{
	"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mme": "f", "madame": "f",
	"sir": "m", "dame": "f", "lord": "m", "lady": "f", "dr": "-", "prof": "-",
	"professor": "-", "sen": "-", "senator": "-", "rep": "-", "gen": "-",
	"general": "-", "col": "-", "lt": "-", "maj": "-", "adm": "-", "admiral": "-",
	"gov": "-", "governor": "-", "sheikh": "m", "rev": "-", "father": "m",
}

// titleHeads are single words that, capitalised before a name, make it a
// person's title ("President Biden"). Multi-word titles are in data/titles.txt.
var titleHeads = map[string]bool{
	"president": true, "minister": true, "secretary": true, "chancellor": true,
	"premier": true, "king": true, "queen": true, "prince": true, "princess": true,
	"pope": true, "ambassador": true, "envoy": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "chairman": true, "chairwoman": true,
	"chair": true, "governor": true, "mayor": true, "senator": true,
	"commissioner": true, "director": true, "emir": true, "ayatollah": true,
	"chief": true, "leader": true, "speaker": true, "judge": true, "justice": true,
	"prosecutor": true, "minister-president": true, "vice": true, "deputy": true,
	"foreign": true, "prime": true, "defence": true, "defense": true,
	"sultan": true, "crown": true, "archbishop": true, "cardinal": true,
	"general": true, "gen": true, "colonel": true, "admiral": true, "captain": true,
	"commander": true, "marshal": true, "lieutenant": true, "major": true,
	"sergeant": true, "rep": true, "sen": true, "gov": true,
}

// descHeads maps the head word of a description ("the minister") to the
// role or name words an entity must have to fit it.
var descHeads = map[string][]string{
	"minister":     {"minister"},
	"fm":           {"minister"},
	"pm":           {"premier", "prime", "minister"},
	"secretary":    {"secretary"},
	"president":    {"president"},
	"premier":      {"premier", "prime"},
	"chancellor":   {"chancellor"},
	"spokesperson": {"spokesperson", "spokesman", "spokeswoman"},
	"spokesman":    {"spokesperson", "spokesman", "spokeswoman"},
	"spokeswoman":  {"spokesperson", "spokesman", "spokeswoman"},
	"diplomat":     {"minister", "secretary", "ambassador", "envoy", "diplomat"},
	"envoy":        {"envoy", "ambassador"},
	"ambassador":   {"ambassador", "envoy"},
	"official":     {"official", "minister", "secretary", "spokesperson", "spokesman", "spokeswoman", "director", "adviser"},
	"leader":       {"leader", "president", "premier", "prime", "chancellor", "king"},
	"ministry":     {"ministry"},
	"department":   {"department"},
	"agency":       {"agency"},
	"government":   {"government"},
	"council":      {"council"},
	"commission":   {"commission"},
	"committee":    {"committee"},
	"organisation": {"organisation", "organization"},
	"organization": {"organisation", "organization"},
	"alliance":     {"alliance", "nato"},
	"bank":         {"bank"},
	"party":        {"party"},
	"group":        {"group"},
	"company":      {"company", "corp", "inc", "co", "ltd"},
	"court":        {"court"},
	"army":         {"army"},
	"military":     {"army", "military", "forces"},
}
