package loadtest

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/serveproc"
	"github.com/strategispor/strategispor/internal/testutil"
)

// Environment variables for the full form.
const (
	envSeconds = "STRATEGISPOR_LOAD_SECONDS" // run length; default 10
	envWorkers = "STRATEGISPOR_LOAD_WORKERS" // concurrent readers; default 8
)

// queries are varied Norwegian searches: single words, compounds, phrases,
// inflected forms, field filters and a typo.
var queries = []string{
	"digitalisering", "deling av data", "kunstig intelligens", "informasjonssikkerhet",
	"sammenhengende tjenester", "\"regjeringen vil\"", "kommunene", "innbyggerne",
	"digitaliseringsstrategi", "tilskuddsforvaltning", "styring og samordning", "skytjenester",
	"personvern og tillit", "nasjonale fellesløsninger", "digital kompetanse", "handlingsplan",
	"gevinstrealisering", "medfinansieringsordningen", "offentlig sektor", "næringslivet",
	"livshendelser", "tverrgående", "status forsinket", "Digdir", "KS", "samarbeid med KS",
	"digitaliserng", "økosystem for digital samhandling", "brukerne i sentrum", "tiltak 7.1",
}

// benchQueries adds the shared benchmark queries when they are there.
func benchQueries(shared string) []string {
	f, err := os.Open(filepath.Join(shared, "bench", "queries.txt"))
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if q := strings.TrimSpace(sc.Text()); q != "" && !strings.HasPrefix(q, "#") {
			out = append(out, q)
		}
	}
	return out
}

func TestLoad(t *testing.T) {
	testutil.Heavy(t)
	root, shared := testutil.RepoRoot(t), testutil.SharedDir(t)
	seeds := filepath.Join(shared, "seeds")
	seconds := testutil.EnvInt(t, envSeconds, 10)
	workers := testutil.EnvInt(t, envWorkers, 8)
	sentences, err := SeedSentences(seeds)
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	bin, err := serveproc.Build(context.Background(), root, base)
	if err != nil {
		t.Fatal(err)
	}

	// The index holds the seeds and generated documents; more are uploaded
	// during the run.
	all := Generate(sentences, 200+30*seconds, 3)
	indexed, uploads := all[:200], all[200:]
	folder := filepath.Join(base, "inn")
	if err := WriteAll(folder, indexed); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(base, "data")
	if out, err := exec.Command(bin, "ingest", "--data", data, seeds, folder).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	const token = "load-test-token-81c3"
	srv, err := serveproc.Start(context.Background(), serveproc.Options{Bin: bin, Data: data, Token: token, Args: []string{"--no-seeds"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Kill) // no server outlives the test, whatever fails
	defer func() {
		if err := srv.Stop(15 * time.Second); err != nil {
			t.Errorf("stopping serve: %v", err)
		}
	}()

	up := make([]Upload, len(uploads))
	for i, d := range uploads {
		up[i] = Upload{Name: "opp-" + d.Name, Body: d.Body}
	}
	// First reads alone, then reads while uploads run: every upload changes
	// the index, so the second phase also measures cache invalidation.
	qs := append(queries, benchQueries(shared)...)
	readOnly := Config{BaseURL: srv.URL, Workers: workers, Duration: time.Duration(seconds) * time.Second / 2,
		Queries: qs, Seed: 1}
	rep, err := Run(context.Background(), readOnly)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reads only: %v, %d readers, %d queries\n%s", readOnly.Duration, workers, len(qs), rep)
	checkReport(t, "reads only", rep)

	// Search and document reads alone while uploads run, then the full mix.
	third := len(up) / 3
	searchOnly := Config{BaseURL: srv.URL, Token: token, Workers: workers, Duration: time.Duration(seconds) * time.Second / 2,
		Queries: qs, Uploads: up[:third], UploadWorkers: 1, Seed: 2, NoCommitments: true}
	rep, err = Run(context.Background(), searchOnly)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("search and documents with uploads: %v, %d readers, 1 uploader\n%s", searchOnly.Duration, workers, rep)
	checkReport(t, "search and documents with uploads", rep)
	acks := rep.Acks

	mixed := Config{BaseURL: srv.URL, Token: token, Workers: workers, Duration: time.Duration(seconds) * time.Second,
		Queries: qs, Uploads: up[third:], UploadWorkers: 1, Seed: 3}
	rep, err = Run(context.Background(), mixed)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("all reads with uploads: %v, %d readers, 1 uploader\n%s", mixed.Duration, workers, rep)
	checkReport(t, "all reads with uploads", rep)
	acks = append(acks, rep.Acks...)
	if len(acks) == 0 {
		t.Error("no upload was acknowledged during the run")
	}
	checkUploads(t, srv.URL, up, acks)
}

// checkReport asserts no server errors, no lost requests and no 4xx.
func checkReport(t *testing.T, phase string, rep *Report) {
	t.Helper()
	for _, s := range rep.Samples {
		t.Logf("%s: sample: %s", phase, s)
	}
	if rep.Status5xx != 0 {
		t.Errorf("%s: %d answers were 5xx", phase, rep.Status5xx)
	}
	if rep.Transport != 0 {
		t.Errorf("%s: %d requests got no answer", phase, rep.Transport)
	}
	for k, s := range rep.Kinds {
		if s.Status4xx != 0 {
			t.Errorf("%s: %s: %d answers were 4xx", phase, k, s.Status4xx)
		}
	}
	if rep.Kinds[KindSearch] == nil || rep.Kinds[KindSearch].Count == 0 {
		t.Errorf("%s: no search was answered", phase)
	}
}

// checkUploads asserts that every acknowledged upload is present once with
// its content hash and section count, and nothing else came from uploads.
func checkUploads(t *testing.T, base string, up []Upload, acks []Ack) {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	body := map[string][]byte{}
	for _, u := range up {
		body[u.Name] = u.Body
	}
	var list struct {
		Documents []struct {
			ID       string `json:"id"`
			Source   string `json:"source"`
			Sections int    `json:"sections"`
		} `json:"documents"`
	}
	if err := getJSON(context.Background(), client, base+"/api/documents", &list); err != nil {
		t.Fatal(err)
	}
	listed := map[string]int{}
	sections := map[string]int{}
	for _, d := range list.Documents {
		if strings.HasPrefix(filepath.Base(d.Source), "opp-") {
			listed[d.ID]++
			sections[d.ID] = d.Sections
		}
	}
	for _, a := range acks {
		if listed[a.DocumentID] != 1 {
			t.Errorf("acknowledged upload %s (%s) listed %d times", a.Name, a.DocumentID, listed[a.DocumentID])
			continue
		}
		if sections[a.DocumentID] != a.Sections {
			t.Errorf("%s: %d sections listed, %d acknowledged", a.Name, sections[a.DocumentID], a.Sections)
		}
		var d struct {
			ContentHash string `json:"content_hash"`
		}
		if err := getJSON(context.Background(), client, base+"/api/documents/"+url.PathEscape(a.DocumentID), &d); err != nil {
			t.Error(err)
			continue
		}
		sum := sha256.Sum256(body[a.Name])
		if d.ContentHash != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: content_hash %s, want %x", a.Name, d.ContentHash, sum)
		}
	}
	if len(listed) != len(acks) {
		t.Errorf("%d uploaded documents listed, %d acknowledged", len(listed), len(acks))
	}
	t.Logf("uploads: %d acknowledged, %d listed, duplicates %d", len(acks), len(listed), dupes(listed))
}

func dupes(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c - 1
	}
	return n
}

func TestPercentile(t *testing.T) {
	ms := func(n ...int) []time.Duration {
		out := make([]time.Duration, len(n))
		for i, v := range n {
			out[i] = time.Duration(v) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of four", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p95 of twenty", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), 95, 19 * time.Millisecond},
		{"p99 of a hundred is the 99th", ms(seq(100)...), 99, 99 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("percentile(%d) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

func TestRunRefusesRemote(t *testing.T) {
	_, err := Run(context.Background(), Config{BaseURL: "http://192.0.2.1:80", Queries: []string{"x"}})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("Run against a non-loopback address: err = %v, want a loopback refusal", err)
	}
}

func TestGenerate(t *testing.T) {
	s := []string{"Regjeringen vil styrke samarbeidet med kommunene om digitale tjenester.",
		"Digitalisering er et verktøy for å løse samfunnsutfordringer på tvers av sektorer."}
	a, b := Generate(s, 5, 9), Generate(s, 5, 9)
	for i := range a {
		if string(a[i].Body) != string(b[i].Body) || a[i].Name != b[i].Name {
			t.Fatalf("document %d differs between runs with the same seed", i)
		}
		if !strings.Contains(string(a[i].Body), a[i].Marker) {
			t.Errorf("%s lacks its marker %s", a[i].Name, a[i].Marker)
		}
		if want := fmt.Sprintf("dok-%05d", i); !strings.HasPrefix(a[i].Name, want) {
			t.Errorf("name %s, want prefix %s", a[i].Name, want)
		}
	}
}
