package pdftext

import (
	"slices"
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
)

func TestReadingOrder(t *testing.T) {
	// A designed page: the first column, then the chapter title above the
	// two columns, then the second column.
	col := func(x, top float64, texts ...string) []line {
		var out []line
		for i, s := range texts {
			out = append(out, line{text: s, page: 1, x0: x, x1: x + 150, y: top - 12*float64(i), size: 8.5})
		}
		return out
	}
	title := []line{
		{text: "Verdier av betydning", page: 1, x0: 54, x1: 304, y: 599, size: 27},
		{text: "for risikobildet", page: 1, x0: 54, x1: 219, y: 567, size: 27},
	}
	quote := []line{{text: "Dette er et sitat satt stort på siden.", page: 1, x0: 60, x1: 380, y: 650, size: 12}}
	tests := []struct {
		name  string
		lines []line
		want  []int
	}{
		{"a title drawn after the first column goes above it",
			slices.Concat(col(54, 495, "Det skapes", "stadig nye"), title, col(232, 291, "verdiene, er", "det")),
			[]int{2, 3, 0, 1, 4, 5}},
		{"a title drawn first stays",
			slices.Concat(title, col(54, 495, "Det skapes", "stadig nye")),
			[]int{0, 1, 2, 3}},
		{"a title with text between it and the column stays",
			slices.Concat(col(54, 495, "Det skapes"), title, []line{{text: "Ingress", page: 1, x0: 54, x1: 200, y: 530, size: 8.5}}),
			[]int{0, 1, 2, 3}},
		{"a title under the text drawn before it stays",
			slices.Concat(col(54, 700, "Det skapes"), title),
			[]int{0, 1, 2}},
		{"a sentence set large stays where it is drawn",
			slices.Concat(col(54, 495, "Det skapes"), quote),
			[]int{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			heading := func(i int) bool { return tt.lines[i].size > 10 }
			if got := readingOrder(tt.lines, heading); !slices.Equal(got, tt.want) {
				t.Errorf("order %v, want %v", got, tt.want)
			}
		})
	}
}

func TestContinuesElsewhere(t *testing.T) {
	prev := line{text: "kan også være å ha", page: 3, x0: 54, x1: 200, y: 63, size: 8.5, face: "Body"}
	cur := block.Block{Kind: block.Paragraph, Text: "Målet med angrepet kan også være å ha"}
	next := func(page int, x, y float64, text string) line {
		return line{text: text, page: page, x0: x, x1: x + 140, y: y, size: 8.5, face: "Body"}
	}
	tests := []struct {
		name string
		cur  block.Block
		l    line
		want bool
	}{
		{"the top of the next column, in lower case", cur, next(3, 232, 600, "kontroll over verdiene."), true},
		{"the top of the next page", cur, next(4, 54, 600, "kontroll over verdiene."), true},
		{"a capital starts new text", cur, next(3, 232, 600, "Kontroll over verdiene."), false},
		{"the paragraph ended its sentence", block.Block{Kind: block.Paragraph, Text: "Slik er det."}, next(3, 232, 600, "kontroll over verdiene."), false},
		{"another face", cur, line{text: "kontroll", page: 3, x0: 232, x1: 300, y: 600, size: 8.5, face: "Caption"}, false},
		{"lower on the page in the same column", cur, next(3, 54, 40, "kontroll over verdiene."), false},
		{"two pages on", cur, next(5, 54, 600, "kontroll over verdiene."), false},
		{"after a list item", block.Block{Kind: block.ListItem, Text: "et punkt uten slutt"}, next(3, 232, 600, "kontroll"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := continuesElsewhere(tt.cur, prev, tt.l, block.Paragraph); got != tt.want {
				t.Errorf("continuesElsewhere = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHeadingGoesOn(t *testing.T) {
	first := line{text: "Plattformene er åpne og", page: 1, x0: 90, x1: 216, y: 166, size: 11}
	tests := []struct {
		name string
		cur  string
		l    line
		want bool
	}{
		{"bold words after a connective", "Plattformene er åpne og", line{text: "standardbaserte, inkludert", page: 1, x0: 85, x1: 222, y: 153, size: 11, bold: true}, true},
		{"bold words in lower case", "Plattformene har nødvendig", line{text: "mobilitet, lokal tilgjengelighet", page: 1, x0: 85, x1: 222, y: 153, size: 11, bold: true}, true},
		{"a digit that numbers nothing", "Plattformene er åpne og standardbaserte, inkludert", line{text: "5G-baserte der det er relevant.", page: 1, x0: 85, x1: 222, y: 153, size: 11}, true},
		{"a bold heading under a plain one", "Hva er en innsider?", line{text: "Eksempel på innsidevirksomhet", page: 1, x0: 85, x1: 222, y: 153, size: 11, bold: true}, false},
		{"a numbered heading under another", "Forord", line{text: "2 Bakgrunn", page: 1, x0: 85, x1: 222, y: 153, size: 11, bold: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := block.Block{Kind: block.Heading, Text: tt.cur}
			if got := continuesBlock(cur, first, first, tt.l, block.Heading, 500); got != tt.want {
				t.Errorf("continuesBlock = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestContentsWithNumbersApart(t *testing.T) {
	lines := []line{
		{text: "Innhold", page: 2},
		{text: "Risikobildet krever handling", page: 2},
		{text: "7", page: 2},
		{text: "Sammendrag", page: 2},
		{text: "8", page: 2},
		{text: "Design: HyperRedink", page: 2},
		{text: "Risikobildet krever handling", page: 7},
		{text: "I 2025 markerer vi 80 år", page: 7},
		{text: "Sammendrag", page: 8},
		{text: "8", page: 8},
	}
	got, n := dropContents(lines)
	var texts []string
	for _, l := range got {
		texts = append(texts, l.text)
	}
	want := []string{"Innhold", "Design: HyperRedink", "Risikobildet krever handling", "I 2025 markerer vi 80 år", "Sammendrag", "8"}
	if !slices.Equal(texts, want) || n != 4 {
		t.Errorf("kept %q (%d removed), want %q (4 removed)", texts, n, want)
	}
}

// A page of more lines than any designed page keeps the file's order: each
// heading drawn above all the text before it would otherwise be compared
// with every line of the page.
func TestReadingOrderBound(t *testing.T) {
	var lines []line
	for i := range maxOrderLines + 1 {
		lines = append(lines, line{text: "Overskrift", page: 1, x0: 50, x1: 300, y: float64(i), size: 20})
	}
	got := readingOrder(lines, func(int) bool { return true })
	for i, k := range got {
		if i != k {
			t.Fatalf("line %d read as %d, want the file's order", k, i)
		}
	}
	// One line fewer, and the headings drawn upwards are read downwards
	// as far as they may move.
	got = readingOrder(lines[:maxOrderLines], func(int) bool { return true })
	if got[0] == 0 {
		t.Errorf("a heading above the line before it stayed below it")
	}
}
