package server_test

import (
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/server"
)

// TestInFlightLimit holds the only request slot with an upload whose body
// has not finished, and checks that another request is answered 503 with
// Retry-After at once, and served again once the slot is free.
func TestInFlightLimit(t *testing.T) {
	ix, err := newSeededIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s := wired(t, ix, server.Options{Token: testToken, MaxInFlight: 1})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	req, _ := http.NewRequest("POST", srv.URL+"/api/documents", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+testToken)
	done := make(chan int, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- -1
			return
		}
		res.Body.Close()
		done <- res.StatusCode
	}()
	fw, _ := mw.CreateFormFile("file", "treg.txt")
	io.WriteString(fw, "Treg opplasting\n\nRegjeringen vil la treg opplasting vente. ")

	var got answer
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if got = fetch(t, "GET", srv.URL+"/api/health"); got.status == 503 {
			break
		}
	}
	if got.status != 503 {
		t.Fatalf("with the only slot taken, health answered %d", got.status)
	}
	res, err := http.Get(srv.URL + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" {
		t.Errorf("second request: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	wantError(t, b, "overloaded")
	mw.Close()
	pw.Close()
	if st := <-done; st != 201 {
		t.Errorf("the slow upload answered %d", st)
	}
	if got := fetch(t, "GET", srv.URL+"/api/health"); got.status != 200 {
		t.Errorf("after the upload, health answered %d", got.status)
	}
}
