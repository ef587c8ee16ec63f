package classify

import (
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
)

func doc(source, format string, secs ...corpus.Section) *corpus.Document {
	return &corpus.Document{Source: source, Format: format, Sections: secs}
}

func sec(heading, text string) corpus.Section {
	return corpus.Section{Heading: heading, Text: text, Level: 1, Path: []string{}}
}

func TestDocTypeRules(t *testing.T) {
	long := ""
	for range 400 {
		long += "Strategien beskriver mål og virkemidler for hele forvaltningen. "
	}
	tests := []struct {
		name string
		doc  *corpus.Document
		ex   block.Extracted
		want corpus.DocType
	}{
		{"listing page", doc("l.html", "html", sec("Høyringar", "liste")),
			block.Extracted{Meta: map[string]string{"page_kind": "listing", "dc_type": "Horing"}}, corpus.TypeAnnet},
		{"lovtidend", doc("l.pdf", "pdf", sec("Forskrift om digital operasjonell motstandsdyktighet", "Norsk Lovtidend Avd. I")), block.Extracted{}, corpus.TypeLov},
		{"law by paragraphs", doc("l.txt", "txt", sec("Regler", "§ 1 Formål\n§ 2 Virkeområde\n§ 3 Definisjoner\n§ 4 Plikter\n§ 5 Ikrafttredelse")), block.Extracted{}, corpus.TypeLov},
		{"saksframlegg", doc("s.txt", "txt", sec("SAKSFRAMLEGG", "Forum: Skate")), block.Extracted{}, corpus.TypeSaksframlegg},
		{"høring by dc.type", doc("h.html", "html", sec("Forslag til endringer", "tekst")),
			block.Extracted{Meta: map[string]string{"dc_type": "Horing"}}, corpus.TypeHoring},
		{"høyring by title", doc("h.html", "html", sec("Høyring – framlegg om endringar", "tekst")), block.Extracted{}, corpus.TypeHoring},
		{"status lines", doc("s.txt", "txt", sec("Mål", "Status: På plan"), sec("Mål 2", "Status: Forsinket")), block.Extracted{}, corpus.TypeStatusrapport},
		{"one status line is not enough", doc("s.txt", "txt", sec("Mål", "Status: På plan")), block.Extracted{}, corpus.TypeArtikkel},
		{"handlingsplan by title", doc("h.txt", "txt", sec("Handlingsplan for digitalisering", "tekst")), block.Extracted{}, corpus.TypeHandlingsplan},
		{"handlingsplan by tiltak", doc("h.txt", "txt", sec("Tiltak", "Tiltak 1.1 Gjøre\nTiltak 1.2 Lage\nTiltak 2.1 Dele")), block.Extracted{}, corpus.TypeHandlingsplan},
		{"strategi by commitments", doc("s.txt", "txt", sec("Mål", "Regjeringen vil\n  • styrke samarbeidet")), block.Extracted{}, corpus.TypeStrategi},
		{"strategi by long title", doc("s.txt", "txt", sec("Nasjonal strategi for data", long)), block.Extracted{}, corpus.TypeStrategi},
		{"short strategi title is an article", doc("a.txt", "txt", sec("Ny strategi", "Kort tekst om strategien.")), block.Extracted{}, corpus.TypeArtikkel},
		{"white paper by its number line", doc("m.md", "md", corpus.Section{Text: "5 Velferdssamfunnet - regjeringen.no\n\nSt.meld. nr. 28 (2007-2008)"}, sec("Samepolitikken", "Rapporten viser. I rapporten står det.")), block.Extracted{}, corpus.TypeStortingsmelding},
		{"white paper by its colophon", doc("m.md", "md", sec("Samisk språk", "Tilråding fra Kommunal- og moderniseringsdepartementet 28. august 2020, godkjent i statsråd samme dag. (Regjeringen Solberg)")), block.Extracted{}, corpus.TypeStortingsmelding},
		{"a bill's colophon is no white paper", doc("p.md", "md", sec("Prop. 1 S (2019–2020)", "Tilråding fra Finansdepartementet 4. oktober 2019, godkjent i statsråd samme dag.")), block.Extracted{}, corpus.TypeArtikkel},
		{"a white paper named in the text is not the document", doc("r.txt", "txt", sec("Funn", "Som omtalt i St.meld. nr. 28 (2007–2008) viser rapporten. I rapporten står det.")), block.Extracted{}, corpus.TypeRapport},
		{"rapport by title", doc("r.pdf", "pdf", sec("Risiko 2021", "tekst")), block.Extracted{}, corpus.TypeRapport},
		{"rapport by mentions", doc("r.txt", "txt", sec("Funn", "Rapporten viser. I rapporten står det.")), block.Extracted{}, corpus.TypeRapport},
		{"long pdf", &corpus.Document{Source: "x.pdf", Format: "pdf", Pages: 40, Sections: []corpus.Section{sec("Innhold", "tekst")}}, block.Extracted{}, corpus.TypeRapport},
		{"short pdf with no signal", doc("x.pdf", "pdf", sec("Innhold", "tekst")), block.Extracted{}, corpus.TypeAnnet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Apply(tt.doc, tt.ex, "")
			if tt.doc.DocType != tt.want {
				t.Errorf("type %q (%s), want %q", tt.doc.DocType, tt.doc.Provenance["doc_type"], tt.want)
			}
			if tt.doc.Provenance["doc_type"] == "" {
				t.Error("no provenance for doc_type")
			}
		})
	}
}

func TestOverride(t *testing.T) {
	d := doc("s.txt", "txt", sec("SAKSFRAMLEGG", "Forum: Skate"))
	Apply(d, block.Extracted{}, corpus.TypeRapport)
	if d.DocType != corpus.TypeRapport || d.Provenance["doc_type"] != "option: type" {
		t.Errorf("override ignored: %q %q", d.DocType, d.Provenance["doc_type"])
	}
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		name        string
		doc         *corpus.Document
		ex          block.Extracted
		field, want string
	}{
		{"title from first heading over extractor", doc("f.html", "html", sec("Overskrift", "x")), block.Extracted{Title: "Sidetittel"}, "title", "Overskrift"},
		{"title from extractor when no heading", doc("f.html", "html", corpus.Section{Text: "x"}), block.Extracted{Title: "Sidetittel"}, "title", "Sidetittel"},
		{"title from file name", doc("dir/min-rapport.txt", "txt", corpus.Section{Text: "x"}), block.Extracted{}, "title", "min-rapport"},
		{"capital label skipped", doc("f.txt", "txt", sec("TIPS", "x"), sec("Råd fra Difi", "y")), block.Extracted{}, "title", "Råd fra Difi"},
		{"place and date", doc("f.txt", "txt", sec("Brev", "Med hilsen\nOslo, 27.5.2019")), block.Extracted{}, "date", "2019-05-27"},
		{"word date label", doc("f.txt", "txt", sec("Brev", "Dato: 13. juni 2019")), block.Extracted{}, "date", "2019-06-13"},
		{"labelled date beats metadata", doc("f.txt", "txt", sec("Brev", "Møtedato: 13.6.2019")),
			block.Extracted{Meta: map[string]string{"date": "2020-01-01"}}, "date", "2019-06-13"},
		{"pdf creation date", doc("f.pdf", "pdf", sec("Brev", "x")),
			block.Extracted{Meta: map[string]string{"date": "D:20211203101010"}, MetaSource: map[string]string{"date": "pdf: /CreationDate"}}, "date", "2021-12-03"},
		{"white paper colophon", doc("f.md", "md", sec("Samisk språk", "Tilråding fra Kommunal- og moderniseringsdepartementet 28. august 2020, godkjent i statsråd samme dag.")), block.Extracted{}, "date", "2020-08-28"},
		{"unlabelled date in prose is ignored", doc("f.txt", "txt", sec("Brev", "Fristen er 13.6.2019 for alle.")), block.Extracted{}, "date", ""},
		{"authored by", doc("f.txt", "txt", sec("Sak", "Saksframlegget er utarbeidet av Difi")), block.Extracted{}, "organisation", "Difi"},
		{"responsible pair", doc("f.txt", "txt", sec("Plan", "Gjennom planen er Digdir og KS ansvarlig for oppfølging.")), block.Extracted{}, "organisation", "Digdir/KS"},
		{"long name shortened", doc("f.txt", "txt", sec("Plan", "Rapporten er utgitt av Nasjonal sikkerhetsmyndighet i 2021.")), block.Extracted{}, "organisation", "NSM"},
		{"known department shortened", doc("f.txt", "txt", sec("Plan", "Notatet er utarbeidet av Kommunal- og distriktsdepartementet.")), block.Extracted{}, "organisation", "KDD"},
		{"other department kept", doc("f.txt", "txt", sec("Plan", "Notatet er utarbeidet av Klima- og miljødepartementet.")), block.Extracted{}, "organisation", "Klima- og miljødepartementet"},
		{"mention is not authorship", doc("f.txt", "txt", sec("Plan", "Difi og KS samarbeider om dette.")), block.Extracted{}, "organisation", ""},
		{"html author", doc("f.html", "html", sec("Høring", "x")),
			block.Extracted{Meta: map[string]string{"organisation": "Energidepartementet"}}, "organisation", "Energidepartementet"},
		{"period in parentheses", doc("f.txt", "txt", sec("Plan", "Én digital offentlig sektor (2019-2025) skal")), block.Extracted{}, "period", "2019–2025"},
		{"period from title", doc("f.txt", "txt", sec("Strategi 2024–2030", "x")), block.Extracted{}, "period", "2024–2030"},
		{"unparenthesised period in prose ignored", doc("f.txt", "txt", sec("Plan", "strategien for 2019-2025 gjelder")), block.Extracted{}, "period", ""},
		{"nynorsk by markers", doc("f.txt", "txt", sec("Plan", "Eg veit ikkje kva regjeringa vil gjere, men det er berre eit forslag frå dei.")), block.Extracted{}, "language", "nn"},
		{"bokmål by markers", doc("f.txt", "txt", sec("Plan", "Jeg vet ikke hva regjeringen vil gjøre, men det er bare et forslag fra de.")), block.Extracted{}, "language", "nb"},
		{"html lang wins", doc("f.html", "html", sec("Plan", "Jeg vet ikke hva regjeringen vil gjøre, men det er bare et forslag fra de.")),
			block.Extracted{Meta: map[string]string{"language": "nn"}}, "language", "nn"},
		{"too little text for a language", doc("f.txt", "txt", sec("Plan", "Data Act")), block.Extracted{}, "language", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Apply(tt.doc, tt.ex, "")
			got := map[string]string{
				"title": tt.doc.Title, "date": tt.doc.Date, "organisation": tt.doc.Organisation,
				"period": tt.doc.Period, "language": tt.doc.Language,
			}[tt.field]
			if got != tt.want {
				t.Errorf("%s = %q (%s), want %q", tt.field, got, tt.doc.Provenance[tt.field], tt.want)
			}
			if got != "" && tt.doc.Provenance[tt.field] == "" {
				t.Errorf("%s has no provenance", tt.field)
			}
		})
	}
}
