package index

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Facet counts are exact: every hit is counted. What makes them cheap is
// where a hit's values come from. Bleve's terms facet decodes the doc values
// of every hit and counts their strings in a map, which was a third of the
// search time at 100k sections. Here each immutable index segment gets, once,
// an array from document number to a small code that stands for its facet
// values (a section's document type, organisation and year), and counting a
// hit is one array read and one increment. The arrays of the segments on
// disk are built when the index opens; those of later segments when a search
// first meets them. Merges retire them.

// facetSets interns the distinct facet value sets; code 0 is "no values"
// (document records).
type facetSets struct {
	mu    sync.Mutex
	codes map[string]uint32
	sets  [][]string // by code: the facet terms ("t:…", "o:…", "y:…")
	segs  map[segment.Segment][]uint32
}

// facetCounter counts the hits of one search by facet code.
type facetCounter struct {
	snap    *scorch.IndexSnapshot
	offsets []uint64   // global number of each segment's first document
	codes   [][]uint32 // per segment, by local document number
	counts  []int      // by code
}

// counting returns a context under which Bleve's collector reports every
// hit to the counter c. Without a scorch index (never the case: Open and
// OpenMemory make scorch indexes) c stays unready, and Search fails.
func (ix *Index) counting(ctx context.Context) (context.Context, *facetCounter) {
	c := &facetCounter{}
	mk := func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
		if !ok {
			return next, loadID, nil
		}
		if err := ix.qc.facets.prepare(c, snap); err != nil {
			return nil, false, err
		}
		return func(d *search.DocumentMatch) error {
			if d != nil {
				c.add(d.IndexInternalID)
			}
			return next(d)
		}, loadID, nil
	}
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(mk)), c
}

// warmFacets builds the code arrays of every segment of the current
// snapshot, so that the first search after opening does not pay for them.
func (ix *Index) warmFacets() error {
	adv, err := ix.idx().Advanced()
	if err != nil {
		return fmt.Errorf("opening index reader: %w", err)
	}
	rd, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("opening index reader: %w", err)
	}
	defer rd.Close()
	snap, ok := rd.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	return ix.qc.facets.prepare(&facetCounter{}, snap)
}

// addCounts adds the counts of o, which counted the other half of the same
// snapshot (see split.go).
func (c *facetCounter) addCounts(o *facetCounter) {
	if len(o.counts) > len(c.counts) {
		c.counts = append(c.counts, make([]int, len(o.counts)-len(c.counts))...)
	}
	for code, n := range o.counts {
		c.counts[code] += n
	}
}

// ready reports whether the counter saw the search.
func (c *facetCounter) ready() bool { return c.snap != nil }

func (c *facetCounter) add(id bindex.IndexInternalID) {
	n := id.Value()
	i := sort.Search(len(c.offsets), func(i int) bool { return c.offsets[i] > n }) - 1
	if i < 0 || n-c.offsets[i] >= uint64(len(c.codes[i])) {
		return
	}
	c.counts[c.codes[i][n-c.offsets[i]]]++
}

// prepare fills c for the snapshot a search runs on, building the code
// arrays of segments not seen before.
func (fs *facetSets) prepare(c *facetCounter, snap *scorch.IndexSnapshot) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.codes == nil {
		fs.codes = map[string]uint32{"": 0}
		fs.sets = [][]string{nil}
		fs.segs = map[segment.Segment][]uint32{}
	}
	live := map[segment.Segment]bool{}
	var running uint64
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		live[seg] = true
		codes, ok := fs.segs[seg]
		if !ok {
			var err error
			if codes, err = fs.build(seg); err != nil {
				return err
			}
			fs.segs[seg] = codes
		}
		c.offsets = append(c.offsets, running)
		c.codes = append(c.codes, codes)
		running += seg.Count()
	}
	for seg := range fs.segs {
		if !live[seg] {
			delete(fs.segs, seg) // merged away
		}
	}
	c.snap = snap
	c.counts = make([]int, len(fs.sets))
	return nil
}

// build reads the facet values of every document of one segment.
func (fs *facetSets) build(seg segment.Segment) ([]uint32, error) {
	codes := make([]uint32, seg.Count())
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return codes, nil
	}
	fields := []string{fFacet}
	var terms []string
	var state segment.DocVisitState
	var err error
	for n := range codes {
		terms = terms[:0]
		state, err = dv.VisitDocValues(uint64(n), fields, func(_ string, term []byte) {
			terms = append(terms, string(term))
		}, state)
		if err != nil {
			return nil, err
		}
		if len(terms) == 0 {
			continue
		}
		sort.Strings(terms)
		key := strings.Join(terms, "\x00")
		code, ok := fs.codes[key]
		if !ok {
			code = uint32(len(fs.sets))
			fs.codes[key] = code
			fs.sets = append(fs.sets, append([]string(nil), terms...))
		}
		codes[n] = code
	}
	return codes, nil
}

// result turns the counts into the API's facets.
func (c *facetCounter) result(fs *facetSets) map[string][]corpus.Facet {
	fs.mu.Lock()
	counts := map[string]int{}
	for code, n := range c.counts {
		if n == 0 {
			continue
		}
		for _, t := range fs.sets[code] {
			counts[t] += n
		}
	}
	fs.mu.Unlock()
	out := map[string][]corpus.Facet{"doc_type": {}, "organisation": {}, "year": {}}
	names := map[string]string{"t:": "doc_type", "o:": "organisation", "y:": "year"}
	for t, n := range counts {
		if len(t) < 2 {
			continue
		}
		if name, ok := names[t[:2]]; ok {
			out[name] = append(out[name], corpus.Facet{Value: t[2:], Count: n})
		}
	}
	sortFacets(out)
	for name, fs := range out {
		out[name] = fs[:min(len(fs), maxFacetValues)]
	}
	return out
}

// maxFacetValues caps each facet's list, as the Bleve facet request did.
const maxFacetValues = 1000

// sortFacets orders values by count (then by value, for a stable answer),
// and years newest first.
func sortFacets(out map[string][]corpus.Facet) {
	for _, fs := range out {
		sort.SliceStable(fs, func(i, j int) bool {
			if fs[i].Count != fs[j].Count {
				return fs[i].Count > fs[j].Count
			}
			return fs[i].Value < fs[j].Value
		})
	}
	years := out["year"]
	sort.SliceStable(years, func(i, j int) bool {
		a, _ := strconv.Atoi(years[i].Value)
		b, _ := strconv.Atoi(years[j].Value)
		return a > b
	})
}
