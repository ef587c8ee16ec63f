package linkeval_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/linkeval"
	"github.com/strategispor/strategispor/internal/testutil"
)

var (
	threshold = flag.Float64("threshold", 0, "link threshold to evaluate (0 = link.DefaultThreshold)")
	relCut    = flag.Float64("relcut", 0, "relative cut to evaluate (0 = link.DefaultRelativeCut)")
	details   = flag.Bool("details", false, "log every judged link")
)

// Floors for our linker, set a little under what it reaches on the seeds so
// that a change which makes linking worse fails here.
const (
	minPrecision = 0.95
	minRecall    = 1.0
	maxFalsePos  = 0
)

// seedDir finds the shared seed documents from the repository root.
func seedDir(t testing.TB) string {
	return filepath.Join(testutil.SharedDir(t), "seeds")
}

// ingestSeeds runs the real pipeline over the seed documents.
func ingestSeeds(t testing.TB) []corpus.Document {
	t.Helper()
	return ingestGlob(t, filepath.Join(seedDir(t), "*.txt"))
}

// ingestGlob runs the real pipeline over the files matching pattern.
func ingestGlob(t testing.TB, pattern string) []corpus.Document {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no documents match %s: %v", pattern, err)
	}
	var docs []corpus.Document
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ingest.File(context.Background(), filepath.Base(f), data, ingest.Options{SourceKey: f})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// evaluateBoth judges our links and the plain-query baseline on gold.
func evaluateBoth(t testing.TB, gold []linkeval.Gold, docs []corpus.Document, views []corpus.CommitmentView) (ours, plain linkeval.Report) {
	t.Helper()
	ours, err := linkeval.Evaluate("strategispor", gold, docs, linkeval.FromViews(views))
	if err != nil {
		t.Fatal(err)
	}
	base, err := linkeval.Baseline(docs)
	if err != nil {
		t.Fatal(err)
	}
	if plain, err = linkeval.Evaluate("plain query", gold, docs, base); err != nil {
		t.Fatal(err)
	}
	return ours, plain
}

// linkService links docs in a real in-memory index with the default
// thresholds, or those the -threshold and -relcut flags give.
func linkService(t testing.TB, docs []corpus.Document) *link.Service {
	t.Helper()
	src, gen := openSource(t, docs)
	an, err := analysis.New(analysis.Config{})
	if err != nil {
		t.Fatal(err)
	}
	svc := link.New(src, an.Text, link.Options{Generation: gen, Threshold: *threshold, RelativeCut: *relCut, Logger: testLogger(t)})
	t.Cleanup(svc.Close)
	return svc
}

func TestLinkEvaluation(t *testing.T) {
	docs := ingestSeeds(t)
	gold, err := linkeval.LoadGold(filepath.Join("testdata", "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	src, gen := openSource(t, docs)
	an, err := analysis.New(analysis.Config{})
	if err != nil {
		t.Fatal(err)
	}
	svc := link.New(src, an.Text, link.Options{Generation: gen, Threshold: *threshold, RelativeCut: *relCut, Logger: testLogger(t)})
	views, err := svc.Commitments(context.Background(), corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ours, plain := evaluateBoth(t, gold, docs, views)
	t.Logf("gold: %d commitments, %d with a follow-up, %d without\n%s",
		ours.Commitments, ours.Expected, ours.NoneCommitments(), linkeval.Table(ours, plain))
	for _, r := range []linkeval.Report{ours, plain} {
		if *details {
			for _, j := range r.Judged {
				t.Logf("%s: %s", r.Name, j)
			}
		}
		for _, m := range r.Misses {
			t.Logf("%s: missed %q", r.Name, m)
		}
		for _, fp := range r.FalsePositives {
			t.Logf("%s: false positive %q", r.Name, fp)
		}
	}

	// How the threshold trades precision for recall, for whoever changes it.
	var sweep []linkeval.Report
	for _, th := range []float64{0.2, 0.22, 0.25, 0.3, 0.35, 0.4} {
		s := link.New(src, an.Text, link.Options{Generation: gen, Threshold: th, RelativeCut: *relCut})
		v, err := s.Commitments(context.Background(), corpus.CommitmentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := linkeval.Evaluate(fmt.Sprintf("threshold %.2f", th), gold, docs, linkeval.FromViews(v))
		if err != nil {
			t.Fatal(err)
		}
		sweep = append(sweep, r)
	}
	t.Logf("threshold sweep:\n%s", linkeval.Table(sweep...))

	if ours.Precision() < minPrecision {
		t.Errorf("precision %.2f below floor %.2f", ours.Precision(), minPrecision)
	}
	if ours.RecallAt3() < minRecall {
		t.Errorf("recall@3 %.2f below floor %.2f", ours.RecallAt3(), minRecall)
	}
	if len(ours.FalsePositives) > maxFalsePos {
		t.Errorf("%d false-positive commitments, want at most %d", len(ours.FalsePositives), maxFalsePos)
	}
	if ours.RecallAt3() < plain.RecallAt3() || ours.Precision() <= plain.Precision() {
		t.Errorf("not better than the plain query: %.2f/%.2f vs %.2f/%.2f (precision/recall)",
			ours.Precision(), ours.RecallAt3(), plain.Precision(), plain.RecallAt3())
	}
	if !slices.Equal(ours.FalsePositives, nil) && len(ours.FalsePositives) >= len(plain.FalsePositives) {
		t.Errorf("as many false positives as the plain query")
	}
}
