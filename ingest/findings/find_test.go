package findings

import (
	"slices"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// doc builds a document from sections given as heading + text.
func doc(typ corpus.DocType, org string, secs ...corpus.Section) corpus.Document {
	d := corpus.Document{ID: "d-1", DocType: typ, Organisation: org}
	for i, s := range secs {
		s.ID = "d-1-s" + string(rune('a'+i))
		s.DocumentID = d.ID
		s.Ordinal = i
		d.Sections = append(d.Sections, s)
	}
	return d
}

func texts(cs []corpus.Commitment, kind corpus.CommitmentKind) []string {
	var out []string
	for _, c := range cs {
		if c.Kind == kind {
			out = append(out, c.Text)
		}
	}
	return out
}

func TestFindCommitments(t *testing.T) {
	tests := []struct {
		name    string
		doc     corpus.Document
		bullets []string
		prose   []string
	}{
		{
			name:    "lead-in line and bullet markers",
			doc:     doc(corpus.TypeStrategi, "", corpus.Section{Heading: "Samarbeid", Text: "Noe tekst.\n\nRegjeringen vil\n\n• styrke samarbeidet med KS\n• sørge for\u00a0bedre  styring;"}),
			bullets: []string{"styrke samarbeidet med KS", "sørge for bedre styring"},
		},
		{
			name: "lead-in as heading, markers stripped, items in ListItems",
			doc: doc(corpus.TypeStrategi, "", corpus.Section{Heading: "Regjeringen vil", Text: "styrke samarbeidet med KS\nsørge for bedre styring",
				ListItems: []string{"styrke samarbeidet med KS", "sørge for bedre styring"}}),
			bullets: []string{"styrke samarbeidet med KS", "sørge for bedre styring"},
		},
		{
			name:    "bullets glued into one line by a PDF extractor",
			doc:     doc(corpus.TypeStrategi, "", corpus.Section{Heading: "Mål", Text: "Regjeringen vil: • styrke samarbeidet med KS • sørge for bedre styring"}),
			bullets: []string{"styrke samarbeidet med KS", "sørge for bedre styring"},
		},
		{
			name:    "nynorsk lead-in",
			doc:     doc(corpus.TypeStrategi, "", corpus.Section{Heading: "Mål", Text: "Regjeringa vil\n- greie ut ei felles inngangsdør\n- styrkje arbeidet med klårt lovspråk"}),
			bullets: []string{"greie ut ei felles inngangsdør", "styrkje arbeidet med klårt lovspråk"},
		},
		{
			name:    "Vi vil in a ministry's document",
			doc:     doc(corpus.TypeHandlingsplan, "Digitaliserings- og forvaltningsdepartementet", corpus.Section{Heading: "Tiltak", Text: "Vi vil:\n• etablere en utprøvingsarena"}),
			bullets: []string{"etablere en utprøvingsarena"},
		},
		{
			name: "Vi vil in an agency article is not the government's",
			doc:  doc(corpus.TypeArtikkel, "Difi", corpus.Section{Heading: "Tiltak", Text: "Vi vil:\n• etablere en utprøvingsarena"}),
		},
		{
			name:  "a Markdown marker between two sentences",
			doc:   doc(corpus.TypeStrategi, "", corpus.Section{Heading: "Barn", Text: "Regjeringen vil prøve ut en ordning med fritidskort. # Regjeringen vil innføre redusert betaling for SFO."}),
			prose: []string{"Regjeringen vil prøve ut en ordning med fritidskort.", "Regjeringen vil innføre redusert betaling for SFO."},
		},
		{
			name: "prose forms",
			doc: doc(corpus.TypeStrategi, "", corpus.Section{Heading: "Kapittel", Text: "DSOP har bidratt. Regjeringen vil derfor styrke samarbeidet med KS. " +
				"For å bidra til flere tiltak, vil regjeringen styrke medfinansieringsordningen. " +
				"Regjeringen vil, i samarbeid med KS, utrede en felles inngang. " +
				"Regjeringen vil frem mot 2030 sikre sterkere styring og samordning av\ndigitaliseringen på tvers av sektorer. " +
				"Hva regjeringen vil gjøre videre? Hvordan dette vil utvikle seg, er uklart. Regjeringen vil kunne vurdere dette senere. " +
				"Regjeringa vil greie ut ei ny ordning."}),
			prose: []string{
				"Regjeringen vil derfor styrke samarbeidet med KS.",
				"For å bidra til flere tiltak, vil regjeringen styrke medfinansieringsordningen.",
				"Regjeringen vil, i samarbeid med KS, utrede en felles inngang.",
				"Regjeringen vil frem mot 2030 sikre sterkere styring og samordning av digitaliseringen på tvers av sektorer.",
				"Regjeringa vil greie ut ei ny ordning.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc
			Find(&d)
			if got := texts(d.Commitments, corpus.KindBullet); !slices.Equal(got, tt.bullets) {
				t.Errorf("bullets = %q, want %q", got, tt.bullets)
			}
			if got := texts(d.Commitments, corpus.KindProse); !slices.Equal(got, tt.prose) {
				t.Errorf("prose = %q, want %q", got, tt.prose)
			}
			ids := map[string]bool{}
			for _, c := range d.Commitments {
				if !strings.HasPrefix(c.ID, d.ID+"-c") || ids[c.ID] {
					t.Errorf("bad or duplicate id %q", c.ID)
				}
				ids[c.ID] = true
				if c.SectionID == "" || c.DocumentID != d.ID {
					t.Errorf("commitment %q not placed: %+v", c.Text, c)
				}
				if slices.Contains(c.Context.Path, "Regjeringen vil") {
					t.Errorf("lead-in heading in context path: %q", c.Context.Path)
				}
			}
		})
	}
}

func TestFindTiltak(t *testing.T) {
	type want struct {
		kind   corpus.TiltakKind
		ref    string
		status corpus.Status
	}
	tests := []struct {
		name   string
		doc    corpus.Document
		want   []want
		status string // the document's own status
	}{
		{
			name: "numbered heading with a status line",
			doc:  doc(corpus.TypeStatusrapport, "", corpus.Section{Heading: "Tiltak 12: Etablere en felles inngang", Text: "Status: Store forsinkelser\nArbeidet har stått stille."}),
			want: []want{{corpus.TiltakNumbered, "12", corpus.StatusStoreForsinkelser}},
		},
		{
			name: "innsatsområde with status line read as heading",
			doc: doc(corpus.TypeStatusrapport, "",
				corpus.Section{Heading: "Digital sikkerhet", Text: "Offentlig sektor skal digitaliseres trygt."},
				corpus.Section{Heading: "Status: På plan", Text: "Arbeidet går godt."}),
			want: []want{{corpus.TiltakInnsatsomraade, "Digital sikkerhet", corpus.StatusPaPlan}},
		},
		{
			name: "mentions and the document's own plan are not tiltak",
			doc:  doc(corpus.TypeStatusrapport, "", corpus.Section{Heading: "Vurdering", Text: "Det er ikke kommet effekter av tiltak 7.1, siden tiltaket ikke er startet. Se tiltak 3 i handlingsplanen."}),
		},
		{
			name: "numbered list introduced as measures",
			doc:  doc(corpus.TypeArtikkel, "", corpus.Section{Heading: "Tiltak", Text: "Tiltakene i strategien skal være kraftfulle. Vi skal nevne noen:\n1. Et tiltak skal bidra til prioritering.\n2. Vi skal etablere en plattform."}),
			want: []want{{corpus.TiltakListItem, "1", corpus.StatusUkjent}, {corpus.TiltakListItem, "2", corpus.StatusUkjent}},
		},
		{
			name: "a paragraph that opens with its number, title in lower case",
			doc: doc(corpus.TypeHandlingsplan, "",
				corpus.Section{Heading: "Barnehage", Text: "Tiltak 1. barnehagetilbud til samiske barn Informasjon om rettigheter og tilbud til samiske barn.\n\nDette er omtalt i tiltak 2, som kommer senere."}),
			want: []want{{corpus.TiltakNumbered, "1", corpus.StatusUkjent}},
		},
		{
			name: "a hearing's status is the document's, not a tiltak",
			doc: doc(corpus.TypeHoring, "",
				corpus.Section{Heading: "Høring | Dato: 03.07.2026 | Energidepartementet", Text: "Status: På høring\nHøringsfrist: 3. oktober 2026"}),
			status: "På høring",
		},
		{
			name: "a nynorsk hearing and a finished one",
			doc: doc(corpus.TypeHoring, "",
				corpus.Section{Heading: "Høyring om opplysingsplikt", Text: "Status: På høyring"},
				corpus.Section{Heading: "Høring om avskoging", Text: "Status: Ferdigbehandlet"}),
			status: "På høyring",
		},
		{
			name: "a measure status beside a document status",
			doc: doc(corpus.TypeStatusrapport, "",
				corpus.Section{Heading: "Om rapporten", Text: "Status: Utkast"},
				corpus.Section{Heading: "Felles økosystem", Text: "Status: Mindre forsinkelser"}),
			want:   []want{{corpus.TiltakInnsatsomraade, "Felles økosystem", corpus.StatusMindreForsinkelser}},
			status: "Utkast",
		},
		{
			name: "a list introduced by a sentence that ends in a full stop",
			doc: doc(corpus.TypeRapport, "", corpus.Section{Heading: "Prioritert liste over anbefalte tiltak", Text: "Listen nedenfor viser en prioritert liste over tiltak vi mener er nødvendig for å realisere datadeling. Tiltakene 4-6 bør realiseres senere.\n\n" +
				"1. Felles tillitsmodell for datadeling\n2. Etablering av PIL for datadeling\n3. Rammeverk for hendelsesbasert samhandling"}),
			want: []want{{corpus.TiltakListItem, "1", corpus.StatusUkjent}, {corpus.TiltakListItem, "2", corpus.StatusUkjent}, {corpus.TiltakListItem, "3", corpus.StatusUkjent}},
		},
		{
			name: "a full-stop sentence about a list that is not of tiltak",
			doc:  doc(corpus.TypeRapport, "", corpus.Section{Heading: "Eksempler", Text: "Listen nedenfor viser eksempler på tjenester.\n\n1. Skjema\n2. Innsyn"}),
		},
		{
			name: "a full-stop sentence about tiltak that does not point at the list",
			doc:  doc(corpus.TypeRapport, "", corpus.Section{Heading: "Vurdering", Text: "Flere tiltak er gjennomført i år.\n\n• Skjema\n• Innsyn"}),
		},
		{
			name: "bullets right under a heading that names tiltak",
			doc: doc(corpus.TypeRapport, "", corpus.Section{Heading: "Anbefalte tiltak", Text: "• Kartlegging av eksisterende løsninger.\n• Enighet om felles målbilde."},
				corpus.Section{Heading: "Status for arbeidet med tiltak", Text: "• Ikke en liste over tiltak\n• men over noe annet"}),
			want: []want{{corpus.TiltakListItem, "1", corpus.StatusUkjent}, {corpus.TiltakListItem, "2", corpus.StatusUkjent}},
		},
		{
			name: "a colon paragraph under a heading that names tiltak",
			doc:  doc(corpus.TypeRapport, "", corpus.Section{Heading: "Anbefalt tiltak", Text: "Det er derfor behov for å:\n\n• beskrive behovet\n• planlegge arbeidet med PIL"}),
			want: []want{{corpus.TiltakListItem, "1", corpus.StatusUkjent}, {corpus.TiltakListItem, "2", corpus.StatusUkjent}},
		},
		{
			name: "a colon paragraph under a subheading of a heading that names tiltak",
			doc: doc(corpus.TypeRapport, "", corpus.Section{Heading: "Anbefalte tiltak", Text: "NSM har flere anbefalinger."},
				corpus.Section{Heading: "IKT-SIKKERHET", Path: []string{"Anbefalte tiltak"}, Text: "NSM anbefaler:\n\n1. Etablering av et nasjonalt målbilde\n2. Bedre oversikt over verdier"}),
			want: []want{{corpus.TiltakListItem, "1", corpus.StatusUkjent}, {corpus.TiltakListItem, "2", corpus.StatusUkjent}},
		},
		{
			name: "a colon paragraph two levels under such a heading is not taken",
			doc: doc(corpus.TypeRapport, "", corpus.Section{Heading: "Tiltak", Text: "Kapitlet beskriver arbeidet."},
				corpus.Section{Heading: "Bakgrunn", Path: []string{"Tiltak", "Om arbeidet"}, Text: "Arbeidet har tre deler:\n\n1. Kartlegging\n2. Analyse"}),
		},
		{
			name: "a status line on one line names an area of its own",
			doc:  doc(corpus.TypeStatusrapport, "", corpus.Section{Heading: "PIL", Text: "Status for etablering av PIL – juni 2023: Det eksisterer i dag ikke noen tiltak knyttet til PIL."}),
			want: []want{{corpus.TiltakInnsatsomraade, "Etablering av PIL", corpus.StatusIngenPagaendeTiltak}},
		},
		{
			name: "a status heading gives its status to the listed tiltak it names",
			doc: doc(corpus.TypeRapport, "",
				corpus.Section{Heading: "Anbefalte tiltak", Text: "Listen nedenfor viser tiltak vi anbefaler.\n1. Felles tillitsmodell for datadeling\n2. Etablering av PIL for datadeling"},
				corpus.Section{Heading: "Status for etablering av felles tillitsmodell - januar 2023", Text: "Arbeidet er forsinket. Mer tekst."},
				corpus.Section{Heading: "Status for etablering av PIL - juni 2023", Text: "Det eksisterer i dag ikke noen tiltak knyttet til å etablere PIL"}),
			want: []want{{corpus.TiltakListItem, "1", corpus.StatusForsinket}, {corpus.TiltakListItem, "2", corpus.StatusIngenPagaendeTiltak}},
		},
		{
			name: "a status heading read as a line of text, dated",
			doc: doc(corpus.TypeRapport, "",
				corpus.Section{Heading: "Etablering av PIL for datadeling", Text: "Status for etablering av PIL - juni 2023\nDet eksisterer i dag ikke noen tiltak knyttet til PIL."}),
			want: []want{{corpus.TiltakInnsatsomraade, "Etablering av PIL", corpus.StatusIngenPagaendeTiltak}},
		},
		{
			name: "an undated status line of text is no heading",
			doc:  doc(corpus.TypeRapport, "", corpus.Section{Heading: "PIL", Text: "Status for etablering av PIL\nDet eksisterer i dag ikke noen tiltak knyttet til PIL."}),
		},
		{
			name: "a status heading that states no status names nothing",
			doc:  doc(corpus.TypeRapport, "", corpus.Section{Heading: "Status for portal", Text: "Portalen er viktig for mange."}),
		},
		{
			name: "a table with a status column, as DOCX and HTML rows",
			doc:  doc(corpus.TypeStatusrapport, "", corpus.Section{Heading: "Oversikt", Text: "Nr | Tiltak | Ansvar | Status\n\n1 | Etablere felles portal | Digdir | Ferdigstilt\n\n2 | Ny veileder | KS | Ikke startet\n\n3 | Felles begreper | Digdir | Under arbeid"}),
			want: []want{{corpus.TiltakListItem, "1", corpus.StatusFerdig}, {corpus.TiltakListItem, "2", corpus.StatusIkkeStartet}, {corpus.TiltakListItem, "3", corpus.StatusUkjent}},
		},
		{
			name: "a Markdown table with a status column; a metadata table gives none",
			doc: doc(corpus.TypeStatusrapport, "",
				corpus.Section{Heading: "", Text: "| Status | Version | Maturity |\n| :--- | :--- | :--- |\n| Release | v0.9.5 | mature |"},
				corpus.Section{Heading: "Framdrift", Text: "| Aktivitet | Status per juni |\n|---|---|\n| Felles portal | På plan |\n| Veileder | Store forsinkelser |"}),
			want: []want{{corpus.TiltakListItem, "1", corpus.StatusPaPlan}, {corpus.TiltakListItem, "2", corpus.StatusStoreForsinkelser}},
		},
		{
			name: "a table row gives its status to the numbered tiltak it names",
			doc:  doc(corpus.TypeStatusrapport, "", corpus.Section{Heading: "Tiltak 7.1 Felles plattform", Text: "Tiltak | Status\n\n7.1 Felles plattform | Mindre forsinkelser"}),
			want: []want{{corpus.TiltakNumbered, "7.1", corpus.StatusMindreForsinkelser}},
		},
		{
			name: "numbered steps about tiltak are not measures",
			doc:  doc(corpus.TypeSaksframlegg, "", corpus.Section{Heading: "Prosess", Text: "Mellom møtene bør AU arbeide med prioritering av relevante tiltak:\n1. Plukke ut tiltak.\n2. Prioritere tiltakene."}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc
			Find(&d)
			var got []want
			for _, x := range d.Tiltak {
				got = append(got, want{x.Kind, x.Ref, x.Status})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("tiltak = %v, want %v", got, tt.want)
			}
			if d.Status != tt.status {
				t.Errorf("document status = %q, want %q", d.Status, tt.status)
			}
		})
	}
}

func TestSentencesAcrossMarkers(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Vi skal prøve ut en ordning med fritidskort. # Regjeringen vil innføre redusert betaling for SFO.",
			[]string{"Vi skal prøve ut en ordning med fritidskort.", "Regjeringen vil innføre redusert betaling for SFO."}},
		{"Dette er tiltak. • Styrke samarbeidet. ## Neste kapittel",
			[]string{"Dette er tiltak.", "Styrke samarbeidet.", "Neste kapittel"}},
		{"Prisen er 5 kr. – og mer enn det.", []string{"Prisen er 5 kr. – og mer enn det."}},
		{"Se bl.a. # Regjeringen vil gjøre det.", []string{"Se bl.a. # Regjeringen vil gjøre det."}},
	}
	for _, tt := range tests {
		if got := sentences(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
