package block

import (
	"fmt"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Budget counts the blocks and text bytes an extractor produces against
// corpus.MaxBlocks and corpus.MaxTextBytes, so that extraction stops at the
// limit instead of building an unbounded document first.
type Budget struct {
	blocks, bytes int
}

// Add counts one block of textBytes bytes. Past a limit it returns an error
// wrapping corpus.ErrTooLarge that names the limit.
func (b *Budget) Add(textBytes int) error {
	b.blocks++
	b.bytes += textBytes
	return Over(b.blocks, b.bytes)
}

// Over returns the error of Add for a document of blocks blocks and
// textBytes bytes of text, or nil when both are within the limits.
func Over(blocks, textBytes int) error {
	switch {
	case blocks > corpus.MaxBlocks:
		return fmt.Errorf("more than %d paragraphs, headings and lines (limit of %d a document): %w",
			corpus.MaxBlocks, corpus.MaxBlocks, corpus.ErrTooLarge)
	case textBytes > corpus.MaxTextBytes:
		return fmt.Errorf("more than %d bytes of text (limit of %d a document): %w",
			corpus.MaxTextBytes, corpus.MaxTextBytes, corpus.ErrTooLarge)
	}
	return nil
}

// Check counts blocks as Add does, for an extractor that appends them in
// bulk.
func (b *Budget) Check(blocks []Block) error {
	for _, bl := range blocks {
		if err := b.Add(len(bl.Text)); err != nil {
			return err
		}
	}
	return nil
}
