package linkeval_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
)

// maxThroneLinks is the target: on real documents that follow
// nothing up, at most one false link is shown.
const maxThroneLinks = 1

// TestNothingFollowsUpTheThroneSpeech indexes a real speech from the throne
// (2019, 26 "Regjeringen vil …" sentences) with real documents that follow
// none of it up: Direktoratet for e-helse's "Anbefalte tiltak" appendix in
// four formats and every readable document of ../shared/corpus. Every link
// shown (as the API and the UI show them) is a false one.
func TestNothingFollowsUpTheThroneSpeech(t *testing.T) {
	docs := ingestGlob(t, filepath.Join("testdata", "throne", "*.txt"))
	speech := docs[0]
	if n := len(speech.Commitments); n < 20 {
		t.Fatalf("the speech gives %d commitments, want at least 20", n)
	}
	docs = append(docs, ingestGlob(t, filepath.Join("..", "..", "ingest", "testdata", "real", "ehelse-dho-anbefalte-tiltak.*"))...)
	docs = append(docs, ingestFiles(t, filepath.Join(testutil.SharedDir(t), "corpus"), func(string) bool { return true })...)
	docs = append(docs, ingestReal(t)...)
	svc := linkService(t, docs)
	views, err := svc.Commitments(context.Background(), corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	shown, linked := 0, 0
	for _, v := range views {
		if v.DocumentID != speech.ID {
			continue // the real gold set's own links are judged in TestLinkEvaluationReal
		}
		if len(v.Links) > 0 {
			linked++
		}
		for _, l := range v.Links {
			shown++
			t.Logf("false link: %q → %q in %q (%.3f)", clipText(v.Text), clipText(l.TargetText), l.DocumentTitle, l.Score)
			for _, r := range l.Reasons {
				t.Logf("    %s %.3f %s", r.Kind, r.Weight, r.Detail)
			}
		}
	}
	t.Logf("%d documents, %d commitments (%d in the speech): %d links shown on %d commitments",
		len(docs), len(views), len(speech.Commitments), shown, linked)
	if shown > maxThroneLinks {
		t.Errorf("%d false links shown, want at most %d", shown, maxThroneLinks)
	}
}
