package server_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/export"
	"github.com/strategispor/strategispor/internal/server"
	"github.com/strategispor/strategispor/internal/verdicts"
)

// verdictServer is the real router over a fresh seeded index whose links
// keep their verdicts in the file at path.
func verdictServer(t *testing.T, path string) (http.Handler, *index.Index) {
	t.Helper()
	ix, err := newSeededIndex()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	store, err := verdicts.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	links := link.New(ix.Reader(), ix.Analysis().Text, link.Options{Generation: ix.Generation, Verdicts: store})
	t.Cleanup(links.Close)
	s, err := server.New(server.Options{
		Reader: ix.Reader(), Commitments: links, Verdicts: links,
		Ingester: batch.New(batch.Join(ix.Reader(), ix.Writer()), batch.Options{}), Export: export.Files{},
		Token: testToken, Logger: testLogger(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler(), ix
}

// TestVerdictsAPI confirms and rejects links through the API, checks that
// they persist in the verdict file and are undone, and that mistakes get
// the right status.
func TestVerdictsAPI(t *testing.T) {
	path := filepath.Join(t.TempDir(), verdicts.FileName)
	h, ix := verdictServer(t, path)
	send := func(method, target, body, token string, want int) []byte {
		t.Helper()
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		b, _ := io.ReadAll(do(t, h, req, want).Body)
		return b
	}

	cl := decode[server.CommitmentList](t, get(t, h, "/api/commitments", 200))
	var c corpus.CommitmentView
	for _, v := range cl.Commitments {
		if len(v.Links) >= 2 {
			c = v
			break
		}
	}
	if c.ID == "" {
		t.Fatal("no commitment with two links")
	}
	base := "/api/commitments/" + url.PathEscape(c.ID) + "/verdicts"
	first := c.Links[0].TargetID

	v := decode[corpus.CommitmentView](t, send("POST", base, `{"target_id": "`+first+`", "verdict": "rejected"}`, testToken, 200))
	for _, l := range v.Links {
		if l.TargetID == first {
			t.Errorf("the rejected link is in the answer")
		}
	}
	again := decode[corpus.CommitmentView](t, get(t, h, "/api/commitments/"+url.PathEscape(c.ID), 200))
	if len(again.Links) != len(c.Links)-1 {
		t.Errorf("%d links after rejecting one of %d", len(again.Links), len(c.Links))
	}
	second := c.Links[1].TargetID
	v = decode[corpus.CommitmentView](t, send("POST", base, `{"target_id": "`+second+`", "verdict": "confirmed"}`, testToken, 200))
	if v.Links[0].TargetID != second || v.Links[0].Verdict != corpus.VerdictConfirmed {
		t.Errorf("the confirmed link is not first and marked: %+v", v.Links[0])
	}
	reopened, err := verdicts.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(reopened.For(c.ID)); n != 2 {
		t.Errorf("the verdict file holds %d verdicts for the commitment, want 2", n)
	}

	send("DELETE", base+"/"+url.PathEscape(first), "", testToken, 200)
	back := decode[corpus.CommitmentView](t, get(t, h, "/api/commitments/"+url.PathEscape(c.ID), 200))
	if len(back.Links) != len(c.Links) {
		t.Errorf("%d links after taking the rejection back, want %d", len(back.Links), len(c.Links))
	}

	for _, tt := range []struct {
		name, method, target, body, token string
		ctype                             string
		status                            int
		code                              string
	}{
		{"no token", "POST", base, `{"target_id": "x", "verdict": "confirmed"}`, "", "application/json", 401, "unauthorized"},
		{"unknown verdict", "POST", base, `{"target_id": "` + second + `", "verdict": "kanskje"}`, testToken, "application/json", 400, "invalid_request"},
		{"unknown field", "POST", base, `{"target": "` + second + `", "verdict": "confirmed"}`, testToken, "application/json", 400, "invalid_request"},
		{"empty body", "POST", base, ``, testToken, "application/json", 400, "invalid_request"},
		{"form body", "POST", base, `target_id=x`, testToken, "application/x-www-form-urlencoded", 415, "unsupported_media_type"},
		{"unknown commitment", "POST", "/api/commitments/finnes-ikke/verdicts", `{"target_id": "` + second + `", "verdict": "confirmed"}`, testToken, "application/json", 404, "not_found"},
		{"unknown target", "POST", base, `{"target_id": "finnes-ikke", "verdict": "confirmed"}`, testToken, "application/json", 404, "not_found"},
		{"no such verdict", "DELETE", base + "/finnes-ikke", "", testToken, "", 404, "not_found"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			resp := do(t, h, req, tt.status)
			b, _ := io.ReadAll(resp.Body)
			wantError(t, b, tt.code)
		})
	}

	// Without a verdict store the routes say writes are off for verdicts.
	plain := newServer(t, ix, testToken, 0)
	req := httptest.NewRequest("POST", base, strings.NewReader(`{"target_id": "x", "verdict": "confirmed"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testToken)
	b, _ := io.ReadAll(do(t, plain, req, http.StatusForbidden).Body)
	wantError(t, b, "writes_disabled")
}

// TestVerdictsThroughTheClient sends a verdict and reads relations with the
// API client, over the real router.
func TestVerdictsThroughTheClient(t *testing.T) {
	h, _ := verdictServer(t, filepath.Join(t.TempDir(), verdicts.FileName))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := server.NewClient(srv.URL, testToken)
	ctx := t.Context()
	all, err := c.Commitments(ctx, corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var v corpus.CommitmentView
	for _, x := range all {
		if len(x.Links) > 0 {
			v = x
			break
		}
	}
	if v.ID == "" {
		t.Fatal("no linked commitment")
	}
	got, err := c.SetVerdict(ctx, v.ID, v.Links[0].TargetID, corpus.VerdictConfirmed)
	if err != nil || got.Links[0].Verdict != corpus.VerdictConfirmed {
		t.Fatalf("confirm: %v, %+v", err, got.Links)
	}
	if _, err := c.SetVerdict(ctx, v.ID, "finnes-ikke", corpus.VerdictConfirmed); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("confirming an unknown target: %v, want not found", err)
	}
	if got, err = c.DeleteVerdict(ctx, v.ID, v.Links[0].TargetID); err != nil || got.Links[0].Verdict != "" {
		t.Fatalf("undo: %v, %+v", err, got.Links)
	}
	rel, err := c.Relations(ctx, v.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rel.FollowsUp) + len(rel.FollowedUpBy) + len(rel.Cites) + len(rel.CitedBy) + len(rel.SamePlan); n == 0 {
		t.Errorf("the document of a linked commitment has no relations: %+v", rel)
	}
}
