package analysis

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// DecompounderName is the registered name of the compound-splitting filter.
const DecompounderName = "decompound_no_strategispor"

const (
	minCompound = 8 // runes; shorter words are left whole
	// maxCompound bounds the words split, in runes. The longest compounds of
	// real documents have some 30 letters ("leverandørutviklingsprogrammet"),
	// a split has at most 2^maxDepth parts, and the search for one costs
	// about the cube of the length (some 0.1 ms at 40 runes with the Debian
	// lists), so a longer run of letters is left whole and costs nothing here.
	maxCompound = 40
	minPart     = 4 // runes in a modifier (after the linking letter) and in a head
	maxDepth    = 2 // a compound splits into at most 2^maxDepth parts
)

// blockedHeads are word forms that also occur as inflectional endings; taking
// them as heads would split "digitaliseringen" into "digitaliser" + "ingen".
var blockedHeads = map[string]bool{
	"ingen": true, "ende": true, "else": true, "elser": true, "elsen": true, "ning": true,
	"ninger": true, "heten": true, "hetene": true, "heter": true, "ene": true, "ener": true,
	"este": true, "ling": true, "lige": true, "lig": true, "ert": true, "erte": true,
	"ande": true, "ane": true, "inga": true, "ings": true, "ingar": true, "ingane": true,
	"ingene": true, "erne": true, "ter": true, "tene": true, "sjon": true, "sjonen": true,
	"sjoner": true, "rende": true, "ering": true, "eringen": true,
	"ring": true, "ringen": true, "ringer": true, "ringene": true, "ringa": true,
}

// Decompounder emits the parts of Norwegian compounds as extra tokens at the
// compound's position and byte span, so that "strategi" finds
// "digitaliseringsstrategi" and "krise" finds "koronakrisen". Linking -s- and
// -e- are removed from modifiers ("tilskudds|forvaltning" → "tilskudd").
// Splits need both parts in the dictionary; results are cached per word.
// Words longer than maxCompound runes are left whole.
type Decompounder struct {
	dict  *Dictionary
	stem  func(string) string
	cache *termCache[[]string]
}

// NewDecompounder returns a decompounder over dict; stem is the analyzer's stemmer.
func NewDecompounder(dict *Dictionary, stem func(string) string) *Decompounder {
	return &Decompounder{dict: dict, stem: stem, cache: newTermCache[[]string](1<<17, 16<<20)}
}

// Parts returns the parts of a lower-cased compound, or nil when w is not one.
func (d *Decompounder) Parts(w string) []string {
	if len(w) < minCompound || len(w) > utf8.UTFMax*maxCompound {
		return nil
	}
	if n := utf8.RuneCountInString(w); n < minCompound || n > maxCompound {
		return nil
	}
	if v, ok := d.cache.get([]byte(w)); ok {
		return v
	}
	parts := d.split(w, 0)
	d.cache.put([]byte(w), parts, stringsCost(parts))
	return parts
}

// isHead reports whether h can end a compound: a known form, or an inflection
// of a curated word.
func (d *Decompounder) isHead(h string) bool {
	if blockedHeads[h] {
		return false
	}
	if d.dict.Has(h) {
		return true
	}
	// Stemming is the expensive part; only curated inflections need it.
	return len(d.dict.stems) > 0 && d.dict.hasStem(d.stem(h))
}

// modifier returns the base form of m as a compound's first part, stripping a
// linking -s or -e, or "" when m is not a word. linked says whether a linking
// letter was removed.
func (d *Decompounder) modifier(m string) (base string, linked bool) {
	if strings.HasSuffix(m, "s") && !d.dict.isCurated(m) && d.dict.Has(m[:len(m)-1]) {
		return m[:len(m)-1], true
	}
	if d.dict.Has(m) {
		return m, false
	}
	// Linking -e- is rare ("barnehage"); trusting it for any word would read
	// "digitalisering" as "digitalise|ring".
	if strings.HasSuffix(m, "e") && d.curated(m[:len(m)-1]) && d.dict.Has(m[:len(m)-1]) {
		return m[:len(m)-1], true
	}
	return "", false
}

// curated reports whether w is, or inflects, a word of the curated list.
func (d *Decompounder) curated(w string) bool { return d.dict.hasStem(d.stem(w)) }

// split finds the best two-way split of w and refines its parts. A full-form
// word list holds many rare forms ("utvi", "kling", "samar"), so a split is
// trusted only with evidence: a linking letter, curated parts, or long parts.
// Words that are themselves listed (lexicalised: "utvikling", "gjennomføring")
// need a linking letter or curated parts on both sides.
func (d *Decompounder) split(w string, depth int) []string {
	known := d.dict.Has(w)
	best, bestScore := []string(nil), 0
	for i := range w {
		if i == 0 {
			continue
		}
		mod, head := w[:i], w[i:]
		if runeLen(head) < minPart || runeLen(mod) < minPart {
			continue
		}
		// Cheap hash lookups first: most positions fail on the modifier.
		m, linked := d.modifier(mod)
		if m == "" && (depth+1 >= maxDepth || runeLen(mod) < minCompound) {
			continue
		}
		if !d.isHead(head) {
			continue
		}
		// "ressurs|senter" or "ressurss|enter"? A linking -s- that could also
		// start the head earns little; curated parts decide.
		ambiguous := linked && mod[len(mod)-1] == 's' && d.isHead("s"+head)
		var left []string
		switch {
		case m != "" && runeLen(m) >= 3:
			left = []string{m}
		case depth+1 < maxDepth && runeLen(mod) >= minCompound:
			left = d.split(strings.TrimSuffix(mod, "s"), depth+1)
			linked = strings.HasSuffix(mod, "s")
		}
		if left == nil {
			continue
		}
		cm, ch := d.curated(left[len(left)-1]), d.curated(head)
		short := min(runeLen(left[len(left)-1]), runeLen(head))
		switch {
		case cm && ch:
		case linked && !ambiguous && (cm || runeLen(left[len(left)-1]) >= 5):
		case known || depth > 0:
			continue
		case !cm && !ch && short < 5:
			continue
		}
		score := short
		switch {
		case ambiguous:
			score++
		case linked:
			score += 10
		}
		if cm {
			score += 5
		}
		if ch {
			score += 5
		}
		if score > bestScore {
			best, bestScore = append(left, head), score
		}
	}
	if best == nil {
		return nil
	}
	// A long head may itself be a compound ("tjeneste|utviklingsarbeid").
	if depth+1 < maxDepth {
		h := best[len(best)-1]
		if runeLen(h) >= minCompound {
			if sub := d.split(h, depth+1); sub != nil {
				best = append(best[:len(best)-1:len(best)-1], append([]string{h}, sub...)...)
			}
		}
	}
	return best
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// Filter implements analysis.TokenFilter: each compound token is followed by
// its parts, at the same position and byte offsets.
func (d *Decompounder) Filter(input analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i, t := range input {
		parts := d.Parts(string(t.Term))
		if parts == nil {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = make(analysis.TokenStream, i, len(input)+len(parts)+8)
			copy(out, input[:i])
		}
		out = append(out, t)
		for _, p := range parts {
			if p == string(t.Term) {
				continue
			}
			out = append(out, &analysis.Token{Term: []byte(p), Start: t.Start, End: t.End,
				Position: t.Position, Type: t.Type, KeyWord: t.KeyWord})
		}
	}
	if out == nil {
		return input
	}
	return out
}

// DecompounderConstructor builds a decompounder for Bleve's registry over the
// embedded list and the system word lists. Bleve constructs the registered
// analyzers whenever it validates a mapping, at every index open, while
// strategispor analyses with the Analysis that New built; so the registry's
// decompounder loads its dictionary only when something analyses through the
// registry (a tool inspecting the index), not when it is constructed.
func DecompounderConstructor(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
	return &lazyDecompounder{}, nil
}

// lazyDecompounder is a Decompounder whose dictionary is loaded on first use.
type lazyDecompounder struct {
	once sync.Once
	d    *Decompounder
}

func (l *lazyDecompounder) Filter(input analysis.TokenStream) analysis.TokenStream {
	l.once.Do(func() {
		st := NewStemmer()
		dict, err := OpenDictionary(SystemWordLists, nil, st.Stem, DefaultCacheDir())
		if err != nil {
			// Only unreadable system word lists get here (missing ones are
			// skipped): decompound over the embedded words alone.
			dict = newCuratedDictionary(nil, st.Stem)
			dict.finish()
		}
		l.d = NewDecompounder(dict, st.Stem)
	})
	return l.d.Filter(input)
}

func init() {
	if err := registry.RegisterTokenFilter(DecompounderName, DecompounderConstructor); err != nil {
		panic(err)
	}
}
