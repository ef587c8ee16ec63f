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

// stemCache memoizes, per exact (lower-cased) token, the stems and compound
// parts the stemmed analyzer gives it. The rerank looks up every token of
// its candidates' text here instead of running the full Norwegian analysis
// (tokenizer, decompounder, stop words, stemmer) over the text again.
type stemCache struct {
	mu sync.RWMutex
	m  map[string][]string
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
	c.mu.Lock()
	if c.m == nil || len(c.m) >= stemCacheSize {
		c.m = make(map[string][]string, 1024)
	}
	c.m[string(tok)] = out
	c.mu.Unlock()
	return out
}
