package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/server"
)

// TestHeadForEveryGet sends HEAD to every GET route over a real connection:
// the status and content type are those of GET, and no body comes back.
func TestHeadForEveryGet(t *testing.T) {
	ix := seededIndex(t)
	srv := httptest.NewServer(newServer(t, ix, "", 0))
	defer srv.Close()
	docs := decode[server.DocumentList](t, get(t, srv.Config.Handler, "/api/documents", 200))
	coms := decode[server.CommitmentList](t, get(t, srv.Config.Handler, "/api/commitments", 200))
	tilt := decode[server.TiltakList](t, get(t, srv.Config.Handler, "/api/tiltak", 200))
	doc, err := ix.Reader().Document(t.Context(), docs.Documents[0].ID)
	if err != nil || len(coms.Commitments) == 0 || len(tilt.Tiltak) == 0 {
		t.Fatalf("seeds: %v, %d commitments, %d tiltak", err, len(coms.Commitments), len(tilt.Tiltak))
	}
	ids := map[string]string{
		"/api/documents/:id":           doc.ID,
		"/api/documents/:id/relations": doc.ID,
		"/api/sections/:id":            doc.Sections[0].ID,
		"/api/commitments/:id":         coms.Commitments[0].ID,
		"/api/tiltak/:id":              tilt.Tiltak[0].ID,
	}
	s, err := server.New(server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range s.Routes() {
		if r.Method != http.MethodGet {
			continue
		}
		n++
		target := r.Path
		if id, ok := ids[r.Path]; ok {
			target = strings.Replace(r.Path, ":id", id, 1)
		} else if strings.Contains(r.Path, ":") {
			t.Fatalf("no id for %s", r.Path)
		}
		if r.Path == "/api/search" {
			target += "?q=digitalisering"
		}
		for _, tgt := range []string{target, strings.Replace(target, "/api/", "/api/x/", 1)} {
			t.Run(tgt, func(t *testing.T) {
				g := fetch(t, http.MethodGet, srv.URL+tgt)
				h := fetch(t, http.MethodHead, srv.URL+tgt)
				if h.status != g.status || h.ctype != g.ctype {
					t.Errorf("HEAD %d %q, GET %d %q", h.status, h.ctype, g.status, g.ctype)
				}
				if h.status == 405 {
					t.Errorf("HEAD answered 405")
				}
				if len(h.body) != 0 {
					t.Errorf("HEAD sent a body of %d bytes", len(h.body))
				}
			})
		}
	}
	if n < 11 {
		t.Errorf("only %d GET routes", n)
	}
}

type answer struct {
	status int
	ctype  string
	body   []byte
}

func fetch(t *testing.T, method, u string) answer {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header.Get("Content-Type"), b}
}
