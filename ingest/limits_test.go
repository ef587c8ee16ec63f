package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/docxtext"
	"github.com/strategispor/strategispor/ingest/htmltext"
	"github.com/strategispor/strategispor/internal/corpus"
)

// TestLongWordWarning: a text holding one 100 KB word is ingested with its
// other text and a warning that names the limit; ordinary text has none.
func TestLongWordWarning(t *testing.T) {
	text := "Handlingsplan\n\nRegjeringen vil styrke samarbeidet.\n\n" + strings.Repeat("a", 100_000) + "\n"
	doc, err := File(context.Background(), "lang.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, w := range doc.Warnings {
		found = found || strings.Contains(w, "a word longer than 255 bytes")
	}
	if !found {
		t.Errorf("warnings %q do not report the long word", doc.Warnings)
	}
	doc, err = File(context.Background(), "kort.txt", []byte("Handlingsplan\n\nRegjeringen vil styrke samarbeidet.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range doc.Warnings {
		if strings.Contains(w, "longer than") {
			t.Errorf("warning on ordinary text: %q", w)
		}
	}
}

// TestDocumentLimits feeds each format a document just over one limit and
// checks that it is refused as too large with the limit named, by the
// extractor as it reads or before findings and indexing.
func TestDocumentLimits(t *testing.T) {
	lines := func(n int) []byte { return []byte(strings.Repeat("linje\n", n)) }
	tiltak := func(n int) []byte {
		var b strings.Builder
		b.WriteString("# Handlingsplan\n\n")
		for i := range n {
			fmt.Fprintf(&b, "Tiltak %d.%d.%d Utarbeide en plan for tjenester nummer %d.\n\n", i/10000+1, i/100%100+1, i%100+1, i)
		}
		return []byte(b.String())
	}
	headings := func(n int) []byte {
		var b strings.Builder
		b.WriteString("<html><body><main>")
		for i := range n {
			fmt.Fprintf(&b, "<h2>Kapittel %d</h2><p>Tekst %d.</p>", i, i)
		}
		b.WriteString("</main></body></html>")
		return []byte(b.String())
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"lines.txt", lines(corpus.MaxBlocks + 1), "limit of 200000 a document"},
		{"text.txt", []byte(strings.Repeat("ord ", corpus.MaxTextBytes/4+1)), "limit of 4194304 a document"},
		{"headings.html", headings(corpus.MaxBlocks/2 + 1), "limit of 200000 a document"},
		{"sections.html", headings(corpus.MaxSections + 1), "sections (limit of 10000 a document)"},
		{"tiltak.md", tiltak(corpus.MaxFindings + 200), "tiltak (limit of 5000 a document)"},
		{"paragraphs.docx", docxOf(corpus.MaxBlocks + 1), "limit of 200000 a document"},
		{"elements.html", []byte("<html><body>" + strings.Repeat("<b>a</b>", htmltext.MaxElements+1)), "elements (limit of 500000 a page)"},
		{"empty-paragraphs.docx", docxEmpty(docxtext.MaxXMLTokens/2 + 1), "XML elements and text runs (limit of 4000000 a part)"},
		{"kids.pdf", pdfWithKids(20_001), "a /Kids array of more than 20000 entries; limit of 20000 pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := File(context.Background(), tt.name, tt.data, Options{})
			if !errors.Is(err, corpus.ErrTooLarge) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrTooLarge naming %q", err, tt.want)
			}
		})
	}
}

// docxEmpty is a Word package of n empty paragraphs, stored uncompressed
// (deflated, it would be refused as a zip bomb first).
func docxEmpty(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store})
	io.WriteString(w, `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Tekst</w:t></w:r></w:p>`)
	io.WriteString(w, strings.Repeat("<w:p/>", n))
	io.WriteString(w, `</w:body></w:document>`)
	zw.Close()
	return buf.Bytes()
}

// docxOf is a minimal Word package of n one-word paragraphs.
func docxOf(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for i := range n {
		fmt.Fprintf(w, "<w:p><w:r><w:t>avsnitt %d</w:t></w:r></w:p>", i)
	}
	io.WriteString(w, `</w:body></w:document>`)
	zw.Close()
	return buf.Bytes()
}

// pdfWithKids is a PDF whose page tree root lists n references to one page.
func pdfWithKids(n int) []byte {
	var b bytes.Buffer
	off := make([]int, 4)
	b.WriteString("%PDF-1.4\n")
	off[1] = b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	off[2] = b.Len()
	fmt.Fprintf(&b, "2 0 obj\n<< /Type /Pages /Count %d /Kids [%s] >>\nendobj\n", n, strings.Repeat("3 0 R ", n))
	off[3] = b.Len()
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n")
	xref := b.Len()
	b.WriteString("xref\n0 4\n0000000000 65535 f \n")
	for _, o := range off[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}
