package server

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TiltakList is the answer of GET /api/tiltak: one page, the total, and
// how many of all matching tiltak stand at each status.
type TiltakList struct {
	Tiltak []corpus.TiltakView `json:"tiltak"`
	Total  int                 `json:"total"`
	// StatusCounts counts the matching tiltak (every page) by normalized
	// status; a status no tiltak has is left out.
	StatusCounts map[corpus.Status]int `json:"status_counts"`
}

// Tiltak sort orders accepted by GET /api/tiltak?sort=.
const (
	SortDocument   = "document"    // document order, as the linker lists them (default)
	SortStatus     = "status"      // in the order of corpus.Statuses, then document order
	SortStatusDate = "status_date" // newest status first, undated last
)

// TiltakSorts lists the accepted sort orders.
var TiltakSorts = []string{SortDocument, SortStatus, SortStatusDate}

// StatusCounts counts tiltak by status; an empty status counts as unknown.
func StatusCounts(views []corpus.TiltakView) map[corpus.Status]int {
	out := map[corpus.Status]int{}
	for _, v := range views {
		st := v.Status
		if st == "" {
			st = corpus.StatusUkjent
		}
		out[st]++
	}
	return out
}

// SortTiltak orders views in place by one of TiltakSorts; the sort is
// stable, so ties keep document order.
func SortTiltak(views []corpus.TiltakView, by string) {
	switch by {
	case SortStatus:
		order := map[corpus.Status]int{}
		for i, st := range corpus.Statuses {
			order[st] = i
		}
		slices.SortStableFunc(views, func(a, b corpus.TiltakView) int {
			return cmp.Compare(statusOrder(order, a.Status), statusOrder(order, b.Status))
		})
	case SortStatusDate:
		slices.SortStableFunc(views, func(a, b corpus.TiltakView) int {
			switch {
			case a.StatusDate == b.StatusDate:
				return 0
			case a.StatusDate == "":
				return 1
			case b.StatusDate == "":
				return -1
			}
			return -strings.Compare(a.StatusDate, b.StatusDate)
		})
	}
}

func statusOrder(order map[corpus.Status]int, st corpus.Status) int {
	if i, ok := order[st]; ok {
		return i
	}
	return len(order)
}

// tiltakQuery validates /api/tiltak parameters: the filter and the sort.
func tiltakQuery(q url.Values) (corpus.TiltakFilter, string, error) {
	f, err := tiltakFilter(q)
	if err != nil {
		return f, "", err
	}
	by := q.Get("sort")
	if by == "" {
		by = SortDocument
	}
	if !slices.Contains(TiltakSorts, by) {
		return f, "", invalid(fmt.Sprintf("sort %q is not one of %s", by, strings.Join(TiltakSorts, ", ")))
	}
	return f, by, nil
}

// listTiltak returns the requested page of tiltak, all matching ones
// counted by status, and the total.
func (s *Server) listTiltak(c *gin.Context, def, max int) ([]corpus.TiltakView, map[corpus.Status]int, int, error) {
	q := c.Request.URL.Query()
	f, by, err := tiltakQuery(q)
	if err != nil {
		return nil, nil, 0, err
	}
	pg, err := listPage(q, def, max)
	if err != nil {
		return nil, nil, 0, err
	}
	views, err := s.opt.Commitments.TiltakList(c.Request.Context(), f)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("listing tiltak: %w", err)
	}
	SortTiltak(views, by)
	out := slicePage(views, pg)
	for i := range out {
		out[i].Commitments = nonNil(out[i].Commitments)
	}
	return nonNil(out), StatusCounts(views), len(views), nil
}

func (s *Server) tiltakList(c *gin.Context) error {
	views, counts, total, err := s.listTiltak(c, DefaultListSize, MaxListSize)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, TiltakList{Tiltak: views, Total: total, StatusCounts: counts})
	return nil
}
