// Package findings reads commitments ("Regjeringen vil …") and tiltak with
// their status out of a document's sections.
//
// It works on a flat stream of lines rebuilt from the sections (headings,
// paragraph lines, list items), so that it does not depend on exactly where
// the section splitter drew its boundaries: a "Regjeringen vil" lead-in may
// end one section or be a heading of its own, and a "Status:" line may be
// read as a heading or as text.
package findings

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/sections"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Find fills doc.Commitments and doc.Tiltak from doc.Sections. Section and
// document ids must already be set. Find replaces whatever findings the
// document carried before.
func Find(doc *corpus.Document) {
	lines := flatten(doc.Sections)
	doc.Commitments = mergeSame(findCommitments(doc, lines))
	doc.Tiltak = findTiltak(doc, lines)
}

// line is one unit of the flattened document.
type line struct {
	text    string // cleaned, marker removed
	low     string // text with ASCII letters lower-cased, for the keyword tests
	sec     int    // index into the document's sections
	heading bool
	item    bool   // list item
	marker  string // "1" for an ordered item numbered 1; "" otherwise
	parent  string // of a heading: the heading of the section it is part of
}

// flatten turns sections into lines. List items are recognised by their
// marker in the text or by appearing in the section's ListItems; bullets that
// a PDF extractor glued into one line are split apart.
func flatten(secs []corpus.Section) []line {
	var out []line
	for i, s := range secs {
		if h := clean(s.Heading); h != "" {
			l := line{text: h, sec: i, heading: true}
			if len(s.Path) > 0 {
				l.parent = clean(s.Path[len(s.Path)-1])
			}
			out = append(out, l)
		}
		items := map[string]bool{}
		for _, it := range s.ListItems {
			items[stripMarker(clean(it))] = true
		}
		for _, raw := range strings.Split(s.Text, "\n") {
			for _, part := range splitGlued(raw) {
				t := clean(part)
				if t == "" {
					continue
				}
				l := line{text: t, sec: i}
				if m := matchNumber(t); m != nil {
					l.item, l.marker = true, m[1]
					l.text = strings.TrimSpace(t[len(m[0])-len(m[2]):])
				} else if loc := matchBullet(t); loc != nil && loc[1] < len(t) {
					l.item = true
					l.text = strings.TrimSpace(t[loc[1]:])
				}
				if items[l.text] {
					l.item = true
				}
				if n := len(out) - 1; n >= 0 && wrapped(out[n], l, i) {
					out[n].text += " " + l.text
					continue
				}
				out = append(out, l)
			}
		}
	}
	for i := range out {
		out[i].low = asciiLower(out[i].text)
	}
	return out
}

// asciiLower lower-cases the ASCII letters of s and leaves other bytes be.
// A keyword of ASCII letters without other case forms (no k or s, which
// also fold to the Kelvin sign and long s) occurs in asciiLower(s) exactly
// where regexp's (?i) finds it in s.
func asciiLower(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// wrapped reports whether next continues prev as a hard-wrapped line: same
// section, neither a heading nor a list item, prev without closing
// punctuation and next starting in lower case.
func wrapped(prev, next line, sec int) bool {
	if prev.sec != sec || prev.heading || prev.item || next.item {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev.text)
	first, _ := utf8.DecodeRuneInString(next.text)
	return !strings.ContainsRune(".!?:;»”)", last) && unicode.IsLower(first)
}

// stripMarker removes a leading list marker.
func stripMarker(t string) string {
	if m := matchNumber(t); m != nil {
		return strings.TrimSpace(t[len(m[0])-len(m[2]):])
	}
	if loc := matchBullet(t); loc != nil && loc[1] < len(t) {
		return strings.TrimSpace(t[loc[1]:])
	}
	return t
}

// splitGlued splits "Regjeringen vil • styrke … • sørge for …" into the
// lead-in and one part per bullet; a line without inner bullets is returned whole.
func splitGlued(s string) []string {
	trimmed := strings.TrimSpace(s)
	if strings.Count(trimmed, "•") < 1 || (strings.Count(trimmed, "•") == 1 && strings.HasPrefix(trimmed, "•")) {
		return []string{s}
	}
	var out []string
	for i, p := range strings.Split(trimmed, "•") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if i > 0 {
			p = "• " + p
		}
		out = append(out, p)
	}
	return out
}

// contextOf returns the chapter heading path of section i.
func contextOf(secs []corpus.Section, i int) []string {
	s := secs[i]
	var path []string
	for _, p := range s.Path {
		if p = clean(p); p != "" && !isLeadIn(p, true) {
			path = append(path, p)
		}
	}
	h := clean(s.Heading)
	// A part named by the list that opens it ("Mål – Regjeringen vil") is
	// in the chapter its heading names first.
	if base, name, ok := strings.Cut(h, sections.PartSep); ok && isLeadIn(name, true) {
		h = base
	}
	if h != "" && !isLeadIn(h, true) {
		path = append(path, h)
	}
	return path
}
