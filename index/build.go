package index

import (
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/strategispor/strategispor/index/analysis"
	pq "github.com/strategispor/strategispor/index/query"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Field weights: a heading match counts most, footnotes least.
const (
	boostHeading = 3.0
	boostBody    = 1.0
	boostRefs    = 0.3
	boostParts   = 0.6 // a compound query word matched through its parts
	boostSynonym = 0.8 // an alternative from the synonym list
)

// marks collects what the snippet highlighter marks: stems (also compound
// parts), exact tokens, prefixes and exact phrases.
type marks struct {
	stems    map[string]bool
	exact    map[string]bool
	prefixes []string
	phrases  [][]string
	srcs     [][]byte // memo of sources
}

// sources returns what a token must contain to have one of m's stems
// (analysis.Stemmer.Sources). m must not change after the first call.
func (m *marks) sources(st *analysis.Stemmer) [][]byte {
	if m.srcs == nil {
		m.srcs = [][]byte{}
		for s := range m.stems {
			for _, src := range st.Sources(s) {
				m.srcs = append(m.srcs, []byte(src))
			}
		}
	}
	return m.srcs
}

func newMarks() *marks { return &marks{stems: map[string]bool{}, exact: map[string]bool{}} }

// merge adds o's marks to m.
func (m *marks) merge(o *marks) {
	for k := range o.stems {
		m.stems[k] = true
	}
	for k := range o.exact {
		m.exact[k] = true
	}
	m.prefixes = append(m.prefixes, o.prefixes...)
	m.phrases = append(m.phrases, o.phrases...)
}

// builder turns a parsed query into a Bleve query.
type builder struct {
	ix *Index
	// marks collects what the group being built matches; groups holds one
	// set per should-clause, for reranking and snippets.
	marks  *marks
	groups []*marks
	// words are the plain single-token words, for spelling suggestions.
	words []string
	// exp counts prefix expansions against the limits; shared with the
	// builders of excluded terms.
	exp *expansion
}

// expansionErr is the error of a prefix over a limit, or nil.
func (b *builder) expansionErr() error {
	if b.exp == nil {
		return nil
	}
	return b.exp.err
}

// exactTokens lower-cases and tokenizes s as the exact fields do.
func (b *builder) exactTokens(s string) []string {
	var out []string
	for _, t := range b.ix.an.Exact.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// fields queries a stemmed term in heading, body and references.
func fields(term string, boost float64) query.Query {
	h, bo, r := termQ(fHeading, term), termQ(fBody, term), termQ(fRefs, term)
	h.SetBoost(boostHeading * boost)
	bo.SetBoost(boostBody * boost)
	r.SetBoost(boostRefs * boost)
	return bleve.NewDisjunctionQuery(h, bo, r)
}

// phrase queries exact tokens as an adjacent phrase in heading and body.
func phrase(tokens []string, boost float64) query.Query {
	h := bleve.NewPhraseQuery(tokens, fHeadingX)
	h.SetBoost(boostHeading * boost)
	bo := bleve.NewPhraseQuery(tokens, fBodyX)
	bo.SetBoost(boostBody * boost)
	return bleve.NewDisjunctionQuery(h, bo)
}

func exactTerm(tok string, boost float64) query.Query {
	h, bo := termQ(fHeadingX, tok), termQ(fBodyX, tok)
	h.SetBoost(boostHeading * boost)
	bo.SetBoost(boostBody * boost)
	return bleve.NewDisjunctionQuery(h, bo)
}

// word builds the query for one word as typed: its stem, or for a compound its
// stem or all of its parts. Stop words match on the exact field. A word that
// tokenizes into several tokens ("IKT-prosjekter") becomes a phrase.
func (b *builder) word(text string, boost float64) query.Query {
	toks := b.exactTokens(text)
	switch len(toks) {
	case 0:
		return nil
	case 1:
	default:
		b.marks.phrases = append(b.marks.phrases, toks)
		return phrase(toks, boost)
	}
	b.marks.exact[toks[0]] = true
	stems, partStems := b.ix.an.Terms(toks[0])
	if len(stems) == 0 {
		return exactTerm(toks[0], boost)
	}
	// A form of several lemmas ("deler": del, dele) finds each.
	var alts []query.Query
	for _, st := range stems {
		b.marks.stems[st] = true
		alts = append(alts, fields(st, boost))
	}
	if len(partStems) > 0 {
		var parts []query.Query
		for _, p := range partStems {
			b.marks.stems[p] = true
			parts = append(parts, fields(p, 1))
		}
		all := bleve.NewConjunctionQuery(parts...)
		all.SetBoost(boostParts * boost)
		alts = append(alts, all)
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// term builds one alternative of a group.
func (b *builder) term(t pq.Term, boost float64) query.Query {
	switch {
	case t.Phrase:
		toks := b.exactTokens(t.Text)
		if len(toks) == 0 {
			return nil
		}
		b.marks.phrases = append(b.marks.phrases, toks)
		if len(toks) == 1 {
			b.marks.exact[toks[0]] = true
			return exactTerm(toks[0], boost)
		}
		return phrase(toks, boost)
	case t.Prefix:
		toks := b.exactTokens(t.Text)
		if len(toks) != 1 {
			return b.word(t.Text, boost)
		}
		if b.exp == nil {
			b.exp = &expansion{}
		}
		if !b.exp.prefix(b.ix, toks[0], fHeadingX, fBodyX) {
			return nil
		}
		b.marks.prefixes = append(b.marks.prefixes, toks[0])
		h, bo := bleve.NewPrefixQuery(toks[0]), bleve.NewPrefixQuery(toks[0])
		h.SetField(fHeadingX)
		h.SetBoost(boostHeading * boost)
		bo.SetField(fBodyX)
		bo.SetBoost(boostBody * boost)
		return bleve.NewDisjunctionQuery(h, bo)
	}
	return b.word(t.Text, boost)
}

// synonymAlternatives returns queries for the synonyms of words[i:i+n].
func (b *builder) synonymAlternatives(alts [][]string) []query.Query {
	var out []query.Query
	for _, alt := range alts {
		if len(alt) == 1 {
			if q := b.word(alt[0], boostSynonym); q != nil {
				out = append(out, q)
			}
			continue
		}
		b.marks.phrases = append(b.marks.phrases, alt)
		out = append(out, phrase(alt, boostSynonym))
	}
	return out
}

// plain reports whether a group is a single plain word.
func plain(g pq.Group) bool { return len(g) == 1 && !g[0].Phrase && !g[0].Prefix }

// queries builds one query per group; consecutive plain words that form a
// synonym expression ("kunstig intelligens") are merged into one group. Stop
// words outside such expressions are dropped when dropStops is set: they
// match nearly every section and would only dilute the ranking.
func (b *builder) queries(q pq.Query, dropStops bool) []query.Query {
	var out []query.Query
	gs := q.Groups
	add := func(qq query.Query) {
		out = append(out, qq)
		b.groups = append(b.groups, b.marks)
	}
	for i := 0; i < len(gs); i++ {
		g := gs[i]
		b.marks = newMarks()
		if plain(g) {
			var run []string
			for j := i; j < len(gs) && plain(gs[j]); j++ {
				toks := b.exactTokens(gs[j][0].Text)
				if len(toks) != 1 {
					break
				}
				run = append(run, toks[0])
			}
			if n, alts := b.ix.syn.Match(run, 0); n > 0 {
				var orig query.Query
				if n == 1 {
					orig = b.word(run[0], 1)
				} else {
					var ws []query.Query
					for _, w := range run[:n] {
						if wq := b.word(w, 1); wq != nil {
							ws = append(ws, wq)
						}
					}
					// The words in any order; standing side by side earns the
					// rerank's proximity bonus. A phrase alternative here would
					// be checked on every section holding the words.
					b.marks.phrases = append(b.marks.phrases, run[:n])
					orig = bleve.NewConjunctionQuery(ws...)
				}
				alternatives := append([]query.Query{orig}, b.synonymAlternatives(alts)...)
				add(bleve.NewDisjunctionQuery(alternatives...))
				i += n - 1
				continue
			}
		}
		if dropStops && b.isStopGroup(g) {
			continue
		}
		var alts []query.Query
		for _, t := range g {
			if plain(pq.Group{t}) {
				b.words = append(b.words, t.Text)
			}
			if tq := b.term(t, 1); tq != nil {
				alts = append(alts, tq)
			}
		}
		if len(alts) == 1 {
			add(alts[0])
		} else if len(alts) > 1 {
			add(bleve.NewDisjunctionQuery(alts...))
		}
	}
	// marks ends as the union of the groups', for snippets.
	b.marks = newMarks()
	for _, m := range b.groups {
		b.marks.merge(m)
	}
	return out
}

// isStopGroup reports whether a group is one stop word, which would match
// nearly every section and only dilute the ranking.
func (b *builder) isStopGroup(g pq.Group) bool {
	if !plain(g) {
		return false
	}
	toks := b.exactTokens(g[0].Text)
	return len(toks) == 1 && len(b.ix.an.Text.Analyze([]byte(toks[0]))) == 0
}

// mergeFilters combines filters written in the query with the request's.
func mergeFilters(f pq.Filter, req corpus.SearchRequest) (pq.Filter, error) {
	for _, t := range req.Types {
		if !t.Valid() {
			return f, fmt.Errorf("%w: unknown document type %q", corpus.ErrInvalid, t)
		}
		f.Types = append(f.Types, t)
	}
	for _, st := range req.Statuses {
		if !slices.Contains(corpus.Statuses, st) {
			return f, fmt.Errorf("%w: unknown status %q; use one of %s", corpus.ErrInvalid, st, corpus.StatusList())
		}
		f.Statuses = append(f.Statuses, st)
	}
	if req.Organisation != "" {
		f.Orgs = append(f.Orgs, req.Organisation)
	}
	if req.Year != 0 {
		if req.Year < 1800 || req.Year > 2200 {
			return f, fmt.Errorf("%w: bad year %d", corpus.ErrInvalid, req.Year)
		}
		f.Years = append(f.Years, req.Year)
	}
	for _, d := range []struct {
		v   string
		dst *string
		lo  bool
	}{{req.FromDate, &f.From, true}, {req.ToDate, &f.To, false}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return f, fmt.Errorf("%w: bad date %q; write YYYY-MM-DD", corpus.ErrInvalid, d.v)
		}
		// Both the query and the request may bound the range: keep the narrower.
		if *d.dst == "" || (d.lo && d.v > *d.dst) || (!d.lo && d.v < *d.dst) {
			*d.dst = d.v
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, fmt.Errorf("%w: date range %s..%s ends before it starts", corpus.ErrInvalid, f.From, f.To)
	}
	return f, nil
}

func filterQueries(b *builder, f pq.Filter) []query.Query {
	var out []query.Query
	if len(f.Types) > 0 {
		var qs []query.Query
		for _, t := range f.Types {
			qs = append(qs, termQ(fDocType, string(t)))
		}
		out = append(out, bleve.NewDisjunctionQuery(qs...))
	}
	if len(f.Statuses) > 0 {
		var qs []query.Query
		for _, st := range f.Statuses {
			qs = append(qs, termQ(fStatus, string(st)))
		}
		out = append(out, bleve.NewDisjunctionQuery(qs...))
	}
	for _, o := range f.Orgs {
		toks := b.exactTokens(o)
		switch len(toks) {
		case 0:
			out = append(out, bleve.NewMatchNoneQuery())
		case 1:
			out = append(out, termQ(fOrg, toks[0]))
		default:
			out = append(out, bleve.NewPhraseQuery(toks, fOrg))
		}
	}
	if len(f.Years) > 0 {
		var qs []query.Query
		for _, y := range f.Years {
			qs = append(qs, termQ(fYear, fmt.Sprint(y)))
		}
		out = append(out, bleve.NewDisjunctionQuery(qs...))
	}
	if f.From != "" || f.To != "" {
		yes := true
		lo, hi := f.From, f.To
		if hi == "" {
			hi = "9999-12-31"
		}
		if lo == "" {
			lo = "0000-01-01"
		}
		r := bleve.NewTermRangeInclusiveQuery(lo, hi, &yes, &yes)
		r.SetField(fDate)
		out = append(out, r)
	}
	return out
}
