// Package query parses strategispor's search syntax:
//
//	digital samarbeid            words; sections with all of them rank first
//	"Regjeringen vil"            a phrase, matched on the unstemmed text
//	-pilot  -"ikke startet"      exclude a word or phrase
//	KI OR "kunstig intelligens"  either side
//	digitali*                    a prefix (at least two letters)
//	type:strategi,rapport        document type(s)
//	status:forsinket             sections holding a tiltak with this status
//	status:"ikke startet",ferdig (quoted, or ikke-startet; commas for several)
//	org:KS  org:"Digdir"         organisation
//	year:2019  year:2019..2021   year(s) of the document date
//	date:2019-01-01..2020-12-31  date range; either end may be left out
//	from:2019-01-01  to:2020     open ranges; a bare year means its first or last day
//
// Malformed input (an unbalanced quote, a filter with a bad value, nothing to
// search for) is an error wrapping corpus.ErrInvalid that says what is wrong.
package query

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Limits that keep a single query cheap.
const (
	MaxQueryBytes = 2000
	MaxTerms      = 64
)

// Term is a word, a phrase or a prefix as the user typed it.
type Term struct {
	Text   string // without quotes or the trailing '*'
	Phrase bool
	Prefix bool
}

func (t Term) String() string {
	switch {
	case t.Phrase:
		return `"` + t.Text + `"`
	case t.Prefix:
		return t.Text + "*"
	}
	return t.Text
}

// Group is one or more alternatives joined by OR.
type Group []Term

// Filter restricts hits by document metadata. Empty fields do not restrict.
type Filter struct {
	Types    []corpus.DocType
	Statuses []corpus.Status // sections that hold a tiltak with one of these
	Orgs     []string
	Years    []int
	From     string // inclusive ISO date
	To       string // inclusive ISO date
}

// Empty reports whether the filter restricts nothing.
func (f Filter) Empty() bool {
	return len(f.Types) == 0 && len(f.Statuses) == 0 && len(f.Orgs) == 0 && len(f.Years) == 0 && f.From == "" && f.To == ""
}

// Query is a parsed query.
type Query struct {
	Groups  []Group // every group is preferred; a hit needs at least one
	Exclude []Term
	Filter  Filter
}

// HasTerms reports whether the query has anything to search for besides filters.
func (q Query) HasTerms() bool { return len(q.Groups) > 0 }

// String renders the query in the syntax Parse reads.
func (q Query) String() string {
	var parts []string
	for _, g := range q.Groups {
		var alts []string
		for _, t := range g {
			alts = append(alts, t.String())
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, t := range q.Exclude {
		parts = append(parts, "-"+t.String())
	}
	f := q.Filter
	if len(f.Types) > 0 {
		var ts []string
		for _, t := range f.Types {
			ts = append(ts, string(t))
		}
		parts = append(parts, "type:"+strings.Join(ts, ","))
	}
	if len(f.Statuses) > 0 {
		var ss []string
		for _, st := range f.Statuses {
			ss = append(ss, strings.ReplaceAll(string(st), " ", "-"))
		}
		parts = append(parts, "status:"+strings.Join(ss, ","))
	}
	for _, o := range f.Orgs {
		// Quoted when it holds what would end or change a bare value.
		if strings.IndexFunc(o, func(r rune) bool { return unicode.IsSpace(r) || r == '*' }) >= 0 {
			o = `"` + o + `"`
		}
		parts = append(parts, "org:"+o)
	}
	for _, y := range f.Years {
		parts = append(parts, fmt.Sprintf("year:%d", y))
	}
	if f.From != "" || f.To != "" {
		parts = append(parts, "date:"+f.From+".."+f.To)
	}
	return strings.Join(parts, " ")
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", corpus.ErrInvalid, fmt.Sprintf(format, args...))
}
