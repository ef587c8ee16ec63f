package index

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	pq "github.com/strategispor/strategispor/index/query"
	"github.com/strategispor/strategispor/internal/corpus"
)

// TestFacetCountsMatchBleve checks the per-segment facet counting against
// Bleve's own terms facet over the same query, on an index of several
// segments with replaced and deleted documents.
func TestFacetCountsMatchBleve(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	types := []corpus.DocType{corpus.TypeStrategi, corpus.TypeRapport, corpus.TypeStatusrapport}
	orgs := []string{"Digdir", "KS", "Kommunal- og distriktsdepartementet", ""}
	words := []string{"tjenestene", "brukerne", "samarbeid", "digitalisering"}
	mk := func(i, version int) corpus.Document {
		d := corpus.Document{ID: fmt.Sprintf("d%d", i), Title: fmt.Sprintf("Dokument %d", i), DocType: types[i%3],
			Organisation: orgs[i%4], Source: fmt.Sprintf("d%d.txt", i), ContentHash: fmt.Sprint(version)}
		if i%5 != 0 {
			d.Date = fmt.Sprintf("%d-03-01", 2015+i%6)
		}
		for s := range 3 + i%4 {
			text := words[(i+s)%4] + " og " + words[(i+2*s+version)%4] + " " + filler(s)
			d.Sections = append(d.Sections, section(d.ID, s, fmt.Sprintf("Del %d", s), text))
		}
		return d
	}
	// One Put per document and several rounds: many small segments.
	for i := range 24 {
		if err := ix.Writer().Put(ctx, mk(i, 0)); err != nil {
			t.Fatal(err)
		}
	}
	for _, i := range []int{3, 7, 11} {
		if err := ix.Writer().Put(ctx, mk(i, 1)); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"d4", "d13"} {
		if err := ix.Writer().Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}

	for _, q := range []string{"tjeneste", "samarbeid digitalisering", "bruker", "type:rapport", "year:2017..2019 tjeneste"} {
		t.Run(q, func(t *testing.T) {
			req := corpus.SearchRequest{Query: q, NoSnippets: true}
			got, err := ix.Reader().Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			// The query Search ran: every word, or any word below minAllHits.
			parsed, err := pq.Parse(q)
			if err != nil {
				t.Fatal(err)
			}
			qp, err := (&builder{ix: ix, marks: newMarks()}).plan(parsed, req)
			if err != nil {
				t.Fatal(err)
			}
			bq := qp.any
			if qp.all != nil {
				if n, err := ix.count(ctx, qp.all); err != nil {
					t.Fatal(err)
				} else if n >= minAllHits {
					bq = qp.all
				}
			}
			sreq := bleve.NewSearchRequestOptions(bq, 0, 0, false)
			sreq.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, 1000))
			want, err := ix.bleve.SearchInContext(ctx, sreq)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total {
				t.Errorf("total %d, Bleve %d", got.Total, want.Total)
			}
			if w := facets(want.Facets[fFacet]); !reflect.DeepEqual(got.Facets, w) {
				t.Errorf("facets\n got %v\nwant %v", got.Facets, w)
			}
			if got.Total == 0 {
				t.Errorf("no hits; the query checks nothing")
			}
		})
	}
}

// facets splits Bleve's terms facet over the combined facet field into
// doc_type, organisation and year: the oracle the facet counter is held to.
func facets(fr *search.FacetResult) map[string][]corpus.Facet {
	out := map[string][]corpus.Facet{"doc_type": {}, "organisation": {}, "year": {}}
	if fr == nil || fr.Terms == nil {
		return out
	}
	names := map[string]string{"t:": "doc_type", "o:": "organisation", "y:": "year"}
	for _, t := range fr.Terms.Terms() {
		if len(t.Term) < 2 {
			continue
		}
		if name, ok := names[t.Term[:2]]; ok {
			out[name] = append(out[name], corpus.Facet{Value: t.Term[2:], Count: t.Count})
		}
	}
	sortFacets(out)
	return out
}
