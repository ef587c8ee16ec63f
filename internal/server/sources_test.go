package server_test

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/server"
)

// TestUploadSourceURL: the upload field source_url is kept with the
// document and shown in the document, the list and its tiltak; anything but
// an http(s) URL is a 400 that says so.
func TestUploadSourceURL(t *testing.T) {
	ix, err := newSeededIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	h := newServer(t, ix, testToken, 0)
	upload := func(sourceURL string, want int) corpus.FileResult {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("source_url", sourceURL)
		fw, _ := mw.CreateFormFile("file", "plan.md")
		fw.Write([]byte("# Handlingsplan for kilder\n\n## Tiltak 1 Kildeliste\n\nTiltak 1 Lage en felles kildeliste for planene.\n\nStatus: forsinket\n"))
		mw.Close()
		req := httptest.NewRequest("POST", "/api/documents", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+testToken)
		return decode[corpus.FileResult](t, mustRead(do(t, h, req, want).Body))
	}
	const u = "https://www.regjeringen.no/no/dokumenter/handlingsplan/id123/"
	res := upload(u, 201)
	doc := decode[corpus.Document](t, get(t, h, "/api/documents/"+url.PathEscape(res.DocumentID), 200))
	if doc.SourceURL != u {
		t.Errorf("document source_url %q", doc.SourceURL)
	}
	found := false
	for _, d := range decode[server.DocumentList](t, get(t, h, "/api/documents", 200)).Documents {
		if d.ID == res.DocumentID {
			found = d.SourceURL == u
		}
	}
	if !found {
		t.Error("the document list does not carry the source URL")
	}
	tl := decode[server.TiltakList](t, get(t, h, "/api/tiltak?document="+url.QueryEscape(res.DocumentID), 200))
	if len(tl.Tiltak) != 1 || tl.Tiltak[0].SourceURL != u {
		t.Errorf("tiltak %+v", tl.Tiltak)
	}
	// The answers with source_url match the OpenAPI description.
	sp := loadSpec(t, h)
	for _, target := range []string{"/api/documents/" + url.PathEscape(res.DocumentID), "/api/documents",
		"/api/tiltak?document=" + url.QueryEscape(res.DocumentID), "/api/tiltak.csv", "/api/tiltak.xlsx", "/api/commitments.xlsx"} {
		req := httptest.NewRequest("GET", target, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		for _, p := range sp.check(req, w.Code, w.Header(), w.Body.Bytes()) {
			t.Errorf("%s: %s", target, p)
		}
	}
	// The same file with another URL replaces the document.
	if again := upload(u+"ny/", 201); again.Outcome != corpus.OutcomeIngested {
		t.Errorf("a new URL gives %s", again.Outcome)
	}
	for _, bad := range []string{"www.regjeringen.no/x", "javascript:alert(1)", "https://x.no/" + strings.Repeat("a", 2100)} {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("source_url", bad)
		fw, _ := mw.CreateFormFile("file", "x.txt")
		fw.Write([]byte("Tekst"))
		mw.Close()
		req := httptest.NewRequest("POST", "/api/documents", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+testToken)
		e := decode[server.ErrorBody](t, mustRead(do(t, h, req, 400).Body))
		if !strings.Contains(e.Error.Message, "source URL") || strings.Contains(e.Error.Message, "invalid input") {
			t.Errorf("%.40s: %q", bad, e.Error.Message)
		}
	}
}
