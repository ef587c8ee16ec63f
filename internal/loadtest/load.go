// Package loadtest drives a running strategispor server with a bounded,
// loopback-only mix of searches, document and commitment reads while uploads
// go through the write API, and reports latency percentiles per request kind,
// throughput and server errors. It also generates documents from the seed
// texts for the robustness tests; internal/serveproc runs the server.
package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/strategispor/strategispor/internal/serveproc"
)

// Request kinds in the report.
const (
	KindSearch      = "search"
	KindDocument    = "document"
	KindCommitments = "commitments"
	KindCommitment  = "commitment"
	KindUpload      = "upload"
)

// Upload is one file to send through POST /api/documents.
type Upload struct {
	Name string
	Body []byte
}

// Config bounds a run in time and requests.
type Config struct {
	BaseURL     string        // must be a loopback address
	Token       string        // bearer token for uploads
	Workers     int           // concurrent readers; default 8
	Duration    time.Duration // wall-clock bound; default 10 s
	MaxRequests int           // bound on read requests; default 1,000,000
	Queries     []string      // search queries, used round-robin at random
	Uploads     []Upload      // sent once each by UploadWorkers while the readers run
	// UploadWorkers is how many uploads run at once; default 1.
	UploadWorkers int
	// NoCommitments leaves the commitment endpoints out of the mix, to
	// measure search and document reads alone.
	NoCommitments bool
	Seed          uint64
	Timeout       time.Duration // per request; default 90 s, past the server's own 30 s
}

// Ack is an upload the server acknowledged with 2xx.
type Ack struct {
	Name       string `json:"name"`
	DocumentID string `json:"document_id"`
	Sections   int    `json:"sections"`
	Outcome    string `json:"outcome"`
}

// Run drives the server until cfg.Duration passes, cfg.MaxRequests reads are
// done or ctx ends. Uploads that do not finish in time are counted as not sent.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := serveproc.CheckLoopback(cfg.BaseURL); err != nil {
		return nil, err
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 8
	}
	if cfg.Duration <= 0 {
		cfg.Duration = 10 * time.Second
	}
	if cfg.MaxRequests <= 0 {
		cfg.MaxRequests = 1_000_000
	}
	if cfg.UploadWorkers <= 0 {
		cfg.UploadWorkers = 1
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 90 * time.Second
	}
	if len(cfg.Queries) == 0 {
		return nil, errors.New("load: no queries")
	}
	client := &http.Client{
		Timeout: cfg.Timeout,
		Transport: &http.Transport{
			MaxIdleConns:        cfg.Workers + cfg.UploadWorkers,
			MaxIdleConnsPerHost: cfg.Workers + cfg.UploadWorkers,
			IdleConnTimeout:     30 * time.Second,
		},
	}
	defer client.CloseIdleConnections()

	targets, err := fetchTargets(ctx, client, cfg.BaseURL)
	if err != nil {
		return nil, err
	}

	// Reads stop at the deadline; an upload already sent is allowed to finish
	// (bounded by the client timeout) so that its acknowledgement is known.
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	rec := newRecorder()
	start := time.Now()

	var issued atomic.Int64
	var wg sync.WaitGroup
	for w := range cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(w)+1))
			for ctx.Err() == nil && issued.Add(1) <= int64(cfg.MaxRequests) {
				kind, path := targets.pick(rng, cfg.Queries, cfg.NoCommitments)
				rec.do(ctx, client, kind, http.MethodGet, cfg.BaseURL+path, nil, "", "")
			}
		}()
	}

	uploads := make(chan Upload)
	var acksMu sync.Mutex
	var acks []Ack
	var uwg sync.WaitGroup
	for range cfg.UploadWorkers {
		uwg.Add(1)
		go func() {
			defer uwg.Done()
			for u := range uploads {
				body, ctype, err := multipartBody(u)
				if err != nil {
					rec.fail(KindUpload, err)
					continue
				}
				status, resp := rec.do(parent, client, KindUpload, http.MethodPost, cfg.BaseURL+"/api/documents",
					body, ctype, cfg.Token)
				if status >= 200 && status < 300 {
					a := parseAck(resp)
					a.Name = u.Name
					acksMu.Lock()
					acks = append(acks, a)
					acksMu.Unlock()
				}
			}
		}()
	}
	sent := 0
feed:
	for _, u := range cfg.Uploads {
		select {
		case uploads <- u:
			sent++
		case <-ctx.Done():
			break feed
		}
	}
	close(uploads)
	uwg.Wait()
	wg.Wait()
	rep := rec.report(time.Since(start))
	rep.Acks = acks
	rep.UploadsNotSent = len(cfg.Uploads) - sent
	return rep, nil
}

// targets holds ids to read, fetched before the run.
type targets struct {
	documents   []string
	commitments []string
}

func fetchTargets(ctx context.Context, client *http.Client, base string) (*targets, error) {
	var docs struct {
		Documents []struct {
			ID string `json:"id"`
		} `json:"documents"`
	}
	if err := getJSON(ctx, client, base+"/api/documents", &docs); err != nil {
		return nil, err
	}
	var coms struct {
		Commitments []struct {
			ID string `json:"id"`
		} `json:"commitments"`
	}
	if err := getJSON(ctx, client, base+"/api/commitments", &coms); err != nil {
		return nil, err
	}
	t := &targets{}
	for _, d := range docs.Documents {
		t.documents = append(t.documents, d.ID)
	}
	for _, c := range coms.Commitments {
		t.commitments = append(t.commitments, c.ID)
	}
	if len(t.documents) == 0 {
		return nil, errors.New("load: the server has no documents to read")
	}
	return t, nil
}

// pick chooses the next read: 55 % search, 20 % document, 15 % commitment,
// 10 % commitment list (half of them filtered by a query). Without
// commitments it is 70 % search, 30 % document.
func (t *targets) pick(rng *rand.Rand, queries []string, noCommitments bool) (kind, path string) {
	n := rng.IntN(100)
	if noCommitments {
		n = n * 75 / 100 // 0–54 search, 55–74 document
	}
	switch {
	case n < 55:
		q := url.Values{"q": {queries[rng.IntN(len(queries))]}}
		if rng.IntN(4) == 0 {
			q.Set("from", "10")
		}
		return KindSearch, "/api/search?" + q.Encode()
	case n < 75:
		return KindDocument, "/api/documents/" + url.PathEscape(t.documents[rng.IntN(len(t.documents))])
	case n < 90 && len(t.commitments) > 0:
		return KindCommitment, "/api/commitments/" + url.PathEscape(t.commitments[rng.IntN(len(t.commitments))])
	default:
		if rng.IntN(2) == 0 {
			return KindCommitments, "/api/commitments?" + url.Values{"q": {queries[rng.IntN(len(queries))]}}.Encode()
		}
		return KindCommitments, "/api/commitments"
	}
}

func getJSON(ctx context.Context, client *http.Client, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("GET %s: status %d: %s", u, resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("GET %s: decoding: %w", u, err)
	}
	return nil
}

func multipartBody(u Upload) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile("file", u.Name)
	if err != nil {
		return nil, "", err
	}
	if _, err := fw.Write(u.Body); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// UploadFile sends one file through POST /api/documents and returns the
// status and the body of the answer.
func UploadFile(ctx context.Context, client *http.Client, base, token string, u Upload) (int, []byte, error) {
	body, ctype, err := multipartBody(u)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/documents", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, b, err
}

// ParseAck reads the document id and section count from an upload answer.
func ParseAck(body []byte) Ack { return parseAck(body) }

// parseAck accepts a FileResult-shaped answer ({"document_id", "sections"})
// or one nesting it under "result" or "document".
func parseAck(body []byte) Ack {
	var flat struct {
		Ack
		ID       string `json:"id"`
		Result   *Ack   `json:"result"`
		Document *struct {
			ID string `json:"id"`
		} `json:"document"`
	}
	if json.Unmarshal(body, &flat) != nil {
		return Ack{}
	}
	a := flat.Ack
	if flat.Result != nil && a.DocumentID == "" {
		a = *flat.Result
	}
	if a.DocumentID == "" && flat.Document != nil {
		a.DocumentID = flat.Document.ID
	}
	if a.DocumentID == "" {
		a.DocumentID = flat.ID
	}
	return a
}
