package crashtest

import (
	"context"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/loadtest"
)

// uploadDocs is how many distinct files the serve kill loop uploads.
const uploadDocs = 120

const token = "crash-test-token-5d2f"

// ack is an upload the server answered with 2xx.
type ack struct {
	id       string
	sections int // -1 when the answer was "unchanged", which carries no count
}

// newAck reads an upload answer.
func newAck(body []byte) ack {
	a := loadtest.ParseAck(body)
	if a.Outcome == "unchanged" {
		return ack{id: a.DocumentID, sections: -1}
	}
	return ack{id: a.DocumentID, sections: a.Sections}
}

// merge records a new acknowledgement; an "unchanged" answer keeps the
// section count learnt from the upload that stored the document.
func merge(acked map[string]ack, name string, a ack) {
	if old, ok := acked[name]; ok && a.sections < 0 {
		a.sections = old.sections
	}
	acked[name] = a
}

// uploadUntilKilled sends pending files with two workers until the server
// is killed after delay, and returns the acknowledged ones by name.
func uploadUntilKilled(srv *loadtest.Server, pending []loadtest.GeneratedDoc, delay time.Duration) (map[string]ack, int) {
	client := &http.Client{Timeout: 30 * time.Second}
	queue := make(chan loadtest.GeneratedDoc)
	acks := map[string]ack{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	failures := 0
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range queue {
				status, body, err := loadtest.UploadFile(context.Background(), client, srv.URL, token,
					loadtest.Upload{Name: d.Name, Body: d.Body})
				mu.Lock()
				if err == nil && status >= 200 && status < 300 {
					acks[d.Name] = newAck(body)
				} else {
					failures++
				}
				mu.Unlock()
			}
		}()
	}
	timer := time.AfterFunc(delay, srv.Kill)
	defer timer.Stop()
feed:
	for _, d := range pending {
		select {
		case queue <- d:
		case <-srv.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	return acks, failures
}

func TestServeKillDuringUpload(t *testing.T) {
	fx := setup(t)
	n := max(3, kills(t)/3)
	docs := loadtest.Generate(fx.sentences, uploadDocs, 11)
	for i := range docs {
		docs[i].Name = "opp-" + docs[i].Name
	}
	data := filepath.Join(t.TempDir(), "data")
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 2))
	t.Logf("kill timing seed %d, %d kills", seed, n)

	acked := map[string]ack{} // every upload ever acknowledged, by name
	client := &http.Client{Timeout: 30 * time.Second}
	byName := map[string]loadtest.GeneratedDoc{}
	for _, d := range docs {
		byName[d.Name] = d
	}
	// verify checks every acknowledged upload and that no source is listed twice.
	verify := func(srv *loadtest.Server, round int) {
		t.Helper()
		for name, a := range acked {
			d := byName[name]
			if err := checkIntact(client, srv.URL, a.id, d.Body, a.sections, d.Marker); err != nil {
				t.Errorf("after kill %d: acknowledged upload %s: %v", round, name, err)
			}
		}
		var list struct {
			Documents []docRow `json:"documents"`
		}
		if _, err := getJSON(client, srv.URL+"/api/documents", &list); err != nil {
			t.Fatalf("after kill %d: %v", round, err)
		}
		count := map[string]int{}
		for _, r := range list.Documents {
			if strings.HasPrefix(filepath.Base(r.Source), "opp-") {
				count[filepath.Base(r.Source)]++
			}
		}
		for name, c := range count {
			if c > 1 {
				t.Errorf("after kill %d: %s listed %d times", round, name, c)
			}
		}
	}

	totalFailures := 0
	for round := range n {
		srv, err := loadtest.StartServer(context.Background(), loadtest.ServeOptions{Bin: fx.bin, Data: data, Token: token})
		if err != nil {
			t.Fatalf("start %d after a kill: %v", round, err)
		}
		verify(srv, round)
		if t.Failed() {
			srv.Kill()
			t.FailNow()
		}
		var pending []loadtest.GeneratedDoc
		for _, d := range docs {
			if _, ok := acked[d.Name]; !ok {
				pending = append(pending, d)
			}
		}
		// Some already-acknowledged files are sent again, so that kills
		// also land on replacements of existing documents.
		for _, d := range docs[:10] {
			if _, ok := acked[d.Name]; ok {
				pending = append(pending, d)
			}
		}
		delay := time.Duration(rng.Int64N(int64(2500*time.Millisecond))) + 200*time.Millisecond
		got, failures := uploadUntilKilled(srv, pending, delay)
		totalFailures += failures
		for name, a := range got {
			if a.id == "" {
				t.Errorf("upload of %s was acknowledged without a document id", name)
			}
			merge(acked, name, a)
		}
		t.Logf("round %d: killed after %v; %d uploads acknowledged (total %d), %d cut off",
			round, delay.Round(time.Millisecond), len(got), len(acked), failures)
	}

	// After the last kill: everything acknowledged is there, then the rest goes in.
	srv, err := loadtest.StartServer(context.Background(), loadtest.ServeOptions{Bin: fx.bin, Data: data, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := srv.Stop(10 * time.Second); err != nil {
			t.Errorf("stopping serve: %v", err)
		}
	}()
	verify(srv, n)
	for _, d := range docs {
		if _, ok := acked[d.Name]; ok {
			continue
		}
		status, body, err := loadtest.UploadFile(context.Background(), client, srv.URL, token, loadtest.Upload{Name: d.Name, Body: d.Body})
		if err != nil || status/100 != 2 {
			t.Fatalf("final upload of %s: %d %v %s", d.Name, status, err, body)
		}
		merge(acked, d.Name, newAck(body))
	}
	verify(srv, n)
	var list struct {
		Documents []docRow `json:"documents"`
	}
	if _, err := getJSON(client, srv.URL+"/api/documents", &list); err != nil {
		t.Fatal(err)
	}
	uploaded := 0
	for _, r := range list.Documents {
		if strings.HasPrefix(filepath.Base(r.Source), "opp-") {
			uploaded++
		}
	}
	if uploaded != len(docs) {
		t.Errorf("final: %d uploaded documents listed, want %d", uploaded, len(docs))
	}
	t.Logf("SUMMARY serve kill loop: %d kills during uploads, %d uploads cut off, %d acknowledged documents verified intact, %d listed (want %d)",
		n, totalFailures, len(acked), uploaded, len(docs))
}
