// Package classify decides what kind of document a file is (strategi,
// statusrapport, saksframlegg, …) and reads its metadata — title, date,
// organisation, period, case number, language — from the text and from the
// extractor's metadata, recording where each value came from.
package classify

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/ingest/internal/wordcount"
	"github.com/strategispor/strategispor/ingest/sections"
	"github.com/strategispor/strategispor/internal/corpus"
)

// maxScan caps how much text the detectors read, so that classifying a
// very large document costs no more than a large one.
const maxScan = 256 << 10

// Apply fills doc.Title, DocType, Date, Organisation, Period, CaseNumber,
// Language and Provenance. It reads doc.Sections, doc.Source, doc.Format and
// doc.Pages, and the extractor's title and metadata in ex. A valid override
// type wins over detection.
func Apply(doc *corpus.Document, ex block.Extracted, override corpus.DocType) {
	c := newContext(doc, ex)
	if doc.Provenance == nil {
		doc.Provenance = map[string]string{}
	}
	set := func(field string, value *string, v, source string) {
		if v != "" {
			*value = v
			doc.Provenance[field] = source
		}
	}
	v, src := c.title()
	set("title", &doc.Title, v, src)
	v, src = c.caseNumber()
	set("case_number", &doc.CaseNumber, v, src)
	v, src = c.date()
	set("date", &doc.Date, v, src)
	v, src = c.period()
	set("period", &doc.Period, v, src)
	v, src = c.organisation()
	set("organisation", &doc.Organisation, v, src)
	v, src = c.language()
	set("language", &doc.Language, v, src)
	if override != "" && override.Valid() {
		doc.DocType = override
		doc.Provenance["doc_type"] = "option: type"
	} else {
		t, why := c.docType()
		doc.DocType = t
		doc.Provenance["doc_type"] = why
	}
}

// context holds what the detectors look at.
type context struct {
	doc   *corpus.Document
	ex    block.Extracted
	text  string // section headings and texts, capped at maxScan
	lines []string
	words int    // see wordCount; -1 until counted
	parts []bool // see laterParts
}

func newContext(doc *corpus.Document, ex block.Extracted) *context {
	var b strings.Builder
	parts := laterParts(doc.Sections)
	for i, s := range doc.Sections {
		if b.Len() >= maxScan {
			continue
		}
		if s.Heading != "" && !parts[i] {
			b.WriteString(s.Heading)
			b.WriteString("\n\n")
		}
		b.WriteString(s.Text)
		b.WriteString("\n\n")
	}
	text := b.String()
	if len(text) > maxScan {
		text = text[:maxScan]
	}
	return &context{doc: doc, ex: ex, text: text, lines: strings.Split(text, "\n"), words: -1, parts: parts}
}

// laterParts reports, per section, whether it is a later part of a long
// section: "Mål (2)", or "Mål – Regjeringen vil" after "Mål".
func laterParts(secs []corpus.Section) []bool {
	out := make([]bool, len(secs))
	base := ""
	for i, s := range secs {
		out[i] = partHeading(s.Heading) || base != "" && strings.HasPrefix(s.Heading, base+sections.PartSep)
		if !out[i] {
			base = s.Heading
		}
	}
	return out
}

// wordCount is the number of words in all section texts, counted when a
// rule first asks.
func (c *context) wordCount() int {
	if c.words < 0 {
		c.words = 0
		for _, s := range c.doc.Sections {
			c.words += wordcount.Count(s.Text)
		}
	}
	return c.words
}

var partRe = regexp.MustCompile(` \(\d+\)$`)

// partHeading reports a heading of a later part of a long section, "Mål
// (2)"; parts named by their content ("Mål – Regjeringen vil") are told by
// the heading before them.
func partHeading(h string) bool { return partRe.MatchString(h) }

// title: an AsciiDoc or front-matter title, else the document's first
// heading, else the extractor's title, else the file name. A saksframlegg is named by its case line.
func (c *context) title() (string, string) {
	if m := c.firstAt(caseTitleAtRe, startsCase); m != nil {
		t := strings.TrimSpace(caseKindRe.ReplaceAllString(m[2], ""))
		if t != "" {
			return t, "text: " + strings.TrimSpace(m[0])
		}
	}
	if h := c.lawHeading(); h != "" {
		return h, "text: heading naming the statute"
	}
	// An AsciiDoc document title ("= …") and a front-matter title (Markdown,
	// or a Word file converted from it) are the author's own name for the
	// document, never a running header.
	if c.ex.Title != "" && (c.doc.Format == "adoc" || c.doc.Format == "md" || c.ex.Meta["front_matter_title"] != "") {
		return c.ex.Title, c.titleSource()
	}
	if h := c.firstHeading(); h != "" {
		return h, "text: first heading"
	}
	if c.ex.Title != "" {
		return c.ex.Title, c.titleSource()
	}
	base := filepath.Base(c.doc.Source)
	return strings.TrimSuffix(base, filepath.Ext(base)), "file name"
}

func (c *context) titleSource() string {
	if c.ex.Meta["front_matter_title"] != "" {
		return c.ex.MetaSource["front_matter_title"]
	}
	switch c.doc.Format {
	case "html", "htm":
		return "html: <title>"
	case "pdf":
		return "pdf: /Title"
	case "docx":
		return "docx: core.xml title"
	case "md":
		return "markdown: front matter title"
	case "adoc":
		return "asciidoc: document title"
	}
	return "extractor title"
}

var (
	caseKindRe = regexp.MustCompile(`\s+(Behandlingssak|Orienteringssak|Drøftingssak|Beslutningssak|Diskusjonssak)\s*$`)
)

// firstHeading is the outermost heading of the first sections: the first
// section's top path entry, or its own heading. Labels in capitals
// ("SAKSFRAMLEGG", "TIPS") are skipped; an HTML or DOCX title is preferred
// when the first heading is merely a label.
func (c *context) firstHeading() string {
	for i, s := range c.doc.Sections {
		if i >= 3 {
			break
		}
		cands := append(append([]string{}, s.Path...), s.Heading)
		for _, h := range cands {
			if h == "" || isLabel(h) {
				continue
			}
			return h
		}
	}
	return ""
}

// lawHeading is an early heading "Lov om …" or "Forskrift om …": a
// Lovtidend print names the statute below the gazette's own headings.
func (c *context) lawHeading() string {
	for i, s := range c.doc.Sections {
		if i >= 5 {
			break
		}
		for _, h := range append(append([]string{}, s.Path...), s.Heading) {
			if lovTitleRe.MatchString(h) {
				return partRe.ReplaceAllString(h, "")
			}
		}
	}
	return ""
}

// isLabel is a heading that does not name the document: one word in
// capitals ("SAKSFRAMLEGG", "TIPS"), a fragment starting in lower case, or a
// generic part name ("Innhold", "Forord").
func isLabel(h string) bool {
	if strings.ToUpper(h) == h && len(strings.Fields(h)) == 1 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(h)
	return unicode.IsLower(r) || genericHeadings[strings.ToLower(strings.TrimRight(h, ": "))]
}

var genericHeadings = map[string]bool{
	"innhold": true, "innholdsfortegnelse": true, "forord": true, "sammendrag": true,
	"innledning": true, "bakgrunn": true, "om rapporten": true, "fotnoter": true, "noter": true,
}

func (c *context) caseNumber() (string, string) {
	for _, l := range c.lines {
		if v, ok := ParseCaseNumber(l); ok {
			return v, "text: " + clip(l)
		}
	}
	return "", ""
}

// date: a labelled date in the text ("Møtedato: 13.6.2019"), a place and
// date under a signature ("Oslo, 27.5.2019"), then the file's metadata.
func (c *context) date() (string, string) {
	if m := c.firstAt(labelledDateAtRe, startsDateLabel); m != nil {
		if d, ok := ParseDate(m[2]); ok {
			return d, "text: " + strings.TrimSpace(m[0])
		}
	}
	if d, src := c.colophonDate(); d != "" {
		return d, src
	}
	if m := c.firstAt(placeDateAtRe, startsPlace); m != nil {
		if d, ok := ParseDate(m[2]); ok {
			return d, "text: " + strings.TrimSpace(m[0])
		}
	}
	for _, key := range []string{"date", "created", "creation_date"} {
		if v := c.ex.Meta[key]; v != "" {
			if d, ok := ParseDate(v); ok {
				return d, c.metaSource(key)
			}
		}
	}
	return "", ""
}

func (c *context) metaSource(key string) string {
	if s := c.ex.MetaSource[key]; s != "" {
		return s
	}
	return c.doc.Format + ": " + key
}

// period: a span of years in the title, in parentheses in the text
// ("Én digital offentlig sektor (2019–2025)"), or in the file name.
func (c *context) period() (string, string) {
	if p, ok := ParsePeriod(c.doc.Title); ok {
		return p, "title: " + c.doc.Title
	}
	for _, m := range parenPeriodRe.FindAllStringSubmatch(c.text, 20) {
		if p, ok := period(m[1], m[2]); ok {
			return p, "text: " + m[0]
		}
	}
	base := filepath.Base(c.doc.Source)
	if p, ok := ParsePeriod(base); ok {
		return p, "file name: " + base
	}
	return "", ""
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
