package index

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/internal/testutil"
)

// openDir opens the index in dir and fails the test on error.
func openDir(t *testing.T, dir string) *Index {
	t.Helper()
	ix, err := Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// leftovers lists the temporary creation directories next to the index.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "index.bleve.creating-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestOpenCreationLeftovers(t *testing.T) {
	ctx := context.Background()
	junk := func(t *testing.T, dir string) {
		t.Helper()
		tmp := filepath.Join(dir, "index.bleve.creating-99999")
		if err := os.MkdirAll(filepath.Join(tmp, "store"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, "index_meta.json"), []byte(`{"storage":"sco`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("no index yet", func(t *testing.T) {
		dir := t.TempDir()
		junk(t, dir)
		ix := openDir(t, dir)
		defer ix.Close()
		if l := leftovers(t, dir); len(l) != 0 {
			t.Errorf("leftover not removed: %v", l)
		}
		if err := ix.Writer().Put(ctx, testDocs()[0]); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("next to a good index", func(t *testing.T) {
		dir := t.TempDir()
		ix := openDir(t, dir)
		if err := ix.Writer().PutMany(ctx, testDocs()); err != nil {
			t.Fatal(err)
		}
		ix.Close()
		junk(t, dir)
		ix = openDir(t, dir)
		defer ix.Close()
		if l := leftovers(t, dir); len(l) != 0 {
			t.Errorf("leftover not removed: %v", l)
		}
		if n, _, err := ix.Reader().Stats(ctx); err != nil || n != len(testDocs()) {
			t.Errorf("Stats = %d, %v; want %d documents kept", n, err, len(testDocs()))
		}
	})
	t.Run("empty index directory", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "index.bleve"), 0o755); err != nil {
			t.Fatal(err)
		}
		openDir(t, dir).Close()
	})
}

// TestOpenDamagedIndex checks that an index that exists but cannot be opened
// is reported with its path and a remedy, and left in place.
func TestOpenDamagedIndex(t *testing.T) {
	tests := []struct {
		name   string
		damage func(path string) error
	}{
		// What a kill during Bleve's own creation leaves: metadata written,
		// the store (holding the mapping) not yet.
		{"store missing", func(path string) error { return os.RemoveAll(filepath.Join(path, "store")) }},
		{"metadata truncated", func(path string) error {
			return os.WriteFile(filepath.Join(path, "index_meta.json"), []byte(`{"storage":"sco`), 0o644)
		}},
		{"metadata missing", func(path string) error { return os.Remove(filepath.Join(path, "index_meta.json")) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ix := openDir(t, dir)
			if err := ix.Writer().PutMany(context.Background(), testDocs()); err != nil {
				t.Fatal(err)
			}
			ix.Close()
			path := filepath.Join(dir, "index.bleve")
			if err := tc.damage(path); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadDir(path)
			ix, err := Open(dir, testOptions(t))
			if err == nil {
				ix.Close()
				t.Fatal("a damaged index opened")
			}
			t.Log(err)
			for _, want := range []string{path, "move it aside", "ingest"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			for _, e := range before {
				if _, err := os.Stat(filepath.Join(path, e.Name())); err != nil {
					t.Errorf("damaged index lost %s: %v", e.Name(), err)
				}
			}
		})
	}
}

// TestOpenKilledDuringCreation kills a process that keeps creating indexes
// and checks that every index it left opens.
func TestOpenKilledDuringCreation(t *testing.T) {
	if root := os.Getenv("STRATEGISPOR_CREATE_LOOP"); root != "" {
		createLoop(root)
		return
	}
	testutil.Heavy(t) // a crash loop of child processes
	for round := range 10 {
		delay := time.Duration(100 + 29*round)
		root := filepath.Join(t.TempDir(), fmt.Sprint(round))
		cmd := exec.Command(os.Args[0], "-test.run=^TestOpenKilledDuringCreation$")
		cmd.Env = append(os.Environ(), "STRATEGISPOR_CREATE_LOOP="+root)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		dirs, _ := os.ReadDir(root)
		for _, d := range dirs {
			ix, err := Open(filepath.Join(root, d.Name()), testOptions(t))
			if err != nil {
				t.Fatalf("after a kill at %d ms: %v", delay, err)
			}
			ix.Close()
		}
		t.Logf("killed at %d ms after %d creations", delay, len(dirs))
	}
}

// createLoop creates indexes under root until the process is killed.
func createLoop(root string) {
	an, err := analysis.New(analysis.Config{WordLists: []string{}})
	if err != nil {
		panic(err)
	}
	for i := 0; ; i++ {
		ix, err := Open(filepath.Join(root, fmt.Sprint(i)), Options{Analysis: an})
		if err != nil {
			panic(err)
		}
		ix.Close()
	}
}
