package text

// Every word list of extraction: small closed-class lists of English news
// prose, the entity recogniser's here and the quote detector's in
// lexicon_quote.go.
// Facts about the world (countries, cities, people, organisations, titles)
// live in extract's data/. Where the two keep a list each for one job (NameConnectors and
// SpeakerConnectors, SpeechVerbs and CueVerbs, PronounGenders and
// SubjectPronouns), the comment says how they differ and why both exist.

// Honorifics maps a folded honorific (without its period) to the gender it
// implies ("m", "f") or "-" when it implies none.
var Honorifics = map[string]string{
	"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mme": "f", "madame": "f",
	"sir": "m", "dame": "f", "lord": "m", "lady": "f", "dr": "-", "prof": "-",
	"professor": "-", "sen": "-", "senator": "-", "rep": "-", "gen": "-",
	"general": "-", "col": "-", "lt": "-", "maj": "-", "adm": "-", "admiral": "-",
	"gov": "-", "governor": "-", "sheikh": "m", "rev": "-", "father": "m",
	"al-haj": "m", "alhaji": "m", "el-hadj": "m", "haji": "m",
	"honourable": "-", "honorable": "-", "hon": "-",
}

// TitleHeads are single words that, capitalised before a name, make it a
// person's title ("President Biden"). Multi-word titles are in data/titles.txt.
var TitleHeads = map[string]bool{
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

// DescHeads maps the head word of a description ("the minister") to the
// role or name words an entity must have to fit it.
var DescHeads = map[string][]string{
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
	"panel":        {"committee", "commission", "panel"}, // "the panel": a congressional committee
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

// Word lists of the entity recogniser (package extract).

// nameParticles join the capitalised words of one name ("Ministry of
// Foreign Affairs", "Ursula von der Leyen", "Osama bin Laden"). The entity
// recogniser (NameConnectors) and the quote detector (SpeakerConnectors) each add
// words of their own to it.
var nameParticles = []string{
	"of", "for", "on", "de", "des", "di", "da", "do", "dos", "das", "du", "del",
	"della", "der", "den", "ter", "van", "von", "al", "el", "bin", "ibn", "la",
	"le", "y", "et",
}

// NameConnectors may join capitalised words into one name: the nameParticles
// and "the", which seqEnd takes only after "of" ("Bank of the Philippine
// Islands"). They differ from the quote detector's SpeakerConnectors in "the"
// here and "and", "to" there. One list for both changes what is found:
// the recogniser with SpeakerConnectors's words ("and" alone changes 503 of the
// 1,348 real-corpus articles) moves dev3 quote precision 0.929 -> 0.908 and
// recall 0.798 -> 0.781 and fails TestCountries and TestFirmNames; the quote
// detector with these moves dev quote recall 0.962 -> 0.949 and fails
// TestFindQuotesForms.
var NameConnectors = wordSet(nameParticles, "the")

// SpeechVerbs after an unknown capitalised name of one to three words make it
// a person ("Kovač said"). They are 28 of the quote detector's 99 CueVerbs
// and "denied". One list for both changes what is found: the recogniser with
// all of CueVerbs changes 106 of the 1,348 real-corpus articles and moves
// held-out quote precision 0.989 -> 0.967; "denied" as a quote cue changes
// 2 articles.
var SpeechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stated": true, "announced": true,
	"warned": true, "insisted": true, "stressed": true, "noted": true, "argued": true,
	"wrote": true, "tweeted": true, "explained": true, "declared": true, "claimed": true,
	"asserted": true, "urged": true, "acknowledged": true, "replied": true, "responded": true,
	"commented": true, "emphasised": true, "emphasized": true, "underlined": true, "confirmed": true,
	"denied": true, "asked": true, "spoke": true,
}

// PronounGenders maps a pronoun to the gender of the person it stands for
// ("m", "f"), or "" when it does not tell (pronounGender stops at the first
// of them after a mention). The quote detector's SubjectPronouns holds only
// the subject pronouns "he", "she", "they": as the quote detector's list
// this one changes 139 of the 1,348 real-corpus articles, moves held-out
// quote precision 0.989 -> 0.966 and recall 0.813 -> 0.794 and fails
// TestGolden; SubjectPronouns here changes entity genders in 32 articles.
var PronounGenders = map[string]string{
	"he": "m", "his": "m", "him": "m", "himself": "m",
	"she": "f", "her": "f", "hers": "f", "herself": "f",
	"they": "", "it": "", "its": "", "i": "", "we": "",
}

// DescriptionHeads are the nouns of "the minister"-style references.
var DescriptionHeads = map[string]bool{
	"minister": true, "secretary": true, "president": true, "chancellor": true, "premier": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "ambassador": true, "envoy": true,
}

// GenericOrg are first words of government bodies that every country has.
var GenericOrg = map[string]bool{
	"foreign": true, "defence": true, "defense": true, "interior": true, "finance": true,
	"justice": true, "ministry": true, "health": true, "economy": true, "trade": true,
}

// PlacePrefixes begin place names, not given names ("North Kalimantan").
var PlacePrefixes = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "central": true, "new": true,
	"upper": true, "lower": true, "greater": true, "saint": true, "st": true, "san": true,
	"santa": true, "port": true, "fort": true, "mount": true, "lake": true, "cape": true,
	"northern": true, "southern": true, "eastern": true, "western": true,
}

// RegionAdjectives end adjectives, not places ("East African").
var RegionAdjectives = map[string]bool{
	"african": true, "asian": true, "european": true, "american": true, "arab": true,
	"atlantic": true, "pacific": true, "mediterranean": true, "caribbean": true,
}

// nicknames maps a short form of an English given name to the names it
// stands for.
var nicknames = map[string][]string{
	"bill": {"william"}, "billy": {"william"}, "will": {"william"}, "bob": {"robert"}, "bobby": {"robert"},
	"rob": {"robert"}, "ken": {"kenneth"}, "jim": {"james"}, "jimmy": {"james"}, "mike": {"michael"},
	"tom": {"thomas"}, "tommy": {"thomas"}, "dick": {"richard"}, "rick": {"richard"}, "joe": {"joseph"},
	"chuck": {"charles"}, "charlie": {"charles"}, "dan": {"daniel"}, "danny": {"daniel"}, "dave": {"david"},
	"ed": {"edward"}, "ted": {"edward", "theodore"}, "jerry": {"gerald", "jerome"}, "larry": {"lawrence"},
	"liz": {"elizabeth"}, "beth": {"elizabeth"}, "betsy": {"elizabeth"}, "kate": {"katherine", "catherine"},
	"chris": {"christopher", "christine"}, "steve": {"stephen", "steven"}, "tony": {"anthony"},
	"nick": {"nicholas"}, "pat": {"patrick", "patricia"}, "sam": {"samuel", "samantha"}, "tim": {"timothy"},
	"matt": {"matthew"}, "andy": {"andrew"}, "alex": {"alexander", "alexandra"}, "ben": {"benjamin"},
	"fred": {"frederick"}, "greg": {"gregory"}, "jeff": {"jeffrey"}, "jon": {"jonathan"}, "ron": {"ronald"},
	"don": {"donald"}, "pete": {"peter"}, "sandy": {"sandra"}, "bernie": {"bernard"}, "newt": {"newton"},
	"hank": {"henry"}, "jack": {"john"}, "johnny": {"john"}, "peggy": {"margaret"}, "sue": {"susan"},
	"jenny": {"jennifer"}, "cathy": {"catherine"}, "kathy": {"kathleen", "katherine"}, "debbie": {"deborah"},
	"mitch": {"mitchell"}, "abe": {"abraham"}, "al": {"albert", "alan", "alfred"}, "vince": {"vincent"},
}

// Nickname reports whether the folded given name short is a short form of
// the folded given name full ("ken", "kenneth").
func Nickname(short, full string) bool {
	for _, f := range nicknames[short] {
		if f == full {
			return true
		}
	}
	return false
}

// SurnameCountries are the country names that are also common surnames,
// after a given name a person's ("Jim Jordan", "Steve Israel", "Brian
// France", "Nikki Holland", "David Oman").
var SurnameCountries = map[string]bool{
	"jordan": true, "israel": true, "france": true, "holland": true, "england": true,
	"ireland": true, "wales": true, "oman": true, "chad": true,
}

// CorporateSuffix are the words after a company's own name.
var CorporateSuffix = map[string]bool{
	"motor": true, "motors": true, "company": true, "co": true, "corporation": true,
	"corp": true, "inc": true, "incorporated": true, "group": true, "holdings": true,
	"ltd": true, "limited": true, "plc": true, "llc": true, "ag": true, "airlines": true,
	"airways": true,
}

// DescFiller are modifiers in a description that say nothing about who is
// meant, so they need not match what the article said of the entity.
var DescFiller = map[string]bool{
	"veteran": true, "longtime": true, "embattled": true, "beleaguered": true,
	"outgoing": true, "incoming": true, "retired": true, "seasoned": true,
	"controversial": true, "popular": true, "influential": true, "powerful": true,
}

// OrgDescHeads are nouns that, as "the company", refer back to the
// organisation mentioned last when no organisation's name contains them.
var OrgDescHeads = map[string]bool{
	"company": true, "network": true, "firm": true, "bank": true, "group": true,
	"broadcaster": true, "newspaper": true, "agency": true, "organisation": true, "organization": true,
}

// HonorificRoles are the roles implied by an abbreviated title before a name.
var HonorificRoles = map[string]string{
	"sen": "senator", "senator": "senator", "gov": "governor", "governor": "governor",
	"rep": "representative", "gen": "general", "general": "general", "pres": "president",
	"adm": "admiral", "col": "colonel", "prof": "professor", "dr": "doctor",
}

// FinanceNouns before "in" make the next name a company ("a stake in X").
var FinanceNouns = map[string]bool{
	"stake": true, "stakes": true, "interest": true, "interests": true, "shares": true,
	"investment": true, "investments": true, "holding": true, "holdings": true,
	"invest": true, "invested": true, "investing": true, "position": true, "unit": true,
	"subsidiary": true, "merger": true, "partner": true, "job": true, "jobs": true,
	"role": true, "career": true, "work": true, "working": true, "worked": true,
}

// PlaceCues before a name make a place reading likely ("in Nice", "from
// Reading").
var PlaceCues = wordSet([]string{
	"in", "near", "from", "at", "outside", "across", "to", "into", "visited", "visit", "around",
})

// Institutions are organisations named by one capitalised word after
// "the": "the Senate", "the House", "the Court". Those of
// InstitutionsAnywhere need no "the", only not to open a sentence ("run
// for Senate").
var (
	Institutions = wordSet([]string{
		"senate", "parliament", "congress", "house", "court", "legislature", "cabinet", "knesset", "duma", "bundestag",
		"treasury",
	})
	InstitutionsAnywhere = wordSet([]string{
		"senate", "parliament", "congress", "legislature", "knesset", "duma", "bundestag",
	})
)

// FacilityWords end the name of a building or a structure, a place even
// when a title or a name's cue is inside it ("Zenda State Prison",
// "Sultan Qaboos Grand Mosque"). They are place words (placewords.txt) no
// one has as a surname, unlike lake, bay or street.
var FacilityWords = wordSet([]string{
	"hospital", "terminal", "mosque", "plaza", "stadium", "arena", "prison", "cathedral", "palace",
	"mall", "cemetery", "airport", "bridge", "square", "station", "theatre", "theater", "monument", "hotel", "zoo",
})

// PartyAdjectives before a lower-case "party" name a political party
// ("the Democratic party", "the Labour party").
var PartyAdjectives = wordSet([]string{
	"democratic", "republican", "conservative", "labour", "labor", "liberal", "communist", "socialist",
	"libertarian", "green", "nationalist", "progressive", "reform", "independence",
})

// PlaceNouns before "of" make the name after it a place ("the village of
// Apatin").
var PlaceNouns = wordSet([]string{
	"village", "town", "city", "port", "region", "province", "district", "area", "island", "islands", "capital", "villages", "towns", "cities", "ports",
	"state", "states", "county", "counties", "municipality", "township", "suburb", "suburbs", "neighbourhood", "neighborhood", "prefecture", "governorate",
})

// InnerCapPrefixes are name prefixes a capital may follow inside a word
// ("McDonald", "DiMaggio", "LaGuardia"), as written.
var InnerCapPrefixes = wordSet([]string{"Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Al", "El"})

// PostNominals are letters written after a person's name, as written:
// ranks of counsel, members of a parliament, honours ("Durham Hall QC",
// "Jane Smith MP"). They are no part of the name.
var PostNominals = map[string]bool{
	"QC": true, "KC": true, "SC": true, "MP": true, "MSP": true, "MEP": true, "TD": true,
	"OBE": true, "CBE": true, "MBE": true, "KBE": true, "DBE": true, "FRS": true,
}

// InitialAbbrevs are abbreviations, as written, that read as an initial
// (their period does not end a sentence).
var InitialAbbrevs = wordSet([]string{"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Lt", "Col", "Maj", "Gov", "Prof", "Jr", "Sr"})

// CompoundParts are short words of hyphenated compounds ("Russian-led",
// "war-era") that are never the part of a hyphenated name ("Jae-in").
var CompoundParts = wordSet([]string{
	"led", "run", "era", "day", "year", "old", "like", "wide", "made", "born", "held", "free", "type", "ally", "far", "new", "up", "off", "out", "on", "at", "bloc", "war", "flag", "mp", "mps",
	"the", "and", "or", "to", "of", "for", "who", "it", "is", "was", "not", "but", "so", "its", "a", "an", "as", "by", "own", "rich", "poor", "only", "all", "any", "back", "down", "over", "side", "wise", "less", "ish",
})
