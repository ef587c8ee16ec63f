package hostiletest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Generators of the large hostile files in costCases. They are built in
// memory by the test; nothing large is committed.

// filler returns n words of varied, ordinary-looking text, so that the
// files compress like real documents and not like a zip bomb.
func filler(rng *rand.Rand, n int) string {
	words := []string{"kommunen", "skal", "styrke", "arbeidet", "med", "digitale", "tjenester", "og", "deling",
		"av", "data", "innbyggere", "sektor", "samarbeid", "plan", "oppfølging", "tiltaket", "rapport"}
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[rng.IntN(len(words))])
		if rng.IntN(5) == 0 {
			fmt.Fprintf(&b, " %d", rng.IntN(100000))
		}
	}
	return b.String()
}

// docx packs document.xml, holding body, into a minimal Word package.
func docx(body func(w io.Writer)) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	ct, _ := zw.Create("[Content_Types].xml")
	io.WriteString(ct, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" `+
		`ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	body(w)
	io.WriteString(w, `</w:body></w:document>`)
	zw.Close()
	return buf.Bytes()
}

// docxEmptyParagraphs is a DOCX of one word and n empty paragraphs,
// stored uncompressed so that it is not refused as a zip bomb.
func docxEmptyParagraphs(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store})
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Tekst</w:t></w:r></w:p>`)
	io.WriteString(w, strings.Repeat("<w:p/>", n))
	io.WriteString(w, `</w:body></w:document>`)
	zw.Close()
	return buf.Bytes()
}

// docxParagraphs is a DOCX of n paragraphs of words words each.
func docxParagraphs(n, words int) []byte {
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	return docx(func(w io.Writer) {
		for range n {
			fmt.Fprintf(w, `<w:p><w:r><w:t>%s</w:t></w:r></w:p>`, filler(rng, words))
		}
	})
}

// htmlHeadings is an HTML page of n headings, each with a short paragraph.
func htmlHeadings(n int) []byte {
	rng := rand.New(rand.NewPCG(uint64(n), 2))
	var b bytes.Buffer
	b.WriteString("<!doctype html><html lang=\"nb\"><head><title>Overskrifter</title></head><body><main><h1>Overskrifter</h1>\n")
	for i := range n {
		fmt.Fprintf(&b, "<h2>Kapittel %d %s</h2><p>%s.</p>\n", i+1, filler(rng, 2), filler(rng, 8))
	}
	b.WriteString("</main></body></html>\n")
	return b.Bytes()
}

// markdownTiltak is a Markdown action plan of n numbered tiltak under
// sections of perSection tiltak each, with words words of text each.
func markdownTiltak(n, perSection, words int) []byte {
	rng := rand.New(rand.NewPCG(uint64(n), 3))
	var b bytes.Buffer
	b.WriteString("# Handlingsplan for digitalisering\n\n")
	for i := range n {
		if i%perSection == 0 {
			fmt.Fprintf(&b, "## Innsatsområde %d\n\nRegjeringen vil %s.\n\n", i/perSection+1, filler(rng, 10))
		}
		fmt.Fprintf(&b, "Tiltak %d.%d.%d Utarbeide %s.\n\n", i/10000+1, i/100%100+1, i%100+1, filler(rng, words))
	}
	return b.Bytes()
}

// pdfKids is a PDF whose page tree root lists n references to one page.
func pdfKids(n int) []byte {
	var b bytes.Buffer
	off := make([]int, 5)
	b.WriteString("%PDF-1.4\n")
	off[1] = b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	off[2] = b.Len()
	fmt.Fprintf(&b, "2 0 obj\n<< /Type /Pages /Count %d /Kids [", n)
	b.WriteString(strings.Repeat("3 0 R ", n))
	b.WriteString("] >>\nendobj\n")
	off[3] = b.Len()
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>\nendobj\n")
	content := "BT /F1 12 Tf 72 720 Td (Side) Tj ET"
	off[4] = b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(content), content)
	xref := b.Len()
	b.WriteString("xref\n0 5\n0000000000 65535 f \n")
	for _, o := range off[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}
