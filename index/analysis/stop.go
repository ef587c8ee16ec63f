package analysis

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/registry"
)

// StopName is the registered name of strategispor's Norwegian stop word map
// and of the token filter that removes those words.
const StopName = "stop_no_strategispor"

// stopWords are pure function words in bokmål and nynorsk. Unlike the Snowball
// and Bleve lists it keeps modal verbs and negation ("vil", "skal", "kan",
// "må", "bør", "ikke", "ikkje"), "mot" and "uten"/"utan", and content words
// ("arbeid", "tid", "verdi", "rett", "start"): commitments and statuses are
// written with exactly those words.
var stopWords = []string{
	// bokmål
	"og", "i", "jeg", "det", "at", "en", "et", "den", "til", "er", "som", "på", "de",
	"med", "han", "av", "der", "så", "var", "meg", "seg", "men", "ett", "har", "om",
	"vi", "min", "mitt", "ha", "hadde", "hun", "da", "ved", "fra", "du", "ut", "sin",
	"dem", "oss", "opp", "man", "når", "være", "vært", "noe", "ble", "bli", "blir",
	"blitt", "også", "dette", "disse", "eller", "hvor", "hva", "hvordan", "hvis",
	"hvem", "hvilken", "hvilke", "hvilket", "enn", "for", "etter", "før", "inn",
	"selv", "sine", "sitt", "slik", "hennes", "hans", "deres", "din", "ditt", "dine",
	"mine", "vår", "våre", "vårt", "noen", "her", "dit", "hit", "mellom", "under",
	"over", "mye", "mange", "denne", "dere", "hos", "fordi", "mens", "både", "hver",
	"hvert", "hvorfor", "nå", "jo", "vel", "bare", "samt", "dens", "dets",
	// nynorsk
	"eg", "ho", "dei", "ein", "eit", "frå", "vere", "vore", "kva", "korleis", "kven",
	"kvar", "kvifor", "berre", "no", "òg", "desse", "hjå", "medan", "sidan", "dykk",
	"mykje", "nokon", "noko", "nokre", "sjølv", "deira", "hennar", "hans", "kvart",
	"ikring", "um", "vart", "vorte", "inkje", "fordi", "når", "etter",
}

// StopTokenMapConstructor builds the stop word map for Bleve's registry.
func StopTokenMapConstructor(map[string]any, *registry.Cache) (analysis.TokenMap, error) {
	m := analysis.NewTokenMap()
	for _, w := range stopWords {
		m.AddToken(w)
	}
	return m, nil
}

// StopFilterConstructor builds the stop word filter for Bleve's registry.
func StopFilterConstructor(_ map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
	m, err := cache.TokenMapNamed(StopName)
	if err != nil {
		return nil, err
	}
	return stop.NewStopTokensFilter(m), nil
}

// NewStopFilter returns the stop word filter without going through a registry.
func NewStopFilter() analysis.TokenFilter {
	m, _ := StopTokenMapConstructor(nil, nil)
	return stop.NewStopTokensFilter(m)
}

// IsStopWord reports whether the lower-cased word is dropped from the stemmed field.
func IsStopWord(w string) bool {
	_, ok := stopSet[w]
	return ok
}

// stopSet is built once and only read.
var stopSet = func() map[string]struct{} {
	m := make(map[string]struct{}, len(stopWords))
	for _, w := range stopWords {
		m[w] = struct{}{}
	}
	return m
}()

func init() {
	if err := registry.RegisterTokenMap(StopName, StopTokenMapConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(StopName, StopFilterConstructor); err != nil {
		panic(err)
	}
}
