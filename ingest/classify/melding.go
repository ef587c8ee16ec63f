package classify

import (
	"regexp"
	"strings"
)

// A white paper opens with its own number and session on a line of its
// own ("St.meld. nr. 28 (2007–2008)", "Meld. St. 31 (2019–2020)"), or with
// the formula every white paper and bill carries: "Tilråding fra
// Kommunal- og moderniseringsdepartementet 28. august 2020, godkjent i
// statsråd samme dag." Other white papers it names stand in running text,
// not alone on a line of the opening.
var (
	meldingLineRe = regexp.MustCompile(`(?m)^[ \t#]*(?:St\.\s?meld\.\s?nr\.\s?\d{1,3}|Meld\.\s?St\.\s?\d{1,3})\s*\(\d{4}\s*[–-]\s*\d{4}\)[ \t]*$`)
	propLineRe    = regexp.MustCompile(`(?m)^[ \t#]*Prop\.\s?\d{1,3}\s?[LS]{1,2}\s*\(\d{4}\s*[–-]\s*\d{4}\)`)
	tilraadingRe  = regexp.MustCompile(`(?i)\btilråding\s+fr[aå]\s+[^\n.]{3,120}?\s(\d{1,2}\.\s*\p{L}+\s+\d{4}),?\s+godkjen[dt]\s+i\s+statsråd`)
)

// openingBytes is how far into a text a white paper's designation or
// colophon stands.
const openingBytes = 1500

func (c *context) opening() string {
	return c.text[:min(len(c.text), openingBytes)]
}

// whitePaper says whether the document is a white paper, and why.
func (c *context) whitePaper() (bool, string) {
	o := c.opening()
	if m := meldingLineRe.FindString(o); m != "" {
		return true, "rule: opens with its number, " + strings.TrimSpace(strings.TrimLeft(m, "# \t"))
	}
	if tilraadingRe.MatchString(o) && !propLineRe.MatchString(o) {
		return true, "rule: opens with \"Tilråding fra … godkjent i statsråd\""
	}
	return false, ""
}

// colophonDate reads the date of a white paper's or bill's "Tilråding fra
// … 28. august 2020, godkjent i statsråd": the day the government sent it.
func (c *context) colophonDate() (string, string) {
	if m := tilraadingRe.FindStringSubmatch(c.opening()); m != nil {
		if d, ok := ParseDate(strings.Join(strings.Fields(m[1]), " ")); ok {
			return d, "text: " + clip(m[0])
		}
	}
	return "", ""
}
