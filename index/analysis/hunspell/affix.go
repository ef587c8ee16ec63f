// Package hunspell reads the Norwegian hunspell dictionaries (.aff suffix
// rules and .dic stems with flags) far enough to expand every stem into its
// inflected forms and to group the forms into paradigms by lemma. It is used
// to generate strategispor's embedded word-form table (cmd/lexgen) and to
// check that table against the installed dictionaries.
package hunspell

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A hunspell dictionary is a list of stems with affix flags (.dic) and the
// rules those flags stand for (.aff). The Norwegian dictionaries use one
// character per flag and suffix rules only for inflection; this reader knows
// that much of the format (SET, SFX, PFX) and ignores the rest.

// affixRule is one SFX line: strip the ending strip, add add, when the word
// ends in cond (a hunspell condition: letters, '.', [set] and [^set]).
type affixRule struct {
	strip, add string
	cond       []condUnit
}

// condUnit is one character position of a condition.
type condUnit struct {
	any    bool
	negate bool
	set    string
}

func (u condUnit) matches(r rune) bool {
	if u.any {
		return true
	}
	return strings.ContainsRune(u.set, r) != u.negate
}

// parseCond reads a hunspell condition.
func parseCond(s string) ([]condUnit, error) {
	var out []condUnit
	for i := 0; i < len(s); {
		switch s[i] {
		case '.':
			out = append(out, condUnit{any: true})
			i++
		case '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("unclosed [ in condition %q", s)
			}
			set := s[i+1 : i+j]
			u := condUnit{}
			if strings.HasPrefix(set, "^") {
				u.negate, set = true, set[1:]
			}
			u.set = set
			out = append(out, u)
			i += j + 1
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			out = append(out, condUnit{set: string(r)})
			i += n
		}
	}
	return out, nil
}

// apply returns the suffixed form of w, or false when the rule does not apply.
func (r *affixRule) apply(w string) (string, bool) {
	if !strings.HasSuffix(w, r.strip) {
		return "", false
	}
	rs := []rune(w)
	if len(r.cond) > len(rs) {
		return "", false
	}
	tail := rs[len(rs)-len(r.cond):]
	for i, u := range r.cond {
		if !u.matches(tail[i]) {
			return "", false
		}
	}
	base := w[:len(w)-len(r.strip)]
	if base == "" {
		return "", false
	}
	return base + r.add, true
}

// Affixes are the suffix rules of one .aff file by flag.
type Affixes struct {
	suffix map[rune][]affixRule
}

// ParseAffixes reads the SFX rules of an .aff file (UTF-8 text). PFX rules are
// read past: the Norwegian prefixes (u-, for-, gjen-, hoved- …) make new
// words, not forms of the same one.
func ParseAffixes(text string) (*Affixes, error) {
	a := &Affixes{suffix: map[rune][]affixRule{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) < 5 || f[0] != "SFX" {
			continue // headers ("SFX A Y 24") have four fields
		}
		flag, _ := utf8.DecodeRuneInString(f[1])
		r := affixRule{strip: f[2], add: f[3]}
		if r.strip == "0" {
			r.strip = ""
		}
		if r.add == "0" {
			r.add = ""
		}
		if i := strings.IndexByte(r.add, '/'); i >= 0 {
			return nil, fmt.Errorf("line %d: continuation flags are not supported", n)
		}
		cond, err := parseCond(f[4])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		r.cond = cond
		a.suffix[flag] = append(a.suffix[flag], r)
	}
	return a, sc.Err()
}

// derivational are the suffix flags of the Norwegian dictionaries that make
// new words rather than forms: t -ing, u -lig/-leg, v -else, w -het, x -skap,
// y -itet/-ning, Y the plurals of -ing, Z -elig/-bar. Both nb_NO and nn_NO use
// the same letters for them.
const derivational = "tuvwxyYZ"

// Expand returns the inflected forms of a stem with the given flags, the
// stem first, appended to out[:0]; derivational flags are skipped.
func (a *Affixes) Expand(stem, flags string, out []string) []string {
	out = append(out[:0], stem)
	for _, fl := range flags {
		if strings.ContainsRune(derivational, fl) {
			continue
		}
		for i := range a.suffix[fl] {
			if f, ok := a.suffix[fl][i].apply(stem); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

// Entry is one line of a .dic file.
type Entry struct{ Stem, Flags string }

// ParseDic reads a .dic file (UTF-8 text): a count line, then stem/flags
// lines. Only lower-case, letters-only stems are kept: proper names,
// abbreviations and hyphenated words are left to the stemmer.
func ParseDic(text string) []Entry {
	var out []Entry
	sc := bufio.NewScanner(strings.NewReader(text))
	first := true
	for sc.Scan() {
		line := sc.Bytes()
		if first {
			first = false
			if _, err := fmt.Sscanf(string(line), "%d", new(int)); err == nil {
				continue
			}
		}
		line = bytes.TrimSpace(line)
		stem, flags, _ := bytes.Cut(line, []byte("/"))
		if len(stem) == 0 || !lowerLetters(stem) {
			continue
		}
		out = append(out, Entry{string(stem), string(flags)})
	}
	return out
}

func lowerLetters(b []byte) bool {
	for _, r := range string(b) {
		if !unicode.IsLetter(r) || unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
