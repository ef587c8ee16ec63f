package index

import (
	"context"
	"runtime"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Searching in halves. Bleve scores the hits of a query one after another on
// one core, and a query whose words are common spends nearly all its time
// there (docs/performance.md). On a large index a ranked search therefore
// runs as two searches at once, each over one half of the snapshot's
// document numbers. The halves are merged into exactly the unsplit answer:
// the scores are the same (the term statistics are the whole snapshot's), the
// order is the same (Bleve breaks ties by document number, and every number
// in the first half is lower), and totals and facet counts add up. When a
// write or a merge slips a new snapshot in between the two halves, the search
// runs again unsplit.

// splitMinDocs is the smallest index (in Bleve records) searched in halves;
// below it a search is fast enough that two goroutines gain nothing.
const splitMinDocs = 20000

// shouldSplit reports whether a ranked search should run in halves.
func (ix *Index) shouldSplit() bool {
	if runtime.GOMAXPROCS(0) < 2 {
		return false
	}
	n, err := ix.idx().DocCount()
	return err == nil && n >= uint64(ix.splitMin)
}

// halfQuery restricts q to one half of the document numbers of the snapshot
// it is searched on, and remembers that snapshot.
type halfQuery struct {
	q      query.Query
	part   int // 0: the lower half, 1: the upper half
	reader bindex.IndexReader
}

func (h *halfQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping,
	opt search.SearcherOptions) (search.Searcher, error) {
	h.reader = i
	snap, ok := i.(*scorch.IndexSnapshot)
	if !ok {
		// Not scorch (never the case today): the lower half takes everything.
		if h.part == 1 {
			return searcher.NewMatchNoneSearcher(i)
		}
		return h.q.Searcher(ctx, i, m, opt)
	}
	var n uint64
	for _, s := range snap.Segments() {
		n += s.Segment().Count()
	}
	s, err := h.q.Searcher(ctx, i, m, opt)
	if err != nil {
		return nil, err
	}
	lo, hi := uint64(0), n/2
	if h.part == 1 {
		lo, hi = n/2, ^uint64(0)
	}
	return &rangeSearcher{Searcher: s, lo: lo, hi: hi}, nil
}

// rangeSearcher passes on the matches of its searcher whose document numbers
// lie in [lo, hi). Searchers return matches in document-number order, so it
// starts by advancing to lo and stops at the first match at or above hi.
type rangeSearcher struct {
	search.Searcher
	lo, hi  uint64
	started bool
	done    bool
}

func (r *rangeSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if r.done {
		return nil, nil
	}
	if !r.started && r.lo > 0 {
		return r.Advance(ctx, bindex.NewIndexInternalID(nil, r.lo))
	}
	r.started = true
	d, err := r.Searcher.Next(ctx)
	return r.clip(ctx, d, err)
}

func (r *rangeSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if r.done {
		return nil, nil
	}
	r.started = true
	if id.Value() < r.lo {
		id = bindex.NewIndexInternalID(nil, r.lo)
	}
	d, err := r.Searcher.Advance(ctx, id)
	return r.clip(ctx, d, err)
}

func (r *rangeSearcher) clip(ctx *search.SearchContext, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if err != nil || d == nil {
		return d, err
	}
	if d.IndexInternalID.Value() >= r.hi {
		r.done = true
		ctx.DocumentMatchPool.Put(d)
		return nil, nil
	}
	return d, nil
}

// mergeHalves merges the score-ordered hits of the lower and the upper half
// into the order of one search: by score, ties to the lower half (a stable
// sort keeps each half's own order).
func mergeHalves(lower, upper search.DocumentMatchCollection) search.DocumentMatchCollection {
	all := make(search.DocumentMatchCollection, 0, len(lower)+len(upper))
	all = append(append(all, lower...), upper...)
	slices.SortStableFunc(all, func(a, b *search.DocumentMatch) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return all
}

// searchHalves runs q on the lower and the upper half of the index at once,
// each for its best n hits, and merges them. ok is false when the halves ran
// on different snapshots; the caller then searches unsplit.
func (ix *Index) searchHalves(ctx context.Context, q query.Query, n int,
	once func(context.Context, query.Query, int, int) (*bleve.SearchResult, *facetCounter, error),
) (total uint64, hits search.DocumentMatchCollection, counter *facetCounter, ok bool, err error) {
	halves := [2]*halfQuery{{q: q, part: 0}, {q: q, part: 1}}
	var res [2]*bleve.SearchResult
	var counters [2]*facetCounter
	var errs [2]error
	done := make(chan struct{})
	go func() {
		defer close(done)
		res[1], counters[1], errs[1] = once(ctx, halves[1], 0, n)
	}()
	res[0], counters[0], errs[0] = once(ctx, halves[0], 0, n)
	<-done
	for _, e := range errs {
		if e != nil {
			return 0, nil, nil, false, e
		}
	}
	if halves[0].reader != halves[1].reader {
		ix.splitRetries.Add(1)
		return 0, nil, nil, false, nil
	}
	hits = mergeHalves(res[0].Hits, res[1].Hits)
	hits = hits[:min(n, len(hits))]
	if counters[0] != nil {
		if !counters[0].ready() || !counters[1].ready() {
			return 0, nil, nil, false, nil // not scorch: the unsplit path reports it
		}
		counters[0].addCounts(counters[1])
	}
	ix.splits.Add(1)
	return res[0].Total + res[1].Total, hits, counters[0], true, nil
}
