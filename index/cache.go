package index

import (
	"sync"
)

// queryCaches holds the read path's memos. The zero value is ready to use.
type queryCaches struct {
	stems  stemCache
	facets facetSets
}

// stemCacheSize bounds the stem memo; a full memo is cleared rather than
// evicted entry by entry, and the common vocabulary refills it quickly.
const stemCacheSize = 1 << 16

// stemCacheBytes bounds the stem memo in bytes (tokens, stems and 64 bytes
// of overhead an entry): room for stemCacheSize ordinary words, and far
// fewer long ones (tokens are at most analysis.MaxTokenBytes).
const stemCacheBytes = 16 << 20

// stemCache memoizes, per exact (lower-cased) token, the stems and compound
// parts the stemmed analyzer gives it. The rerank looks up every token of
// its candidates' text here instead of running the full Norwegian analysis
// (tokenizer, decompounder, stop words, stemmer) over the text again.
type stemCache struct {
	mu    sync.RWMutex
	m     map[string][]string
	bytes int
}

// memoStems returns the memo's stems and compound parts of tok, if it has them.
func (ix *Index) memoStems(tok []byte) ([]string, bool) {
	c := &ix.qc.stems
	c.mu.RLock()
	v, ok := c.m[string(tok)]
	c.mu.RUnlock()
	return v, ok
}

// stemsOf returns the stems and compound parts of one exact token: what the
// stemmed analyzer gives for that token in running text, since every filter
// after the tokenizer works a token at a time. A stop word gives none.
func (ix *Index) stemsOf(tok []byte) []string {
	if v, ok := ix.memoStems(tok); ok {
		return v
	}
	c := &ix.qc.stems
	var out []string
	for _, t := range ix.an.Text.Analyze(tok) {
		out = append(out, string(t.Term))
	}
	cost := len(tok) + 64
	for _, t := range out {
		cost += 16 + len(t)
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= stemCacheSize || c.bytes+cost > stemCacheBytes {
		c.m, c.bytes = make(map[string][]string, 1024), 0
	}
	if _, ok := c.m[string(tok)]; !ok {
		c.bytes += cost
	}
	c.m[string(tok)] = out
	c.mu.Unlock()
	return out
}
