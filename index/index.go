// Package index stores strategispor's documents in Bleve and searches them.
//
// Each document is one Bleve record of kind "document" (its metadata,
// commitments and tiltak as stored JSON, plus keyword fields for filters)
// and one record per section (heading, body and reference text analysed for
// Norwegian, copies of the document metadata for filters and facets, and
// where the section's stored JSON lies in the section store, an append-only
// file beside the segments read for hits and snippets). Writing goes through
// Writer, reading and searching through Reader; both share only the Bleve
// index and the analysis.
package index

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/strategispor/strategispor/index/analysis"
)

// Options configures an Index.
type Options struct {
	Logger *slog.Logger
	// SynonymsFile replaces the embedded synonym list when the file exists
	// (typically <data>/synonyms.txt). It is read when the index opens.
	SynonymsFile string
	// WordLists are word list files used for decompounding when present;
	// nil means analysis.SystemWordLists (Debian package wnorwegian).
	WordLists []string
	// Analysis reuses an already built analysis (it holds a large dictionary);
	// nil builds one from WordLists.
	Analysis *analysis.Analysis
	// MinFree is the free disk space a write must leave on the file system
	// holding the index (see space.go); 0 is DefaultMinFree, negative
	// turns the check off.
	MinFree int64
}

// Index is an open Bleve index with its analysis.
type Index struct {
	// mu guards the bleve handle, which is replaced when the index is
	// reopened from disk after a failed write (space.go); use idx().
	mu       sync.RWMutex
	bleve    bleve.Index
	store    *sectionStore // the sections' stored JSON (store.go)
	path     string        // of index.bleve; "" in memory
	minFree  int64
	an       *analysis.Analysis
	syn      *analysis.Synonyms
	log      *slog.Logger
	gen      atomic.Uint64
	writing  claims // documents being written: Put reads old section ids, then replaces them
	closed   atomic.Bool
	inMemory bool
	qc       queryCaches   // read-path memos (cache.go)
	splitMin int           // the smallest index searched in halves (split.go)
	splits   atomic.Uint64 // searches answered in halves
	// splitRetries counts searches whose halves met different snapshots
	// and ran again unsplit.
	splitRetries atomic.Uint64
}

// Open opens the index in dir, creating it when missing; creation is atomic
// (see openBleve). The caller holds the data directory lock.
func Open(dir string, opt Options) (*Index, error) {
	ix, err := newIndex(opt)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "index.bleve")
	b, err := ix.openBleve(path)
	if err != nil {
		return nil, err
	}
	ix.bleve, ix.path = b, path
	if ix.store, err = openStore(path); err != nil {
		b.Close()
		return nil, err
	}
	if err := ix.checkAnalysis(context.Background()); err != nil {
		ix.Close()
		return nil, err
	}
	if err := ix.warmFacets(); err != nil {
		ix.Close()
		return nil, err
	}
	size, garbage := ix.store.usage()
	ix.log.Info("index opened", "path", path, "dictionary", ix.an.Dictionary.Sources(), "lexicon forms", ix.an.Stemmer.Lexicon().Forms(), "synonyms", ix.syn.Source,
		"section store MB", size>>20, "garbage MB", garbage>>20)
	return ix, nil
}

// OpenMemory returns an index held in memory, for tests.
func OpenMemory(opt Options) (*Index, error) {
	ix, err := newIndex(opt)
	if err != nil {
		return nil, err
	}
	// Scorch without a path keeps its segments in memory; unlike Bleve's
	// NewMemOnly (upsidedown) it has the same features as the on-disk index.
	b, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("creating in-memory index: %w", err)
	}
	ix.bleve, ix.inMemory = b, true
	ix.store, _ = openStore("") // in memory: cannot fail
	return ix, nil
}

func newIndex(opt Options) (*Index, error) {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	an := opt.Analysis
	if an == nil {
		var err error
		if an, err = analysis.New(analysis.Config{WordLists: opt.WordLists}); err != nil {
			return nil, err
		}
	}
	syn, err := analysis.LoadSynonyms(opt.SynonymsFile, an.Exact)
	if err != nil {
		return nil, err
	}
	minFree := opt.MinFree
	if minFree == 0 {
		minFree = DefaultMinFree
	}
	return &Index{an: an, syn: syn, log: log, splitMin: splitMinDocs, minFree: minFree}, nil
}

// Analysis returns the analysis the index was opened with, for whoever else
// analyses the same text (the linker), so that one dictionary serves all.
func (ix *Index) Analysis() *analysis.Analysis { return ix.an }

// Close flushes and closes the index.
func (ix *Index) Close() error {
	if !ix.closed.CompareAndSwap(false, true) {
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	err := ix.bleve.Close()
	if serr := ix.store.close(); err == nil && serr != nil {
		return serr
	}
	if err != nil {
		return fmt.Errorf("closing index: %w", err)
	}
	return nil
}

// idx returns the current Bleve handle. A caller that meets
// bleve.ErrorIndexClosed raced a reopen; the next idx() is the new handle.
func (ix *Index) idx() bleve.Index {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.bleve
}

// Writer returns the write side of the index.
func (ix *Index) Writer() *Writer { return &Writer{ix: ix} }

// Reader returns the read side of the index.
func (ix *Index) Reader() *Reader { return &Reader{ix: ix} }

// Generation increases on every successful Put, PutMany and Delete.
func (ix *Index) Generation() uint64 { return ix.gen.Load() }
