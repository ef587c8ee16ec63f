// Package sections splits a document's blocks into the sections strategispor
// indexes: a heading, the path of headings above it, and the text, list
// items and footnotes under it. For plain text it first works out which
// lines are headings; long sections are cut at paragraph boundaries.
package sections

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/ingest/internal/wordcount"
	"github.com/strategispor/strategispor/internal/corpus"
)

// DefaultMaxWords is the size above which a section is cut in parts.
const DefaultMaxWords = 400

// Options tune Split.
type Options struct {
	// PlainText makes Split infer headings from Line blocks (txt and md).
	PlainText bool
	// MaxWords is the word count above which a section is split; 0 means DefaultMaxWords.
	MaxWords int
}

// Split turns normalized blocks (see package normalize) into ordered
// sections. Navigation lines are dropped; headings without text of their own
// only appear in the paths of the sections below them; footnotes become the
// References of the section they follow. IDs and DocumentID are left empty
// (see AssignIDs). The input slice is not modified.
func Split(in []block.Block, opt Options) []corpus.Section {
	if opt.MaxWords <= 0 {
		opt.MaxWords = DefaultMaxWords
	}
	bs := make([]block.Block, 0, len(in))
	for _, b := range in {
		if !isNavigation(b) {
			bs = append(bs, b)
		}
	}
	var table []bool
	if opt.PlainText {
		table = inferHeadings(bs)
	} else {
		adjustHeadings(bs)
	}
	drafts := build(bs, paragraphsByBlankLines(bs), table)
	drafts = dropEmpty(drafts)
	var out []corpus.Section
	for _, d := range drafts {
		out = append(out, d.split(opt.MaxWords)...)
	}
	for i := range out {
		out[i].Ordinal = i
	}
	return out
}

// piece is one unit of section text: a paragraph, or a list with its lead-in.
type piece struct {
	lead  string   // the paragraph, or the list's lead-in
	lines []string // list items as shown in the text, marker included
	items []string // list items without markers
	words int
	page  int
	// restart marks a paragraph that cites footnote [i] (or [1]) again after
	// the section already had that footnote: numbering restarts with a new
	// chapter whose heading the text lost, so a part starts here.
	restart bool
}

func (p piece) text() string {
	if len(p.lines) == 0 {
		return p.lead
	}
	list := strings.Join(p.lines, "\n")
	if p.lead == "" {
		return list
	}
	return p.lead + "\n" + list
}

// ref is a footnote with the number of pieces that came before it.
type ref struct {
	text, marker string
	at           int
	page         int
}

type draft struct {
	heading string
	level   int
	path    []string
	page    int
	pieces  []piece
	refs    []ref
}

type stackEntry struct {
	level   int
	heading string
}

// builder assembles drafts block by block.
type builder struct {
	drafts  []draft
	stack   []stackEntry
	para    []string // lines of the paragraph being read
	paraPg  int
	wrapped bool // plain-text paragraphs span lines up to a blank line
	inTable bool // para holds the rows of a table
	inList  bool // the last piece is a list still open for items
	// last ordered item per nesting level, to number lists whose
	// extractor repeats one marker
	lastMarker [9]string
	lastNum    [9]int
}

// paragraphsByBlankLines tells whether plain text separates paragraphs by
// blank lines (then consecutive lines are one wrapped paragraph) or puts each
// paragraph on its own line.
func paragraphsByBlankLines(bs []block.Block) bool {
	seen := false
	for _, b := range bs {
		if b.Kind != block.Line {
			continue
		}
		if b.Text == "" {
			if seen {
				return true
			}
			continue
		}
		seen = true
	}
	return false
}

// build reads blocks into drafts, one per heading. table flags lines that
// are rows of a table (see inferHeadings); nil when there are none.
func build(bs []block.Block, wrapped bool, table []bool) []draft {
	bd := &builder{wrapped: wrapped}
	bd.drafts = append(bd.drafts, draft{path: []string{}})
	prevBlank := true
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		switch b.Kind {
		case block.Heading:
			bd.flush()
			bd.heading(b)
		case block.Line:
			if table != nil && table[i] {
				if !bd.inTable {
					bd.flush()
					bd.inTable = true
					bd.paraPg = b.Page
				}
				bd.para = append(bd.para, b.Text)
				break
			}
			if b.Text == "" {
				if !bd.inTable {
					bd.flush()
				}
				prevBlank = true
				continue
			}
			if bd.inTable {
				bd.flush()
			}
			if bd.inList && len(bd.para) == 0 && !prevBlank && startsLower(b.Text) {
				bd.continueItem(b.Text)
				break
			}
			if !bd.wrapped {
				bd.flush()
			}
			if len(bd.para) == 0 {
				bd.paraPg = b.Page
			}
			bd.para = append(bd.para, b.Text)
		case block.Paragraph:
			bd.flush()
			bd.paragraph(b.Text, b.Page)
		case block.ListItem:
			bd.flush()
			bd.item(b)
		case block.Footnote:
			bd.flush()
			text := b.Text
			// A lone "[x]" marker takes the text on the line right after it.
			if isLoneMarker(text) && i+1 < len(bs) && (bs[i+1].Kind == block.Line || bs[i+1].Kind == block.Paragraph) && bs[i+1].Text != "" {
				text += " " + bs[i+1].Text
				i++
			}
			bd.reference(text, b.Marker, b.Page)
		}
		prevBlank = false
	}
	bd.flush()
	return bd.drafts
}

func (bd *builder) cur() *draft { return &bd.drafts[len(bd.drafts)-1] }

func (bd *builder) heading(b block.Block) {
	level := b.Level
	if level <= 0 {
		level = defaultHeadingLevel
	}
	for len(bd.stack) > 0 && bd.stack[len(bd.stack)-1].level >= level {
		bd.stack = bd.stack[:len(bd.stack)-1]
	}
	path := make([]string, len(bd.stack))
	for i, e := range bd.stack {
		path[i] = e.heading
	}
	bd.stack = append(bd.stack, stackEntry{level: level, heading: b.Text})
	bd.drafts = append(bd.drafts, draft{heading: b.Text, level: level, path: path, page: b.Page})
	bd.inList = false
}

// flush ends the paragraph being read. Wrapped lines of prose are joined by
// a space; short lines (addresses, signatures) keep their line breaks.
func (bd *builder) flush() {
	if len(bd.para) == 0 {
		return
	}
	var sb strings.Builder
	for i, l := range bd.para {
		if i > 0 {
			if !bd.inTable && utf8.RuneCountInString(bd.para[i-1]) >= 50 {
				sb.WriteByte(' ')
			} else {
				sb.WriteByte('\n')
			}
		}
		sb.WriteString(l)
	}
	bd.para = bd.para[:0]
	bd.inTable = false
	bd.paragraph(sb.String(), bd.paraPg)
}

func (bd *builder) paragraph(text string, page int) {
	d := bd.cur()
	d.pieces = append(d.pieces, piece{lead: text, words: wordcount.Count(text), page: page, restart: restartsNotes(d, text)})
	bd.inList = false
}

// item adds a list item; the first item of a list takes the paragraph right
// before it as its lead-in, so that "Regjeringen vil" and its items stay in
// one piece.
func (bd *builder) item(b block.Block) {
	d := bd.cur()
	if !bd.inList {
		bd.lastMarker = [9]string{}
	}
	if b.Ordered {
		b.Marker = bd.number(b)
	}
	line := strings.Repeat("  ", b.Level) + b.Marker + " " + b.Text
	if b.Marker == "" {
		line = strings.Repeat("  ", b.Level) + "• " + b.Text
	}
	n := len(d.pieces)
	switch {
	case bd.inList && n > 0:
	case n > 0 && len(d.pieces[n-1].items) == 0 && (len(d.refs) == 0 || d.refs[len(d.refs)-1].at < n):
		// lead-in: the paragraph just before the list
	default:
		d.pieces = append(d.pieces, piece{page: b.Page})
		n++
	}
	p := &d.pieces[n-1]
	p.lines = append(p.lines, line)
	p.items = append(p.items, b.Text)
	p.words += wordcount.Count(b.Text)
	bd.inList = true
}

// number returns the marker to show for an ordered item. Some extractors
// give every item of a numbered list the same marker ("1.", "1.", …); an
// item repeating the marker of the item before it at the same level gets
// the next number instead.
func (bd *builder) number(b block.Block) string {
	marker := b.Marker
	digits := strings.TrimRight(marker, ".)")
	n, err := strconv.Atoi(digits)
	lv := min(max(b.Level, 0), len(bd.lastMarker)-1)
	if err != nil || len(digits) == len(marker) {
		bd.lastMarker[lv] = ""
		return marker
	}
	if bd.inList && marker == bd.lastMarker[lv] {
		n = bd.lastNum[lv] + 1
		marker = strconv.Itoa(n) + marker[len(digits):]
	} else {
		bd.lastMarker[lv] = marker
	}
	bd.lastNum[lv] = n
	return marker
}

// continueItem appends a wrapped line to the last list item.
func (bd *builder) continueItem(text string) {
	d := bd.cur()
	p := &d.pieces[len(d.pieces)-1]
	p.lines[len(p.lines)-1] += " " + text
	p.items[len(p.items)-1] += " " + text
	p.words += wordcount.Count(text)
}

func (bd *builder) reference(text, marker string, page int) {
	d := bd.cur()
	d.refs = append(d.refs, ref{text: text, marker: marker, at: len(d.pieces), page: page})
	bd.inList = false
}

// dropEmpty removes drafts with neither text nor footnotes and gives the
// footnotes of a draft without text to the draft before it: footnotes are
// never a section of their own. A heading that has no text and no section
// below it would vanish with its draft, so its words are kept as text: of the
// section before it, or else under its parent heading. The first heading is
// exempt: it is the document's title, which the document keeps.
func dropEmpty(ds []draft) []draft {
	title := slices.IndexFunc(ds, func(d draft) bool { return d.heading != "" })
	out := ds[:0]
	for i, d := range ds {
		if len(d.pieces) == 0 {
			if i != title && d.heading != "" && !hasChild(ds, i) {
				p := piece{lead: d.heading, words: wordcount.Count(d.heading), page: d.page}
				if len(out) > 0 {
					prev := &out[len(out)-1]
					prev.pieces = append(prev.pieces, p)
					for _, r := range d.refs {
						r.at = len(prev.pieces)
						prev.refs = append(prev.refs, r)
					}
					continue
				}
				d = underParent(d, p)
			} else if len(d.refs) == 0 {
				continue
			} else if len(out) > 0 {
				prev := &out[len(out)-1]
				for _, r := range d.refs {
					r.at = len(prev.pieces)
					prev.refs = append(prev.refs, r)
				}
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// hasChild reports whether the draft after ds[i] lies under ds[i]'s heading.
func hasChild(ds []draft, i int) bool {
	if i+1 >= len(ds) {
		return false
	}
	d, next := ds[i], ds[i+1]
	n := len(d.path)
	return len(next.path) > n && next.path[n] == d.heading
}

// underParent turns an empty draft into a section of its parent heading
// holding p as text (the draft's own heading when it has no parent).
func underParent(d draft, p piece) draft {
	d.pieces = []piece{p}
	if n := len(d.path); n > 0 {
		d.heading, d.path = d.path[n-1], d.path[:n-1]
		d.level = max(d.level-1, 1)
	}
	return d
}

// restartsNotes reports whether text cites the first footnote of a
// numbering that d has already used.
func restartsNotes(d *draft, text string) bool {
	for _, first := range []string{"i", "1"} {
		if !strings.Contains(text, "["+first+"]") {
			continue
		}
		for _, r := range d.refs {
			if r.marker == first {
				return true
			}
		}
	}
	return false
}

func isLoneMarker(s string) bool {
	return strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") && !strings.Contains(s, " ")
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
