package batch_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
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

// TestExtractedAndWrittenMove: Extracted is called once per file as it comes
// out of extraction, before its batch is written, with the input bytes so
// far; Written once per durable batch, adding up to the report.
func TestExtractedAndWrittenMove(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const files = 9
	for i := range files {
		write(t, filepath.Join(dir, fmt.Sprintf("dok-%02d.txt", i)),
			fmt.Sprintf("Plan nummer %d\n\n1 Innledning\n\nRegjeringen vil styrke arbeidet i sak %d.\n\n2 Oppfølging\n\nTiltaket følges opp.\n", i, i))
	}
	write(t, filepath.Join(dir, "regneark.xlsx"), "PK not read")
	items := batch.Walk([]string{dir})
	var sizes int64
	for _, it := range items {
		sizes += it.Size
	}
	ix := openIndex(t)
	var (
		calls, lastN    int
		lastBytes       int64
		docs, secs      int
		extractedBefore []int // files extracted when each batch was written; a file's batch is written after it
		reported        int
	)
	in := batch.New(batch.Join(ix.Reader(), ix.Writer()), batch.Options{Workers: 2, Writers: 1, BatchSections: 6,
		Extracted: func(n, total int, bytes int64, r corpus.FileResult) {
			calls++
			if n != lastN+1 || total != len(items) || bytes < lastBytes {
				t.Errorf("Extracted(%d, %d, %d) after n=%d bytes=%d", n, total, bytes, lastN, lastBytes)
			}
			lastN, lastBytes = n, bytes
		},
		Written: func(d, s int) {
			docs += d
			secs += s
			if lastN == 0 {
				t.Error("a batch was written before any file was reported extracted")
			}
			extractedBefore = append(extractedBefore, lastN)
		},
		Progress: func(done, total int, r corpus.FileResult) {
			reported++
			if r.Outcome == corpus.OutcomeIngested && reported > lastN {
				t.Errorf("%s reported final before it was extracted", r.Path)
			}
		}})
	rep, err := in.Run(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	if calls != len(items) || lastBytes != sizes {
		t.Errorf("Extracted called %d times for %d items, %d of %d bytes", calls, len(items), lastBytes, sizes)
	}
	if docs != rep.Ingested || secs != rep.Sections || len(extractedBefore) < 2 {
		t.Errorf("Written: %d documents, %d sections in %d batches; report %d, %d", docs, secs, len(extractedBefore), rep.Ingested, rep.Sections)
	}
}

// TestSourceURLs: a folder's .sources file gives its files their URLs, the
// file itself is not ingested, a bad line fails only that listing, and a new
// URL for unchanged content is taken in.
func TestSourceURLs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := "Strategi for kilder\n\n1 Innledning\n\nRegjeringen vil vise hvor dokumentene kommer fra.\n"
	write(t, filepath.Join(dir, "strategi.txt"), text)
	write(t, filepath.Join(dir, "uten.txt"), strings.ReplaceAll(text, "kilder", "ingenting"))
	write(t, filepath.Join(dir, batch.SourcesFile), "strategi.txt https://www.regjeringen.no/strategi/\nfinnes-ikke.pdf https://x.no/y\n")
	ix := openIndex(t)
	store := batch.Join(ix.Reader(), ix.Writer())
	items := batch.Walk([]string{dir})
	if len(items) != 2 {
		t.Fatalf("items %+v: the .sources file is not left out", items)
	}
	rep, err := batch.New(store, batch.Options{}).Run(ctx, items)
	if err != nil || rep.Ingested != 2 {
		t.Fatalf("%+v, %v", rep, err)
	}
	url := func(name string) string {
		d, err := ix.Reader().Document(ctx, corpus.DocumentID(filepath.Join(dir, name)))
		if err != nil {
			t.Fatal(err)
		}
		return d.SourceURL
	}
	if got := url("strategi.txt"); got != "https://www.regjeringen.no/strategi/" {
		t.Errorf("strategi.txt has source URL %q", got)
	}
	if got := url("uten.txt"); got != "" {
		t.Errorf("uten.txt has source URL %q", got)
	}

	// A new URL for the same content: ingested again, not unchanged.
	write(t, filepath.Join(dir, batch.SourcesFile), "strategi.txt https://www.regjeringen.no/ny/\n")
	rep, err = batch.New(store, batch.Options{}).Run(ctx, batch.Walk([]string{dir}))
	if err != nil || rep.Ingested != 1 || rep.Unchanged != 1 {
		t.Fatalf("after a new URL: %+v, %v", rep, err)
	}
	if got := url("strategi.txt"); got != "https://www.regjeringen.no/ny/" {
		t.Errorf("strategi.txt has source URL %q after the change", got)
	}

	// A bad .sources is reported, and the files are still ingested (unchanged).
	write(t, filepath.Join(dir, batch.SourcesFile), "strategi.txt www.regjeringen.no\n")
	rep, err = batch.New(store, batch.Options{}).Run(ctx, batch.Walk([]string{dir}))
	if err != nil || rep.Failed != 1 || rep.Unchanged != 2 {
		t.Fatalf("bad .sources: %+v, %v", rep, err)
	}
	for _, r := range rep.Results {
		if r.Outcome == corpus.OutcomeFailed && !strings.Contains(r.Reason, "line 1") {
			t.Errorf("failure %q does not name the line", r.Reason)
		}
	}
}
