package main

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
	"github.com/strategispor/strategispor/internal/server"
)

// remote talks to a running strategispor server through its JSON API.
type remote struct {
	base   string
	token  string
	client *http.Client
}

func newRemote(base, token string) *remote {
	return &remote{base: strings.TrimRight(base, "/"), token: token, client: &http.Client{Timeout: 5 * time.Minute}}
}

// codeKinds maps the API's error codes back to corpus error kinds.
var codeKinds = map[string]error{
	"not_found": corpus.ErrNotFound, "invalid_request": corpus.ErrInvalid,
	"unsupported_media_type": corpus.ErrUnsupported, "unreadable": corpus.ErrUnreadable,
	"encrypted": corpus.ErrEncrypted, "extraction_timeout": corpus.ErrTimeout, "too_large": corpus.ErrTooLarge,
	"unauthorized": corpus.ErrUnauthorized, "writes_disabled": corpus.ErrWritesDisabled, "locked": corpus.ErrLocked,
	"insufficient_storage": corpus.ErrNoSpace,
}

// apiError is an error answer from the server.
type apiError struct {
	status int
	body   server.ErrorDetail
}

func (e *apiError) Error() string {
	return fmt.Sprintf("server answered %d %s: %s", e.status, e.body.Code, e.body.Message)
}

func (e *apiError) Unwrap() error { return codeKinds[e.body.Code] }

func (r *remote) do(req *http.Request, out any) (int, error) {
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
		var eb server.ErrorBody
		if json.Unmarshal(body, &eb) != nil || eb.Error.Code == "" {
			eb.Error = server.ErrorDetail{Code: "http_" + strconv.Itoa(res.StatusCode), Message: strings.TrimSpace(string(body))}
		}
		return res.StatusCode, &apiError{status: res.StatusCode, body: eb.Error}
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			return res.StatusCode, fmt.Errorf("decoding the server's answer: %w", err)
		}
	}
	return res.StatusCode, nil
}

func (r *remote) get(ctx context.Context, path string, q url.Values, out any) error {
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

func (r *remote) Documents(ctx context.Context) ([]server.DocumentSummary, error) {
	var out server.DocumentList
	err := r.get(ctx, "/api/documents", nil, &out)
	return out.Documents, err
}

func (r *remote) Search(ctx context.Context, req corpus.SearchRequest) (corpus.SearchResult, error) {
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
	var out corpus.SearchResult
	err := r.get(ctx, "/api/search", q, &out)
	return out, err
}

func (r *remote) Commitments(ctx context.Context, f corpus.CommitmentFilter) ([]corpus.CommitmentView, error) {
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
	// The server answers in pages; the command line wants them all.
	q.Set("size", strconv.Itoa(server.MaxListSize))
	var all []corpus.CommitmentView
	for {
		q.Set("from", strconv.Itoa(len(all)))
		var out server.CommitmentList
		if err := r.get(ctx, "/api/commitments", q, &out); err != nil {
			return nil, err
		}
		all = append(all, out.Commitments...)
		if len(out.Commitments) == 0 || len(all) >= out.Total {
			return all, nil
		}
	}
}

func (r *remote) Commitment(ctx context.Context, id string) (corpus.CommitmentView, error) {
	var out corpus.CommitmentView
	err := r.get(ctx, "/api/commitments/"+url.PathEscape(id), nil, &out)
	return out, err
}

func (r *remote) Tiltak(ctx context.Context, id string) (corpus.TiltakView, error) {
	var out corpus.TiltakView
	err := r.get(ctx, "/api/tiltak/"+url.PathEscape(id), nil, &out)
	return out, err
}

func (r *remote) Delete(ctx context.Context, id string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, r.base+"/api/documents/"+url.PathEscape(id), nil)
	if err != nil {
		return err
	}
	_, err = r.do(req, nil)
	return err
}

func (r *remote) Close() error { return nil }

// upload sends one file to POST /api/documents with its source key, so the
// document gets the id a local ingest would give it.
func (r *remote) upload(ctx context.Context, name, source string, typ corpus.DocType, data []byte) (corpus.FileResult, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if typ != "" {
		_ = mw.WriteField("type", string(typ))
	}
	_ = mw.WriteField("source", source)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		return corpus.FileResult{}, err
	}
	fw.Write(data)
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

// isConnError tells "nobody answers at that address" from an API error.
func isConnError(err error) bool {
	var ae *apiError
	return err != nil && !errors.As(err, &ae)
}
