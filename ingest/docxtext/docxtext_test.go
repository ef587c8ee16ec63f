package docxtext

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/strategi.docx from the builder")

// TestFixture extracts the committed testdata/strategi.docx, a real zip
// package produced by strategiDocx (rewrite it with -update).
func TestFixture(t *testing.T) {
	if *update {
		if err := os.WriteFile("testdata/strategi.docx", strategiDocx(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile("testdata/strategi.docx")
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	ex, err := Extract(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Title != "Digitaliseringsstrategi 2024–2030" {
		t.Errorf("title %q", ex.Title)
	}
	for k, v := range map[string]string{"author": "Kari Nordmann", "date": "2024-06-13", "language": "nb"} {
		if ex.Meta[k] != v || ex.MetaSource[k] == "" {
			t.Errorf("meta %s = %q (source %q), want %q", k, ex.Meta[k], ex.MetaSource[k], v)
		}
	}
	want := []block.Block{
		{Kind: block.Heading, Level: 1, Text: "Digitaliseringsstrategi for Ås kommune"},
		{Kind: block.Paragraph, Text: "Vedtatt av kommunestyret 13. juni 2024."},
		{Kind: block.Heading, Level: 1, Text: "1 Innledning"},
		{Kind: block.Paragraph, Text: "Kommunen skal være én digital kommune for innbyggere og næringsliv."},
		{Kind: block.Heading, Level: 2, Text: "1.1 Mål for arbeidet"},
		{Kind: block.ListItem, Marker: "•", Text: "Sammenhengende tjenester med brukeren i sentrum"},
		{Kind: block.ListItem, Marker: "•", Level: 1, Text: "Særlig for sårbare grupper"},
		{Kind: block.ListItem, Marker: "•", Text: "Økt deling av data"},
		{Kind: block.Heading, Level: 1, Text: "2 Regjeringen vil"},
		{Kind: block.ListItem, Marker: "1.", Ordered: true, Text: "Etablere et nasjonalt fagnettverk"},
		{Kind: block.ListItem, Marker: "1.", Ordered: true, Text: "Utrede felles løsninger innen 2026"},
		{Kind: block.ListItem, Marker: "•", Text: "Punkt fra en listestil uten nummerering"},
		{Kind: block.Heading, Level: 3, Text: "Tiltak og status"},
		{Kind: block.Heading, Level: 3, Text: "Tiltak 7.1 Felles plattform"},
		{Kind: block.Paragraph, Text: "Tiltak | Status"},
		{Kind: block.Paragraph, Text: "7.1 Felles plattform | Mindre forsinkelser"},
		{Kind: block.Paragraph, Text: "Tekst med tabulator og felt."},
		{Kind: block.Heading, Level: 2, Text: "Direkte disposisjonsnivå"},
	}
	if len(ex.Blocks) != len(want) {
		for _, b := range ex.Blocks {
			t.Logf("%v %d %q", b.Kind, b.Level, b.Text)
		}
		t.Fatalf("%d blocks, want %d", len(ex.Blocks), len(want))
	}
	for i, w := range want {
		if ex.Blocks[i] != w {
			t.Errorf("block %d = %+v, want %+v", i, ex.Blocks[i], w)
		}
	}
}

func TestEnglishStylesAndFootnotes(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>`
	body := p("Heading1", "", "", "Innledning") + p("", "", "", "Tekst med fotnote.")
	data := docx(t, body, styles, "", "")
	// Add a footnotes part to the package.
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var parts [][2]string
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		parts = append(parts, [2]string{f.Name, b.String()})
	}
	parts = append(parts, [2]string{"word/footnotes.xml", `<w:footnotes ` + nsW + `><w:footnote w:id="-1"><w:p><w:r><w:t>sep</w:t></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Meld. St. 27 (2015–2016).</w:t></w:r></w:p></w:footnote></w:footnotes>`})
	ex, err := Extract(context.Background(), zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	if b := ex.Blocks[0]; b.Kind != block.Heading || b.Level != 1 {
		t.Errorf("first block %+v", b)
	}
	last := ex.Blocks[len(ex.Blocks)-1]
	if last.Kind != block.Footnote || last.Text != "[1] Meld. St. 27 (2015–2016)." {
		t.Errorf("footnote block %+v", last)
	}
	if ex.Title != "" {
		t.Errorf("title %q from a package without core properties", ex.Title)
	}
}

// withParts returns the package data with extra parts added.
func withParts(t *testing.T, data []byte, extra ...[2]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var parts [][2]string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, [2]string{f.Name, string(b)})
	}
	return zipParts(t, append(parts, extra...))
}

func TestDamagedFootnotes(t *testing.T) {
	body := p("", "", "", "Tekst med fotnoter.")
	note := func(id, text string) string {
		return `<w:footnote w:id="` + id + `"><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:footnote>`
	}
	tests := []struct {
		name      string
		xml       string
		wantNotes []string
		warning   string // part of the warning expected; "" for none
	}{
		{"whole", `<w:footnotes ` + nsW + `>` + note("1", "Første.") + note("2", "Andre.") + `</w:footnotes>`,
			[]string{"[1] Første.", "[2] Andre."}, ""},
		{"cut short", `<w:footnotes ` + nsW + `>` + note("1", "Første.") + `<w:footnote w:id="2"><w:p><w:r><w:t>And`,
			[]string{"[1] Første."}, "footnotes.xml damaged after 1 notes"},
		{"garbage inside", `<w:footnotes ` + nsW + `>` + note("1", "Første.") + `<w:footnote w:id="2"></w:p>` + note("3", "Tredje.") + `</w:footnotes>`,
			[]string{"[1] Første."}, "footnotes.xml damaged after 1 notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := withParts(t, docx(t, body, "", "", ""), [2]string{"word/footnotes.xml", tt.xml})
			ex, err := Extract(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			var notes []string
			for _, b := range ex.Blocks {
				if b.Kind == block.Footnote {
					notes = append(notes, b.Text)
				}
			}
			if strings.Join(notes, "|") != strings.Join(tt.wantNotes, "|") {
				t.Errorf("footnotes %q, want %q", notes, tt.wantNotes)
			}
			warnings := strings.Join(ex.Warnings, "|")
			if tt.warning == "" && warnings != "" || !strings.Contains(warnings, tt.warning) {
				t.Errorf("warnings %q, want %q", ex.Warnings, tt.warning)
			}
			if ex.Blocks[0].Text != "Tekst med fotnoter." {
				t.Errorf("first block %+v: the body must stay", ex.Blocks[0])
			}
		})
	}
}

func TestHostile(t *testing.T) {
	bomb := func(size int, name string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		if name != "word/document.xml" {
			d, _ := zw.Create("word/document.xml")
			d.Write([]byte(`<w:document ` + nsW + `><w:body>` + p("", "", "", "Tekst") + `</w:body></w:document>`))
		}
		w, _ := zw.Create(name)
		chunk := bytes.Repeat([]byte{'a'}, 1<<20)
		for written := 0; written < size; written += len(chunk) {
			w.Write(chunk)
		}
		zw.Close()
		return buf.Bytes()
	}
	cfb := append(append([]byte{}, cfbMagic...), make([]byte, 512)...)
	encrypted := append(append(append([]byte{}, cfbMagic...), make([]byte, 100)...), encryptedUTF16...)
	tests := []struct {
		name    string
		data    []byte
		wantErr error
		text    string
	}{
		{"zip bomb document", bomb(80<<20, "word/document.xml"), corpus.ErrTooLarge, "limit"},
		{"high ratio styles", bomb(8<<20, "word/styles.xml"), corpus.ErrUnreadable, "compression ratio"},
		{"old doc renamed", cfb, corpus.ErrUnsupported, ".doc"},
		{"encrypted docx", encrypted, corpus.ErrEncrypted, "password"},
		{"not a zip", []byte("Dette er tekst"), corpus.ErrUnreadable, "zip"},
		{"empty", nil, corpus.ErrUnreadable, "empty"},
		{"zip without document", zipParts(t, [][2]string{{"hei.txt", "hei"}}), corpus.ErrUnreadable, "document.xml"},
		{"truncated xml", zipParts(t, [][2]string{{"word/document.xml", `<w:document ` + nsW + `><w:body><w:p><w:r><w:t>Halv`}}), corpus.ErrUnreadable, "document.xml"},
		{"empty body", docx(t, "", "", "", ""), corpus.ErrUnreadable, "no text"},
		{"cyclic basedOn", docx(t, p("A", "", "", "Tekst"), `<w:style w:styleId="A"><w:name w:val="a"/><w:basedOn w:val="B"/></w:style><w:style w:styleId="B"><w:name w:val="b"/><w:basedOn w:val="A"/></w:style>`, "", ""), nil, "Tekst"},
		{"deep nesting", docx(t, strings.Repeat("<w:sdt><w:sdtContent>", 20000)+p("", "", "", "Dypt")+strings.Repeat("</w:sdtContent></w:sdt>", 20000), "", "", ""), nil, "Dypt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Extract(context.Background(), tt.data)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.text) {
					t.Fatalf("err = %v, want %v mentioning %q", err, tt.wantErr, tt.text)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ex.Blocks) == 0 || ex.Blocks[0].Text != tt.text {
				t.Errorf("blocks %+v", ex.Blocks)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, strategiDocx(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func FuzzDOCX(f *testing.F) {
	f.Add(strategiDocx(f))
	f.Add(docx(f, p("Overskrift1", "1", "0", "x"), norwegianStyles, norwegianNumbering, `<dc:title>t</dc:title>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Extract(context.Background(), data)
		if err != nil && !errors.Is(err, corpus.ErrUnreadable) && !errors.Is(err, corpus.ErrTooLarge) &&
			!errors.Is(err, corpus.ErrEncrypted) && !errors.Is(err, corpus.ErrUnsupported) {
			t.Fatalf("unexpected error kind: %v", err)
		}
	})
}

// TestFrontMatterParagraphs: a Word file converted from Markdown keeps the
// front matter as paragraphs at the top ("title: Anbefalte tiltak", as the
// e-helse appendix in ingest/testdata/real does); they are metadata, not body.
func TestFrontMatterParagraphs(t *testing.T) {
	tests := []struct {
		name, body, core string
		title, first     string
		meta             map[string]string
	}{
		{
			name:  "title paragraph",
			body:  p("Metadata", "", "", "title: Anbefalte tiltak") + p("", "", "", "Denne delen av målarkitekturen."),
			title: "Anbefalte tiltak", first: "Denne delen av målarkitekturen.",
		},
		{
			name:  "a block between rules, core author kept",
			body:  p("", "", "", "---") + p("", "", "", "title: \"Plan for data\"") + p("", "", "", "date: 2023-06-01") + p("", "", "", "author: Noen andre") + p("", "", "", "---") + p("", "", "", "Tekst."),
			core:  `<dc:title>Mal</dc:title><dc:creator>Digdir</dc:creator>`,
			title: "Plan for data", first: "Tekst.", meta: map[string]string{"date": "2023-06-01", "author": "Digdir"},
		},
		{
			name:  "a date field without a title is text",
			body:  p("", "", "", "Dato: 13.6.2019") + p("", "", "", "Saken gjelder."),
			title: "", first: "Dato: 13.6.2019",
		},
		{
			name:  "a labelled field later in the text stays",
			body:  p("", "", "", "Innledning.") + p("", "", "", "Dato: 1. juni 2023"),
			title: "", first: "Innledning.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Extract(context.Background(), docx(t, tt.body, norwegianStyles, "", tt.core))
			if err != nil {
				t.Fatal(err)
			}
			if ex.Title != tt.title {
				t.Errorf("title = %q, want %q", ex.Title, tt.title)
			}
			if len(ex.Blocks) == 0 || ex.Blocks[0].Text != tt.first {
				t.Errorf("blocks = %+v, want the first to be %q", ex.Blocks, tt.first)
			}
			for k, v := range tt.meta {
				if ex.Meta[k] != v {
					t.Errorf("meta %s = %q, want %q", k, ex.Meta[k], v)
				}
			}
		})
	}
}
