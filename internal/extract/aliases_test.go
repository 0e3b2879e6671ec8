package extract

import (
	"strings"
	"testing"

	"github.com/readout/readout/internal/news"
)

func TestLoadAliases(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    int    // entries
		wantErr string // substring of the error; "" for none
	}{
		{"empty", "", 0, ""},
		{"one", "- name: Anna Kovač\n  type: person\n  country: hr\n  role: Foreign Minister\n  aliases: [Kovač, \"@AKovacMFA\"]\n", 1, ""},
		{"organisation spelling", "- name: Joint Commission\n  type: organisation\n", 1, ""},
		{"not a list", "name: x\n", 0, "aliases.yaml:1: alias table must be a list"},
		{"no name", "- type: person\n", 0, "aliases.yaml:1: entry 1 (\"\"): name is empty"},
		{"bad type", "- name: A\n  type: person\n- name: B\n  type: robot\n", 0, "aliases.yaml:3: entry 2 (\"B\"): type \"robot\" unknown"},
		{"no type", "- name: A\n", 0, "entry 1 (\"A\"): type is empty"},
		{"bad country", "- name: A\n  type: org\n  country: XX\n", 0, "country \"XX\" is not an ISO 3166-1 alpha-2 code"},
		{"bad gender", "- name: A\n  type: person\n  gender: x\n", 0, "gender \"x\" unknown"},
		{"empty alias", "- name: A\n  type: person\n  aliases: [\"\"]\n", 0, "alias 1 is empty"},
		{"bare handle", "- name: A\n  type: person\n  aliases: [\"@\"]\n", 0, "handle \"@\" has no name"},
		{"unknown field", "- name: A\n  type: person\n  nickname: B\n", 0, "entry 1: unknown field \"nickname\""},
		{"syntax", "- name: [\n", 0, "aliases.yaml"},
		{"no letters", "- name: \"--\"\n  type: org\n", 0, "has no letters or digits"},
		{"active span", "- name: A\n  type: person\n  active: \"1965-1992\"\n- name: B\n  type: person\n  active: 2000-\n- name: C\n  type: person\n  active: \"-1999\"\n", 3, ""},
		{"active not years", "- name: A\n  type: person\n  active: sixties\n", 0, "entry 1 (\"A\"): active \"sixties\""},
		{"active no year", "- name: A\n  type: person\n  active: \"-\"\n", 0, "give a year"},
		{"active backwards", "- name: A\n  type: person\n  active: 1990-1980\n", 0, "ends before it starts"},
		{"active bad year", "- name: A\n  type: person\n  active: 90-99\n", 0, "\"90\" is not a year"},
		{"role years", "- name: A\n  type: person\n  role: President\n  role_years: \"2017-2021, 2025-\"\n", 1, ""},
		{"role years one span", "- name: A\n  type: person\n  role: Pope\n  role_years: 2013-\n", 1, ""},
		{"role years without a role", "- name: A\n  type: person\n  role_years: 2017-2021\n", 0, "entry 1 (\"A\"): role_years \"2017-2021\": no role"},
		{"role years backwards", "- name: A\n  type: person\n  role: King\n  role_years: \"1990-1995, 2010-2001\"\n", 0, "role_years \"1990-1995, 2010-2001\": ends before it starts"},
		{"role years empty span", "- name: A\n  type: person\n  role: King\n  role_years: \"1990-1995,\"\n", 0, "role_years \"1990-1995,\": want FROM-TO"},
		{"role years not years", "- name: A\n  type: person\n  role: King\n  role_years: reign\n", 0, "role_years \"reign\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadAliases(strings.NewReader(tt.yaml), "aliases.yaml")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Fatalf("%d entries, want %d", len(got), tt.want)
			}
		})
	}
	got, err := LoadAliases(strings.NewReader("- name: \" Anna Kovač \"\n  type: Person\n  country: hr\n  gender: female\n"), "a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if a := got[0]; a.Name != "Anna Kovač" || a.Type != news.TypePerson || a.Country != "HR" || a.Gender != "f" {
		t.Errorf("not normalised: %+v", a)
	}
}

// TestDefaultAliases checks the embedded table's coverage of the officials
// and organisations it promises, through Extract.
func TestDefaultAliases(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, id, country string }{
		{"Vladimir Putin", "vladimir-putin", "RU"},
		{"Mikhail Gorbachev", "mikhail-gorbachev", "RU"},
		{"Xi Jinping", "xi-jinping", "CN"},
		{"Wang Yi", "wang-yi", "CN"},
		{"Margaret Thatcher", "margaret-thatcher", "GB"},
		{"Emmanuel Macron", "emmanuel-macron", "FR"},
		{"Helmut Kohl", "helmut-kohl", "DE"},
		{"Annalena Baerbock", "annalena-baerbock", "DE"},
		{"Shinzo Abe", "shinzo-abe", "JP"},
		{"Narendra Modi", "narendra-modi", "IN"},
		{"Volodymyr Zelenskyy", "volodymyr-zelensky", "UA"},
		{"Benjamin Netanyahu", "benjamin-netanyahu", "IL"},
		{"Mohammad Javad Zarif", "mohammad-javad-zarif", "IR"},
		{"Recep Tayyip Erdogan", "recep-tayyip-erdogan", "TR"},
		{"Mohammed bin Salman", "mohammed-bin-salman", "SA"},
		{"Lula da Silva", "luiz-inacio-lula-da-silva", "BR"},
		{"George Shultz", "george-shultz", "US"},
		{"@SecBlinken", "antony-blinken", "US"},
		{"António Guterres", "antonio-guterres", ""},
		{"the U.N.", "united-nations", ""},
		{"NATO", "nato", ""},
		{"the European Commission", "european-commission", ""},
		{"OSCE", "organization-for-security-and-co-operation-in-europe", ""},
		{"the IAEA", "international-atomic-energy-agency", ""},
		{"OPEC", "opec", ""},
		{"the WTO", "world-trade-organization", ""},
		{"the IMF", "international-monetary-fund", ""},
		{"the World Bank", "world-bank", ""},
		{"ASEAN", "asean", ""},
		{"the African Union", "african-union", ""},
		{"the Arab League", "arab-league", ""},
		{"G7", "group-of-seven", ""},
		{"G20", "group-of-20", ""},
		{"the WHO", "world-health-organization", ""},
		{"the ICC", "international-criminal-court", ""},
		{"the ICJ", "international-court-of-justice", ""},
		{"the Red Cross", "international-committee-of-the-red-cross", ""},
	}
	for _, tt := range tests {
		a := x.Extract(ingestArticle("Reports mention " + tt.text + " today."))
		e, ok := entityByID(a, tt.id)
		if !ok {
			t.Errorf("%q: entity %q not found; have %v", tt.text, tt.id, ids(a))
			continue
		}
		if e.Country != tt.country {
			t.Errorf("%q: country %q, want %q", tt.text, e.Country, tt.country)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Antony Blinken", "antony-blinken"},
		{"Anna Kovač", "anna-kovac"},
		{"Łukasz Wójcik", "lukasz-wojcik"},
		{"Côte d'Ivoire", "cote-divoire"},
		{"Gideon Sa'ar", "gideon-saar"},
		{"Jean-Claude  Juncker", "jean-claude-juncker"},
		{"  U.S. ", "u-s"},
		{"Straße", "strasse"},
		{"Москва", "u41c-u43e-u441-u43a-u432-u430"},
		{"", ""},
		{"--", ""},
		{"G20", "g20"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Slug(Slug(tt.in)); got != Slug(tt.in) {
			t.Errorf("Slug not idempotent on %q", tt.in)
		}
	}
}

func TestCountryName(t *testing.T) {
	tests := []struct {
		code, want string
		ok         bool
	}{
		{"UA", "Ukraine", true},
		{"us", "United States", true},
		{"GB", "United Kingdom", true},
		{"XX", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := CountryName(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CountryName(%q) = %q, %v; want %q, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNewRejectsBadAlias checks that New validates user aliases.
func TestNewRejectsBadAlias(t *testing.T) {
	_, err := New(Options{Aliases: []Alias{{Name: "X", Type: "robot"}}})
	if err == nil || !strings.Contains(err.Error(), "alias entry 1") {
		t.Fatalf("err = %v, want one naming alias entry 1", err)
	}
	// A user alias wins over the default table and cities.
	x, err := New(Options{Aliases: []Alias{{Name: "Paris Commission", Type: news.TypeOrg, Aliases: []string{"Paris"}}}})
	if err != nil {
		t.Fatal(err)
	}
	a := x.Extract(ingestArticle("Delegates went to Paris."))
	if _, ok := entityByID(a, "paris-commission"); !ok {
		t.Errorf("user alias lost to the city: %v", ids(a))
	}
	// The default extractor is not changed by it.
	y, _ := New(Options{})
	if _, ok := entityByID(y.Extract(ingestArticle("Delegates went to Paris.")), "paris"); !ok {
		t.Error("user alias leaked into another Extractor")
	}
}

// TestAliasRoleYears: the alias table's role is an entity's role only in
// an article dated within the years it was held, or undated; outside them
// the role comes from the text or is empty.
func TestAliasRoleYears(t *testing.T) {
	x, err := New(Options{Aliases: []Alias{
		{Name: "Tomas Berg", Type: news.TypePerson, Country: "NO", Role: "Prime Minister", RoleYears: "2001-2005, 2013-2017"},
		{Name: "Anna Kovač", Type: news.TypePerson, Country: "HR", Role: "Foreign Minister"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, published, id, role string
	}{
		{"Tomas Berg spoke in Oslo.", "2003-05-01", "tomas-berg", "Prime Minister"},
		{"Tomas Berg spoke in Oslo.", "2001-01-01", "tomas-berg", "Prime Minister"},
		{"Tomas Berg spoke in Oslo.", "2017-12-31", "tomas-berg", "Prime Minister"},
		{"Tomas Berg spoke in Oslo.", "2009-05-01", "tomas-berg", ""},
		{"Tomas Berg spoke in Oslo.", "1999-05-01", "tomas-berg", ""},
		{"Tomas Berg spoke in Oslo.", "2020-05-01", "tomas-berg", ""},
		{"Tomas Berg spoke in Oslo.", "", "tomas-berg", "Prime Minister"},
		// Out of office, the text's own title is the role.
		{"Defence Minister Tomas Berg spoke in Oslo.", "2009-05-01", "tomas-berg", "Defence Minister"},
		// No years: the role holds in every article.
		{"Anna Kovač spoke in Zagreb.", "1987-05-01", "anna-kovac", "Foreign Minister"},
		// The default table gives years too.
		{"Donald Trump spoke in Iowa.", "2016-01-30", "donald-trump", ""},
		{"Donald Trump spoke in Iowa.", "2018-01-30", "donald-trump", "President"},
		{"Marco Rubio spoke in Iowa.", "2016-01-30", "marco-rubio", ""},
		{"Mikhail Gorbachev spoke in Moscow.", "1987-03-01", "mikhail-gorbachev", ""},
	}
	for _, tt := range tests {
		t.Run(tt.published+" "+tt.text, func(t *testing.T) {
			a := datedArticle(t, tt.text, tt.published)
			e, ok := entityByID(x.Extract(a), tt.id)
			if !ok {
				t.Fatalf("%s not found", tt.id)
			}
			if e.Role != tt.role {
				t.Errorf("role %q, want %q", e.Role, tt.role)
			}
		})
	}
}

// TestAliasEras: a surname that two people of different eras share
// resolves by the article's year; an undated article takes the later one.
func TestAliasEras(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text      string
		published string
		id        string
		absent    string
	}{
		{"Finance Minister Stoltenberg said the mark would hold.", "1987-03-02", "gerhard-stoltenberg", "jens-stoltenberg"},
		{"NATO Secretary General Stoltenberg said allies would meet.", "2019-04-04", "jens-stoltenberg", "gerhard-stoltenberg"},
		{"Stoltenberg said allies would meet.", "", "jens-stoltenberg", "gerhard-stoltenberg"},
		{"President Assad received the envoy.", "1985-06-01", "hafez-al-assad", "bashar-al-assad"},
		{"President Assad received the envoy.", "2012-06-01", "bashar-al-assad", "hafez-al-assad"},
		{"Prime Minister Trudeau spoke in Ottawa.", "1982-04-17", "pierre-trudeau", "justin-trudeau"},
		{"Prime Minister Trudeau spoke in Ottawa.", "2016-04-17", "justin-trudeau", "pierre-trudeau"},
		{"Prime Minister Bhutto spoke in Islamabad.", "1974-02-22", "zulfikar-ali-bhutto", "benazir-bhutto"},
		{"Prime Minister Bhutto spoke in Islamabad.", "1989-02-22", "benazir-bhutto", "zulfikar-ali-bhutto"},
		{"President Kennedy addressed the Assembly.", "1962-09-25", "john-f-kennedy", ""},
		{"Senator Kennedy addressed the committee.", "1987-09-25", "", "john-f-kennedy"},
		{"Chairman Mao received the delegation.", "1970-05-01", "mao-zedong", ""},
		{"Spokeswoman Mao said the talks were useful.", "2023-05-01", "", "mao-zedong"},
		// Out of every era of the name: not resolved to the alias table.
		{"Mr Xi met the delegation.", "1985-05-05", "", "xi-jinping"},
		{"Mr Xi met the delegation.", "2015-05-05", "xi-jinping", ""},
	}
	for _, tt := range tests {
		t.Run(tt.published+" "+tt.text, func(t *testing.T) {
			a := datedArticle(t, tt.text, tt.published)
			ann := x.Extract(a)
			if _, ok := entityByID(ann, tt.id); tt.id != "" && !ok {
				t.Errorf("%s not found: %+v", tt.id, ann.Entities)
			}
			if _, ok := entityByID(ann, tt.absent); tt.absent != "" && ok {
				t.Errorf("%s found: %+v", tt.absent, ann.Entities)
			}
		})
	}
}
