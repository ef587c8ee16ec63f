package findings

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

var (
	// introRe finds intro sentences that name the list below as measures.
	introRe = regexp.MustCompile(`(?i)(?:følgende|følgjande|disse|desse|nye|konkrete)\s+tiltak|tiltak(?:ene|a)?\s+(?:er|blir|vil være|omfatter)\s*:`)
	// listWordRe finds the words with which a sentence points at the list
	// after it: "Listen nedenfor viser …", "… tiltakene under.", "følgende tiltak".
	listWordRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:nedenfor|nedanfor|under|følgende|følgjande|liste|listen|lista|punktene|punkta|punktlisten|punktlista|prioritert)(?:$|[^\p{L}])`)
)

// listTiltak finds lists introduced as measures: by a paragraph that ends
// with a colon and names tiltak as its subject ("Tiltakene i strategien …
// Vi skal nevne noen:"), by one that ends with a full stop and points at
// the list as tiltak ("Listen nedenfor viser en prioritert liste over
// tiltak vi mener er nødvendig …."), by a colon paragraph under a heading
// that names tiltak, or under a subheading of one ("Anbefalt tiltak" …
// "Det er derfor behov for å:"), or
// by such a heading alone. Numbered and bulleted lists alike; a list needs
// two items.
func listTiltak(lines []line, add func(corpus.Tiltak, line) int) {
	for i := 0; i < len(lines); i++ {
		if lines[i].item || !introducesMeasures(lines, i) {
			continue
		}
		// The list runs to its last item; a line that repeats an item is
		// not one (a heading with the item's words after the list).
		j := i + 1
		seen := map[string]bool{}
		for ; j < len(lines) && lines[j].item && !seen[lines[j].text]; j++ {
			seen[lines[j].text] = true
		}
		if j-i-1 < 2 {
			continue
		}
		for k := i + 1; k < j; k++ {
			l := lines[k]
			ref := l.marker
			if ref == "" {
				ref = strconv.Itoa(k - i)
			}
			t := corpus.Tiltak{Ref: ref, Kind: corpus.TiltakListItem, Text: l.text}
			if m := itemStatusRe.FindStringSubmatch(l.text); m != nil {
				t.Status, _ = NormalizeStatus(m[1])
				t.StatusText, t.Evidence = strings.TrimSpace(m[1]), m[0]
			}
			add(t, l)
		}
		i = j - 1
	}
}

// introducesMeasures reports whether lines[i] introduces the list after it
// as measures.
func introducesMeasures(lines []line, i int) bool {
	l := lines[i]
	if l.heading {
		return tiltakHeading(l.text)
	}
	if measureIntro(l.text) {
		return true
	}
	if strings.HasSuffix(l.text, ":") {
		// The heading may name the measures, or the heading right above
		// it: "Anbefalte tiltak" > "IKT-SIKKERHET" > "NSM anbefaler:".
		h := headingOf(lines, i)
		return h >= 0 && (tiltakHeading(lines[h].text) || tiltakHeading(lines[h].parent))
	}
	return false
}

// measureIntro reports whether a paragraph introduces the list after it as
// measures: it ends with a colon and names tiltak as its subject, or it
// ends with a full stop and a sentence of it points at a list of tiltak.
func measureIntro(t string) bool {
	switch {
	case strings.HasSuffix(t, ":"):
		if introRe.MatchString(t) {
			return true
		}
		for _, s := range sentences(t) {
			w := words(s)
			if len(w) > 0 && strings.HasPrefix(w[0], "tiltak") {
				return true
			}
		}
	case strings.HasSuffix(t, ".") || strings.HasSuffix(t, "…"):
		for _, s := range sentences(t) {
			// The word scan first: the regexp costs more, and most sentences name no tiltak.
			if namesTiltak(s) && listWordRe.MatchString(s) {
				return true
			}
		}
	}
	return false
}

// namesTiltak reports whether a sentence speaks of tiltak or measures.
func namesTiltak(s string) bool {
	for _, w := range words(s) {
		switch w {
		case "tiltak", "tiltaka", "tiltakene", "tiltaket", "measures", "actions":
			return true
		}
	}
	return false
}

// tiltakHeading reports whether a heading names the measures under it:
// "Tiltak", "Anbefalte tiltak", "Tiltakene", "Foreslåtte tiltak" — a short
// heading whose first or last word is tiltak.
func tiltakHeading(h string) bool {
	w := words(h)
	if len(w) == 0 || len(w) > 4 {
		return false
	}
	isT := func(s string) bool { return s == "tiltak" || s == "tiltaka" || s == "tiltakene" }
	return isT(w[len(w)-1]) || isT(w[0]) && len(w) <= 2
}

// headingOf returns the index of the heading line of lines[i]'s section,
// or -1 when the section has none before i.
func headingOf(lines []line, i int) int {
	for j := i - 1; j >= 0 && lines[j].sec == lines[i].sec; j-- {
		if lines[j].heading {
			return j
		}
	}
	return -1
}
