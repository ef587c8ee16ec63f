package hostiletest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/loadtest"
	"github.com/strategispor/strategispor/internal/serveproc"
	"github.com/strategispor/strategispor/internal/testutil"
)

const limitsToken = "server-limits-token-4b1d"

// limitsFixture is the binary and what every case shares.
type limitsFixture struct {
	bin, base string
	client    *http.Client
}

// TestServerLimits runs the real server through the HTTP-level attacks:
// another Host name, thousands of idle connections, more requests than it
// handles at once, uploads trickling in, a full disk, a large list, and
// a token file others can read. Each case starts its own server and logs
// its peak RSS and how long it took (docs/robustness.md, "Bounded cost:
// the server").
func TestServerLimits(t *testing.T) {
	root := testutil.RepoRoot(t)
	base := t.TempDir()
	bin, err := serveproc.Build(context.Background(), root, base)
	if err != nil {
		t.Fatal(err)
	}
	fx := &limitsFixture{bin: bin, base: base, client: &http.Client{Timeout: 30 * time.Second}}
	t.Run("host", fx.host)
	t.Run("idle connections", fx.idleConnections)
	t.Run("requests in flight", fx.inFlight)
	t.Run("trickling uploads", fx.trickle)
	t.Run("full disk", fx.fullDisk)
	t.Run("commitment pages", fx.pages)
	t.Run("token file", fx.tokenFile)
}

// start runs serve on its own data directory and stops it when the test ends.
func (fx *limitsFixture) start(t *testing.T, data string, args ...string) *serveproc.Server {
	t.Helper()
	if data == "" {
		data = filepath.Join(t.TempDir(), "data")
	}
	srv, err := serveproc.Start(context.Background(), serveproc.Options{
		Bin: fx.bin, Data: data, Token: limitsToken, Args: args})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Kill)
	t.Cleanup(func() {
		if out := srv.Output.String(); strings.Contains(out, "panic") || strings.Contains(out, "fatal error:") {
			t.Errorf("the server output shows a panic:\n%s", tail(out, 3000))
		}
	})
	return srv
}

// measure logs the case's figures in one line: elapsed time and the
// server's peak and current RSS.
func measure(t *testing.T, srv *serveproc.Server, start time.Time, what string) {
	t.Helper()
	hwm, rss := procMem(srv.Cmd.Process.Pid)
	t.Logf("MEASURE %s: %.2f s, peak RSS %d MiB, RSS %d MiB", what, time.Since(start).Seconds(), hwm>>20, rss>>20)
	if hwm > 1<<30 {
		t.Errorf("peak RSS %d MiB is over 1 GiB", hwm>>20)
	}
}

// procMem reads VmHWM and VmRSS of a running process.
func procMem(pid int) (hwm, rss int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmHWM:":
			hwm = n << 10
		case "VmRSS:":
			rss = n << 10
		}
	}
	return hwm, rss
}

func openFDs(pid int) int {
	entries, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	return len(entries)
}

// status sends a request and returns its status, the error code of an error
// answer, and the answer.
func (fx *limitsFixture) status(t *testing.T, req *http.Request) (int, string, *http.Response) {
	t.Helper()
	res, err := fx.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var e apiError
	if res.StatusCode >= 400 {
		if err := json.Unmarshal(b, &e); err != nil {
			t.Errorf("%s %s: %d answer is not the JSON error shape: %.200s", req.Method, req.URL, res.StatusCode, b)
		}
	}
	return res.StatusCode, e.Error.Code, res
}

func (fx *limitsFixture) host(t *testing.T) {
	start := time.Now()
	srv := fx.start(t, "")
	u, _ := url.Parse(srv.URL)
	for _, tt := range []struct {
		host string
		want int
	}{
		{"evil.example", 421},
		{"evil.example:" + u.Port(), 421},
		{"127.0.0.1.nip.io:" + u.Port(), 421},
		{u.Host, 200},
		{"localhost:" + u.Port(), 200},
		{"127.0.0.1", 200},
	} {
		for _, p := range []string{"/api/documents", "/", "/api/health"} {
			req, _ := http.NewRequest("GET", srv.URL+p, nil)
			req.Host = tt.host
			st, code, _ := fx.status(t, req)
			if st != tt.want || (st == 421 && code != "host_not_allowed") {
				t.Errorf("Host %s %s: %d %s, want %d", tt.host, p, st, code, tt.want)
			}
		}
	}
	measure(t, srv, start, "Host check")
}

// idleConnections opens 2,000 keep-alive connections
// ($STRATEGISPOR_IDLE_CONNS for another number), each idle after one
// request, against a cap of 64: the server's descriptors stay bounded and
// new clients are served at once.
func (fx *limitsFixture) idleConnections(t *testing.T) {
	srv := fx.start(t, "", "--max-connections", "64")
	u, _ := url.Parse(srv.URL)
	pid := srv.Cmd.Process.Pid
	before := openFDs(pid)
	start := time.Now()
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("STRATEGISPOR_IDLE_CONNS")); err == nil && v > 0 {
		n = v
	}
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	served := 0
	for range n {
		c, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
		if err != nil {
			t.Fatalf("dial after %d connections: %v", len(conns), err)
		}
		conns = append(conns, c)
		c.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(c, "GET /api/health HTTP/1.1\r\nHost: %s\r\n\r\n", u.Host)
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == 200 {
				served++
			}
		}
		c.SetDeadline(time.Time{})
	}
	opened := time.Since(start)
	peakFDs := openFDs(pid)
	// A client arriving now is served, not kept waiting.
	var worst time.Duration
	for range 20 {
		t0 := time.Now()
		st, _, _ := fx.status(t, mustRequest(t, "GET", srv.URL+"/api/search?q=digitalisering", nil))
		if st != 200 {
			t.Errorf("a new client among %d idle connections got %d", n, st)
		}
		worst = max(worst, time.Since(t0))
	}
	t.Logf("%d connections opened in %v, %d answered 200; server descriptors %d before, %d after; slowest new request %v",
		n, opened.Round(time.Millisecond), served, before, peakFDs, worst.Round(time.Millisecond))
	if served != n {
		t.Errorf("%d of %d connections answered: each should be served before it idles", served, n)
	}
	if peakFDs > before+64+16 {
		t.Errorf("the server holds %d descriptors with a cap of 64 connections (%d before)", peakFDs, before)
	}
	if worst > 5*time.Second {
		t.Errorf("a new request took %v", worst)
	}
	measure(t, srv, start, fmt.Sprintf("%d idle keep-alive connections", n))
}

// trickleUpload starts an authenticated upload that sends its body one byte
// per interval. It returns the status (or -1 on a connection error) when
// the server answers.
func trickleUpload(ctx context.Context, base, name string, every time.Duration) (status int, code string, took time.Duration) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		defer pw.Close()
		fw, _ := mw.CreateFormFile("file", name)
		for _, b := range []byte(strings.Repeat("Regjeringen vil vente. ", 50)) {
			select {
			case <-ctx.Done():
				return
			case <-time.After(every):
			}
			if _, err := fw.Write([]byte{b}); err != nil {
				return
			}
		}
		mw.Close()
	}()
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/documents", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+limitsToken)
	start := time.Now()
	res, err := http.DefaultClient.Do(req)
	took = time.Since(start)
	pr.CloseWithError(io.ErrClosedPipe)
	if err != nil {
		return -1, err.Error(), took
	}
	defer res.Body.Close()
	var e apiError
	json.NewDecoder(res.Body).Decode(&e)
	return res.StatusCode, e.Error.Code, took
}

// inFlight holds every request slot with trickling uploads: further
// requests get 503 with Retry-After at once, and are served again when the
// slots free up.
func (fx *limitsFixture) inFlight(t *testing.T) {
	srv := fx.start(t, "", "--max-requests", "4", "--upload-timeout", "4s")
	start := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			trickleUpload(ctx, srv.URL, fmt.Sprintf("treg-%d.txt", i), 100*time.Millisecond)
		}()
	}
	var st int
	var res *http.Response
	var code string
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if st, code, res = fx.status(t, mustRequest(t, "GET", srv.URL+"/api/health", nil)); st == 503 {
			break
		}
	}
	if st != 503 || code != "overloaded" || res.Header.Get("Retry-After") == "" {
		t.Errorf("with every slot taken: %d %s, Retry-After %q", st, code, res.Header.Get("Retry-After"))
	}
	t0 := time.Now()
	fx.status(t, mustRequest(t, "GET", srv.URL+"/api/search?q=plan", nil))
	t.Logf("a refused request was answered in %v", time.Since(t0).Round(time.Microsecond))
	cancel()
	wg.Wait()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if st, _, _ = fx.status(t, mustRequest(t, "GET", srv.URL+"/api/health", nil)); st == 200 {
			break
		}
	}
	if st != 200 {
		t.Errorf("after the uploads ended, health answers %d", st)
	}
	measure(t, srv, start, "4 request slots held by trickling uploads")
}

// trickle sends 20 uploads at one byte per second with an upload deadline
// of 3 s: every one is cut off with 408 near the deadline and none is stored.
func (fx *limitsFixture) trickle(t *testing.T) {
	const deadline = 3 * time.Second
	srv := fx.start(t, "", "--upload-timeout", deadline.String())
	start := time.Now()
	type answer struct {
		status int
		code   string
		took   time.Duration
	}
	answers := make(chan answer, 20)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i := range 20 {
		go func() {
			st, code, took := trickleUpload(ctx, srv.URL, fmt.Sprintf("drypp-%d.txt", i), time.Second)
			answers <- answer{st, code, took}
		}()
	}
	var slowest time.Duration
	for range 20 {
		a := <-answers
		slowest = max(slowest, a.took)
		if a.status != http.StatusRequestTimeout || a.code != "request_timeout" {
			t.Errorf("trickling upload: %d %s after %v, want 408 request_timeout", a.status, a.code, a.took)
		}
	}
	t.Logf("20 uploads at 1 byte/s, deadline %v: the last was cut off after %v", deadline, slowest.Round(time.Millisecond))
	if slowest > deadline+3*time.Second {
		t.Errorf("an upload ran %v past a deadline of %v", slowest, deadline)
	}
	var docs struct {
		Documents []struct{ Source string } `json:"documents"`
	}
	if err := getJSON(fx.client, srv.URL+"/api/documents", &docs); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs.Documents {
		if strings.Contains(d.Source, "drypp") {
			t.Errorf("a cut-off upload was stored: %s", d.Source)
		}
	}
	measure(t, srv, start, "20 uploads trickling at 1 byte/s")
}

func mustRequest(t *testing.T, method, u string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// upload sends one file and returns the status and error code.
func (fx *limitsFixture) upload(t *testing.T, base, name string, data []byte) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req := mustRequest(t, "POST", base+"/api/documents", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+limitsToken)
	st, code, _ := fx.status(t, req)
	return st, code
}

// readsWork checks that health, documents, search, commitments and one
// document answer 200, and returns the listed document sources.
func (fx *limitsFixture) readsWork(t *testing.T, base string) map[string]bool {
	t.Helper()
	for _, p := range []string{"/api/health", "/api/search?q=digitalisering", "/api/commitments", "/api/tiltak", "/"} {
		if st, code, _ := fx.status(t, mustRequest(t, "GET", base+p, nil)); st != 200 {
			t.Errorf("GET %s: %d %s", p, st, code)
		}
	}
	var docs struct {
		Documents []struct{ ID, Source string } `json:"documents"`
	}
	if err := getJSON(fx.client, base+"/api/documents", &docs); err != nil {
		t.Fatal(err)
	}
	sources := map[string]bool{}
	for _, d := range docs.Documents {
		sources[filepath.Base(d.Source)] = true
		if st, _, _ := fx.status(t, mustRequest(t, "GET", base+"/api/documents/"+url.PathEscape(d.ID), nil)); st != 200 {
			t.Errorf("GET document %s: %d", d.ID, st)
		}
	}
	return sources
}

// fullDisk runs the server on a 30 MiB tmpfs, fills it, and uploads real
// PDFs: first with no reserve, so that Bleve meets the full disk itself,
// then with the default reserve, which refuses before writing.
func (fx *limitsFixture) fullDisk(t *testing.T) {
	mnt := filepath.Join(t.TempDir(), "disk")
	if err := os.MkdirAll(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=30m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs to fill (needs root): %v %s", err, out)
	}
	defer exec.Command("umount", "-l", mnt).Run()
	pdfs, _ := filepath.Glob(filepath.Join(testutil.SharedDir(t), "corpus", "rapport", "*.pdf"))
	if len(pdfs) < 4 {
		t.Fatalf("want the real PDFs in ../shared/corpus/rapport, found %d", len(pdfs))
	}
	data := filepath.Join(mnt, "data")
	srv := fx.start(t, data, "--min-free", "0")
	start := time.Now()
	fill := func(leave int64) {
		t.Helper()
		os.Remove(filepath.Join(mnt, "filler"))
		free := freeOn(t, mnt)
		f, err := os.Create(filepath.Join(mnt, "filler"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		chunk := make([]byte, 1<<20)
		for n := free - leave; n > 0; n -= int64(len(chunk)) {
			if _, err := f.Write(chunk[:min(int64(len(chunk)), n)]); err != nil {
				break // full already
			}
		}
	}
	fill(512 << 10)
	t.Logf("free on the tmpfs after filling: %d KiB", freeOn(t, mnt)>>10)

	var refused []string
	stored := map[string]bool{}
	for _, p := range pdfs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		st, code := fx.upload(t, srv.URL, filepath.Base(p), b)
		t.Logf("upload %s on a full disk: %d %s in %v", filepath.Base(p), st, code, time.Since(t0).Round(time.Millisecond))
		switch {
		case st == 507 && code == "insufficient_storage":
			refused = append(refused, filepath.Base(p))
		case st == 201:
			stored[filepath.Base(p)] = true
		default:
			t.Errorf("upload on a full disk: %d %s, want 201 or 507", st, code)
		}
		// Reads go on after every answer, from the last good snapshot.
		fx.readsWork(t, srv.URL)
	}
	if len(refused) == 0 {
		t.Fatal("no upload met the full disk; the test filled too little")
	}
	if !strings.Contains(srv.Output.String(), "no space left on device") {
		t.Error("no write met ENOSPC itself; the reopen path was not tried")
	}
	sources := fx.readsWork(t, srv.URL)
	for _, name := range refused {
		if sources[name] {
			t.Errorf("%s was answered 507 but is listed", name)
		}
	}
	measure(t, srv, start, fmt.Sprintf("full disk, no reserve: %d uploads refused with 507", len(refused)))

	// Space returns: the next write succeeds; the refused ones stay absent.
	os.Remove(filepath.Join(mnt, "filler"))
	if st, code := fx.upload(t, srv.URL, "etter-plass.txt", []byte("Etter plass\n\nRegjeringen vil rydde plass på disken.\n")); st != 201 {
		t.Fatalf("upload after space returned: %d %s", st, code)
	}
	sources = fx.readsWork(t, srv.URL)
	for _, name := range refused {
		if sources[name] {
			t.Errorf("%s was answered 507 and appeared once space returned", name)
		}
	}
	if !sources["etter-plass.txt"] {
		t.Error("the upload after space returned is not listed")
	}
	if err := srv.Stop(10 * time.Second); err != nil {
		t.Errorf("stopping: %v", err)
	}

	// Restart with the default reserve on a nearly full disk: refused before
	// anything is written, and the index opens with the same documents.
	srv = fx.start(t, data)
	start = time.Now()
	again := fx.readsWork(t, srv.URL)
	for name := range sources {
		if !again[name] {
			t.Errorf("%s is gone after the restart", name)
		}
	}
	for name := range again {
		if !sources[name] {
			t.Errorf("%s appeared after the restart", name)
		}
	}
	fill(8 << 20)
	logBefore := len(srv.Output.String())
	t0 := time.Now()
	b, _ := os.ReadFile(pdfs[0])
	if st, code := fx.upload(t, srv.URL, "med-reserve.pdf", b); st != 507 || code != "insufficient_storage" {
		t.Errorf("upload with 8 MiB free and a 16 MiB reserve: %d %s, want 507", st, code)
	}
	t.Logf("refused by the free-space check in %v", time.Since(t0).Round(time.Millisecond))
	if strings.Contains(srv.Output.String()[logBefore:], "no space left on device") {
		t.Error("the free-space check let the write reach the full disk")
	}
	fx.readsWork(t, srv.URL)
	measure(t, srv, start, "full disk, default reserve: refused before writing")
}

func freeOn(t *testing.T, dir string) int64 {
	t.Helper()
	out, err := exec.Command("df", "-B1", "--output=avail", dir).Output()
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(out))
	n, _ := strconv.ParseInt(f[len(f)-1], 10, 64)
	return n
}

// pages ingests 300 generated documents and checks that the commitment list
// answers one bounded page with the total, in JSON and CSV.
func (fx *limitsFixture) pages(t *testing.T) {
	sentences, err := loadtest.SeedSentences(filepath.Join(testutil.SharedDir(t), "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "inn")
	if err := loadtest.WriteAll(dir, loadtest.Generate(sentences, 300, 7)); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "data")
	if out, err := exec.Command(fx.bin, "ingest", "--data", data, dir).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, tail(string(out), 2000))
	}
	srv := fx.start(t, data, "--no-seeds")
	start := time.Now()
	size := func(p string) (int, http.Header) {
		res, err := fx.client.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %.200s", p, res.StatusCode, b)
		}
		return len(b), res.Header
	}
	var page struct {
		Commitments []json.RawMessage `json:"commitments"`
		Total       int               `json:"total"`
	}
	if err := getJSON(fx.client, srv.URL+"/api/commitments", &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Commitments) != 100 || page.Total <= 100 {
		t.Fatalf("default page: %d commitments, total %d", len(page.Commitments), page.Total)
	}
	def, _ := size("/api/commitments")
	big, _ := size("/api/commitments?size=1000")
	csvBytes, h := size("/api/commitments.csv")
	if h.Get("X-Total-Count") != strconv.Itoa(page.Total) {
		t.Errorf("X-Total-Count %q, want %d", h.Get("X-Total-Count"), page.Total)
	}
	st, code, _ := fx.status(t, mustRequest(t, "GET", srv.URL+"/api/commitments?size=100000", nil))
	if st != 400 || code != "invalid_request" {
		t.Errorf("size=100000: %d %s", st, code)
	}
	req := mustRequest(t, "HEAD", srv.URL+"/api/commitments", nil)
	if st, _, res := fx.status(t, req); st != 200 || res.ContentLength > 0 && res.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD /api/commitments: %d", st)
	}
	t.Logf("%d commitments: default page %d KiB, size=1000 %d KiB, CSV %d KiB", page.Total, def>>10, big>>10, csvBytes>>10)
	measure(t, srv, start, fmt.Sprintf("commitment pages over %d commitments", page.Total))
}

// tokenFile: serve refuses a token file others can read and a short token,
// and says why.
func (fx *limitsFixture) tokenFile(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, content string
		mode          os.FileMode
		want          string
	}{
		{"world readable", "a-token-long-enough-1234", 0o644, "chmod 600"},
		{"one character", "x", 0o600, "at least 16"},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
		os.WriteFile(p, []byte(tt.content), 0o600)
		os.Chmod(p, tt.mode)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		out, err := exec.CommandContext(ctx, fx.bin, "serve", "--data", filepath.Join(dir, "data"), "--addr", "127.0.0.1:0",
			"--token-file", p).CombinedOutput()
		cancel()
		if err == nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("%s token file: %v, output %q; want a refusal mentioning %q", tt.name, err, tail(string(out), 500), tt.want)
		}
	}
}
