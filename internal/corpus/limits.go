package corpus

import "unicode"

// Limits on what one document may cost. Each is checked before the expensive
// step it protects; docs/robustness.md lists them with their reasons.

// MaxTokenBytes is the longest word the index keeps whole, in bytes of UTF-8.
// A longer run of letters and digits is indexed in pieces of at most this
// many bytes, cut at character boundaries, as Lucene's and Elasticsearch's
// standard tokenizer do with max_token_length (255 there too). Ingest warns
// about such words, since a search finds them only piece by piece.
const MaxTokenBytes = 255

// IsWordRune reports whether r belongs to a word as the index splits text:
// letters, digits and combining marks. Everything else separates words.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Limits on one document, checked while it is extracted and before it is
// indexed. A document over any of them is refused with ErrTooLarge and a
// message naming the limit. A 300-page official report (NOU) has some
// 1 MB of text, 15,000 lines, 1,500 sections and a few hundred commitments
// and tiltak: it passes each limit with a margin of four or more. The text
// limit is the tightest because extracting and indexing cost about half a
// second of CPU and 80 MB a megabyte of text (docs/robustness.md has the
// measurements).
const (
	// MaxTextBytes bounds the text extracted from one document.
	MaxTextBytes = 4 << 20
	// MaxBlocks bounds the paragraphs, headings, list items, footnotes and
	// lines (blank ones too, for plain text) extracted from one document.
	MaxBlocks = 200_000
	// MaxSections bounds the sections of one document.
	MaxSections = 10_000
	// MaxFindings bounds the commitments and, separately, the tiltak of
	// one document. Linking them costs more than linearly: 5,000 of each
	// take 2 s of CPU on first read, 40,000 of each over 20 s.
	MaxFindings = 5_000
)
