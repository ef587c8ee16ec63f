package bench

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
)

// profile runs fn under the CPU profiler when a profile directory is set.
func (r *runner) profile(name string, fn func() error) error {
	if r.opt.ProfileDir == "" {
		return fn()
	}
	path := filepath.Join(r.opt.ProfileDir, name+".pprof")
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	err = fn()
	pprof.StopCPUProfile()
	r.log.Info("wrote CPU profile", "path", path)
	return err
}

// extractOnly runs ingest.File over the corpus's .txt files without
// indexing: the pipeline's share of the CLI ingest.
func (r *runner) extractOnly(ctx context.Context, c genCorpus, n int) (float64, error) {
	var files []string
	err := filepath.WalkDir(c.TxtDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && ingest.Supported(path) {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("bench: listing %s: %w", c.TxtDir, err)
	}
	var took time.Duration
	sections := 0
	err = r.profile(fmt.Sprintf("extract-%d", n), func() error {
		t0 := time.Now()
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			doc, err := ingest.File(ctx, filepath.Base(path), data, ingest.Options{SourceKey: path})
			if err != nil {
				return fmt.Errorf("bench: extracting: %w", err)
			}
			sections += len(doc.Sections)
		}
		took = time.Since(t0)
		return nil
	})
	if err != nil {
		return 0, err
	}
	r.log.Info("extraction alone", "files", len(files), "sections", sections, "seconds", took.Seconds())
	return took.Seconds(), nil
}

// documents builds corpus documents straight from the generated sections,
// 20 to a document, as the pipeline would have produced them.
func documents(c genCorpus) ([]corpus.Document, error) {
	orgs := []string{"Digitaliseringsdirektoratet", "KS", "Kommunal- og distriktsdepartementet", "Skate", "Datatilsynet"}
	types := []corpus.DocType{corpus.TypeStrategi, corpus.TypeHandlingsplan, corpus.TypeStatusrapport, corpus.TypeSaksframlegg}
	var docs []corpus.Document
	err := readRecords(c.JSONL, func(rec record) error {
		if len(docs) == 0 || docs[len(docs)-1].ID != rec.Doc {
			i := len(docs)
			docs = append(docs, corpus.Document{
				ID: rec.Doc, Title: "Dokument " + rec.Doc, DocType: types[i%len(types)],
				Date: fmt.Sprintf("%04d-%02d-15", 2000+i%25, 1+i%12), Organisation: orgs[i%len(orgs)],
				Language: "nb", Source: rec.Doc + ".txt", Format: "txt", ContentHash: corpus.Hash8(rec.Doc),
			})
		}
		d := &docs[len(docs)-1]
		d.Sections = append(d.Sections, corpus.Section{
			ID: d.ID + "-" + corpus.Hash8(d.ID, rec.ID), DocumentID: d.ID, Ordinal: len(d.Sections),
			Heading: rec.Heading, Path: []string{}, Level: 1, Text: rec.Body,
		})
		d.Bytes += int64(len(rec.Heading) + len(rec.Body))
		return nil
	})
	return docs, err
}

// indexOnly times Writer.PutMany of pre-built documents into a new on-disk
// index (Close included, so the figure is durable; Open is timed apart, as
// it loads the analysis dictionaries whatever the corpus size), then opens
// the index again and runs each query once in process.
func (r *runner) indexOnly(ctx context.Context, c genCorpus, dir string, n int, e *Engine) error {
	docs, err := documents(c)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	batch := r.opt.IndexBatch
	err = r.profile(fmt.Sprintf("index-%d", n), func() error {
		t0 := time.Now()
		ix, err := index.Open(dir, index.Options{Logger: r.log})
		if err != nil {
			return fmt.Errorf("bench: opening index: %w", err)
		}
		e.IndexOpenMS = ms(time.Since(t0))
		t0 = time.Now()
		w := ix.Writer()
		for i := 0; i < len(docs); i += batch {
			if err := w.PutMany(ctx, docs[i:min(i+batch, len(docs))]); err != nil {
				ix.Close()
				return fmt.Errorf("bench: PutMany: %w", err)
			}
		}
		if err := ix.Close(); err != nil {
			return fmt.Errorf("bench: closing index: %w", err)
		}
		e.IndexOnlySeconds = time.Since(t0).Seconds()
		return nil
	})
	if err != nil {
		return err
	}
	docs = nil
	if e.IndexOnlyBytes, err = dirSize(dir); err != nil {
		return fmt.Errorf("bench: sizing %s: %w", dir, err)
	}

	ix, err := index.Open(dir, index.Options{Logger: r.log})
	if err != nil {
		return fmt.Errorf("bench: reopening index: %w", err)
	}
	defer ix.Close()
	rd := ix.Reader()
	_, secs, err := rd.Stats(ctx)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if secs != c.Sections {
		return fmt.Errorf("bench: the index holds %d sections after PutMany, want %d", secs, c.Sections)
	}
	return r.profile(fmt.Sprintf("search-%d", n), func() error {
		p, err := runPhase(ctx, 1, 0, r.queries, func(ctx context.Context, _ int, q string) (int64, error) {
			res, err := rd.Search(ctx, corpus.SearchRequest{Query: q, Size: 10})
			return int64(res.Total), err
		})
		e.InProcess = p.Latency
		if err != nil || r.opt.ProfileDir == "" {
			return err
		}
		// More rounds give the profile enough samples; they are not reported.
		_, err = runPhase(ctx, 1, 5, r.queries, func(ctx context.Context, _ int, q string) (int64, error) {
			res, err := rd.Search(ctx, corpus.SearchRequest{Query: q, Size: 10})
			return int64(res.Total), err
		})
		return err
	})
}
