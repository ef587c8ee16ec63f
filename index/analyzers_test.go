package index

import (
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func streamString(ts analysis.TokenStream) string {
	s := ""
	for _, t := range ts {
		s += fmt.Sprintf("%s@%d[%d:%d] ", t.Term, t.Position, t.Start, t.End)
	}
	return s
}

// TestTextPairAnalysesAsBoth holds the shared analysis of a text's exact and
// stemmed fields to the two analyzers run apart, whichever field asks first:
// compounds, nynorsk, stop words, forms of two lemmas, digits and æøå.
func TestTextPairAnalysesAsBoth(t *testing.T) {
	an, err := sharedAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Regjeringen vil ikke styrke digitaliseringsstrategien for Kommunene i 2025.",
		"Deler av tilskuddsforvaltninga vert digitalisert; IKT-prosjekter og KS-avtalen.",
		"Økt tillit, sårbarhet og åpenhet – innbyggerne, innbyggere og innbygger.",
		"",
		"og i på",
	}
	for _, text := range texts {
		for _, stemFirst := range []bool{true, false} {
			t.Run(fmt.Sprintf("%.20s/stemFirst=%v", text, stemFirst), func(t *testing.T) {
				p := newTextPair(an)
				in := []byte(text)
				var stem, exact analysis.TokenStream
				if stemFirst {
					stem = stemSide{p}.Analyze(in)
					exact = exactSide{p}.Analyze(in)
				} else {
					exact = exactSide{p}.Analyze(in)
					stem = stemSide{p}.Analyze(in)
				}
				if got, want := streamString(exact), streamString(an.Exact.Analyze([]byte(text))); got != want {
					t.Errorf("exact:\n got %s\nwant %s", got, want)
				}
				if got, want := streamString(stem), streamString(an.Text.Analyze([]byte(text))); got != want {
					t.Errorf("stemmed:\n got %s\nwant %s", got, want)
				}
				// The same document analysed again gets its tokens again.
				if got, want := streamString(exactSide{p}.Analyze(in)), streamString(an.Exact.Analyze(in)); got != want {
					t.Errorf("exact, analysed again:\n got %s\nwant %s", got, want)
				}
				if got, want := streamString(stemSide{p}.Analyze(in)), streamString(an.Text.Analyze(in)); got != want {
					t.Errorf("stemmed, analysed again:\n got %s\nwant %s", got, want)
				}
			})
		}
	}
}
