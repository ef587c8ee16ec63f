package link

import (
	"slices"
	"strings"
	"sync"

	"github.com/strategispor/strategispor/internal/corpus"
)

// followUpRank orders document types by how far down the chain from
// strategy to status they stand: a document follows up one of a lower rank.
var followUpRank = map[corpus.DocType]int{
	corpus.TypeStrategi:         0,
	corpus.TypeStortingsmelding: 0,
	corpus.TypeHandlingsplan:    1,
	corpus.TypeStatusrapport:    2,
	corpus.TypeSaksframlegg:     2,
}

// graph holds the relations between the documents of one generation.
type graph struct {
	ids      []string
	idx      map[string]int32
	docs     []*docEntry
	plans    map[string][]int32   // plan name → documents that name it
	cites    map[int32][]citation // document → documents it names by title
	copyOf   []int32              // each document's copy that stands for its text (itself when it has no copies)
	mu       sync.Mutex
	near     map[int32][]bool // per commitment document: which documents it is related to
	linkNear map[int32][]bool // … and which of them its commitments may link into
}

type citation struct {
	doc      int32
	evidence string
}

func newGraph(entries []*docEntry) *graph {
	g := &graph{idx: map[string]int32{}, plans: map[string][]int32{}, cites: map[int32][]citation{}, near: map[int32][]bool{}, linkNear: map[int32][]bool{},
		copyOf: findCopies(entries)}
	byFirst := map[string][]int32{} // first title word → documents
	for i, e := range entries {
		g.ids = append(g.ids, e.meta.ID)
		g.idx[e.meta.ID] = int32(i)
		g.docs = append(g.docs, e)
		for p := range e.rel.plans {
			g.plans[p] = append(g.plans[p], int32(i))
		}
		if t := e.rel.title; t != nil {
			byFirst[t[0]] = append(byFirst[t[0]], int32(i))
		}
	}
	byDesignation := map[string]int32{}
	for i, e := range entries {
		if k := e.rel.own.key; k != "" {
			byDesignation[k] = int32(i)
		}
	}
	for i, e := range entries {
		seen := map[int32]bool{}
		for _, k := range sortedNames(e.rel.names) {
			if j, ok := byDesignation[k]; ok && int(j) != i && !seen[j] {
				seen[j] = true
				g.cites[int32(i)] = append(g.cites[int32(i)], citation{doc: j, evidence: clipSentence(e.rel.names[k])})
			}
		}
		for _, m := range e.rel.mentions {
			w := lowerWords(m)
			for k := range w {
				for _, j := range byFirst[w[k]] {
					t := entries[j].rel.title
					if int(j) == i || seen[j] || len(w)-k < len(t) || !slices.Equal(w[k:k+len(t)], t) {
						continue
					}
					seen[j] = true
					g.cites[int32(i)] = append(g.cites[int32(i)], citation{doc: j, evidence: clipSentence(m)})
				}
			}
		}
	}
	return g
}

func clipSentence(s string) string {
	return sentenceAt(s, 0)
}

// related returns which documents the document at index a may be followed
// up in: those naming a plan it names, those it names by title and those
// naming it. Computed once per document and generation.
func (g *graph) related(a int32) []bool {
	return g.relatedBy(a, g.near, func(string) bool { return true }, nil)
}

// linkTargets is related, but counting only the plans document a as a
// whole belongs to (rel.whole): a commitment may link into a document that
// shares a plan its own document names once, in passing, only when the
// commitment itself names that plan (see forCommitment).
func (g *graph) linkTargets(a int32) []bool {
	return g.relatedBy(a, g.linkNear, func(p string) bool { return g.docs[a].rel.whole[p] },
		func(b int32) bool { return g.mayFollowUp(a, b) })
}

// mayFollowUp reports whether document b can hold follow-ups of document
// a's commitments: not when a follows b up (b stands higher in the chain
// strategy → handlingsplan → statusrapport, or a names b and b does not
// name a), and not when b was written before a, unless b reports status
// (a status report on an earlier plan may tell a measure's fate).
func (g *graph) mayFollowUp(a, b int32) bool {
	ea, eb := g.docs[a], g.docs[b]
	ra, okA := followUpRank[ea.meta.DocType]
	rb, okB := followUpRank[eb.meta.DocType]
	switch {
	case okA && okB && rb < ra:
		return false
	case g.citation(a, b) != "" && g.citation(b, a) == "":
		return false
	case eb.rel.when.before(ea.rel.when) && !(okB && rb == statusRank):
		return false
	}
	return true
}

// statusRank is the rank of documents that report status.
const statusRank = 2

// forCommitment is where a commitment of document a may link: a's link
// targets, and the documents naming a plan the commitment names itself.
func (g *graph) forCommitment(a int32, plans []string) []bool {
	r := g.linkTargets(a)
	if len(plans) == 0 {
		return r
	}
	r = slices.Clone(r)
	for _, p := range plans {
		for _, b := range g.plans[p] {
			if b != a && g.copyOf[b] == b && g.copyOf[b] != g.copyOf[a] && g.mayFollowUp(a, b) {
				r[b] = true
			}
		}
	}
	return r
}

func (g *graph) relatedBy(a int32, cache map[int32][]bool, counts func(plan string) bool, keep func(b int32) bool) []bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if r, ok := cache[a]; ok {
		return r
	}
	r := make([]bool, len(g.ids))
	for p := range g.docs[a].rel.plans {
		if !counts(p) {
			continue
		}
		for _, b := range g.plans[p] {
			r[b] = true
		}
	}
	for _, c := range g.cites[a] {
		r[c.doc] = true
	}
	for b, cs := range g.cites {
		for _, c := range cs {
			if c.doc == a {
				r[b] = true
			}
		}
	}
	// A document's own copies are the document itself, and of another
	// text's copies only the one that stands for it counts.
	for b := range r {
		if r[b] && (g.copyOf[b] == g.copyOf[a] || g.copyOf[b] != int32(b)) {
			r[b] = false
		}
	}
	r[a] = false
	if keep != nil {
		for b := range r {
			if r[b] && !keep(int32(b)) {
				r[b] = false
			}
		}
	}
	cache[a] = r
	return r
}

// copies lists the other documents that are copies of document a's text.
func (g *graph) copies(a int32) []int32 {
	var out []int32
	for b, p := range g.copyOf {
		if int32(b) != a && p == g.copyOf[a] {
			out = append(out, int32(b))
		}
	}
	return out
}

// linkable reports which documents can hold a follow-up of some
// commitment: documents with commitments and the documents related to
// them. The term statistics are computed over these alone, so that
// documents unrelated to every commitment change no link.
func (g *graph) linkable() []bool {
	out := make([]bool, len(g.ids))
	for a, e := range g.docs {
		if len(e.commitments) == 0 {
			continue
		}
		out[a] = true
		var own []string
		for i := range e.commitments {
			own = append(own, e.commitments[i].plans...)
		}
		for b, ok := range g.forCommitment(int32(a), own) {
			if ok {
				out[b] = true
			}
		}
	}
	return out
}

// relationsOf lists how document a relates to every other document.
func (g *graph) relationsOf(a int32) corpus.DocumentRelations {
	out := corpus.DocumentRelations{FollowsUp: []corpus.DocumentRelation{}, FollowedUpBy: []corpus.DocumentRelation{}, Cites: []corpus.DocumentRelation{}, CitedBy: []corpus.DocumentRelation{}, SamePlan: []corpus.DocumentRelation{}, Copies: []corpus.DocumentRelation{}}
	ea := g.docs[a]
	for _, b := range g.copies(a) {
		eb := g.docs[b]
		out.Copies = append(out.Copies, corpus.DocumentRelation{DocumentID: eb.meta.ID, DocumentTitle: eb.meta.Title,
			DocType: eb.meta.DocType, Date: eb.meta.Date, Kind: "copy",
			Evidence: "Samme tekst (" + eb.meta.Format + ", " + eb.meta.Source + ")"})
	}
	for b, ok := range g.related(a) {
		if !ok {
			continue
		}
		eb := g.docs[b]
		rel := corpus.DocumentRelation{DocumentID: eb.meta.ID, DocumentTitle: eb.meta.Title, DocType: eb.meta.DocType, Date: eb.meta.Date}
		var plans []string
		for p := range ea.rel.plans {
			if _, ok := eb.rel.plans[p]; ok {
				plans = append(plans, p)
			}
		}
		slices.Sort(plans)
		rel.Plans = plans
		citesB, byB := g.citation(a, int32(b)), g.citation(int32(b), a)
		ra, okA := followUpRank[ea.meta.DocType]
		rb, okB := followUpRank[eb.meta.DocType]
		// A document written before another cannot follow it up.
		before := func(x, y *docEntry) bool { return x.rel.when.before(y.rel.when) }
		switch {
		case okA && okB && ra > rb && !before(ea, eb):
			rel.Kind, rel.Evidence = "follows_up", firstOf(citesB, byB, planEvidence(ea, plans))
			out.FollowsUp = append(out.FollowsUp, rel)
		case okA && okB && rb > ra && !before(eb, ea):
			rel.Kind, rel.Evidence = "followed_up_by", firstOf(byB, citesB, planEvidence(eb, plans))
			out.FollowedUpBy = append(out.FollowedUpBy, rel)
		case citesB != "":
			rel.Kind, rel.Evidence = "cites", citesB
			out.Cites = append(out.Cites, rel)
		case byB != "":
			rel.Kind, rel.Evidence = "cited_by", byB
			out.CitedBy = append(out.CitedBy, rel)
		default:
			rel.Kind, rel.Evidence = "same_plan", planEvidence(eb, plans) // what the other says of the plan
			out.SamePlan = append(out.SamePlan, rel)
		}
	}
	return out
}

// citation returns the sentence in which document a names b, or "".
func (g *graph) citation(a, b int32) string {
	for _, c := range g.cites[a] {
		if c.doc == b {
			return c.evidence
		}
	}
	return ""
}

func planEvidence(e *docEntry, plans []string) string {
	if len(plans) == 0 {
		return ""
	}
	return e.rel.plans[plans[0]]
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// RelationReason is the kind of the zero-weight reason that says how the
// target's document relates to the commitment's: the precondition of every
// link, not a part of its score.
const RelationReason = "document_relation"

// why says in Norwegian how document b relates to document a, for the
// reasons of a link from a into b.
func (g *graph) why(a, b int32) string {
	ea, eb := g.docs[a], g.docs[b]
	if g.citation(b, a) != "" {
		return "«" + eb.meta.Title + "» viser til «" + ea.meta.Title + "»"
	}
	if g.citation(a, b) != "" {
		return "«" + ea.meta.Title + "» viser til «" + eb.meta.Title + "»"
	}
	var plans []string
	for p := range ea.rel.plans {
		if _, ok := eb.rel.plans[p]; ok {
			plans = append(plans, p)
		}
	}
	if len(plans) == 0 {
		return ""
	}
	slices.Sort(plans)
	return "Begge dokumentene omtaler " + strings.Join(plans, ", ")
}

func sortedNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
