package extract

import (
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

// TestEntitySpans checks the body mentions the entity evaluation sees
// (entities, and the country names the recogniser matched) for the rules
// of the ent2 round (testdata/EVAL.md, "entities-dev2 and organisation
// recall"): each row lists mentions, as "type:text", that must be found
// with exactly that span, and mentions that must not be.
func TestEntitySpans(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name   string
		body   string
		want   []string
		absent []string
	}{
		// A country of two words or more inside a title is the whole name.
		{"two-word country before a title", "Yesterday, former United States Senator Mara Quist died.", []string{"place:United States", "person:Mara Quist"}, []string{"place:United"}},
		{"country before a title opening a sentence", "New Zealand Prime Minister Hal Brennan spoke.", []string{"place:New Zealand", "person:Hal Brennan"}, []string{"place:New"}},
		{"one-word country before a title is unchanged", "Then French President Ana Roux left.", []string{"person:Ana Roux"}, nil},
		{"country of two words after the title", "The President of South Africa Jon Mbeki spoke.", []string{"place:South Africa", "person:Jon Mbeki"}, []string{"place:South"}},
		// "House of" and a capitalised word is a chamber; a title after an
		// organisation that "of" continues ends it.
		{"house of", "The House of Delegates voted on Monday.", []string{"org:House of Delegates"}, nil},
		{"house of after a country", "The Ruritanian House of Lords met.", []string{"org:Ruritanian House of Lords"}, nil},
		{"house of before a title and a name", "Yesterday, United States House of Representatives Speaker Mara Quist said so.", []string{"org:United States House of Representatives", "person:Mara Quist"}, []string{"place:United States"}},
		{"university of before a title and a name", "University of Zenda Professor Tom Blake said so.", []string{"org:University of Zenda", "person:Tom Blake"}, nil},
		{"ministry of affairs is no title", "The Ministry of Foreign Affairs said so.", []string{"org:Ministry of Foreign Affairs"}, nil},
		{"a participle opens the title after an organisation", "Institute of Zendan Finance Managing Director Tom Blake said so.", []string{"org:Institute of Zendan Finance", "person:Tom Blake"}, nil},
		{"a word that is no title alone after an organisation", "She would lead the Office of Zendan Affairs Clinton had announced.", nil, []string{"org:Office of Zendan", "person:Affairs Clinton"}},
		{"a title of two words after an organisation", "Voters left the Zendan Labour Party of Prime Minister Tom Blake.", []string{"org:Zendan Labour Party", "person:Tom Blake"}, nil},
		{"center for", "According to the Center for Zendan Progress, it fell.", []string{"org:Center for Zendan Progress"}, nil},
		{"centre for after a name", "The Brannock Centre for Policy Research said so.", []string{"org:Brannock Centre for Policy Research"}, nil},
		{"and inside a center's name", "Analysts at the Center for Zendan and Ruritanian Studies said so.", []string{"org:Center for Zendan and Ruritanian Studies"}, nil},
		{"and between two centers", "The Center for Zendan Studies and Center for Policy Research met.", []string{"org:Center for Zendan Studies", "org:Center for Policy Research"}, nil},
		{"center alone is a building", "They met at the Brannock Center on Monday.", nil, []string{"org:Brannock Center"}},
		{"house speaker is a title", "House Speaker Mara Quist said so.", []string{"person:Mara Quist"}, []string{"org:House"}},
		{"opera house is no chamber", "Staff of the Zenda Opera House left.", nil, []string{"org:Zenda Opera House"}},
		// Facilities: a lower-case "airport" after an unknown name, an
		// organisation, a possessive or a title inside the name.
		{"lower-case airport after a name", "The plane was flying to Brannock Field airport.", []string{"place:Brannock Field airport"}, nil},
		{"lower-case airport after a known city", "It landed at the Moscow airport at noon.", []string{"place:Moscow"}, []string{"place:Moscow airport"}},
		{"facility named after a company", "They played at Brannock Energy Arena on Sunday.", []string{"place:Brannock Energy Arena"}, []string{"org:Brannock Energy"}},
		{"possessive inside a facility name", "It premiered at Grauman's Zendan Theatre in May.", []string{"place:Grauman's Zendan Theatre"}, nil},
		{"possessive of a country before a facility", "Fans filled Britain's Zenda Stadium.", []string{"place:Britain", "place:Zenda Stadium"}, nil},
		{"possessive before an organisation word is unchanged", "The Fishermen's Association said so.", []string{"org:Fishermen's Association"}, nil},
		{"base after a service", "Planes left Zendan Air Force Base at dawn.", []string{"place:Zendan Air Force Base"}, []string{"org:Zendan Air Force"}},
		{"base alone is no facility", "A cut in U.K. Base rates is near.", nil, []string{"place:U.K. Base"}},
		{"possessive of a known city before a facility", "It opened in Mexico City's Zendan Theatre.", []string{"place:Mexico City", "place:Zendan Theatre"}, nil},
		{"possessive of an ambiguous city before a facility", "A bomb went off in New York's Times Square.", []string{"place:New York", "place:Times Square"}, nil},
		{"monument named after a city", "It happened between the White House and the Zenda Monument.", []string{"place:Zenda Monument"}, []string{"place:Zenda"}},
		{"hotel", "He stayed at the Brannock Grand Hotel in May.", []string{"place:Brannock Grand Hotel"}, nil},
		{"base after a title", "Cases rose at General Tomas Varga Base in May.", []string{"place:General Tomas Varga Base"}, []string{"person:Tomas Varga Base"}},
		// Outlets, party bodies and firms cited by bare name (aliases.yaml).
		{"network by bare name", "He told CNN on Sunday that he would run.", []string{"org:CNN"}, nil},
		{"a firm by bare name is no person", "Hulu said on Monday that it would stop.", []string{"org:Hulu"}, []string{"person:Hulu"}},
		{"party nickname", "The GOP met in Cleveland.", []string{"org:GOP"}, nil},
		{"newspaper named after a country", "USA Today said so.", []string{"org:USA Today"}, []string{"place:USA"}},
		{"network by its news arm", "According to NBC News, it fell.", []string{"org:NBC News"}, nil},
		{"party committee acronym", "The DNC said so.", []string{"org:DNC"}, nil},
		{"mayor of the same name is no outlet", "Michael Bloomberg said so.", []string{"person:Michael Bloomberg"}, []string{"org:Bloomberg"}},
		// "the state of", "the county of" and a name: a place.
		{"state of", "Last week, in the neighbouring state of Zendala, one man was held.", []string{"place:Zendala"}, []string{"person:Zendala"}},
		{"county of", "He was born in the county of Zendshire in 1950.", []string{"place:Zendshire"}, nil},
		{"state of a person's name is unchanged", "The state of Tom Blake's health worried them.", nil, []string{"place:Tom Blake"}},
		// A party word before a given name and a surname.
		{"party adjective before a name", "The seat is that of incumbent Republican Cory Blakely.", []string{"person:Cory Blakely"}, nil},
		{"party noun before a name", "He beat Democrat Mara Quist in 2020.", []string{"person:Mara Quist"}, nil},
		{"party word before a non-name is unchanged", "The Republican Jewish Coalition met.", nil, []string{"person:Jewish Coalition"}},
		// Advocacy groups and agencies by short form; "Institution" and
		// "Conference of" make organisations.
		{"advocacy group by bare name", "The bill would defund Planned Parenthood.", []string{"org:Planned Parenthood"}, nil},
		{"agency acronym", "The FDA approved the drug on Friday.", []string{"org:FDA"}, nil},
		{"institution", "A fellow at the Zendan Institution said so.", []string{"org:Zendan Institution"}, nil},
		{"conference of", "According to the National Conference of Zendan Mayors, it fell.", []string{"org:National Conference of Zendan Mayors"}, nil},
		{"conference alone is unchanged", "Delegates left the Zenda Peace Conference early.", nil, []string{"org:Zenda Peace Conference"}},
		// More organisation words: clubs, laboratories, corps, coalitions,
		// railways, studios; "Chamber of" a body's name.
		{"club", "He spoke to the Zenda Rotary Club on Monday.", []string{"org:Zenda Rotary Club"}, []string{"place:Zenda"}},
		{"chamber of", "Speaking to the Zenda Chamber of Commerce, he said so.", []string{"org:Zenda Chamber of Commerce"}, []string{"place:Zenda"}},
		{"laboratories", "Brannock Laboratories said it would sell the unit.", []string{"org:Brannock Laboratories"}, []string{"person:Brannock Laboratories"}},
		{"corps", "The attack was repelled by the Zendan Third Army Corps.", []string{"org:Zendan Third Army Corps"}, nil},
		{"a chamber alone is unchanged", "The Senate Chamber was empty.", nil, []string{"org:Senate Chamber"}},
		// A name paired with a known place by from … to, between … and.
		{"from a name to a place", "The bus was carrying tourists from Zendaville to Havana.", []string{"place:Zendaville", "place:Havana"}, nil},
		{"from a place to a name", "They drove from Havana to Zendaville on Monday.", []string{"place:Zendaville"}, nil},
		{"between a name and a place", "It crashed between Zendaville and Guantanamo on Thursday.", []string{"place:Zendaville"}, nil},
		{"a compass word is no place of its own", "Flights run between Zenda and North Ruritania.", nil, []string{"place:North"}},
		{"an adjective before a noun is no place", "It drove a wedge between U.S. and Zendish banks.", nil, []string{"place:Zendish"}},
		{"an acronym is no place", "It is a joint venture between ZXT and France's Alcatel.", nil, []string{"place:ZXT"}},
		{"from a name to a name is unchanged", "A letter from Blakely to Quist arrived.", nil, []string{"place:Blakely", "place:Quist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]bool{}
			var all []string
			for _, s := range predEntitySpans(x, news.Article{ID: "t", Body: tt.body}) {
				k := s.typ + ":" + s.text
				got[k] = true
				all = append(all, k)
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("%q not found; found %s", w, strings.Join(all, ", "))
				}
			}
			for _, a := range tt.absent {
				if got[a] {
					t.Errorf("%q found, want none; found %s", a, strings.Join(all, ", "))
				}
			}
		})
	}
}

// TestDefinedAcronymWins checks that an acronym the article defined in
// brackets names that organisation later, before an alias-table entry of
// the same form ("EPA" of the Economic Planning Agency, not the
// Environmental Protection Agency).
func TestDefinedAcronymWins(t *testing.T) {
	x := newTestExtractor(t)
	a := x.Extract(news.Article{ID: "t", Body: "The Economic Planning Agency (EPA) said growth slowed. The EPA chief spoke. EPA officials agreed."})
	e, ok := entityByID(a, "economic-planning-agency")
	if !ok || len(e.Mentions) != 4 {
		t.Errorf("economic-planning-agency: %v, want 4 mentions; entities %v", e.Mentions, ids(a))
	}
	if _, ok := entityByID(a, "environmental-protection-agency"); ok {
		t.Errorf("environmental-protection-agency found; entities %v", ids(a))
	}
}
