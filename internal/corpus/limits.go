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
