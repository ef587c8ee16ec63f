package ingest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/seeds"
)

// sharedDir returns ../shared/corpus relative to the repository root, or
// skips the test when ../shared is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("repository root (go.mod) not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); os.IsNotExist(err) {
		t.Skip("../shared is absent")
	}
	return filepath.Join(shared, "corpus")
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
