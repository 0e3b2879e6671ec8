package index

import (
	"maps"
	"sort"
	"strconv"
	"strings"

	"github.com/readout/readout/internal/news"
	"github.com/readout/readout/internal/schema"
)

// QuoteDoc is one quote document: its Bleve id and fields.
type QuoteDoc struct {
	ID     string
	Fields map[string]any
}

// quoteSep separates an article id from a quote number in quote document ids.
const quoteSep = "#q"

// QuoteDocID is the Bleve id of quote n (1-based) of an article.
func QuoteDocID(articleID string, n int) string {
	return articleID + quoteSep + strconv.Itoa(n)
}

// ParseQuoteDocID splits a quote document id into its article's id and its
// number (1-based); ok is false when id is not a QuoteDocID.
func ParseQuoteDocID(id string) (articleID string, n int, ok bool) {
	i := strings.LastIndex(id, quoteSep)
	if i < 0 {
		return "", 0, false
	}
	digits := id[i+len(quoteSep):]
	if digits == "" || digits[0] == '0' || digits[0] == '+' || digits[0] == '-' {
		return "", 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return "", 0, false
	}
	return id[:i], n, true
}

// Layouts of FieldDay, FieldMonth and FieldYear values.
const (
	DayLayout   = "2006-01-02"
	MonthLayout = "2006-01"
	YearLayout  = "2006"
)

// withShared returns a new document map holding shared, with room for n
// more fields.
func withShared(shared map[string]any, n int) map[string]any {
	m := make(map[string]any, len(shared)+n)
	for k, v := range shared {
		m[k] = v
	}
	return m
}

// Documents turns an article and its annotations into the article document
// and one document per quote but scare quotes (news.Quote.Scare), numbered by
// the quote's place in the annotations. Quote documents repeat the article's
// date, source and language, so that quote-mode searches sort and filter on
// them on their own, but not its Joined fields (schema.Field.Joined:
// entities, countries, authors), which quote-mode searches reach through
// the article (Meta.JoinedQuotes; docs/design.md): 13% of a build's CPU
// went to indexing them again on every quote. Quote documents store
// nothing: a quote hit is shown from its article's stored annotations,
// which hold every quote (a third of a generation's stored bytes went to
// quote documents repeating them).
func Documents(a news.Article, ann news.Annotations) (map[string]any, []QuoteDoc) {
	return documents(a, ann, true)
}

// DocumentsRepeated is Documents as generations built before the join
// wrote them (Meta.JoinedQuotes false): quote documents repeat their
// article's Joined fields too. Incremental changes to those generations
// keep their layout; tests build it to compare the answers of both.
func DocumentsRepeated(a news.Article, ann news.Annotations) (map[string]any, []QuoteDoc) {
	return documents(a, ann, false)
}

// joinedFields are the index fields of schema's Joined fields.
var joinedFields = schema.JoinedIndexFields()

// leaveJoined deletes the Joined fields from a quote document's fields.
func leaveJoined(fields map[string]any) {
	for _, f := range joinedFields {
		delete(fields, f)
	}
}

func documents(a news.Article, ann news.Annotations, joined bool) (map[string]any, []QuoteDoc) {
	shared := sharedFields(a, ann)
	quoteShared := shared
	if joined {
		quoteShared = maps.Clone(shared)
		leaveJoined(quoteShared)
	}

	art := withShared(shared, 6)
	art[FieldType] = TypeArticle
	art[FieldTitle] = a.Title
	art[FieldBody] = a.Body
	if a.URL != "" {
		art[FieldURL] = a.URL
	}
	kinds, countries := ann.SpeakerKinds(), ann.SpeakerCountries()
	if sp, sk, sc := speakers(ann, kinds, countries); len(sp) > 0 {
		art[FieldSpeaker] = sp
		if len(sk) > 0 {
			art[FieldSpeakerKind] = sk
		}
		if len(sc) > 0 {
			art[FieldSpeakerCountry] = sc
		}
	}
	lead, rest := SplitLead(a.Body)
	art[FieldLead] = lead
	art[FieldContent] = string(EncodeContent(rest, EncodeAnnotations(ann, a.Title, a.Body)))

	quotes := make([]QuoteDoc, 0, len(ann.Quotes))
	for i, q := range ann.Quotes {
		if q.Scare() {
			continue // highlighted in its article, not a quotation of its own; its number stays unused
		}
		f := withShared(quoteShared, 6)
		f[FieldType] = TypeQuote
		f[FieldText] = q.Text
		f[FieldArticleID] = a.ID
		if q.SpeakerID != "" {
			f[FieldSpeaker] = q.SpeakerID
			f[FieldSpeakerArticle] = SpeakerArticle(q.SpeakerID, a.ID)
			if kinds[i] != "" {
				f[FieldSpeakerKind] = kinds[i]
			}
			if countries[i] != "" {
				f[FieldSpeakerCountry] = countries[i]
			}
		}
		if q.Cue != "" {
			f[FieldCue] = q.Cue
		}
		f[FieldKind] = q.Kind
		quotes = append(quotes, QuoteDoc{ID: QuoteDocID(a.ID, i+1), Fields: f})
	}
	return art, quotes
}

func sharedFields(a news.Article, ann news.Annotations) map[string]any {
	f := map[string]any{}
	if a.Dated() {
		t := a.Published.UTC()
		f[FieldPublished] = t
		f[FieldDay] = t.Format(DayLayout)
		f[FieldMonth] = t.Format(MonthLayout)
		f[FieldYear] = t.Format(YearLayout)
		f[FieldDated] = "true"
		if a.DatePrecision != "" {
			f[FieldPrecision] = a.DatePrecision
		}
	} else {
		f[FieldDated] = "false"
	}
	if a.Source != "" {
		f[FieldSource] = a.Source
	}
	if a.Language != "" {
		f[FieldLanguage] = strings.ToLower(a.Language)
	}
	if len(a.Authors) > 0 {
		f[FieldAuthors] = a.Authors
	}
	byType := map[string][]string{}
	for _, e := range ann.Entities {
		field := entityField(e.Type)
		if field == "" || e.ID == "" {
			continue
		}
		byType[field] = append(byType[field], e.ID)
	}
	for field, ids := range byType {
		f[field] = uniqueSorted(ids)
	}
	if len(ann.Countries) > 0 {
		codes := make([]string, 0, len(ann.Countries))
		for _, c := range ann.Countries {
			codes = append(codes, c.Code)
		}
		f[FieldCountry] = uniqueSorted(codes)
	}
	return f
}

// entityField is the facet field of an entity type.
func entityField(typ string) string {
	switch typ {
	case news.TypePerson:
		return FieldPerson
	case news.TypeOrg:
		return FieldOrg
	case news.TypePlace:
		return FieldPlace
	}
	return ""
}

// speakers are the speakers of an article's quotes (scare quotes left out),
// their kinds and the countries they speak for (kinds[i] and countries[i]
// are quote i's), each once, sorted.
func speakers(ann news.Annotations, kinds, countries []string) (ids, ks, cs []string) {
	for i, q := range ann.Quotes {
		if q.SpeakerID != "" && !q.Scare() {
			ids = append(ids, q.SpeakerID)
			if kinds[i] != "" {
				ks = append(ks, kinds[i])
			}
			if countries[i] != "" {
				cs = append(cs, countries[i])
			}
		}
	}
	return uniqueSorted(ids), uniqueSorted(ks), uniqueSorted(cs)
}

func uniqueSorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := append([]string(nil), s...)
	sort.Strings(out)
	n := 1
	for i := 1; i < len(out); i++ {
		if out[i] != out[n-1] {
			out[n] = out[i]
			n++
		}
	}
	return out[:n]
}
