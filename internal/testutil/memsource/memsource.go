// Package memsource is a link.Source over documents held in memory, for tests
// and measurements that exercise the linker apart from the index.
package memsource

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Source holds whole documents by id; its generation moves on every change,
// as the index's does.
type Source struct {
	mu   sync.Mutex
	docs map[string]corpus.Document
	gen  atomic.Uint64
}

// New returns an empty Source.
func New() *Source { return &Source{docs: map[string]corpus.Document{}} }

// Documents lists every document's metadata (no sections), ordered by id.
func (s *Source) Documents(context.Context) ([]corpus.Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]corpus.Document, 0, len(s.docs))
	for _, d := range s.docs {
		d.Sections, d.Commitments, d.Tiltak = nil, nil, nil
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b corpus.Document) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Document returns one whole document.
func (s *Source) Document(_ context.Context, id string) (corpus.Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return corpus.Document{}, fmt.Errorf("%s: %w", id, corpus.ErrNotFound)
	}
	return d, nil
}

// Put adds or replaces a document.
func (s *Source) Put(d corpus.Document) {
	s.mu.Lock()
	s.docs[d.ID] = d
	s.mu.Unlock()
	s.gen.Add(1)
}

// Delete removes a document.
func (s *Source) Delete(id string) {
	s.mu.Lock()
	delete(s.docs, id)
	s.mu.Unlock()
	s.gen.Add(1)
}

// Generation reports how many changes the source has seen (link.Options.Generation).
func (s *Source) Generation() uint64 { return s.gen.Load() }
