package ingest

import (
	"context"
	"strings"
	"testing"
)

// TestMarkdownStructure holds the Markdown cases of real uploads: a
// heading the file marks keeps the short line under it as text, a
// front-matter title names the document over its first heading, and HTML
// comments and admonition markers stay out of headings and text.
func TestMarkdownStructure(t *testing.T) {
	tests := []struct {
		name, in string
		title    string
		headings []string
		text     map[string]string // heading → start of its text
	}{
		{
			name:     "a short line under a marked heading is its text",
			in:       "# Plan for data\n\n## Mål\n\nTekst her.\n\n## Tiltak\n\nDigitalisering av offentlig sektor\n\nI perioden skal vi gjøre mye.\n",
			title:    "Plan for data",
			headings: []string{"Mål", "Tiltak"},
			text:     map[string]string{"Tiltak": "Digitalisering av offentlig sektor"},
		},
		{
			name:     "a front-matter title wins over the first heading",
			in:       "---\ntitle: Handlingsplan for deling av data\n---\n\n## Innledning\n\nTekst om innledningen.\n",
			title:    "Handlingsplan for deling av data",
			headings: []string{"Innledning"},
		},
		{
			name:     "comments and admonition markers dropped",
			in:       "# Anbefalte tiltak\n\n### Vurdere fellesløsninger <!--skal vi endre overskriften?-->\n\n!!! quote \"\"\n\n    Sitert tekst.\n\nMer tekst.\n",
			title:    "Anbefalte tiltak",
			headings: []string{"Vurdere fellesløsninger"},
			text:     map[string]string{"Vurdere fellesløsninger": "Sitert tekst.\n\nMer tekst."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := File(context.Background(), "plan.md", []byte(tt.in), Options{Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Title, tt.title)
			}
			var got []string
			for _, s := range doc.Sections {
				if s.Heading != "" {
					got = append(got, s.Heading)
				}
				if w, ok := tt.text[s.Heading]; ok && !strings.HasPrefix(s.Text, w) {
					t.Errorf("text of %q = %q, want it to start with %q", s.Heading, s.Text, w)
				}
				if strings.Contains(s.Text, "!!!") || strings.Contains(s.Text+s.Heading, "<!--") {
					t.Errorf("markup left in %q: %q", s.Heading, s.Text)
				}
			}
			if strings.Join(got, " / ") != strings.Join(tt.headings, " / ") {
				t.Errorf("headings = %q, want %q", got, tt.headings)
			}
		})
	}
}
