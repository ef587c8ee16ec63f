package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestDesignedPDF holds the structure of NSM's "Risiko 2021", a report
// laid out in a design tool: subheadings in 10 pt bold over 8.5 pt text
// head their own sections, pull quotes set in 12 pt stay text, and the
// chapter label the spread leaves outside the page is not read, and a
// numbered point set in bold at body size ("1. Etablering av et
// nasjonalt, digitalt" + "målbilde: …") is a list item, not half a heading;
// a chapter title the file draws after its first column heads that column,
// and a paragraph that goes on in the next column or page stays whole.
func TestDesignedPDF(t *testing.T) {
	path := filepath.Join(sharedDir(t), "rapport", "nsm-risiko-2021.pdf")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := ingestBytes(t, "nsm-risiko-2021.pdf", data)
	found, omRapporten, point := false, 0, false
	// Sections whose text starts mid-sentence: a paragraph cut where it
	// goes on in the next column or page, or a chapter title read after
	// its first column (11 before both were handled).
	midSentence := 0
	for _, s := range doc.Sections {
		if r, _ := utf8.DecodeRuneInString(s.Text); unicode.IsLower(r) {
			midSentence++
			t.Logf("starts mid-sentence: %q: %.50q", s.Heading, s.Text)
		}
		if strings.HasPrefix(s.Heading, "1. Etablering av et nasjonalt") || strings.HasPrefix(s.Heading, "2. Norge trenger") {
			t.Errorf("a numbered point as heading: %q", s.Heading)
		}
		for _, it := range s.ListItems {
			point = point || strings.HasPrefix(it, "Etablering av et nasjonalt, digitalt målbilde: En overordnet beskrivelse")
		}
		if s.Heading == "Skjerpet digitalt risikobilde" {
			found = true
			if !strings.HasPrefix(s.Text, "Det digitale situasjonsbildet i 2020") {
				t.Errorf("section %q starts %.60q", s.Heading, s.Text)
			}
		}
		if strings.HasSuffix(s.Text, "Skjerpet digitalt risikobilde") {
			t.Errorf("section %q ends with the next heading", s.Heading)
		}
		// The captions of a graphic of principles mix bold and plain words
		// ("Plattformene har nødvendig" + bold "mobilitet, lokal …").
		if strings.HasPrefix(s.Heading, "Plattformene") {
			t.Errorf("a caption fragment as heading: %q", s.Heading)
		}
		if strings.HasSuffix(s.Heading, ".") {
			t.Errorf("a sentence as heading (a pull quote): %q", s.Heading)
		}
		// A chapter title drawn after the first column of its text is read
		// above it.
		for h, start := range map[string]string{
			"Verdier av betydning for risikobildet": "Det skapes stadig nye verdier",
			"Forord":                                "Det siste året har vi levd",
		} {
			if s.Heading == h && !strings.HasPrefix(s.Text, start) {
				t.Errorf("section %q starts %.60q, want %q", s.Heading, s.Text, start)
			}
		}
		if s.Heading == "Om rapporten" {
			omRapporten++
		}
	}
	if midSentence > 2 {
		t.Errorf("%d sections start mid-sentence, want at most 2", midSentence)
	}
	if !point {
		t.Error(`no list item "Etablering av et nasjonalt, digitalt målbilde: …"`)
	}
	if !found {
		t.Error(`no section headed "Skjerpet digitalt risikobilde"`)
	}
	if omRapporten != 1 {
		t.Errorf(`%d sections headed "Om rapporten", want 1`, omRapporten)
	}
}
