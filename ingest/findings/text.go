package findings

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/strategispor/strategispor/ingest/normalize"
)

// clean normalizes a piece of document text for display and hashing:
// NFC, non-breaking and other odd spaces turned into plain spaces, runs of
// white space collapsed, footnote markers ("[viii]", "[12]") removed.
func clean(s string) string {
	if !normalize.NFCAsIs(s) {
		s = norm.NFC.String(s)
	}
	if strings.IndexByte(s, '[') >= 0 {
		s = footnoteRe.ReplaceAllString(s, "")
	}
	if tidy(s) {
		return s
	}
	return spaces(s)
}

// spaces rebuilds the white space of s rune by rune: every run of space
// characters (with no-break, narrow and figure spaces) becomes one plain
// space, and none is left at the ends.
func spaces(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2007' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// tidy reports whether clean's space handling would leave s as it is:
// valid UTF-8 whose only white space is single ASCII spaces between words.
func tidy(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' {
				if prevSpace {
					return false
				}
				prevSpace = true
				continue
			}
			if c >= '\t' && c <= '\r' {
				return false
			}
			prevSpace = false
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2007' {
			return false
		}
		i += w
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// dottedNumberRe matches a multi-level number ("4.4", "2.3.1") whose
// trailing full stop is part of the number, as in "tiltak 4.4. Omtale …".
var dottedNumberRe = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,2})+$`)

var footnoteRe = regexp.MustCompile(`\[(?:[ivxlc]{1,7}|\d{1,3})\]`)

// bulletRe matches an unordered list marker at the start of a line.
var bulletRe = regexp.MustCompile(`^(?:[•·▪◦●■□‣∙*–—-]|o\s)\s*`)

// numberRe matches an ordered list marker ("1.", "2)", "a)") at the start of a line.
// A number followed by another number ("7.1 Utarbeide") is a heading number, not a marker.
var numberRe = regexp.MustCompile(`^(\d{1,2})[.)]\s+(\D)`)

// matchNumber is numberRe.FindStringSubmatch(t), skipping the regexp
// when t does not start with a digit.
func matchNumber(t string) []string {
	if t == "" || t[0] < '0' || t[0] > '9' {
		return nil
	}
	return numberRe.FindStringSubmatch(t)
}

// matchBullet is bulletRe.FindStringIndex(t), skipping the regexp when t
// cannot start with a marker: the ASCII markers are *, - and o, the others
// are not ASCII.
func matchBullet(t string) []int {
	if t == "" || t[0] < utf8.RuneSelf && t[0] != '*' && t[0] != '-' && t[0] != 'o' {
		return nil
	}
	return bulletRe.FindStringIndex(t)
}

// sentences splits running text into sentences. It is deliberately simple:
// a sentence ends at . ! ? followed by white space and an upper-case letter,
// a digit or an opening quote, unless the word before the stop is a known
// abbreviation or a single letter.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' {
			i += w
			continue
		}
		end := i + w
		// Swallow closing quotes and brackets after the stop.
		for end < len(text) && strings.ContainsRune("»”\")’", rune(text[end])) {
			end++
		}
		j := end
		if j >= len(text) || text[j] != ' ' {
			i = end
			continue
		}
		for j < len(text) && text[j] == ' ' {
			j++
		}
		next, nw := utf8.DecodeRuneInString(text[j:])
		// A marker that a flattened list or a Markdown heading left
		// between two sentences ("… fritidskort. # Regjeringen vil …",
		// "… tiltak. • Styrke …") ends the sentence and is dropped.
		m := j + nw
		for next == '#' && m < len(text) && text[m] == '#' {
			m++
		}
		if strings.ContainsRune("#•▪◦–*", next) && m < len(text) && text[m] == ' ' {
			k := m
			for k < len(text) && text[k] == ' ' {
				k++
			}
			if after, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsUpper(after) && !(r == '.' && abbreviation(text[start:i])) {
				if s := strings.TrimSpace(text[start:end]); s != "" {
					out = append(out, s)
				}
				start, i = k, k
				continue
			}
		}
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '«' || next == '"' || next == '“') {
			i = end
			continue
		}
		if r == '.' && abbreviation(text[start:i]) {
			i = end
			continue
		}
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start = j
		i = j
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// abbreviation reports whether the text before a full stop ends in a word
// that is normally abbreviated, so the stop does not end the sentence.
func abbreviation(before string) bool {
	k := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '(' })
	word := strings.ToLower(before[k+1:])
	if utf8.RuneCountInString(word) == 1 || dottedNumberRe.MatchString(word) {
		return true
	}
	switch strings.TrimRight(word, ".") {
	case "bl", "bl.a", "f.eks", "eks", "m.fl", "mfl", "m.m", "mm", "mv", "nr", "st", "meld", "prop",
		"jf", "jfr", "ca", "dvs", "pkt", "kap", "ref", "evt", "inkl", "kl", "s", "tlf", "o.l", "osv", "etc", "mill", "mrd":
		return true
	}
	return false
}

// firstSentence returns the first sentence of text.
func firstSentence(text string) string {
	if s := sentences(text); len(s) > 0 {
		return s[0]
	}
	return ""
}

// words splits s into lower-case letter/digit words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
