package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/seeds"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// structureView is the part of a Document the golden files pin down.
type structureView struct {
	Source       string            `json:"source"`
	Format       string            `json:"format"`
	Title        string            `json:"title"`
	DocType      corpus.DocType    `json:"doc_type"`
	Date         string            `json:"date,omitempty"`
	Organisation string            `json:"organisation,omitempty"`
	Period       string            `json:"period,omitempty"`
	CaseNumber   string            `json:"case_number,omitempty"`
	Language     string            `json:"language,omitempty"`
	Status       string            `json:"status,omitempty"`
	Pages        int               `json:"pages,omitempty"`
	Provenance   map[string]string `json:"provenance"`
	Warnings     []string          `json:"warnings,omitempty"`
	Tiltak       int               `json:"tiltak"`
	Sections     []sectionView     `json:"sections"`
}

type sectionView struct {
	Ordinal    int      `json:"ordinal"`
	Heading    string   `json:"heading"`
	Path       []string `json:"path"`
	Level      int      `json:"level"`
	Page       int      `json:"page,omitempty"`
	Start      string   `json:"start"`
	Words      int      `json:"words"`
	ListItems  int      `json:"list_items"`
	References int      `json:"references"`
}

func view(doc corpus.Document) structureView {
	v := structureView{
		Source: filepath.Base(doc.Source), Format: doc.Format, Title: doc.Title, DocType: doc.DocType,
		Date: doc.Date, Organisation: doc.Organisation, Period: doc.Period, CaseNumber: doc.CaseNumber,
		Language: doc.Language, Status: doc.Status, Pages: doc.Pages, Provenance: doc.Provenance,
		Warnings: doc.Warnings, Tiltak: len(doc.Tiltak),
	}
	for _, s := range doc.Sections {
		v.Sections = append(v.Sections, sectionView{
			Ordinal: s.Ordinal, Heading: s.Heading, Path: s.Path, Level: s.Level, Page: s.Page,
			Start: clip(s.Text, 120), Words: len(strings.Fields(s.Text)),
			ListItems: len(s.ListItems), References: len(s.References),
		})
	}
	return v
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// goldenCase is one input file: a seed (embedded) or a file of the shared corpus.
type goldenCase struct {
	name  string // golden file name, without .json
	path  string // file in ../shared/corpus, "" for seeds
	local string // file in this repository, relative to this package
	seed  string
}

var corpusCases = []goldenCase{
	{name: "nsm-risiko-2020", path: "rapport/nsm-risiko-2020.pdf"},
	{name: "nsm-risiko-2021", path: "rapport/nsm-risiko-2021.pdf"},
	{name: "nsm-risiko-2025", path: "rapport/nsm-risiko-2025.pdf"},
	{name: "difi-sikker-digital-post-sikkerhetsarkitektur", path: "rapport/difi-sikker-digital-post-sikkerhetsarkitektur.pdf"},
	{name: "difi-arkitekturbeskrivelse-sikker-digital-post-v1.0", path: "rapport/difi-arkitekturbeskrivelse-sikker-digital-post-v1.0.pdf"},
	{name: "dora-norsk-lovtidend", path: "other/dora-norsk-lovtidend.pdf"},
	{name: "regjeringen-horing-avskogingsforordningen", path: "other/regjeringen-horing-avskogingsforordningen-id3167072.html"},
	{name: "regjeringen-horing-overskuddsvarme", path: "other/regjeringen-horing-overskuddsvarme-id3168423.html"},
	{name: "regjeringen-hoyring-nav-opplysingsplikt-nynorsk", path: "other/regjeringen-hoyring-nav-opplysingsplikt-nynorsk-id3168525.html"},
	{name: "regjeringen-horinger-listeside", path: "other/regjeringen-horinger-listeside.html"},
	{name: "docx-strategi", local: "docxtext/testdata/strategi.docx"},
	{name: "hkdir-unit-ra-sammendrag", path: "other/hkdir-unit-ra-sammendrag.adoc"},
	{name: "hkdir-unit-ra-vedlegg-e-foringer", path: "other/hkdir-unit-ra-vedlegg-e-foringer.adoc"},
	{name: "ehelse-dho-anbefalte-tiltak-pdf", local: "testdata/real/ehelse-dho-anbefalte-tiltak.pdf"},
	{name: "ehelse-dho-detaljert-behovsbilde-docx", local: "testdata/real/ehelse-dho-detaljert-behovsbilde.docx"},
	{name: "ehelse-dho-detaljert-behovsbilde-pdf", local: "testdata/real/ehelse-dho-detaljert-behovsbilde.pdf"},
	{name: "ehelse-dho-semantisk-samhandling-pdf", local: "testdata/real/ehelse-dho-semantisk-samhandling.pdf"},
}

func goldenCases(t *testing.T) []goldenCase {
	var cases []goldenCase
	for _, f := range seeds.Files() {
		cases = append(cases, goldenCase{name: "seed-" + strings.TrimSuffix(f, ".txt"), seed: f})
	}
	return append(cases, corpusCases...)
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			name, data := readCase(t, c)
			start := time.Now()
			doc, err := File(context.Background(), name, data, Options{Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d sections, %s, %v", name, len(doc.Sections), doc.DocType, time.Since(start))
			got, err := json.MarshalIndent(view(doc), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			file := filepath.Join("testdata", "golden", c.name+".json")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./ingest -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("structure of %s changed; diff %s against the output of -update:\n%s", name, file, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first differing line with a little context.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + itoa(i+1) + ":\n want: " + wl + "\n  got: " + gl
		}
	}
	return ""
}
