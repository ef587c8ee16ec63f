package batch_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
)

// countingStore records the size of every PutMany.
type countingStore struct {
	batch.Store
	mu      sync.Mutex
	batches []int
}

func (s *countingStore) PutMany(ctx context.Context, docs []corpus.Document) error {
	s.mu.Lock()
	s.batches = append(s.batches, len(docs))
	s.mu.Unlock()
	return s.Store.PutMany(ctx, docs)
}

// TestBatchesBySectionsAndReportsOnlyWritten ingests a folder in small
// section-bounded batches on two writers, and checks at every progress line
// that a file reported ingested is already readable from the index.
func TestBatchesBySectionsAndReportsOnlyWritten(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const files = 12
	for i := range files {
		write(t, filepath.Join(dir, fmt.Sprintf("dok-%02d.txt", i)),
			fmt.Sprintf("Strategi nummer %d\n\n1 Innledning\n\nRegjeringen vil styrke samarbeidet i sak %d.\n\n2 Oppfølging\n\nTiltaket følges opp årlig.\n", i, i))
	}
	ix := openIndex(t)
	store := &countingStore{Store: batch.Join(ix.Reader(), ix.Writer())}
	var progressErr []string
	in := batch.New(store, batch.Options{Workers: 2, Writers: 2, BatchSections: 5,
		Progress: func(done, total int, r corpus.FileResult) {
			if r.Outcome != corpus.OutcomeIngested {
				return
			}
			if _, err := ix.Reader().Document(ctx, r.DocumentID); err != nil {
				progressErr = append(progressErr, fmt.Sprintf("%s reported before it was written: %v", r.Path, err))
			}
		}})
	rep, err := in.Run(ctx, batch.Walk([]string{dir}))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range progressErr {
		t.Error(e)
	}
	if rep.Ingested != files {
		t.Fatalf("%d of %d files ingested: %+v", rep.Ingested, files, rep)
	}
	perDoc := rep.Sections / files
	total := 0
	for _, n := range store.batches {
		total += n
		// A batch closes at the document that reaches 5 sections.
		if n > (5+perDoc-1)/perDoc {
			t.Errorf("batch of %d documents (%d sections each) is over the 5-section limit", n, perDoc)
		}
	}
	if total != files || len(store.batches) < 2 {
		t.Errorf("batches %v: want %d documents in several batches", store.batches, files)
	}
	if docs, secs, err := ix.Reader().Stats(ctx); err != nil || docs != files || secs != rep.Sections {
		t.Errorf("index holds %d documents, %d sections (%v); report says %d, %d", docs, secs, err, files, rep.Sections)
	}
}
