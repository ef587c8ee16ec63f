package link_test

import (
	"context"
	"testing"

	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/corpus"
)

// worseOrEqual reports whether status a is at least as bad news as b.
func worseOrEqual(a, b corpus.Status) bool {
	order := []corpus.Status{corpus.StatusStoreForsinkelser, corpus.StatusForsinket, corpus.StatusIkkeStartet,
		corpus.StatusIngenPagaendeTiltak, corpus.StatusMindreForsinkelser, corpus.StatusPaPlan, corpus.StatusAvsluttet, corpus.StatusFerdig}
	ra, rb := len(order), len(order)
	for i, s := range order {
		if s == a {
			ra = i
		}
		if s == b {
			rb = i
		}
	}
	return ra <= rb
}

// TestStatusNeverBetterThanALinkedTiltak holds the status every seed
// commitment shows to the statuses of its linked tiltak: never better than
// any of them, and a summary whenever they disagree.
func TestStatusNeverBetterThanALinkedTiltak(t *testing.T) {
	f := newFixture(t)
	views, err := f.svc.Commitments(context.Background(), corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	disagreeing := 0
	for _, v := range views {
		counts := map[corpus.Status]int{}
		for _, l := range v.Links {
			rel := 0
			for _, r := range l.Reasons {
				if r.Kind == link.RelationReason && r.Detail != "" {
					rel++
				}
			}
			if rel != 1 {
				t.Errorf("link %q → %q says %d times how the documents relate, want once", v.Text, l.TargetText, rel)
			}
			if l.TargetType != corpus.TargetTiltak {
				continue
			}
			st := l.Status
			if st == "" {
				st = corpus.StatusUkjent
			}
			counts[st]++
			if st != corpus.StatusUkjent && !worseOrEqual(v.FollowUpStatus, st) {
				t.Errorf("%q shows %q, better than its linked tiltak %q (%s)", v.Text, v.FollowUpStatus, l.TargetText, st)
			}
			if st != corpus.StatusUkjent && l.StatusDate == "" && f.docs["000"].Date != "" && l.DocumentID == f.docs["000"].ID {
				t.Errorf("link to %q has a status but no status date", l.TargetText)
			}
		}
		if len(counts) != len(v.StatusCounts) {
			t.Errorf("%q: status counts %v, want %v", v.Text, v.StatusCounts, counts)
		}
		for st, n := range counts {
			if v.StatusCounts[st] != n {
				t.Errorf("%q: status counts %v, want %v", v.Text, v.StatusCounts, counts)
			}
		}
		if (len(counts) > 1) != (v.StatusSummary != "") {
			t.Errorf("%q: summary %q for counts %v", v.Text, v.StatusSummary, counts)
		}
		if len(counts) > 1 {
			disagreeing++
			t.Logf("%s — %s (shows %s)", v.StatusSummary, v.Text, v.FollowUpStatus)
		}
	}
	if disagreeing == 0 {
		t.Error("no seed commitment has linked tiltak that disagree; the test checks nothing")
	}
}
