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

// Floors on the real set; see TestLinkEvaluationReal.
const (
	realMinHits      = 7
	realMaxFalsePos  = 4
	realMinPrecision = 0.29
)

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
	ours, plain := evaluateBoth(t, gold, docs, views)
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
	// Floors at what the set measures today (precision 0.29, recall 7/14,
	// 4/12 false), not targets: they catch a change that makes linking on
	// documents written elsewhere worse, while docs/commitments.md says how
	// far off it is.
	if ours.Hits < realMinHits {
		t.Errorf("%d of %d follow-ups found, floor %d", ours.Hits, ours.Expected, realMinHits)
	}
	if p := ours.Precision(); p < realMinPrecision {
		t.Errorf("precision %.2f, floor %.2f", p, realMinPrecision)
	}
	if n := len(ours.FalsePositives); n > realMaxFalsePos {
		t.Errorf("%d commitments without follow-up got links, at most %d", n, realMaxFalsePos)
	}
}
