package extract

import (
	"testing"

	"github.com/readout/readout/internal/news"
)

// checkDirectSpeaker extracts body and checks that it holds one direct
// quote, whose speaker id is want ("" for none).
func checkDirectSpeaker(t *testing.T, x *Extractor, body, want string) {
	t.Helper()
	an := x.Extract(news.Article{ID: "t", Title: "Harbour", Body: body})
	var got []string
	for _, q := range an.Quotes {
		if q.Kind == news.KindDirect {
			got = append(got, q.SpeakerID)
		}
	}
	if len(got) != 1 || got[0] != want {
		t.Errorf("direct quote speakers %q, want [%q]", got, want)
	}
}

// checkPersonEntity extracts body and checks whether the entity id is a
// person there.
func checkPersonEntity(t *testing.T, x *Extractor, body, id string, person bool) {
	t.Helper()
	an := x.Extract(news.Article{ID: "t", Title: "Harbour", Body: body})
	e, ok := entityByID(an, id)
	if got := ok && e.Type == news.TypePerson; got != person {
		t.Errorf("%s a person: %v, want %v (entities %v)", id, got, person, an.Entities)
	}
}
