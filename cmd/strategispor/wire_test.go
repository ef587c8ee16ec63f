package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TestDataDirSynonyms checks that <data>/synonyms.txt replaces the built-in
// synonym list for searches from the command line.
func TestDataDirSynonyms(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	doc := filepath.Join(t.TempDir(), "plan.txt")
	writeFile(t, doc, "Plan for friluftsliv\n\n1 Turer\n\nRegjeringen vil legge til rette for fjellvandring i nasjonalparkene.\n")
	if _, _, code := cli(t, "ingest", "--data", data, doc); code != 0 {
		t.Fatalf("ingest: exit %d", code)
	}
	total := func() uint64 {
		t.Helper()
		out, _, code := cli(t, "search", "--data", data, "--json", "fottur")
		if code != 0 {
			t.Fatalf("search: exit %d", code)
		}
		var res corpus.SearchResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("search --json: %v", err)
		}
		return res.Total
	}
	if n := total(); n != 0 {
		t.Fatalf("fottur found %d sections before the synonym was added", n)
	}
	writeFile(t, filepath.Join(data, "synonyms.txt"), "fottur, fjellvandring\n")
	if n := total(); n != 1 {
		t.Errorf("fottur found %d sections with the synonym in the data directory, want 1", n)
	}
}
