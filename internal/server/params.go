package server

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Limits on query parameters, so one request cannot ask for unbounded work.
const (
	maxQueryLen = 1000
	maxParamLen = 200
	maxFrom     = 10000 // deeper pages cost Bleve more than they help anyone
)

// params reads query parameters and collects the first problem found.
type params struct {
	q   url.Values
	err error
}

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = invalid(fmt.Sprintf(format, args...))
	}
}

// str returns a parameter, rejecting overlong or invalid UTF-8 values.
func (p *params) str(name string, max int) string {
	v := strings.TrimSpace(p.q.Get(name))
	if !utf8.ValidString(v) {
		p.fail("%s is not valid UTF-8", name)
		return ""
	}
	if utf8.RuneCountInString(v) > max {
		p.fail("%s is longer than %d characters", name, max)
		return ""
	}
	return v
}

func (p *params) intIn(name string, lo, hi int) int {
	v := p.q.Get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.fail("%s must be a whole number from %d to %d, got %q", name, lo, hi, v)
		return 0
	}
	return n
}

func (p *params) date(name string) string {
	v := p.q.Get(name)
	if v == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		p.fail("%s must be a date written YYYY-MM-DD, got %q", name, v)
		return ""
	}
	return v
}

func (p *params) boolean(name string) bool {
	v := p.q.Get(name)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.fail("%s must be true or false, got %q", name, v)
	}
	return b
}

// types accepts type=a&type=b and type=a,b.
func (p *params) types(name string) []corpus.DocType {
	var out []corpus.DocType
	for _, v := range p.q[name] {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			if !corpus.DocType(t).Valid() {
				p.fail("%s %q is not one of %s", name, t, joinTypes(corpus.DocTypes))
				return nil
			}
			out = append(out, corpus.DocType(t))
		}
	}
	return out
}

func (p *params) status(name string) corpus.Status {
	v := p.q.Get(name)
	if v == "" {
		return ""
	}
	for _, s := range corpus.Statuses {
		if string(s) == v {
			return s
		}
	}
	p.fail("%s %q is not one of %s", name, v, corpus.StatusList())
	return ""
}

// statuses accepts status=a&status=b and status=a,b, as typed in a query
// ("ikke-startet", "pa plan").
func (p *params) statuses(name string) []corpus.Status {
	var out []corpus.Status
	for _, v := range p.q[name] {
		for _, s := range strings.Split(v, ",") {
			if strings.TrimSpace(s) == "" {
				continue
			}
			st, ok := corpus.ParseStatus(s)
			if !ok {
				p.fail("%s %q is not one of %s", name, strings.TrimSpace(s), corpus.StatusList())
				return nil
			}
			out = append(out, st)
		}
	}
	return out
}

func joinTypes(ts []corpus.DocType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// searchRequest validates /api/search parameters.
func searchRequest(q url.Values) (corpus.SearchRequest, error) {
	p := &params{q: q}
	req := corpus.SearchRequest{
		Query:        p.str("q", maxQueryLen),
		Types:        p.types("type"),
		Statuses:     p.statuses("status"),
		Organisation: p.str("org", maxParamLen),
		Year:         p.intIn("year", 1800, 2200),
		FromDate:     p.date("from_date"),
		ToDate:       p.date("to_date"),
		DocumentID:   p.str("document", maxParamLen),
		Size:         p.intIn("size", 0, corpus.MaxSearchSize),
		From:         p.intIn("from", 0, maxFrom),
		NoCorrect:    q.Get("correct") != "" && !p.boolean("correct"),
	}
	if p.err == nil && req.FromDate != "" && req.ToDate != "" && req.FromDate > req.ToDate {
		p.fail("from_date %s is after to_date %s", req.FromDate, req.ToDate)
	}
	return req, p.err
}

// commitmentFilter validates /api/commitments parameters.
func commitmentFilter(q url.Values) (corpus.CommitmentFilter, error) {
	p := &params{q: q}
	f := corpus.CommitmentFilter{
		Query:      p.str("q", maxQueryLen),
		DocumentID: p.str("document", maxParamLen),
		Unlinked:   p.boolean("unlinked"),
		Status:     p.status("status"),
	}
	switch k := corpus.CommitmentKind(q.Get("kind")); k {
	case "", corpus.KindBullet, corpus.KindProse:
		f.Kind = k
	default:
		p.fail("kind %q is not bullet or prose", k)
	}
	return f, p.err
}

// tiltakFilter validates /api/tiltak parameters.
func tiltakFilter(q url.Values) (corpus.TiltakFilter, error) {
	p := &params{q: q}
	f := corpus.TiltakFilter{
		Query:      p.str("q", maxQueryLen),
		DocumentID: p.str("document", maxParamLen),
		Status:     p.status("status"),
	}
	return f, p.err
}
