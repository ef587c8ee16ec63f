package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/export"
	"github.com/strategispor/strategispor/internal/server"
	"github.com/strategispor/strategispor/seeds"
	"github.com/strategispor/strategispor/web"
)

const testToken = "s3cret-token"

// seeded is one in-memory index over the seed documents, built once: the
// read-only tests share it, write tests get their own.
var seeded struct {
	once sync.Once
	ix   *index.Index
	err  error
}

func seededIndex(t *testing.T) *index.Index {
	t.Helper()
	seeded.once.Do(func() { seeded.ix, seeded.err = newSeededIndex() })
	if seeded.err != nil {
		t.Fatal(seeded.err)
	}
	return seeded.ix
}

func newSeededIndex() (*index.Index, error) {
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		return nil, err
	}
	items, err := batch.WalkFS(seeds.FS, "seeds")
	if err != nil {
		return nil, err
	}
	rep, err := batch.New(batch.Join(ix.Reader(), ix.Writer()), batch.Options{}).Run(context.Background(), items)
	if err != nil {
		return nil, err
	}
	if rep.Ingested != len(items) {
		return nil, fmt.Errorf("seeds: %d of %d ingested: %+v", rep.Ingested, len(items), rep.Results)
	}
	return ix, nil
}

// newServer wires the real parts the way the command does.
func newServer(t *testing.T, ix *index.Index, token string, maxUpload int64) http.Handler {
	t.Helper()
	return wired(t, ix, server.Options{UI: web.Handler(), Export: export.Files{}, Token: token, MaxUpload: maxUpload}).Handler()
}

// wired builds a server over ix with opt, filling in the real reader,
// linker, ingester and a test logger where opt leaves them out.
func wired(t *testing.T, ix *index.Index, opt server.Options) *server.Server {
	t.Helper()
	if opt.Reader == nil {
		opt.Reader = ix.Reader()
	}
	if opt.Commitments == nil {
		links := link.New(ix.Reader(), ix.Analysis().Text, link.Options{Generation: ix.Generation})
		t.Cleanup(links.Close)
		opt.Commitments = links
	}
	if opt.Ingester == nil {
		opt.Ingester = batch.New(batch.Join(ix.Reader(), ix.Writer()), batch.Options{})
	}
	if opt.Logger == nil {
		opt.Logger = testLogger(t)
	}
	s, err := server.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	return v
}

// wantError checks the shared error shape.
func wantError(t *testing.T, b []byte, code string) {
	t.Helper()
	e := decode[server.ErrorBody](t, b)
	if e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("error body %s, want code %q with a message", b, code)
	}
}

func TestReadAPI(t *testing.T) {
	ix := seededIndex(t)
	h := newServer(t, ix, "", 0)

	health := decode[server.Health](t, get(t, h, "/api/health", 200))
	if health.Status != "ok" || health.Documents != 5 || health.Sections == 0 || health.WritesEnabled {
		t.Errorf("health = %+v", health)
	}

	list := decode[server.DocumentList](t, get(t, h, "/api/documents", 200))
	if len(list.Documents) != 5 {
		t.Fatalf("%d documents, want 5", len(list.Documents))
	}
	total := 0
	for _, d := range list.Documents {
		if d.ID == "" || d.Title == "" || !d.DocType.Valid() || d.Sections == 0 {
			t.Errorf("document summary %+v", d)
		}
		total += d.Sections
	}
	if total != health.Sections {
		t.Errorf("section counts add up to %d, health says %d", total, health.Sections)
	}

	id := list.Documents[0].ID
	raw := get(t, h, "/api/documents/"+url.PathEscape(id), 200)
	var doc struct {
		ID       string `json:"id"`
		Sections []struct {
			ID, Heading, Text string
			Path              []string
			Level, Page       int
			Ordinal           int
		} `json:"sections"`
		Commitments []corpus.Commitment `json:"commitments"`
		Tiltak      []corpus.Tiltak     `json:"tiltak"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID != id || len(doc.Sections) != list.Documents[0].Sections {
		t.Fatalf("document %s has %d sections, list says %d", doc.ID, len(doc.Sections), list.Documents[0].Sections)
	}
	for i, s := range doc.Sections {
		if s.Ordinal != i {
			t.Errorf("section %d has ordinal %d", i, s.Ordinal)
		}
	}
	for _, key := range []string{`"sections"`, `"commitments"`, `"tiltak"`, `"path"`, `"page"`} {
		if !bytes.Contains(raw, []byte(key)) {
			t.Errorf("document JSON lacks %s", key)
		}
	}

	sec := decode[map[string]any](t, get(t, h, "/api/sections/"+doc.Sections[1].ID, 200))
	for _, key := range []string{"id", "document_id", "heading", "path", "level", "text", "page"} {
		if _, ok := sec[key]; !ok {
			t.Errorf("section JSON lacks %q: %v", key, sec)
		}
	}
	if sec["document_id"] != id {
		t.Errorf("section document_id = %v, want %s", sec["document_id"], id)
	}

	res := decode[corpus.SearchResult](t, get(t, h, "/api/search?q=digitalisering&size=5", 200))
	if res.Total == 0 || len(res.Hits) == 0 || len(res.Hits) > 5 {
		t.Fatalf("search: total %d, %d hits", res.Total, len(res.Hits))
	}
	if h0 := res.Hits[0]; h0.SectionID == "" || h0.DocumentID == "" || h0.DocumentTitle == "" || !strings.Contains(h0.Snippet, "<mark>") {
		t.Errorf("first hit %+v", h0)
	}
	if _, ok := res.Facets["doc_type"]; !ok {
		t.Errorf("no doc_type facet: %v", res.Facets)
	}
	// A misspelt word is searched corrected and marked, or with
	// correct=false as typed, the correction only offered.
	fixed := decode[map[string]any](t, get(t, h, "/api/search?q=digitalisreing", 200))
	if fixed["showing_for"] != "digitalisering" || fixed["suggestion"] != "digitalisering" || fixed["total"] == 0.0 {
		t.Errorf("misspelt query: showing_for %v suggestion %v total %v", fixed["showing_for"], fixed["suggestion"], fixed["total"])
	}
	typed := decode[map[string]any](t, get(t, h, "/api/search?q=digitalisreing&correct=false", 200))
	if _, ok := typed["showing_for"]; ok || typed["suggestion"] != "digitalisering" || typed["total"] != 0.0 {
		t.Errorf("correct=false: showing_for %v suggestion %v total %v", typed["showing_for"], typed["suggestion"], typed["total"])
	}

	cl := decode[server.CommitmentList](t, get(t, h, "/api/commitments", 200))
	if len(cl.Commitments) == 0 {
		t.Fatal("no commitments in the seeds")
	}
	cv := decode[corpus.CommitmentView](t, get(t, h, "/api/commitments/"+url.PathEscape(cl.Commitments[0].ID), 200))
	if cv.ID != cl.Commitments[0].ID || cv.Links == nil {
		t.Errorf("commitment %+v", cv)
	}
	tl := decode[server.TiltakList](t, get(t, h, "/api/tiltak", 200))
	if len(tl.Tiltak) == 0 {
		t.Fatal("no tiltak in the seeds")
	}
	tv := decode[corpus.TiltakView](t, get(t, h, "/api/tiltak/"+url.PathEscape(tl.Tiltak[0].ID), 200))
	if tv.ID != tl.Tiltak[0].ID || tv.Commitments == nil {
		t.Errorf("tiltak %+v", tv)
	}

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/commitments.csv", nil))
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") || strings.Count(w.Body.String(), "\n") < len(cl.Commitments) {
		t.Errorf("CSV: %d %s, %d lines for %d commitments", w.Code, w.Header().Get("Content-Type"), strings.Count(w.Body.String(), "\n"), len(cl.Commitments))
	}
}

func TestErrorsAndValidation(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	tests := []struct {
		method, target string
		status         int
		code           string
	}{
		{"GET", "/api/documents/no-such-doc", 404, "not_found"},
		{"GET", "/api/sections/no-such-section", 404, "not_found"},
		{"GET", "/api/commitments/no-such", 404, "not_found"},
		{"GET", "/api/tiltak/no-such", 404, "not_found"},
		{"GET", "/api/nothing-here", 404, "not_found"},
		{"GET", "/api", 404, "not_found"},
		{"PUT", "/api/search", 405, "method_not_allowed"},
		{"POST", "/api/health", 405, "method_not_allowed"},
		{"GET", "/api/search?q=x&size=101", 400, "invalid_request"},
		{"GET", "/api/search?q=x&size=abc", 400, "invalid_request"},
		{"GET", "/api/search?q=x&from=-3", 400, "invalid_request"},
		{"GET", "/api/search?q=x&correct=maybe", 400, "invalid_request"},
		{"GET", "/api/search?q=x&type=roman", 400, "invalid_request"},
		{"GET", "/api/search?q=x&from_date=2019-13-01", 400, "invalid_request"},
		{"GET", "/api/search?q=x&from_date=2020-01-01&to_date=2019-01-01", 400, "invalid_request"},
		{"GET", "/api/commitments?unlinked=maybe", 400, "invalid_request"},
		{"GET", "/api/tiltak?status=rushing", 400, "invalid_request"},
		{"POST", "/api/documents", 403, "writes_disabled"},
		{"DELETE", "/api/documents/x", 403, "writes_disabled"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			res := do(t, h, httptest.NewRequest(tt.method, tt.target, nil), tt.status)
			b, _ := io.ReadAll(res.Body)
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			wantError(t, b, tt.code)
			if tt.status == 405 && res.Header.Get("Allow") == "" {
				t.Error("405 without Allow")
			}
		})
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	h := newServer(t, seededIndex(t), "", 0)
	for _, target := range []string{"/api/health", "/api/nope", "/", "/dokument/abc", "/assets/missing.js", "/api/openapi.json"} {
		t.Run(target, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
			for name, want := range map[string]string{
				"Content-Security-Policy": "frame-ancestors 'none'",
				"X-Content-Type-Options":  "nosniff",
				"X-Frame-Options":         "DENY",
				"Referrer-Policy":         "no-referrer",
			} {
				if got := w.Header().Get(name); !strings.Contains(got, want) {
					t.Errorf("%s = %q, want it to contain %q", name, got, want)
				}
			}
			if csp := w.Header().Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") {
				t.Errorf("CSP allows inline code: %s", csp)
			}
			if strings.HasPrefix(target, "/api/") && w.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("API answer without Cache-Control: no-store (got %q)", w.Header().Get("Cache-Control"))
			}
		})
	}
	// The UI answers deep links with the app and keeps the API's 404 JSON apart.
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/dokument/abc", nil))
	if w.Code != 200 || !strings.Contains(w.Body.String(), "<html") {
		t.Errorf("deep link: %d %.80s", w.Code, w.Body.String())
	}
}

// multipartBody builds an upload; chunked hides the length, as a streaming client would.
func uploadRequest(t *testing.T, name string, data []byte, token string, chunked bool) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	var r io.Reader = &body
	if chunked {
		r = io.MultiReader(&body) // not a *bytes.Buffer: httptest leaves ContentLength unknown
	}
	req := httptest.NewRequest("POST", "/api/documents", r)
	if chunked {
		req.ContentLength = -1
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

func TestWritesAuthAndLimits(t *testing.T) {
	ix, err := newSeededIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const limit = 4096
	h := newServer(t, ix, testToken, limit)
	text := []byte("Strategi for testing av opplasting\n\nRegjeringen vil teste opplasting grundig.\n")

	tests := []struct {
		name   string
		req    *http.Request
		status int
		code   string
	}{
		{"no token", uploadRequest(t, "a.txt", text, "", false), 401, "unauthorized"},
		{"wrong token", uploadRequest(t, "a.txt", text, "s3cret-tokeN", false), 401, "unauthorized"},
		{"token prefix", uploadRequest(t, "a.txt", text, "s3cret", false), 401, "unauthorized"},
		{"too large by length", uploadRequest(t, "big.txt", bytes.Repeat([]byte("a "), limit), testToken, false), 413, "too_large"},
		{"too large while streaming", uploadRequest(t, "big.txt", bytes.Repeat([]byte("a "), 50*limit), testToken, true), 413, "too_large"},
		{"unsupported", uploadRequest(t, "tall.xlsx", text, testToken, false), 415, "unsupported_media_type"},
		{"unreadable", uploadRequest(t, "broken.pdf", []byte("%PDF-1.4 not a pdf at all"), testToken, false), 422, "unreadable"},
		{"not multipart", func() *http.Request {
			r := httptest.NewRequest("POST", "/api/documents", strings.NewReader("x"))
			r.Header.Set("Authorization", "Bearer "+testToken)
			return r
		}(), 400, "invalid_request"},
		{"json body", func() *http.Request {
			r := httptest.NewRequest("POST", "/api/documents", strings.NewReader(`{"file": "a.txt"}`))
			r.Header.Set("Authorization", "Bearer "+testToken)
			r.Header.Set("Content-Type", "application/json")
			return r
		}(), 415, "unsupported_media_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, h, tt.req, tt.status)
			b, _ := io.ReadAll(res.Body)
			wantError(t, b, tt.code)
			if tt.status == 401 && res.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}

	res := do(t, h, uploadRequest(t, "plan.txt", text, testToken, true), 201)
	fr := decode[corpus.FileResult](t, mustRead(res.Body))
	if fr.Outcome != corpus.OutcomeIngested || fr.DocumentID == "" || fr.Sections == 0 {
		t.Fatalf("upload result %+v", fr)
	}
	res = do(t, h, uploadRequest(t, "plan.txt", text, testToken, false), 200)
	if again := decode[corpus.FileResult](t, mustRead(res.Body)); again.Outcome != corpus.OutcomeUnchanged || again.DocumentID != fr.DocumentID {
		t.Errorf("second upload %+v", again)
	}
	get(t, h, "/api/documents/"+fr.DocumentID, 200)

	del := func(token string) *http.Request {
		r := httptest.NewRequest("DELETE", "/api/documents/"+fr.DocumentID, nil)
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		return r
	}
	do(t, h, del(""), 401)
	do(t, h, del("nope"), 401)
	do(t, h, del(testToken), 200)
	wantError(t, mustRead(do(t, h, del(testToken), 404).Body), "not_found")
	get(t, h, "/api/documents/"+fr.DocumentID, 404)
}

func mustRead(r io.Reader) []byte {
	b, _ := io.ReadAll(r)
	return b
}
