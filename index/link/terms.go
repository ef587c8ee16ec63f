package link

import (
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// word is one analysed word of a text: its stem (key), the word as written,
// and, when the analyzer split it, the stems of its parts.
type word struct {
	key     string
	surface string
	parts   []string
}

// term is how a key occurs in a text: as a whole word, or only as a part
// of a compound (then surface is the compound).
type term struct {
	surface string
	part    bool
}

// termSet is the analysed content of a text: each key once, whole-word
// occurrences preferred over compound parts.
type termSet map[string]term

// weakWords are kept by the search analyzer (they matter for phrases and
// statuses) but say nothing about what a commitment is about.
var weakWords = map[string]bool{
	"vil": true, "skal": true, "kan": true, "må": true, "bør": true, "ikke": true, "ikkje": true,
	"å": true, "nye": true, "ny": true, "nytt": true, "slikt": true, "slik": true, "sikt": true,
	"mer": true, "mest": true, "flere": true, "fleire": true, "andre": true, "annen": true,
	"annet": true, "blant": true, "del": true, "alle": true, "hele": true, "godt": true,
	"gode": true, "god": true, "bedre": true, "stor": true, "store": true, "større": true,
	"regjeringen": true, "regjeringa": true, "regjering": true, "derfor": true, "dag": true,
	"år": true, "får": true, "få": true, "gjør": true, "gjøre": true, "går": true, "enda": true,
	"rette": true, "legge": true, "legger": true, "lagt": true, "knyttet": true, "innen": true,
	"samme": true, "plass": true, "bidra": true, "bidrar": true, "bidratt": true, "tvers": true,
	"frem": true, "fram": true, "mot": true, "gir": true, "gi": true, "gitt": true, "ulike": true,
	"viktig": true, "viktige": true, "både": true, "blir": true, "bli": true, "ta": true,
}

// actionWords are the verbs commitments start with ("styrke", "videreføre",
// "vurdere"). Sharing one says little about sharing a subject, so they
// count for less.
var actionWords = map[string]bool{
	"styrke": true, "styrket": true, "styrkes": true, "forsterke": true, "videreføre": true,
	"videreutvikle": true, "vurdere": true, "utrede": true, "utredes": true, "sørge": true,
	"etablere": true, "øke": true, "identifisere": true, "gjennomføre": true, "delta": true,
	"følge": true, "innføre": true, "redusere": true, "utvikle": true, "sikre": true,
	"fremme": true, "arbeidet": true, "arbeide": true, "arbeid": true, "jobbe": true, "videre": true,
	"fortsette": true, "bruke": true, "bruk": true, "lage": true,
}

// actionFactor is what an action word counts for, relative to its weight.
const actionFactor = 0.3

// analyzer wraps a Bleve analyzer (normally index/analysis's stemmed,
// decompounding one) and turns its tokens into words.
type analyzer struct {
	a analysis.Analyzer
}

// words analyses text. Decompounding emits a compound's parts right after
// it, at the same position and byte span, which is how parts are told from
// whole words.
func (z analyzer) words(text string) []word {
	ws, _ := z.analyse(text)
	return ws
}

// analyse is words plus the text's bigrams: pairs of neighbouring
// meaningful words ("innovativ anskaff"), stop words skipped over.
func (z analyzer) analyse(text string) ([]word, map[string]bool) {
	var out []word
	input := []byte(withoutReferences(text))
	prevPos, prevSpan := -1, [2]int{-1, -1}
	for _, t := range z.a.Analyze(input) {
		key := string(t.Term)
		span := [2]int{t.Start, t.End}
		part := t.Position == prevPos && span == prevSpan
		prevPos, prevSpan = t.Position, span
		surface := key
		if t.Start >= 0 && t.End <= len(input) && t.Start < t.End {
			surface = strings.ToLower(string(input[t.Start:t.End]))
		}
		if part {
			if n := len(out); n > 0 && out[n-1].surface == surface && usable(key, "") {
				out[n-1].parts = append(out[n-1].parts, key)
			}
			continue
		}
		if !usable(key, surface) {
			// Keep a placeholder so a weak word's parts are not attached
			// to the word before it.
			out = append(out, word{surface: surface})
			continue
		}
		out = append(out, word{key: key, surface: surface})
	}
	bi := map[string]bool{}
	for i := 1; i < len(out); i++ {
		if out[i-1].key != "" && out[i].key != "" && out[i-1].key != out[i].key {
			bi[out[i-1].key+" "+out[i].key] = true
		}
	}
	// Drop placeholders and repeated keys, keeping the first occurrence.
	seen := map[string]bool{}
	kept := out[:0]
	for _, w := range out {
		if w.key == "" || seen[w.key] {
			continue
		}
		seen[w.key] = true
		kept = append(kept, w)
	}
	return kept, bi
}

// usable reports whether a token carries meaning for linking.
func usable(key, surface string) bool {
	return len([]rune(key)) >= 2 && !weakWords[key] && !weakWords[surface] && !isNumber(key)
}

// terms is the set of keys in text, parts included.
func (z analyzer) terms(text string) termSet {
	return toSet(z.words(text))
}

func toSet(ws []word) termSet {
	ts := termSet{}
	for _, w := range ws {
		ts[w.key] = term{surface: w.surface}
	}
	for _, w := range ws {
		for _, p := range w.parts {
			if _, ok := ts[p]; !ok {
				ts[p] = term{surface: w.surface, part: true}
			}
		}
	}
	return ts
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// referenceRe matches how documents refer to others rather than what they
// are about: designations ("St.meld. nr. 28 (2007–2008)", "Prop. 1 S
// (2019–2020)") and reference abbreviations ("jf.", "kap.", "nr.", "bl.a.").
// Two texts that both cite a white paper share no subject by that.
var referenceRe = regexp.MustCompile(`(?i)` + strings.TrimPrefix(designationRe.String(), `(?i)`) +
	`|\bjfr?\b\.?|\b(?:st\.\s?meld|meld\.\s?st|prop|kap|nr|pkt|bl\.\s?a|m\.\s?v|mv|ca|f\.\s?eks|s)\.`)

// withoutReferences blanks references out, keeping every other byte where
// it was (so offsets into the text stay right).
func withoutReferences(text string) string {
	if !strings.ContainsRune(text, '.') {
		return text
	}
	return referenceRe.ReplaceAllStringFunc(text, func(m string) string { return strings.Repeat(" ", len(m)) })
}
