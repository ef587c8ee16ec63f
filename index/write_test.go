package index

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TestConcurrentWrites runs many PutMany and Delete calls at once, some on
// the same documents. Writes of different documents overlap; writes of one
// document take turns, so each replacement removes the sections of the
// version before it and no section is left behind.
func TestConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	ix, err := Open(t.TempDir(), testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	version := func(id string, v, n int) corpus.Document {
		d := corpus.Document{ID: id, Title: id, DocType: corpus.TypeRapport, Source: id + ".txt"}
		for i := range n {
			d.Sections = append(d.Sections, section(id, i, fmt.Sprintf("Del %d", i),
				fmt.Sprintf("Versjon %d av %s: regjeringen vil styrke digitaliseringsarbeidet, avsnitt %d.", v, id, i)))
		}
		return d
	}
	const writers, rounds = 4, 6
	var wg sync.WaitGroup
	errs := make(chan error, writers*rounds*2)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				// "shared" is written by every goroutine; "own-w" only by this one.
				docs := []corpus.Document{version("shared", w*rounds+r, 1+(w+r)%4), version(fmt.Sprintf("own-%d", w), r, 1+r%3)}
				if err := ix.Writer().PutMany(ctx, docs); err != nil {
					errs <- err
				}
				if r == rounds-2 && w%2 == 0 {
					if err := ix.Writer().Delete(ctx, fmt.Sprintf("own-%d", w)); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	docs, secs, err := ix.Reader().Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, id := range []string{"shared", "own-0", "own-1", "own-2", "own-3"} {
		n, err := ix.Reader().SectionCount(ctx, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		d, err := ix.Reader().Document(ctx, id)
		if err != nil || len(d.Sections) != n {
			t.Errorf("%s: document has %d sections (%v), count says %d", id, len(d.Sections), err, n)
		}
		want += n
	}
	if docs != 5 || secs != want {
		t.Errorf("index holds %d documents and %d sections; the documents list %d sections in 5 documents", docs, secs, want)
	}
}
