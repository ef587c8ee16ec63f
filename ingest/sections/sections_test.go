package sections

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/ingest/normalize"
)

// lines builds plain-text blocks the way the plaintext extractor does.
func lines(text string) []block.Block {
	var bs []block.Block
	for _, l := range strings.Split(text, "\n") {
		bs = append(bs, block.Block{Kind: block.Line, Text: l})
	}
	return normalize.Blocks(bs)
}

type sec struct {
	Heading string
	Path    []string
	Level   int
}

func outline(text string) []sec {
	var out []sec
	for _, s := range Split(lines(text), Options{PlainText: true}) {
		out = append(out, sec{s.Heading, s.Path, s.Level})
	}
	return out
}

func TestHeadingInference(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []sec
	}{
		{"title and subheadings",
			"Tittel på dokumentet\n\nFørste avsnitt er brødtekst som slutter med punktum.\n\nUndertittel\n\nMer brødtekst her.",
			[]sec{{"Tittel på dokumentet", []string{}, 1}, {"Undertittel", []string{"Tittel på dokumentet"}, 2}}},
		{"no blank lines between paragraphs",
			"Innsatsområde en\nBrødtekst om området.\nStatus: På plan\nInnsatsområde to\nMer tekst om området.",
			[]sec{{"Innsatsområde en", []string{}, 1}, {"Innsatsområde to", []string{"Innsatsområde en"}, 2}}},
		{"status lines are never headings",
			"Mål\nTekst.\nStatus: Mindre forsinkelser\nVurdering av effekt: Noe effekt\nMer tekst.",
			[]sec{{"Mål", []string{}, 1}}},
		{"lead-in before a list is no heading",
			"Kapittel\n\nTekst.\n\nRegjeringen vil\n\n  • gjøre noe\n  • gjøre mer",
			[]sec{{"Kapittel", []string{}, 1}}},
		{"standard heading before a list is a heading",
			"Innledende tekst.\n\nVedlegg:\n\n- Sak 13-19 Vedlegg",
			[]sec{{"", []string{}, 0}, {"Vedlegg", []string{}, 1}}},
		{"numbered headings",
			"Rapport\n\n1. Innledning\n\nTekst.\n\n1.1 Bakgrunn\n\nTekst.\n\n2.3.1 Detaljer\n\nTekst.",
			[]sec{{"1. Innledning", []string{}, 1}, {"1.1 Bakgrunn", []string{"1. Innledning"}, 2}, {"2.3.1 Detaljer", []string{"1. Innledning", "1.1 Bakgrunn"}, 3}}},
		{"numbered list is no heading",
			"Tittel\n\nTekst:\n\n1. Plukke ut tiltak\n2. Prioritere tiltakene\n\nSlutt.",
			[]sec{{"Tittel", []string{}, 1}}},
		{"chapter heading",
			"Innledende tekst.\n\nKapittel 4 Mål\n\nTekst.",
			[]sec{{"", []string{}, 0}, {"Kapittel 4 Mål", []string{}, 1}}},
		{"all caps is level 1",
			"Første avsnitt.\n\nVEDLEGG A\n\nTekst.\n\nDel av vedlegget\n\nTekst.",
			[]sec{{"", []string{}, 0}, {"VEDLEGG A", []string{}, 1}, {"Del av vedlegget", []string{"VEDLEGG A"}, 2}}},
		{"table of short lines is no heading",
			"Tittel\n\nTekst.\n\nTabelltekst\n\nRad en\n\nRad to\n\nRad tre\n\nRad fire\n\n*Merknad til tabellen.",
			[]sec{{"Tittel", []string{}, 1}}},
		{"wrapped prose is no heading",
			"Tittel\n\nRegjeringen vil frem mot 2030 sikre sterkere styring og\nsamordning av digitaliseringen.",
			[]sec{{"Tittel", []string{}, 1}}},
		{"short lines at the end are text",
			"Tittel\n\nTekst.\n\nSaken vil bli framlagt av Ola Nordmann\nSaksframlegget er utarbeidet av Difi",
			[]sec{{"Tittel", []string{}, 1}}},
		{"short question is a heading",
			"Tekst.\n\nHva sier strategien?\n\nMer tekst.",
			[]sec{{"", []string{}, 0}, {"Hva sier strategien?", []string{}, 2}}},
		{"sentence is no heading",
			"Tekst.\n\nDette er en setning.\n\nMer tekst.",
			[]sec{{"", []string{}, 0}}},
		{"navigation dropped",
			"Gå til hovedsiden\n\nTittel\n\nTekst.\n\nLes mer:\n\nMest populære",
			[]sec{{"Tittel", []string{}, 1}}},
		{"repeated level-1 heading stays level 1",
			"Tittel\n\nMål\n\nTekst.\n\nTittel\n\nMer tekst.",
			[]sec{{"Mål", []string{"Tittel"}, 2}, {"Tittel", []string{}, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outline(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestFootnotesAreReferences(t *testing.T) {
	text := "Tittel\n\nTekst med fotnote.[i] Mer tekst.[ii]\n\n[i] Første kilde.\n\n[ii]\nAndre kilde.\n\nNeste avsnitt.\n\nNy tittel\n\nTekst."
	secs := Split(lines(text), Options{PlainText: true})
	if len(secs) != 2 {
		t.Fatalf("%d sections, want 2: %+v", len(secs), secs)
	}
	want := []string{"[i] Første kilde.", "[ii] Andre kilde."}
	if !reflect.DeepEqual(secs[0].References, want) {
		t.Errorf("references %q, want %q", secs[0].References, want)
	}
	if strings.Contains(secs[0].Text, "kilde") {
		t.Errorf("footnote text left in the body: %q", secs[0].Text)
	}
}

func TestFootnotesNeverOwnSection(t *testing.T) {
	bs := []block.Block{
		{Kind: block.Heading, Level: 1, Text: "Kapittel"},
		{Kind: block.Paragraph, Text: "Tekst.[iv]"},
		{Kind: block.Heading, Level: 2, Text: "Noter"},
		{Kind: block.Footnote, Marker: "iv", Text: "[iv] NOU 2024: 7"},
	}
	secs := Split(bs, Options{})
	if len(secs) != 1 || !reflect.DeepEqual(secs[0].References, []string{"[iv] NOU 2024: 7"}) {
		t.Errorf("got %+v", secs)
	}
}

func TestListItemsInTextAndList(t *testing.T) {
	text := "Tittel\n\nRegjeringen vil\n\n  • styrke samarbeidet\n  • dele mer data\n    på tvers av sektorer"
	secs := Split(lines(text), Options{PlainText: true})
	if len(secs) != 1 {
		t.Fatalf("%d sections", len(secs))
	}
	s := secs[0]
	wantItems := []string{"styrke samarbeidet", "dele mer data på tvers av sektorer"}
	if !reflect.DeepEqual(s.ListItems, wantItems) {
		t.Errorf("items %q, want %q", s.ListItems, wantItems)
	}
	wantText := "Regjeringen vil\n  • styrke samarbeidet\n  • dele mer data på tvers av sektorer"
	if s.Text != wantText {
		t.Errorf("text %q, want %q", s.Text, wantText)
	}
}

func TestLongSectionsSplit(t *testing.T) {
	var b strings.Builder
	b.WriteString("Lang overskrift\n\n")
	for i := range 30 {
		b.WriteString(strings.Repeat("ord ", 49))
		b.WriteString("slutt" + strings.Repeat("!", i%2) + ".\n\n")
	}
	b.WriteString("Regjeringen vil\n\n- gjøre en ting\n- gjøre to ting\n")
	secs := Split(lines(b.String()), Options{PlainText: true, MaxWords: 400})
	if len(secs) < 4 {
		t.Fatalf("%d sections for 1500 words", len(secs))
	}
	total := 0
	for i, s := range secs {
		n := len(strings.Fields(s.Text))
		total += n
		if n > 400 {
			t.Errorf("part %d has %d words", i, n)
		}
		want := "Lang overskrift"
		if i > 0 {
			want += " (" + itoa(i+1) + ")"
		}
		if s.Heading != want || s.Ordinal != i || s.Level != 1 {
			t.Errorf("part %d: heading %q ordinal %d level %d", i, s.Heading, s.Ordinal, s.Level)
		}
	}
	if total != 30*50+2+2*4 { // the text shows each item with its "-" marker
		t.Errorf("%d words in all parts, want every word kept", total)
	}
	last := secs[len(secs)-1]
	if !strings.HasPrefix(last.Text, "Regjeringen vil\n") && !strings.Contains(last.Text, "\n\nRegjeringen vil\n") {
		t.Errorf("lead-in split from its list: %q", last.Text)
	}
}

func TestOversizedParagraphSplitBetweenSentences(t *testing.T) {
	para := strings.Repeat("Dette er en setning med noen ord i seg. ", 120) // 1080 words
	secs := Split([]block.Block{{Kind: block.Heading, Level: 1, Text: "H"}, {Kind: block.Paragraph, Text: para}}, Options{MaxWords: 400})
	if len(secs) != 3 {
		t.Fatalf("%d parts, want 3", len(secs))
	}
	for _, s := range secs {
		if !strings.HasPrefix(s.Text, "Dette ") || !strings.HasSuffix(s.Text, "seg.") {
			t.Errorf("part not cut between sentences: %q … %q", s.Text[:20], s.Text[len(s.Text)-20:])
		}
	}
}

func TestAssignIDs(t *testing.T) {
	text := "Tittel\n\nSamme tekst.\n\nTittel\n\nSamme tekst.\n\nAnnen\n\nTekst."
	a := Split(lines(text), Options{PlainText: true})
	b := Split(lines(text), Options{PlainText: true})
	AssignIDs("doc-1234abcd", a)
	AssignIDs("doc-1234abcd", b)
	seen := map[string]bool{}
	for i := range a {
		if a[i].ID != b[i].ID {
			t.Errorf("unstable id %q vs %q", a[i].ID, b[i].ID)
		}
		if seen[a[i].ID] {
			t.Errorf("duplicate id %q", a[i].ID)
		}
		seen[a[i].ID] = true
		if !strings.HasPrefix(a[i].ID, "doc-1234abcd-") || len(a[i].ID) != len("doc-1234abcd-")+8 || a[i].DocumentID != "doc-1234abcd" {
			t.Errorf("id %q document %q", a[i].ID, a[i].DocumentID)
		}
	}
	// Editing one section leaves the others' ids alone.
	c := Split(lines(strings.Replace(text, "Tekst.", "Endret tekst.", 1)), Options{PlainText: true})
	AssignIDs("doc-1234abcd", c)
	if c[0].ID != a[0].ID || c[2].ID == a[2].ID {
		t.Errorf("ids after edit: %q %q", c[0].ID, c[2].ID)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestRepeatedOrderedMarkersRenumbered(t *testing.T) {
	bs := []block.Block{
		{Kind: block.Heading, Level: 1, Text: "Tiltak"},
		{Kind: block.ListItem, Ordered: true, Marker: "1.", Text: "første"},
		{Kind: block.ListItem, Ordered: true, Marker: "1.", Text: "andre"},
		{Kind: block.ListItem, Ordered: true, Marker: "1.", Level: 1, Text: "under"},
		{Kind: block.ListItem, Ordered: true, Marker: "1.", Text: "tredje"},
		{Kind: block.Paragraph, Text: "Mellomtekst."},
		{Kind: block.ListItem, Ordered: true, Marker: "4)", Text: "fjerde"},
		{Kind: block.ListItem, Ordered: true, Marker: "5)", Text: "femte"},
	}
	secs := Split(bs, Options{})
	want := "1. første\n2. andre\n  1. under\n3. tredje\n\nMellomtekst.\n4) fjerde\n5) femte"
	if len(secs) != 1 || secs[0].Text != want {
		t.Errorf("text %q, want %q", secs[0].Text, want)
	}
}

// Every word of the input ends up in some section: a line taken for a heading
// that has neither text nor sections under it is kept as text.
func TestNoTextLost(t *testing.T) {
	tests := []struct {
		name, text string
		blocks     []block.Block
		want       string
	}{
		{name: "line after the title read as a heading",
			text: "Strategidokument 6 om samarbeid\n\nDokumentet har kjennemerke00006. Tverrgående digitaliseringsstrategi – for første gang\n\n1 Digital kompetanse\n\nDet er viktig å styrke kompetansen.",
			want: "kjennemerke00006"},
		{name: "markdown paragraph between headings",
			blocks: []block.Block{
				{Kind: block.Heading, Text: "Strategidokument 35", Level: 1},
				{Kind: block.Line, Text: "Dokumentet har kjennemerke00035 (EU) 2021/887"},
				{Kind: block.Line, Text: ""},
				{Kind: block.Heading, Text: "1 Informasjonssikkerhet", Level: 2},
				{Kind: block.Line, Text: "Det er viktig å styrke sikkerheten."},
			},
			want: "kjennemerke00035"},
		{name: "empty heading between two chapters",
			blocks: []block.Block{
				{Kind: block.Heading, Text: "Tittel", Level: 1},
				{Kind: block.Heading, Text: "1 Mål", Level: 2},
				{Kind: block.Paragraph, Text: "Tekst om mål."},
				{Kind: block.Heading, Text: "Versjon 2 av 12. mars", Level: 2},
				{Kind: block.Heading, Text: "2 Tiltak", Level: 2},
				{Kind: block.Paragraph, Text: "Tekst om tiltak."},
			},
			want: "Versjon 2 av 12. mars"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs, plain := tt.blocks, true
			if bs == nil {
				bs = lines(tt.text)
			}
			secs := Split(bs, Options{PlainText: plain})
			var all strings.Builder
			for _, s := range secs {
				all.WriteString(s.Heading + "\n" + strings.Join(s.Path, "\n") + "\n" + s.Text + "\n")
			}
			if !strings.Contains(all.String(), tt.want) {
				t.Errorf("%q is in no section; sections:\n%s", tt.want, all.String())
			}
		})
	}
}

func TestPartsNamedFromContent(t *testing.T) {
	para := func(s string) string { return s + " " + strings.Repeat("ord ", 150) + "slutt.\n\n" }
	text := "Forsterke styring og samordning\n\n" +
		para("Flere samfunnsutfordringer må løses på tvers av sektorer.") +
		para("Flere samfunnsutfordringer må løses på tvers av sektorer.") +
		para("EU har en ambisiøs digitaliseringspolitikk basert på den overordnede strategien Digital Decade.[i]") +
		para("EU har en ambisiøs digitaliseringspolitikk basert på den overordnede strategien Digital Decade.[i]") +
		"ord " + para("fortsetter en setning") +
		para("Digitaliseringstiltak kan gjøre det nødvendig, som vi ser, å vurdere rettstilstanden.") +
		"Regjeringen vil\n\n- " + strings.Repeat("styrke samordningen ", 100) + "\n- dele data\n"
	secs := Split(lines(text), Options{PlainText: true, MaxWords: 200})
	var got []string
	for _, s := range secs {
		got = append(got, s.Heading)
		if s.Level != 1 || len(s.Path) != 0 {
			t.Errorf("%q: level %d path %q, want the section's own", s.Heading, s.Level, s.Path)
		}
	}
	want := []string{
		"Forsterke styring og samordning",
		"Forsterke styring og samordning – Flere samfunnsutfordringer må løses på tvers av …",
		"Forsterke styring og samordning – EU har en ambisiøs digitaliseringspolitikk basert på …",
		"Forsterke styring og samordning (4)", // the same name again
		"Forsterke styring og samordning (5)", // opens inside a sentence
		"Forsterke styring og samordning – Digitaliseringstiltak kan gjøre det nødvendig …",
		"Forsterke styring og samordning – Regjeringen vil",
		"Forsterke styring og samordning (8)", // the list goes on
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts named\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
