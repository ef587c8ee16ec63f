package ingest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

func headings(doc corpus.Document) []string {
	var hs []string
	for _, s := range doc.Sections {
		hs = append(hs, s.Heading)
	}
	return hs
}

func TestStatusReportSections(t *testing.T) {
	doc := seedDoc(t, "digdir-ks-statusrapport-handlingsplan-2023.txt")
	want := []string{
		"Handlingsplanen – status på innsatsområdene",
		"Sammenhengende tjenester med brukeren i sentrum",
		"Økt deling av data og verdiskapning",
		"Felles økosystem for nasjonal digital samhandling og tjenesteutvikling",
		"Klart og digitaliseringsvennlig regelverk",
		"Styring og samordning for en mer sammenhengende offentlig sektor",
		"Styrket samarbeid med privat sektor",
		"Digital sikkerhet",
		"Utfordringer og anbefalinger",
	}
	if got := headings(doc); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n got %q\nwant %q", got, want)
	}
	for _, s := range doc.Sections[1:8] {
		if !strings.Contains(s.Text, "\nStatus: ") && !strings.HasPrefix(s.Text, "Status: ") {
			t.Errorf("%q lost its Status: line", s.Heading)
		}
		if !reflect.DeepEqual(s.Path, []string{want[0]}) || s.Level != 2 {
			t.Errorf("%q: path %q level %d", s.Heading, s.Path, s.Level)
		}
	}
	if doc.DocType != corpus.TypeStatusrapport || doc.Period != "2019–2025" || doc.Organisation != "Digdir/KS" {
		t.Errorf("type %q period %q organisation %q", doc.DocType, doc.Period, doc.Organisation)
	}
}

func TestSaksframleggSections(t *testing.T) {
	doc := seedDoc(t, "skate-saksframlegg-sak-13-2019.txt")
	want := []string{
		"SAKSFRAMLEGG",
		"Historikk/bakgrunn",
		"Forslag til beslutning",
		"Presentasjon av saken",
		"Difis tverrgående digitaliseringsstrategi",
		"Operasjonalisering av handlingsplanen til regjeringens digitaliseringsstrategi",
		"Innspill fra Skates arbeidsutvalg (AU)",
		"Vedlegg",
	}
	if got := headings(doc); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n got %q\nwant %q", got, want)
	}
	beslutning := doc.Sections[2]
	if !strings.HasPrefix(beslutning.Text, "Difi oppfordres til å\n") || len(beslutning.ListItems) != 2 {
		t.Errorf("lead-in and items not kept together: %q %q", beslutning.Text, beslutning.ListItems)
	}
	if got := doc.Sections[4].Path; !reflect.DeepEqual(got, []string{"Presentasjon av saken"}) {
		t.Errorf("path of a sub-heading = %q", got)
	}
	checks := map[string][2]string{
		"doc_type":     {string(doc.DocType), "saksframlegg"},
		"date":         {doc.Date, "2019-06-13"},
		"case_number":  {doc.CaseNumber, "Sak 13/2019"},
		"organisation": {doc.Organisation, "Difi"},
		"title":        {doc.Title, "Regjeringens digitaliseringsstrategi - Operasjonalisering"},
	}
	for field, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", field, c[0], c[1])
		}
	}
	if !strings.Contains(doc.Provenance["date"], "Møtedato: 13.6.2019") {
		t.Errorf("date provenance %q", doc.Provenance["date"])
	}
}

func TestITIPraksisSections(t *testing.T) {
	doc := seedDoc(t, "it-i-praksis-2020.txt")
	want := []string{
		"IT i praksis 2020 – Digitalisering i et nedstengt land",
		"Publikum har tillitt",
		"Økt deling av data",
		"Klart og digitaliseringsvennlig regelverk",
		"Felles økosystem for nasjonal digital samhandling og tjenesteutvikling",
		"Styring og samordning for en mer sammenhengende offentlig sektor",
		"Digital kompetanse",
		"Vi kan nå digitaliseringsmålene om vi løser kjente utfordringer",
		"Kunstig intelligens (AI) på full fart inn i offentlig sektor",
	}
	if got := headings(doc); !reflect.DeepEqual(got, want) {
		t.Fatalf("headings:\n got %q\nwant %q", got, want)
	}
	nav := []string{"Gå til hovedsiden", "Les mer:", "Mest populære", "Last ned rapporten her", "Du kan lese mer om", "Hele rapporten finner du her"}
	for _, s := range doc.Sections {
		for _, n := range nav {
			if strings.Contains(s.Text, n) || strings.Contains(s.Heading, n) {
				t.Errorf("section %q keeps navigation %q", s.Heading, n)
			}
		}
	}
	if doc.DocType != corpus.TypeRapport {
		t.Errorf("type %q", doc.DocType)
	}
}

func TestStrategySections(t *testing.T) {
	doc := seedDoc(t, "regjeringen-digitaliseringsstrategi-2024-2030.txt")
	if doc.DocType != corpus.TypeStrategi {
		t.Errorf("type %q", doc.DocType)
	}
	title := "Forsterke styring og samordning i offentlig sektor"
	var leadIns, items, refs int
	for _, s := range doc.Sections {
		base := strings.TrimSuffix(s.Heading, " ("+itoa(s.Ordinal)+")")
		switch {
		case s.Heading == "Mål":
			if !reflect.DeepEqual(s.Path, []string{title}) {
				t.Errorf("Mål path %q", s.Path)
			}
		case strings.HasPrefix(base, title):
		default:
			t.Errorf("unexpected heading %q (table rows and lead-ins are no headings)", s.Heading)
		}
		if words := len(strings.Fields(s.Text)); words > 450 {
			t.Errorf("%q has %d words", s.Heading, words)
		}
		leadIns += strings.Count(s.Text, "Regjeringen vil\n")
		items += len(s.ListItems)
		refs += len(s.References)
		for _, r := range s.References {
			if !strings.HasPrefix(r, "[") {
				t.Errorf("reference without its marker: %q", r)
			}
		}
		if strings.Contains(s.Text, "\n[i] ") || strings.HasPrefix(s.Text, "[i] ") {
			t.Errorf("footnote left in the text of %q", s.Heading)
		}
	}
	if leadIns != 3 || items != 19 {
		t.Errorf("%d \"Regjeringen vil\" lead-ins with %d items, want 3 with 19", leadIns, items)
	}
	// The text has 27 footnote lines: [i]–[iv], [v]–[viii], [i]–[iii], [iv], [i]–[v], [vii]–[xvi].
	if refs != 27 {
		t.Errorf("%d references, want the 27 footnotes of the text", refs)
	}
}

func TestArticleSections(t *testing.T) {
	doc := seedDoc(t, "difi-artikkel-tverrgaende-digitaliseringsstrategi.txt")
	if doc.DocType != corpus.TypeArtikkel {
		t.Errorf("type %q", doc.DocType)
	}
	last := doc.Sections[len(doc.Sections)-1]
	if len(last.ListItems) != 4 || !strings.Contains(last.Text, "Vi skal nevne noen:\n") {
		t.Errorf("numbered tiltak not kept with their lead-in: %d items", len(last.ListItems))
	}
}
