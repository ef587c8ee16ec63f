package normalize

import (
	"reflect"
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
)

func TestLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Regjeringen vil", "Regjeringen vil"},
		{"nbsp", "KS\u00a0har", "KS har"},
		{"lone nbsp", "\u00a0", ""},
		{"thin and narrow spaces", "11\u2009milliarder\u202fkroner", "11 milliarder kroner"},
		{"ideographic space", "a\u3000b", "a b"},
		{"zero width space", "data\u200bdeling", "data deling"},
		{"tabs", "Status:\tPå plan", "Status: På plan"},
		{"soft hyphen", "digitali\u00adsering", "digitalisering"},
		{"runs of spaces", "tidligere utgaver av  IT i praksis  ", "tidligere utgaver av IT i praksis"},
		{"decomposed å to NFC", "pa\u030a plan", "på plan"},
		{"bom", "\ufeffTittel", "Tittel"},
		{"control characters", "a\x07b", "ab"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a b c"},
		{"lone paragraph separator", "\u2029", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"hyphenated word joined", "arbeidet med digitali-\nsering av sektoren", "arbeidet med digitalisering\nav sektoren"},
		{"conjunction keeps hyphen", "Digitaliserings-\nog forvaltningsdepartementet", "Digitaliserings-\nog forvaltningsdepartementet"},
		{"eller keeps hyphen", "stats-\neller kommuneforvaltningen", "stats-\neller kommuneforvaltningen"},
		{"capital keeps hyphen", "Nord-\nNorge", "Nord-\nNorge"},
		{"acronym keeps hyphen, joins word", "nytt EU-\nregelverk kommer", "nytt EU-regelverk\nkommer"},
		{"whole next line moves up", "digitali-\nsering\nneste linje", "digitalisering\nneste linje"},
		{"inline hyphen untouched", "helse- og omsorg", "helse- og omsorg"},
		{"dash at line end untouched", "2019 -\n2025", "2019 -\n2025"},
		{"paragraphs kept, blank runs collapsed", "a\n\n\n\nb", "a\n\nb"},
		{"leading and trailing blanks dropped", "\n\n a \n\n", "a"},
		{"nbsp line is blank", "a\n\u00a0\nb", "a\n\nb"},
		{"crlf", "a\r\nb", "a\nb"},
		{"no join across paragraph", "digitali-\n\nsering", "digitali-\n\nsering"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestListItem(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Item
		ok   bool
	}{
		{"bullet", "  • styrke samordningen", Item{Marker: "•", Text: "styrke samordningen", Depth: 1}, true},
		{"square bullet", "▪ punkt", Item{Marker: "▪", Text: "punkt"}, true},
		{"white bullet", "◦ punkt", Item{Marker: "◦", Text: "punkt"}, true},
		{"triangle bullet", "‣ punkt", Item{Marker: "‣", Text: "punkt"}, true},
		{"en dash", "– punkt", Item{Marker: "–", Text: "punkt"}, true},
		{"hyphen", "- organisere samarbeidet", Item{Marker: "-", Text: "organisere samarbeidet"}, true},
		{"nested hyphen", " - Hvilken involvering?", Item{Marker: "-", Text: "Hvilken involvering?"}, true},
		{"asterisk", "* punkt", Item{Marker: "*", Text: "punkt"}, true},
		{"symbol font bullet", "\uf0b7 punkt", Item{Marker: "\uf0b7", Text: "punkt"}, true},
		{"numbered dot", "  1. Et tiltak skal bidra", Item{Marker: "1.", Text: "Et tiltak skal bidra", Ordered: true, Depth: 1}, true},
		{"numbered paren", "2) Prioritere", Item{Marker: "2)", Text: "Prioritere", Ordered: true}, true},
		{"letter paren", "a) først", Item{Marker: "a)", Text: "først", Ordered: true}, true},
		{"parenthesised number", "(3) tredje", Item{Marker: "(3)", Text: "tredje", Ordered: true}, true},
		{"tab indent", "\t- x", Item{Marker: "-", Text: "x", Depth: 2}, true},
		{"section number is no item", "2.3 Mål og tiltak", Item{}, false},
		{"date is no item", "1. januar 2020 trådte loven i kraft", Item{}, false},
		{"glued asterisk", "*Regelverkene er på ulike stadier", Item{}, false},
		{"letter dot is no item", "a. b. c.", Item{}, false},
		{"hyphenated word", "-tjenester", Item{}, false},
		{"bare bullet", "•", Item{}, false},
		{"bullet with only spaces", "•   ", Item{}, false},
		{"plain text", "Regjeringen vil", Item{}, false},
		{"year", "2019 var et år", Item{}, false},
		{"empty", "", Item{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ListItem(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("ListItem(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestFootnote(t *testing.T) {
	tests := []struct {
		name, in, marker, text string
		ok                     bool
	}{
		{"roman", "[iv] NOU 2024: 7 Norge og EØS", "iv", "NOU 2024: 7 Norge og EØS", true},
		{"long roman", "[viii] Digitaliseringsdirektoratet. (2021).", "viii", "Digitaliseringsdirektoratet. (2021).", true},
		{"digits", "[12] Kilde", "12", "Kilde", true},
		{"lone marker", "[x]", "x", "", true},
		{"not a marker", "[EU] regelverk", "", "", false},
		{"capital roman", "[IV] x", "", "", false},
		{"no bracket", "iv) x", "", "", false},
		{"empty brackets", "[] x", "", "", false},
		{"superscript endnote", "¹ Begrepet «infodemi»", "1", "Begrepet «infodemi»", true},
		{"two superscripts glued", "¹²Kilde", "12", "Kilde", true},
		{"lone superscript", "²", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, text, ok := Footnote(tt.in)
			if ok != tt.ok || m != tt.marker || text != tt.text {
				t.Errorf("Footnote(%q) = %q, %q, %v; want %q, %q, %v", tt.in, m, text, ok, tt.marker, tt.text, tt.ok)
			}
		})
	}
}

func TestBlocks(t *testing.T) {
	in := []block.Block{
		{Kind: block.Line, Text: "Regjeringen vil"},
		{Kind: block.Line, Text: ""},
		{Kind: block.Line, Text: "  • styrke digitali-"},
		{Kind: block.Line, Text: "seringen i kommunene"},
		{Kind: block.Line, Text: "\u00a0"},
		{Kind: block.Line, Text: "[iv] NOU 2024: 7"},
		{Kind: block.Paragraph, Text: "Første  avsnitt.\n\nAndre\u00a0avsnitt\nfortsetter."},
		{Kind: block.Paragraph, Text: "[ii] Kilde."},
		{Kind: block.Heading, Level: 2, Text: " Mål\u00ad "},
		{Kind: block.ListItem, Text: "• punkt"},
		{Kind: block.Heading, Text: "\u00a0"},
	}
	want := []block.Block{
		{Kind: block.Line, Text: "Regjeringen vil"},
		{Kind: block.Line, Text: ""},
		{Kind: block.ListItem, Text: "styrke digitaliseringen", Marker: "•", Level: 1},
		{Kind: block.Line, Text: "i kommunene"},
		{Kind: block.Line, Text: ""},
		{Kind: block.Footnote, Text: "[iv] NOU 2024: 7", Marker: "iv"},
		{Kind: block.Paragraph, Text: "Første avsnitt."},
		{Kind: block.Paragraph, Text: "Andre avsnitt fortsetter."},
		{Kind: block.Footnote, Text: "[ii] Kilde.", Marker: "ii"},
		{Kind: block.Heading, Level: 2, Text: "Mål"},
		{Kind: block.ListItem, Text: "punkt", Marker: "•"},
	}
	got := Blocks(in)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Blocks:\n got %+v\nwant %+v", got, want)
	}
}

func TestAdmonitionParagraphs(t *testing.T) {
	tests := []struct{ in, want string }{
		{`!!! quote ""`, ""},
		{"!!! quote “”", ""},
		{`!!! quote "Pasientinformasjonslokalisator"`, "Pasientinformasjonslokalisator"},
		{"???+ note", ""},
		{"!!! Viktig: dette er tekst, ikke en markør.", "!!! Viktig: dette er tekst, ikke en markør."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			out := Blocks([]block.Block{{Kind: block.Paragraph, Text: tt.in}})
			got := ""
			if len(out) > 0 {
				got = out[0].Text
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
