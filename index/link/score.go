package link

import (
	"container/heap"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Weights of the evidence behind a score. The term part is worth at most
// termWeight; the others add to it and the sum is capped at 1.
const (
	termWeight       = 0.85
	secondaryFactor  = 0.5  // a word found only around the target counts half
	targetPartFactor = 0.7  // a word found only inside a target compound
	partFactor       = 0.6  // a commitment compound matched only through its parts
	headingWeight    = 0.25 // all of the target's heading found in the commitment
	minHeadingShare  = 0.6
	refWeight        = 0.4
	phraseWeight     = 0.08 // per shared word pair
	maxPhraseWeight  = 0.2
	phraseRarity     = 10 // a word pair counts when at most one unit in this many has it
	dateWeight       = 0.03
	maxCandidates    = 40
	minProposers     = 6     // a commitment's rarest terms that always propose candidates
	maxPostings      = 20000 // … unless they occur in more units than this
	focusTerms       = 25.0  // targets longer than this (in weighted terms) are penalized
	relativeCut      = 0.55  // links far below the best one for a commitment are dropped
)

// StatusReason is the kind of the zero-weight reason that carries a linked
// tiltak's status in the document's own words ("er ikke startet").
const StatusReason = "status"

// scored is a candidate link with its score and reasons.
type scored struct {
	u       *unit
	score   float64
	reasons []corpus.Reason
	shared  int
}

// scratch is per-build working memory for candidates, so that linking
// thousands of commitments does not allocate a map for each.
type scratch struct {
	acc     []float64
	touched []int32
	top     candHeap
}

// candidates returns the units in documents related to the commitment's
// own (near) that share a discriminating term with it, best first by
// shared weight.
func (m *model) candidates(c *commitment, near []bool, sc *scratch) []*unit {
	if len(sc.acc) < len(m.units) {
		sc.acc = make([]float64, len(m.units))
	}
	// Every term rare enough proposes candidates; if a commitment has too
	// few of those (common words only, or a small corpus where every word
	// looks common), its rarest terms propose them anyway.
	keys := make([]string, 0, len(c.terms))
	for k := range c.terms {
		if len(m.post[k]) > 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		if d := len(m.post[a]) - len(m.post[b]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	sc.touched = sc.touched[:0]
	for n, k := range keys {
		p := m.post[k]
		if len(p) > m.maxDF && (n >= minProposers || len(p) > maxPostings) {
			break
		}
		w := m.weight(k)
		for _, i := range p {
			if !near[m.units[i].doc] {
				continue // its own document, or one that says nothing of it
			}
			if sc.acc[i] == 0 {
				sc.touched = append(sc.touched, i)
			}
			sc.acc[i] += w
		}
	}
	// Keep the best maxCandidates in a min-heap instead of sorting them all.
	sc.top = sc.top[:0]
	for _, i := range sc.touched {
		cand := candidate{i, sc.acc[i]}
		sc.acc[i] = 0
		if len(sc.top) < maxCandidates {
			heap.Push(&sc.top, cand)
		} else if cand.better(sc.top[0]) {
			sc.top[0] = cand
			heap.Fix(&sc.top, 0)
		}
	}
	best := slices.Clone(sc.top)
	slices.SortFunc(best, func(a, b candidate) int {
		if a.better(b) {
			return -1
		}
		return 1
	})
	out := make([]*unit, len(best))
	for j, b := range best {
		out[j] = m.units[b.idx]
	}
	return out
}

type candidate struct {
	idx int32
	acc float64
}

// better orders candidates by shared weight, then by position for stability.
func (a candidate) better(b candidate) bool {
	if a.acc != b.acc {
		return a.acc > b.acc
	}
	return a.idx < b.idx
}

// candHeap is a min-heap: the worst kept candidate on top.
type candHeap []candidate

func (h candHeap) Len() int           { return len(h) }
func (h candHeap) Less(i, j int) bool { return h[j].better(h[i]) }
func (h candHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *candHeap) Push(x any)        { *h = append(*h, x.(candidate)) }
func (h *candHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// cweights are a commitment's word weights under one model, worked out
// once instead of for each of its candidates.
type cweights struct {
	word  []float64   // idf, action words damped
	parts [][]float64 // idf of each compound part
}

func (m *model) weigh(c *commitment) *cweights {
	cw := &cweights{word: make([]float64, len(c.words)), parts: make([][]float64, len(c.words))}
	for i, w := range c.words {
		cw.word[i] = m.weight(w.key)
		if actionWords[w.surface] {
			cw.word[i] *= actionFactor
		}
		if len(w.parts) > 0 {
			cw.parts[i] = make([]float64, len(w.parts))
			for j, p := range w.parts {
				cw.parts[i][j] = m.weight(p)
			}
		}
	}
	return cw
}

// score rates how well unit u follows up commitment c.
//
// Each word of the commitment counts with its idf (action verbs less). A
// word found whole in the target counts fully, found only as part of a
// target compound or only around the target for less; a commitment
// compound not found whole earns partial credit through its parts.
func (m *model) score(c *commitment, cw *cweights, u *unit, cDate, uDate string) scored {
	sc := scored{u: u}
	var total, got float64
	var shared []corpus.TermWeight
	for i, w := range c.words {
		iw := cw.word[i]
		total += iw
		credit, label := u.credit(w.key)
		if credit == 0 && len(w.parts) > 0 {
			var all, hit float64
			var labels []string
			for j, p := range w.parts {
				pw := cw.parts[i][j]
				all += pw
				if f, l := u.credit(p); f > 0 {
					hit += pw * f
					labels = append(labels, l)
				}
			}
			if hit > 0 {
				credit = partFactor * hit / all
				label = strings.Join(labels, "+")
			}
		}
		if credit == 0 {
			continue
		}
		got += iw * credit
		sc.shared++
		name := w.surface
		if label != "" && label != w.surface {
			name += " ~ " + label
		}
		shared = append(shared, corpus.TermWeight{Term: name, Weight: iw * credit})
	}
	if total == 0 || sc.shared == 0 {
		return sc
	}
	coverage := got / total
	// A long target shares words with anything; damp it by its length.
	focus := 1.0
	if u.weight > 0 {
		focus = math.Min(1, math.Sqrt(focusTerms*m.defIDF/u.weight))
	}
	termScore := termWeight * coverage * focus
	if sc.shared < 2 {
		termScore /= 2 // one shared word is a coincidence more often than not
	}
	for i := range shared {
		shared[i].Weight = round(shared[i].Weight / got * termScore)
	}
	slices.SortStableFunc(shared, func(a, b corpus.TermWeight) int { return cmpScore(a.Weight, b.Weight) })
	sc.score = termScore
	sc.reasons = append(sc.reasons, corpus.Reason{
		Kind:   "shared_terms",
		Detail: sharedDetail(shared, coverage),
		Weight: round(termScore),
		Terms:  shared,
	})

	if phrases := m.sharedPhrases(c, u); len(phrases) > 0 {
		// A phrase is the shared words again, side by side: it can double
		// what they give, not stand in for them.
		w := math.Min(termScore, math.Min(maxPhraseWeight, phraseWeight*float64(len(phrases))))
		sc.score += w
		sc.reasons = append(sc.reasons, corpus.Reason{
			Kind:   "shared_phrase",
			Detail: "Samme uttrykk: " + strings.Join(phrases, ", "),
			Weight: round(w),
		})
	}
	if h, share := m.headingShare(c, u); h > 0 {
		w := headingWeight * share
		sc.score += w
		sc.reasons = append(sc.reasons, corpus.Reason{
			Kind:   "shared_heading",
			Detail: fmt.Sprintf("Overskriften «%s» går igjen i forpliktelsen", strings.TrimSpace(u.heading)),
			Weight: round(w),
		})
	}
	if u.ref != "" && slices.Contains(c.refs, u.ref) {
		sc.score += refWeight
		sc.reasons = append(sc.reasons, corpus.Reason{
			Kind:   "explicit_reference",
			Detail: fmt.Sprintf("Forpliktelsen viser til tiltak %s", u.ref),
			Weight: refWeight,
		})
	}
	if cDate != "" && uDate != "" && uDate > cDate {
		sc.score += dateWeight
		sc.reasons = append(sc.reasons, corpus.Reason{
			Kind:   "date_order",
			Detail: fmt.Sprintf("Oppfølgingen (%s) er datert etter forpliktelsen (%s)", uDate, cDate),
			Weight: dateWeight,
		})
	}
	if cDate != "" && uDate != "" && uDate < cDate {
		// Against the link, though it does not rule it out: a status report on
		// an earlier plan is often where a measure's fate is told.
		sc.reasons = append(sc.reasons, corpus.Reason{
			Kind:   "date_order",
			Detail: fmt.Sprintf("Mot: målet (%s) er datert før forpliktelsen (%s)", uDate, cDate),
		})
	}
	calibrate(&sc)
	if u.statusText != "" {
		// Not evidence for the link, but the words the status was read from.
		sc.reasons = append(sc.reasons, corpus.Reason{Kind: StatusReason, Detail: u.statusText})
	}
	return sc
}

// scoreScale is the evidence (the sum of the reasons' raw weights) that
// scores 1 − 1/e ≈ 0.63.
const scoreScale = 1.0

// calibrate maps the summed evidence to a score in [0, 1) that never
// saturates, 1 − exp(−evidence/scoreScale), so that a link with twice the
// evidence shows a higher score even when both are strong (clipping at 1
// once showed three different links as "1,00"). Each reason's weight is
// scaled alike, so the reasons still add up to the score.
func calibrate(sc *scored) {
	raw := sc.score
	if raw <= 0 {
		sc.score = 0
		return
	}
	sc.score = round(1 - math.Exp(-raw/scoreScale))
	f := sc.score / raw
	for i := range sc.reasons {
		sc.reasons[i].Weight = round(sc.reasons[i].Weight * f)
		for j := range sc.reasons[i].Terms {
			sc.reasons[i].Terms[j].Weight = round(sc.reasons[i].Terms[j].Weight * f)
		}
	}
}

// credit says how much finding key in the unit counts (0 when absent) and
// how the unit writes it, when that differs.
func (u *unit) credit(key string) (float64, string) {
	if t, ok := u.primary[key]; ok {
		if t.part {
			return targetPartFactor, t.surface
		}
		return 1, t.surface
	}
	if t, ok := u.secondary[key]; ok {
		f := secondaryFactor
		if t.part {
			f *= targetPartFactor
		}
		return f, t.surface
	}
	return 0, ""
}

// sharedPhrases lists the commitment's word pairs that the unit also has
// side by side ("innovative anskaffelser"), leaving out pairs so common
// that they say nothing ("offentlig sektor").
func (m *model) sharedPhrases(c *commitment, u *unit) []string {
	var out []string
	for _, p := range c.phrases {
		if u.bigrams[p.key] && m.biDF[p.key]*phraseRarity <= len(m.units) {
			out = append(out, p.text)
		}
	}
	return out
}

func sortedBigrams(bi map[string]bool) []string {
	out := make([]string, 0, len(bi))
	for b := range bi {
		out = append(out, b)
	}
	slices.Sort(out)
	return out
}

// headingShare returns how many of the unit heading's terms the commitment
// has and what share of the heading's weight they carry, when that share is
// high enough to count.
func (m *model) headingShare(c *commitment, u *unit) (int, float64) {
	if len(u.headTerms) < 2 {
		return 0, 0
	}
	var total, got float64
	n := 0
	// In a fixed order, so that the sum is the same in every computation.
	for _, k := range u.headKeys {
		w := m.weight(k)
		if actionWords[u.headTerms[k].surface] {
			w *= actionFactor
		}
		total += w
		if _, ok := c.terms[k]; ok {
			got += w
			n++
		}
	}
	if n < 2 || total == 0 || got/total < minHeadingShare {
		return 0, 0
	}
	return n, got / total
}

// sharedDetail writes the shared_terms reason in Norwegian.
func sharedDetail(shared []corpus.TermWeight, coverage float64) string {
	var names []string
	for i, t := range shared {
		if i == 6 {
			names = append(names, "…")
			break
		}
		names = append(names, t.Term)
	}
	return fmt.Sprintf("Felles ord: %s (%.0f %% av forpliktelsens vekt)", strings.Join(names, ", "), coverage*100)
}

func sortedKeys(ts termSet) []string {
	keys := make([]string, 0, len(ts))
	for k := range ts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }
