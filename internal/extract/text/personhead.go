package text

import "strings"

// personHeads are nouns of people that end descriptions in political and
// business news and that neither RoleWords nor PersonNouns list: a
// network's host, a party's front-runner or nominee.
var personHeads = wordSet(nil, "host", "co-host", "anchor", "front-runner", "frontrunner", "nominee",
	"candidate", "moderator", "pundit", "correspondent", "columnist", "commentator", "contender",
	"hopeful", "challenger", "incumbent", "congressman", "congresswoman", "billionaire", "mogul",
	"comedian", "actor", "actress", "meteorologist", "physician", "surgeon", "editor")

// notPersonRoles are the role words that are no person's noun on their
// own ("the Senate campaign", "the White House press"), so that a
// description they end is not said to be of a person.
var notPersonRoles = wordSet(nil, "press", "state", "foreign", "defence", "defense", "prime", "vice",
	"interior", "finance", "campaign", "banks")

// PersonHead reports whether the lower-case word w heads a description of
// one person or of several ("the CNN host", "the GOP front-runner", "the
// USDA meteorologist", "the World Bank sources"): such a description never
// stands for an organisation, even one named inside it. Agent nouns in -er
// and -or are left out ("the carrier", "the lender", "the newspaper" are
// companies), as are spokespeople, who speak for their organisation.
func PersonHead(w string) bool {
	if Spokes[w] || NotPersonHeads[w] || OrgDescHeads[w] || notPersonRoles[w] {
		return false
	}
	h := strings.TrimSuffix(w, "s")
	if notPersonRoles[h] || OrgDescHeads[h] || NotPersonHeads[h] {
		return false
	}
	if personHeads[w] || personHeads[h] || PersonNouns[w] || PersonNouns[h] || GroupNouns[w] || RoleWords[w] || RoleWords[h] {
		return true
	}
	return len(h) >= 6 && (strings.HasSuffix(h, "ist") || strings.HasSuffix(h, "ian"))
}

// newspaperWords end the names of newspapers ("The Wall Street Journal",
// "People's Daily", "Yomiuri Shimbun").
var newspaperWords = wordSet(nil, "times", "post", "journal", "herald", "tribune", "daily", "news",
	"gazette", "telegraph", "guardian", "globe", "chronicle", "examiner", "inquirer", "enquirer",
	"observer", "star", "sun", "mail", "express", "independent", "register", "record", "dispatch",
	"courier", "bulletin", "mirror", "standard", "sentinel", "monitor", "caller", "beast", "shimbun",
	"zeitung", "allgemeine", "ilbo", "pravda", "izvestia", "monde", "republic", "statesman", "age")

// NewspaperName reports whether an organisation's name is a newspaper's:
// its last word is one of newspaperWords.
func NewspaperName(name string) bool {
	ws := strings.Fields(strings.ToLower(name))
	return len(ws) > 0 && newspaperWords[strings.Trim(ws[len(ws)-1], ".,'’")]
}
