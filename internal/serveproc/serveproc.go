// Package serveproc runs the real strategispor binary as a child process, for
// the tests and tools that need one (crash loops, hostile input, load, the
// browser tests, the benchmark): it builds the binary, starts `serve` on a
// free loopback port with a fresh or given data directory, waits until it
// answers /api/health, and stops or kills it. It is a harness: the product
// never imports it.
package serveproc

import (
	"bytes"
	"context"
	"fmt"
	"io"
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
	Output *SyncBuffer // stdout and stderr of the process; nil when Options.Log took them
	// Started is just before the process started, Ready when /api/health
	// first answered 200: Ready.Sub(Started) is the cold start.
	Started, Ready time.Time
	done           chan struct{}
	err            error
}

// Options configures Start.
type Options struct {
	Bin   string
	Data  string   // data directory
	Token string   // STRATEGISPOR_TOKEN; empty leaves writes disabled
	Args  []string // extra arguments after "serve --data DATA --addr 127.0.0.1:0"
	// Command, when set, is the whole argument list instead; it must make
	// the process serve Data on a loopback address.
	Command []string
	Env     []string  // extra KEY=VALUE entries, after the token
	Log     io.Writer // where the output goes instead of Server.Output
	// Credential, when set, runs the process as another user.
	Credential *syscall.Credential
	Wait       time.Duration // how long to wait for /api/health; 0 = 60 s
	Poll       time.Duration // how often to look; 0 = 50 ms
}

// Start starts `strategispor serve` on a free loopback port and waits until
// /api/health answers 200. The address is read from server.json, which the
// server writes once it listens; a stale file from a killed predecessor is
// removed first and told apart by its pid.
func Start(ctx context.Context, o Options) (*Server, error) {
	_ = os.Remove(filepath.Join(o.Data, "server.json"))
	args := o.Command
	if args == nil {
		args = append([]string{"serve", "--data", o.Data, "--addr", "127.0.0.1:0"}, o.Args...)
	}
	cmd := exec.Command(o.Bin, args...)
	cmd.Env = append(append(os.Environ(), "STRATEGISPOR_TOKEN="+o.Token), o.Env...)
	if o.Credential != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: o.Credential}
	}
	s := &Server{Cmd: cmd, done: make(chan struct{})}
	output := func() string { return "(output in the log)" }
	if o.Log != nil {
		cmd.Stdout, cmd.Stderr = o.Log, o.Log
	} else {
		s.Output = &SyncBuffer{}
		cmd.Stdout, cmd.Stderr = s.Output, s.Output
		output = s.Output.String
	}
	s.Started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting serve: %w", err)
	}
	go func() { s.err = cmd.Wait(); close(s.done) }()

	wait, poll := o.Wait, o.Poll
	if wait == 0 {
		wait = 60 * time.Second
	}
	if poll == 0 {
		poll = 50 * time.Millisecond
	}
	deadline := time.Now().Add(wait)
	client := &http.Client{Timeout: 2 * time.Second}
	defer client.CloseIdleConnections()
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return nil, fmt.Errorf("serve exited before answering (%v):\n%s", s.err, output())
		case <-ctx.Done():
			s.Kill()
			return nil, ctx.Err()
		case <-time.After(poll):
		}
		info, err := datadir.ReadServer(o.Data)
		if err != nil || info.PID != cmd.Process.Pid || info.URL == "" {
			continue
		}
		if err := CheckLoopback(info.URL); err != nil {
			s.Kill()
			return nil, err
		}
		resp, err := client.Get(info.URL + "/api/health")
		if err != nil {
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			s.URL, s.Ready = info.URL, time.Now()
			return s, nil
		}
	}
	s.Kill()
	return nil, fmt.Errorf("serve did not answer /api/health within %v:\n%s", wait, output())
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

// Pid is the process id.
func (s *Server) Pid() int { return s.Cmd.Process.Pid }

// CheckLoopback refuses any base URL whose host is not a loopback address,
// so the generator can never be pointed at someone else's machine.
func CheckLoopback(base string) error {
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
