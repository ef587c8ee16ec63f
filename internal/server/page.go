package server

import (
	"net/url"
	"strconv"
)

// Page sizes of the list endpoints. A list is cut into pages so that one
// anonymous request cannot ask for the whole corpus at once.
const (
	DefaultListSize = 100   // /api/commitments and /api/tiltak without size
	MaxListSize     = 1000  // their largest size
	MaxCSVSize      = 10000 // /api/commitments.csv: its default and largest size
	maxListFrom     = 1_000_000
)

// page is a validated size and from.
type page struct{ size, from int }

// listPage reads size and from; def is the size when none is given.
func listPage(q url.Values, def, max int) (page, error) {
	p := &params{q: q}
	pg := page{size: p.intIn("size", 1, max), from: p.intIn("from", 0, maxListFrom)}
	if q.Get("size") == "" {
		pg.size = def
	}
	return pg, p.err
}

// slicePage returns the page of items.
func slicePage[T any](items []T, pg page) []T {
	lo := min(pg.from, len(items))
	hi := min(lo+pg.size, len(items))
	return items[lo:hi]
}

func itoa(n int) string { return strconv.Itoa(n) }
