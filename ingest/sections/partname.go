package sections

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PartSep joins a long section's heading and the name of a later part:
// "Forsterke styring og samordning – EU har en ambisiøs
// digitaliseringspolitikk …".
const PartSep = " – "

// maxPartWords is how many words of its lead phrase name a part.
const maxPartWords = 7

var markerRe = regexp.MustCompile(`\[(?:[ivxlcdm]{1,6}|\d{1,3})\]`)

// partName names a later part of a long section from its content: the
// lead-in of a list that opens it ("Regjeringen vil"), else the lead
// phrase of its first sentence, cut at a comma or after maxPartWords
// words. It returns "" when the part opens with nothing to name it by, or
// inside a sentence (in lower case).
func partName(p piece) string {
	lead := strings.TrimSpace(p.lead)
	if lead == "" && len(p.items) > 0 {
		lead = p.items[0]
	}
	if lead == "" {
		return ""
	}
	if len(p.lines) > 0 && len(strings.Fields(lead)) <= maxPartWords {
		return named(strings.TrimRight(lead, " :"))
	}
	s := lead
	if ss := sentences(lead); len(ss) > 0 {
		s = ss[0]
	}
	s = markerRe.ReplaceAllString(s, "")
	cut := false
	if i := strings.IndexAny(s, ",;:("); i > 0 {
		s, cut = s[:i], true
	}
	words := strings.Fields(s)
	if len(words) > maxPartWords {
		words, cut = words[:maxPartWords], true
	}
	name := named(strings.TrimRight(strings.Join(words, " "), " .!?–-"))
	if name != "" && cut {
		name += " …"
	}
	return name
}

// named returns name, or "" when it cannot name a part: a part that opens
// in lower case opens inside a sentence or a list.
func named(name string) string {
	if r, _ := utf8.DecodeRuneInString(name); utf8.RuneCountInString(name) < 3 || !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return ""
	}
	return name
}
