package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/datadir"
	"github.com/strategispor/strategispor/internal/export"
	"github.com/strategispor/strategispor/internal/server"
	"github.com/strategispor/strategispor/internal/verdicts"
	"github.com/strategispor/strategispor/seeds"
	"github.com/strategispor/strategispor/web"
)

// local is the data directory opened by this process: lock, index, links.
type local struct {
	dir   *datadir.Dir
	ix    *index.Index
	links *link.Service
}

// openLocal locks dir and opens its index; the lock is taken first because
// Bleve would wait forever for an index another process has open.
func openLocal(ctx context.Context, dir string, log *slog.Logger) (*local, error) {
	d, err := datadir.Lock(dir)
	if err != nil {
		return nil, err
	}
	return openIndex(d, log, 0)
}

// openIndex opens the index of a locked data directory; on failure it
// releases the lock. minFree is the disk space writes must leave free (0:
// index.DefaultMinFree).
func openIndex(d *datadir.Dir, log *slog.Logger, minFree int64) (*local, error) {
	// One analysis (its dictionary is the large part) serves search and links.
	an, err := analysis.New(analysis.Config{})
	if err != nil {
		return nil, errors.Join(err, d.Release())
	}
	ix, err := index.Open(d.IndexPath(), index.Options{Logger: log, Analysis: an, MinFree: minFree,
		SynonymsFile: filepath.Join(d.Path(), "synonyms.txt")})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("opening the index in %s: %w", d.Path(), err), d.Release())
	}
	store, err := verdicts.Open(filepath.Join(d.Path(), verdicts.FileName))
	if err != nil {
		return nil, errors.Join(err, ix.Close(), d.Release())
	}
	links := link.New(ix.Reader(), an.Text, link.Options{Generation: ix.Generation, Verdicts: store, Logger: log,
		StateFile: filepath.Join(d.Path(), link.StateFileName)})
	return &local{dir: d, ix: ix, links: links}, nil
}

func (l *local) Close() error {
	l.links.Close() // stops the background link worker before the index it reads goes away
	return errors.Join(l.ix.Close(), l.dir.Release())
}

// The index's two sides are the two halves of a batch's store.
var (
	_ batch.Reads  = (*index.Reader)(nil)
	_ batch.Writes = (*index.Writer)(nil)
)

func (l *local) store() batch.Store { return batch.Join(l.ix.Reader(), l.ix.Writer()) }

func (l *local) Documents(ctx context.Context) ([]server.DocumentSummary, error) {
	docs, err := l.ix.Reader().Documents(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]server.DocumentSummary, 0, len(docs))
	for _, d := range docs {
		out = append(out, server.Summary(d))
	}
	return out, nil
}

func (l *local) Search(ctx context.Context, req corpus.SearchRequest) (corpus.SearchResult, error) {
	return l.ix.Reader().Search(ctx, req)
}

func (l *local) Commitments(ctx context.Context, f corpus.CommitmentFilter) ([]corpus.CommitmentView, error) {
	return l.links.Commitments(ctx, f)
}

func (l *local) Commitment(ctx context.Context, id string) (corpus.CommitmentView, error) {
	return l.links.Commitment(ctx, id)
}

func (l *local) TiltakList(ctx context.Context, f corpus.TiltakFilter) ([]corpus.TiltakView, error) {
	return l.links.TiltakList(ctx, f)
}

func (l *local) Tiltak(ctx context.Context, id string) (corpus.TiltakView, error) {
	return l.links.Tiltak(ctx, id)
}

func (l *local) Delete(ctx context.Context, id string) error {
	return l.ix.Writer().Delete(ctx, id)
}

// files writes the spreadsheet exports for the server and the commands.
var files server.Exporter = export.Files{}

func uiHandler() http.Handler { return web.Handler() }

func seedItems() ([]batch.Item, error) { return batch.WalkFS(seeds.FS, "seeds") }
