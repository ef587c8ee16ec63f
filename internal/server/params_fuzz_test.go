package server

import (
	"errors"
	"net/url"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// FuzzSearchRequest checks that any query string either is refused as
// invalid or yields a request within the documented limits.
func FuzzSearchRequest(f *testing.F) {
	for _, s := range []string{
		"q=digitalisering&size=10&from=0",
		"q=x&type=strategi,lov&type=høring&year=2019",
		"q=x&from_date=2019-01-01&to_date=2019-12-31",
		"size=101", "from=-1", "type=%ff", "q=%00%01", "year=99999999999999999999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req, err := searchRequest(v)
		if err != nil {
			if !errors.Is(err, corpus.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if req.Size < 0 || req.Size > corpus.MaxSearchSize || req.From < 0 || req.From > maxFrom {
			t.Fatalf("size %d, from %d out of range", req.Size, req.From)
		}
		for _, ty := range req.Types {
			if !ty.Valid() {
				t.Fatalf("invalid type %q accepted", ty)
			}
		}
		if req.FromDate != "" && req.ToDate != "" && req.FromDate > req.ToDate {
			t.Fatalf("from_date %s after to_date %s accepted", req.FromDate, req.ToDate)
		}
	})
}
