package findings

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/strategispor/strategispor/internal/corpus"
)

// FuzzFind feeds arbitrary section text through Find: it must not panic,
// and what it finds must be well-formed.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Regjeringen vil\n• styrke samarbeidet med KS\n• sørge for bedre styring",
		"Regjeringen vil, i samarbeid med KS, utrede en felles inngang. Hva vil regjeringen?",
		"Tiltak 7.1 Utarbeide felles prinsipper er ikke startet.\nStatus: Store forsinkelser",
		"Digital sikkerhet\nStatus: Ingen pågående tiltak som del av handlingsplanen",
		"Tiltakene er viktige. Vi skal nevne noen:\n1. Et tiltak skal bidra.\n2. Vi skal etablere.",
		"tiltak 4.4. Omtale … rapportert forsinket [iv]\u00a0•",
		"Regjeringa vil: • • •\n-\n1.",
	} {
		f.Add("Overskrift", s)
	}
	f.Fuzz(func(t *testing.T, heading, text string) {
		doc := corpus.Document{ID: "d", DocType: corpus.TypeStrategi, Sections: []corpus.Section{
			{ID: "d-1", Heading: heading, Text: text, ListItems: strings.Split(text, "\n")},
			{ID: "d-2", Heading: "Status: På plan", Text: text},
		}}
		Find(&doc)
		ids := map[string]bool{}
		for _, c := range doc.Commitments {
			if c.Text == "" || !utf8.ValidString(c.Text) && utf8.ValidString(heading+text) || ids[c.ID] || c.SectionID == "" {
				t.Errorf("bad commitment %+v", c)
			}
			ids[c.ID] = true
		}
		for _, tk := range doc.Tiltak {
			if ids[tk.ID] || tk.SectionID == "" || tk.Status == "" {
				t.Errorf("bad tiltak %+v", tk)
			}
			ids[tk.ID] = true
		}
	})
}

// FuzzClean checks clean's shortcuts (text already NFC, no '[', white
// space already tidy) against the full cleaning: NFC, footnote markers
// removed, white space rebuilt rune by rune by spaces.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u2007b", "\xff", "\ufffd",
		"Regjeringen vil [iv] styrke", "e\u0301", "a – b • c", "\u2000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if tidy(s) && spaces(s) != s {
			t.Errorf("tidy(%q), but rebuilding it gives %q", s, spaces(s))
		}
		if got, want := clean(s), spaces(footnoteRe.ReplaceAllString(norm.NFC.String(s), "")); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
	})
}
