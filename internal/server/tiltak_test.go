package server_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/server"
)

// TestTiltakOverview: the tiltak list counts the matching tiltak by status
// over every page, each tiltak names its innsatsområde, and the sort orders
// hold on the seed status report.
func TestTiltakOverview(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	all := decode[server.TiltakList](t, get(t, h, "/api/tiltak", 200))
	if all.Total < 10 {
		t.Fatalf("%d tiltak in the seeds, want at least 10", all.Total)
	}
	sum := 0
	for st, n := range all.StatusCounts {
		sum += n
		if !slices.Contains(corpus.Statuses, st) {
			t.Errorf("count for %q, not a status", st)
		}
	}
	if sum != all.Total {
		t.Errorf("status counts sum to %d, total %d", sum, all.Total)
	}
	// The seed status report: 4 areas with "Mindre forsinkelser", one on plan.
	if all.StatusCounts[corpus.StatusMindreForsinkelser] != 4 || all.StatusCounts[corpus.StatusPaPlan] != 1 {
		t.Errorf("status counts %v", all.StatusCounts)
	}

	t.Run("counts cover every page", func(t *testing.T) {
		page := decode[server.TiltakList](t, get(t, h, "/api/tiltak?size=2", 200))
		if len(page.Tiltak) != 2 || page.Total != all.Total || !mapsEqual(page.StatusCounts, all.StatusCounts) {
			t.Errorf("page of 2: %d tiltak, total %d, counts %v", len(page.Tiltak), page.Total, page.StatusCounts)
		}
	})
	t.Run("counts follow the filter", func(t *testing.T) {
		f := decode[server.TiltakList](t, get(t, h, "/api/tiltak?status="+url.QueryEscape("mindre forsinkelser"), 200))
		if f.Total != 4 || len(f.StatusCounts) != 1 || f.StatusCounts[corpus.StatusMindreForsinkelser] != 4 {
			t.Errorf("filtered: total %d, counts %v", f.Total, f.StatusCounts)
		}
	})
	t.Run("innsatsområde", func(t *testing.T) {
		for _, v := range all.Tiltak {
			if v.Innsatsomraade == "" {
				t.Errorf("tiltak %s %q has no innsatsområde", v.ID, v.Text)
			}
			if v.Kind == corpus.TiltakInnsatsomraade && v.Innsatsomraade != v.Ref {
				t.Errorf("innsatsområde %q grouped under %q", v.Ref, v.Innsatsomraade)
			}
			if v.Kind == corpus.TiltakNumbered && v.Ref == "7.1" && v.Innsatsomraade != "Styrket samarbeid med privat sektor" {
				t.Errorf("tiltak 7.1 grouped under %q", v.Innsatsomraade)
			}
		}
	})
	t.Run("sort by status", func(t *testing.T) {
		s := decode[server.TiltakList](t, get(t, h, "/api/tiltak?sort=status", 200))
		pos := func(st corpus.Status) int { return slices.Index(corpus.Statuses, st) }
		for i := 1; i < len(s.Tiltak); i++ {
			if pos(s.Tiltak[i-1].Status) > pos(s.Tiltak[i].Status) {
				t.Errorf("%q before %q", s.Tiltak[i-1].Status, s.Tiltak[i].Status)
			}
		}
		if len(s.Tiltak) != all.Total {
			t.Errorf("%d sorted, %d in all", len(s.Tiltak), all.Total)
		}
	})
	t.Run("unknown sort", func(t *testing.T) {
		b := get(t, h, "/api/tiltak?sort=colour", 400)
		if e := decode[server.ErrorBody](t, b); e.Error.Message != `sort "colour" is not one of document, status, status_date` {
			t.Errorf("message %q", e.Error.Message)
		}
	})
}

// TestSortTiltakByDate: newest status first, undated last, ties in order.
func TestSortTiltakByDate(t *testing.T) {
	vs := []corpus.TiltakView{
		{Tiltak: corpus.Tiltak{ID: "a"}, StatusDate: "2021-01-01"},
		{Tiltak: corpus.Tiltak{ID: "b"}},
		{Tiltak: corpus.Tiltak{ID: "c"}, StatusDate: "2023-06-01"},
		{Tiltak: corpus.Tiltak{ID: "d"}, StatusDate: "2021-01-01"},
	}
	server.SortTiltak(vs, server.SortStatusDate)
	var got []string
	for _, v := range vs {
		got = append(got, v.ID)
	}
	if want := []string{"c", "a", "d", "b"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestSearchStatusFilter: status: in the query and status= in the request
// keep the sections that hold a tiltak with that status; an unknown status
// is a 400 that lists the statuses.
func TestSearchStatusFilter(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	delayed := decode[server.TiltakList](t, get(t, h, "/api/tiltak?status=forsinket", 200))
	if delayed.Total == 0 {
		t.Fatal("no delayed tiltak in the seeds")
	}
	want := map[string]bool{}
	for _, v := range delayed.Tiltak {
		want[v.SectionID] = true
	}
	for _, target := range []string{
		"/api/search?q=" + url.QueryEscape("regelverk status:forsinket"),
		"/api/search?q=regelverk&status=forsinket",
		"/api/search?status=forsinket",
	} {
		res := decode[corpus.SearchResult](t, get(t, h, target, 200))
		if len(res.Hits) == 0 {
			t.Errorf("%s: no hits", target)
		}
		for _, hit := range res.Hits {
			if !want[hit.SectionID] {
				t.Errorf("%s: hit %s (%q) holds no delayed tiltak", target, hit.SectionID, hit.Heading)
			}
		}
	}
	for _, target := range []string{"/api/search?q=" + url.QueryEscape("data status:rushing"), "/api/search?q=data&status=rushing"} {
		e := decode[server.ErrorBody](t, get(t, h, target, 400))
		if e.Error.Code != "invalid_request" || !strings.Contains(e.Error.Message, `"rushing"`) ||
			!strings.Contains(e.Error.Message, `"på plan", "mindre forsinkelser", "store forsinkelser", "forsinket", "ikke startet", "ferdig", "avsluttet", "ingen pågående tiltak", "ukjent"`) {
			t.Errorf("%s: %+v", target, e.Error)
		}
	}
}
