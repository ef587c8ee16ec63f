package index

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	pq "github.com/strategispor/strategispor/index/query"
	"github.com/strategispor/strategispor/internal/corpus"
)

const (
	// defaultSize is the page size when the request does not set one.
	defaultSize = 10
	// minAllHits is how many sections must hold every query word for the
	// search to answer with those alone: a default page.
	minAllHits = defaultSize
)

// Search runs a query and returns one page of section hits with snippets and
// facet counts. When a word of the query is neither a word of the lexicon
// nor in the index and a close spelling is, the search runs with the
// corrected words, ShowingFor and Suggestion hold the corrected query
// ("Viser treff for …"); with req.NoCorrect only Suggestion does ("Mente du
// …"). A malformed query
// gives an error wrapping corpus.ErrInvalid.
func (r *Reader) Search(ctx context.Context, req corpus.SearchRequest) (corpus.SearchResult, error) {
	start := time.Now()
	ix := r.ix
	if req.From < 0 || req.Size < 0 {
		return corpus.SearchResult{}, fmt.Errorf("%w: from and size must not be negative", corpus.ErrInvalid)
	}
	size := req.Size
	if size == 0 {
		size = defaultSize
	}
	size = min(size, corpus.MaxSearchSize)

	var parsed pq.Query
	if strings.TrimSpace(req.Query) != "" || !hasRequestFilter(req) {
		var err error
		if parsed, err = pq.Parse(req.Query); err != nil {
			return corpus.SearchResult{}, fmt.Errorf("parsing query: %w", err)
		}
	}
	b := &builder{ix: ix, marks: newMarks()}
	qp, err := b.plan(parsed, req)
	if err != nil {
		return corpus.SearchResult{}, err
	}
	result := corpus.SearchResult{Hits: []corpus.Hit{}, Facets: map[string][]corpus.Facet{}}

	// Spelling: words that are neither Norwegian words nor in the index are
	// replaced by the closest indexed word, and the result says so
	// (ShowingFor); with NoCorrect the correction is only offered.
	if fixed, changed := ix.correct(ctx, b.words); changed {
		corrected := rewriteQuery(req.Query, fixed)
		result.Suggestion = corrected
		if cq, err := pq.Parse(corrected); err == nil && !req.NoCorrect {
			b2 := &builder{ix: ix, marks: newMarks()}
			if qp2, err := b2.plan(cq, req); err == nil {
				qp, b = qp2, b2
				result.Fuzzy, result.ShowingFor = true, corrected
			}
		}
	}

	// Reranking permutes Bleve's best rerankDepth hits, so pages that start
	// below that depth keep Bleve's order and paging stays consistent.
	rerank := parsed.HasTerms() && len(b.groups) > 0 && req.From < rerankDepth
	from, n := req.From, size
	if rerank {
		from, n = 0, max(rerankDepth, req.From+size)
	}
	// once runs q as one Bleve search for hits [from, from+n).
	once := func(ctx context.Context, q query.Query, from, n int) (*bleve.SearchResult, *facetCounter, error) {
		sreq := bleve.NewSearchRequestOptions(q, n, from, false)
		sreq.Fields = []string{fSrc}
		if !parsed.HasTerms() {
			sreq.SortBy([]string{fDocID, fOrdinal})
		}
		sctx, counter := ctx, (*facetCounter)(nil)
		if !req.NoFacets {
			sctx, counter = ix.counting(ctx)
		}
		res, err := ix.bleve.SearchInContext(sctx, sreq)
		if err != nil {
			return nil, nil, fmt.Errorf("searching %q: %w", req.Query, err)
		}
		return res, counter, nil
	}
	run := func(q query.Query) (uint64, search.DocumentMatchCollection, map[string][]corpus.Facet, error) {
		if parsed.HasTerms() && ix.shouldSplit() {
			total, hits, counter, ok, err := ix.searchHalves(ctx, q, from+n, once)
			if err != nil {
				return 0, nil, nil, err
			}
			if ok {
				hits = hits[min(from, len(hits)):]
				if counter == nil {
					return total, hits, nil, nil
				}
				return total, hits, counter.result(&ix.qc.facets), nil
			}
		}
		res, counter, err := once(ctx, q, from, n)
		if err != nil {
			return 0, nil, nil, err
		}
		if counter == nil {
			return res.Total, res.Hits, nil, nil
		}
		if counter.ready() {
			return res.Total, res.Hits, counter.result(&ix.qc.facets), nil
		}
		// Not a scorch index: let Bleve count.
		sreq := bleve.NewSearchRequestOptions(q, n, from, false)
		sreq.Fields = []string{fSrc}
		if !parsed.HasTerms() {
			sreq.SortBy([]string{fDocID, fOrdinal})
		}
		sreq.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, 1000))
		if res, err = ix.bleve.SearchInContext(ctx, sreq); err != nil {
			return 0, nil, nil, fmt.Errorf("searching %q: %w", req.Query, err)
		}
		return res.Total, res.Hits, facets(res.Facets[fFacet]), nil
	}
	// Sections with every word are the answer when there are at least
	// minAllHits of them; otherwise sections with any word, those with the
	// most words ranked first. The threshold is fixed (not the request's page
	// size or offset), so every page of one query comes from the same result.
	q := qp.any
	if qp.all != nil {
		q = qp.all
	}
	total, hits, fc, err := run(q)
	if err == nil && qp.all != nil && total < minAllHits {
		total, hits, fc, err = run(qp.any)
	}
	if err != nil {
		return corpus.SearchResult{}, err
	}
	result.Total = total
	cands := make([]*candidate, 0, len(hits))
	for _, h := range hits {
		src, _ := h.Fields[fSrc].(string)
		c := &candidate{score: h.Score}
		if err := json.Unmarshal([]byte(src), &c.rec); err != nil {
			return corpus.SearchResult{}, fmt.Errorf("decoding hit %s: %w", h.ID, err)
		}
		cands = append(cands, c)
	}
	if rerank {
		ix.rerank(cands[:min(rerankDepth, len(cands))], b.groups, b.marks)
		cands = cands[min(req.From, len(cands)):min(req.From+size, len(cands))]
	}
	for _, c := range cands {
		hit := c.hit()
		if !req.NoSnippets {
			if c.body == nil {
				c.body = ix.analyse(snippetText(c.rec.Section), b.marks)
				c.flags = c.body.match(b.marks)
			}
			hit.Snippet = snippet(c.body, c.flags)
		}
		result.Hits = append(result.Hits, hit)
	}
	if fc != nil {
		result.Facets = fc
	}
	result.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return result, nil
}

func hasRequestFilter(req corpus.SearchRequest) bool {
	return len(req.Types) > 0 || req.Organisation != "" || req.Year != 0 || req.FromDate != "" ||
		req.ToDate != "" || req.DocumentID != ""
}

func (c *candidate) hit() corpus.Hit {
	rec, s := c.rec, c.rec.Section
	hit := corpus.Hit{
		SectionID: s.ID, DocumentID: s.DocumentID, DocumentTitle: rec.Title, DocType: rec.DocType,
		Organisation: rec.Org, Date: rec.Date, Heading: s.Heading, Path: s.Path, Page: s.Page, Score: c.score,
	}
	if hit.Path == nil {
		hit.Path = []string{}
	}
	return hit
}

// facets splits the combined facet field into doc_type, organisation and year.
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
