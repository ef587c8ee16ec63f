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
// (paradigm heads) it is a form of, sorted. irregular lists paradigms the
// dictionaries do not join (strong verbs, irregular comparison), each a
// lemma and its forms: see addIrregular. Stems of several dictionaries
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
//     common prefix wins, then a verb of which it is the weak participle
//     ("levert" joins "levere", not the noun "lever"), then the one with
//     most forms ("delt" joins the verb "dele" rather than the noun "del");
//   - a form that is the stem of another paradigm as large as this one or
//     larger is not a form of this one when it shares no more than its
//     first letter with this one's stem ("god" is not a form of "gå").
//     Other such forms are homographs and belong to both: "åpne" is a form
//     of the adjective "åpen" and the verb "åpne", "bor" of "bo" and of
//     "bore". Alas, "uten" is one of "ute" as well as a word of its own.
func Lemmas(dicts []Dict, irregular [][]string) (map[string][]string, Stats, error) {
	var st Stats
	var entries []*entry
	byStem := map[string]int{}
	var buf []string
	nynorsk := map[string]bool{} // stems of the nn_NO dictionary
	for _, d := range dicts {
		aff, err := ParseAffixes(d.Aff)
		if err != nil {
			return nil, st, fmt.Errorf("%s.aff: %w", d.Name, err)
		}
		for _, e := range ParseDic(d.Dic) {
			st.Entries++
			if d.Name == "nn_NO" {
				nynorsk[e.Stem] = true
			}
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
				// not a form of this one when it is alike in one letter at
				// most ("god" of "gå").
				if j, ok := byStem[f]; ok && j != i && entries[j].root != e.root &&
					len(entries[entries[j].root].forms) >= len(entries[e.root].forms) &&
					commonPrefix(f, entries[e.root].stem) < 2 {
					continue
				}
			}
			if ls := out[f]; !slices.Contains(ls, lemma) {
				out[f] = append(ls, lemma)
			}
		}
	}
	addWeakPast(out, entries, nynorsk, byStem)
	addNynorskA(out, entries, nynorsk)
	addAdjectiveForms(out, entries)
	addLoanNouns(out, entries)
	addIrregular(out, irregular, byStem, entries)
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
	// Then the verb whose weak participle s is ("levert" of "levere", not
	// of the noun "lever").
	if wa, wb := weakForm(a.stem, s), weakForm(b.stem, s); wa != wb {
		return wa
	}
	return len(a.forms) > len(b.forms)
}

// weakForm reports whether s is the weak participle of the verb v in -e
// ("etablert", "levd").
func weakForm(v, s string) bool {
	x, ok := strings.CutSuffix(v, "e")
	return ok && (s == x+"t" || s == x+"d")
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

// shortVowel reports whether s ends in one vowel after a consonant ("mø"
// of "møte", not "bløy" or "skriv").
func shortVowel(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("aeiouyæøå", r) && len(s) > n && !endsInVowel(s[:len(s)-n])
}

func endsInVowel(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("aeiouyæøå", r)
}

// addIrregular adds each form of an irregular group to the paradigm of the
// group's lemma, keeping whatever else the form is (a "skrev" of its own
// stays one), and a dictionary stem that is a listed form with a prefix
// ("foregikk") to the paradigm of the prefixed lemma ("foregå") when that
// is a stem.
func addIrregular(out map[string][]string, irregular [][]string, byStem map[string]int, entries []*entry) {
	lemmaOf := func(stem string) string {
		if i, ok := byStem[stem]; ok {
			return entries[entries[i].root].stem
		}
		return stem
	}
	add := func(f, lemma string) {
		if ls := out[f]; !slices.Contains(ls, lemma) {
			out[f] = append(ls, lemma)
		}
	}
	of := map[string][]string{}      // form → lemmas of the groups that list it
	group := map[string][][]string{} // lemma → its groups
	for _, g := range irregular {
		if len(g) < 2 {
			continue
		}
		group[g[0]] = append(group[g[0]], g)
		lemma := lemmaOf(g[0])
		for _, f := range g {
			add(f, lemma)
			if !slices.Contains(of[f], g[0]) {
				of[f] = append(of[f], g[0])
			}
		}
	}
	for _, e := range entries {
		s := e.stem
		// A prefix of two letters or more before a listed form of three or
		// more: "ga" of "gi" would make "regjeringa" a form of "regjeringi".
		for k := 2; k < len(s)-2; k++ {
			for _, base := range of[s[k:]] {
				if _, ok := byStem[s[:k]+base]; ok {
					add(s, lemmaOf(s[:k]+base))
				}
			}
		}
		// A prefixed verb ("tilbringe", "fortsette", "vedta") gets the
		// listed forms of its base with the prefix ("tilbrakte",
		// "fortsatte", "vedtok") that the dictionaries lack or list apart.
		if !slices.Contains(e.forms, s+"r") {
			continue
		}
		for k := 2; k < len(s)-1; k++ {
			for _, g := range group[s[k:]] {
				for _, f := range g[1:] {
					add(s[:k]+f, lemmaOf(s))
				}
			}
		}
	}
}

// addWeakPast adds the past tense and participle of weak verbs that the
// dictionaries list as words of their own or lack, to a stem in -e that has
// a present tense in -r, that is, a verb:
//   - a double m, n or l is simplified ("bestemme" → "bestemte",
//     "bestemt"; "kalle" → "kalte", "kalt"), in nynorsk also before -de
//     ("kjenne" → "kjende");
//   - a long vowel before -te doubles the t ("møte" → "møtte", "møtt";
//     "knyte" → "knytte"), unless that form is a noun of its own ("skate"
//     would give "skatt");
//   - nynorsk verbs in -je have the bare stem as their present ("søkje" →
//     "søk", "søkte", "søkt"; "setje" → "set"), a double consonant simplified
//     before the ending ("byggje" → "bygde", "bygd");
//   - other nynorsk verbs may have a past in -de ("føre" → "førde",
//     "høyre" → "høyrde") where that is no word of its own ("hale" does not
//     get "halde").
func addWeakPast(out map[string][]string, entries []*entry, nynorsk map[string]bool, byStem map[string]int) {
	// noun reports whether f is the stem of a dictionary entry with a
	// definite form of a noun ("skatten" of "skatt", and of "skatte").
	noun := func(f string) bool {
		j, ok := byStem[f]
		if !ok {
			return false
		}
		x := strings.TrimSuffix(f, "e")
		return slices.Contains(entries[j].forms, x+"en") || slices.Contains(entries[j].forms, x+"et")
	}
	for _, e := range entries {
		s := e.stem
		n := len(s)
		if n < 4 || s[n-1] != 'e' || !slices.Contains(e.forms, s+"r") {
			continue
		}
		// An entry that joined another paradigm ("møte" that of "møt") adds
		// to that one.
		lemma := entries[e.root].stem
		var fs []string
		switch {
		case n >= 5 && s[n-2] == s[n-3] && strings.ContainsRune("mnl", rune(s[n-2])):
			x := s[:n-2]
			fs = append(fs, x+"te", x+"t")
			if nynorsk[s] {
				fs = append(fs, x+"de")
			}
		case strings.HasSuffix(s, "te") && shortVowel(s[:n-2]):
			// møte: a vowel between consonants before -te.
			for _, f := range []string{s[:n-1] + "te", s[:n-1] + "t"} {
				if !noun(f) {
					fs = append(fs, f)
				}
			}
		case nynorsk[s] && s[n-2] == 'j' && n >= 5:
			x := s[:n-2] // søk
			fs = append(fs, x, x+"te", x+"t", x+"de", x+"d")
			if m := len(x); m >= 3 && x[m-1] == x[m-2] && !endsInVowel(x) {
				y := x[:m-1] // bygg → byg
				fs = append(fs, y+"te", y+"t", y+"de", y+"d")
			}
		case nynorsk[s] && !strings.ContainsRune("dtaeiouyæøå", rune(s[n-2])):
			if _, ok := byStem[s[:n-1]+"de"]; !ok {
				fs = append(fs, s[:n-1]+"de")
			}
		}
		for _, f := range fs {
			if ls := out[f]; !slices.Contains(ls, lemma) {
				out[f] = append(ls, lemma)
			}
		}
	}
}

// addNynorskA adds the a-infinitive that nynorsk allows beside the
// e-infinitive ("fungera", "setja", "byggja"), and the a-verb present of
// verbs in -ere ("fungerar"), to the nynorsk stems in -e with a present
// tense in -r. A noun in -e that passes (a plural in -r) gets its
// feminine definite form, which it has anyway, or a form no text holds.
func addNynorskA(out map[string][]string, entries []*entry, nynorsk map[string]bool) {
	for i, e := range entries {
		s := e.stem
		if e.root != i || !nynorsk[s] || len(s) < 3 || s[len(s)-1] != 'e' || !slices.Contains(e.forms, s+"r") {
			continue
		}
		x := s[:len(s)-1]
		fs := []string{x + "a"}
		if strings.HasSuffix(s, "ere") {
			fs = append(fs, x+"ar")
		}
		for _, f := range fs {
			if ls := out[f]; !slices.Contains(ls, s) {
				out[f] = append(ls, s)
			}
		}
	}
}

// addAdjectiveForms adds to adjectives (stems with a comparative in -ere or
// -are) the neuter the dictionaries list as a word of its own: a double
// consonant is simplified before -t ("stygg" → "stygt", "trygg" → "trygt"),
// a vowel doubles it ("ny" → "nytt", "grei" → "greitt"); and the
// superlative of a comparative in -ere or -are ("varmere" → "varmest",
// "varmeste").
func addAdjectiveForms(out map[string][]string, entries []*entry) {
	add := func(f, lemma string) {
		if ls := out[f]; !slices.Contains(ls, lemma) {
			out[f] = append(ls, lemma)
		}
	}
	for i, e := range entries {
		s := e.stem
		n := len(s)
		if e.root != i || n < 2 || !(slices.Contains(e.forms, s+"ere") || slices.Contains(e.forms, s+"are")) {
			continue
		}
		switch {
		case endsInVowel(s):
			add(s+"tt", s)
		case n >= 3 && s[n-1] == s[n-2] && strings.ContainsRune("bdgkmnpsv", rune(s[n-1])):
			add(s[:n-1]+"t", s)
		}
		for _, c := range [][2]string{{"ere", "est"}, {"are", "ast"}} {
			// The superlative goes with the comparative, even where the
			// dictionary lists it as a word of its own ("varmest").
			if slices.Contains(e.forms, s+c[0]) {
				add(s+c[1], s)
				add(s+c[1]+"e", s)
			}
		}
	}
}

// addLoanNouns gives stems in -a without inflection flags ("arena", "tema",
// "mamma", "pasta": loanwords, mostly) the noun forms the dictionaries lack
// ("arenaer", "temaet", "mammaen"). Snowball cuts the -a of the bare stem
// but not of those forms, so without them the two never meet. A stem that is
// no noun gets forms no text holds.
func addLoanNouns(out map[string][]string, entries []*entry) {
	for i, a := range entries {
		s := a.stem
		if a.root != i || len(a.forms) > 2 || len([]rune(s)) < 4 || !strings.HasSuffix(s, "a") ||
			slices.ContainsFunc(out[s], func(l string) bool { return l != s }) {
			continue // not a bare stem, or a form of another word ("kasta" of "kaste")
		}
		for _, end := range []string{"en", "ens", "er", "ers", "ene", "enes", "et", "ets"} {
			if ls := out[s+end]; !slices.Contains(ls, s) {
				out[s+end] = append(ls, s)
			}
		}
	}
}
