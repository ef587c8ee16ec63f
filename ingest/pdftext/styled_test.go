package pdftext

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
)

// twoFaces is a one-page document with a regular (F1) and a bold (F2)
// face of the same widths and size, as a word processor prints body text
// and its lower headings.
func twoFaces(content string) []byte {
	bold := strings.Replace(helvetica, "/BaseFont /Courier", "/BaseFont /Courier-Bold", 1)
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
		helvetica,
		bold,
		stream(content),
	)
}

// textLine is one line at y: runs of (font, text) from x = 50.
func textLine(y float64, runs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "BT 1 0 0 1 50 %g Tm ", y)
	for i := 0; i+1 < len(runs); i += 2 {
		fmt.Fprintf(&b, "/%s 11 Tf (%s) Tj ", runs[i], runs[i+1])
	}
	b.WriteString("ET\n")
	return b.String()
}

// A full line of body text reaches the right margin (70 Courier glyphs at
// 11 pt end at x = 512).
const (
	fullLine  = "Dette er en linje i et avsnitt som er satt helt ut til margen av siden"
	fullLine2 = "og den fortsetter her med mer tekst om saken som avsnittet handler om,"
)

func TestStyledHeadings(t *testing.T) {
	para := func(y float64) string {
		return textLine(y, "F1", fullLine) + textLine(y-13, "F1", fullLine2) + textLine(y-26, "F1", "og slutter her.")
	}
	tests := []struct {
		name    string
		content string
		want    []string
	}{
		{
			"a bold line set apart, text under it",
			para(780) + textLine(730, "F2", "M\345l for arbeidet") + para(706),
			[]string{"Mål for arbeidet"},
		},
		{
			"a bold heading wrapped over two lines",
			para(780) + textLine(730, "F2", "Sikkerhet og beredskap i digitale") + textLine(717, "F2", "fellesl\370sninger") + para(693),
			[]string{"Sikkerhet og beredskap i digitale fellesløsninger"},
		},
		{
			"a bold phrase starting a paragraph's line",
			para(780) + textLine(730, "F2", "Viktig", "F1", " er at dette ikke blir en overskrift") + para(717),
			nil,
		},
		{
			"a bold line whose sentence goes on in lower case",
			para(780) + textLine(730, "F2", "Fellesl\370sningene") + textLine(717, "F1", "skal tas i bruk av alle virksomheter.") + para(693),
			nil,
		},
		{
			"a bold line inside a paragraph, no space above",
			para(780) + textLine(741, "F2", "Kort linje i fet skrift") + para(728),
			nil,
		},
		{
			"a bold paragraph running to the margin",
			para(780) + textLine(730, "F2", fullLine) + para(706),
			nil,
		},
		{
			"a bold sentence",
			para(780) + textLine(730, "F2", "Dette er viktig.") + para(706),
			nil,
		},
		{
			"a bold figure caption",
			para(780) + textLine(730, "F2", "Figur 3 Arkitekturen") + para(706),
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := extractT(t, twoFaces(tt.content))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range ex.Blocks {
				if b.Kind == block.Heading {
					got = append(got, b.Text)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("headings %q, want %q\n%s", got, tt.want, allText(ex))
			}
		})
	}
}
