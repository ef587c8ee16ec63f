package ingest

import (
	"fmt"

	"github.com/strategispor/strategispor/ingest/internal/wordcount"
	"github.com/strategispor/strategispor/internal/corpus"
)

// longWordWarning says how many words of doc the index cuts into pieces
// (corpus.MaxTokenBytes), or "" when there are none.
func longWordWarning(doc *corpus.Document) string {
	n := 0
	for _, s := range doc.Sections {
		n += wordcount.Longer(s.Heading, corpus.MaxTokenBytes) + wordcount.Longer(s.Text, corpus.MaxTokenBytes)
		for _, r := range s.References {
			n += wordcount.Longer(r, corpus.MaxTokenBytes)
		}
	}
	if n == 0 {
		return ""
	}
	if n == 1 {
		return fmt.Sprintf("a word longer than %d bytes is indexed in pieces of at most %d bytes and is found only piece by piece",
			corpus.MaxTokenBytes, corpus.MaxTokenBytes)
	}
	return fmt.Sprintf("%d words longer than %d bytes are indexed in pieces of at most %d bytes and are found only piece by piece",
		n, corpus.MaxTokenBytes, corpus.MaxTokenBytes)
}

// tooManySections refuses a document over corpus.MaxSections, before
// classification, findings and indexing, which cost per section.
func tooManySections(n int) error {
	if n > corpus.MaxSections {
		return fmt.Errorf("%d sections (limit of %d a document): %w", n, corpus.MaxSections, corpus.ErrTooLarge)
	}
	return nil
}

// tooManyFindings refuses a document over corpus.MaxFindings commitments or
// tiltak, before they are indexed and linked.
func tooManyFindings(doc *corpus.Document) error {
	for _, c := range []struct {
		what string
		n    int
	}{{"commitments", len(doc.Commitments)}, {"tiltak", len(doc.Tiltak)}} {
		if c.n > corpus.MaxFindings {
			return fmt.Errorf("%d %s (limit of %d a document): %w", c.n, c.what, corpus.MaxFindings, corpus.ErrTooLarge)
		}
	}
	return nil
}
