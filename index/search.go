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
	s, err := newSearchRun(r.ix, req)
	if err != nil {
		return corpus.SearchResult{}, err
	}
	s.correctSpelling(ctx)
	s.window()
	total, hits, fc, err := s.matches(ctx)
	if err != nil {
		return corpus.SearchResult{}, err
	}
	cands, err := s.ix.decodeHits(hits)
	if err != nil {
		return corpus.SearchResult{}, err
	}
	s.result.Total = total
	s.result.Hits = s.hits(s.page(cands))
	if fc != nil {
		s.result.Facets = fc
	}
	s.result.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return s.result, nil
}

// searchRun is one call of Reader.Search, its steps in the order they run:
// parse and plan the query, correct its spelling, choose the window of
// Bleve hits to fetch, fetch them (all words, else any word), decode them,
// rerank and cut the page, and build the snippets.
type searchRun struct {
	ix     *Index
	req    corpus.SearchRequest
	size   int      // hits on the page
	parsed pq.Query // zero for a request with filters and no words
	b      *builder
	plan   queryPlan
	result corpus.SearchResult // the suggestion, then everything else
	// Bleve hits [from, from+n) are fetched. With rerank they start at 0
	// and reach rerankDepth (or the end of the page, if deeper).
	from, n int
	rerank  bool
}

// newSearchRun checks the page, parses the query and plans it.
func newSearchRun(ix *Index, req corpus.SearchRequest) (*searchRun, error) {
	if req.From < 0 || req.Size < 0 {
		return nil, fmt.Errorf("%w: from and size must not be negative", corpus.ErrInvalid)
	}
	size := req.Size
	if size == 0 {
		size = defaultSize
	}
	s := &searchRun{ix: ix, req: req, size: min(size, corpus.MaxSearchSize),
		result: corpus.SearchResult{Hits: []corpus.Hit{}, Facets: map[string][]corpus.Facet{}}}
	if strings.TrimSpace(req.Query) != "" || !hasRequestFilter(req) {
		var err error
		if s.parsed, err = pq.Parse(req.Query); err != nil {
			return nil, fmt.Errorf("parsing query: %w", err)
		}
	}
	s.b = &builder{ix: ix, marks: newMarks()}
	var err error
	if s.plan, err = s.b.plan(s.parsed, req); err != nil {
		return nil, err
	}
	return s, nil
}

// correctSpelling replaces words that are neither Norwegian words nor in the
// index by the closest indexed word, offers the corrected query, and plans
// it instead (ShowingFor) unless the request asks for the query as typed.
func (s *searchRun) correctSpelling(ctx context.Context) {
	fixed, changed := s.ix.correct(ctx, s.b.words)
	if !changed {
		return
	}
	corrected := rewriteQuery(s.req.Query, fixed)
	s.result.Suggestion = corrected
	if s.req.NoCorrect {
		return // offered, not searched
	}
	cq, err := pq.Parse(corrected)
	if err != nil {
		return
	}
	b := &builder{ix: s.ix, marks: newMarks()}
	qp, err := b.plan(cq, s.req)
	if err != nil {
		return
	}
	s.plan, s.b = qp, b
	s.result.Fuzzy, s.result.ShowingFor = true, corrected
}

// window chooses the Bleve hits to fetch. Reranking permutes Bleve's best
// rerankDepth hits, so pages that start below that depth keep Bleve's order
// and paging stays consistent.
func (s *searchRun) window() {
	s.rerank = s.parsed.HasTerms() && len(s.b.groups) > 0 && s.req.From < rerankDepth
	s.from, s.n = s.req.From, s.size
	if s.rerank {
		s.from, s.n = 0, max(rerankDepth, s.req.From+s.size)
	}
}

// matches fetches the window. Sections with every word are the answer when
// there are at least minAllHits of them; otherwise sections with any word,
// those with the most words ranked first. The threshold is fixed (not the
// request's page size or offset), so every page of one query comes from the
// same result.
func (s *searchRun) matches(ctx context.Context) (uint64, search.DocumentMatchCollection, map[string][]corpus.Facet, error) {
	if s.plan.all == nil {
		return s.fetch(ctx, s.plan.any)
	}
	total, hits, fc, err := s.fetch(ctx, s.plan.all)
	if err == nil && total < minAllHits {
		return s.fetch(ctx, s.plan.any)
	}
	return total, hits, fc, err
}

// fetch runs q for the window, in halves when the index is large enough
// and the halves met one snapshot, else as one search.
func (s *searchRun) fetch(ctx context.Context, q query.Query) (uint64, search.DocumentMatchCollection, map[string][]corpus.Facet, error) {
	if s.parsed.HasTerms() && s.ix.shouldSplit() {
		total, hits, counter, ok, err := s.ix.searchHalves(ctx, q, s.from+s.n, s.once)
		if err != nil {
			return 0, nil, nil, err
		}
		if ok {
			return total, hits[min(s.from, len(hits)):], s.facetResult(counter), nil
		}
	}
	res, counter, err := s.once(ctx, q, s.from, s.n)
	if err != nil {
		return 0, nil, nil, err
	}
	if counter != nil && !counter.ready() {
		// Open and OpenMemory always make a scorch index; facets_test.go
		// holds the counter to Bleve's own facet.
		return 0, nil, nil, fmt.Errorf("searching %q: counting facets needs a scorch index", s.req.Query)
	}
	return res.Total, res.Hits, s.facetResult(counter), nil
}

func (s *searchRun) facetResult(c *facetCounter) map[string][]corpus.Facet {
	if c == nil {
		return nil
	}
	return c.result(&s.ix.qc.facets)
}

// once runs q as one Bleve search for hits [from, from+n), counting facets
// unless the request asks for none.
func (s *searchRun) once(ctx context.Context, q query.Query, from, n int) (*bleve.SearchResult, *facetCounter, error) {
	sreq := bleve.NewSearchRequestOptions(q, n, from, false)
	sreq.Fields = []string{fSrc, fLoc}
	if !s.parsed.HasTerms() {
		sreq.SortBy([]string{fDocID, fOrdinal})
	}
	sctx, counter := ctx, (*facetCounter)(nil)
	if !s.req.NoFacets {
		sctx, counter = s.ix.counting(ctx)
	}
	res, err := s.ix.searchIn(sctx, sreq)
	if err != nil {
		return nil, nil, fmt.Errorf("searching %q: %w", s.req.Query, err)
	}
	return res, counter, nil
}

// decodeHits reads the stored section record of every hit.
func (ix *Index) decodeHits(hits search.DocumentMatchCollection) ([]*candidate, error) {
	cands := make([]*candidate, 0, len(hits))
	for _, h := range hits {
		src, err := ix.hitSource(h.Fields)
		if err != nil {
			return nil, fmt.Errorf("reading hit %s: %w", h.ID, err)
		}
		c := &candidate{score: h.Score}
		if err := json.Unmarshal(src, &c.rec); err != nil {
			return nil, fmt.Errorf("decoding hit %s: %w", h.ID, err)
		}
		cands = append(cands, c)
	}
	return cands, nil
}

// page reranks the fetched window, when it was fetched for that, and cuts
// the requested page out of it.
func (s *searchRun) page(cands []*candidate) []*candidate {
	if !s.rerank {
		return cands
	}
	s.ix.rerank(cands[:min(rerankDepth, len(cands))], s.b.groups, s.b.marks)
	return cands[min(s.req.From, len(cands)):min(s.req.From+s.size, len(cands))]
}

// hits turns the page into hits with snippets (unless the request asks for
// none), reusing the analysis the rerank did.
func (s *searchRun) hits(cands []*candidate) []corpus.Hit {
	out := make([]corpus.Hit, 0, len(cands))
	for _, c := range cands {
		hit := c.hit()
		if !s.req.NoSnippets {
			if c.body == nil {
				c.body = s.ix.analyse(snippetText(c.rec.Section), s.b.marks)
				c.flags = c.body.match(s.b.marks)
			}
			hit.Snippet = snippet(c.body, c.flags)
		}
		out = append(out, hit)
	}
	return out
}

func hasRequestFilter(req corpus.SearchRequest) bool {
	return len(req.Types) > 0 || len(req.Statuses) > 0 || req.Organisation != "" || req.Year != 0 || req.FromDate != "" ||
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
