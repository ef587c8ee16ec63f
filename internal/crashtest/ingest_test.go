package crashtest

import (
	"bufio"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/loadtest"
	"github.com/strategispor/strategispor/internal/serveproc"
	"github.com/strategispor/strategispor/internal/testutil"
)

// ingestDocs is how many files the kill loop ingests.
const ingestDocs = 300

// progressLine is the plain per-file line `ingest` writes to stderr when it
// is not a terminal: "[12/300] ingested  /path/dok-00011.md (5 sections, 3 ms)".
var progressLine = regexp.MustCompile(`^\[(\d+)/(\d+)\]\s+(\S+)\s+(\S+)`)

// killedRun is one `ingest` run, killed or not.
type killedRun struct {
	reported map[string]string // file base name → outcome printed before the kill
	exited   bool              // finished on its own before the kill
	exitCode int
	stderr   string
	first    time.Duration // from start to the first progress line; 0 if none
	elapsed  time.Duration
}

// watch lets a trigger follow the running process.
type watch struct {
	gone  <-chan struct{} // closed when the process has exited
	first <-chan struct{} // closed at the first progress line
}

// never is a trigger for runs that must finish on their own.
func never(watch) <-chan time.Time { return nil }

// after kills after a fixed delay from the start.
func after(d time.Duration) func(watch) <-chan time.Time {
	return func(watch) <-chan time.Time { return time.After(d) }
}

// afterFirst kills d after the first progress line, when files are being written.
func afterFirst(d time.Duration) func(watch) <-chan time.Time {
	return func(w watch) <-chan time.Time {
		c := make(chan time.Time, 1)
		go func() {
			select {
			case <-w.first:
				c <- <-time.After(d)
			case <-w.gone:
			}
		}()
		return c
	}
}

// runUntil starts ingest and sends SIGKILL when the channel that trigger
// returns fires.
func runUntil(t *testing.T, bin, data, folder string, force bool, trigger func(watch) <-chan time.Time) killedRun {
	t.Helper()
	args := []string{"ingest", "--json", "--data", data, folder}
	if force {
		args = append(args, "--force")
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout = io.Discard
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	run := killedRun{reported: map[string]string{}}
	var mu sync.Mutex
	var all []byte
	scanned := make(chan struct{})
	first := make(chan struct{})
	go func() {
		defer close(scanned)
		sc := bufio.NewScanner(pipe)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			mu.Lock()
			all = append(all, line...)
			all = append(all, '\n')
			if m := progressLine.FindStringSubmatch(line); m != nil {
				run.reported[filepath.Base(m[4])] = m[3]
				if run.first == 0 {
					run.first = time.Since(start)
					close(first)
				}
			}
			mu.Unlock()
		}
	}()
	exited := make(chan error, 1)
	gone := make(chan struct{})
	go func() { <-scanned; err := cmd.Wait(); close(gone); exited <- err }()
	select {
	case err := <-exited:
		run.exited = true
		run.exitCode = exitCode(err)
	case <-trigger(watch{gone: gone, first: first}):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := <-exited
		// It may have finished between the trigger and the signal.
		if code := exitCode(err); code >= 0 {
			run.exited, run.exitCode = true, code
		}
	}
	run.elapsed = time.Since(start)
	mu.Lock()
	run.stderr = string(all)
	mu.Unlock()
	return run
}

// whenEntry fires as soon as dir has any entry (the index, or the
// temporary folder it is created in), polling every millisecond.
func whenEntry(dir string, gone <-chan struct{}) <-chan time.Time {
	c := make(chan time.Time, 1)
	go func() {
		for {
			select {
			case <-gone:
				return
			default:
			}
			if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
				c <- time.Now()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	return c
}

// exitCode is the process's exit code, or -1 when a signal ended it.
func exitCode(err error) int {
	var ee *exec.ExitError
	if err == nil {
		return 0
	}
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return -1
		}
		return ee.ExitCode()
	}
	return -1
}

func TestIngestKillLoop(t *testing.T) {
	testutil.Heavy(t)
	fx := setup(t)
	n := testutil.EnvInt(t, envKills, defaultKills)
	base := t.TempDir()
	folder := filepath.Join(base, "inn")
	docs := loadtest.Generate(fx.sentences, ingestDocs, 7)
	if err := loadtest.WriteAll(folder, docs); err != nil {
		t.Fatal(err)
	}
	byName := map[string]loadtest.GeneratedDoc{}
	for _, d := range docs {
		byName[d.Name] = d
	}

	// A clean run into its own directory gives the expected documents and
	// the timing: start-up until the first file, then the files.
	refData := filepath.Join(base, "ref")
	refRun := runUntil(t, fx.bin, refData, folder, false, never)
	if refRun.exitCode != 0 {
		t.Fatalf("reference ingest exited %d:\n%s", refRun.exitCode, tail(refRun.stderr, 3000))
	}
	refRows, err := listDocuments(fx.bin, refData)
	if err != nil {
		t.Fatal(err)
	}
	if len(refRows) != len(docs) {
		t.Fatalf("reference run indexed %d documents from %d files", len(refRows), len(docs))
	}
	ref := map[string]docRow{} // by source base name
	for _, r := range refRows {
		ref[filepath.Base(r.Source)] = r
	}
	startup, files := refRun.first, refRun.elapsed-refRun.first
	t.Logf("reference ingest of %d files: %v start-up, %v for the files", len(docs),
		startup.Round(time.Millisecond), files.Round(time.Millisecond))
	window := files + time.Millisecond

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("kill timing seed %d, %d kills", seed, n)

	// Kill the first run the moment anything appears in the index folder,
	// while the index is being created, then check that it still opens.
	data := filepath.Join(base, "data")
	run := runUntil(t, fx.bin, data, folder, false, func(w watch) <-chan time.Time {
		return whenEntry(filepath.Join(data, "index"), w.gone)
	})
	var left []string
	entries, _ := os.ReadDir(filepath.Join(data, "index"))
	for _, e := range entries {
		left = append(left, e.Name())
	}
	t.Logf("creation kill: the index folder held %v", left)
	if _, err := listDocuments(fx.bin, data); err != nil {
		// Reported, then the directory is cleared so the loop below still runs.
		t.Errorf("killed while the index was created (exited on its own: %v): the index does not open: %v", run.exited, err)
		if err := os.RemoveAll(data); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Logf("creation kill: exited on its own %v; the index opens afterwards", run.exited)
	}
	mustHave := map[string]bool{} // base names reported ingested or unchanged, or seen present
	killed, completed := 0, 0
	for i := range n {
		// One run in four is killed during start-up, the others while files
		// are written; odd runs re-put every document (--force) so that kills
		// also land on replacements.
		force := i%2 == 1
		var delay time.Duration
		var when string
		if rng.IntN(4) == 0 {
			delay = time.Duration(rng.Int64N(int64(startup + startup/5 + time.Millisecond)))
			when = "after start"
			run = runUntil(t, fx.bin, data, folder, force, after(delay))
		} else {
			delay = time.Duration(rng.Int64N(int64(window)))
			when = "after the first file"
			run = runUntil(t, fx.bin, data, folder, force, afterFirst(delay))
		}
		if run.exited {
			completed++
			if run.exitCode != 0 {
				t.Fatalf("run %d exited %d on its own:\n%s", i, run.exitCode, tail(run.stderr, 3000))
			}
		} else {
			killed++
		}
		rows, err := listDocuments(fx.bin, data)
		if err != nil {
			t.Fatalf("run %d (killed %v %s): the index does not open: %v", i, delay, when, err)
		}
		present := map[string]bool{}
		for _, r := range rows {
			name := filepath.Base(r.Source)
			want, ok := ref[name]
			switch {
			case !ok:
				t.Errorf("run %d: unexpected document %s (%s)", i, r.ID, r.Source)
			case present[name]:
				t.Errorf("run %d: %s listed twice", i, name)
			case r.ID != want.ID || r.Sections != want.Sections:
				t.Errorf("run %d: %s is %s with %d sections, want %s with %d", i, name, r.ID, r.Sections, want.ID, want.Sections)
			}
			present[name] = true
		}
		reported := 0
		for name, outcome := range run.reported {
			if outcome == "ingested" || outcome == "unchanged" {
				mustHave[name] = true
				reported++
			}
		}
		lost := 0
		for name := range mustHave {
			if !present[name] {
				lost++
				if lost <= 5 {
					t.Errorf("run %d (killed %v %s, force=%v): %s was reported or present before and is missing", i, delay, when, force, name)
				}
			}
		}
		for name := range present {
			mustHave[name] = true
		}
		t.Logf("run %d: force=%v killed %v %s, exited on its own %v; reported ingested/unchanged %d, present %d, lost %d",
			i, force, delay.Round(time.Millisecond), when, run.exited, reported, len(present), lost)
		if lost > 0 || len(present) > len(ref) {
			t.Fatalf("stopping after run %d; its stderr:\n%s", i, tail(run.stderr, 3000))
		}
	}

	// A final run completes and leaves each file exactly once.
	out, err := exec.Command(fx.bin, "ingest", "--json", "--data", data, folder).CombinedOutput()
	if err != nil {
		t.Fatalf("final ingest: %v\n%s", err, tail(string(out), 3000))
	}
	rows, err := listDocuments(fx.bin, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(docs) {
		t.Errorf("final: %d documents for %d files", len(rows), len(docs))
	}
	seen := map[string]int{}
	for _, r := range rows {
		seen[filepath.Base(r.Source)]++
	}
	for name, c := range seen {
		if c != 1 {
			t.Errorf("final: %s listed %d times", name, c)
		}
	}

	srv, err := serveproc.Start(context.Background(), serveproc.Options{Bin: fx.bin, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Kill) // no server outlives the test, whatever fails
	defer srv.Stop(10 * time.Second)
	client := &http.Client{Timeout: 30 * time.Second}
	verified := 0
	for name, d := range byName {
		r, ok := ref[name]
		if !ok {
			t.Errorf("%s missing from the reference", name)
			continue
		}
		if err := checkIntact(client, srv.URL, r.ID, d.Body, r.Sections, d.Marker); err != nil {
			t.Error(err)
			continue
		}
		verified++
	}
	t.Logf("SUMMARY ingest kill loop: %d runs (%d killed, %d finished first), %d documents verified intact, duplicates %d",
		n, killed, completed, verified, len(rows)-len(seen))
	_ = os.RemoveAll(refData)
}
