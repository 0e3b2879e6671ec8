package text

import "strings"

// Word lists of the quote detector and attributor (package quote). They are
// looked up by the lower-cased words of tokenize's tokens.

// CallParticles follow "called" when it is no verb of saying: "called for
// a "pragmatic dialogue"", "called on drivers", "called off the talks".
var CallParticles = map[string]bool{"for": true, "on": true, "off": true, "up": true, "upon": true}

// CueVerbs maps a speech verb to itself; participles map to their own form.
var CueVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "reads": true,
	"stressed": true, "insisted": true, "warned": true, "added": true,
	"noted": true, "wrote": true, "writes": true, "tweeted": true,
	"posted": true, "declared": true, "urged": true, "argued": true,
	"explained": true, "acknowledged": true, "asked": true, "replied": true,
	"continued": true, "stated": true, "remarked": true, "announced": true,
	"claimed": true, "commented": true, "emphasised": true, "emphasized": true,
	"reiterated": true, "responded": true, "answered": true, "observed": true,
	"admitted": true, "recalled": true, "suggested": true, "conceded": true,
	"maintained": true, "concluded": true, "confirmed": true, "underscored": true,
	"underlined": true, "highlighted": true, "cautioned": true, "promised": true,
	"vowed": true, "pledged": true, "testified": true, "alleged": true,
	"asserted": true, "contended": true, "shouted": true, "exclaimed": true,
	"stresses": true, "adds": true, "notes": true, "warns": true,
	"insists": true, "argues": true, "explains": true, "recounted": true,
	"quipped": true, "joked": true, "charged": true, "countered": true,
	"reacted": true, "retorted": true,
	"scoffed": true, "mused": true, "griped": true, "grumbled": true, "fumed": true,
	"predicted": true, "told reporters": true, "informed": true, "assured": true,
	"demanded": true, "affirmed": true, "wondered": true, "reported": true,
	"saying": true, "adding": true, "noting": true, "writing": true,
	"telling": true, "insisting": true, "warning": true, "stressing": true,
	"arguing": true, "explaining": true, "declaring": true, "tweeting": true,
	"emphasising": true, "emphasizing": true, "speaking": true, "spoke": true,
	"elaborated": true, "pointed": true, "called": true, "calling": true,
	"opined": true, "opines": true, "urging": true, "recalling": true, "asking": true,
	// participles of speech a sentence's subject says something with
	// ("…, stating he was "…"", "…, screaming "…"")
	"stating": true, "exclaiming": true, "shouting": true, "screaming": true,
	"yelling": true,
	// the present of features and profiles ("declares Stephanie Acs, 27");
	// not the ones as often nouns ("remarks", "comments", "claims")
	"declares": true, "recalls": true, "admits": true, "concedes": true,
	"asks": true, "replies": true, "observes": true, "acknowledges": true,
	"responds": true, "quips": true, "predicts": true, "concludes": true,
	"recounts": true,
	// verbs of boasting ("RT boasts that it is the "…"")
	"boasted": true, "boasts": true, "bragged": true, "brags": true,
}

// IndirectCues are the verbs that introduce reported speech.
var IndirectCues = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stressed": true,
	"insisted": true, "warned": true, "noted": true, "argued": true,
	"explained": true, "acknowledged": true, "claimed": true, "stated": true,
	"announced": true, "confirmed": true, "reiterated": true,
	"emphasised": true, "emphasized": true, "underscored": true,
	"maintained": true, "conceded": true, "admitted": true, "wrote": true,
	"tweeted": true, "declared": true, "asserted": true, "alleged": true,
	"highlighted": true, "informed": true, "assured": true, "cautioned": true,
}

// ObjectCues take an addressee before the reported clause ("told reporters").
var ObjectCues = map[string]bool{
	"told": true, "informed": true, "assured": true, "tells": true, "telling": true,
	"warned": true, "reminded": true, "asked": true,
}

// SubjectPronouns maps a subject pronoun that may be a speaker to the gender
// it implies ("" for "they"). Not PronounGenders: see there.
var SubjectPronouns = map[string]string{"he": "m", "she": "f", "they": ""}

// Determiners open a noun phrase.
var Determiners = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "his": true, "her": true,
	"their": true, "our": true, "another": true, "one": true,
}

// FunctionWords are capitalised at the start of a sentence but never start a
// name.
var FunctionWords = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true,
	"but": true, "and": true, "or": true, "however": true, "meanwhile": true,
	"after": true, "before": true, "when": true, "while": true, "as": true,
	"also": true, "then": true, "earlier": true, "later": true, "speaking": true,
	"asked": true, "this": true, "that": true, "these": true, "those": true,
	"it": true, "we": true, "i": true, "you": true, "if": true, "so": true,
	"yet": true, "still": true, "since": true, "during": true, "for": true,
	"from": true, "with": true, "by": true, "to": true, "of": true, "there": true,
	"here": true, "according": true, "what": true, "why": true, "how": true,
	"yes": true, "no": true, "not": true, "now": true, "today": true,
	"yesterday": true, "last": true, "next": true, "his": true, "her": true,
	"their": true, "its": true, "our": true, "my": true, "your": true,
	"he": true, "she": true, "they": true, "is": true, "was": true, "are": true,
	"were": true, "will": true, "would": true, "can": true, "could": true,
	"do": true, "did": true, "does": true, "instead": true, "although": true,
	"though": true, "because": true, "despite": true, "following": true,
	"under": true, "over": true, "about": true, "both": true, "all": true,
	"some": true, "many": true, "most": true, "other": true, "only": true,
	"even": true, "once": true, "where": true, "who": true, "which": true,
	"further": true, "furthermore": true, "moreover": true, "finally": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
}

// SpeakerConnectors join capitalised words of one name ("Ministry of Foreign
// Affairs", "Ursula von der Leyen"): the nameParticles and "and", "to"
// ("Ministry of Trade and Industry"). See NameConnectors for why the entity
// recogniser has a list of its own.
var SpeakerConnectors = wordSet(nameParticles, "and", "to")

// RoleWords may appear in lower case inside a title before a name
// ("Foreign Ministry spokeswoman Maria Zakharova") or end a description.
var RoleWords = map[string]bool{
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "minister": true,
	"secretary": true, "president": true, "official": true, "officials": true,
	"ambassador": true, "envoy": true, "chief": true, "leader": true,
	"adviser": true, "advisor": true, "aide": true, "director": true,
	"chairman": true, "chairwoman": true, "head": true, "governor": true,
	"mayor": true, "senator": true, "lawmaker": true, "diplomat": true,
	"commander": true, "general": true, "prosecutor": true, "lawyer": true,
	"attorney": true, "analyst": true, "expert": true, "researcher": true,
	"professor": true, "co-author": true, "author": true, "activist": true,
	"candidate": true, "deputy": true, "representative": true, "negotiator": true,
	"premier": true, "chancellor": true, "foreign": true, "defence": true,
	"defense": true, "prime": true, "vice": true, "economist": true,
	"scientist": true, "strategist": true, "pastor": true, "manager": true,
	"executive": true, "founder": true, "member": true, "campaign": true,
	"press": true, "state": true, "interior": true, "finance": true,
}

// agentSuffixes end nouns of people by what they do ("designer",
// "costumer", "journalist", "historian", "actress").
var agentSuffixes = []string{"er", "or", "ist", "ian", "ess"}

// notAgents end like agent nouns but name no person.
var notAgents = map[string]bool{
	"other": true, "another": true, "under": true, "after": true, "never": true,
	"rather": true, "either": true, "neither": true, "whether": true,
	"together": true, "former": true, "latter": true, "however": true,
	"further": true, "prior": true, "major": true, "minor": true, "matter": true,
	"order": true, "number": true, "power": true, "paper": true, "water": true,
	"border": true, "center": true, "centre": true, "letter": true, "error": true,
	"unless": true, "regardless": true, "progress": true, "congress": true,
	"address": true, "business": true, "access": true, "success": true, "process": true,
}

// DescriptorNoun reports whether a lower-case word may describe the person
// named right after it: a role word ("president", "spokesman") or an agent
// noun of five letters or more that is no cue verb.
func DescriptorNoun(w string) bool {
	if RoleWords[w] {
		return true
	}
	if len(w) < 5 || CueVerbs[w] || notAgents[w] {
		return false
	}
	for _, s := range agentSuffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// Adverbs may sit between a speaker and the cue ("Kovač later said").
var Adverbs = map[string]bool{
	"also": true, "later": true, "then": true, "again": true, "further": true,
	"reportedly": true, "previously": true, "earlier": true, "yesterday": true,
	"today": true, "tonight": true, "recently": true, "separately": true,
	"subsequently": true, "once": true, "has": true, "had": true, "have": true,
	"would": true, "will": true, "could": true, "may": true, "might": true,
	"repeatedly": true, "publicly": true, "privately": true, "flatly": true,
	"simply": true, "only": true, "firmly": true, "bluntly": true, "openly": true,
	"initially": true, "first": true, "last": true, "twice": true, "even": true,
	"however": true, "too": true, "both": true, "jointly": true, "frankly": true,
	"explicitly": true, "angrily": true, "calmly": true, "quickly": true,
	"immediately": true, "directly": true, "specifically": true, "already": true,
	"this": true, "week": true, "morning": true, "evening": true, "afternoon": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "night": true, "month": true,
	"year": true,
}

// PossessiveDeterminers name whose a thing is ("his Facebook page"): a
// name right after one modifies the thing and is no subject.
var PossessiveDeterminers = wordSet(nil, "his", "her", "its", "their", "our", "my", "your")

// SentenceAdverbs open a sentence before a comma and its subject
// ("Nevertheless, Berg said …"): the subject after the comma is the
// sentence's.
var SentenceAdverbs = wordSet(nil, "nevertheless", "nonetheless", "however", "still", "instead",
	"meanwhile", "indeed", "moreover", "furthermore", "besides", "likewise", "similarly",
	"again", "ultimately", "finally", "separately", "otherwise", "accordingly", "consequently",
	"thus", "therefore", "hence", "yet", "now", "then")

// BeForms are the forms of "be" that make a participle after them passive
// ("which was posted on Twitter").
var BeForms = map[string]bool{
	"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "be": true,
}

// PassiveAux before a cue makes it passive ("he was told").
var PassiveAux = map[string]bool{
	"was": true, "were": true, "been": true, "being": true, "is": true,
	"are": true, "be": true, "not": true, "never": true, "to": true, "when": true,
	"if": true, "as": true, "unless": true, "what": true, "who": true,
}

// ClauseOpeners may precede a subject inside a sentence.
var ClauseOpeners = map[string]bool{
	"and": true, "but": true, "while": true, "as": true, "when": true,
	"because": true, "after": true, "before": true, "although": true,
	"though": true, "where": true, "since": true, "so": true, "yet": true,
	"whereas": true, "meanwhile": true, "however": true, "then": true,
	"which": true, "who": true, "whom": true, "that": true,
}

// TitleWords directly before a quote mark name a work, not a quotation.
var TitleWords = map[string]bool{
	"titled": true, "entitled": true, "called": true, "named": true, "dubbed": true,
	"nicknamed": true, "film": true, "movie": true, "book": true, "song": true,
	"album": true, "novel": true, "series": true, "show": true, "documentary": true,
	"play": true, "opera": true, "article": true, "headline": true, "column": true,
	"hashtag": true, "slogan": true, "campaign": true, "operation": true,
	"programme": true, "program": true, "magazine": true, "newspaper": true,
	"memoir": true, "autobiography": true, "biography": true, "poem": true, "painting": true,
	"exhibition": true, "report": true, "motto": true, "term": true, "word": true,
	"words": true, "phrase": true, "label": true, "tagline": true, "brand": true,
	"codenamed": true, "code-named": true, "so-called": true, "known": true,
}

// Weekdays after "on" make a time phrase that may stand between a speaker
// and the cue ("Kovač on Friday said").
var Weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true,
}

// Abbreviations are words whose period does not end a sentence ("Mr.").
var Abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "sen": true, "rep": true,
	"gov": true, "jr": true, "sr": true, "inc": true, "corp": true, "ltd": true,
	"co": true, "no": true, "vs": true, "rev": true, "mt": true, "capt": true,
	"adm": true, "maj": true, "cmdr": true, "dept": true, "gov't": true,
	"jan": true, "feb": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "messrs": true, "fr": true, "mme": true,
}

// NamedWorks are nouns that, followed by a comma, introduce the
// title-cased name of a work or an event ("his event, "Storm …"").
var NamedWorks = map[string]bool{
	"event": true, "petition": true, "podcast": true, "blog": true, "website": true,
	"page": true, "group": true, "study": true, "paper": true, "essay": true,
}

// Envoys are sent to a country or a body, named after "to" in their
// description ("the delegate to the United Nations").
var Envoys = map[string]bool{
	"delegate": true, "ambassador": true, "envoy": true, "representative": true,
	"emissary": true, "delegation": true, "mission": true,
}

// DescOpeners open a description that a name in apposition may follow at
// the start of a sentence ("Another voice actor, Lauren Landa, …").
var DescOpeners = map[string]bool{
	"another": true, "the": true, "a": true, "an": true, "one": true, "his": true,
	"her": true, "their": true, "its": true, "fellow": true,
}

// Findings are documents that state a finding of their author ("PC
// World's recent analysis … concluded, "…"").
var Findings = map[string]bool{"analysis": true, "report": true, "memo": true, "study": true, "survey": true}

// Partitives open a phrase that is a part of what follows "of" ("Part of
// the statement", "Much of the letter"), never a speaker's name.
var Partitives = map[string]bool{
	"part": true, "parts": true, "much": true, "most": true, "some": true,
	"portions": true, "portion": true, "excerpts": true, "an excerpt": true,
}

// SmallTitleWords may stay in lower case in a title-cased text (titleCase).
var SmallTitleWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "and": true, "in": true,
	"on": true, "for": true, "to": true, "at": true, "by": true, "or": true,
	"with": true, "from": true,
}

// ColonVerbs introduce with a colon what their subject said: `Berg reacted
// on Twitter: "…"`.
var ColonVerbs = map[string]bool{
	"reacted": true, "responded": true, "disagreed": true, "agreed": true,
	"criticised": true, "criticized": true, "condemned": true, "welcomed": true,
	"praised": true, "defended": true, "appealed": true, "pleaded": true,
	"thanked": true, "summarised": true, "summarized": true, "mourned": true,
	"rejected": true, "dismissed": true, "questioned": true, "reflected": true,
	"apologised": true, "apologized": true, "objected": true, "protested": true,
	"complained": true, "lamented": true, "boasted": true, "hit": true,
	"weighed": true, "chimed": true, "spoke": true, "tweeted": true, "wrote": true,
}

// BridgePreps open a short prepositional phrase that may link a cue to its
// quotation ("on Twitter", "in a statement").
var BridgePreps = map[string]bool{
	"on": true, "in": true, "to": true, "at": true, "during": true, "via": true,
	"through": true, "from": true, "after": true, "before": true, "with": true,
	"on x": true, "later": true, "for": true,
}

// SourcePreps open a phrase after a speaker's name that names where the
// words were reported or whom they were about, not a descriptor of the next
// name: "said Tomas Berg per Reuters", "said Berg, citing Ortiz".
var SourcePreps = map[string]bool{
	"per": true, "citing": true, "quoting": true, "about": true, "against": true,
	"over": true, "than": true, "like": true, "unlike": true, "despite": true, "amid": true,
}

// NeedsThat are cues that take a reported clause only with "that"; without
// it their object is a noun phrase ("announced new sanctions").
var NeedsThat = map[string]bool{
	"announced": true, "alleged": true, "confirmed": true, "acknowledged": true,
	"reiterated": true, "stressed": true, "highlighted": true, "emphasised": true,
	"emphasized": true, "underscored": true, "noted": true, "claimed": true,
	"admitted": true, "conceded": true, "maintained": true, "declared": true,
	"cautioned": true, "wrote": true, "tweeted": true, "informed": true,
	"assured": true, "stated": true,
}

// Addressees may be the object of an object cue ("told reporters that").
var Addressees = map[string]bool{
	"reporters": true, "journalists": true, "lawmakers": true, "parliament": true,
	"delegates": true, "supporters": true, "me": true, "us": true, "him": true,
	"her": true, "them": true, "listeners": true, "viewers": true,
}

// NotClauseStart are words that cannot open a reported clause.
var NotClauseStart = map[string]bool{
	"to": true, "for": true, "by": true, "about": true, "of": true, "with": true,
	"in": true, "on": true, "at": true, "and": true, "or": true, "so": true,
	"as": true, "than": true, "from": true, "into": true, "is": true, "was": true,
	"were": true, "are": true, "be": true, "been": true, "nothing": true,
	"goodbye": true, "hello": true, "yes": true, "no": true, "sorry": true,
}

// SubjectLeadWords may stand before a sentence's subject.
var SubjectLeadWords = map[string]bool{
	"the": true, "and": true, "but": true, "former": true, "then": true,
	"so": true, "also": true, "now": true, "later": true, "top": true,
	"retired": true, "longtime": true, "veteran": true, "fellow": true,
}

// ArticleOrPossessive open a description that a name may end ("A Hampshire
// Police spokesman", "His wife Mary"); unlike "one" or "another", they do
// not make it someone unnamed.
var ArticleOrPossessive = map[string]bool{"a": true, "an": true, "the": true, "his": true, "her": true, "their": true, "its": true, "our": true}

// PersonTitles are titles before a name beyond RoleWords.
var PersonTitles = map[string]bool{
	"speaker": true, "archbishop": true, "bishop": true, "pope": true, "king": true,
	"queen": true, "prince": true, "princess": true, "emir": true, "sheikh": true,
	"judge": true, "justice": true, "rapporteur": true, "commandant": true,
	"admiral": true, "colonel": true, "captain": true, "lieutenant": true,
	"sergeant": true, "congressman": true, "congresswoman": true, "mp": true,
	"commissioner": true, "chairperson": true, "secretary-general": true,
	"president-elect": true, "cardinal": true, "rabbi": true, "imam": true,
	"ayatollah": true, "sultan": true, "marshal": true, "major": true,
	"legislator": true, "councillor": true, "councilor": true, "coach": true,
	"officer": true, "inspector": true, "superintendent": true, "sen": true,
	"rep": true, "gov": true, "gen": true, "lt": true, "col": true, "capt": true,
	"dr": true, "prof": true, "pastor": true, "reverend": true, "rev": true,
	"protester": true, "student": true, "witness": true, "eyewitness": true,
	"resident": true, "pseudonym": true, "nickname": true, "named": true,
	"affairs": true, "sheriff": true, "detective": true, "constable": true,
}

// OrgHeads end the names of organisations.
var OrgHeads = map[string]bool{
	"ministry": true, "department": true, "office": true, "council": true,
	"commission": true, "committee": true, "agency": true, "bank": true,
	"party": true, "union": true, "court": true, "forces": true, "army": true,
	"coalition": true, "institute": true, "university": true, "association": true,
	"organisation": true, "organization": true, "center": true, "centre": true,
	"league": true, "government": true, "service": true, "police": true,
	"navy": true, "guard": true, "parliament": true, "assembly": true,
	"senate": true, "house": true, "kremlin": true, "embassy": true,
	"foundation": true, "federation": true, "alliance": true, "group": true,
	"company": true, "corporation": true, "network": true, "board": true,
	"authority": true, "secretariat": true, "cabinet": true, "administration": true,
	"inc": true, "corp": true, "ltd": true, "times": true, "post": true,
	"press": true, "news": true, "agencies": true, "nations": true, "affairs": true,
	"defense": true, "defence": true, "state": true, "security": true,
}

// DescStrip are heads of descriptions that stand for their complement:
// "a statement from the ministry" speaks for the ministry.
var DescStrip = map[string]bool{
	"statement": true, "readout": true, "release": true, "post": true,
	"tweet": true, "communique": true, "communiqué": true, "transcript": true,
	"message": true, "letter": true, "note": true, "account": true,
}

// DocModifiers may stand between an author and the document: "an AEW
// press release", "a Kremlin official statement".
var DocModifiers = map[string]bool{"press": true, "news": true, "official": true, "joint": true, "written": true}

// PossessedDocs are documents whose possessor wrote them ("Cornyn's
// statement", "PC World's analysis", "the WHO's website", "RIAA's DMCA
// notice"), beyond DescStrip.
var PossessedDocs = map[string]bool{"analysis": true, "report": true, "memo": true, "blog": true, "speech": true, "notice": true, "website": true}

// IssueVerbs put out a document: "X issued a statement", "the warning
// released by X".
var IssueVerbs = map[string]bool{"issued": true, "released": true, "published": true, "posted": true}

// Spokes are the spokesperson nouns.
var Spokes = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true}

// Definite determiners introduce a description that refers back.
var Definite = map[string]bool{"the": true}

// DescNouns are heads of descriptions that a capitalised modifier may
// precede ("a former U.S. law enforcement official").
var DescNouns = map[string]bool{
	"law": true, "enforcement": true, "intelligence": true, "security": true,
	"military": true, "government": true, "administration": true, "campaign": true,
	"veteran": true, "staffer": true, "insider": true, "source": true, "sources": true,
	"officer": true, "worker": true, "employee": true, "resident": true, "voter": true,
}

// PostModPreps start a phrase that may follow a speaker's name
// ("Kovač of the Croatian Foreign Ministry said").
var PostModPreps = map[string]bool{
	"of": true, "from": true, "at": true, "with": true, "for": true, "in": true,
}

// IntroWords open an introductory phrase that ends at a comma.
var IntroWords = map[string]bool{
	"in": true, "on": true, "at": true, "after": true, "during": true,
	"following": true, "speaking": true, "despite": true, "for": true,
	"from": true, "with": true, "by": true, "under": true, "before": true,
	"since": true, "while": true, "when": true, "as": true, "although": true,
	"though": true, "because": true, "asked": true, "responding": true,
	"addressing": true, "writing": true, "according": true,
	"like": true, "unlike": true, // "Like Corker, Menendez also rejected …"
}

// Months may stand in a scene-setting preamble before a subject (preamble).
var Months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "week": true, "month": true, "year": true,
	"morning": true, "afternoon": true, "evening": true, "night": true,
}

// Platforms are media a speaker speaks on: "X on Twitter" names X.
var Platforms = map[string]bool{
	"twitter": true, "facebook": true, "instagram": true, "telegram": true,
	"youtube": true, "weibo": true, "wechat": true, "tiktok": true, "x": true,
	"television": true, "radio": true, "cnn": true, "msnbc": true, "fox": true,
	"abc": true, "cbs": true, "nbc": true, "bbc": true,
}

// FiniteAuxiliaries open a quoted predicate ("the program "is gaining
// …"", "the plan "will not solve …""), never a title or a term.
var FiniteAuxiliaries = wordSet([]string{
	"is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could",
	"should", "shall", "may", "might", "must", "does", "did",
})

// NotPersonHeads end a definite description of an organisation, a
// document or a group, not of a person (personDesc): also the nouns of
// two or more people ("the couple", "the two", "the people").
var NotPersonHeads = wordSet([]string{
	"ministry", "department", "government", "office", "council", "committee", "court", "police",
	"army", "military", "party", "campaign", "administration", "house", "state", "report", "document",
	"organizer", "organiser", "crowd", "audience", "board", "commission", "agency", "embassy", "website",
	"couple", "pair", "duo", "family", "people", "two", "three", "four", "both",
})

// wordSet returns the set of the words of list and of more.
func wordSet(list []string, more ...string) map[string]bool {
	m := make(map[string]bool, len(list)+len(more))
	for _, w := range list {
		m[w] = true
	}
	for _, w := range more {
		m[w] = true
	}
	return m
}

// PersonNouns are nouns for someone unnamed ("one of the victims", "a
// woman", "a local resident"), besides role words.
var PersonNouns = wordSet(nil, "person", "woman", "man", "girl", "boy", "victim", "witness",
	"eyewitness", "resident", "survivor", "student", "child", "mother", "father", "parent",
	"wife", "husband", "son", "daughter", "sister", "brother", "friend", "neighbour", "neighbor",
	"relative", "patient", "passenger", "soldier", "officer", "protester", "protestor", "fan",
	"local", "citizen", "voter", "participant", "attendee", "tourist", "guest", "nurse", "doctor",
	"supporter", "worker", "teacher", "farmer", "owner", "driver", "player", "reporter", "journalist",
	"viewer", "customer", "employee", "volunteer", "lecturer", "designer", "teenager", "pilot")

// Scriptures are the books a speech quotes as speaking ("The Holy Koran
// tells us", "the Torah says"): documents without a named author.
var Scriptures = wordSet(nil, "koran", "quran", "qur'an", "qur’an", "bible", "torah", "talmud",
	"gospel", "gospels", "psalms", "scripture", "scriptures", "hadith", "vedas", "upanishads", "bhagavad")

// KinNouns name a relative, who often shares a name with the person the
// article is about ("her mother, Gloria Morgan Vanderbilt").
var KinNouns = wordSet(nil, "mother", "father", "son", "daughter", "wife", "husband", "sister", "brother",
	"grandmother", "grandfather", "grandson", "granddaughter", "aunt", "uncle", "niece", "nephew",
	"cousin", "widow", "widower", "stepmother", "stepfather", "parents", "mom", "dad")

// FemaleNouns and MaleNouns are the person nouns of one gender.
var (
	FemaleNouns = wordSet(nil, "woman", "girl", "mother", "wife", "daughter", "sister")
	MaleNouns   = wordSet(nil, "man", "boy", "father", "husband", "son", "brother")
)

// GenderClash reports whether the noun of a person h ("mother") is of the
// other gender than g ("m" or "f"; "" clashes with nothing).
func GenderClash(h, g string) bool {
	return g == "m" && FemaleNouns[h] || g == "f" && MaleNouns[h]
}

// NotSpeakerLabels are label-like words that head a paragraph (or a
// quoted one: "VIDEO: …") without naming who speaks.
var NotSpeakerLabels = map[string]bool{
	"note": true, "editor's note": true, "editor’s note": true, "editors note": true, "update": true, "updated": true,
	"correction": true, "clarification": true, "warning": true, "breaking": true, "photo": true, "video": true,
	"source": true, "sources": true, "read more": true, "related": true, "see also": true, "background": true,
	"disclaimer": true, "transcript": true, "caption": true, "credit": true, "advertisement": true, "watch": true,
	"listen": true, "more": true, "analysis": true, "opinion": true, "live": true, "exclusive": true, "fact check": true,
	"key points": true, "summary": true, "timeline": true, "context": true, "why it matters": true, "the bottom line": true,
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "firstly": true, "secondly": true,
	"thirdly": true, "finally": true, "lastly": true, "also": true, "however": true, "meanwhile": true, "result": true,
	"results": true, "total": true, "image": true,
}

// GroupNouns are the heads of descriptions of people that a country or a
// demonym may precede, capitalised in some wire copy ("a senior U.S.
// Official", "a U.S. Banker", "Japan Officials"): a description, never a
// name.
var GroupNouns = wordSet(nil, "official", "officials", "banker", "bankers", "banks", "source", "sources",
	"trader", "traders", "dealer", "dealers", "analyst", "analysts", "economist", "economists",
	"diplomat", "diplomats", "executive", "executives", "delegate", "delegates", "negotiator",
	"negotiators", "spokesmen", "spokeswomen", "officers", "lawmakers", "legislators", "experts")
