package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	pq "github.com/strategispor/strategispor/index/query"
	"github.com/strategispor/strategispor/internal/corpus"
)

// queryPlan is the pair of Bleve queries one search may run. all requires every
// group of the query (each group keeps its own alternatives: stem, compound
// parts, synonyms, nynorsk forms); any accepts a section with at least one
// group. all is nil when the two are the same query (one group, or none).
//
// Requiring every word is what users of the query syntax expect ("all words
// preferred") and what keeps common multi-word queries cheap: with any word,
// "brukerne i sentrum" matches most of the corpus, and Bleve scores every
// match. any is only the fallback for when all finds too little.
type queryPlan struct {
	all, any query.Query
}

// plan builds the queries for a parsed query and the request filters. It adds
// no phrase clause for the whole query: checking a phrase on every candidate
// costs a third of the search time, and the rerank already rewards words that
// stand close together in the best candidates.
func (b *builder) plan(q pq.Query, req corpus.SearchRequest) (queryPlan, error) {
	must := []query.Query{termQ(fKind, kindSection)}
	f, err := mergeFilters(q.Filter, req)
	if err != nil {
		return queryPlan{}, err
	}
	must = append(must, filterQueries(b, f)...)
	if req.DocumentID != "" {
		must = append(must, termQ(fDocID, req.DocumentID))
	}

	dropStops := false // a query of only stop words searches them as they are
	for _, g := range q.Groups {
		if !b.isStopGroup(g) {
			dropStops = true
		}
	}
	groups := b.queries(q, dropStops)

	var mustNot []query.Query
	for _, t := range q.Exclude {
		if b.exp == nil {
			b.exp = &expansion{}
		}
		sub := &builder{ix: b.ix, marks: newMarks(), exp: b.exp}
		if tq := sub.term(t, 1); tq != nil {
			mustNot = append(mustNot, tq)
		}
	}
	if err := b.expansionErr(); err != nil {
		return queryPlan{}, err
	}
	boolean := func(must, should []query.Query) query.Query {
		bq := bleve.NewBooleanQuery()
		if len(must) > 0 {
			bq.AddMust(must...)
		}
		if len(should) > 0 {
			bq.AddShould(should...)
			bq.SetMinShould(1)
		}
		if len(mustNot) > 0 {
			bq.AddMustNot(mustNot...)
		}
		return bq
	}
	switch {
	case len(groups) == 0 && q.HasTerms():
		return queryPlan{any: bleve.NewMatchNoneQuery()}, nil
	case len(groups) == 0:
		return queryPlan{any: boolean(must, nil)}, nil
	}
	// Only section records carry text, so a query with words needs no
	// kind:section clause, which Bleve would otherwise advance and score
	// on every hit.
	must = must[1:]
	if len(groups) == 1 {
		return queryPlan{any: boolean(must, groups)}, nil
	}
	all := boolean(append(append([]query.Query(nil), must...), groups...), nil)
	return queryPlan{all: all, any: boolean(must, groups)}, nil
}
