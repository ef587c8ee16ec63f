package hunspell

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Dict is one dictionary's text: the .aff and .dic files decoded to UTF-8.
type Dict struct {
	Name     string
	Aff, Dic string
}

// Stats describe a Lemmas run.
type Stats struct {
	Entries int // .dic lines kept (lower-case letters only)
	Stems   int // distinct stems
	Roots   int // stems that head a paradigm
	Forms   int // distinct forms
}

type entry struct {
	stem   string
	forms  []string
	absorb int // the entry whose paradigm this one joins, or -1
	root   int
}

// Lemmas expands the dictionaries and returns, for every form, the lemmas
// (paradigm heads) it is a form of, sorted. Stems of several dictionaries
// (bokmål and nynorsk) that are spelt alike are one stem.
//
// The dictionaries are made for spell checking: a stem's flags generate
// every form of it and some forms of other words besides ("gå" generates
// "god"), and the participles and past tenses of many verbs are entries of
// their own ("etablert", "delt", "skrev"). So:
//   - an entry whose stem another entry with more forms generates joins that
//     entry's paradigm when it is that stem with an ending ("målet", listed
//     as a word of its own, joins "mål"; "nasjonalt" joins "nasjonal") or a
//     participle of it (a stem in -t or -d of a verb in a vowel: "etablert"
//     joins "etablere", "gått" "gå"); among several, the one with the longest
//     common prefix wins, then the one with most forms ("delt" joins the verb
//     "dele" rather than the noun "del");
//   - a form that is the stem of another paradigm belongs to that paradigm
//     only when it is as large as this one or larger: "god" is not a form of
//     "gå", while "nasjonalt" (an entry of one form) is a form of "nasjonal"
//     and, alas, "uten" one of "ute" as well as a word of its own.
func Lemmas(dicts []Dict) (map[string][]string, Stats, error) {
	var st Stats
	var entries []*entry
	byStem := map[string]int{}
	var buf []string
	for _, d := range dicts {
		aff, err := ParseAffixes(d.Aff)
		if err != nil {
			return nil, st, fmt.Errorf("%s.aff: %w", d.Name, err)
		}
		for _, e := range ParseDic(d.Dic) {
			st.Entries++
			buf = aff.Expand(e.Stem, e.Flags, buf)
			i, ok := byStem[e.Stem]
			if !ok {
				i = len(entries)
				byStem[e.Stem] = i
				entries = append(entries, &entry{stem: e.Stem, absorb: -1})
			}
			en := entries[i]
			for _, f := range buf {
				if !slices.Contains(en.forms, f) {
					en.forms = append(en.forms, f)
				}
			}
		}
	}
	st.Stems = len(entries)
	for i, e := range entries {
		for _, f := range e.forms[1:] {
			j, ok := byStem[f]
			if !ok || j == i {
				continue
			}
			o := entries[j]
			if len(o.forms) >= len(e.forms) || !(strings.HasPrefix(o.stem, e.stem) || participle(e.stem, o.stem)) {
				continue
			}
			if o.absorb < 0 || better(e, entries[o.absorb], o.stem) {
				o.absorb = i
			}
		}
	}
	for i, e := range entries {
		// Absorption needs strictly more forms, so there are no cycles.
		r := i
		for entries[r].absorb >= 0 {
			r = entries[r].absorb
		}
		e.root = r
		if r == i {
			st.Roots++
		}
	}
	out := map[string][]string{}
	for i, e := range entries {
		lemma := entries[e.root].stem
		for k, f := range e.forms {
			if k > 0 {
				// The stem of a paradigm as large as this one or larger is
				// not a form of this one ("god" of "gå").
				if j, ok := byStem[f]; ok && j != i && entries[j].root != e.root &&
					len(entries[entries[j].root].forms) >= len(entries[e.root].forms) {
					continue
				}
			}
			if ls := out[f]; !slices.Contains(ls, lemma) {
				out[f] = append(ls, lemma)
			}
		}
	}
	for _, ls := range out {
		slices.Sort(ls)
	}
	st.Forms = len(out)
	return out, st, nil
}

// better reports whether a is a likelier paradigm than b for the entry with
// stem s: the longer common prefix with s ("målet" is of "mål", not of
// "mele", whose -ele → -ålet rule is for "stjele"), then the more forms.
func better(a, b *entry, s string) bool {
	pa, pb := commonPrefix(a.stem, s), commonPrefix(b.stem, s)
	if pa != pb {
		return pa > pb
	}
	return len(a.forms) > len(b.forms)
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// participle reports whether p looks like a participle of the verb v: v ends
// in a vowel, p in -t or -d, they start alike, and p is not a prefix of v
// (an imperative: "kaste" → "kast").
func participle(v, p string) bool {
	return endsInVowel(v) && (strings.HasSuffix(p, "t") || strings.HasSuffix(p, "d")) &&
		p[0] == v[0] && !strings.HasPrefix(v, p)
}

func endsInVowel(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("aeiouyæøå", r)
}
