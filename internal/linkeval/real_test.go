package linkeval_test

import (
	"context"
	"path/filepath"
	"testing"

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
	return ingestGlob(t, filepath.Join(realDir, "docs", "*.md"))
}

// TestLinkEvaluationReal reports link quality on the second gold set with
// the thresholds chosen on the seeds.
func TestLinkEvaluationReal(t *testing.T) {
	docs := ingestReal(t)
	gold, err := linkeval.LoadGold(filepath.Join(realDir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	svc := linkService(t, docs)
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
