package link

import (
	"testing"

	noanalysis "github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/internal/corpus"
)

func TestDating(t *testing.T) {
	tests := []struct {
		name     string
		doc      corpus.Document
		own      string
		from, to int
	}{
		{"date", corpus.Document{Date: "2019-06-13"}, "", 2019, 2019},
		{"own number line", corpus.Document{Title: "5 Velferd - regjeringen.no", Sections: []corpus.Section{{Text: "St.meld. nr. 28 (2007-2008)\n\nRegjeringen vil …"}}}, "meld 28 2007-2008", 2007, 2008},
		{"new style number", corpus.Document{Sections: []corpus.Section{{Heading: "Meld. St. 31 (2019–2020)"}}}, "meld 31 2019-2020", 2019, 2020},
		{"a bill", corpus.Document{Sections: []corpus.Section{{Heading: "Prop. 1 S (2019–2020)"}}}, "prop 1 s 2019-2020", 2019, 2020},
		{"print mark", corpus.Document{Sections: []corpus.Section{{Text: "Publikasjonskode: A - 0024 B/S\n\nTr ykk: 10/2008 - 500\nTrykk: 10/2008 - 500"}}}, "", 2008, 2008},
		{"a number named in running text is not its own", corpus.Document{Sections: []corpus.Section{{Text: "Som i St.meld. nr. 28 (2007-2008) varslet."}}}, "", 0, 0},
		{"nothing", corpus.Document{Title: "Handlingsplan for samiske språk"}, "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			own, when, _ := dating(tt.doc)
			if own.key != tt.own || when.from != tt.from || when.to != tt.to {
				t.Errorf("dating = %q %d–%d, want %q %d–%d", own.key, when.from, when.to, tt.own, tt.from, tt.to)
			}
		})
	}
}

func TestWithoutReferences(t *testing.T) {
	a, err := noanalysis.New(noanalysis.Config{})
	if err != nil {
		t.Fatal(err)
	}
	an := analyzer{a.Text}
	got := an.terms("tannhelse i den samiske befolkning (jf St. meld. nr. 35. (2006-2007), kap. 4)")
	for _, k := range []string{"st", "meld", "nr", "jf", "kap"} {
		if _, ok := got[k]; ok {
			t.Errorf("%q counted as a word: %v", k, got)
		}
	}
	if len(got) < 3 {
		t.Errorf("the subject is lost: %v", got)
	}
}

// TestCalibrateNeverSaturates: more evidence always shows a higher score
// below 1, and the reasons still add up to the score.
func TestCalibrateNeverSaturates(t *testing.T) {
	prev := 0.0
	for _, raw := range []float64{0.1, 0.25, 0.5, 0.85, 1.0, 1.3, 1.7} {
		sc := scored{score: raw, reasons: []corpus.Reason{{Kind: "shared_terms", Weight: raw * 0.6}, {Kind: "shared_heading", Weight: raw * 0.4}}}
		calibrate(&sc)
		if sc.score <= prev || sc.score >= 1 {
			t.Errorf("evidence %.2f scores %.3f after %.3f", raw, sc.score, prev)
		}
		if sum := sc.reasons[0].Weight + sc.reasons[1].Weight; sum < sc.score-0.002 || sum > sc.score+0.002 {
			t.Errorf("evidence %.2f: reasons add up to %.3f, score %.3f", raw, sum, sc.score)
		}
		prev = sc.score
	}
}
