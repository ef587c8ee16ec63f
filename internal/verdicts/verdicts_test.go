package verdicts_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/verdicts"
)

func TestPersistAcrossOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), verdicts.FileName)
	s, err := verdicts.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for _, v := range []corpus.Verdict{
		{CommitmentID: "c1", TargetID: "t1", Verdict: corpus.VerdictConfirmed, At: at},
		{CommitmentID: "c1", TargetID: "t2", Verdict: corpus.VerdictRejected, At: at},
		{CommitmentID: "c2", TargetID: "t1", Verdict: corpus.VerdictRejected, At: at},
		{CommitmentID: "c2", TargetID: "t1", Verdict: corpus.VerdictConfirmed, At: at}, // replaces the one before
	} {
		if err := s.Set(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete("c1", "t2"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("c1", "t2"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("second delete: %v, want not found", err)
	}
	again, err := verdicts.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got := again.All()
	want := []corpus.Verdict{
		{CommitmentID: "c1", TargetID: "t1", Verdict: corpus.VerdictConfirmed, At: at},
		{CommitmentID: "c2", TargetID: "t1", Verdict: corpus.VerdictConfirmed, At: at},
	}
	if len(got) != len(want) {
		t.Fatalf("after reopening: %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("verdict %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := len(again.For("c1")); n != 1 {
		t.Errorf("c1 has %d verdicts, want 1", n)
	}
}

func TestInvalid(t *testing.T) {
	dir := t.TempDir()
	s, err := verdicts.Open(filepath.Join(dir, verdicts.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []corpus.Verdict{
		{CommitmentID: "c1", TargetID: "t1", Verdict: "maybe"},
		{CommitmentID: "", TargetID: "t1", Verdict: corpus.VerdictConfirmed},
		{CommitmentID: "c1", TargetID: "", Verdict: corpus.VerdictRejected},
	} {
		if err := s.Set(v); !errors.Is(err, corpus.ErrInvalid) {
			t.Errorf("Set(%+v) = %v, want invalid", v, err)
		}
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"verdicts": [{"commitment_id": "c"`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := verdicts.Open(bad); err == nil {
		t.Error("a truncated verdict file opened without error")
	}
}

// TestFailedWriteChangesNothing takes the directory away, so that saving
// fails, and checks that the store still holds what it held.
func TestFailedWriteChangesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := verdicts.Open(filepath.Join(dir, verdicts.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Set(corpus.Verdict{CommitmentID: "c1", TargetID: "t1", Verdict: corpus.VerdictConfirmed}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(corpus.Verdict{CommitmentID: "c1", TargetID: "t1", Verdict: corpus.VerdictRejected}); err == nil {
		t.Fatal("saving into a missing directory succeeded")
	}
	if err := s.Set(corpus.Verdict{CommitmentID: "c2", TargetID: "t1", Verdict: corpus.VerdictRejected}); err == nil {
		t.Fatal("saving into a missing directory succeeded")
	}
	if err := s.Delete("c1", "t1"); err == nil {
		t.Fatal("deleting in a missing directory succeeded")
	}
	if v := s.All(); len(v) != 1 || v[0].Verdict != corpus.VerdictConfirmed {
		t.Errorf("after failed writes: %+v", v)
	}
}
