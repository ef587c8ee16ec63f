package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/strategispor/strategispor/internal/serveproc"
	"github.com/strategispor/strategispor/internal/testutil"
)

// testToken enables uploads on the server the tests start.
const testToken = "e2e-test-token-7f3a9c"

// env is one running server plus one browser, shared by the subtests.
type env struct {
	base    string // http://127.0.0.1:PORT
	token   string // "" when the server was started elsewhere
	ctx     context.Context
	axe     string // axe.min.js source
	console *consoleLog
}

// browserPath finds Chromium. Without one the tests skip, except in CI.
func browserPath(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("CHROMIUM_PATH"), "/usr/bin/chromium"}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	for _, p := range candidates {
		if p == "" {
			continue
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found (install the Debian package chromium, or set CHROMIUM_PATH)")
	}
	t.Skip("no Chromium found; install the Debian package chromium to run the browser tests")
	return ""
}

// axeSource reads axe.min.js, which npm installs. The audit is part of what
// these tests check: without it they skip, except in CI, where they fail.
func axeSource(t *testing.T, root string) string {
	t.Helper()
	p := testutil.NeedFile(t, "run: npm install --prefix web/e2e axe-core@4, or set AXE_PATH",
		os.Getenv("AXE_PATH"), filepath.Join(root, "web", "e2e", "node_modules", "axe-core", "axe.min.js"))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("reading axe-core: %v", err)
	}
	return string(b)
}

// startServer builds cmd/strategispor and runs "serve" on a free loopback
// port with an empty data directory, so the seeds are ingested.
func startServer(t *testing.T, root string, args ...string) string {
	t.Helper()
	ctx := context.Background()
	bin, err := serveproc.Build(ctx, root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := serveproc.Start(ctx, serveproc.Options{Bin: bin, Data: filepath.Join(t.TempDir(), "data"),
		Token: testToken, Args: args, Wait: 120 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Stop(15 * time.Second); err != nil {
			t.Logf("strategispor serve ended: %v", err)
		}
		if t.Failed() {
			t.Logf("server output:\n%s", srv.Output.String())
		}
	})
	return srv.URL
}

// consoleLog keeps the browser's console messages.
type consoleLog struct {
	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

func (c *consoleLog) add(m chromedp.ConsoleMessage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.msgs = append(c.msgs, m)
}

// take returns the messages since the last call.
func (c *consoleLog) take() []chromedp.ConsoleMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.msgs
	c.msgs = nil
	return m
}

// setup starts (or finds) the server and a headless browser with a fresh
// profile.
// args go to serve after its data directory and address ("--no-seeds").
func setup(t *testing.T, args ...string) *env {
	t.Helper()
	root := testutil.RepoRoot(t)
	chromium := browserPath(t)
	axe := axeSource(t, root)

	e := &env{axe: axe, console: &consoleLog{}}
	if u := os.Getenv("STRATEGISPOR_E2E_URL"); u != "" {
		e.base = strings.TrimRight(u, "/")
		e.token = os.Getenv("STRATEGISPOR_E2E_TOKEN")
	} else {
		e.base = startServer(t, root, args...)
		e.token = testToken
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "nb-NO"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			e.console.add(m)
		}
	}()
	e.ctx = ctx
	return e
}
