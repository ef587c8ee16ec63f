package hunspell

import (
	"slices"
	"strings"
	"testing"
)

// paradigmAff has the dictionaries' shapes: E plural/present in -r/-er,
// O weak past -te/-t, B neuter definite -et, W adjective neuter -t, X
// comparison, R imperative.
const paradigmAff = `SFX E Y 2
SFX E   0     r           e
SFX E   0     er          [^e]
SFX O Y 2
SFX O   e     te          [^t]e
SFX O   e     t           [^t]e
SFX B Y 1
SFX B   0     et          [^e]
SFX W Y 1
SFX W   0     t           [^t]
SFX X Y 2
SFX X   0     ere         [^e]
SFX X   0     est         [^e]
SFX R Y 1
SFX R   e     0           e
SFX M Y 1
SFX M   å     od          å
SFX G Y 1
SFX G   0     ne          e
SFX N Y 1
SFX N   0     n           e
SFX L Y 1
SFX L   0     r           å
SFX V Y 1
SFX V   ker   re          ker
`

func TestLemmas(t *testing.T) {
	nb := Dict{Name: "nb_NO", Aff: paradigmAff, Dic: strings.Join([]string{"18",
		"etablere/EOR", "etablert/E", // a participle entry of its own joins its verb
		"dele/EOR", "del/EW", "delt/E", // "delt": the verb, not the noun; "deler" both
		"gå/EML", "god/EWBX", // "god" is not a form of "gå"
		"mål/BEW", "målet/E", // a full-form entry joins the word it inflects
		"stygg/EX",                      // neuter by rule: "stygt"
		"arena",                         // an uninflected loanword gets noun forms
		"bestemme/ER",                   // weak past by rule
		"gikk", "foregå/EL", "foregikk", // irregular, also prefixed
		"sikker/V", "sikre/EOR", // "sikre": the adjective's plural and a verb
		"møte/ER",                          // -tt past by rule
		"skate/ER", "skatt/B", "skatte/NE", // but "skatt", "skatte" are nouns of their own
	}, "\n")}
	nn := Dict{Name: "nn_NO", Aff: paradigmAff, Dic: "7\nsøkje/EG\nfungere/E\ntenkje/E\nbyggje/E\nføre/E\nhale/E\nhalde/E\n"}
	irregular := [][]string{{"gå", "gikk", "gått"}}
	forms, st, err := Lemmas([]Dict{nb, nn}, irregular)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", st)
	for _, tc := range []struct {
		form   string
		lemmas []string // sorted
	}{
		{"etablerte", []string{"etablere"}},
		{"etablert", []string{"etablere"}},
		{"etablerter", []string{"etablere"}},
		{"delte", []string{"dele"}},
		{"delt", []string{"del", "dele"}}, // the dictionary's rules make it the noun's neuter too
		{"deler", []string{"del", "dele"}},
		{"god", []string{"god"}},
		{"godt", []string{"god"}},
		{"målet", []string{"mål"}},
		{"stygt", []string{"stygg"}},
		{"styggere", []string{"stygg"}},
		{"arenaer", []string{"arena"}},
		{"bestemte", []string{"bestemme"}},
		{"bestemt", []string{"bestemme"}},
		{"gikk", []string{"gikk", "gå"}},
		{"gått", []string{"gå"}},
		{"foregikk", []string{"foregikk", "foregå"}},
		{"søk", []string{"søkje"}},
		{"søkte", []string{"søkje"}},
		{"søkja", []string{"søkje"}},
		{"fungera", []string{"fungere"}},
		{"fungerar", []string{"fungere"}},
		{"sikre", []string{"sikker", "sikre"}},
		{"møtte", []string{"møte"}},
		{"møtt", []string{"møte"}},
		{"skatt", []string{"skatt"}},
		{"skatte", []string{"skatte"}},
		{"bygg", []string{"byggje"}},
		{"bygde", []string{"byggje"}},
		{"bygd", []string{"byggje"}},
		{"førde", []string{"føre"}},
		{"halde", []string{"halde"}},
		{"foregått", []string{"foregå"}},
	} {
		if got := forms[tc.form]; !slices.Equal(got, tc.lemmas) {
			t.Errorf("%s: lemmas %q, want %q", tc.form, got, tc.lemmas)
		}
	}
	if got := forms["god"]; slices.Contains(got, "gå") {
		t.Errorf(`"god" is a form of "gå": %q`, got)
	}
}

func FuzzParseAffixes(f *testing.F) {
	f.Add(paradigmAff, "dele", "EOR")
	f.Add("SFX A Y 1\nSFX A [^ae 0 .\n", "x", "A")
	f.Add("SFX é Y 1\nSFX é é eer é\n", "kafé", "é")
	f.Fuzz(func(t *testing.T, aff, stem, flags string) {
		a, err := ParseAffixes(aff)
		if err != nil {
			return
		}
		out := a.Expand(stem, flags, nil)
		if len(out) == 0 || out[0] != stem {
			t.Fatalf("Expand(%q) = %q: the stem must come first", stem, out)
		}
	})
}

func FuzzParseDic(f *testing.F) {
	f.Add("3\ndele/EOR\nA-aksje/EG\nkan\n")
	f.Add("x/\n/\n\n")
	f.Fuzz(func(t *testing.T, dic string) {
		for _, e := range ParseDic(dic) {
			if e.Stem == "" || strings.ContainsAny(e.Stem, "/ \t") {
				t.Fatalf("bad stem %q", e.Stem)
			}
		}
	})
}
