package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
)

func TestIsNoSpace(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{syscall.ENOSPC, true},
		{&os.PathError{Op: "write", Path: "x.zap", Err: syscall.ENOSPC}, true},
		{fmt.Errorf("segment: x persist err: %v", &os.PathError{Op: "write", Path: "x.zap", Err: syscall.ENOSPC}), true},
		{fmt.Errorf("bolt: %w", syscall.EDQUOT), true},
		{errors.New("unexpected EOF"), false},
		{syscall.EIO, false},
	}
	for _, tt := range tests {
		if got := isNoSpace(tt.err); got != tt.want {
			t.Errorf("isNoSpace(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// TestWriteRefusedWithoutSpace: with a reserve larger than any disk, a write
// is refused with ErrNoSpace before it starts, the index is unchanged and
// reads go on; with the check off the same write succeeds.
func TestWriteRefusedWithoutSpace(t *testing.T) {
	dir := t.TempDir()
	doc := func(id string) corpus.Document {
		return corpus.Document{ID: id, Title: "Plan " + id, DocType: corpus.DocType("strategi"), ContentHash: id,
			IngestedAt: time.Now().UTC(),
			Sections:   []corpus.Section{{ID: id + "-1", Heading: "Mål", Text: "Regjeringen vil styrke samarbeidet."}}}
	}
	ix, err := Open(dir, Options{MinFree: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := ix.Writer().Put(ctx, doc("a")); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	ix, err = Open(dir, Options{MinFree: 1 << 62})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	err = ix.Writer().Put(ctx, doc("b"))
	if !errors.Is(err, corpus.ErrNoSpace) {
		t.Fatalf("Put with no room: %v, want ErrNoSpace", err)
	}
	t.Logf("refused: %v", err)
	if _, err := ix.Reader().Document(ctx, "b"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("the refused document: %v, want not found", err)
	}
	if d, err := ix.Reader().Document(ctx, "a"); err != nil || d.Title != "Plan a" {
		t.Errorf("reading after the refusal: %+v, %v", d.Title, err)
	}
	// A delete is not refused: it may be how space is made.
	if err := ix.Writer().Delete(ctx, "a"); err != nil {
		t.Errorf("delete on a full disk: %v", err)
	}
}

// TestReopen: the index reopened from disk serves what was written before,
// and accepts writes again.
func TestReopen(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	d := corpus.Document{ID: "a", Title: "Plan", DocType: corpus.DocType("strategi"), ContentHash: "h", IngestedAt: time.Now().UTC(),
		Sections: []corpus.Section{{ID: "a-1", Heading: "Mål", Text: "Regjeringen vil styrke samarbeidet."}}}
	if err := ix.Writer().Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	gen := ix.Generation()
	t0 := time.Now()
	if err := ix.reopen(); err != nil {
		t.Fatal(err)
	}
	t.Logf("reopened in %v", time.Since(t0))
	if ix.Generation() == gen {
		t.Error("the generation did not change on reopen")
	}
	if !ix.holds([]corpus.Document{d}, map[string]int{"a": 0}) {
		t.Error("the reopened index does not hold the document written before")
	}
	d.ContentHash = "other"
	if ix.holds([]corpus.Document{d}, map[string]int{"a": 0}) {
		t.Error("holds reports a version that was never written")
	}
	if err := ix.Writer().Put(ctx, d); err != nil {
		t.Fatalf("write after reopen: %v", err)
	}
	res, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: "samarbeidet"})
	if err != nil || res.Total != 1 {
		t.Errorf("search after reopen: %d hits, %v", res.Total, err)
	}
}

// TestReadsDuringReopen: searches and document reads running while the index
// is reopened again and again all succeed.
func TestReadsDuringReopen(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	for i := range 20 {
		id := fmt.Sprintf("d%02d", i)
		d := corpus.Document{ID: id, Title: "Plan " + id, DocType: corpus.DocType("strategi"), ContentHash: id, IngestedAt: time.Now().UTC(),
			Sections: []corpus.Section{{ID: id + "-1", Heading: "Mål", Text: "Regjeringen vil styrke samarbeidet med kommunene."}}}
		if err := ix.Writer().Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	errs := make(chan error, 4)
	for w := range 4 {
		go func() {
			n := 0
			for {
				select {
				case <-stop:
					errs <- nil
					return
				default:
				}
				if w%2 == 0 {
					res, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: "samarbeidet kommunene"})
					if err != nil || res.Total != 20 {
						errs <- fmt.Errorf("search %d during reopen: %d hits, %v", n, res.Total, err)
						return
					}
				} else if _, err := ix.Reader().Document(ctx, fmt.Sprintf("d%02d", n%20)); err != nil {
					errs <- fmt.Errorf("document read %d during reopen: %v", n, err)
					return
				}
				n++
			}
		}()
	}
	for range 10 {
		if err := ix.reopen(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
