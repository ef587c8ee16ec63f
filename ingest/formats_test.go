package ingest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/sections"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/seeds"
)

// TestSameTextAnyFormat ingests the strategy seed as .txt and as the
// Markdown, Word and PDF files made from it (testdata/formats, README.md
// has the commands) and compares what each format gives with the .txt:
// the "Regjeringen vil" bullets (text for text), the prose commitments and
// the tiltak. It logs the agreement per format and fails below what each
// format is known to reach.
func TestSameTextAnyFormat(t *testing.T) {
	txt, err := seeds.FS.ReadFile("regjeringen-digitaliseringsstrategi-2024-2030.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := ingestBytes(t, "strategi.txt", txt)
	wantBullets := commitmentTexts(base, corpus.KindBullet)
	wantProse := commitmentTexts(base, corpus.KindProse)
	if len(wantBullets) != 19 {
		t.Fatalf(".txt: %d bullets, want the seed's 19", len(wantBullets))
	}
	// minBullets and minHeadings are the agreement each format must keep
	// (of 19 bullets and the 2 chapter headings of the .txt).
	for _, tt := range []struct {
		file                    string
		minBullets, minHeadings int
	}{
		{"strategi.md", 19, 2},
		{"strategi.docx", 19, 2},
		{"strategi.pdf", 19, 2},
		{"strategi-tekst.pdf", 19, 2},
		{"strategi-tekst.docx", 19, 2},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "formats", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			doc := ingestBytes(t, tt.file, data)
			bullets := commitmentTexts(doc, corpus.KindBullet)
			same := 0
			for _, b := range bullets {
				if slices.Contains(wantBullets, b) {
					same++
				} else {
					t.Logf("bullet not in the .txt: %q", b)
				}
			}
			for _, b := range wantBullets {
				if !slices.Contains(bullets, b) {
					t.Logf("bullet of the .txt missing: %q", b)
				}
			}
			prose := commitmentTexts(doc, corpus.KindProse)
			sameProse := 0
			for _, p := range prose {
				if slices.Contains(wantProse, p) {
					sameProse++
				}
			}
			headings := chapterHeadings(doc)
			sameHeadings := 0
			for _, h := range headings {
				if slices.Contains(chapterHeadings(base), h) {
					sameHeadings++
				}
			}
			t.Logf("%s: bullets %d/%d the same (%d found), prose %d/%d the same (%d found), tiltak %d (txt %d), headings %d/%d the same (%d found: %q), sections %d (txt %d)",
				tt.file, same, len(wantBullets), len(bullets), sameProse, len(wantProse), len(prose),
				len(doc.Tiltak), len(base.Tiltak), sameHeadings, len(chapterHeadings(base)), len(headings), headings, len(doc.Sections), len(base.Sections))
			if same < tt.minBullets || len(bullets) != same {
				t.Errorf("%d of %d bullets as in the .txt (%d found), want %d", same, len(wantBullets), len(bullets), tt.minBullets)
			}
			if sameProse != len(wantProse) || len(prose) != len(wantProse) {
				t.Errorf("%d of %d prose commitments as in the .txt (%d found)", sameProse, len(wantProse), len(prose))
			}
			if sameHeadings < tt.minHeadings || len(headings) != sameHeadings {
				t.Errorf("%d of %d headings as in the .txt (%d found), want %d", sameHeadings, len(chapterHeadings(base)), len(headings), tt.minHeadings)
			}
			if len(doc.Tiltak) != len(base.Tiltak) {
				t.Errorf("%d tiltak, the .txt has %d", len(doc.Tiltak), len(base.Tiltak))
			}
		})
	}
}

// chapterHeadings lists the document's headings and section paths once
// each, without the names of later parts of long sections.
func chapterHeadings(doc corpus.Document) []string {
	var out []string
	for _, s := range doc.Sections {
		for _, h := range append(slices.Clone(s.Path), s.Heading) {
			if i := strings.Index(h, sections.PartSep); i > 0 {
				h = h[:i]
			}
			h = strings.TrimSpace(partNumberRe.ReplaceAllString(h, ""))
			if h != "" && !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	return out
}

var partNumberRe = regexp.MustCompile(` \(\d+\)$`)

func ingestBytes(t *testing.T, name string, data []byte) corpus.Document {
	t.Helper()
	doc, err := File(context.Background(), name, data, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func commitmentTexts(doc corpus.Document, kind corpus.CommitmentKind) []string {
	var out []string
	for _, c := range doc.Commitments {
		if c.Kind == kind {
			out = append(out, strings.Join(strings.Fields(c.Text), " "))
		}
	}
	return out
}
