package server_test

import (
	"encoding/csv"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/server"
)

func TestListPagination(t *testing.T) {
	ix := seededIndex(t)
	h := newServer(t, ix, "", 0)

	all := decode[server.CommitmentList](t, get(t, h, "/api/commitments?size=1000", 200))
	if all.Total < 5 || len(all.Commitments) != all.Total {
		t.Fatalf("%d commitments listed, total %d", len(all.Commitments), all.Total)
	}
	def := decode[server.CommitmentList](t, get(t, h, "/api/commitments", 200))
	if def.Total != all.Total || len(def.Commitments) != min(all.Total, server.DefaultListSize) {
		t.Errorf("default page: %d of %d", len(def.Commitments), def.Total)
	}
	var paged []string
	for from := 0; from < all.Total; from += 3 {
		p := decode[server.CommitmentList](t, get(t, h, "/api/commitments?size=3&from="+strconv.Itoa(from), 200))
		if p.Total != all.Total || len(p.Commitments) > 3 || len(p.Commitments) == 0 {
			t.Fatalf("from %d: %d commitments, total %d", from, len(p.Commitments), p.Total)
		}
		for _, c := range p.Commitments {
			paged = append(paged, c.ID)
		}
	}
	for i, c := range all.Commitments {
		if i >= len(paged) || paged[i] != c.ID {
			t.Fatalf("pages of 3 differ from the whole list at %d", i)
		}
	}
	past := decode[server.CommitmentList](t, get(t, h, "/api/commitments?from=100000", 200))
	if len(past.Commitments) != 0 || past.Total != all.Total || past.Commitments == nil {
		t.Errorf("past the end: %+v", past)
	}

	tilt := decode[server.TiltakList](t, get(t, h, "/api/tiltak?size=1000", 200))
	one := decode[server.TiltakList](t, get(t, h, "/api/tiltak?size=1&from=1", 200))
	if tilt.Total < 2 || len(one.Tiltak) != 1 || one.Total != tilt.Total || one.Tiltak[0].ID != tilt.Tiltak[1].ID {
		t.Errorf("tiltak: total %d, page %+v", tilt.Total, one)
	}

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/commitments.csv?size=2&from=1", nil))
	rows, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
	if err != nil || w.Code != 200 {
		t.Fatalf("csv: %d %v", w.Code, err)
	}
	if len(rows) != 3 || rows[1][0] != all.Commitments[1].ID || rows[2][0] != all.Commitments[2].ID {
		t.Errorf("csv page of 2 from 1: %d rows", len(rows))
	}
	if got := w.Header().Get("X-Total-Count"); got != strconv.Itoa(all.Total) {
		t.Errorf("X-Total-Count %q, want %d", got, all.Total)
	}

	for _, bad := range []string{
		"/api/commitments?size=0", "/api/commitments?size=1001", "/api/commitments?from=-1",
		"/api/commitments?size=abc", "/api/tiltak?size=1001", "/api/commitments.csv?size=10001",
		"/api/commitments?from=1000001",
	} {
		wantError(t, get(t, h, bad, 400), "invalid_request")
	}
}
