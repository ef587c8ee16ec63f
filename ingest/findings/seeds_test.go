package findings_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite golden files")

// seed ingests one of the shared seed documents with the real pipeline
// (which calls findings.Find).
func seed(t *testing.T, name string) corpus.Document {
	t.Helper()
	dir := testutil.RepoRoot(t)
	path := filepath.Join(dir, "..", "shared", "seeds", name)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skip("../shared/seeds is absent")
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.File(context.Background(), name, data, ingest.Options{SourceKey: "seeds/" + name})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

const (
	statusReport = "000_62df0d945ec21519.txt"
	difiArticle  = "001_27b1491172abdf8a.txt"
	skateCase    = "002_eb6b74dc54c3240e.txt"
	strategy     = "003_5de24772d35db489.txt"
	itIPraksis   = "004_f1ed09b0f05e41b4.txt"
)

func TestStrategySeedCommitments(t *testing.T) {
	doc := seed(t, strategy)
	var bullets []corpus.Commitment
	lists := map[string]int{}
	prose := map[string]bool{}
	for _, c := range doc.Commitments {
		switch c.Kind {
		case corpus.KindBullet:
			bullets = append(bullets, c)
			lists[c.SectionID]++
			if c.Context.LeadIn != "Regjeringen vil" {
				t.Errorf("bullet %q has lead-in %q", c.Text, c.Context.LeadIn)
			}
		case corpus.KindProse:
			prose[c.Text] = true
		}
		if !strings.HasPrefix(c.ID, doc.ID+"-c") || len(c.ID) != len(doc.ID)+10 {
			t.Errorf("commitment id %q is not %s-c + 8 hex", c.ID, doc.ID)
		}
		if strings.ContainsRune(c.Text, '\u00a0') || strings.Contains(c.Text, "  ") {
			t.Errorf("commitment text not normalized: %q", c.Text)
		}
		if len(c.Context.Path) == 0 {
			t.Errorf("commitment %q has no chapter path", c.Text)
		}
	}
	if len(bullets) != 19 {
		t.Errorf("got %d bullet commitments, want 19", len(bullets))
	}
	if len(lists) != 3 {
		t.Errorf("bullets come from %d lists, want 3: %v", len(lists), lists)
	}
	for _, want := range []string{
		"få på plass veiledning om regelverksutvikling innen digitalisering, datadeling og KI", // had a non-breaking space
		"delta aktivt i utformingen av EUs fremtidige langtidsprogrammer på digitaliseringsområdet",
		"videreføre og styrke arbeidet med forenkling for frivillig sektor",
	} {
		found := false
		for _, b := range bullets {
			found = found || b.Text == want
		}
		if !found {
			t.Errorf("missing bullet %q", want)
		}
	}
	for _, want := range []string{
		"Regjeringen vil styrke arbeidet med digitaliseringsvennlig regelverk.",
		"Regjeringen vil identifisere nye områder for samarbeid om digitalisering mellom offentlig, privat og frivillig sektor.",
		"Regjeringen vil derfor styrke samarbeidet med KS om digitalisering på tvers av sektorer og forvaltningsnivåer.",
		"For å bidra til at det gjennomføres enda flere lønnsomme digitaliseringstiltak, vil regjeringen styrke medfinansieringsordningen.",
		"Regjeringen vil, i samarbeid med KS, utrede en felles inngang til generell og personlig tilpasset informasjon og til digitale offentlige tjenester.",
	} {
		if !prose[want] {
			t.Errorf("missing prose commitment %q", want)
		}
	}
}

func TestStatusReportTiltak(t *testing.T) {
	doc := seed(t, statusReport)
	byRef := map[string]corpus.Tiltak{}
	for _, tk := range doc.Tiltak {
		byRef[tk.Ref] = tk
	}
	tests := []struct {
		ref        string
		kind       corpus.TiltakKind
		status     corpus.Status
		statusText string
		text       string
	}{
		{"7.1", corpus.TiltakNumbered, corpus.StatusIkkeStartet, "er ikke startet", "Utarbeide felles prinsipper for samarbeid med privat sektor på digitaliseringsområdet med sikte på å videreutvikle et slikt samarbeid"},
		{"4.4", corpus.TiltakNumbered, corpus.StatusForsinket, "rapportert forsinket", "Omtale og vise til veileder for digitaliseringsvennlig regelverk"},
		{"5", corpus.TiltakReference, corpus.StatusUkjent, "", "Tiltak 5 i nasjonal strategi for digital sikkerhet"},
		{"Klart og digitaliseringsvennlig regelverk", corpus.TiltakInnsatsomraade, corpus.StatusMindreForsinkelser, "Mindre forsinkelser", "Klart og digitaliseringsvennlig regelverk: Regelverket skal være klart"},
		{"Felles økosystem for nasjonal digital samhandling og tjenesteutvikling", corpus.TiltakInnsatsomraade, corpus.StatusPaPlan, "På plan", "Felles økosystem"},
		{"Styrket samarbeid med privat sektor", corpus.TiltakInnsatsomraade, corpus.StatusIngenPagaendeTiltak, "Ingen pågående tiltak som del av handlingsplanen", "Styrket samarbeid med privat sektor: Samarbeid med privat sektor"},
		{"Digital sikkerhet", corpus.TiltakInnsatsomraade, corpus.StatusIngenPagaendeTiltak, "Ingen pågående tiltak som del av handlingsplanen", "Digital sikkerhet: Offentlig sektor skal digitaliseres"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			tk, ok := byRef[tt.ref]
			if !ok {
				t.Fatalf("no tiltak %q", tt.ref)
			}
			if tk.Kind != tt.kind || tk.Status != tt.status || tk.StatusText != tt.statusText || !strings.HasPrefix(tk.Text, tt.text) {
				t.Errorf("got %s %q %q %q", tk.Kind, tk.Status, tk.StatusText, tk.Text)
			}
			if tk.Status != corpus.StatusUkjent && tk.Evidence == "" {
				t.Error("status without evidence")
			}
			if tk.SectionID == "" || tk.DocumentID != doc.ID {
				t.Errorf("tiltak not placed: %+v", tk)
			}
		})
	}
	if got := byRef["5"].RefersTo; got != "nasjonal strategi for digital sikkerhet" {
		t.Errorf("tiltak 5 refers to %q", got)
	}
	if n := len(doc.Tiltak); n != 10 {
		t.Errorf("got %d tiltak, want 10 (7 innsatsområder, 2 numbered, 1 reference)", n)
	}
	if len(doc.Commitments) != 0 {
		t.Errorf("a status report by Digdir/KS holds no government commitments, got %d", len(doc.Commitments))
	}
}

func TestOtherSeeds(t *testing.T) {
	t.Run("difi article: four measures after 'Vi skal nevne noen:'", func(t *testing.T) {
		doc := seed(t, difiArticle)
		if len(doc.Tiltak) != 4 {
			t.Fatalf("got %d tiltak, want 4", len(doc.Tiltak))
		}
		for i, tk := range doc.Tiltak {
			if tk.Kind != corpus.TiltakListItem || tk.Ref != string(rune('1'+i)) {
				t.Errorf("tiltak %d: %s ref %q", i, tk.Kind, tk.Ref)
			}
		}
		if !strings.HasPrefix(doc.Tiltak[3].Text, "Vi skal skape arenaer som bidrar til mer innovative anskaffelser.") {
			t.Errorf("tiltak 4 = %q", doc.Tiltak[3].Text)
		}
	})
	t.Run("skate case: steps and proposals are not measures or commitments", func(t *testing.T) {
		doc := seed(t, skateCase)
		if len(doc.Tiltak)+len(doc.Commitments) != 0 {
			t.Errorf("got %d tiltak, %d commitments", len(doc.Tiltak), len(doc.Commitments))
		}
	})
	t.Run("IT i praksis: a survey commits to nothing", func(t *testing.T) {
		doc := seed(t, itIPraksis)
		if len(doc.Tiltak)+len(doc.Commitments) != 0 {
			t.Errorf("got %d tiltak, %d commitments", len(doc.Tiltak), len(doc.Commitments))
		}
	})
}

// TestSeedFindingsGolden pins everything found in the seeds, so that a
// change to the rules shows up as a diff in testdata/golden.
func TestSeedFindingsGolden(t *testing.T) {
	for _, name := range []string{statusReport, difiArticle, skateCase, strategy, itIPraksis} {
		t.Run(name, func(t *testing.T) {
			doc := seed(t, name)
			type finding struct {
				Commitments []corpus.Commitment `json:"commitments"`
				Tiltak      []corpus.Tiltak     `json:"tiltak"`
			}
			got, err := json.MarshalIndent(finding{doc.Commitments, doc.Tiltak}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("findings differ from %s; run with -update if intended", golden)
			}
		})
	}
}
