package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/strategispor/strategispor/internal/datadir"
)

// Build compiles cmd/strategispor from the repository at root into dir and
// returns the path of the binary.
func Build(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "strategispor")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/strategispor")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building strategispor: %w\n%s", err, out)
	}
	return bin, nil
}

// SyncBuffer is a bytes.Buffer safe for a child process and a reader at once.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Server is a running `strategispor serve` child process on loopback.
type Server struct {
	URL    string // base URL, "http://127.0.0.1:PORT"
	Cmd    *exec.Cmd
	Output *SyncBuffer // stdout and stderr of the process
	done   chan struct{}
	err    error
}

// ServeOptions configures StartServer.
type ServeOptions struct {
	Bin   string
	Data  string   // data directory
	Token string   // STRATEGISPOR_TOKEN; empty leaves writes disabled
	Args  []string // extra arguments after "serve"
	// Credential, when set, runs the process as another user.
	Credential *syscall.Credential
	Wait       time.Duration // how long to wait for /api/health; 0 = 60 s
}

// StartServer starts `strategispor serve` on a free loopback port and waits
// until /api/health answers 200. The address is read from server.json, which
// the server writes once it listens; a stale file from a killed predecessor
// is removed first and told apart by its pid.
func StartServer(ctx context.Context, o ServeOptions) (*Server, error) {
	_ = os.Remove(filepath.Join(o.Data, "server.json"))
	args := append([]string{"serve", "--data", o.Data, "--addr", "127.0.0.1:0"}, o.Args...)
	cmd := exec.Command(o.Bin, args...)
	cmd.Env = append(os.Environ(), "STRATEGISPOR_TOKEN="+o.Token)
	if o.Credential != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: o.Credential}
	}
	out := &SyncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting serve: %w", err)
	}
	s := &Server{Cmd: cmd, Output: out, done: make(chan struct{})}
	go func() { s.err = cmd.Wait(); close(s.done) }()

	wait := o.Wait
	if wait == 0 {
		wait = 60 * time.Second
	}
	deadline := time.Now().Add(wait)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return nil, fmt.Errorf("serve exited before answering (%v):\n%s", s.err, out.String())
		case <-ctx.Done():
			s.Kill()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		info, err := datadir.ReadServer(o.Data)
		if err != nil || info.PID != cmd.Process.Pid || info.URL == "" {
			continue
		}
		if err := checkLoopback(info.URL); err != nil {
			s.Kill()
			return nil, err
		}
		resp, err := client.Get(info.URL + "/api/health")
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			s.URL = info.URL
			return s, nil
		}
	}
	s.Kill()
	return nil, fmt.Errorf("serve did not answer /api/health within %v:\n%s", wait, out.String())
}

// Kill sends SIGKILL and waits for the process to be gone.
func (s *Server) Kill() {
	_ = s.Cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// Stop sends SIGTERM, waits up to grace for a clean exit, and returns the
// exit error (nil for a clean shutdown). After grace it kills the process.
func (s *Server) Stop(grace time.Duration) error {
	_ = s.Cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		return s.err
	case <-time.After(grace):
		s.Kill()
		return fmt.Errorf("serve did not stop within %v after SIGTERM", grace)
	}
}

// Done is closed when the process has exited.
func (s *Server) Done() <-chan struct{} { return s.done }

// checkLoopback refuses any base URL whose host is not a loopback address,
// so the generator can never be pointed at someone else's machine.
func checkLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("parsing %q: %w", base, err)
	}
	ip := net.ParseIP(u.Hostname())
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("refusing %q: only loopback addresses (127.0.0.1, ::1) are allowed", base)
	}
	return nil
}
