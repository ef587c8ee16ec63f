package server_test

import (
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/server"
)

// TestUploadDeadline: a client trickling its upload is cut off at the
// upload deadline with 408, and nothing of it is stored.
func TestUploadDeadline(t *testing.T) {
	ix, err := newSeededIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const deadline = 500 * time.Millisecond
	s := wired(t, ix, server.Options{Token: testToken, UploadTimeout: deadline})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, _ := mw.CreateFormFile("file", "treg.txt")
		// One byte every 50 ms: the whole file would take 20 s.
		for _, b := range []byte(strings.Repeat("Regjeringen vil vente. ", 20)) {
			if _, err := fw.Write([]byte{b}); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		mw.Close()
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", srv.URL+"/api/documents", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+testToken)
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	took := time.Since(start)
	pr.CloseWithError(io.ErrClosedPipe) // stop the writer
	if err != nil {
		t.Fatalf("after %v: %v", took, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusRequestTimeout {
		t.Errorf("status %d, want 408: %s", res.StatusCode, b)
	}
	wantError(t, b, "request_timeout")
	if took > deadline+2*time.Second {
		t.Errorf("answered after %v; the deadline is %v", took, deadline)
	}
	t.Logf("a trickling upload was cut off after %v", took.Round(time.Millisecond))
	docs, _ := ix.Reader().Documents(context.Background())
	for _, d := range docs {
		if strings.Contains(d.Source, "treg") {
			t.Errorf("the cut-off upload was stored as %s", d.ID)
		}
	}
}

// TestIngestFileDeadline: when the per-file time limit runs out before the
// write, the document is not in the index and the error says so.
func TestIngestFileDeadline(t *testing.T) {
	ix, err := newSeededIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	in := batch.New(batch.Join(ix.Reader(), ix.Writer()), batch.Options{})
	text := []byte("Sen plan\n\nRegjeringen vil skrive planen ferdig i tide.\n")
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err = in.IngestFile(ctx, "sen.txt", "upload/sen.txt", "", "", text)
	if err == nil {
		t.Fatal("an upload past its deadline was ingested")
	}
	if _, err := ix.Reader().Document(context.Background(), corpus.DocumentID("upload/sen.txt")); err == nil {
		t.Error("the document past its deadline is in the index")
	}
	// Cancelled, as when the client hangs up, before the commit.
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := in.IngestFile(ctx, "sen.txt", "upload/sen.txt", "", "", text); err == nil {
		t.Error("a cancelled upload was ingested")
	}
	if _, err := ix.Reader().Document(context.Background(), corpus.DocumentID("upload/sen.txt")); err == nil {
		t.Error("the cancelled document is in the index")
	}
}
