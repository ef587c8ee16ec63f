package classify

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/internal/fold"
)

// Patterns that hold at the start of a line were once written as (?m)^…
// and run over the whole text, where (?m)^ defeats regexp's literal-prefix
// search. Here each is anchored with \A and tried only at the starts of the
// lines that pass a cheap test the pattern implies: firstAt and countAt find
// the same matches as FindStringSubmatch and FindAllStringIndex of the
// (?m)^ pattern over the text. The patterns may still run past the end of
// the line (\s matches a newline).
var (
	commitListAtRe   = regexp.MustCompile(`\A(?:Regjeringen|Regjeringa|Departementet|Vi)\s+vil\s*:?\s*\n\s*(?:[•▪◦‣–*\-]|\d{1,2}[.)])\s`)
	statusLineAtRe   = regexp.MustCompile(`\AStatus\s*:\s*\S`)
	paragraphAtRe    = regexp.MustCompile(`\A§\s*\d+`)
	tiltakLineAtRe   = regexp.MustCompile(`\A(?:\S+ )?Tiltak\s+\d{1,2}(?:\.\d{1,2})?\b`)
	meetingAtRe      = regexp.MustCompile(`(?i)\A\s*møtedato\s*:`)
	caseTitleAtRe    = regexp.MustCompile(`(?m)\A(?i:sak)\s+(\d{1,4}/\d{2,4})\s+(.{3,200})$`)
	labelledDateAtRe = regexp.MustCompile(`(?i)\A\s*(` + dateLabels + `)\s*:\s*(` + dateInText + `)`)
	reportWordAtRe   = regexp.MustCompile(`\A(?i:rapport(?:en|er|ene)?)\b`)
	placeDateAtRe    = regexp.MustCompile(`(?m)\A\s*(\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)?),\s*(` + dateInText + `)\s*$`)
)

// firstAt returns the submatches of the first line start where re matches,
// trying only lines for which may holds.
func (c *context) firstAt(re *regexp.Regexp, may func(line string) bool) []string {
	off := 0
	for _, l := range c.lines {
		if may(l) {
			if m := re.FindStringSubmatch(c.text[off:]); m != nil {
				return m
			}
		}
		off += len(l) + 1
	}
	return nil
}

// countAt counts the non-overlapping matches of re at line starts, trying
// only lines for which may holds.
func (c *context) countAt(re *regexp.Regexp, may func(line string) bool) int {
	n, off, end := 0, 0, 0
	for _, l := range c.lines {
		if off >= end && may(l) {
			if loc := re.FindStringIndex(c.text[off:]); loc != nil {
				n++
				end = off + loc[1]
			}
		}
		off += len(l) + 1
	}
	return n
}

// lineSpace is what \s matches within a line.
const lineSpace = " \t\f\r"

func startsStatus(l string) bool    { return strings.HasPrefix(l, "Status") }
func startsParagraph(l string) bool { return strings.HasPrefix(l, "§") }
func hasTiltak(l string) bool       { return strings.Contains(l, "Tiltak") }
func startsCase(l string) bool      { return fold.HasPrefix(l, "sak") }

func startsCommitList(l string) bool {
	return strings.HasPrefix(l, "Regjering") || strings.HasPrefix(l, "Departementet") || strings.HasPrefix(l, "Vi")
}

func startsMeeting(l string) bool {
	return fold.HasPrefix(strings.TrimLeft(l, lineSpace), "møtedato")
}

// isSaksLabel is `(?m)^(?:SAKSFRAMLEGG|Saksframlegg)\s*$` for one line.
func isSaksLabel(l string) bool {
	for _, p := range []string{"SAKSFRAMLEGG", "Saksframlegg"} {
		if rest, ok := strings.CutPrefix(l, p); ok && strings.Trim(rest, lineSpace) == "" {
			return true
		}
	}
	return false
}

// dateLabelList are the alternatives of dateLabels.
var dateLabelList = []string{"møtedato", "dato", "publisert", "utgitt", "vedtatt", "signert", "date"}

func startsDateLabel(l string) bool {
	l = strings.TrimLeft(l, lineSpace)
	for _, p := range dateLabelList {
		if fold.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// startsPlace holds for a line that can start "Oslo, 27.5.2019" or "Nye
// Sandnes, …": after white space, one or two capitalised words and a comma,
// or a capitalised word that ends the line (\s may match the newline before
// the second word).
func startsPlace(l string) bool {
	l = strings.TrimLeft(l, lineSpace)
	rest, ok := capitalWord(l)
	if !ok {
		return false
	}
	if rest == "" || rest[0] == ',' {
		return true
	}
	if strings.IndexByte(lineSpace, rest[0]) < 0 {
		return false
	}
	rest, ok = capitalWord(rest[1:])
	return ok && rest != "" && rest[0] == ','
}

// capitalWord reads \p{Lu}\p{L}+ at the start of s and returns what follows.
func capitalWord(s string) (string, bool) {
	r, w := utf8.DecodeRuneInString(s)
	if !unicode.Is(unicode.Lu, r) {
		return "", false
	}
	n := 0
	for _, r := range s[w:] {
		if !unicode.IsLetter(r) {
			break
		}
		n += utf8.RuneLen(r)
	}
	if n == 0 {
		return "", false
	}
	return s[w+n:], true
}

// countReportWords is len(FindAllStringIndex) of (?i)\brapport(?:en|er|ene)?\b
// over text, trying the pattern only where "rapport" occurs.
func countReportWords(text string) int {
	n := 0
	for from := 0; ; {
		i := fold.Index(text[from:], "rapport")
		if i < 0 {
			return n
		}
		k := from + i
		from = k + 1
		if k > 0 && isWordByte(text[k-1]) {
			continue // no \b before it
		}
		if loc := reportWordAtRe.FindStringIndex(text[k:]); loc != nil {
			n++
			from = k + loc[1]
		}
	}
}

// isWordByte is regexp's \w, which is ASCII only.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}
