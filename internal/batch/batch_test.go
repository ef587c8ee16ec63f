package batch_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/seeds"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const strategy = `Nasjonal strategi for digital samhandling

1 Innledning

Regjeringen vil styrke samhandlingen mellom kommunene og staten.

Regjeringen vil:
- etablere en felles plattform for deling av data
- utrede en ordning for finansiering av felles løsninger
`

const markdown = "# Handlingsplan for digitalisering\n\n## Tiltak\n\nTiltak 1 Etablere en nasjonal portal for innbyggere.\n\nStatus: på plan\n"

// folder makes a test folder: two good files, a broken PDF, an unsupported
// file, a hidden folder, and the symlink trouble a real disk can hold.
func folder(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "inn")
	write(t, filepath.Join(dir, "strategi.txt"), strategy)
	write(t, filepath.Join(dir, "plan", "handlingsplan.md"), markdown)
	write(t, filepath.Join(dir, "plan", "broken.pdf"), "%PDF-1.4\nthis is not really a pdf\n")
	write(t, filepath.Join(dir, "tall.xlsx"), "PK not a spreadsheet")
	write(t, filepath.Join(dir, ".git", "notes.txt"), "hidden")
	must(t, os.Symlink("..", filepath.Join(dir, "plan", "up")))
	must(t, os.Symlink("missing.txt", filepath.Join(dir, "dangling.txt")))
	must(t, os.Symlink("strategi.txt", filepath.Join(dir, "same.txt")))
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWalk(t *testing.T) {
	dir := folder(t)
	items := batch.Walk([]string{dir, filepath.Join(dir, "nope.txt")})
	got := map[string]batch.Item{}
	for _, it := range items {
		rel, _ := filepath.Rel(dir, it.Path)
		got[filepath.ToSlash(rel)] = it
	}
	tests := []struct {
		path string
		want string // "ok", "skip:<substring>", "err:<substring>"
	}{
		{"strategi.txt", "ok"},
		{"plan/handlingsplan.md", "ok"},
		{"plan/broken.pdf", "ok"},
		{"tall.xlsx", "skip:unsupported file type (.xlsx)"},
		{"plan/up", "err:symlink loop"},
		{"dangling.txt", "err:dangling"},
		{"same.txt", "skip:same file as"},
		{"nope.txt", "err:no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			it, ok := got[tt.path]
			if !ok {
				t.Fatalf("not listed; got %v", keys(got))
			}
			kind, want, _ := strings.Cut(tt.want, ":")
			switch kind {
			case "ok":
				if it.Err != nil || it.Skip != "" {
					t.Fatalf("want a file to ingest, got err=%v skip=%q", it.Err, it.Skip)
				}
				if !filepath.IsAbs(it.Key) || filepath.Clean(it.Key) != it.Key {
					t.Errorf("key %q is not a cleaned absolute path", it.Key)
				}
			case "skip":
				if !strings.Contains(it.Skip, want) {
					t.Errorf("skip = %q, want %q", it.Skip, want)
				}
			case "err":
				if it.Err == nil || !strings.Contains(it.Err.Error(), want) {
					t.Errorf("err = %v, want %q", it.Err, want)
				}
			}
		})
	}
	if len(items) != len(tests) {
		t.Errorf("listed %d items, want %d: %v", len(items), len(tests), keys(got))
	}
}

func keys(m map[string]batch.Item) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func openIndex(t *testing.T) *index.Index {
	t.Helper()
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func outcomes(rep corpus.IngestReport, root string) map[string]corpus.FileResult {
	m := map[string]corpus.FileResult{}
	for _, r := range rep.Results {
		rel, _ := filepath.Rel(root, r.Path)
		m[filepath.ToSlash(rel)] = r
	}
	return m
}

func TestRunIngestsReingestsAndReplaces(t *testing.T) {
	ctx := context.Background()
	dir := folder(t)
	ix := openIndex(t)
	in := batch.New(batch.Join(ix.Reader(), ix.Writer()), batch.Options{Workers: 2, Batch: 1})

	rep, err := in.Run(ctx, batch.Walk([]string{dir}))
	if err != nil {
		t.Fatal(err)
	}
	got := outcomes(rep, dir)
	for path, want := range map[string]corpus.FileOutcome{
		"strategi.txt": corpus.OutcomeIngested, "plan/handlingsplan.md": corpus.OutcomeIngested,
		"plan/broken.pdf": corpus.OutcomeFailed, "tall.xlsx": corpus.OutcomeSkipped,
		"plan/up": corpus.OutcomeFailed, "dangling.txt": corpus.OutcomeFailed, "same.txt": corpus.OutcomeSkipped,
	} {
		if got[path].Outcome != want {
			t.Errorf("%s: %s (%s), want %s", path, got[path].Outcome, got[path].Reason, want)
		}
		if want == corpus.OutcomeFailed && got[path].Reason == "" {
			t.Errorf("%s failed without a reason", path)
		}
	}
	if rep.Ingested != 2 || rep.Failed != 3 || rep.Skipped != 2 || rep.Files != 7 {
		t.Errorf("report counts %+v", rep)
	}
	strat := got["strategi.txt"]
	if strat.DocumentID != corpus.DocumentID(filepath.Join(dir, "strategi.txt")) || strat.Sections == 0 {
		t.Errorf("strategi.txt result %+v", strat)
	}
	docs, secs, err := ix.Reader().Stats(ctx)
	if err != nil || docs != 2 || secs != rep.Sections {
		t.Errorf("index has %d documents, %d sections (%v); report says 2, %d", docs, secs, err, rep.Sections)
	}

	// Same content again: nothing is extracted or written.
	rep, err = in.Run(ctx, batch.Walk([]string{dir}))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged != 2 || rep.Ingested != 0 {
		t.Errorf("second run: %d unchanged, %d ingested; want 2, 0", rep.Unchanged, rep.Ingested)
	}

	// A changed file replaces its document under the same id.
	write(t, filepath.Join(dir, "strategi.txt"), strategy+"\n2 Oppfølging\n\nRegjeringen vil følge opp arbeidet årlig.\n")
	rep, err = in.Run(ctx, batch.Walk([]string{filepath.Join(dir, "strategi.txt")}))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Ingested != 1 || rep.Results[0].DocumentID != strat.DocumentID {
		t.Fatalf("changed file: %+v", rep)
	}
	if docs, _, _ := ix.Reader().Stats(ctx); docs != 2 {
		t.Errorf("after replacing: %d documents, want 2", docs)
	}
	doc, err := ix.Reader().Document(ctx, strat.DocumentID)
	if err != nil || !strings.Contains(doc.Sections[len(doc.Sections)-1].Text+doc.Sections[len(doc.Sections)-1].Heading, "ppfølging") {
		t.Errorf("replaced document does not hold the new text: %v", err)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	dir := folder(t)
	rep, err := batch.New(nil, batch.Options{DryRun: true}).Run(context.Background(), batch.Walk([]string{dir}))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Ingested != 2 {
		t.Errorf("dry run extracted %d, want 2: %+v", rep.Ingested, rep.Results)
	}
	for _, r := range rep.Results {
		if r.Outcome == corpus.OutcomeIngested {
			t.Errorf("%s reported as ingested in a dry run", r.Path)
		}
	}
}

func TestIngestFile(t *testing.T) {
	ctx := context.Background()
	ix := openIndex(t)
	in := batch.New(batch.Join(ix.Reader(), ix.Writer()), batch.Options{})
	res, err := in.IngestFile(ctx, "strategi.txt", "upload/strategi.txt", "", "", []byte(strategy))
	if err != nil || res.Outcome != corpus.OutcomeIngested {
		t.Fatalf("first upload: %+v, %v", res, err)
	}
	res, err = in.IngestFile(ctx, "strategi.txt", "upload/strategi.txt", "", "", []byte(strategy))
	if err != nil || res.Outcome != corpus.OutcomeUnchanged {
		t.Fatalf("second upload: %+v, %v", res, err)
	}
	// A type override counts as a change once, then the document is unchanged again.
	for i, want := range []corpus.FileOutcome{corpus.OutcomeIngested, corpus.OutcomeUnchanged} {
		res, err := in.IngestFile(ctx, "strategi.txt", "upload/strategi.txt", "", corpus.TypeHandlingsplan, []byte(strategy))
		if err != nil || res.Outcome != want || res.DocumentID == "" {
			t.Fatalf("upload %d with a type: %+v, %v; want %s", i+1, res, err, want)
		}
	}
	if doc, err := ix.Reader().Document(ctx, res.DocumentID); err != nil || doc.DocType != corpus.TypeHandlingsplan {
		t.Errorf("type override not stored: %v, %v", doc.DocType, err)
	}
	binary := []byte("\x00\x01\x02\x03binary\x00\x00\xff\xfe\x00 not text at all \x00\x00\x00")
	for name, kind := range map[string]error{"tall.xlsx": corpus.ErrUnsupported, "binary.txt": corpus.ErrUnreadable} {
		if _, err := in.IngestFile(ctx, name, "upload/"+name, "", "", binary); !errors.Is(err, kind) {
			t.Errorf("%s: error %v, want %v", name, err, kind)
		}
	}
	if err := in.Delete(ctx, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	if err := in.Delete(ctx, res.DocumentID); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

func TestSeedsAndCancel(t *testing.T) {
	items, err := batch.WalkFS(seeds.FS, "seeds")
	if err != nil || len(items) != 5 {
		t.Fatalf("WalkFS: %d items, %v", len(items), err)
	}
	ix := openIndex(t)
	rep, err := batch.New(batch.Join(ix.Reader(), ix.Writer()), batch.Options{}).Run(context.Background(), items)
	if err != nil || rep.Ingested != 5 || rep.Failed != 0 {
		t.Fatalf("seeds: %+v, %v", rep, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err = batch.New(nil, batch.Options{DryRun: true}).Run(ctx, items)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("cancelled run took %v", time.Since(start))
	}
}
