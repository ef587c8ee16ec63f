package analysis

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/kljensen/snowball/norwegian"
)

// StemmerName is the registered name of the cached Snowball stemmer filter.
const StemmerName = "stemmer_no_strategispor"

// stemCacheSize bounds the stem memo; ~300k distinct terms were seen at 100k
// sections, and the cache only has to hold the frequent ones.
const stemCacheSize = 1 << 18

// stemCacheBytes bounds the stem memo and the text filter's memo in bytes:
// room for stemCacheSize ordinary words (some 80 bytes an entry with the
// overhead), and far less of long ones.
const stemCacheBytes = 32 << 20

//go:embed data/nynorsk.txt
var nynorskPairs string

// Stemmer gives Norwegian tokens their index terms. A form the word-form
// lexicon maps (Lexicon) gets the term of its lemma, or of each of its
// lemmas; any other word is stemmed with the Snowball algorithm
// (kljensen/snowball) after the agent-noun rule, and nynorsk stems are
// mapped to their bokmål counterparts so that "tenester" meets "tjenester".
// Results are cached: the Snowball implementation is about three times
// slower per call than Bleve's built-in stemmer, and the cache removes that
// difference.
type Stemmer struct {
	cache  *termCache[[][]byte]
	nnToNb map[string]string
	nbToNn map[string][]string // the inverse of nnToNb
	lex    *Lexicon            // nil: plain stemming only
}

// NewStemmer returns a stemmer with the embedded nynorsk mapping and
// word-form lexicon. The lexicon is shared by every stemmer of the process
// and built on the first call, from the cache in DefaultCacheDir() when
// there is one (see New, which passes its own cache dir).
func NewStemmer() *Stemmer {
	s, err := newStemmer(DefaultCacheDir())
	if err != nil {
		// The table is part of the binary and checked by the tests.
		panic(fmt.Sprintf("analysis: embedded word-form table: %v", err))
	}
	return s
}

func newStemmer(cacheDir string) (*Stemmer, error) {
	lex, err := embeddedLexicon(cacheDir)
	if err != nil {
		return nil, err
	}
	s := newPlainStemmer()
	s.lex = lex
	return s, nil
}

// newPlainStemmer returns a stemmer without the lexicon: the one the
// lexicon's terms are made with.
func newPlainStemmer() *Stemmer {
	s := &Stemmer{cache: newTermCache[[][]byte](stemCacheSize, stemCacheBytes), nnToNb: map[string]string{}, nbToNn: map[string][]string{}}
	sc := bufio.NewScanner(strings.NewReader(nynorskPairs))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		nn, nb := snowballStem(f[0]), snowballStem(f[1])
		if nn != nb {
			s.nnToNb[nn] = nb
		}
	}
	for nn, nb := range s.nnToNb {
		s.nbToNn[nb] = append(s.nbToNn[nb], nn)
	}
	return s
}

// Lexicon returns the word-form lexicon, nil for a plain stemmer.
func (s *Stemmer) Lexicon() *Lexicon { return s.lex }

// Sources returns strings of which a word must contain at least one for the
// stemmed analyzer to give it stem (as its stem or a compound part's): stem
// itself, the nynorsk stems the stemmer maps to it, and the lexicon's
// sources for forms that do not contain their lemma's term ("gikk" for
// "gå"). That holds because every other step only cuts: Snowball and the
// agent-noun rule keep a prefix of the word, and compound parts are
// substrings of it. The one exception is the nynorsk -heit rule; its words
// contain HeitMark. TestSourcesCoverStems checks this over large word lists.
func (s *Stemmer) Sources(stem string) []string {
	out := append([]string{stem}, s.nbToNn[stem]...)
	if s.lex != nil {
		out = append(out, s.lex.extra[stem]...)
	}
	return out
}

// HeitMark is in every word the nynorsk -heit rule rewrites (see Sources).
const HeitMark = "heit"

// snowballStem always stems stop words too: Snowball's stop list holds content
// words ("arbeid", "tid", "rett") that must be stemmed like any other.
func snowballStem(w string) string { return norwegian.Stem(w, true) }

// agentNoun turns plural agent nouns into the singular before stemming:
// Snowball leaves "innbygger", "innbyggere" and "innbyggerne" with three
// different stems. Short words ("fjerne", "kjerne", "flere") are left alone.
func agentNoun(w string) string {
	switch {
	case strings.HasSuffix(w, "erne") && runeLen(w) >= 8:
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ere") && runeLen(w) >= 7:
		return w[:len(w)-1]
	}
	return w
}

// functionWords are our stop words and Snowball's (Bleve's lang/no list,
// which holds "kan", "vil", "skal", "mot", "uten", "ikke"). The spell
// checker's flags make them forms of content words ("uten" of "ute", "kan"
// of "kar"); they are not inflected, so they are stemmed without the lexicon.
var functionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range stopWords {
		m[w] = true
	}
	for _, line := range strings.Split(string(no.NorwegianStopWords), "\n") {
		if w, _, _ := strings.Cut(line, "|"); strings.TrimSpace(w) != "" {
			m[strings.TrimSpace(w)] = true
		}
	}
	return m
}()

func isFunctionWord(w []byte) bool { return functionWords[string(w)] }

// nynorskJ drops the j that Snowball leaves of nynorsk -je/-ja endings
// after a consonant ("byggje", "byggja" → "byggj" → "bygg"; "følgje" →
// "følg"), so that they meet the forms without it ("bygg", "byggjer") and
// their bokmål counterparts ("bygge"); not after n ("linje"). Stems of
// four letters or fewer are left alone ("vilj" of "vilje" would become
// "vil").
func nynorskJ(st string) string {
	n := len(st)
	if n < 2 || st[n-1] != 'j' || runeLen(st) < 5 {
		return st
	}
	if r, _ := utf8.DecodeLastRuneInString(st[:n-1]); strings.ContainsRune("aeiouyæøåjn", r) {
		return st
	}
	return st[:n-1]
}

// plainStem stems a word without the lexicon.
func (s *Stemmer) plainStem(w string) string {
	st := nynorskJ(snowballStem(agentNoun(w)))
	if nb, ok := s.nnToNb[st]; ok {
		st = nb
	} else if strings.HasSuffix(st, HeitMark) && runeLen(st) >= 7 {
		// Nynorsk -heit is bokmål -het everywhere (sikkerheit, tryggheit).
		st = snowballStem(st[:len(st)-len(HeitMark)] + "het")
	}
	return st
}

// Stem returns the term of a lower-cased word; for a form of several lemmas,
// the first of their terms in byte order.
func (s *Stemmer) Stem(w string) string { return string(s.stemsBytes([]byte(w))[0]) }

// Stems returns every term of a lower-cased word: one, or one per lemma of a
// form that belongs to several ("deler": del and dele, when their terms
// differ).
func (s *Stemmer) Stems(w string) []string {
	var out []string
	for _, t := range s.stemsBytes([]byte(w)) {
		out = append(out, string(t))
	}
	return out
}

func (s *Stemmer) stemBytes(w []byte) []byte { return s.stemsBytes(w)[0] }

func (s *Stemmer) stemsBytes(w []byte) [][]byte {
	if v, ok := s.cache.get(w); ok {
		return v
	}
	if isDigits(w) {
		return [][]byte{w}
	}
	var v [][]byte
	if ts := s.lex.lookup(w); ts != nil && !isFunctionWord(w) {
		for _, t := range ts {
			v = append(v, []byte(t))
		}
	} else {
		st := []byte(s.plainStem(string(w)))
		if bytes.Equal(st, w) {
			st = bytes.Clone(w)
		}
		v = [][]byte{st}
	}
	n := 0
	for _, t := range v {
		n += 24 + len(t)
	}
	s.cache.put(w, v, n)
	return v
}

// Filter implements analysis.TokenFilter. Tokens must already be lower-cased.
func (s *Stemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream // only when a token has several terms
	for i, t := range input {
		ts := s.stemsBytes(t.Term)
		if len(ts) > 1 && out == nil {
			out = append(make(analysis.TokenStream, 0, len(input)+8), input[:i]...)
		}
		t.Term = ts[0]
		if out == nil {
			continue
		}
		out = append(out, t)
		for _, alt := range ts[1:] {
			out = append(out, &analysis.Token{Term: alt, Start: t.Start, End: t.End,
				Position: t.Position, Type: t.Type, KeyWord: t.KeyWord})
		}
	}
	if out == nil {
		return input
	}
	return out
}

// StemmerConstructor builds the stemmer for Bleve's registry.
func StemmerConstructor(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
	return NewStemmer(), nil
}

func init() {
	if err := registry.RegisterTokenFilter(StemmerName, StemmerConstructor); err != nil {
		panic(err)
	}
}
