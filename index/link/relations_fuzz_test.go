package link

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
)

// FuzzPlans reads plan names, copies' signatures and title mentions out of
// any text: no panic, and every name is a plan word (with what it is for).
func FuzzPlans(f *testing.F) {
	for _, s := range []string{
		"Regjeringen vil invitere Sametinget til et samarbeid for å utvikle en handlingsplan for samisk språk i Norge.",
		"Én digital offentlig sektor: Digitaliseringsstrategi for offentlig sektor 2019–2025",
		"en handlingsplan for å følge opp denne strategien. tidsplan, forplante, tilbakemelding",
		"«Strategien for digital kompetanse i offentlig sektor»",
		"strategi for", "PLAN FOR ØKT", "\xff\xfeplan for x y",
		"St.meld. nr. 28 (2007-2008)\n(jf St. meld. nr. 35. (2006-2007), kap. 4) Prop. 1 S (2019–2020) Trykk: 10/2008",
		"Meld. St. 31 (2019–2020)\nTr ykk: 99/9999 bl.a. m.v. f.eks.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		into := map[string]string{}
		plans(text, into)
		for name, ev := range into {
			if name == "" || !utf8.ValidString(name) && utf8.ValidString(text) {
				t.Errorf("plan name %q from %q", name, text)
			}
			head := false
			for _, h := range planHeads {
				head = head || strings.Contains(name, h.base)
			}
			if !head {
				t.Errorf("plan name %q has no plan word", name)
			}
			if len(ev) > 4*len(text)+16 {
				t.Errorf("evidence %q longer than the text", ev)
			}
		}
		doc := corpus.Document{Title: text, Sections: []corpus.Section{{Heading: text, Text: text, References: []string{text}}}}
		readRelations(doc)
		if w := withoutReferences(text); len(w) != len(text) {
			t.Errorf("withoutReferences changed the length of %q to %q", text, w)
		}
		sig := sign(doc)
		if !sig.similar(&sig) && sig.words >= minWords {
			t.Errorf("a text is not a copy of itself")
		}
	})
}
