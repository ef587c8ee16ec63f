package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRealDocumentsAnyFormat reads real documents of Direktoratet for
// e-helse (testdata/real, SOURCES.md) in the formats the publisher gives
// them in (.md and .docx) and as the PDF LibreOffice prints from the .docx,
// and compares each format's headings with those of the file it was made
// from or published beside: the .docx with the .md, the .pdf with the
// .docx. It logs the agreement and fails below what each pair reaches.
// The publisher's .docx files are older than its .md files, so a heading
// can be missing from the .docx for want of the text, not of the reader.
func TestRealDocumentsAnyFormat(t *testing.T) {
	for _, tt := range []struct {
		doc, file, ref string
		minSame        int // headings of ref found in file
		maxExtra       int // headings of file not in ref
	}{
		{"anbefalte-tiltak", "docx", "md", 13, 0},
		{"anbefalte-tiltak", "pdf", "docx", 13, 0},
		{"arkitekturprinsipper", "docx", "md", 1, 0},
		{"arkitekturprinsipper", "pdf", "docx", 1, 0},
		{"detaljert-behovsbilde", "docx", "md", 10, 0},
		// The figure caption "Roller knyttet til DHO baserte tjenesteforløp",
		// italic in the .docx, is a heading in the .md and the .pdf.
		{"detaljert-behovsbilde", "pdf", "docx", 10, 1},
		{"semantisk-samhandling", "docx", "md", 10, 0},
		{"semantisk-samhandling", "pdf", "docx", 10, 0},
	} {
		t.Run(tt.doc+"."+tt.file, func(t *testing.T) {
			read := func(ext string) ([]string, int, int) {
				name := filepath.Join("testdata", "real", "ehelse-dho-"+tt.doc+"."+ext)
				data, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				doc := ingestBytes(t, name, data)
				return chapterHeadings(doc), len(doc.Tiltak), len(doc.Sections)
			}
			got, tiltak, secs := read(tt.file)
			want, refTiltak, refSecs := read(tt.ref)
			same, extra := 0, 0
			for _, h := range want {
				if slices.Contains(got, h) {
					same++
				} else {
					t.Logf("heading of the .%s missing: %q", tt.ref, h)
				}
			}
			for _, h := range got {
				if !slices.Contains(want, h) {
					extra++
					t.Logf("heading not in the .%s: %q", tt.ref, h)
				}
			}
			t.Logf("%s.%s against .%s: headings %d/%d the same, %d more; sections %d (%d); tiltak %d (%d)",
				tt.doc, tt.file, tt.ref, same, len(want), extra, secs, refSecs, tiltak, refTiltak)
			if same < tt.minSame || extra > tt.maxExtra {
				t.Errorf("%d of %d headings the same (want %d), %d more (at most %d)", same, len(want), tt.minSame, extra, tt.maxExtra)
			}
			if tiltak != refTiltak {
				t.Errorf("%d tiltak, the .%s has %d", tiltak, tt.ref, refTiltak)
			}
		})
	}
}
