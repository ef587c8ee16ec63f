package index

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// storeDoc is a document whose body holds marker, a string no analysis
// produces (capitals and punctuation), so that it can be looked for in the
// files.
func storeDoc(id, marker string, sections int) corpus.Document {
	d := corpus.Document{ID: id, Title: "Tittel " + id, DocType: corpus.TypeStrategi, ContentHash: corpus.Hash8(id, marker), Source: id + ".txt"}
	for i := range sections {
		d.Sections = append(d.Sections, section(id, i, "Kapittel", fmt.Sprintf("Regjeringen vil dele data. %s Avsnitt %d.", marker, i)))
	}
	return d
}

func filesHolding(t *testing.T, dir string, s string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(s)) {
			out = append(out, filepath.Base(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSectionsLiveInTheStore writes, replaces and deletes documents and
// reopens the index: the sections' text is in sections.store and in no
// Bleve segment, every section reads back, and the replaced and deleted
// records are counted as garbage, also after the reopen.
func TestSectionsLiveInTheStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	w := ix.Writer()
	if err := w.PutMany(ctx, []corpus.Document{storeDoc("a", "Første-Utgave/A.", 3), storeDoc("b", "Utgave/B.", 2)}); err != nil {
		t.Fatal(err)
	}
	size0, garbage0 := ix.store.usage()
	if garbage0 != 0 {
		t.Errorf("garbage after the first write: %d", garbage0)
	}
	// The size of a's records, as its document record counts them.
	recA, err := ix.loadDocRecord("a")
	if err != nil || recA.Stored <= 0 {
		t.Fatalf("document record of a: %+v, %v", recA, err)
	}
	recB, _ := ix.loadDocRecord("b")
	if err := w.Put(ctx, storeDoc("a", "Andre-Utgave/A.", 2)); err != nil {
		t.Fatal(err)
	}
	if err := w.Delete(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	size1, garbage1 := ix.store.usage()
	if garbage1 != recA.Stored+recB.Stored {
		t.Errorf("garbage %d after replacing a and deleting b, want %d + %d", garbage1, recA.Stored, recB.Stored)
	}
	if size1 <= size0 {
		t.Errorf("store did not grow: %d → %d", size0, size1)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix, err = Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if size, garbage := ix.store.usage(); size != size1 || garbage != garbage1 {
		t.Errorf("after reopening: size %d garbage %d, want %d and %d", size, garbage, size1, garbage1)
	}
	d, err := ix.Reader().Document(ctx, "a")
	if err != nil || len(d.Sections) != 2 || !strings.Contains(d.Sections[1].Text, "Andre-Utgave/A.") {
		t.Fatalf("document a after reopening: %+v, %v", d, err)
	}
	s, err := ix.Reader().Section(ctx, d.Sections[0].ID)
	if err != nil || s.Text != d.Sections[0].Text {
		t.Errorf("section %s: %q, %v", d.Sections[0].ID, s.Text, err)
	}
	res := find(t, ix, "dele data")
	if res.Total != 2 || len(res.Hits) != 2 || !strings.Contains(res.Hits[0].Snippet, "Andre-Utgave/A.") {
		t.Errorf("search after reopening: %d hits %+v", res.Total, res.Hits)
	}
	// Bleve holds where the text is, not the text.
	if got := filesHolding(t, dir, "Andre-Utgave/A."); len(got) != 1 || got[0] != storeName {
		t.Errorf("the section text is in %v, want only %s", got, storeName)
	}
}

// TestStoreTornTail opens a store whose end holds half a record (a write
// cut short by a crash, which no Bleve record refers to): the index opens,
// reads what it had and appends after the torn bytes.
func TestStoreTornTail(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Writer().Put(ctx, storeDoc("a", "Før-Krasj.", 2)); err != nil {
		t.Fatal(err)
	}
	path := ix.store.path
	ix.Close()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"section":{"id":"half`)
	f.Close()

	ix, err = Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Writer().Put(ctx, storeDoc("b", "Etter-Krasj.", 2)); err != nil {
		t.Fatal(err)
	}
	for id, marker := range map[string]string{"a": "Før-Krasj.", "b": "Etter-Krasj."} {
		d, err := ix.Reader().Document(ctx, id)
		if err != nil || len(d.Sections) != 2 || !strings.Contains(d.Sections[0].Text, marker) {
			t.Errorf("document %s: %+v, %v", id, d, err)
		}
	}
}

// TestStoreDamageIsReported flips a byte of a stored section: reading it
// fails with a message that says so, instead of returning wrong text.
func TestStoreDamageIsReported(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Writer().Put(ctx, storeDoc("a", "Skadet-Tekst.", 1)); err != nil {
		t.Fatal(err)
	}
	path := ix.store.path
	ix.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("Skadet-Tekst."))
	b[i] = 's'
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, err = ix.Reader().Document(ctx, "a")
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("reading a damaged record: %v", err)
	}
}

// TestOpensTheReleaseOf20261202 opens a data directory written by the
// release of 2026-12-02, which kept sections in Bleve
// (testdata/release-2026-12-02): it opens as it is, every section reads,
// search finds them with snippets, and writing the document again moves its
// sections into the store and leaves none behind in Bleve.
func TestOpensTheReleaseOf20261202(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "release-2026-12-02"))); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	opt := testOptions(t)
	opt.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	ix, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs, err := ix.Reader().Documents(ctx)
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %+v, %v", docs, err)
	}
	d, err := ix.Reader().Document(ctx, docs[0].ID)
	if err != nil || len(d.Sections) != 2 || len(d.Commitments) != 1 || len(d.Tiltak) != 1 {
		t.Fatalf("document: %d sections, %d commitments, %d tiltak, %v", len(d.Sections), len(d.Commitments), len(d.Tiltak), err)
	}
	for _, q := range []string{"dele", "delt", `løsning status:"på plan"`} {
		res := find(t, ix, q)
		if res.Total == 0 || res.Hits[0].Snippet == "" {
			t.Errorf("%q: %d hits %+v", q, res.Total, res.Hits)
		}
	}
	if err := ix.Writer().Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	if size, _ := ix.store.usage(); size <= storeHeader {
		t.Errorf("the rewritten document's sections are not in the store (size %d)", size)
	}
	d2, err := ix.Reader().Document(ctx, d.ID)
	if err != nil || len(d2.Sections) != 2 || d2.Sections[1].Text != d.Sections[1].Text {
		t.Errorf("document after the rewrite: %+v, %v", d2, err)
	}
	_, secs, err := ix.Reader().Stats(ctx)
	if err != nil || secs != 2 {
		t.Errorf("sections after the rewrite: %d, %v", secs, err)
	}
}
