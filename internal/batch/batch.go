// Package batch ingests many files at once: it walks folders, extracts files
// in parallel on every core, skips files whose content is already indexed,
// writes documents to the index in batches, and reports the outcome of every
// file. One broken file never stops a batch.
package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Store is the part of the index a batch needs.
type Store interface {
	Reads
	Writes
}

// Options configures an Ingester.
type Options struct {
	Type    corpus.DocType // override detection for every file; "" detects
	Workers int            // parallel extractions; 0 = number of CPUs
	DryRun  bool           // extract only; nothing is written and Store may be nil
	// Keep, with DryRun, puts each extracted document in its result, for a
	// preview of what would be written; it holds every document in memory.
	Keep     bool
	Force    bool          // re-extract files even when their content is indexed
	MaxBytes int64         // per file; 0 = ingest's default
	Timeout  time.Duration // per file; 0 = ingest's default
	Logger   *slog.Logger
	// A batch is written once it holds Batch documents, BatchSections
	// sections or BatchBytes bytes of text, whichever comes first. Few large
	// batches make few segments for the index to persist and merge.
	Batch         int   // 0 = no limit by documents
	BatchSections int   // 0 = 1000
	BatchBytes    int64 // 0 = 8 MiB
	// Writers is how many batches are written at once, so that one batch is
	// analysed while the one before waits to be on disk; 0 = 2.
	Writers int
	// Progress, when set, is called once per file from a single goroutine,
	// with the file's final result: for a written document, once its batch
	// is durable.
	Progress func(done, total int, r corpus.FileResult)
	// Extracted, when set, is called from the same goroutine as each file
	// comes out of extraction (extracted, unchanged, skipped or failed),
	// before its document is written: n of total files so far, and the
	// input bytes of those n files. It moves while batches are gathered.
	Extracted func(n, total int, bytes int64, r corpus.FileResult)
	// Written, when set, is called from the same goroutine as each batch
	// is durable, with the documents and sections in it.
	Written func(docs, sections int)
	// Now stamps IngestedAt; nil uses time.Now.
	Now func() time.Time
}

// Default batch limits: about 2 MB of text per 1000 sections of ordinary
// prose; the byte limit bounds batches of very long sections.
const (
	defaultBatchSections = 1000
	defaultBatchBytes    = 8 << 20
	defaultWriters       = 2
)

// Ingester runs batches against one store.
type Ingester struct {
	store Store
	opt   Options
	log   *slog.Logger
}

// New returns an Ingester writing to store.
func New(store Store, opt Options) *Ingester {
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.BatchSections <= 0 {
		opt.BatchSections = defaultBatchSections
	}
	if opt.BatchBytes <= 0 {
		opt.BatchBytes = defaultBatchBytes
	}
	if opt.Writers <= 0 {
		opt.Writers = defaultWriters
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Ingester{store: store, opt: opt, log: log}
}

// extracted is one worker's answer for one item.
type extracted struct {
	i   int
	res corpus.FileResult
	doc *corpus.Document // set when the document must be written
}

// Run ingests items and reports every one of them, in the order given. The
// error is non-nil only when the batch was cut short (ctx cancelled); files
// that fail are reported in the results and do not make Run fail.
//
// Extraction, batching and writing overlap: workers extract into a buffered
// channel, this goroutine gathers batches, and Writers goroutines write them.
// Results are reported here, once final: written documents only after the
// batch holding them is durable, so a report line can be trusted.
func (in *Ingester) Run(ctx context.Context, items []Item) (corpus.IngestReport, error) {
	start := time.Now()
	results := make([]*corpus.FileResult, len(items))
	workers := min(in.opt.Workers, max(len(items), 1))
	jobs := make(chan int)
	out := make(chan extracted, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out <- in.extract(ctx, i, items[i])
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range items {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	// At most Writers batches are being written and one is gathered, so
	// written never blocks a writer and memory stays bounded.
	writes := make(chan []extracted)
	written := make(chan []extracted, in.opt.Writers+1)
	var wwg sync.WaitGroup
	for range in.opt.Writers {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for b := range writes {
				in.write(ctx, b)
				written <- b
			}
		}()
	}

	done := 0
	final := func(e extracted) {
		results[e.i] = &e.res
		done++
		if in.opt.Progress != nil {
			in.opt.Progress(done, len(items), e.res)
		}
	}
	finalAll := func(b []extracted) {
		secs := 0
		for _, e := range b {
			secs += e.res.Sections
		}
		if in.opt.Written != nil && !in.opt.DryRun {
			in.opt.Written(len(b), secs)
		}
		for _, e := range b {
			final(e)
		}
	}
	nExtracted, inBytes := 0, int64(0)
	var pending []extracted
	sections, bytes, inflight := 0, int64(0), 0
	// send hands the gathered batch to the writers, reporting finished
	// batches while it waits for room.
	send := func() {
		if len(pending) == 0 {
			return
		}
		for {
			select {
			case writes <- pending:
				inflight++
				pending, sections, bytes = nil, 0, 0
				return
			case b := <-written:
				inflight--
				finalAll(b)
			}
		}
	}
	for out != nil {
		select {
		case e, ok := <-out:
			if !ok {
				out = nil
				break
			}
			nExtracted++
			inBytes += items[e.i].Size
			if in.opt.Extracted != nil {
				in.opt.Extracted(nExtracted, len(items), inBytes, e.res)
			}
			if e.doc == nil {
				final(e)
				continue
			}
			pending = append(pending, e)
			sections += len(e.doc.Sections)
			bytes += docBytes(e.doc)
			if (in.opt.Batch > 0 && len(pending) >= in.opt.Batch) || sections >= in.opt.BatchSections || bytes >= in.opt.BatchBytes {
				send()
			}
		case b := <-written:
			inflight--
			finalAll(b)
		}
	}
	send()
	close(writes)
	for ; inflight > 0; inflight-- {
		finalAll(<-written)
	}
	wwg.Wait()

	rep := corpus.IngestReport{Results: []corpus.FileResult{}}
	for _, r := range results {
		if r != nil {
			rep.Add(*r)
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("ingest stopped after %d of %d files: %w", done, len(items), err)
	}
	return rep, nil
}

// docBytes is the text a document adds to a batch.
func docBytes(d *corpus.Document) int64 {
	n := int64(0)
	for _, s := range d.Sections {
		n += int64(len(s.Heading) + len(s.Text))
	}
	return n
}

// write stores a batch; if the batch fails, every document in it is marked failed.
func (in *Ingester) write(ctx context.Context, batch []extracted) {
	if in.opt.DryRun {
		return
	}
	docs := make([]corpus.Document, len(batch))
	for i, e := range batch {
		docs[i] = *e.doc
	}
	err := in.store.PutMany(ctx, docs)
	for i := range batch {
		batch[i].doc = nil // let the text go once written
		if err != nil {
			batch[i].res.Outcome = corpus.OutcomeFailed
			batch[i].res.Reason = "writing to the index: " + err.Error()
		}
	}
	if err != nil {
		in.log.Error("writing batch", "documents", len(docs), "err", err)
	}
}

// extract reads and extracts one item; it never panics.
func (in *Ingester) extract(ctx context.Context, i int, it Item) (e extracted) {
	begin := time.Now()
	e = extracted{i: i, res: corpus.FileResult{Path: it.Path}}
	defer func() {
		if r := recover(); r != nil {
			e.doc = nil
			e.res.Outcome = corpus.OutcomeFailed
			e.res.Reason = fmt.Sprintf("internal error while extracting: %v", r)
			in.log.Error("panic extracting", "path", it.Path, "panic", r)
		}
		e.res.Millis = time.Since(begin).Milliseconds()
	}()
	switch {
	case it.Err != nil:
		e.res.Outcome, e.res.Reason = corpus.OutcomeFailed, it.Err.Error()
		return e
	case it.Skip != "":
		e.res.Outcome, e.res.Reason = corpus.OutcomeSkipped, it.Skip
		return e
	case ctx.Err() != nil:
		e.res.Outcome, e.res.Reason = corpus.OutcomeFailed, "cancelled"
		return e
	}
	if limit := in.maxBytes(); it.Size > limit {
		e.res.Outcome = corpus.OutcomeFailed
		e.res.Reason = fmt.Sprintf("%d bytes is over the limit of %d: %v", it.Size, limit, corpus.ErrTooLarge)
		return e
	}
	if it.Size == 0 {
		e.res.Outcome, e.res.Reason = corpus.OutcomeFailed, "empty file (0 bytes): nothing to read"
		return e
	}
	data, err := it.Read()
	if err != nil {
		e.res.Outcome, e.res.Reason = corpus.OutcomeFailed, "reading: "+err.Error()
		return e
	}
	res, doc, err := in.one(ctx, it.Path, it.Key, it.SourceURL, in.opt.Type, data)
	res.Path = it.Path
	e.res = res
	if err != nil {
		// The report line names the file already.
		e.res.Outcome = corpus.OutcomeFailed
		e.res.Reason = strings.TrimPrefix(err.Error(), "ingesting "+it.Path+": ")
		return e
	}
	if res.Outcome == corpus.OutcomeIngested {
		e.doc = &doc
	}
	return e
}

// one runs the pipeline on one file's bytes: unchanged check, extraction.
// The document is returned for writing when the outcome is ingested.
func (in *Ingester) one(ctx context.Context, name, key, sourceURL string, typ corpus.DocType, data []byte) (corpus.FileResult, corpus.Document, error) {
	res := corpus.FileResult{Path: name, DocumentID: corpus.DocumentID(key)}
	if sourceURL != "" {
		if err := corpus.CheckSourceURL(sourceURL); err != nil {
			return res, corpus.Document{}, err
		}
	}
	if !in.opt.DryRun && !in.opt.Force {
		unchanged, err := in.unchanged(ctx, res.DocumentID, typ, sourceURL, data)
		if err != nil {
			return res, corpus.Document{}, err
		}
		if unchanged {
			res.Outcome = corpus.OutcomeUnchanged
			return res, corpus.Document{}, nil
		}
	}
	doc, err := ingest.File(ctx, name, data, ingest.Options{
		SourceKey: key, Type: typ, MaxBytes: in.opt.MaxBytes, Timeout: in.opt.Timeout, Logger: in.log,
	})
	if err != nil {
		return res, corpus.Document{}, err
	}
	doc.SourceURL = sourceURL
	doc.IngestedAt = in.opt.Now().UTC()
	// The result lives until the batch ends, the document only until it is
	// written: copy the strings that may be cut from the file's text, which
	// would otherwise keep every file's whole text in memory to the end.
	res.DocumentID, res.Title, res.DocType = doc.ID, strings.Clone(doc.Title), doc.DocType
	res.Sections = len(doc.Sections)
	for _, w := range doc.Warnings {
		res.Warnings = append(res.Warnings, strings.Clone(w))
	}
	res.Outcome = corpus.OutcomeIngested
	if in.opt.DryRun {
		res.Outcome = corpus.OutcomeDryRun
		if in.opt.Keep {
			kept := doc
			res.Document = &kept
		}
	}
	return res, doc, nil
}

// unchanged reports whether the index holds the document with the same
// content and, when typ overrides detection, with that type, and when a
// source URL is given, with that URL (a new URL is taken in by ingesting
// again; no URL given keeps the one stored).
func (in *Ingester) unchanged(ctx context.Context, id string, typ corpus.DocType, sourceURL string, data []byte) (bool, error) {
	sum := sha256.Sum256(data)
	old, err := in.store.ContentHash(ctx, id)
	if errors.Is(err, corpus.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("checking the index: %w", err)
	}
	if old != hex.EncodeToString(sum[:]) {
		return false, nil
	}
	if typ == "" && sourceURL == "" {
		return true, nil
	}
	doc, err := in.store.Document(ctx, id)
	if err != nil {
		return false, fmt.Errorf("checking the index: %w", err)
	}
	return (typ == "" || doc.DocType == typ) && (sourceURL == "" || doc.SourceURL == sourceURL), nil
}

func (in *Ingester) maxBytes() int64 {
	if in.opt.MaxBytes > 0 {
		return in.opt.MaxBytes
	}
	return ingest.DefaultMaxBytes // checked here too, so big files are never read into memory
}

func (in *Ingester) timeout() time.Duration {
	if in.opt.Timeout > 0 {
		return in.opt.Timeout
	}
	return ingest.DefaultTimeout
}

// IngestFile ingests one uploaded file and writes it at once. Errors wrap
// corpus error kinds: ErrUnsupported, ErrUnreadable, ErrEncrypted, ErrTooLarge …
//
// The per-file timeout covers extraction and indexing: past it the document
// is not written. Bleve cannot stop a batch it has begun, so a write that
// started in time is finished and reported as ingested.
func (in *Ingester) IngestFile(ctx context.Context, name, sourceKey, sourceURL string, typ corpus.DocType, data []byte) (corpus.FileResult, error) {
	begin := time.Now()
	ctx, cancel := context.WithTimeout(ctx, in.timeout())
	defer cancel()
	if !ingest.Supported(name) {
		return corpus.FileResult{}, fmt.Errorf("%s: %s: %w", name, unsupportedReason(name), corpus.ErrUnsupported)
	}
	if limit := in.maxBytes(); int64(len(data)) > limit {
		return corpus.FileResult{}, fmt.Errorf("%s: %d bytes is over the limit of %d: %w", name, len(data), limit, corpus.ErrTooLarge)
	}
	res, doc, err := in.one(ctx, name, sourceKey, sourceURL, typ, data)
	if err != nil {
		return res, err
	}
	if res.Outcome == corpus.OutcomeIngested {
		if err := in.store.PutMany(ctx, []corpus.Document{doc}); err != nil {
			if ctx.Err() != nil {
				return res, fmt.Errorf("%s: the time limit ran out after %s, before the document was written; nothing was stored (%w): %w",
					name, time.Since(begin).Round(time.Millisecond), err, corpus.ErrTimeout)
			}
			return res, fmt.Errorf("writing %s to the index: %w", name, err)
		}
	}
	res.Millis = time.Since(begin).Milliseconds()
	return res, nil
}

// Delete removes a document; ErrNotFound when there is none with that id.
func (in *Ingester) Delete(ctx context.Context, id string) error {
	return in.store.Delete(ctx, id) // the store names the operation and the id
}
