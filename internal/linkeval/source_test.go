package linkeval_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/corpus"
)

// openSource puts docs into a real in-memory index and returns its reader
// and generation for the link service.
func openSource(t testing.TB, docs []corpus.Document) (link.Source, func() uint64) {
	t.Helper()
	idx, err := index.OpenMemory(index.Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	if err := idx.Writer().PutMany(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return idx.Reader(), idx.Generation
}

type logWriter struct{ t testing.TB }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(logWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
