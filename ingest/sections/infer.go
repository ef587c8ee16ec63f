package sections

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/ingest/internal/fold"
	"github.com/strategispor/strategispor/ingest/internal/wordcount"
)

// Limits for a line to count as a heading in plain text.
const (
	maxHeadingWords     = 14
	maxHeadingRunes     = 120
	maxQuestionWords    = 10 // "Hva sier strategien?" is a heading, a long question is prose
	maxNumberedWords    = 20
	minTableRun         = 4  // this many short lines in a row are a table or link list
	lawSectionLevel     = 3  // "§ 1 …" under a law's title and chapters
	maxExplicitWords    = 16 // a "heading" longer than this is a pull quote or a sentence
	firstHeadingLevel   = 1
	defaultHeadingLevel = 2
)

var (
	// "2.3 Mål", "2.3. Mål", "7.1.2 Tiltak" — a section number with at least one dot inside.
	numberedRe = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\p{Lu}.*)$`)
	// "Kapittel 4", "Kapittel 4 Mål", "Del II", "Vedlegg 2 Oversikt".
	chapterRe = regexp.MustCompile(`^(?i:kapittel|kap\.|del|vedlegg)\s+(\d{1,2}|[IVX]{1,5})\b[.:]?(?:\s+\S.*)?$`)
	// "Status: Mindre forsinkelser", "Møtedato: 13.6.2019" — a labelled field, body text.
	fieldRe = regexp.MustCompile(`^\p{L}[\p{L} /-]{0,30}:\s*\S`)
	// "§ 1. Formål", "§ 12 a Tilsyn" — a statute's section heading.
	lawSectionRe = regexp.MustCompile(`^§\s*\d{1,3}\s?[a-z]?\.?\s+\p{Lu}`)
	// "Sak 13/2019 …" — a case line, body text that classify reads.
	caseLineRe = regexp.MustCompile(`^(?i:sak)\s+\d{1,4}/\d{2,4}\b`)
)

// standardHeadings are the fixed headings of saksframlegg and similar case
// papers. They are headings even with a final colon or a list right after.
var standardHeadings = map[string]bool{
	"historikk/bakgrunn": true, "historikk": true, "bakgrunn": true, "bakgrunn for saken": true,
	"forslag til beslutning": true, "forslag til vedtak": true, "forslag til innstilling": true,
	"presentasjon av saken": true, "saken gjelder": true, "saksopplysninger": true,
	"saksutredning": true, "vurdering": true, "vurderinger": true, "drøfting": true,
	"konklusjon": true, "anbefaling": true, "innstilling": true, "tilråding": true,
	"vedtak": true, "beslutning": true, "vedlegg": true, "sammendrag": true,
	"oppsummering": true, "innledning": true, "formål": true, "problemstilling": true,
	"økonomiske konsekvenser": true, "økonomiske og administrative konsekvenser": true,
	"videre arbeid": true, "videre oppfølging": true,
}

// maxStandardHeading is the length in bytes of the longest standard heading.
var maxStandardHeading = func() int {
	n := 0
	for h := range standardHeadings {
		n = max(n, len(h))
	}
	return n
}()

// The helpers below skip a regexp when a cheap test shows it cannot match.

// isCaseLine is caseLineRe.MatchString(s): it needs "sak" (any case) and a slash.
func isCaseLine(s string) bool {
	return fold.HasPrefix(s, "sak") && strings.IndexByte(s, '/') >= 0 && caseLineRe.MatchString(s)
}

// matchNumbered is numberedRe.FindStringSubmatch(s): it needs a leading digit.
func matchNumbered(s string) []string {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return nil
	}
	return numberedRe.FindStringSubmatch(s)
}

// mayChapter holds when s starts like chapterRe: kapittel, kap., del or vedlegg.
func mayChapter(s string) bool {
	return fold.HasPrefix(s, "kap") || fold.HasPrefix(s, "del") || fold.HasPrefix(s, "vedlegg")
}

// isField is fieldRe.MatchString(s): its colon comes within 31 runes of
// four bytes at most, and no colon comes before it.
func isField(s string) bool {
	i := strings.IndexByte(s, ':')
	return i > 0 && i <= 31*utf8.UTFMax && fieldRe.MatchString(s)
}

// line facts used by inference.
type lineInfo struct {
	cand   bool // could be a heading: short, capitalised, no final punctuation
	strong bool // a heading even before a list: numbered, chapter, standard, ALL CAPS
	level  int  // level implied by numbering, 0 if none
	table  bool // part of a run of short lines: a table or a link list
}

// markTables finds runs of minTableRun or more short lines (blank lines in
// between do not matter) and takes their lines out of the heading
// candidates, except a strong heading right after the run's last line.
func markTables(bs []block.Block, idx []int, info []lineInfo) {
	for k := 0; k < len(idx); {
		if !shortLine(bs, idx[k]) {
			k++
			continue
		}
		end := k
		for end < len(idx) && shortLine(bs, idx[end]) {
			end++
		}
		if end-k >= minTableRun {
			for j := k; j < end; j++ {
				if j == end-1 && info[j].strong {
					continue
				}
				info[j].table = true
				info[j].cand = false
			}
		}
		k = end
	}
}

// shortLine is a line that could be a table cell, a link or a caption: few
// words and either no final punctuation or hardly a sentence ("mv.").
// Labelled fields and lines of wrapped prose do not count: a header of
// fields is no table.
func shortLine(bs []block.Block, i int) bool {
	b := bs[i]
	if b.Kind != block.Line || !startsUpper(b.Text) || isField(b.Text) ||
		isCaseLine(b.Text) || wrappedLine(bs, i) {
		return false
	}
	n := wordcount.UpTo(b.Text, maxHeadingWords+1)
	if !endsSentence(b.Text) {
		return n <= maxHeadingWords
	}
	return n <= 4 && endsAbbreviation(b.Text)
}

// abbreviations that end table cells without ending a sentence.
var abbreviations = []string{" mv.", " m.m.", " osv.", " mfl.", " m.fl.", " etc.", " o.l.", " e.l.", " mm."}

func endsAbbreviation(s string) bool {
	for _, a := range abbreviations {
		if strings.HasSuffix(s, a) {
			return true
		}
	}
	return false
}

// wrappedLine reports a line that belongs to a paragraph hard-wrapped over
// several lines: a lower-case line follows right after it, or it follows
// right after a long line that does not end a sentence.
func wrappedLine(bs []block.Block, i int) bool {
	if i+1 < len(bs) && bs[i+1].Kind == block.Line && startsLower(bs[i+1].Text) {
		return true
	}
	if i > 0 && bs[i-1].Kind == block.Line && bs[i-1].Text != "" {
		prev := bs[i-1].Text
		return utf8.RuneCountInString(prev) >= 50 && !endsSentence(prev)
	}
	return false
}

// inferHeadings turns plain-text lines that act as headings into Heading
// blocks, in place. Rules (docs/structure.md explains them):
//   - a candidate is a short line (≤14 words) that starts with a capital or a
//     section number and has no final punctuation (a short question is fine);
//     labelled fields ("Status: …") and case lines ("Sak 13/2019 …") never are;
//   - candidates in a row (blank lines between do not matter) form a run; a
//     run of minTableRun or more is a table or link list and stays text;
//   - a run followed by body text is a run of headings, except that a plain
//     candidate right before a list is the list's lead-in ("Regjeringen vil");
//   - a run followed by a footnote or by nothing is text.
//
// It returns, per block, whether the line is part of a table, so that the
// table's rows can be kept together as one paragraph.
func inferHeadings(bs []block.Block) (table []bool) {
	// Positions of non-blank blocks.
	idx := make([]int, 0, len(bs))
	for i, b := range bs {
		if b.Kind == block.Line && b.Text == "" {
			continue
		}
		idx = append(idx, i)
	}
	info := make([]lineInfo, len(idx))
	for k := range idx {
		info[k] = classifyLine(bs, idx, k)
		if info[k].cand && !info[k].strong && wrappedLine(bs, idx[k]) {
			info[k].cand = false
		}
	}
	markTables(bs, idx, info)
	table = make([]bool, len(bs))
	for k, i := range idx {
		table[i] = info[k].table
	}
	var level1 map[string]bool
	for k := 0; k < len(idx); {
		if !info[k].cand {
			k++
			continue
		}
		end := k
		for end < len(idx) && info[end].cand {
			end++
		}
		follow := followKind(bs, idx, end)
		n := end - k
		for j := k; j < end; j++ {
			heading := false
			switch {
			case follow == followEnd || follow == followRef:
			case n >= minTableRun:
				heading = j == end-1 && info[j].strong
			case info[j].table:
			case j == end-1 && follow == followList:
				heading = info[j].strong
			default:
				heading = true
			}
			if !heading {
				continue
			}
			b := &bs[idx[j]]
			text := strings.TrimSpace(strings.TrimSuffix(b.Text, ":"))
			if b.Kind == block.ListItem {
				text = b.Marker + " " + b.Text
			}
			level := info[j].level
			switch {
			case level > 0:
			case j == 0, isAllCaps(text), standardHeadings[strings.ToLower(text)], level1[text]:
				level = firstHeadingLevel
			default:
				level = defaultHeadingLevel
			}
			if level == firstHeadingLevel {
				if level1 == nil {
					level1 = map[string]bool{}
				}
				level1[text] = true
			}
			*b = block.Block{Kind: block.Heading, Text: text, Level: level, Page: b.Page}
		}
		k = end
	}
	return table
}

type follower int

const (
	followEnd follower = iota
	followBody
	followList
	followRef
	followHeading
)

func followKind(bs []block.Block, idx []int, k int) follower {
	if k >= len(idx) {
		return followEnd
	}
	switch bs[idx[k]].Kind {
	case block.ListItem:
		return followList
	case block.Footnote:
		return followRef
	case block.Heading:
		return followHeading
	}
	return followBody
}

// classifyLine decides whether the k-th non-blank block could be a heading.
func classifyLine(bs []block.Block, idx []int, k int) lineInfo {
	b := bs[idx[k]]
	switch b.Kind {
	case block.Line:
	case block.ListItem:
		return numberedItem(bs, idx, k)
	default:
		return lineInfo{}
	}
	s := b.Text
	if isCaseLine(s) {
		return lineInfo{}
	}
	// The first line under a heading the file marked ("## Tiltak" in
	// Markdown) is its text, unless it is numbered or a standard heading.
	after := k > 0 && bs[idx[k-1]].Kind == block.Heading
	bare := strings.TrimSpace(strings.TrimSuffix(s, ":"))
	// Lower-casing shrinks a string to no less than a third (the Kelvin
	// sign is three bytes, k one), so longer lines are no standard heading.
	if len(bare) <= 3*maxStandardHeading && standardHeadings[strings.ToLower(bare)] {
		return lineInfo{cand: true, strong: true}
	}
	if m := matchNumbered(s); m != nil && wordcount.UpTo(s, maxNumberedWords+1) <= maxNumberedWords && !endsSentence(s) {
		return lineInfo{cand: true, strong: true, level: strings.Count(m[1], ".") + 1}
	}
	if strings.HasPrefix(s, "§") && lawSectionRe.MatchString(s) && wordcount.UpTo(s, maxHeadingWords+1) <= maxHeadingWords && !endsSentence(s) {
		return lineInfo{cand: true, strong: true, level: lawSectionLevel}
	}
	if mayChapter(s) && chapterRe.MatchString(s) && wordcount.UpTo(s, maxNumberedWords+1) <= maxNumberedWords && !endsSentence(s) {
		return lineInfo{cand: true, strong: true, level: 1}
	}
	if after || isField(s) {
		return lineInfo{}
	}
	n := wordcount.UpTo(s, maxHeadingWords+1)
	if n > maxHeadingWords || utf8.RuneCountInString(s) > maxHeadingRunes || !startsUpper(s) || letters(s) < 2 {
		return lineInfo{}
	}
	if strings.HasSuffix(s, "?") {
		return lineInfo{cand: n <= maxQuestionWords}
	}
	if endsSentence(s) {
		return lineInfo{}
	}
	return lineInfo{cand: true, strong: isAllCaps(s)}
}

// numberedItem treats "1. Innledning" as a level-1 heading when it stands
// alone: short, capitalised, unpunctuated, and no numbered item next to it.
func numberedItem(bs []block.Block, idx []int, k int) lineInfo {
	b := bs[idx[k]]
	if !b.Ordered || b.Level != 0 || !strings.HasSuffix(b.Marker, ".") || b.Marker[0] < '0' || b.Marker[0] > '9' {
		return lineInfo{}
	}
	if wordcount.UpTo(b.Text, maxHeadingWords+1) > maxHeadingWords || !startsUpper(b.Text) || endsSentence(b.Text) || strings.HasSuffix(b.Text, "?") {
		return lineInfo{}
	}
	for _, j := range []int{k - 1, k + 1} {
		if j >= 0 && j < len(idx) && bs[idx[j]].Kind == block.ListItem {
			return lineInfo{}
		}
	}
	return lineInfo{cand: true, strong: true, level: 1}
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".,;:!", r)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "«\"'(“"))
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// pullQuote reports whether a PDF "heading" is a sentence set large: five
// words or more ending in a full stop ("Covid-19-pandemien har gjort
// sårbarhetsbildet tydeligere …."). Numbered headings ("2.1 Mål.") are not.
func pullQuote(s string) bool {
	return strings.HasSuffix(s, ".") && !endsAbbreviation(s) && matchNumbered(s) == nil &&
		wordcount.UpTo(s, 5) >= 5
}

// adjustHeadings corrects what layout-based extractors marked, in place.
// In PDFs (blocks with a page), where headings are guessed from font size,
// a "heading" of more than maxExplicitWords words, or a sentence with a
// full stop, is a pull quote and becomes a paragraph, and one starting in
// lower case continues the heading before it or, with none, is a paragraph. In every format a short paragraph
// "§ 1. Formål" is a statute's section heading, one level below the heading
// it follows.
func adjustHeadings(bs []block.Block) {
	last := 0
	for i := range bs {
		b := &bs[i]
		switch b.Kind {
		case block.Heading:
			if b.Page > 0 && (wordcount.Count(b.Text) > maxExplicitWords || pullQuote(b.Text)) {
				b.Kind, b.Level = block.Paragraph, 0
				continue
			}
			if b.Page > 0 && startsLower(b.Text) {
				if i > 0 && bs[i-1].Kind == block.Heading && bs[i-1].Page == b.Page {
					bs[i-1].Text += " " + b.Text
					b.Kind, b.Text = block.Line, "" // a blank line: dropped by the builder
					continue
				}
				b.Kind, b.Level = block.Paragraph, 0
				continue
			}
			if b.Level > 0 && !lawSectionRe.MatchString(b.Text) {
				last = b.Level
			}
		case block.Paragraph:
			if lawSectionRe.MatchString(b.Text) && wordcount.Count(b.Text) <= maxHeadingWords && (!endsSentence(b.Text) || endsAbbreviation(b.Text)) {
				b.Kind, b.Level = block.Heading, min(last+1, 6)
			}
		}
	}
}
