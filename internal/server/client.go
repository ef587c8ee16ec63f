package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Client talks to a running strategispor server through its JSON API. It
// reads error answers back through the server's own table of codes, so an
// error kind that crosses the wire is still the same kind (errors.Is).
type Client struct {
	base   string
	token  string
	client *http.Client
}

// NewClient returns a client of the server at base ("http://127.0.0.1:8080");
// token, when set, is sent as the bearer token that writes need.
func NewClient(base, token string) *Client {
	return &Client{base: strings.TrimRight(base, "/"), token: token, client: &http.Client{Timeout: 5 * time.Minute}}
}

// ResponseError is an error answer from the server. It unwraps to the error
// kind its code stands for (KindOf), so errors.Is(err, corpus.ErrNotFound)
// holds on both sides of the wire.
type ResponseError struct {
	Status int
	ErrorDetail
}

func (e *ResponseError) Error() string {
	return fmt.Sprintf("server answered %d %s: %s", e.Status, e.Code, e.Message)
}

func (e *ResponseError) Unwrap() error { return KindOf(e.Code) }

func (r *Client) do(req *http.Request, out any) (int, error) {
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	req.Header.Set("Accept", "application/json")
	res, err := r.client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("asking the server at %s: %w", r.base, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 256<<20))
	if err != nil {
		return res.StatusCode, fmt.Errorf("reading the server's answer: %w", err)
	}
	if res.StatusCode >= 400 {
		var eb ErrorBody
		if json.Unmarshal(body, &eb) != nil || eb.Error.Code == "" {
			eb.Error = ErrorDetail{Code: "http_" + strconv.Itoa(res.StatusCode), Message: strings.TrimSpace(string(body))}
		}
		return res.StatusCode, &ResponseError{Status: res.StatusCode, ErrorDetail: eb.Error}
	}
	if raw, ok := out.(*[]byte); ok {
		*raw = body
		return res.StatusCode, nil
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return res.StatusCode, fmt.Errorf("decoding the server's answer: %w", err)
		}
	}
	return res.StatusCode, nil
}

func (r *Client) get(ctx context.Context, path string, q url.Values, out any) error {
	u := r.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	_, err = r.do(req, out)
	return err
}

// Health returns the server's liveness and corpus size (GET /api/health).
func (r *Client) Health(ctx context.Context) (Health, error) {
	var out Health
	err := r.get(ctx, "/api/health", nil, &out)
	return out, err
}

// Document returns one document with its sections, commitments and tiltak
// (GET /api/documents/{id}).
func (r *Client) Document(ctx context.Context, id string) (corpus.Document, error) {
	var out corpus.Document
	err := r.get(ctx, "/api/documents/"+url.PathEscape(id), nil, &out)
	return out, err
}

// Section returns one section (GET /api/sections/{id}).
func (r *Client) Section(ctx context.Context, id string) (corpus.Section, error) {
	var out corpus.Section
	err := r.get(ctx, "/api/sections/"+url.PathEscape(id), nil, &out)
	return out, err
}

// Documents lists the indexed documents (GET /api/documents).
func (r *Client) Documents(ctx context.Context) ([]DocumentSummary, error) {
	var out DocumentList
	err := r.get(ctx, "/api/documents", nil, &out)
	return out.Documents, err
}

// Search runs a search (GET /api/search).
func (r *Client) Search(ctx context.Context, req corpus.SearchRequest) (corpus.SearchResult, error) {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("q", req.Query)
	for _, t := range req.Types {
		q.Add("type", string(t))
	}
	for _, st := range req.Statuses {
		q.Add("status", string(st))
	}
	set("org", req.Organisation)
	if req.Year != 0 {
		q.Set("year", strconv.Itoa(req.Year))
	}
	set("from_date", req.FromDate)
	set("to_date", req.ToDate)
	set("document", req.DocumentID)
	if req.Size != 0 {
		q.Set("size", strconv.Itoa(req.Size))
	}
	if req.From != 0 {
		q.Set("from", strconv.Itoa(req.From))
	}
	if req.NoCorrect {
		q.Set("correct", "false")
	}
	var out corpus.SearchResult
	err := r.get(ctx, "/api/search", q, &out)
	return out, err
}

// Commitments lists commitments with their best link (GET /api/commitments).
// The server answers in pages; this walks them all.
func (r *Client) Commitments(ctx context.Context, f corpus.CommitmentFilter) ([]corpus.CommitmentView, error) {
	q := commitmentQuery(f)
	q.Set("size", strconv.Itoa(MaxListSize))
	all := []corpus.CommitmentView{}
	for {
		q.Set("from", strconv.Itoa(len(all)))
		var out CommitmentList
		if err := r.get(ctx, "/api/commitments", q, &out); err != nil {
			return nil, err
		}
		all = append(all, out.Commitments...)
		if len(out.Commitments) == 0 || len(all) >= out.Total {
			return all, nil
		}
	}
}

// CommitmentsCSV returns the commitments as CSV (GET /api/commitments.csv).
func (r *Client) CommitmentsCSV(ctx context.Context, f corpus.CommitmentFilter) ([]byte, error) {
	var out []byte
	err := r.get(ctx, "/api/commitments.csv", commitmentQuery(f), &out)
	return out, err
}

func commitmentQuery(f corpus.CommitmentFilter) url.Values {
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.DocumentID != "" {
		q.Set("document", f.DocumentID)
	}
	if f.Unlinked {
		q.Set("unlinked", "true")
	}
	if f.Kind != "" {
		q.Set("kind", string(f.Kind))
	}
	if f.Status != "" {
		q.Set("status", string(f.Status))
	}
	return q
}

// Commitment returns one commitment with its links (GET /api/commitments/{id}).
func (r *Client) Commitment(ctx context.Context, id string) (corpus.CommitmentView, error) {
	var out corpus.CommitmentView
	err := r.get(ctx, "/api/commitments/"+url.PathEscape(id), nil, &out)
	return out, err
}

// TiltakList lists tiltak with the commitments they follow up (GET /api/tiltak).
// The server answers in pages; this walks them all.
func (r *Client) TiltakList(ctx context.Context, f corpus.TiltakFilter) ([]corpus.TiltakView, error) {
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.DocumentID != "" {
		q.Set("document", f.DocumentID)
	}
	if f.Status != "" {
		q.Set("status", string(f.Status))
	}
	q.Set("size", strconv.Itoa(MaxListSize))
	all := []corpus.TiltakView{}
	for {
		q.Set("from", strconv.Itoa(len(all)))
		var out TiltakList
		if err := r.get(ctx, "/api/tiltak", q, &out); err != nil {
			return nil, err
		}
		all = append(all, out.Tiltak...)
		if len(out.Tiltak) == 0 || len(all) >= out.Total {
			return all, nil
		}
	}
}

// Tiltak returns one tiltak with the commitments it follows up (GET /api/tiltak/{id}).
func (r *Client) Tiltak(ctx context.Context, id string) (corpus.TiltakView, error) {
	var out corpus.TiltakView
	err := r.get(ctx, "/api/tiltak/"+url.PathEscape(id), nil, &out)
	return out, err
}

// Delete removes a document (DELETE /api/documents/{id}); it needs the token.
func (r *Client) Delete(ctx context.Context, id string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, r.base+"/api/documents/"+url.PathEscape(id), nil)
	if err != nil {
		return err
	}
	_, err = r.do(req, nil)
	return err
}

// Relations tells how a document relates to the others
// (GET /api/documents/{id}/relations).
func (r *Client) Relations(ctx context.Context, docID string) (corpus.DocumentRelations, error) {
	var out corpus.DocumentRelations
	err := r.get(ctx, "/api/documents/"+url.PathEscape(docID)+"/relations", nil, &out)
	return out, err
}

// SetVerdict confirms or rejects a link (POST /api/commitments/{id}/verdicts).
func (r *Client) SetVerdict(ctx context.Context, commitmentID, targetID string, kind corpus.VerdictKind) (corpus.CommitmentView, error) {
	body, err := json.Marshal(VerdictRequest{TargetID: targetID, Verdict: kind})
	if err != nil {
		return corpus.CommitmentView{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.base+"/api/commitments/"+url.PathEscape(commitmentID)+"/verdicts", bytes.NewReader(body))
	if err != nil {
		return corpus.CommitmentView{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	var out corpus.CommitmentView
	_, err = r.do(req, &out)
	return out, err
}

// DeleteVerdict takes a verdict back
// (DELETE /api/commitments/{id}/verdicts/{target_id}).
func (r *Client) DeleteVerdict(ctx context.Context, commitmentID, targetID string) (corpus.CommitmentView, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, r.base+"/api/commitments/"+url.PathEscape(commitmentID)+"/verdicts/"+url.PathEscape(targetID), nil)
	if err != nil {
		return corpus.CommitmentView{}, err
	}
	var out corpus.CommitmentView
	_, err = r.do(req, &out)
	return out, err
}

// Close releases nothing; it lets a Client stand where an index does.
func (r *Client) Close() error { return nil }

// Upload sends one file to POST /api/documents with its source key, so the
// document gets the id a local ingest would give it; it needs the token.
func (r *Client) Upload(ctx context.Context, name, source, sourceURL string, typ corpus.DocType, data []byte) (corpus.FileResult, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if sourceURL != "" {
		if err := mw.WriteField("source_url", sourceURL); err != nil {
			return corpus.FileResult{}, err
		}
	}
	if typ != "" {
		if err := mw.WriteField("type", string(typ)); err != nil {
			return corpus.FileResult{}, err
		}
	}
	if err := mw.WriteField("source", source); err != nil {
		return corpus.FileResult{}, err
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		return corpus.FileResult{}, err
	}
	if _, err := fw.Write(data); err != nil {
		return corpus.FileResult{}, err
	}
	if err := mw.Close(); err != nil {
		return corpus.FileResult{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.base+"/api/documents", &body)
	if err != nil {
		return corpus.FileResult{}, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var res corpus.FileResult
	_, err = r.do(req, &res)
	return res, err
}

// IsConnError tells "nobody answers at that address" (or an answer that
// could not be read) from an error answer of the server.
func IsConnError(err error) bool {
	var re *ResponseError
	return err != nil && !errors.As(err, &re)
}
