package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/export"
	"github.com/strategispor/strategispor/internal/server"
)

// sameJSON fails unless got and want encode to the same JSON: what the client
// decoded is what the server's parts answered, with nothing lost on the wire.
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Errorf("%s over the client differs from the direct answer:\n got %.400s\nwant %.400s", what, g, w)
	}
}

// TestClientReadsThroughTheRouter sends every read the client can make to the
// real router and compares the answer with what the index and the linker
// answer directly, so a parameter the client fails to send, or the server
// fails to read, changes the answer.
func TestClientReadsThroughTheRouter(t *testing.T) {
	ctx := context.Background()
	ix := seededIndex(t)
	links := link.New(ix.Reader(), ix.Analysis().Text, link.Options{Generation: ix.Generation})
	defer links.Close()
	ts := httptest.NewServer(newServer(t, ix, "", 0))
	defer ts.Close()
	c := server.NewClient(ts.URL+"/", "")

	docs, err := c.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, err := ix.Reader().Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want []server.DocumentSummary
	for _, d := range all {
		want = append(want, server.Summary(d))
	}
	sameJSON(t, "documents", docs, want)
	if len(docs) != 5 {
		t.Fatalf("%d documents, want 5", len(docs))
	}
	first := docs[0]
	org := ""
	for _, d := range docs {
		if d.Organisation != "" {
			org = d.Organisation
		}
	}

	searches := []struct {
		name string
		req  corpus.SearchRequest
	}{
		{"words", corpus.SearchRequest{Query: "deling av data"}},
		{"type and page", corpus.SearchRequest{Query: "digitalisering", Types: []corpus.DocType{first.DocType}, Size: 3, From: 2}},
		{"organisation", corpus.SearchRequest{Query: "tiltak", Organisation: org}},
		{"document", corpus.SearchRequest{Query: "regjeringen", DocumentID: first.ID}},
		{"from date", corpus.SearchRequest{Query: "strategi", FromDate: "2019-01-01"}},
		{"to date", corpus.SearchRequest{Query: "strategi", ToDate: "2019-12-31"}},
		{"year", corpus.SearchRequest{Query: "strategi", Year: 2019}},
	}
	for _, s := range searches {
		t.Run("search "+s.name, func(t *testing.T) {
			got, err := c.Search(ctx, s.req)
			if err != nil {
				t.Fatal(err)
			}
			direct, err := ix.Reader().Search(ctx, s.req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total == 0 {
				t.Errorf("no hits for %+v; the comparison needs some", s.req)
			}
			got.TookMS, direct.TookMS = 0, 0 // the one field that may differ
			sameJSON(t, "search", got, direct)
		})
	}
	// The filters must reach the server: a type filter changes the total.
	plain, err := c.Search(ctx, corpus.SearchRequest{Query: "digitalisering"})
	if err != nil {
		t.Fatal(err)
	}
	typed, err := c.Search(ctx, corpus.SearchRequest{Query: "digitalisering", Types: []corpus.DocType{first.DocType}})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Total == 0 || typed.Total >= plain.Total {
		t.Errorf("totals: plain %d, filtered by %s %d; want the filter to narrow a non-empty answer", plain.Total, first.DocType, typed.Total)
	}

	every, err := links.Commitments(ctx, corpus.CommitmentFilter{})
	if err != nil || len(every) == 0 {
		t.Fatalf("commitments: %d, %v", len(every), err)
	}
	otherDocument := "" // a document holding some but not all commitments, or none
	for _, d := range docs {
		if d.ID != every[0].DocumentID {
			otherDocument = d.ID
		}
	}
	status := corpus.StatusPaPlan
	for _, v := range every {
		if len(v.Links) > 0 && v.Links[0].Status != "" {
			status = v.Links[0].Status
		}
	}
	filters := []corpus.CommitmentFilter{
		{},
		{Query: "data"},
		{DocumentID: otherDocument},
		{Unlinked: true},
		{Kind: corpus.KindBullet},
		{Status: status},
	}
	var someCommitment corpus.CommitmentView
	for _, f := range filters {
		got, err := c.Commitments(ctx, f)
		if err != nil {
			t.Fatalf("commitments %+v: %v", f, err)
		}
		direct, err := links.Commitments(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "commitments", got, direct)
		if f != (corpus.CommitmentFilter{}) && len(got) == len(every) {
			t.Errorf("commitments %+v: all %d; want a filter that narrows the answer", f, len(got))
		}
		for _, v := range got {
			if len(v.Links) > 0 && v.Links[0].TargetType == corpus.TargetTiltak && someCommitment.ID == "" {
				someCommitment = v
			}
		}
	}
	if someCommitment.ID == "" {
		t.Fatal("no commitment linked to a tiltak among the seeds")
	}
	got, err := c.Commitment(ctx, someCommitment.ID)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := links.Commitment(ctx, someCommitment.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "commitment", got, direct)

	tid := someCommitment.Links[0].TargetID
	tv, err := c.Tiltak(ctx, tid)
	if err != nil {
		t.Fatal(err)
	}
	tdirect, err := links.Tiltak(ctx, tid)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "tiltak", tv, tdirect)

	tfilters := []corpus.TiltakFilter{{}, {Query: "data"}, {DocumentID: tdirect.DocumentID}, {Status: status}}
	for _, f := range tfilters {
		got, err := c.TiltakList(ctx, f)
		if err != nil {
			t.Fatalf("tiltak %+v: %v", f, err)
		}
		direct, err := links.TiltakList(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(direct) == 0 {
			t.Errorf("tiltak %+v: none; the comparison needs some", f)
		}
		sameJSON(t, "tiltak list", got, direct)
	}

	csv, err := c.CommitmentsCSV(ctx, corpus.CommitmentFilter{Unlinked: true})
	if err != nil {
		t.Fatal(err)
	}
	unlinked, err := links.Commitments(ctx, corpus.CommitmentFilter{Unlinked: true})
	if err != nil {
		t.Fatal(err)
	}
	var wantCSV bytes.Buffer
	if err := export.CommitmentsCSV(&wantCSV, unlinked); err != nil {
		t.Fatal(err)
	}
	if len(unlinked) == 0 || !bytes.Equal(csv, wantCSV.Bytes()) {
		t.Errorf("CSV over the client (%d bytes) differs from the export of the same %d commitments (%d bytes)", len(csv), len(unlinked), wantCSV.Len())
	}

	h, err := c.Health(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ndocs, nsecs, err := ix.Reader().Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != "ok" || h.Documents != ndocs || h.Sections != nsecs || h.WritesEnabled {
		t.Errorf("health = %+v, want ok, %d documents, %d sections, no writes", h, ndocs, nsecs)
	}

	doc, err := c.Document(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	ddirect, err := ix.Reader().Document(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "document", doc, ddirect)
	sec, err := c.Section(ctx, ddirect.Sections[len(ddirect.Sections)-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	sdirect, err := ix.Reader().Section(ctx, sec.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "section", sec, sdirect)
	if _, err := c.Section(ctx, "no-such-section"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("unknown section: %v, want ErrNotFound", err)
	}
}

// TestClientErrorKinds checks that error kinds cross the wire: the client
// reads the code back to the kind the server mapped it from.
func TestClientErrorKinds(t *testing.T) {
	ctx := context.Background()
	ix := seededIndex(t)
	ts := httptest.NewServer(newServer(t, ix, "", 0))
	defer ts.Close()
	c := server.NewClient(ts.URL, "")

	_, err := c.Commitment(ctx, "no-such-commitment")
	if !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("unknown commitment: %v, want ErrNotFound", err)
	}
	var re *server.ResponseError
	if !errors.As(err, &re) || re.Status != http.StatusNotFound || re.Code != "not_found" {
		t.Errorf("unknown commitment: %#v, want a 404 not_found answer", err)
	}
	if _, err := c.Tiltak(ctx, "no-such-tiltak"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("unknown tiltak: %v, want ErrNotFound", err)
	}
	if _, err := c.Search(ctx, corpus.SearchRequest{Query: "x", Size: 1000}); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("size 1000: %v, want ErrInvalid", err)
	}
	if _, err := c.Search(ctx, corpus.SearchRequest{Query: "x", FromDate: "igår"}); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("bad date: %v, want ErrInvalid", err)
	}
	if err := c.Delete(ctx, "whatever"); !errors.Is(err, corpus.ErrWritesDisabled) {
		t.Errorf("delete on a server without a token: %v, want ErrWritesDisabled", err)
	}
	if server.IsConnError(err) {
		t.Errorf("an error answer counted as a connection error: %v", err)
	}

	// A read past the server's deadline answers 503 timeout, which the
	// client reads back as context.DeadlineExceeded.
	slow, err := server.New(server.Options{
		Reader:         ix.Reader(),
		Commitments:    link.New(ix.Reader(), ix.Analysis().Text, link.Options{Generation: ix.Generation}),
		RequestTimeout: time.Nanosecond,
		Logger:         testLogger(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	ts2 := httptest.NewServer(slow.Handler())
	defer ts2.Close()
	_, err = server.NewClient(ts2.URL, "").Search(ctx, corpus.SearchRequest{Query: "deling av data"})
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &re) || re.Status != http.StatusServiceUnavailable {
		t.Errorf("search past the deadline: %v, want a 503 that is context.DeadlineExceeded", err)
	}

	ts2.Close()
	if _, err := server.NewClient(ts2.URL, "").Documents(ctx); !server.IsConnError(err) {
		t.Errorf("a closed server: %v, want a connection error", err)
	}
}

// TestClientWrites uploads, re-uploads and deletes through the real router
// with the token, and checks the refusals without it.
func TestClientWrites(t *testing.T) {
	ctx := context.Background()
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ts := httptest.NewServer(newServer(t, ix, testToken, 1<<20))
	defer ts.Close()
	c := server.NewClient(ts.URL, testToken)
	text := []byte("Strategi for deling av data\n\n1 Innledning\n\nRegjeringen vil dele data mellom etatene.\n")

	res, err := c.Upload(ctx, "deling.txt", "klient/deling.txt", "", corpus.TypeStrategi, text)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != corpus.OutcomeIngested || res.DocumentID == "" {
		t.Fatalf("upload = %+v, want ingested with an id", res)
	}
	again, err := c.Upload(ctx, "deling.txt", "klient/deling.txt", "", corpus.TypeStrategi, text)
	if err != nil || again.Outcome != corpus.OutcomeUnchanged || again.DocumentID != res.DocumentID {
		t.Errorf("second upload = %+v, %v; want unchanged, same id", again, err)
	}
	docs, err := c.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].ID != res.DocumentID || docs[0].DocType != corpus.TypeStrategi {
		t.Fatalf("documents after upload = %+v, %v", docs, err)
	}

	if _, err := server.NewClient(ts.URL, "wrong").Upload(ctx, "x.txt", "x.txt", "", "", text); !errors.Is(err, corpus.ErrUnauthorized) {
		t.Errorf("upload with a wrong token: %v, want ErrUnauthorized", err)
	}
	if _, err := c.Upload(ctx, "x.xlsx", "x.xlsx", "", "", []byte("PK\x03\x04 no spreadsheet")); !errors.Is(err, corpus.ErrUnsupported) {
		t.Errorf("upload of a spreadsheet: %v, want ErrUnsupported", err)
	}
	if _, err := c.Upload(ctx, "big.txt", "big.txt", "", "", make([]byte, 2<<20)); !errors.Is(err, corpus.ErrTooLarge) {
		t.Errorf("upload over the limit: %v, want ErrTooLarge", err)
	}

	if err := c.Delete(ctx, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	err = c.Delete(ctx, res.DocumentID)
	if !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
	if err != nil && strings.Count(err.Error(), res.DocumentID) != 1 {
		t.Errorf("second delete: %q; the message should say what failed once", err)
	}
	if docs, err := c.Documents(ctx); err != nil || len(docs) != 0 {
		t.Errorf("documents after delete = %+v, %v", docs, err)
	}
}
