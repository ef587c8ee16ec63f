package analysis

import (
	"github.com/blevesearch/bleve/v2/analysis"
)

// textTerms is what the stemmed analysis makes of one lower-cased term: its
// stems (none for a stop word; more than one for a form of several lemmas)
// and the stems of its compound parts.
type textTerms struct {
	stems [][]byte
	parts [][]byte
}

// textFilter does the work of the decompounder, stop and stemmer filters in
// one pass, with one cache lookup per token instead of one per filter. Its
// output is the same as the three filters' in a row (the golden tests hold
// both to it); the registered filters stay for Bleve's registry.
type textFilter struct {
	dc    *Decompounder
	st    *Stemmer
	cache *termCache[textTerms]
}

// bytes is the cache cost of v beyond its header.
func (v textTerms) bytes() int {
	n := 0
	for _, st := range v.stems {
		n += 24 + len(st)
	}
	for _, p := range v.parts {
		n += 24 + len(p)
	}
	return n
}

func newTextFilter(dc *Decompounder, st *Stemmer) *textFilter {
	return &textFilter{dc: dc, st: st, cache: newTermCache[textTerms](stemCacheSize, stemCacheBytes)}
}

func (f *textFilter) terms(term []byte) textTerms {
	if v, ok := f.cache.get(term); ok {
		return v
	}
	var v textTerms
	w := string(term)
	if !IsStopWord(w) {
		v.stems = f.st.stemsBytes(term)
	}
	for _, p := range f.dc.Parts(w) {
		if p != w && !IsStopWord(p) {
			v.parts = append(v.parts, f.st.stemBytes([]byte(p)))
		}
	}
	f.cache.put(term, v, v.bytes())
	return v
}

// Filter implements analysis.TokenFilter; tokens must be lower-cased.
func (f *textFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	var extra analysis.TokenStream // parts, merged in below when there are any
	for i, t := range input {
		v := f.terms(t.Term)
		if (v.parts != nil || len(v.stems) > 1) && extra == nil {
			// Parts and second stems make the stream longer than the
			// input: copy from here on.
			extra = make(analysis.TokenStream, len(out), len(input)+len(v.parts)+8)
			copy(extra, out)
			return f.filterInto(extra, input[i:])
		}
		if v.stems != nil {
			t.Term = v.stems[0]
			out = append(out, t)
		}
	}
	return out
}

// filterInto appends the analysis of input to out.
func (f *textFilter) filterInto(out, input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		v := f.terms(t.Term)
		if v.stems != nil {
			t.Term = v.stems[0]
			out = append(out, t)
		}
		for _, p := range append(v.stems[min(1, len(v.stems)):len(v.stems):len(v.stems)], v.parts...) {
			out = append(out, &analysis.Token{Term: p, Start: t.Start, End: t.End,
				Position: t.Position, Type: t.Type, KeyWord: t.KeyWord})
		}
	}
	return out
}

// WordTerms is what the stemmed analysis makes of one lower-cased word:
// its stems (none for a stop word; one per lemma of a form of several)
// and the stems of its compound parts.
func (f *textFilter) wordTerms(w string) (stems, parts []string) {
	v := f.terms([]byte(w))
	for _, s := range v.stems {
		stems = append(stems, string(s))
	}
	for _, p := range v.parts {
		parts = append(parts, string(p))
	}
	return stems, parts
}
