package linkeval_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/linkeval"
)

// realDir holds the second gold set: real documents nobody here wrote (a
// white paper, the action plan and budget annex that follow it up, and
// three neighbours that follow nothing up), judged by reading them. The
// threshold was not tuned on it.
const realDir = "testdata/real"

func ingestReal(t testing.TB) []corpus.Document {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(realDir, "docs", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no documents in %s/docs: %v", realDir, err)
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

// TestLinkEvaluationReal reports link quality on the second gold set with
// the thresholds chosen on the seeds.
func TestLinkEvaluationReal(t *testing.T) {
	docs := ingestReal(t)
	gold, err := linkeval.LoadGold(filepath.Join(realDir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	src, gen := openSource(t, docs)
	an, err := analysis.New(analysis.Config{})
	if err != nil {
		t.Fatal(err)
	}
	svc := link.New(src, an.Text, link.Options{Generation: gen, Logger: testLogger(t)})
	t.Cleanup(svc.Close)
	views, err := svc.Commitments(context.Background(), corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ours, err := linkeval.Evaluate("strategispor", gold, docs, linkeval.FromViews(views))
	if err != nil {
		t.Fatal(err)
	}
	base, err := linkeval.Baseline(docs)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := linkeval.Evaluate("plain query", gold, docs, base)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("real gold: %d commitments, %d with a follow-up, %d without\n%s",
		ours.Commitments, ours.Expected, ours.NoneCommitments(), linkeval.Table(ours, plain))
	for _, m := range ours.Misses {
		t.Logf("missed %q", m)
	}
	for _, fp := range ours.FalsePositives {
		t.Logf("false positive %q", fp)
	}
	if *details {
		for _, j := range ours.Judged {
			t.Logf("%s", j)
		}
	}
}
