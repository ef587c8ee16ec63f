package hostiletest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/loadtest"
	"github.com/strategispor/strategispor/internal/serveproc"
	"github.com/strategispor/strategispor/internal/testutil"
)

// costCase is one file whose cost must stay within the documented limits
// (docs/robustness.md, "Bounded cost: files and queries"): it is either
// ingested, with a warning when something was cut, or refused as too large
// with a message that names the limit.
type costCase struct {
	name    string
	body    func() []byte
	outcome corpus.FileOutcome
	// match must match the warnings of an ingested file or the reason of a
	// refused one.
	match *regexp.Regexp
}

var (
	reLongWord = regexp.MustCompile(`longer than 255 bytes`)
	reLimit    = regexp.MustCompile(`limit of [0-9]`)
)

// costCases are the hostile files of the probe that took the server down.
func costCases() []costCase {
	return []costCase{
		{name: "long-word.txt", outcome: corpus.OutcomeIngested, match: reLongWord,
			body: func() []byte { return []byte(strings.Repeat("a", 100_000)) }},
		{name: "digits.txt", outcome: corpus.OutcomeIngested, match: reLongWord,
			body: func() []byte { return []byte(strings.Repeat("1234567890", 40_000)) }},
		{name: "paragraphs-800k.docx", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return docxParagraphs(800_000, 1) }},
		{name: "paragraphs-long.docx", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return docxParagraphs(150_000, 40) }},
		{name: "headings-200k.html", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return htmlHeadings(200_000) }},
		{name: "tiltak-100k.md", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return markdownTiltak(100_000, 10, 8) }},
		{name: "tiltak-6k.md", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return markdownTiltak(6_000, 2_000, 8) }},
		{name: "kids-2m.pdf", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return pdfKids(2_000_000) }},
		{name: "kids-5m.pdf", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return pdfKids(5_000_000) }},
		{name: "elements-7m.html", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte {
				return []byte("<html><body><main>" + strings.Repeat("<p>a</p>", 7_000_000) + "</main></body></html>")
			}},
		{name: "empty-paragraphs-10m.docx", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return docxEmptyParagraphs(10_000_000) }},
		{name: "kids-10m.pdf", outcome: corpus.OutcomeFailed, match: reLimit,
			body: func() []byte { return pdfKids(10_000_000) }},
		// Within every limit, near them: these must be ingested.
		{name: "sections-9k.html", outcome: corpus.OutcomeIngested, match: regexp.MustCompile(``),
			body: func() []byte { return htmlHeadings(9_000) }},
		{name: "tiltak-4k.md", outcome: corpus.OutcomeIngested, match: regexp.MustCompile(``),
			body: func() []byte { return markdownTiltak(4_000, 1, 12) }},
		{name: "text-4mb.docx", outcome: corpus.OutcomeIngested, match: regexp.MustCompile(``),
			body: func() []byte { return docxParagraphs(10_000, 45) }},
	}
}

// TestBoundedCostBatch ingests a folder of three good files and every cost
// case with the CLI: the batch must report each file (the good ones and the
// bounded ones ingested, the oversized ones refused with the limit named)
// and end, with a peak RSS it logs.
func TestBoundedCostBatch(t *testing.T) {
	root, shared := testutil.RepoRoot(t), testutil.SharedDir(t)
	sentences, err := loadtest.SeedSentences(filepath.Join(shared, "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	folder, data := filepath.Join(base, "inn"), filepath.Join(base, "data")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	good := loadtest.Generate(sentences, 3, 16)
	if err := loadtest.WriteAll(folder, good); err != nil {
		t.Fatal(err)
	}
	cases := costCases()
	for _, c := range cases {
		if err := os.WriteFile(filepath.Join(folder, c.name), c.body(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin, err := serveproc.Build(context.Background(), root, base)
	if err != nil {
		t.Fatal(err)
	}
	rep, stdout, stderr, state, elapsed := runIngest(t, bin, data, folder, nil)
	t.Logf("batch of %d files took %v, peak RSS %d MiB", len(good)+len(cases), elapsed.Round(time.Millisecond), peakRSS(state)>>20)
	if rep == nil {
		t.Fatalf("no JSON report (exit %d):\n%s\nstderr:\n%s", state.ExitCode(), tail(stdout, 2000), tail(stderr, 2000))
	}
	results := map[string]corpus.FileResult{}
	for _, r := range rep.Results {
		results[filepath.Base(r.Path)] = r
	}
	for _, g := range good {
		if r := results[g.Name]; r.Outcome != corpus.OutcomeIngested {
			t.Errorf("good file %s: %s %s", g.Name, r.Outcome, r.Reason)
		}
	}
	for _, c := range cases {
		r, ok := results[c.name]
		switch {
		case !ok:
			t.Errorf("%s: missing from the report", c.name)
		case r.Outcome != c.outcome:
			t.Errorf("%s: %s (%s), want %s", c.name, r.Outcome, r.Reason, c.outcome)
		case c.outcome == corpus.OutcomeIngested && !c.match.MatchString(strings.Join(r.Warnings, "\n")):
			t.Errorf("%s: warnings %q do not match %v", c.name, r.Warnings, c.match)
		case c.outcome != corpus.OutcomeIngested && !c.match.MatchString(r.Reason):
			t.Errorf("%s: reason %q does not match %v", c.name, r.Reason, c.match)
		default:
			t.Logf("%s: %s in %d ms %s%s", c.name, r.Outcome, r.Millis, r.Reason, strings.Join(r.Warnings, "; "))
		}
	}
	want := 0
	for _, c := range cases {
		if c.outcome != corpus.OutcomeIngested {
			want = 1
		}
	}
	if code := state.ExitCode(); code != want {
		t.Errorf("exit code %d, want %d\nstderr:\n%s", code, want, tail(stderr, 2000))
	}
}

// TestBoundedCostUpload uploads each cost case to a server of its own and
// logs the time to the answer and the server's peak RSS (VmHWM), the
// figures docs/robustness.md reports. It checks the answer and that the
// server is still up; it asserts no timing.
func TestBoundedCostUpload(t *testing.T) {
	root := testutil.RepoRoot(t)
	base := t.TempDir()
	bin, err := serveproc.Build(context.Background(), root, base)
	if err != nil {
		t.Fatal(err)
	}
	const token = "bounded-cost-token-4f1c2a"
	client := &http.Client{Timeout: 5 * time.Minute}
	for i, c := range costCases() {
		t.Run(c.name, func(t *testing.T) {
			srv, err := serveproc.Start(context.Background(), serveproc.Options{
				Bin: bin, Data: filepath.Join(base, "data"+strconv.Itoa(i)), Token: token})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(srv.Kill)
			body := c.body()
			idle := vmHWM(t, srv.Cmd.Process.Pid)
			cpu0 := cpuTime(t, srv.Cmd.Process.Pid)
			start := time.Now()
			status, answer, err := loadtest.UploadFile(context.Background(), client, srv.URL, token, loadtest.Upload{Name: c.name, Body: body})
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("upload: %v\nserver output:\n%s", err, tail(srv.Output.String(), 3000))
			}
			peak := vmHWM(t, srv.Cmd.Process.Pid)
			cpu := cpuTime(t, srv.Cmd.Process.Pid) - cpu0
			t.Logf("MEASURE %s: %d bytes, HTTP %d in %v (server CPU %v), server peak RSS %d MiB (idle %d MiB)",
				c.name, len(body), status, elapsed.Round(time.Millisecond), cpu.Round(10*time.Millisecond), peak>>20, idle>>20)
			wantStatus := http.StatusRequestEntityTooLarge
			if c.outcome == corpus.OutcomeIngested {
				wantStatus = http.StatusCreated
			}
			if status != wantStatus && !(wantStatus == http.StatusCreated && status == http.StatusOK) {
				t.Errorf("HTTP %d, want %d: %s", status, wantStatus, tail(string(answer), 500))
			}
			text := string(answer)
			if c.outcome != corpus.OutcomeIngested {
				var e apiError
				if json.Unmarshal(answer, &e) != nil || e.Error.Code != "too_large" {
					t.Errorf("answer %s, want code too_large", tail(text, 500))
				}
			}
			if !c.match.MatchString(text) {
				t.Errorf("answer %s does not match %v", tail(text, 500), c.match)
			}
			if err := getJSON(client, srv.URL+"/api/health", &struct{}{}); err != nil {
				t.Errorf("server not healthy after the upload: %v", err)
			}
			if err := srv.Stop(10 * time.Second); err != nil {
				t.Errorf("stopping serve: %v", err)
			}
		})
	}
}

// cpuTime reads the user and system CPU time a process has used from
// /proc/PID/stat (in clock ticks of 1/100 s, the Linux default).
func cpuTime(t *testing.T, pid int) time.Duration {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// vmHWM reads the peak resident set size of a process from /proc.
func vmHWM(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// vocabularyText is a plain-text document of n distinct made-up words for
// each prefix, in short paragraphs.
func vocabularyText(prefixes []string, n int) []byte {
	rng := rand.New(rand.NewPCG(16, 3))
	var b strings.Builder
	b.WriteString("Ordliste\n\n")
	k := 0
	for _, p := range prefixes {
		seen := map[string]bool{}
		for len(seen) < n {
			w := []byte(p)
			for range 7 {
				w = append(w, byte('a'+rng.IntN(26)))
			}
			if seen[string(w)] {
				continue
			}
			seen[string(w)] = true
			b.Write(w)
			if k++; k%40 == 0 {
				b.WriteString(".\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return []byte(b.String())
}

// TestBoundedCostQueries loads a server with a large vocabulary and sends
// the prefix queries of the probe (18.8 s and 2.4 GB before, 33.6 s and
// 7 GB three times over): they must be refused with a 400 that names the
// limit, six at once, and a prefix within the limits must still answer.
// Times and the server's peak RSS are logged, not asserted.
func TestBoundedCostQueries(t *testing.T) {
	root := testutil.RepoRoot(t)
	base := t.TempDir()
	bin, err := serveproc.Build(context.Background(), root, base)
	if err != nil {
		t.Fatal(err)
	}
	const token = "bounded-cost-token-4f1c2a"
	srv, err := serveproc.Start(context.Background(), serveproc.Options{
		Bin: bin, Data: filepath.Join(base, "data"), Token: token})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Kill)
	defer srv.Stop(10 * time.Second)
	client := &http.Client{Timeout: 5 * time.Minute}
	prefixes := []string{"st", "ko", "sa", "da", "de", "ti", "sk", "fo", "he", "in"}
	body := vocabularyText(prefixes, 5000)
	if status, answer, err := loadtest.UploadFile(context.Background(), client, srv.URL, token,
		loadtest.Upload{Name: "ordliste.txt", Body: body}); err != nil || status/100 != 2 {
		t.Fatalf("upload: HTTP %d %v %s", status, err, tail(string(answer), 500))
	}
	issue := strings.Join(prefixes, "* ") + "*"
	// Some 190 words each: about 3,800 together, under MaxExpansionTerms.
	var near []string
	for c := 'a'; c < 'a'+20; c++ {
		near = append(near, "st"+string(c)+"*")
	}
	nearLimit := strings.Join(near, " OR ")
	// 64 words that occur nowhere, each looked up for a spelling correction.
	misspelt := strings.Fields(string(vocabularyText([]string{"sx", "kx", "dx", "tx"}, 16)[len("Ordliste\n\n"):]))
	tests := []struct {
		name, q string
		status  int
	}{
		{"ten prefixes", issue, http.StatusBadRequest},
		{"ten prefixes three times", strings.Repeat(issue+" ", 3), http.StatusBadRequest},
		{"one two-letter prefix", "st*", http.StatusBadRequest},
		{"prefixes within the limits", "sta* kob* saf*", http.StatusOK},
		{"twenty prefixes near the query limit", nearLimit, http.StatusOK},
		{"64 words found nowhere", strings.Join(misspelt, " "), http.StatusOK},
	}
	search := func(q string) (int, string, error) {
		resp, err := client.Get(srv.URL + "/api/search?" + url.Values{"q": {q}}.Encode())
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), err
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			status, answer, err := search(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("MEASURE query %s: HTTP %d in %v, server peak RSS so far %d MiB", tt.name, status,
				time.Since(start).Round(time.Millisecond), vmHWM(t, srv.Cmd.Process.Pid)>>20)
			if status != tt.status {
				t.Errorf("HTTP %d, want %d: %s", status, tt.status, tail(answer, 500))
			}
			if tt.status == http.StatusBadRequest && !reLimit.MatchString(answer) {
				t.Errorf("answer %s does not name the limit", tail(answer, 500))
			}
		})
	}
	// Six at once, which killed the server before.
	start := time.Now()
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			status, answer, err := search(strings.Repeat(issue+" ", 3))
			if err == nil && status != http.StatusBadRequest {
				err = fmt.Errorf("HTTP %d: %s", status, tail(answer, 300))
			}
			errs <- err
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	t.Logf("MEASURE six such queries at once: %v, server peak RSS %d MiB", time.Since(start).Round(time.Millisecond),
		vmHWM(t, srv.Cmd.Process.Pid)>>20)
	if err := getJSON(client, srv.URL+"/api/health", &struct{}{}); err != nil {
		t.Errorf("server not healthy: %v", err)
	}
}
