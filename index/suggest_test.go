package index

import (
	"context"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// correctionDocs: Norwegian text about government and AI, and one Swedish
// page whose "regeringen" is more frequent than the Norwegian
// "regjeringen", so that only a preference for Norwegian words picks the
// right correction for "regjringen"; its "inte" has the Snowball stem of
// the misspelt "inteligens".
func correctionDocs() []corpus.Document {
	no := corpus.Document{ID: "ki", Title: "Nasjonal strategi for kunstig intelligens", DocType: corpus.TypeStrategi,
		Date: "2020-01-14", Source: "ki.txt", ContentHash: "k1"}
	no.Sections = []corpus.Section{
		section("ki", 0, "Kunstig intelligens i offentlig sektor", "Regjeringen vil at offentlig sektor skal utnytte kunstig intelligens."),
		section("ki", 1, "Kompetanse", "Regjeringen skal styrke kompetansen om intelligens og maskinlæring i forvaltningen."),
		section("ki", 2, "Kommer snart", "Nye retningslinjer kommer i 2021, og de kommer til å gjelde for alle."),
	}
	se := corpus.Document{ID: "se", Title: "Regeringskansliet", DocType: corpus.TypeArtikkel, Date: "2021-03-01",
		Source: "se.html", ContentHash: "s1"}
	se.Sections = []corpus.Section{
		section("se", 0, "Om regeringen", "Regeringen och regeringen: regeringen.se har inte bara information om regeringen och regeringens arbete."),
	}
	return []corpus.Document{no, se}
}

func TestCorrections(t *testing.T) {
	ix := memIndex(t)
	if err := ix.Writer().PutMany(context.Background(), correctionDocs()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, q    string
		noCorrect  bool
		suggestion string // "" for none
		showing    string // the query searched instead, "" for the query as typed
		minTotal   uint64
	}{
		{name: "misspelt, Norwegian before a more frequent Swedish word", q: "regjringen", suggestion: "regjeringen", showing: "regjeringen", minTotal: 2},
		{name: "misspelt, Snowball's stem of it is no evidence", q: "inteligens", suggestion: "intelligens", showing: "intelligens", minTotal: 2},
		{name: "two words, one misspelt", q: "kunstig inteligens", suggestion: "kunstig intelligens", showing: "kunstig intelligens", minTotal: 1},
		// As typed, "inteligens" meets the Swedish "inte" through their Snowball stem.
		{name: "asked for the query as typed", q: "inteligens", noCorrect: true, suggestion: "intelligens", minTotal: 1},
		{name: "a real word absent from the index is not replaced", q: "kommuner"},
		{name: "a real word present", q: "regjeringen", minTotal: 2},
		{name: "a real word of another inflection", q: "kompetanser", minTotal: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: tc.q, NoCorrect: tc.noCorrect})
			if err != nil {
				t.Fatal(err)
			}
			if res.Suggestion != tc.suggestion || res.ShowingFor != tc.showing || res.Fuzzy != (tc.showing != "") {
				t.Errorf("%q: suggestion %q showing_for %q fuzzy %v; want %q, %q", tc.q, res.Suggestion, res.ShowingFor, res.Fuzzy, tc.suggestion, tc.showing)
			}
			if res.Total < tc.minTotal || (tc.minTotal == 0 && res.Total != 0) {
				t.Errorf("%q: %d hits, want %s %d", tc.q, res.Total, map[bool]string{true: "exactly", false: "at least"}[tc.minTotal == 0], tc.minTotal)
			}
		})
	}
}
