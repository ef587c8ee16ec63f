package docxtext

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// Namespaces of a WordprocessingML package.
const (
	nsW  = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	nsCP = `xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
)

// zipParts writes the parts, in order, into a zip package.
func zipParts(t testing.TB, parts [][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docx builds a complete package around a document body.
func docx(t testing.TB, body, styles, numbering, core string) []byte {
	t.Helper()
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + nsW + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`},
	}
	if styles != "" {
		parts = append(parts, [2]string{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + nsW + `>` + styles + `</w:styles>`})
	}
	if numbering != "" {
		parts = append(parts, [2]string{"word/numbering.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + nsW + `>` + numbering + `</w:numbering>`})
	}
	if core != "" {
		parts = append(parts, [2]string{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties ` + nsCP + `>` + core + `</cp:coreProperties>`})
	}
	return zipParts(t, parts)
}

// p is a paragraph with an optional style and numbering.
func p(style, numID, ilvl, text string) string {
	var ppr strings.Builder
	if style != "" {
		fmt.Fprintf(&ppr, `<w:pStyle w:val="%s"/>`, style)
	}
	if numID != "" {
		fmt.Fprintf(&ppr, `<w:numPr><w:ilvl w:val="%s"/><w:numId w:val="%s"/></w:numPr>`, ilvl, numID)
	}
	pPr := ""
	if ppr.Len() > 0 {
		pPr = "<w:pPr>" + ppr.String() + "</w:pPr>"
	}
	// Split the text over two runs, as Word does at formatting changes.
	half := len([]rune(text)) / 2
	r := []rune(text)
	return fmt.Sprintf(`<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r></w:p>`,
		pPr, xmlEscape(string(r[:half])), xmlEscape(string(r[half:])))
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Norwegian Word styles: ids as a Norwegian Word writes them, with the
// names and outline levels that identify them.
const norwegianStyles = `<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Tittel"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Overskrift2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Kapittel"><w:name w:val="Kapitteloverskrift"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Underkapittel"><w:name w:val="Egen underoverskrift"/><w:basedOn w:val="Kapittel"/></w:style>
<w:style w:type="paragraph" w:styleId="Listeavsnitt"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Punktliste"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/></w:style>`

const norwegianNumbering = `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`

// strategiDocx is the fixture written to testdata/strategi.docx.
func strategiDocx(t testing.TB) []byte {
	body := p("Tittel", "", "", "Digitaliseringsstrategi for Ås kommune") +
		p("", "", "", "Vedtatt av kommunestyret 13. juni 2024.") +
		p("Overskrift1", "", "", "1 Innledning") +
		p("", "", "", "Kommunen skal være én digital kommune for innbyggere og næringsliv.") +
		p("Overskrift2", "", "", "1.1 Mål for arbeidet") +
		p("Listeavsnitt", "1", "0", "Sammenhengende tjenester med brukeren i sentrum") +
		p("Listeavsnitt", "1", "1", "Særlig for sårbare grupper") +
		p("Listeavsnitt", "1", "0", "Økt deling av data") +
		p("Overskrift1", "", "", "2 Regjeringen vil") +
		p("Listeavsnitt", "2", "0", "Etablere et nasjonalt fagnettverk") +
		p("Listeavsnitt", "2", "0", "Utrede felles løsninger innen 2026") +
		p("Punktliste", "", "", "Punkt fra en listestil uten nummerering") +
		p("Kapittel", "", "", "Tiltak og status") +
		p("Underkapittel", "", "", "Tiltak 7.1 Felles plattform") +
		`<w:tbl><w:tr><w:tc>` + p("", "", "", "Tiltak") + `</w:tc><w:tc>` + p("", "", "", "Status") + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + p("", "", "", "7.1 Felles plattform") + `</w:tc><w:tc>` + p("", "", "", "Mindre forsinkelser") + `</w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>Tekst med</w:t></w:r><w:r><w:tab/><w:t>tabulator og</w:t></w:r><w:del><w:r><w:delText>slettet</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/><w:instrText> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:t xml:space="preserve"> felt.</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Direkte disposisjonsnivå</w:t></w:r></w:p>`
	core := `<dc:title>Digitaliseringsstrategi 2024–2030</dc:title><dc:creator>Kari Nordmann</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-06-13T08:15:00Z</dcterms:created><dc:language>nb-NO</dc:language>`
	return docx(t, body, norwegianStyles, norwegianNumbering, core)
}
