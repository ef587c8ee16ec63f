package link

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/strategispor/strategispor/internal/corpus"
)

// state is everything the Service answers from, for one generation.
type state struct {
	commitments []corpus.CommitmentView // document order
	cterms      []termSet
	byID        map[string]int
	tiltak      []corpus.TiltakView
	tterms      []termSet
	tiltakByID  map[string]int
	units       []*unit
	linkCount   int
	graph       *graph
	targets     map[string]target // every tiltak and section a link can point to, by id
}

// build links every commitment and collects the reverse links. publish,
// when not nil, is handed an interim state while the build goes on.
func (s *Service) build(metas []corpus.Document, publish func(*state)) *state {
	entries := make([]*docEntry, 0, len(metas))
	titles := map[string]string{}
	dates := map[string]string{}
	urls := map[string]string{}
	for _, m := range metas {
		urls[m.ID] = m.SourceURL
		if e := s.docs[m.ID]; e != nil {
			entries = append(entries, e)
		}
		titles[m.ID] = m.Title
		dates[m.ID] = m.Date
	}
	// Only documents that can hold a follow-up of some commitment enter the
	// term statistics and the candidates.
	g := newGraph(entries)
	linkable := g.linkable()
	var targets []*docEntry
	for i, e := range entries {
		for j := range e.units {
			e.units[j].doc = int32(i)
		}
		if linkable[i] {
			targets = append(targets, e)
		}
	}
	mdl := newModel(targets)
	st := &state{byID: map[string]int{}, tiltakByID: map[string]int{}, units: mdl.units, graph: g,
		targets: map[string]target{}}
	for _, e := range entries {
		for j := range e.units {
			u := &e.units[j]
			st.targets[u.id] = target{u: u, title: titles[u.docID], date: dates[u.docID]}
		}
	}
	for _, e := range entries {
		for j, t := range e.tiltak {
			st.tiltakByID[t.ID] = len(st.tiltak)
			v := corpus.TiltakView{Tiltak: t, DocumentTitle: titles[t.DocumentID], DocumentDate: dates[t.DocumentID],
				Innsatsomraade: e.areas[j], SourceURL: urls[t.DocumentID], Commitments: []corpus.LinkedCommitment{}}
			if t.Status != "" && t.Status != corpus.StatusUkjent {
				v.StatusDate = v.DocumentDate
			}
			st.tiltak = append(st.tiltak, v)
			st.tterms = append(st.tterms, e.tterms[j])
		}
	}
	var cs []*commitment
	for _, e := range entries {
		for i := range e.commitments {
			cs = append(cs, &e.commitments[i])
		}
	}
	// Commitments whose links may have changed are linked again, those of
	// changed documents first: once they are, a state with them and the
	// previous links of the rest is published, so that an upload's own
	// links show before the rest of the corpus is relinked.
	links := make([][]corpus.Link, len(cs))
	keys := s.inc.begin(s.opt.StatsTolerance, g, linkable, titles, dates)
	var own, rest []int
	for i, c := range cs {
		if l, ok := s.inc.reuse(c.ID, keys[c.DocumentID]); ok {
			links[i] = l
		} else if s.inc.changed(c.DocumentID, s.docs[c.DocumentID].version) {
			own = append(own, i)
		} else {
			rest = append(rest, i)
		}
	}
	s.linkEach(mdl, g, cs, own, links, titles, dates)
	if publish != nil && len(own) > 0 && len(rest) > 0 {
		interim := slices.Clone(links)
		for _, i := range rest {
			interim[i] = s.inc.previous(cs[i].ID)
		}
		publish(assemble(st, cs, interim, titles))
	}
	s.linkEach(mdl, g, cs, rest, links, titles, dates)
	s.inc.end(entries, cs, links, keys, len(own)+len(rest))
	return assemble(st, cs, links, titles)
}

// linkEach links the commitments cs[i] for i in todo, in parallel; each
// worker has its own scratch memory.
func (s *Service) linkEach(mdl *model, g *graph, cs []*commitment, todo []int, links [][]corpus.Link, titles, dates map[string]string) {
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for range max(1, min(runtime.GOMAXPROCS(0), len(todo))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := &scratch{}
			for {
				j := int(next.Add(1)) - 1
				if j >= len(todo) {
					return
				}
				i := todo[j]
				links[i] = s.link(mdl, g, sc, cs[i], titles, dates)
			}
		}()
	}
	wg.Wait()
}

// assemble completes base (targets, tiltak, graph) with the commitments'
// links and the reverse links into tiltak; base itself is left as it is.
func assemble(base *state, cs []*commitment, links [][]corpus.Link, titles map[string]string) *state {
	st := *base
	st.byID = make(map[string]int, len(cs))
	st.commitments = make([]corpus.CommitmentView, 0, len(cs))
	st.cterms = make([]termSet, 0, len(cs))
	st.tiltak = slices.Clone(base.tiltak)
	for i := range st.tiltak {
		st.tiltak[i].Commitments = []corpus.LinkedCommitment{}
	}
	for i, c := range cs {
		v := corpus.CommitmentView{Commitment: c.Commitment, DocumentTitle: titles[c.DocumentID], Links: links[i]}
		summarise(&v)
		for _, l := range links[i] {
			if l.TargetType == corpus.TargetTiltak {
				if k, ok := st.tiltakByID[l.TargetID]; ok {
					st.tiltak[k].Commitments = append(st.tiltak[k].Commitments, corpus.LinkedCommitment{
						Commitment: c.Commitment, DocumentTitle: v.DocumentTitle, Score: l.Score, Reasons: l.Reasons,
					})
				}
			}
		}
		st.linkCount += len(links[i])
		st.byID[c.ID] = len(st.commitments)
		st.commitments = append(st.commitments, v)
		st.cterms = append(st.cterms, c.terms)
	}
	for i := range st.tiltak {
		slices.SortStableFunc(st.tiltak[i].Commitments, func(a, b corpus.LinkedCommitment) int {
			return cmpScore(a.Score, b.Score)
		})
	}
	return &st
}

// link scores the candidates for one commitment and keeps the asserted links.
func (s *Service) link(mdl *model, g *graph, sc *scratch, c *commitment, titles, dates map[string]string) []corpus.Link {
	near := g.forCommitment(g.idx[c.DocumentID], c.plans)
	var all []scored
	cw := mdl.weigh(c)
	for _, u := range mdl.candidates(c, near, sc) {
		sc := mdl.score(c, cw, u, dates[c.DocumentID], dates[u.docID])
		if sc.score >= s.opt.Threshold {
			if why := g.why(g.idx[c.DocumentID], u.doc); why != "" {
				sc.reasons = append(sc.reasons, corpus.Reason{Kind: RelationReason, Detail: why})
			}
			all = append(all, sc)
		}
	}
	slices.SortStableFunc(all, func(a, b scored) int {
		if a.score != b.score {
			return cmpScore(a.score, b.score)
		}
		if a.u.typ != b.u.typ { // a tiltak before a section on a tie
			if a.u.typ == corpus.TargetTiltak {
				return -1
			}
			return 1
		}
		return 0
	})
	// A section adds nothing when a tiltak inside it is already linked.
	linkedSections := map[string]bool{}
	for _, sc := range all {
		if sc.u.typ == corpus.TargetTiltak {
			linkedSections[sc.u.sectionID] = true
		}
	}
	links := []corpus.Link{}
	for _, sc := range all {
		if len(links) == s.opt.MaxLinks || sc.score < all[0].score*s.opt.RelativeCut {
			break
		}
		if sc.u.typ == corpus.TargetSection && linkedSections[sc.u.id] {
			continue
		}
		links = append(links, corpus.Link{
			CommitmentID: c.ID, TargetType: sc.u.typ, TargetID: sc.u.id,
			DocumentID: sc.u.docID, DocumentTitle: titles[sc.u.docID], TargetText: sc.u.text,
			TargetRef: sc.u.targetRef, TargetKind: sc.u.kind, SectionID: sc.u.sectionID, Status: sc.u.status,
			StatusText: sc.u.statusText, Evidence: sc.u.evidence, Score: sc.score, Reasons: sc.reasons,
		})
		if sc.u.typ == corpus.TargetTiltak && sc.u.status != "" && sc.u.status != corpus.StatusUkjent {
			links[len(links)-1].StatusDate = dates[sc.u.docID]
		}
	}
	return links
}

func cmpScore(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// Commitments lists commitments with their links, in document order.
func (s *Service) Commitments(ctx context.Context, f corpus.CommitmentFilter) ([]corpus.CommitmentView, error) {
	st, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	q := s.an.terms(f.Query)
	out := []corpus.CommitmentView{}
	for i, v := range st.commitments {
		v = s.judged(st, v)
		switch {
		case f.DocumentID != "" && v.DocumentID != f.DocumentID,
			f.Kind != "" && v.Kind != f.Kind,
			f.Unlinked && len(v.Links) > 0,
			f.Status != "" && v.FollowUpStatus != f.Status,
			!containsAll(st.cterms[i], q):
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// Commitment returns one commitment with its links.
func (s *Service) Commitment(ctx context.Context, id string) (corpus.CommitmentView, error) {
	st, err := s.current(ctx)
	if err != nil {
		return corpus.CommitmentView{}, err
	}
	i, ok := st.byID[id]
	if !ok {
		return corpus.CommitmentView{}, fmt.Errorf("commitment %q: %w", id, corpus.ErrNotFound)
	}
	return s.judged(st, st.commitments[i]), nil
}

// TiltakList lists tiltak with the commitments they follow up.
func (s *Service) TiltakList(ctx context.Context, f corpus.TiltakFilter) ([]corpus.TiltakView, error) {
	st, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	q := s.an.terms(f.Query)
	out := []corpus.TiltakView{}
	byTarget := s.verdictsByTarget()
	for i, v := range st.tiltak {
		v = s.judgedTiltak(st, v, byTarget)
		switch {
		case f.DocumentID != "" && v.DocumentID != f.DocumentID,
			f.Status != "" && v.Status != f.Status,
			!containsAll(st.tterms[i], q):
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// Tiltak returns one tiltak with the commitments it follows up.
func (s *Service) Tiltak(ctx context.Context, id string) (corpus.TiltakView, error) {
	st, err := s.current(ctx)
	if err != nil {
		return corpus.TiltakView{}, err
	}
	i, ok := st.tiltakByID[id]
	if !ok {
		return corpus.TiltakView{}, fmt.Errorf("tiltak %q: %w", id, corpus.ErrNotFound)
	}
	return s.judgedTiltak(st, st.tiltak[i], s.verdictsByTarget()), nil
}

// Relations tells how a document relates to the others.
func (s *Service) Relations(ctx context.Context, docID string) (corpus.DocumentRelations, error) {
	st, err := s.current(ctx)
	if err != nil {
		return corpus.DocumentRelations{}, err
	}
	i, ok := st.graph.idx[docID]
	if !ok {
		return corpus.DocumentRelations{}, fmt.Errorf("document %q: %w", docID, corpus.ErrNotFound)
	}
	return st.graph.relationsOf(i), nil
}

// containsAll reports whether every query term occurs in ts, by stem or,
// for forms the stemmer leaves alone ("EUs"), as the start of a word.
func containsAll(ts, q termSet) bool {
	for k, qt := range q {
		if _, ok := ts[k]; ok {
			continue
		}
		found := false
		for _, t := range ts {
			if !t.part && strings.HasPrefix(t.surface, qt.surface) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
