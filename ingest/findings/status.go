package findings

import (
	"regexp"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// statusRule maps a phrase (a regular expression over lower-cased text) to a
// normalized status. Rules are tried in order and the earliest match in the
// text wins; on a tie the earlier rule wins, so specific phrases
// ("ikke startet", "mindre forsinkelser") come before the words they contain.
type statusRule struct {
	re     *regexp.Regexp
	status corpus.Status
}

// Word boundaries in Go regexps are ASCII-only, so phrases are bounded by
// explicit non-letter classes instead of \b.
const (
	lb = `(?:^|[^\p{L}\p{N}])`
	rb = `(?:$|[^\p{L}\p{N}])`
)

func rule(expr string, s corpus.Status) statusRule {
	return statusRule{re: regexp.MustCompile(lb + `(` + expr + `)` + rb), status: s}
}

var statusRules = []statusRule{
	rule(`ingen (?:pågående|aktive) tiltak|ingen pågåande tiltak|(?:ikke|ikkje) (?:noen|nokon|noe|noko) (?:pågående |pågåande |aktive )?tiltak|ingen tiltak`, corpus.StatusIngenPagaendeTiltak),
	rule(`ikke (?:er )?(?:startet|påbegynt|igangsatt|satt i gang|starta)(?: opp)?|ikkje (?:starta|starta opp|påbyrja|sett i gang)|ikke oppstartet`, corpus.StatusIkkeStartet),
	rule(`ikke forsinket|ikkje forseinka`, corpus.StatusPaPlan),
	rule(`ikke (?:ferdig|ferdigstilt|fullført|avsluttet)|ikkje (?:ferdig|ferdigstilt|fullført|avslutta)`, corpus.StatusUkjent),
	rule(`store forsinkelser|stor forsinkelse|betydelige forsinkelser|vesentlige forsinkelser|betydelig forsinket|vesentlig forsinket|kraftig forsinket|store forseinkingar|stor forseinking`, corpus.StatusStoreForsinkelser),
	rule(`mindre forsinkelser?|små forsinkelser|noe forsinket|litt forsinket|lett forsinket|mindre forseinkingar|mindre forseinking|noko forseinka|litt forseinka`, corpus.StatusMindreForsinkelser),
	rule(`forsinket|forsinkelser?|forseinka|forseinkingar|forseinking`, corpus.StatusForsinket),
	rule(`på plan|i rute|følger (?:plan(?:en)?|planlagt fremdrift)|i henhold til plan|etter plan|fylgjer plan(?:en)?`, corpus.StatusPaPlan),
	rule(`avsluttet|avsluttes|avslutta|avvikla|avviklet|avviklast|lagt ned|utgår|utgått|terminert`, corpus.StatusAvsluttet),
	rule(`ferdigstilt|ferdigstilte|ferdig|fullført|fullførte|gjennomført|sluttført|levert|oppnådd|fullført|ferdigstilt`, corpus.StatusFerdig),
}

// NormalizeStatus reads a status out of a phrase such as "Status: Mindre
// forsinkelser" or "… er ikke startet". It returns the normalized status and
// the words that decided it, or StatusUkjent and "" when it finds none.
func NormalizeStatus(text string) (corpus.Status, string) {
	s, phrase, _ := findStatus(text)
	return s, phrase
}

// findStatus is NormalizeStatus that also returns the byte offset of the
// phrase in text (-1 when none).
func findStatus(text string) (corpus.Status, string, int) {
	lower := strings.ToLower(clean(text))
	src := clean(text)
	best, bestAt, bestEnd := corpus.StatusUkjent, -1, -1
	for _, r := range statusRules {
		m := r.re.FindStringSubmatchIndex(lower)
		if m == nil {
			continue
		}
		if bestAt < 0 || m[2] < bestAt {
			best, bestAt, bestEnd = r.status, m[2], m[3]
		}
	}
	if bestAt < 0 {
		return corpus.StatusUkjent, "", -1
	}
	// Lower-casing keeps byte lengths for Norwegian text, so the offsets
	// carry over to the original; fall back to the lower-cased words if not.
	if len(lower) == len(src) {
		return best, src[bestAt:bestEnd], bestAt
	}
	return best, lower[bestAt:bestEnd], bestAt
}
