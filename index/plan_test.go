package index

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TestAllWordsFirst checks when a search answers with the sections that hold
// every query word and when it falls back to sections with any of them.
func TestAllWordsFirst(t *testing.T) {
	for _, tt := range []struct {
		name      string
		all, some int // sections with both words, with only the first
		wantTotal int
	}{
		{"enough sections with every word", minAllHits + 3, 5, minAllHits + 3},
		{"too few with every word falls back to any", 2, 5, 2 + 5},
		{"none with every word", 0, 4, 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := corpus.Document{ID: "a", Title: "Ord", DocType: corpus.TypeRapport, Source: "a.txt", ContentHash: "h"}
			for i := range tt.all {
				doc.Sections = append(doc.Sections, section("a", len(doc.Sections), fmt.Sprintf("Begge %d", i),
					"tjenestene og "+filler(i%7)+" brukerne"))
			}
			for i := range tt.some {
				doc.Sections = append(doc.Sections, section("a", len(doc.Sections), fmt.Sprintf("Ett %d", i),
					"tjenestene tjenestene "+filler(i%5)))
			}
			ix := memIndex(t)
			if err := ix.Writer().Put(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			res, err := ix.Reader().Search(context.Background(),
				corpus.SearchRequest{Query: "tjeneste bruker", Size: 50, NoSnippets: true})
			if err != nil {
				t.Fatal(err)
			}
			if int(res.Total) != tt.wantTotal || len(res.Hits) != tt.wantTotal {
				t.Fatalf("total %d, %d hits, want %d", res.Total, len(res.Hits), tt.wantTotal)
			}
			// Sections with both words always come first.
			for i, h := range res.Hits {
				if both := strings.HasPrefix(h.Heading, "Begge"); both != (i < tt.all) {
					t.Errorf("hit %d is %q", i, h.Heading)
				}
			}
			var n int
			for _, f := range res.Facets["doc_type"] {
				n += f.Count
			}
			if n != tt.wantTotal {
				t.Errorf("facet counts add up to %d, want the total %d", n, tt.wantTotal)
			}
		})
	}
}
