package link

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/strategispor/strategispor/internal/corpus"
)

// DefaultStatsTolerance is how far the linkable units may drift from the
// ones the cached links were computed with before every commitment is
// linked again: 1 % of the units added or removed.
const DefaultStatsTolerance = 0.01

// incremental keeps each commitment's links across recomputations, with
// what they were computed from, so that a change relinks only the
// commitments it can touch. It belongs to the background worker.
//
// A commitment's links depend on its own document, on the documents it is
// related to (the only ones it has candidates in, with their titles, dates
// and relations) and on the corpus-wide term statistics. The first two are
// held exactly in a key per document; the statistics move with every
// linkable document added or removed, by a share of the units so small in
// a large corpus that relinking everything for it would cost far more than
// it changes. So cached links are kept until the units added and removed
// since the last full relinking exceed the tolerance, and then everything
// is linked again under the statistics of the day.
type incremental struct {
	epoch uint64                 // counts full relinkings; part of every key
	base  map[string]int         // linkable document version → units, at the last full relinking
	units int                    // Σ base
	cache map[string]cachedLinks // commitment id → its links
	prev  map[string]cachedLinks // … as of the last build, whatever the statistics
	docs  map[string]string      // document id → version, as of the last build
	last  int                    // commitments linked in the last build
	full  bool                   // whether the last build relinked everything
}

type cachedLinks struct {
	Key   string // of what the links were computed from
	Links []corpus.Link
}

// begin decides whether the statistics moved too far for cached links and
// returns, for every document with commitments, the key of what its
// commitments' links depend on.
func (in *incremental) begin(tol float64, g *graph, linkable []bool, titles, dates map[string]string) map[string]string {
	now := map[string]int{}
	total := 0
	for i, e := range g.docs {
		if linkable[i] {
			now[e.meta.ID+"@"+e.version] = len(e.units)
			total += len(e.units)
		}
	}
	drift := 0
	for k, n := range now {
		if _, ok := in.base[k]; !ok {
			drift += n
		}
	}
	for k, n := range in.base {
		if _, ok := now[k]; !ok {
			drift += n
		}
	}
	in.full = in.base == nil || drift > 0 && (tol < 0 || float64(drift) > tol*float64(in.units))
	if in.full {
		in.epoch++
		in.base, in.units, in.prev, in.cache = now, total, in.cache, map[string]cachedLinks{}
	}
	// Each document's part of a key is hashed once; a related set is the
	// sum of its members' hashes (two 64-bit lanes), so that a key costs
	// one addition per related document rather than hashing their names.
	lanes := make([][2]uint64, len(g.docs))
	for i, e := range g.docs {
		id := e.meta.ID
		h := sha256.Sum256([]byte(id + "\x00" + e.version + "\x00" + titles[id] + "\x00" + dates[id]))
		lanes[i] = [2]uint64{binary.LittleEndian.Uint64(h[:8]), binary.LittleEndian.Uint64(h[8:16])}
	}
	keys := map[string]string{}
	for i, e := range g.docs {
		if len(e.commitments) == 0 {
			continue
		}
		var sum [2]uint64
		n := 0
		for b, ok := range g.related(int32(i)) {
			if ok {
				sum[0] += lanes[b][0]
				sum[1] += lanes[b][1]
				n++
			}
		}
		keys[e.meta.ID] = fmt.Sprintf("%d:%x%x:%d:%x%x", in.epoch, lanes[i][0], lanes[i][1], n, sum[0], sum[1])
	}
	return keys
}

// reuse returns a commitment's cached links when they were computed from
// what key names.
func (in *incremental) reuse(id, key string) ([]corpus.Link, bool) {
	c, ok := in.cache[id]
	if !ok || c.Key != key {
		return nil, false
	}
	if c.Links == nil { // as a file read back gives an empty list
		return []corpus.Link{}, true
	}
	return c.Links, true
}

// end records the links of this build for the next one; commitments that
// are gone are forgotten.
func (in *incremental) end(entries []*docEntry, cs []*commitment, links [][]corpus.Link, keys map[string]string, linked int) {
	in.docs = make(map[string]string, len(entries))
	for _, e := range entries {
		in.docs[e.meta.ID] = e.version
	}
	next := make(map[string]cachedLinks, len(cs))
	for i, c := range cs {
		next[c.ID] = cachedLinks{Key: keys[c.DocumentID], Links: links[i]}
	}
	in.cache, in.prev, in.last = next, next, linked
}

// changed reports whether a document is new or changed since the last build.
func (in *incremental) changed(id, version string) bool {
	v, ok := in.docs[id]
	return !ok || v != version
}

// previous returns the links a commitment had after the last build, or
// none: what readers saw until now.
func (in *incremental) previous(id string) []corpus.Link {
	if c, ok := in.prev[id]; ok {
		return c.Links
	}
	return []corpus.Link{}
}
