package link

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
)

// VerdictStore keeps advisers' verdicts on links (internal/verdicts).
type VerdictStore interface {
	For(commitmentID string) []corpus.Verdict
	All() []corpus.Verdict
	Set(v corpus.Verdict) error
	Delete(commitmentID, targetID string) error
}

// Reasons that verdicts add to a link.
const (
	ReasonConfirmed = "confirmed_by_adviser"
	ReasonAdded     = "added_by_adviser"
)

// target is what a link needs of its target, for links an adviser adds.
type target struct {
	u     *unit
	title string
	date  string
}

// judged applies the adviser's verdicts to a computed view: rejected links
// go, confirmed ones are marked and come first, confirmed targets that the
// computation did not link are added, and the status is worked out again,
// from the confirmed tiltak when there are any.
func (s *Service) judged(st *state, v corpus.CommitmentView) corpus.CommitmentView {
	if s.opt.Verdicts == nil {
		return v
	}
	vs := s.opt.Verdicts.For(v.ID)
	if len(vs) == 0 {
		return v
	}
	verdict := map[string]corpus.Verdict{}
	for _, x := range vs {
		verdict[x.TargetID] = x
	}
	links := make([]corpus.Link, 0, len(v.Links)+len(vs))
	have := map[string]bool{}
	for _, l := range v.Links {
		x, ok := verdict[l.TargetID]
		if ok && x.Verdict == corpus.VerdictRejected {
			continue
		}
		if ok {
			l.Verdict = corpus.VerdictConfirmed
			l.Reasons = append(slices.Clip(l.Reasons), confirmedReason(x, false))
		}
		have[l.TargetID] = true
		links = append(links, l)
	}
	for _, x := range vs {
		if x.Verdict != corpus.VerdictConfirmed || have[x.TargetID] {
			continue
		}
		t, ok := st.targets[x.TargetID]
		if !ok {
			continue // the target's document is gone; the verdict waits for it
		}
		l := corpus.Link{
			CommitmentID: v.ID, TargetType: t.u.typ, TargetID: t.u.id, DocumentID: t.u.docID,
			DocumentTitle: t.title, TargetText: t.u.text, TargetRef: t.u.targetRef, TargetKind: t.u.kind,
			SectionID: t.u.sectionID, Status: t.u.status, StatusText: t.u.statusText, Evidence: t.u.evidence,
			Verdict: corpus.VerdictConfirmed, Reasons: []corpus.Reason{confirmedReason(x, true)},
		}
		if t.u.typ == corpus.TargetTiltak && t.u.status != "" && t.u.status != corpus.StatusUkjent {
			l.StatusDate = t.date
		}
		links = append(links, l)
	}
	slices.SortStableFunc(links, func(a, b corpus.Link) int {
		if (a.Verdict == corpus.VerdictConfirmed) != (b.Verdict == corpus.VerdictConfirmed) {
			if a.Verdict == corpus.VerdictConfirmed {
				return -1
			}
			return 1
		}
		return 0
	})
	v.Links = links
	v.BestStatus, v.FollowUpStatus, v.StatusCounts, v.StatusSummary = "", "", nil, ""
	summarise(&v)
	return v
}

func confirmedReason(x corpus.Verdict, added bool) corpus.Reason {
	kind, detail := ReasonConfirmed, "Bekreftet av rådgiver"
	if added {
		kind, detail = ReasonAdded, "Lagt til av rådgiver"
	}
	if !x.At.IsZero() {
		detail += " " + x.At.Format("2.1.2006")
	}
	return corpus.Reason{Kind: kind, Detail: detail}
}

// SetVerdict records an adviser's verdict on the link from a commitment to
// a target (a tiltak or a section) and returns the commitment as it now
// stands. The target may be one the computation did not link: confirming
// it adds the link.
func (s *Service) SetVerdict(ctx context.Context, commitmentID, targetID string, kind corpus.VerdictKind) (corpus.CommitmentView, error) {
	if !kind.Valid() {
		return corpus.CommitmentView{}, fmt.Errorf("verdict %q: want %q or %q: %w", kind, corpus.VerdictConfirmed, corpus.VerdictRejected, corpus.ErrInvalid)
	}
	return s.withVerdicts(ctx, commitmentID, func(st *state, c corpus.CommitmentView) error {
		t, ok := st.targets[targetID]
		if !ok {
			return fmt.Errorf("target %q (a tiltak or section id): %w", targetID, corpus.ErrNotFound)
		}
		if t.u.docID == c.DocumentID {
			return fmt.Errorf("target %q is in the commitment's own document: %w", targetID, corpus.ErrInvalid)
		}
		return s.opt.Verdicts.Set(corpus.Verdict{CommitmentID: commitmentID, TargetID: targetID, Verdict: kind, At: time.Now().UTC()})
	})
}

// DeleteVerdict takes a verdict back; the link is then as computed.
func (s *Service) DeleteVerdict(ctx context.Context, commitmentID, targetID string) (corpus.CommitmentView, error) {
	return s.withVerdicts(ctx, commitmentID, func(*state, corpus.CommitmentView) error {
		return s.opt.Verdicts.Delete(commitmentID, targetID)
	})
}

// withVerdicts runs change on an existing commitment and answers the
// commitment with the verdicts as they then are.
func (s *Service) withVerdicts(ctx context.Context, commitmentID string, change func(*state, corpus.CommitmentView) error) (corpus.CommitmentView, error) {
	if s.opt.Verdicts == nil {
		return corpus.CommitmentView{}, fmt.Errorf("verdicts are not kept here: %w", corpus.ErrWritesDisabled)
	}
	st, err := s.current(ctx)
	if err != nil {
		return corpus.CommitmentView{}, err
	}
	i, ok := st.byID[commitmentID]
	if !ok {
		return corpus.CommitmentView{}, fmt.Errorf("commitment %q: %w", commitmentID, corpus.ErrNotFound)
	}
	if err := change(st, st.commitments[i]); err != nil {
		return corpus.CommitmentView{}, err
	}
	return s.judged(st, st.commitments[i]), nil
}

// verdictsByTarget groups every verdict by its target, for tiltak answers.
func (s *Service) verdictsByTarget() map[string][]corpus.Verdict {
	if s.opt.Verdicts == nil {
		return nil
	}
	out := map[string][]corpus.Verdict{}
	for _, x := range s.opt.Verdicts.All() {
		out[x.TargetID] = append(out[x.TargetID], x)
	}
	return out
}

// judgedTiltak applies the verdicts on a tiltak to the commitments it lists.
func (s *Service) judgedTiltak(st *state, v corpus.TiltakView, byTarget map[string][]corpus.Verdict) corpus.TiltakView {
	mine := byTarget[v.ID]
	if len(mine) == 0 {
		return v
	}
	verdict := map[string]corpus.VerdictKind{}
	for _, x := range mine {
		verdict[x.CommitmentID] = x.Verdict
	}
	out := make([]corpus.LinkedCommitment, 0, len(v.Commitments)+len(mine))
	have := map[string]bool{}
	for _, c := range v.Commitments {
		if verdict[c.ID] == corpus.VerdictRejected {
			continue
		}
		have[c.ID] = true
		out = append(out, c)
	}
	for _, x := range mine {
		if x.Verdict != corpus.VerdictConfirmed || have[x.CommitmentID] {
			continue
		}
		if i, ok := st.byID[x.CommitmentID]; ok {
			c := st.commitments[i]
			out = append(out, corpus.LinkedCommitment{Commitment: c.Commitment, DocumentTitle: c.DocumentTitle,
				Reasons: []corpus.Reason{confirmedReason(x, true)}})
		}
	}
	v.Commitments = out
	return v
}
