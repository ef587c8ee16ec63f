// Package block is the common shape every extractor produces and the section
// splitter consumes: a flat, ordered list of blocks (headings, paragraphs,
// list items, footnotes) with whatever structure the file format revealed.
// Plain-text formats leave heading detection to the splitter; HTML, DOCX and
// PDF mark headings they can see.
package block

// Kind is what a block is.
type Kind int

// Block kinds.
const (
	Paragraph Kind = iota // running text; Text may hold several lines joined by spaces
	Heading               // a heading; Level 1..6 when known, 0 when the extractor could not tell
	ListItem              // one list item, marker removed; Ordered and Marker say which kind
	Footnote              // a footnote or endnote ("[iv] NOU 2024: 7 …"), marker kept in Text
	Line                  // an unclassified line of plain text; the splitter decides what it is
)

func (k Kind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case Heading:
		return "heading"
	case ListItem:
		return "list_item"
	case Footnote:
		return "footnote"
	case Line:
		return "line"
	}
	return "unknown"
}

// Block is one unit of extracted text.
type Block struct {
	Kind    Kind
	Text    string
	Level   int    // heading level (1 = top), or list nesting depth (0 = top) for list items
	Ordered bool   // numbered list item
	Marker  string // the original list marker ("1.", "•", "-") or footnote marker ("iv")
	Page    int    // 1-based page, PDF only; 0 when unknown
}

// Extracted is what an extractor returns for one file.
type Extracted struct {
	Title  string            // from <title>, DOCX core properties, PDF /Title; may be empty
	Blocks []Block           // in reading order
	Meta   map[string]string // format metadata: "date", "author", "creator", "language", "description", …
	// MetaSource says where each Meta value came from ("html: <meta name=…>", "pdf: /CreationDate").
	MetaSource map[string]string
	Pages      int      // PDF page count
	Warnings   []string // non-fatal problems, e.g. glued words, undecodable bytes replaced
	// PlainText is true when the blocks are raw lines (txt/md without markup
	// the extractor understood) and headings must be inferred from the text.
	PlainText bool
}

// SetMeta records a metadata value and where it came from; empty values are ignored.
func (e *Extracted) SetMeta(key, value, source string) {
	if value == "" {
		return
	}
	if e.Meta == nil {
		e.Meta = map[string]string{}
		e.MetaSource = map[string]string{}
	}
	e.Meta[key] = value
	e.MetaSource[key] = source
}
