package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/strategispor/strategispor/internal/corpus"
)

// DefaultMinFree is the disk space a write leaves free by default, beyond
// what it needs itself: room for Bleve to merge segments and for the
// small writes that follow.
const DefaultMinFree = 16 << 20

// spaceFactor estimates the disk a batch takes from the text it holds: the
// segment stores the text, its stored JSON (text again) and the postings.
const spaceFactor = 4

// checkSpace refuses a write of textBytes of text when the file system
// holding the index would keep less than MinFree free afterwards. It is the
// cheap check before the write; a write that still meets a full disk is
// handled by afterFailedWrite.
func (ix *Index) checkSpace(textBytes int64) error {
	if ix.path == "" || ix.minFree < 0 {
		return nil
	}
	free, ok := freeBytes(ix.path)
	if !ok {
		return nil
	}
	need := ix.minFree + spaceFactor*textBytes
	if free < need {
		return fmt.Errorf("%d MiB free on the disk holding the index, the write needs %d MiB with the reserve of %d MiB: %w",
			free>>20, (need+(1<<20)-1)>>20, ix.minFree>>20, corpus.ErrNoSpace)
	}
	return nil
}

// isNoSpace reports whether err is a full disk or an exhausted quota. Bleve
// wraps file errors with %v, so the message is checked as well.
func isNoSpace(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, syscall.ENOSPC.Error()) || strings.Contains(msg, syscall.EDQUOT.Error())
}

// afterFailedWrite is called when a batch failed. A batch that met a full
// disk has left Bleve's in-memory state broken: the new segment is already
// visible to searches, but Bleve has closed it, so every later search
// panics, and Bleve keeps trying to persist it, so the failed write would
// appear once space returns. The index is therefore closed and opened again
// from disk, which holds the last good snapshot. landed reports, on the
// reopened index, whether the write reached the disk after all (Bleve's
// persister may have retried it in the moment before the close); then the
// write succeeded and nil is returned.
func (ix *Index) afterFailedWrite(err error, landed func() bool) error {
	if !isNoSpace(err) || ix.path == "" {
		return err
	}
	if rerr := ix.reopen(); rerr != nil {
		ix.log.Error("reopening the index after a full disk failed; reads answer errors until it is reopened",
			"err", rerr)
		return fmt.Errorf("%w (%v); reopening the index: %v", corpus.ErrNoSpace, err, rerr)
	}
	if landed() {
		ix.log.Warn("a write that met a full disk reached the index after all", "err", err)
		return nil
	}
	ix.log.Warn("a write met a full disk; the index was reopened at its last good snapshot", "err", err)
	return fmt.Errorf("%w (%v)", corpus.ErrNoSpace, err)
}

// searchIn runs a search on the current handle, and once more on the new
// one if a reopen closed the handle between idx() and the search (Bleve
// answers ErrorIndexClosed at once then, before any work).
func (ix *Index) searchIn(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := ix.idx().SearchInContext(ctx, req)
	if errors.Is(err, bleve.ErrorIndexClosed) && !ix.closed.Load() {
		res, err = ix.idx().SearchInContext(ctx, req)
	}
	return res, err
}

// document is Bleve's Document with the same retry as searchIn.
func (ix *Index) document(key string) (bindex.Document, error) {
	d, err := ix.idx().Document(key)
	if errors.Is(err, bleve.ErrorIndexClosed) && !ix.closed.Load() {
		d, err = ix.idx().Document(key)
	}
	return d, err
}

// reopen closes the Bleve index and opens it again from disk. Readers wait
// for the new handle; searches already running on the old one finish first
// (Bleve's Close waits for them).
func (ix *Index) reopen() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed.Load() {
		return errors.New("index is closed")
	}
	if err := ix.bleve.Close(); err != nil {
		ix.log.Warn("closing the index before reopening it", "err", err)
	}
	b, err := bleve.Open(ix.path)
	if err != nil {
		return err // ix.bleve stays the closed handle: reads fail cleanly
	}
	ix.bleve = b
	ix.gen.Add(1) // memos and links built on the broken state are stale
	return nil
}
