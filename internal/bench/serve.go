package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
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
func runIngest(ctx context.Context, opt Options, data, src, logPath string) (time.Duration, error) {
	args := expand(opt.IngestArgs, map[string]string{"data": data, "src": src})
	logf, err := os.Create(logPath)
	if err != nil {
		return 0, fmt.Errorf("bench: ingest log: %w", err)
	}
	defer logf.Close()
	cmd := exec.CommandContext(ctx, opt.Binary, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	t0 := time.Now()
	err = cmd.Run()
	d := time.Since(t0)
	if err != nil {
		return 0, fmt.Errorf("bench: %s %s: %w (output in %s)", filepath.Base(opt.Binary), strings.Join(args, " "), err, logPath)
	}
	return d, nil
}

// serveProc is a running `strategispor serve`.
type serveProc struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:port
	logf   *os.File
	exited chan error
	client *http.Client
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServe starts serve on data and waits until /api/health answers 200.
// It returns the time from process start to that first answer.
func startServe(ctx context.Context, opt Options, data, logPath string) (*serveProc, time.Duration, error) {
	port, err := freePort()
	if err != nil {
		return nil, 0, fmt.Errorf("bench: choosing a port: %w", err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := expand(opt.ServeArgs, map[string]string{"data": data, "addr": addr})
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, 0, fmt.Errorf("bench: serve log: %w", err)
	}
	cmd := exec.Command(opt.Binary, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = append(os.Environ(), opt.ServeEnv...)
	s := &serveProc{cmd: cmd, base: "http://" + addr, logf: logf, exited: make(chan error, 1),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8, DisableCompression: true}}}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, 0, fmt.Errorf("bench: starting serve: %w", err)
	}
	go func() { s.exited <- cmd.Wait() }()
	deadline := time.NewTimer(5 * time.Minute)
	defer deadline.Stop()
	for {
		if s.healthOK(ctx) {
			return s, time.Since(t0), nil
		}
		select {
		case err := <-s.exited:
			logf.Close()
			return nil, 0, fmt.Errorf("bench: serve exited before answering (%v); output in %s", err, logPath)
		case <-ctx.Done():
			s.stop()
			return nil, 0, ctx.Err()
		case <-deadline.C:
			s.stop()
			return nil, 0, fmt.Errorf("bench: serve did not answer /api/health within 5 minutes; output in %s", logPath)
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// health is the /api/health answer.
type health struct {
	Status    string `json:"status"`
	Documents int    `json:"documents"`
	Sections  int    `json:"sections"`
}

func (s *serveProc) health(ctx context.Context) (health, error) {
	var h health
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/api/health", nil)
	if err != nil {
		return h, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return h, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return h, fmt.Errorf("health: status %d", resp.StatusCode)
	}
	err = json.NewDecoder(resp.Body).Decode(&h)
	return h, err
}

func (s *serveProc) healthOK(ctx context.Context) bool {
	c, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := s.health(c)
	return err == nil
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
func (s *serveProc) stop() error {
	defer s.logf.Close()
	s.client.CloseIdleConnections()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.exited:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			return err
		}
		return nil
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
		return errors.New("bench: serve did not stop within 20 s of SIGTERM")
	}
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
	return filepath.Join("/proc", strconv.Itoa(s.cmd.Process.Pid), "status")
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
	u := s.base + "/api/search?size=10&q=" + url.QueryEscape(q)
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
