package link_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/verdicts"
)

func TestVerdicts(t *testing.T) {
	ctx := context.Background()
	docs := seeds(t)
	idx, err := index.OpenMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	for _, k := range []string{"000", "001", "002", "003", "004"} {
		if err := idx.Writer().Put(ctx, docs[k]); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), verdicts.FileName)
	open := func() *link.Service {
		store, err := verdicts.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		svc := link.New(idx.Reader(), textAnalyzer(t), link.Options{Generation: idx.Generation, Verdicts: store})
		t.Cleanup(svc.Close)
		return svc
	}
	svc := open()

	// A commitment with at least two links: reject the first.
	all, err := svc.Commitments(ctx, corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var c corpus.CommitmentView
	for _, v := range all {
		if len(v.Links) >= 2 {
			c = v
			break
		}
	}
	if c.ID == "" {
		t.Fatal("no seed commitment has two links")
	}
	rejected := c.Links[0]
	v, err := svc.SetVerdict(ctx, c.ID, rejected.TargetID, corpus.VerdictRejected)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := linksTo(v, rejected.TargetID); ok {
		t.Errorf("the rejected link to %q is still shown", rejected.TargetText)
	}

	// Confirm a tiltak the computation did not link.
	var added corpus.Tiltak
	for _, tk := range docs["000"].Tiltak {
		if _, ok := linksTo(c, tk.ID); !ok && tk.Status != corpus.StatusUkjent && tk.DocumentID != c.DocumentID {
			added = tk
			break
		}
	}
	if added.ID == "" {
		t.Fatal("no unlinked tiltak with a status to confirm")
	}
	v, err = svc.SetVerdict(ctx, c.ID, added.ID, corpus.VerdictConfirmed)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Links) == 0 || v.Links[0].TargetID != added.ID || v.Links[0].Verdict != corpus.VerdictConfirmed {
		t.Fatalf("the confirmed tiltak is not the first link: %+v", v.Links)
	}
	if v.FollowUpStatus != added.Status {
		t.Errorf("status %q, want the confirmed tiltak's %q", v.FollowUpStatus, added.Status)
	}
	tv, err := svc.Tiltak(ctx, added.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, lc := range tv.Commitments {
		found = found || lc.ID == c.ID
	}
	if !found {
		t.Error("the confirmed tiltak does not list the commitment")
	}

	// Verdicts survive recomputation after a re-ingest, and a restart.
	if err := idx.Writer().Put(ctx, docs["000"]); err != nil {
		t.Fatal(err)
	}
	if err := svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*link.Service{"after re-ingest": svc, "after restart": open()} {
		v, err := s.Commitment(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := linksTo(v, rejected.TargetID); ok {
			t.Errorf("%s: the rejected link came back", name)
		}
		if l, ok := linksTo(v, added.ID); !ok || l.Verdict != corpus.VerdictConfirmed {
			t.Errorf("%s: the confirmed link is gone: %+v", name, v.Links)
		}
	}

	// Undo both: the links are as computed again.
	for _, id := range []string{rejected.TargetID, added.ID} {
		if _, err := svc.DeleteVerdict(ctx, c.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	v, err = svc.Commitment(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := linksTo(v, rejected.TargetID); !ok {
		t.Error("the link is not back after its rejection was taken back")
	}
	if _, ok := linksTo(v, added.ID); ok {
		t.Error("the added link stays after its confirmation was taken back")
	}

	for _, tt := range []struct {
		name           string
		commitment, to string
		kind           corpus.VerdictKind
		want           error
	}{
		{"unknown verdict", c.ID, added.ID, "maybe", corpus.ErrInvalid},
		{"unknown commitment", "finnes-ikke", added.ID, corpus.VerdictConfirmed, corpus.ErrNotFound},
		{"unknown target", c.ID, "finnes-ikke", corpus.VerdictConfirmed, corpus.ErrNotFound},
		{"own document", c.ID, c.SectionID, corpus.VerdictConfirmed, corpus.ErrInvalid},
	} {
		if _, err := svc.SetVerdict(ctx, tt.commitment, tt.to, tt.kind); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := svc.DeleteVerdict(ctx, c.ID, added.ID); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("deleting a verdict twice: %v, want not found", err)
	}
}
