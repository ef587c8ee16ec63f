package link

import (
	"fmt"
	"slices"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// severity orders statuses from the worst news to the best, for the status
// a commitment shows: major delays first, finished last. A measure not
// started ranks before an area with no ongoing measures in the plan, which
// is often followed up outside it. Unknown is not a status and is never
// shown in place of a known one.
var severity = map[corpus.Status]int{
	corpus.StatusStoreForsinkelser:   0,
	corpus.StatusForsinket:           1,
	corpus.StatusIkkeStartet:         2,
	corpus.StatusIngenPagaendeTiltak: 3,
	corpus.StatusMindreForsinkelser:  4,
	corpus.StatusPaPlan:              5,
	corpus.StatusAvsluttet:           6,
	corpus.StatusFerdig:              7,
}

// summarise fills a view's status fields from its tiltak links: the best
// link's status, the worst known one to show, the counts, and a sentence
// when the tiltak disagree.
func summarise(v *corpus.CommitmentView) {
	counts := map[corpus.Status]int{}
	n := 0
	for _, l := range v.Links {
		if l.TargetType != corpus.TargetTiltak {
			continue
		}
		st := l.Status
		if st == "" {
			st = corpus.StatusUkjent
		}
		if v.BestStatus == "" {
			v.BestStatus = l.Status
		}
		counts[st]++
		n++
		if rank, ok := severity[st]; ok {
			if cur, ok := severity[v.FollowUpStatus]; !ok || rank < cur {
				v.FollowUpStatus = st
			}
		}
	}
	if n == 0 {
		return
	}
	v.StatusCounts = counts
	if len(counts) < 2 {
		return
	}
	keys := make([]corpus.Status, 0, len(counts))
	for st := range counts {
		keys = append(keys, st)
	}
	slices.SortFunc(keys, func(a, b corpus.Status) int { return rank(a) - rank(b) })
	parts := make([]string, len(keys))
	for i, st := range keys {
		parts[i] = fmt.Sprintf("%d %s", counts[st], st)
	}
	v.StatusSummary = fmt.Sprintf("%d tiltak: %s", n, strings.Join(parts, ", "))
}

func rank(s corpus.Status) int {
	if r, ok := severity[s]; ok {
		return r
	}
	return len(severity) // unknown last
}
