package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TestTiltakListInEveryFormat reads the "Anbefalte tiltak" appendix of a
// real target architecture (testdata/real, see SOURCES.md) as the
// publisher's Markdown and Word file, as HTML made from the Markdown and as
// the PDF LibreOffice prints from the Word file, which sets the lower
// headings in bold and in italic at body size. Every format gives the same
// section headings and the same number of tiltak. Its six prioritized
// measures are a numbered list after a sentence that ends in
// a full stop, and "Status for etablering av PIL – juni 2023" is a heading
// with its status in the paragraph below.
func TestTiltakListInEveryFormat(t *testing.T) {
	want := []string{
		"Felles tillitsmodell for datadeling",
		"Etablere fellesløsninger for lagring og grensesnitt",
		"Felles semantisk rammeverk for datadeling og DHO",
		"Vurdere fellesløsninger for utstyrslogistikk",
		"Etablering av PIL for datadeling",
		"Rammeverk for hendelsesbasert samhandling",
	}
	counts := map[string]int{}
	headings := map[string]string{}
	for _, ext := range []string{"md", "docx", "html", "pdf"} {
		t.Run(ext, func(t *testing.T) {
			name := filepath.Join("testdata", "real", "ehelse-dho-anbefalte-tiltak."+ext)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := File(context.Background(), name, data, Options{Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			counts[ext] = len(doc.Tiltak)
			var hs []string
			for _, s := range doc.Sections {
				hs = append(hs, s.Heading)
			}
			headings[ext] = strings.Join(hs, "\n")
			// The front matter's title: in the .docx and the .pdf a "title: …"
			// paragraph.
			// The HTML has it in <title> and a <header>, and its first
			// heading names it.
			if doc.Title != "Anbefalte tiltak" && ext != "html" {
				t.Errorf("title = %q (%s)", doc.Title, doc.Provenance["title"])
			}
			for _, s := range doc.Sections {
				if strings.Contains(s.Text, "title:") || strings.Contains(s.Text, "!!! quote") {
					t.Errorf("section %q keeps front matter or admonition markers: %.80q", s.Heading, s.Text)
				}
			}
			if len(doc.Tiltak) < len(want) {
				t.Fatalf("%d tiltak, want at least %d", len(doc.Tiltak), len(want))
			}
			for i, w := range want {
				got := doc.Tiltak[i]
				if got.Text != w || got.Kind != corpus.TiltakListItem || got.Ref != itoa(i+1) {
					t.Errorf("tiltak %d = %s %q %q, want list_item %d %q", i, got.Kind, got.Ref, got.Text, i+1, w)
				}
			}
			pil := doc.Tiltak[4]
			if pil.Status != corpus.StatusIngenPagaendeTiltak || pil.StatusText != "ikke noen tiltak" ||
				!strings.HasPrefix(pil.Evidence, "Status for etablering av PIL - juni 2023: Det eksisterer i dag ikke noen tiltak") {
				t.Errorf("PIL: status %q (%q), evidence %q", pil.Status, pil.StatusText, pil.Evidence)
			}
			for _, x := range doc.Tiltak[len(want):] {
				t.Logf("also: %s %s %q", x.Kind, x.Ref, x.Text)
			}
		})
	}
	if counts["md"] != counts["docx"] || counts["md"] != counts["html"] || counts["md"] != counts["pdf"] {
		t.Errorf("tiltak per format differ: %v", counts)
	}
	for _, ext := range []string{"docx", "html", "pdf"} {
		if headings[ext] != headings["md"] {
			t.Errorf("section headings of the .%s differ from the .md:\n%s\n---\n%s", ext, headings[ext], headings["md"])
		}
	}
}

// TestStatusTableInEveryFormat: a table with a status column gives one
// tiltak a row, with its normalized status, whether it comes as Markdown,
// HTML or AsciiDoc.
func TestStatusTableInEveryFormat(t *testing.T) {
	files := map[string]string{
		"plan.md": "# Handlingsplan\n\n## Oversikt\n\n| Nr | Tiltak | Ansvar | Status |\n|---|---|---|---|\n" +
			"| 1 | Etablere felles portal | Digdir | Ferdigstilt |\n| 2 | Ny veileder for deling | KS | Ikke startet |\n| 3 | Felles begreper | Digdir | Mindre forsinkelser |\n",
		"plan.html": "<html><head><title>Handlingsplan</title></head><body><main><h1>Handlingsplan</h1><h2>Oversikt</h2><table>" +
			"<tr><th>Nr</th><th>Tiltak</th><th>Ansvar</th><th>Status</th></tr>" +
			"<tr><td>1</td><td>Etablere felles portal</td><td>Digdir</td><td>Ferdigstilt</td></tr>" +
			"<tr><td>2</td><td>Ny veileder for deling</td><td>KS</td><td>Ikke startet</td></tr>" +
			"<tr><td>3</td><td>Felles begreper</td><td>Digdir</td><td>Mindre forsinkelser</td></tr></table></main></body></html>",
		"plan.adoc": "= Handlingsplan\n\n== Oversikt\n\n[cols=\"1,3,1,2\"]\n|===\n|Nr |Tiltak |Ansvar |Status\n\n" +
			"|1 |Etablere felles portal |Digdir |Ferdigstilt\n|2 |Ny veileder for deling |KS |Ikke startet\n|3 |Felles begreper |Digdir |Mindre forsinkelser\n|===\n",
	}
	want := []string{"1 Etablere felles portal ferdig", "2 Ny veileder for deling ikke startet", "3 Felles begreper mindre forsinkelser"}
	for name, text := range files {
		t.Run(name, func(t *testing.T) {
			doc := ingestBytes(t, name, []byte(text))
			var got []string
			for _, x := range doc.Tiltak {
				got = append(got, x.Ref+" "+x.Text+" "+string(x.Status))
				if x.Evidence == "" || x.StatusText == "" {
					t.Errorf("tiltak %q: evidence %q, status text %q", x.Text, x.Evidence, x.StatusText)
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("tiltak\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
