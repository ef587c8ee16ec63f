package batch

import (
	"context"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Reads is the read half of a Store.
type Reads interface {
	ContentHash(ctx context.Context, id string) (string, error) // ErrNotFound when absent
	Document(ctx context.Context, id string) (corpus.Document, error)
}

// Writes is the write half of a Store.
type Writes interface {
	PutMany(ctx context.Context, docs []corpus.Document) error
	Delete(ctx context.Context, id string) error
}

// joined is a Store made of the two halves.
type joined struct {
	Reads
	Writes
}

// Join makes a Store of an index's read and write sides, which it keeps
// apart.
func Join(r Reads, w Writes) Store { return joined{r, w} }
