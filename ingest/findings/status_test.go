package findings

import (
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

func TestNormalizeStatus(t *testing.T) {
	tests := []struct {
		name, in string
		want     corpus.Status
		phrase   string
	}{
		{"status line minor", "Status: Mindre forsinkelser", corpus.StatusMindreForsinkelser, "Mindre forsinkelser"},
		{"status line on plan", "Status: På plan", corpus.StatusPaPlan, "På plan"},
		{"status line none running", "Status: Ingen pågående tiltak som del av handlingsplanen", corpus.StatusIngenPagaendeTiltak, "Ingen pågående tiltak"},
		{"not started in sentence", "Tiltak 7.1 Utarbeide felles prinsipper … er ikke startet.", corpus.StatusIkkeStartet, "ikke startet"},
		{"not started opp", "er av kapasitetshensyn ikke startet opp", corpus.StatusIkkeStartet, "ikke startet opp"},
		{"reported delayed", "rapportert forsinket på grunn av begrenset kapasitet", corpus.StatusForsinket, "forsinket"},
		{"major delays", "Status: Store forsinkelser", corpus.StatusStoreForsinkelser, "Store forsinkelser"},
		{"significantly delayed", "er betydelig forsinket", corpus.StatusStoreForsinkelser, "betydelig forsinket"},
		{"somewhat delayed", "noe forsinket", corpus.StatusMindreForsinkelser, "noe forsinket"},
		{"not delayed", "Arbeidet er ikke forsinket", corpus.StatusPaPlan, "ikke forsinket"},
		{"follows plan", "Utvalget følger plan og skal levere", corpus.StatusPaPlan, "følger plan"},
		{"finished", "Status: Ferdigstilt", corpus.StatusFerdig, "Ferdigstilt"},
		{"done", "ett av tiltakene anser seg for ferdig", corpus.StatusFerdig, "ferdig"},
		{"not finished", "Arbeidet er ikke ferdig", corpus.StatusUkjent, "ikke ferdig"},
		{"closed", "Datafabrikken som pågående tiltak i handlingsplanen avsluttes.", corpus.StatusAvsluttet, "avsluttes"},
		{"closed past", "Status: Avsluttet", corpus.StatusAvsluttet, "Avsluttet"},
		{"nynorsk not started", "Status: Ikkje starta", corpus.StatusIkkeStartet, "Ikkje starta"},
		{"nynorsk delayed", "Tiltaket er forseinka", corpus.StatusForsinket, "forseinka"},
		{"nynorsk minor", "Status: Mindre forseinkingar", corpus.StatusMindreForsinkelser, "Mindre forseinkingar"},
		{"earliest phrase wins", "ikke startet, men planen er forsinket", corpus.StatusIkkeStartet, "ikke startet"},
		{"nbsp", "Status:\u00a0Mindre\u00a0forsinkelser", corpus.StatusMindreForsinkelser, "Mindre forsinkelser"},
		{"word inside word", "Planlegging av arbeidet", corpus.StatusUkjent, ""},
		{"nothing", "Vurdering av effekt: ikke identifisert", corpus.StatusUkjent, ""},
		{"empty", "", corpus.StatusUkjent, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, phrase := NormalizeStatus(tt.in)
			if got != tt.want || phrase != tt.phrase {
				t.Errorf("NormalizeStatus(%q) = %q, %q; want %q, %q", tt.in, got, phrase, tt.want, tt.phrase)
			}
		})
	}
}

func TestSplitStatus(t *testing.T) {
	tests := []struct {
		name, in, title string
		status          corpus.Status
		statusText      string
	}{
		{"er ikke startet", "Utarbeide felles prinsipper for samarbeid med privat sektor er ikke startet. Dette skyldes begrenset kapasitet.",
			"Utarbeide felles prinsipper for samarbeid med privat sektor", corpus.StatusIkkeStartet, "er ikke startet"},
		{"rapportert forsinket", "Omtale og vise til veileder for digitaliseringsvennlig regelverk rapportert forsinket på grunn av begrenset kapasitet.",
			"Omtale og vise til veileder for digitaliseringsvennlig regelverk", corpus.StatusForsinket, "rapportert forsinket"},
		{"status word in title is not a status", "Etablere en løsning for ferdig utfylte skjema er på plan",
			"Etablere en løsning for ferdig utfylte skjema", corpus.StatusPaPlan, "er på plan"},
		{"no status", "Etablere en nasjonal delingsplattform for data.",
			"Etablere en nasjonal delingsplattform for data", corpus.StatusUkjent, ""},
		{"er followed by other words", "Etablere et program som er viktig for kommunene er ferdigstilt.",
			"Etablere et program som er viktig for kommunene", corpus.StatusFerdig, "er ferdigstilt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, st, text := splitStatus(tt.in)
			if title != tt.title || st != tt.status || text != tt.statusText {
				t.Errorf("splitStatus(%q) = %q, %q, %q; want %q, %q, %q", tt.in, title, st, text, tt.title, tt.status, tt.statusText)
			}
		})
	}
}
