package linkeval_test

import (
	"context"
	"path/filepath"
	"strings"
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
	realMinHits      = 6
	realMaxFalsePos  = 4
	realMinPrecision = 0.28
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
	// Floors at what the set measures today (precision 6/21 = 0.286, recall 6/14,
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

// TestRealRelations holds the relations read from the real documents: the
// white paper is a stortingsmelding; the action plan that carries it out
// follows it up and the budget annex cites it, both by its number; the
// 2020 white paper, which names neither, does neither.
func TestRealRelations(t *testing.T) {
	docs := ingestReal(t)
	bySource := map[string]corpus.Document{}
	for _, d := range docs {
		bySource[filepath.Base(d.Source)] = d
	}
	paper := bySource["stmeld-28-2007-2008-samepolitikken-utdrag.md"]
	if paper.DocType != corpus.TypeStortingsmelding {
		t.Errorf("St.meld. nr. 28 is %s, want %s (%s)", paper.DocType, corpus.TypeStortingsmelding, paper.Provenance["doc_type"])
	}
	later := bySource["meld-st-31-2019-2020-samisk-sprak-digitalisering.md"]
	if later.DocType != corpus.TypeStortingsmelding || later.Date != "2020-08-28" {
		t.Errorf("Meld. St. 31 is %s dated %q, want %s dated 2020-08-28", later.DocType, later.Date, corpus.TypeStortingsmelding)
	}
	svc := linkService(t, docs)
	rel, err := svc.Relations(context.Background(), paper.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]corpus.DocumentRelation{}
	for _, g := range [][]corpus.DocumentRelation{rel.FollowsUp, rel.FollowedUpBy, rel.Cites, rel.CitedBy, rel.SamePlan} {
		for _, r := range g {
			kinds[r.DocumentID] = r
			t.Logf("%s %q: %q", r.Kind, r.DocumentTitle, r.Evidence)
		}
	}
	for src, want := range map[string]string{
		"handlingsplan-samiske-sprak-2009.md":                 "followed_up_by",
		"bevilgninger-samiske-formal-statsbudsjettet-2009.md": "cited_by",
	} {
		r := kinds[bySource[src].ID]
		if string(r.Kind) != want || !strings.Contains(r.Evidence, "St.meld. nr. 28 (2007-2008)") {
			t.Errorf("%s: %s %q, want %s with the white paper's number as evidence", src, r.Kind, r.Evidence, want)
		}
	}
	if r := kinds[later.ID]; r.Kind == "followed_up_by" || r.Kind == "cited_by" {
		t.Errorf("the 2020 white paper is %s the 2008 one (%q)", r.Kind, r.Evidence)
	}
}
