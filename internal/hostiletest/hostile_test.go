package hostiletest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/loadtest"
	"github.com/strategispor/strategispor/internal/serveproc"
	"github.com/strategispor/strategispor/internal/testutil"
)

// hangLimit is how long the whole batch may take before the test calls it a hang.
const hangLimit = 120 * time.Second

// nobody is the user the binary runs as when the test runs as root, so that
// a chmod 000 file is really unreadable to it.
const nobody = 65534

func TestHostileFolder(t *testing.T) {
	testutil.Heavy(t)
	root, shared := testutil.RepoRoot(t), testutil.SharedDir(t)
	realPDF := filepath.Join(shared, "corpus", "rapport", "difi-sikker-digital-post-sikkerhetsarkitektur.pdf")
	pdf, err := os.ReadFile(realPDF)
	if err != nil {
		t.Fatal(err)
	}
	sentences, err := loadtest.SeedSentences(filepath.Join(shared, "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	gen := loadtest.Generate(sentences, 2, 42)

	// Runs as root cannot make a file unreadable to themselves; the binary
	// then runs as nobody and every path it needs is opened up to it.
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: nobody, Gid: nobody}
		t.Logf("running as root: the binary runs as uid %d so that the chmod 000 file is unreadable to it", nobody)
	}

	files := []hostileFile{
		// Good files, which must be ingested and searchable.
		{name: "good/" + gen[0].Name, want: ingested, make: writeBytes(gen[0].Body)},
		{name: "good/" + gen[1].Name, want: ingested, make: writeBytes(gen[1].Body)},
		{name: "good/sikkerhetsarkitektur.pdf", want: ingested, make: writeBytes(pdf)},
		{name: "good/horing.html", want: ingested,
			make: copyFile(filepath.Join(shared, "corpus", "other", "regjeringen-horing-overskuddsvarme-id3168423.html"))},
		{name: "good/invalid-utf8.txt", want: ingested, make: writeBytes(invalidUTF8())},
		{name: "pdf/pdf-2.0-header.pdf", want: ingested, make: writeBytes(pdf20(pdf))},

		{name: "pdf/truncated-half.pdf", want: readOrNot, make: writeBytes(truncated(pdf, len(pdf)/2))},
		{name: "pdf/truncated-1k.pdf", want: readOrNot, make: writeBytes(truncated(pdf, 1024))},
		{name: "pdf/header-only.pdf", want: readOrNot, make: writeBytes([]byte("%PDF-1.4\n"))},
		{name: "pdf/bitflip-1.pdf", want: readOrNot, make: writeBytes(bitFlipped(pdf, 2000, 1))},
		{name: "pdf/bitflip-2.pdf", want: readOrNot, make: writeBytes(bitFlipped(pdf, 500, 2))},
		{name: "pdf/bitflip-3.pdf", want: readOrNot, make: writeBytes(bitFlipped(pdf, 50, 3))},
		{name: "pdf/junk-before-header.pdf", want: readOrNot, make: writeBytes(junkBefore(pdf))},
		{name: "pdf/huge-sparse.pdf", want: failedWith(reTooLarge), make: sparse(2 << 30),
			whyNotRead: "a 2 GB file must be refused by its size before it is read"},

		{name: "docx/zip-bomb.docx", want: failedWith(reBomb), make: zipBomb(1 << 30)},
		{name: "docx/not-a-zip.docx", want: failedWith(nil), make: writeBytes([]byte("this is not a zip archive"))},
		{name: "text/binary.txt", want: failedWith(reBinary), make: writeBytes(binaryAsText())},
		// Content sniffing may read it as the PDF it is; either way it is reported.
		{name: "text/pdf-named.md", want: readOrNot, make: writeBytes(pdf)},
		{name: "html/deeply-nested.html", want: readOrNot, make: writeBytes(nestedHTML(200_000))},

		{name: "empty/empty.txt", want: failedWith(reEmpty), make: writeBytes(nil)},
		{name: "empty/empty.md", want: failedWith(reEmpty), make: writeBytes(nil)},
		{name: "empty/empty.html", want: failedWith(reEmpty), make: writeBytes(nil)},
		{name: "empty/empty.pdf", want: failedWith(nil), make: writeBytes(nil)},
		{name: "empty/empty.docx", want: failedWith(nil), make: writeBytes(nil)},

		{name: "links/loop-a.txt", want: failedWith(reLoop), make: symlink("loop-b.txt")},
		{name: "links/loop-b.txt", want: failedWith(reLoop), make: symlink("loop-a.txt")},
		{name: "links/sub/back-up", want: failedWith(reLoop), make: symlink("..")},

		{name: "perm/unreadable.txt", want: failedWith(rePerm), make: func(p string) error {
			if err := os.WriteFile(p, gen[0].Body, 0o644); err != nil {
				return err
			}
			return os.Chmod(p, 0)
		}},
	}
	torture, err := filepath.Glob(filepath.Join(shared, "corpus", "pdf-torture", "*.pdf"))
	if err != nil || len(torture) == 0 {
		t.Fatalf("no PDF torture files in %s (%v)", shared, err)
	}
	for _, p := range torture {
		want := readOrNot
		if strings.Contains(filepath.Base(p), "aes") {
			want = failedWith(reEncrypted)
		}
		files = append(files, hostileFile{name: "torture/" + filepath.Base(p), want: want, make: copyFile(p)})
	}

	base := t.TempDir()
	folder := filepath.Join(base, "inn")
	data := filepath.Join(base, "data")
	if err := buildFolder(folder, files); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	bin, err := serveproc.Build(ctx, root, base)
	if err != nil {
		t.Fatal(err)
	}
	if cred != nil {
		// t.TempDir makes its folders 0700; nobody needs to pass through them.
		for d := base; d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chown(data, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}

	rep, stdout, stderr, state, elapsed := runIngest(t, bin, data, folder, cred)
	t.Logf("batch took %v, peak RSS %d MiB", elapsed.Round(time.Millisecond), peakRSS(state)>>20)
	for _, text := range []string{stdout, stderr} {
		if strings.Contains(text, "panic:") || strings.Contains(text, "goroutine ") || strings.Contains(text, "fatal error:") {
			t.Errorf("the process output shows a crash:\n%s", tail(text, 4000))
		}
	}
	if code := state.ExitCode(); code != 1 {
		t.Errorf("exit code = %d, want 1 (some files failed)\nstderr:\n%s", code, tail(stderr, 2000))
	}
	if rss := peakRSS(state); rss > 2<<30 {
		t.Errorf("peak RSS %d MiB: a hostile file was read or inflated into memory", rss>>20)
	}
	if rep == nil {
		t.Fatalf("no JSON report on stdout:\n%s\nstderr:\n%s", tail(stdout, 2000), tail(stderr, 2000))
	}

	results := map[string]corpus.FileResult{}
	for _, r := range rep.Results {
		results[filepath.ToSlash(r.Path)] = r
		if r.Outcome == corpus.OutcomeFailed || r.Outcome == corpus.OutcomeSkipped {
			if len(strings.TrimSpace(r.Reason)) < 8 {
				t.Errorf("%s: %s with no specific reason (%q)", r.Path, r.Outcome, r.Reason)
			}
		}
		if !utf8.ValidString(r.Reason) {
			t.Errorf("%s: reason is not valid UTF-8: %q", r.Path, r.Reason)
		}
	}
	var good []corpus.FileResult
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			if f.name == "perm/unreadable.txt" && cred == nil && os.Geteuid() == 0 {
				t.Skip("root reads a chmod 000 file")
			}
			r, ok := findResult(results, f.name)
			if !ok {
				t.Fatalf("missing from the report; report paths: %v", slices.Sorted(maps.Keys(results)))
			}
			t.Logf("%s (%d ms): %s", r.Outcome, r.Millis, r.Reason)
			if !slices.Contains(f.want.outcomes, r.Outcome) {
				t.Errorf("outcome %s (%s), want one of %v", r.Outcome, r.Reason, f.want.outcomes)
			}
			if f.want.reason != nil && r.Outcome != corpus.OutcomeIngested && !f.want.reason.MatchString(withoutName(r.Reason, f.name)) {
				t.Errorf("reason %q does not match %v", r.Reason, f.want.reason)
			}
			if f.whyNotRead != "" && r.Millis > 5000 {
				t.Errorf("took %d ms: %s", r.Millis, f.whyNotRead)
			}
			if r.Outcome == corpus.OutcomeIngested && f.want.outcomes[0] == corpus.OutcomeIngested && len(f.want.outcomes) == 1 {
				good = append(good, r)
			}
		})
	}
	if rep.Files != len(rep.Results) {
		t.Errorf("report counts %d files but lists %d", rep.Files, len(rep.Results))
	}
	checkSearchable(t, bin, data, cred, good, gen)
}

// runIngest runs the batch and kills it at hangLimit.
func runIngest(t *testing.T, bin, data, folder string, cred *syscall.Credential) (*corpus.IngestReport, string, string, *os.ProcessState, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "ingest", "--json", "--data", data, folder)
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("hang: the batch did not finish within %v\nstderr:\n%s", hangLimit, tail(stderr.String(), 4000))
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("running ingest: %v", err)
	}
	return lastReport(stdout.Bytes()), stdout.String(), stderr.String(), cmd.ProcessState, elapsed
}

// lastReport decodes the JSON values on stdout and returns the last one that
// looks like an ingest report.
func lastReport(out []byte) *corpus.IngestReport {
	dec := json.NewDecoder(bytes.NewReader(out))
	var rep *corpus.IngestReport
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return rep
		}
		var r corpus.IngestReport
		if json.Unmarshal(raw, &r) == nil && r.Results != nil {
			rep = &r
		}
	}
}

// findResult matches a file by its path relative to the ingest folder.
func findResult(results map[string]corpus.FileResult, name string) (corpus.FileResult, bool) {
	for p, r := range results {
		if p == name || strings.HasSuffix(p, "/"+name) {
			return r, true
		}
	}
	return corpus.FileResult{}, false
}

// checkSearchable starts serve on the data directory and checks that each
// good document lists, opens, and is found by a word from its own text.
func checkSearchable(t *testing.T, bin, data string, cred *syscall.Credential, good []corpus.FileResult, gen []loadtest.GeneratedDoc) {
	t.Helper()
	if len(good) == 0 {
		t.Fatal("no good file was ingested")
	}
	srv, err := serveproc.Start(context.Background(), serveproc.Options{Bin: bin, Data: data, Credential: cred})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Kill) // no server outlives the test, whatever fails
	defer func() {
		if err := srv.Stop(10 * time.Second); err != nil {
			t.Errorf("stopping serve: %v\n%s", err, tail(srv.Output.String(), 2000))
		}
	}()
	client := &http.Client{Timeout: 30 * time.Second}
	for _, r := range good {
		t.Run("searchable/"+filepath.Base(r.Path), func(t *testing.T) {
			var doc struct {
				Sections []struct {
					Text string `json:"text"`
				} `json:"sections"`
			}
			if err := getJSON(client, srv.URL+"/api/documents/"+url.PathEscape(r.DocumentID), &doc); err != nil {
				t.Fatal(err)
			}
			word := ""
			for _, s := range doc.Sections {
				if word = longWord(s.Text); word != "" {
					break
				}
			}
			if word == "" {
				t.Fatalf("document %s has no word to search for in %d sections", r.DocumentID, len(doc.Sections))
			}
			var res corpus.SearchResult
			q := url.Values{"q": {word}, "document": {r.DocumentID}}
			if err := getJSON(client, srv.URL+"/api/search?"+q.Encode(), &res); err != nil {
				t.Fatal(err)
			}
			if res.Total == 0 {
				t.Errorf("search for %q in %s found nothing", word, r.DocumentID)
			}
		})
	}
	for _, g := range gen {
		var res corpus.SearchResult
		if err := getJSON(client, srv.URL+"/api/search?"+url.Values{"q": {g.Marker}}.Encode(), &res); err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Errorf("search for the marker %s of %s found nothing", g.Marker, g.Name)
		}
	}
}

// withoutName removes the file's path from a reason, so that a file called
// zip-bomb.docx cannot satisfy the pattern by its name alone.
func withoutName(reason, name string) string {
	reason = strings.ReplaceAll(reason, filepath.FromSlash(name), "…")
	return strings.ReplaceAll(reason, filepath.Base(name), "…")
}

// longWord returns the first all-letter word of 7 or more letters.
func longWord(text string) string {
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, ".,:;()«»\"'!?–-")
		if utf8.RuneCountInString(w) < 7 {
			continue
		}
		letters := true
		for _, r := range w {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || strings.ContainsRune("æøåÆØÅ", r)) {
				letters = false
				break
			}
		}
		if letters {
			return w
		}
	}
	return ""
}

func getJSON(client *http.Client, u string, v any) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return errors.New("GET " + u + ": " + resp.Status + ": " + tail(b.String(), 500))
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func peakRSS(state *os.ProcessState) int64 {
	if ru, ok := state.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10 // kilobytes on Linux
	}
	return 0
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
