package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/datadir"
	"github.com/strategispor/strategispor/internal/server"
	"github.com/strategispor/strategispor/internal/testutil"
)

// cli runs the command line once and returns its output and exit code.
func cli(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return cliCtx(t, context.Background(), args...)
}

func cliCtx(t *testing.T, ctx context.Context, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(ctx, args, strings.NewReader(""), &out, &errb)
	code := report(err, &errb)
	t.Logf("strategispor %s → %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
	return out.String(), errb.String(), code
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const strategyText = `Strategi for samordnet tjenesteutvikling

1 Innledning

Regjeringen vil gjøre det enklere for innbyggerne å finne offentlige tjenester.

Regjeringen vil:
- etablere en felles tjenestekatalog
- samordne tjenesteutviklingen i kommunene
`

const planMarkdown = "# Handlingsplan for tjenestekatalogen\n\n## Tiltak 1 Tjenestekatalog\n\nTiltak 1 Etablere en felles tjenestekatalog for kommunene.\n\nStatus: på plan\n"

func testFolder(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "inn")
	writeFile(t, filepath.Join(dir, "strategi.txt"), strategyText)
	writeFile(t, filepath.Join(dir, "planer", "handlingsplan.md"), planMarkdown)
	writeFile(t, filepath.Join(dir, "planer", "broken.pdf"), "%PDF-1.7\ngarbage that is no pdf\n")
	writeFile(t, filepath.Join(dir, "regneark.xlsx"), "PK\x03\x04 not a spreadsheet")
	return dir
}

func TestUsage(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string // substring of stdout+stderr
	}{
		{"no command", nil, 2, "Commands:"},
		{"help", []string{"--help"}, 0, "Commands:"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"ingest without paths", []string{"ingest", "--data", data}, 2, "at least one file"},
		{"ingest bad type", []string{"ingest", "--data", data, "--type", "roman", "x"}, 2, `--type "roman"`},
		{"ingest bad flag", []string{"ingest", "--colour", "x"}, 2, "unknown flag"},
		{"ingest bad server", []string{"ingest", "--server", "ftp://x", "x"}, 2, "not an http(s) URL"},
		{"search without query", []string{"search", "--data", data}, 2, "needs a query"},
		{"search size", []string{"search", "--data", data, "--size", "1000", "x"}, 2, "--size"},
		{"delete without id", []string{"delete", "--data", data}, 2, "one document id"},
		{"links two ids", []string{"links", "--data", data, "a", "b"}, 2, "one commitment"},
		{"commitments json and csv", []string{"commitments", "--data", data, "--json", "--csv"}, 2, "choose one of --json, --csv and --xlsx"},
		{"serve argument", []string{"serve", "--data", data, "now"}, 2, "no arguments"},
		{"version", []string{"version"}, 0, "strategispor"},
		{"bench moved", []string{"bench", "--sections", "10000"}, 2, "go run ./cmd/strategispor-bench --sections 10000"},
	}
	for _, c := range commands() {
		tests = append(tests, struct {
			name string
			args []string
			code int
			want string
		}{c.name + " --help", []string{c.name, "--help"}, 0, "Usage: strategispor " + c.name})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := cli(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if !strings.Contains(out+errs, tt.want) {
				t.Errorf("output lacks %q", tt.want)
			}
		})
	}
}

func TestIngestQueryDelete(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := testFolder(t)

	out, _, code := cli(t, "ingest", "--data", data, dir)
	if code != 1 {
		t.Fatalf("ingest with a broken file: exit %d, want 1", code)
	}
	for _, want := range []string{"4 files: 2 documents (2 ingested, 0 unchanged)", "1 skipped, 1 failed",
		"failed:\n  " + filepath.Join(dir, "planer", "broken.pdf") + ": ", "unsupported file type (.xlsx)"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q", want)
		}
	}

	out, _, code = cli(t, "ingest", "--data", data, "--json", dir)
	if code != 1 {
		t.Errorf("re-ingest: exit %d, want 1 (the broken file still fails)", code)
	}
	var rep corpus.IngestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output: %v", err)
	}
	if rep.Files != 4 || rep.Unchanged != 2 || rep.Ingested != 0 || rep.Failed != 1 || rep.Skipped != 1 {
		t.Errorf("re-ingest report %+v", rep)
	}

	writeFile(t, filepath.Join(dir, "strategi.txt"), strategyText+"\n2 Oppfølging\n\nRegjeringen vil rapportere årlig om tjenestekatalogen.\n")
	out, _, code = cli(t, "ingest", "--data", data, "--json", filepath.Join(dir, "strategi.txt"))
	if code != 0 {
		t.Errorf("changed file: exit %d", code)
	}
	rep = corpus.IngestReport{}
	_ = json.Unmarshal([]byte(out), &rep)
	wantID := corpus.DocumentID(filepath.Join(dir, "strategi.txt"))
	if rep.Ingested != 1 || rep.Results[0].DocumentID != wantID {
		t.Errorf("changed file report %+v, want id %s", rep, wantID)
	}

	out, _, code = cli(t, "documents", "--data", data)
	if code != 0 || !strings.Contains(out, wantID) || !strings.Contains(out, "2 documents") {
		t.Errorf("documents: exit %d", code)
	}
	out, _, _ = cli(t, "documents", "--data", data, "--json")
	var list server.DocumentList
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list.Documents) != 2 {
		t.Fatalf("documents --json: %v, %d documents", err, len(list.Documents))
	}

	out, _, code = cli(t, "search", "--data", data, "--json", "tjenestekatalog")
	var res corpus.SearchResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || res.Total == 0 {
		t.Fatalf("search --json: exit %d, %v, %d hits", code, err, res.Total)
	}
	out, _, _ = cli(t, "search", "--data", data, "tjenestekatalog")
	if strings.Contains(out, "<mark>") || strings.Contains(out, "\x1b[") || !strings.Contains(out, "hits") {
		t.Errorf("plain search output should have no markup")
	}

	_, _, code = cli(t, "commitments", "--data", data)
	if code != 0 {
		t.Errorf("commitments: exit %d", code)
	}
	out, _, code = cli(t, "commitments", "--data", data, "--json")
	var cl server.CommitmentList
	if err := json.Unmarshal([]byte(out), &cl); err != nil || code != 0 {
		t.Fatalf("commitments --json: %v", err)
	}
	if len(cl.Commitments) > 0 {
		if _, _, code := cli(t, "links", "--data", data, cl.Commitments[0].ID); code != 0 {
			t.Errorf("links: exit %d", code)
		}
	}
	if out, _, code := cli(t, "commitments", "--data", data, "--csv"); code != 0 || !strings.Contains(out, ",") {
		t.Errorf("commitments --csv: exit %d", code)
	}
	if _, errs, code := cli(t, "links", "--data", data, "no-such-id"); code != 1 || !strings.Contains(errs, "no commitment or tiltak") {
		t.Errorf("links of an unknown id: exit %d", code)
	}

	if _, _, code := cli(t, "delete", "--data", data, wantID); code != 0 {
		t.Errorf("delete: exit %d", code)
	}
	if _, errs, code := cli(t, "delete", "--data", data, wantID); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("second delete: exit %d", code)
	}
	if out, _, _ := cli(t, "documents", "--data", data); !strings.Contains(out, "1 documents") {
		t.Errorf("after delete: %s", out)
	}
}

func TestDryRun(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	out, _, code := cli(t, "ingest", "--data", data, "--dry-run", "--json", testFolder(t))
	var rep corpus.IngestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || rep.Ingested != 2 {
		t.Fatalf("dry run: exit %d, %v, %+v", code, err, rep)
	}
	if _, err := os.Stat(filepath.Join(data, "index")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dry run created an index: %v", err)
	}
	// --json shows what would be written: sections, commitments, tiltak.
	var plan, strategy *corpus.Document
	for _, r := range rep.Results {
		if r.Outcome == corpus.OutcomeDryRun && r.Document == nil {
			t.Errorf("%s: no document in the dry-run report", r.Path)
		}
		if r.Document != nil && strings.HasSuffix(r.Path, "handlingsplan.md") {
			plan = r.Document
		}
		if r.Document != nil && strings.HasSuffix(r.Path, "strategi.txt") {
			strategy = r.Document
		}
	}
	if plan == nil || len(plan.Tiltak) != 1 || plan.Tiltak[0].Status != corpus.StatusPaPlan || len(plan.Sections) == 0 {
		t.Errorf("plan preview %+v", plan)
	}
	if strategy == nil || len(strategy.Commitments) < 3 {
		t.Errorf("strategy preview %+v", strategy)
	}
	// Without --json nothing is kept: the report lists counts only.
	out, _, _ = cli(t, "ingest", "--data", data, "--dry-run", testFolder(t))
	if strings.Contains(out, `"sections"`) {
		t.Errorf("plain dry run prints documents:\n%s", out)
	}
}

// sharedDir finds ../shared next to the repository root.

func TestIngestSharedCorpus(t *testing.T) {
	corpusDir := filepath.Join(testutil.SharedDir(t), "corpus")
	var files []string
	filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	data := filepath.Join(t.TempDir(), "data")
	out, errs, code := cli(t, "ingest", "--data", data, "--json", corpusDir)
	if code != 0 && code != 1 {
		t.Fatalf("exit %d", code)
	}
	if strings.Contains(out+errs, "panic") {
		t.Error("output mentions a panic")
	}
	var rep corpus.IngestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rep.Results {
		seen[r.Path] = true
		if (r.Outcome == corpus.OutcomeFailed || r.Outcome == corpus.OutcomeSkipped) && r.Reason == "" {
			t.Errorf("%s: %s without reason", r.Path, r.Outcome)
		}
	}
	for _, f := range files {
		if !seen[f] {
			t.Errorf("%s is missing from the report", f)
		}
	}
	if rep.Ingested == 0 {
		t.Error("nothing from the shared corpus was ingested")
	}
}

// startServe runs `serve` in the background and returns its URL and a stop function.
func startServe(t *testing.T, data string, extra ...string) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		var out, errb bytes.Buffer
		err := run(ctx, append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, extra...), nil, &out, &errb)
		t.Logf("serve: %s%s", out.String(), errb.String())
		errc <- err
	}()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-errc:
			cancel()
			t.Fatalf("serve stopped early: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		info, err := datadir.ReadServer(data)
		if err != nil || info.PID != os.Getpid() {
			continue
		}
		res, err := http.Get(info.URL + "/api/health")
		if err == nil {
			res.Body.Close()
			return info.URL, func() error { cancel(); return <-errc }
		}
	}
	cancel()
	t.Fatal("serve did not come up")
	return "", nil
}

func TestServeHoldsTheDataDirectory(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	t.Setenv(envToken, "test-token-0123456789")
	url, stop := startServe(t, data)

	res, err := http.Get(url + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	var h server.Health
	json.NewDecoder(res.Body).Decode(&h)
	res.Body.Close()
	if h.Documents != 5 || !h.WritesEnabled {
		t.Errorf("health after seeding: %+v", h)
	}
	if res.Header.Get("Content-Security-Policy") == "" {
		t.Error("no security headers from the real server")
	}

	// A second writer is refused at once, told who holds the directory.
	dir := testFolder(t)
	start := time.Now()
	_, errs, code := cli(t, "ingest", "--data", data, dir)
	if code != 1 || !strings.Contains(errs, url) || !strings.Contains(errs, "--server auto") {
		t.Errorf("ingest on a held directory: exit %d", code)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusal took %v", d)
	}

	// Read-only commands ask the server.
	out, _, code := cli(t, "documents", "--data", data, "--json")
	var list server.DocumentList
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list.Documents) != 5 {
		t.Errorf("documents through the server: exit %d, %v, %d documents", code, err, len(list.Documents))
	}
	if out, _, code := cli(t, "search", "--data", data, "digitalisering"); code != 0 || !strings.Contains(out, "hits") {
		t.Errorf("search through the server: exit %d", code)
	}

	// Writes go through the API with --server.
	out, _, code = cli(t, "ingest", "--data", data, "--server", "auto", "--json", dir)
	var rep corpus.IngestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || rep.Ingested != 2 || rep.Failed != 1 || rep.Skipped != 1 {
		t.Errorf("ingest --server auto: exit %d, %v, %+v", code, err, rep)
	}
	id := corpus.DocumentID(filepath.Join(dir, "strategi.txt"))
	if _, _, code := cli(t, "delete", "--data", data, "--server", url, id); code != 0 {
		t.Errorf("delete --server: exit %d", code)
	}

	// A second server on the same directory fails fast.
	if _, errs, code := cli(t, "serve", "--data", data, "--addr", "127.0.0.1:0"); code != 1 || !strings.Contains(errs, "held by") {
		t.Errorf("second serve: exit %d", code)
	}

	if err := stop(); err != nil {
		t.Errorf("serve after SIGINT-like cancel: %v", err)
	}
	if _, err := datadir.ReadServer(data); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("server.json left behind: %v", err)
	}
	// The lock is free again: a local command works.
	if out, _, code := cli(t, "documents", "--data", data); code != 0 || !strings.Contains(out, "6 documents") {
		t.Errorf("documents after shutdown: exit %d", code)
	}
}

func TestServeBusyPortFailsFast(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	url, stop := startServe(t, data, "--no-seeds")
	defer stop()
	addr := strings.TrimPrefix(url, "http://")
	start := time.Now()
	_, errs, code := cli(t, "serve", "--data", filepath.Join(t.TempDir(), "other"), "--addr", addr, "--no-seeds")
	if code != 1 || !strings.Contains(errs, "listening on") {
		t.Errorf("busy port: exit %d", code)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("busy port took %v to fail", d)
	}
}

// failingWriter is a full disk.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestLostOutputFails checks that output that cannot be written fails the
// command instead of exiting 0.
func TestLostOutputFails(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--help"}, {"documents", "--data", t.TempDir()}} {
		err := run(context.Background(), args, strings.NewReader(""), failingWriter{}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "no space left on device") {
			t.Errorf("%q: %v, want the write error", args, err)
		}
		if code := report(err, io.Discard); code != 1 {
			t.Errorf("%q: exit %d, want 1", args, code)
		}
	}
}
