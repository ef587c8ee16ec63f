package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/strategispor/strategispor/internal/serveproc"
)

// expand splits a command-line template into arguments and fills its placeholders.
func expand(tmpl string, vars map[string]string) []string {
	args := strings.Fields(tmpl)
	for i, a := range args {
		for k, v := range vars {
			a = strings.ReplaceAll(a, "{"+k+"}", v)
		}
		args[i] = a
	}
	return args
}

// runIngest runs the CLI ingest of src into data and returns its wall time.
func runIngest(ctx context.Context, opt Options, data, src, logPath string) (time.Duration, int64, error) {
	args := expand(opt.IngestArgs, map[string]string{"data": data, "src": src})
	logf, err := os.Create(logPath)
	if err != nil {
		return 0, 0, fmt.Errorf("bench: ingest log: %w", err)
	}
	defer logf.Close()
	cmd := exec.CommandContext(ctx, opt.Binary, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	t0 := time.Now()
	err = cmd.Run()
	d := time.Since(t0)
	if err != nil {
		return 0, 0, fmt.Errorf("bench: %s %s: %w (output in %s)", filepath.Base(opt.Binary), strings.Join(args, " "), err, logPath)
	}
	return d, peakRSSKB(cmd.ProcessState), nil
}

// serveProc is a running `strategispor serve` with the client the
// benchmark measures it through.
type serveProc struct {
	*serveproc.Server
	logf   *os.File
	client *http.Client
}

// startServe starts serve on data and waits until /api/health answers 200.
// It returns the time from process start to that first answer.
func startServe(ctx context.Context, opt Options, data, logPath string) (*serveProc, time.Duration, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, 0, fmt.Errorf("bench: serve log: %w", err)
	}
	srv, err := serveproc.Start(ctx, serveproc.Options{
		Bin:     opt.Binary,
		Data:    data,
		Command: expand(opt.ServeArgs, map[string]string{"data": data, "addr": "127.0.0.1:0"}),
		Env:     opt.ServeEnv,
		Log:     logf,
		Wait:    5 * time.Minute,
		Poll:    2 * time.Millisecond, // the cold start is measured to the poll
	})
	if err != nil {
		logf.Close()
		return nil, 0, fmt.Errorf("bench: %w; output in %s", err, logPath)
	}
	s := &serveProc{Server: srv, logf: logf,
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8, DisableCompression: true}}}
	return s, srv.Ready.Sub(srv.Started), nil
}

// health is the /api/health answer.
type health struct {
	Status    string `json:"status"`
	Documents int    `json:"documents"`
	Sections  int    `json:"sections"`
}

func (s *serveProc) health(ctx context.Context) (health, error) {
	var h health
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/api/health", nil)
	if err != nil {
		return h, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return h, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return h, fmt.Errorf("health: status %d", resp.StatusCode)
	}
	err = json.NewDecoder(resp.Body).Decode(&h)
	return h, err
}

// waitDocuments polls /api/health until it reports at least n documents.
func (s *serveProc) waitDocuments(ctx context.Context, n int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		h, err := s.health(ctx)
		if err == nil && h.Documents >= n {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("bench: serve reported %d documents after %v, want %d", h.Documents, limit, n)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// stop ends the server with SIGTERM (SIGKILL after 20 s) and waits for it.
// An exit status after SIGTERM is the server's own business, not an error of
// the run.
func (s *serveProc) stop() error {
	defer s.logf.Close()
	s.client.CloseIdleConnections()
	err := s.Stop(20 * time.Second)
	var ee *exec.ExitError
	if err == nil || errors.As(err, &ee) {
		return nil
	}
	return fmt.Errorf("bench: %w", err)
}

// memory reads VmRSS and VmHWM of the server process, in kB.
func (s *serveProc) memory() (rss, hwm int64, err error) {
	status := s.statusPath()
	if rss, err = procField(status, "VmRSS"); err != nil {
		return 0, 0, err
	}
	hwm, err = procField(status, "VmHWM")
	return rss, hwm, err
}

// rssSplit reads the anonymous (heap, stacks) and file-backed (Bleve's
// memory-mapped segments, which the kernel can drop) parts of VmRSS, in kB.
func (s *serveProc) rssSplit() (anon, file int64, err error) {
	status := s.statusPath()
	if anon, err = procField(status, "RssAnon"); err != nil {
		return 0, 0, err
	}
	file, err = procField(status, "RssFile")
	return anon, file, err
}

func (s *serveProc) statusPath() string {
	return filepath.Join("/proc", strconv.Itoa(s.Pid()), "status")
}

// searchAnswer is the part of /api/search's answer the benchmark checks.
type searchAnswer struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		SectionID string `json:"section_id"`
		Snippet   string `json:"snippet"`
	} `json:"hits"`
	Facets map[string]json.RawMessage `json:"facets"`
}

// search runs one query with the API's defaults: 10 hits, snippets, facets.
// A hit without a snippet or an answer without facets is an error: the
// figures must be those of the full request.
func (s *serveProc) search(ctx context.Context, q string) (int64, error) {
	u := s.URL + "/api/search?size=10&q=" + url.QueryEscape(q)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("bench: search %q: %w", q, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, fmt.Errorf("bench: search %q: %w", q, err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("bench: search %q: status %d: %s", q, resp.StatusCode, bytes.TrimSpace(body))
	}
	var a searchAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return 0, fmt.Errorf("bench: search %q: %w", q, err)
	}
	if a.Total > 0 {
		if len(a.Facets) == 0 {
			return 0, fmt.Errorf("bench: search %q: answer has no facets", q)
		}
		for _, h := range a.Hits {
			if h.Snippet == "" {
				return 0, fmt.Errorf("bench: search %q: hit %s has no snippet", q, h.SectionID)
			}
		}
	}
	return int64(a.Total), nil
}
