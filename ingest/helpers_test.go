package ingest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
	"github.com/strategispor/strategispor/seeds"
)

// sharedDir returns ../shared/corpus relative to the repository root, or
// skips the test when ../shared is absent.
func sharedDir(t testing.TB) string {
	return filepath.Join(testutil.SharedDir(t), "corpus")
}

func readCase(t testing.TB, c goldenCase) (string, []byte) {
	t.Helper()
	if c.seed != "" {
		data, err := seeds.FS.ReadFile(c.seed)
		if err != nil {
			t.Fatal(err)
		}
		return c.seed, data
	}
	if c.local != "" {
		data, err := os.ReadFile(c.local)
		if err != nil {
			t.Fatal(err)
		}
		return filepath.Base(c.local), data
	}
	data, err := os.ReadFile(filepath.Join(sharedDir(t), c.path))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Base(c.path), data
}

// seedDoc ingests one embedded seed.
func seedDoc(t testing.TB, name string) corpus.Document {
	t.Helper()
	data, err := seeds.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := File(context.Background(), name, data, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// testLogger routes log output to t.Log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p))
	return len(p), nil
}

func itoa(n int) string { return strconv.Itoa(n) }
