package index

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/internal/corpus"
)

// TestReanalysedWhenTheAnalysisChanges writes an index with one analysis,
// then opens it with another (a dictionary that splits a compound the first
// did not) and with none recorded (as a release before the fingerprint
// wrote it): each time the stored documents are analysed again, and the new
// terms are found.
func TestReanalysedWhenTheAnalysisChanges(t *testing.T) {
	dir := t.TempDir()
	old, err := analysis.New(analysis.Config{NoCache: true, WordLists: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	now, err := analysis.New(analysis.Config{NoCache: true, WordLists: []string{}, ExtraWords: []string{"zorblax"}})
	if err != nil {
		t.Fatal(err)
	}
	if old.Fingerprint() == now.Fingerprint() {
		t.Fatalf("both analyses have the fingerprint %q", old.Fingerprint())
	}
	doc := corpus.Document{ID: "d", Title: "Zorblax", DocType: corpus.TypeStrategi, ContentHash: "h", Sections: []corpus.Section{
		{ID: "d-s1", DocumentID: "d", Heading: "Innledning", Level: 1, Text: "Departementet legger fram zorblaxstrategien for offentlig sektor."},
	}}
	search := func(ix *Index) uint64 {
		t.Helper()
		res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: "zorblax", NoCorrect: true})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	open := func(an *analysis.Analysis) (*Index, string) {
		t.Helper()
		var logs bytes.Buffer
		ix, err := Open(dir, Options{Analysis: an, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		return ix, logs.String()
	}

	ix, _ := open(old)
	if err := ix.Writer().Put(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if n := search(ix); n != 0 {
		t.Fatalf("the old analysis finds the compound's part (%d hits); the test needs one that does not", n)
	}
	ix.Close()

	ix, logs := open(now)
	if !strings.Contains(logs, "index analysed again") {
		t.Errorf("no re-analysis logged:\n%s", logs)
	}
	if n := search(ix); n != 1 {
		t.Errorf("after re-analysis the part finds %d sections, want 1", n)
	}
	if d, err := ix.Reader().Document(context.Background(), "d"); err != nil || len(d.Sections) != 1 || d.Title != doc.Title {
		t.Errorf("the document after re-analysis: %+v, %v", d, err)
	}
	// As a release without fingerprints left it.
	if err := ix.idx().DeleteInternal(analysisKey); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	ix, logs = open(now)
	if !strings.Contains(logs, "index analysed again") {
		t.Errorf("an index without a fingerprint was not analysed again:\n%s", logs)
	}
	ix.Close()
	ix, logs = open(now)
	defer ix.Close()
	if strings.Contains(logs, "analysing the index again") {
		t.Errorf("an index with the current fingerprint was analysed again:\n%s", logs)
	}
	if n := search(ix); n != 1 {
		t.Errorf("after reopening the part finds %d sections, want 1", n)
	}
}

// TestOpensThePreviousRelease opens an index written by the release of
// 2026-11-22 (testdata/release-2026-11-22): it is analysed again, keeps its
// document, commitment and tiltak, and finds by word forms that release
// kept apart ("dele" finds "delt").
func TestOpensThePreviousRelease(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "release-2026-11-22"))); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ix, err := Open(dir, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !strings.Contains(logs.String(), "index analysed again") {
		t.Errorf("the old index was not analysed again:\n%s", logs.String())
	}
	docs, err := ix.Reader().Documents(context.Background())
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %+v, %v", docs, err)
	}
	d, err := ix.Reader().Document(context.Background(), docs[0].ID)
	if err != nil || len(d.Sections) != 2 || len(d.Commitments) != 1 || len(d.Tiltak) != 1 {
		t.Fatalf("document after the upgrade: %d sections, %d commitments, %d tiltak, %v", len(d.Sections), len(d.Commitments), len(d.Tiltak), err)
	}
	for _, q := range []string{"dele", "delt", "delte", "etablert", "etablerte", `løsning status:"på plan"`} {
		res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: q, NoCorrect: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Errorf("%q finds nothing in the upgraded index", q)
		}
	}
}
