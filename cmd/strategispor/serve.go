package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/connlimit"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/datadir"
	"github.com/strategispor/strategispor/internal/server"
)

type serveOptions struct {
	common
	addr           string
	noSeeds        bool
	tokenFile      string
	maxUpload      int64
	trustedProxies []string
	allowedHosts   []string
	maxConns       int
	maxRequests    int
	idleTimeout    time.Duration
	minFree        int64
	uploadTimeout  time.Duration
}

// Defaults of the connection flags.
const (
	defaultMaxConns    = 256
	defaultIdleTimeout = 30 * time.Second
)

const serveHelp = `
Serves the web UI at / and the JSON API under /api (described at
/api/openapi.json). On first start with an empty data directory it ingests the
built-in seed documents, unless --no-seeds.

Uploads and deletes through the API need a bearer token, read from
--token-file or $STRATEGISPOR_TOKEN; without one the server is read-only.
While it runs, the server owns the data directory and records its address in
server.json there, so that other strategispor commands can reach it.
SIGINT or SIGTERM stops it gracefully.

A request must name the server in its Host header by the listen address,
localhost, 127.0.0.1 or [::1] (any address of the machine when listening on
all of them), or by a name given with --allowed-host, such as the public name
behind a reverse proxy; other names are answered 421. This keeps a web page
that points its own name at this machine (DNS rebinding) from reading the API.`

// shutdownGrace is how long in-flight requests get after a stop signal.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, a *app, args []string) error {
	var o serveOptions
	fs := newFlags("serve")
	o.register(fs)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.BoolVar(&o.noSeeds, "no-seeds", false, "do not ingest the built-in seed documents into an empty index")
	fs.StringVar(&o.tokenFile, "token-file", "", "file holding the bearer token for uploads and deletes (default $STRATEGISPOR_TOKEN)")
	fs.Int64Var(&o.maxUpload, "max-upload", server.DefaultMaxUpload, "largest accepted upload in bytes")
	fs.StringSliceVar(&o.trustedProxies, "trusted-proxy", nil, "proxy address or CIDR whose X-Forwarded-For is trusted (repeatable)")
	fs.StringSliceVar(&o.allowedHosts, "allowed-host", nil, "another host name clients may use in the Host header, besides the listen address and localhost (repeatable)")
	fs.IntVar(&o.maxConns, "max-connections", defaultMaxConns, "most connections held open at once; idle ones are closed to make room")
	fs.IntVar(&o.maxRequests, "max-requests", server.DefaultMaxInFlight, "most requests handled at once; more are answered 503 with Retry-After")
	fs.Int64Var(&o.minFree, "min-free", index.DefaultMinFree, "disk space in bytes that uploads must leave free on the disk holding the index; more answers 507")
	fs.DurationVar(&o.uploadTimeout, "upload-timeout", server.DefaultUploadTimeout, "deadline of an upload or delete: receiving the body, extracting and indexing")
	fs.DurationVar(&o.idleTimeout, "idle-timeout", defaultIdleTimeout, "how long an idle keep-alive connection stays open")
	if err := a.parse(fs, args, "", serveHelp); err != nil {
		return done(err)
	}
	if fs.NArg() > 0 {
		return usageErrorf("serve", "serve takes no arguments")
	}
	if o.maxUpload <= 0 {
		return usageErrorf("serve", "--max-upload must be positive")
	}
	if o.minFree == 0 {
		o.minFree = -1 // --min-free 0: no reserve, no check
	}
	if o.maxConns < 1 || o.maxRequests < 1 || o.idleTimeout <= 0 || o.uploadTimeout <= 0 {
		return usageErrorf("serve", "--max-connections, --max-requests, --idle-timeout and --upload-timeout must be positive")
	}
	token, err := a.token(o.tokenFile)
	if err != nil {
		return err
	}
	log := o.logger(a, slog.LevelInfo)
	dir, err := datadir.Resolve(o.data, a.getenv)
	if err != nil {
		return err
	}
	d, err := datadir.Lock(dir)
	if err != nil {
		return err
	}
	// Listen before the slow parts (opening the index, seeding) so that a
	// busy port fails at once.
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		d.Release()
		return fmt.Errorf("listening on %s: %w", o.addr, err)
	}
	defer ln.Close()
	l, err := openIndex(d, log, o.minFree)
	if err != nil {
		return err
	}
	defer func() {
		if err := l.Close(); err != nil {
			log.Error("closing the index", "err", err)
		}
	}()

	if !o.noSeeds {
		if err := seedIfEmpty(ctx, l, log); err != nil {
			return err
		}
	}
	srv, err := server.New(server.Options{
		Reader:         l.ix.Reader(),
		Commitments:    l.links,
		Verdicts:       l.links,
		Ingester:       batch.New(l.store(), batch.Options{Workers: 1, Logger: log}),
		UI:             uiHandler(),
		Export:         files,
		Token:          token,
		MaxUpload:      o.maxUpload,
		UploadTimeout:  o.uploadTimeout,
		TrustedProxies: o.trustedProxies,
		AllowedHosts:   allowedHosts(ln.Addr(), o.allowedHosts),
		MaxInFlight:    o.maxRequests,
		Logger:         log,
	})
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// Uploads are cut off at their own deadline while the body streams
		// in; these are the backstops for everything else.
		ReadTimeout:    o.uploadTimeout + 30*time.Second,
		WriteTimeout:   o.uploadTimeout + time.Minute,
		IdleTimeout:    o.idleTimeout,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	capped := connlimit.New(ln, o.maxConns, server.OverloadedBody(), log)
	hs.ConnState = capped.ConnState
	url := "http://" + dialable(ln.Addr().String())
	info := datadir.ServerInfo{Addr: ln.Addr().String(), URL: url, PID: os.Getpid(), Started: time.Now().UTC()}
	if err := l.dir.WriteServer(info); err != nil {
		return err
	}
	defer func() {
		if err := l.dir.RemoveServer(); err != nil {
			log.Warn("removing server.json", "err", err)
		}
	}()

	docs, secs, err := l.ix.Reader().Stats(ctx)
	if err != nil {
		return fmt.Errorf("reading index stats: %w", err)
	}
	writes := "read-only (no token)"
	if token != "" {
		writes = "uploads enabled"
	}
	printf(a.stdout, "strategispor serving %d documents (%d sections) at %s, %s\n", docs, secs, url, writes)

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(capped) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
}

// minTokenLen is the shortest write token serve accepts: a shorter one can
// be guessed.
const minTokenLen = 16

// token reads the write token from the file, else from the environment. A
// token file others can read, or a token shorter than minTokenLen, is
// refused: either would let someone else write to the index.
func (a *app) token(file string) (string, error) {
	if file == "" {
		t := strings.TrimSpace(a.getenv(envToken))
		if t != "" && len(t) < minTokenLen {
			return "", fmt.Errorf("$%s is %d bytes; a write token must be at least %d", envToken, len(t), minTokenLen)
		}
		return t, nil
	}
	fi, err := os.Stat(file)
	if err != nil {
		return "", fmt.Errorf("reading --token-file: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return "", fmt.Errorf("--token-file %s can be read or written by group or others (mode %04o); "+
			"make it private with chmod 600 %s", file, perm, file)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("reading --token-file: %w", err)
	}
	t := strings.TrimSpace(string(b))
	if t == "" {
		return "", fmt.Errorf("--token-file %s is empty", file)
	}
	if len(t) < minTokenLen {
		return "", fmt.Errorf("--token-file %s holds a token of %d bytes; a write token must be at least %d", file, len(t), minTokenLen)
	}
	return t, nil
}

// allowedHosts are the names the server answers for: its listen address,
// the loopback names, every address of this machine when it listens on all
// of them, and the --allowed-host names.
func allowedHosts(addr net.Addr, extra []string) []string {
	hosts := append([]string{"localhost", "127.0.0.1", "::1"}, extra...)
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return hosts
	}
	hosts = append(hosts, host)
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					hosts = append(hosts, n.IP.String())
				}
			}
		}
		if name, err := os.Hostname(); err == nil {
			hosts = append(hosts, name)
		}
	}
	return hosts
}

// dialable replaces an unspecified listen host with loopback, so the URL in
// server.json works for clients on this machine.
func dialable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1" // a wildcard listener on Linux takes IPv4 too
	}
	return net.JoinHostPort(host, port)
}

// seedIfEmpty ingests the built-in seed documents into an empty index.
func seedIfEmpty(ctx context.Context, l *local, log *slog.Logger) error {
	docs, _, err := l.ix.Reader().Stats(ctx)
	if err != nil {
		return fmt.Errorf("reading index stats: %w", err)
	}
	if docs > 0 {
		return nil
	}
	items, err := seedItems()
	if err != nil {
		return err
	}
	rep, err := batch.New(l.store(), batch.Options{Logger: log}).Run(ctx, items)
	if err != nil {
		return fmt.Errorf("ingesting seed documents: %w", err)
	}
	log.Info("ingested seed documents", "documents", rep.Ingested, "sections", rep.Sections, "failed", rep.Failed, "seconds", rep.Seconds)
	for _, r := range rep.Results {
		if r.Outcome == corpus.OutcomeFailed {
			log.Warn("seed document failed", "path", r.Path, "reason", r.Reason)
		}
	}
	return nil
}
