package crashtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/loadtest"
	"github.com/strategispor/strategispor/internal/serveproc"
	"github.com/strategispor/strategispor/internal/testutil"
)

// uploadDocs is how many distinct files the serve kill loop uploads.
const uploadDocs = 120

const token = "crash-test-token-5d2f"

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// version is one content of an uploaded file.
type version struct {
	body     []byte
	sections int // from the 2xx answer; -1 when unknown
}

// ledger tracks, per file name, the version the server acknowledged last
// and the versions sent after it without an answer. After a kill the stored
// document must be one of those, complete.
type ledger struct {
	mu       sync.Mutex
	id       map[string]string            // document id by name
	acked    map[string]version           // last acknowledged version
	inflight map[string]map[string][]byte // name → hash → body sent, not acknowledged
}

func newLedger() *ledger {
	return &ledger{id: map[string]string{}, acked: map[string]version{},
		inflight: map[string]map[string][]byte{}}
}

func (l *ledger) send(name string, body []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inflight[name] == nil {
		l.inflight[name] = map[string][]byte{}
	}
	l.inflight[name][hashOf(body)] = body
}

// ack records a 2xx answer. "unchanged" carries no section count; the count
// is kept when the content is the one acknowledged before.
func (l *ledger) ack(name string, body, answer []byte) error {
	a := loadtest.ParseAck(answer)
	if a.DocumentID == "" {
		return fmt.Errorf("upload of %s acknowledged without a document id: %s", name, answer)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	v := version{body: body, sections: a.Sections}
	if a.Outcome == "unchanged" {
		v.sections = -1
		if old, ok := l.acked[name]; ok && hashOf(old.body) == hashOf(body) {
			v.sections = old.sections
		}
	}
	if old, ok := l.id[name]; ok && old != a.DocumentID {
		return fmt.Errorf("%s changed document id from %s to %s", name, old, a.DocumentID)
	}
	l.id[name] = a.DocumentID
	l.acked[name] = v
	delete(l.inflight, name)
	return nil
}

// verify checks every name the server has acknowledged, and that no upload
// is listed twice. A version found that was sent but not acknowledged is
// accepted (the kill came between the write and the answer) and becomes the
// expected one.
func (l *ledger) verify(client *http.Client, base string, byName map[string]loadtest.GeneratedDoc) (checked, dupes int, errs []error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for name, v := range l.acked {
		id := l.id[name]
		var d fullDoc
		if _, err := getJSON(client, base+"/api/documents/"+url.PathEscape(id), &d); err != nil {
			errs = append(errs, fmt.Errorf("acknowledged upload %s: %w", name, err))
			continue
		}
		body, sections := v.body, v.sections
		if d.ContentHash != hashOf(v.body) {
			b, ok := l.inflight[name][d.ContentHash]
			if !ok {
				errs = append(errs, fmt.Errorf("%s: stored content %s is neither the acknowledged version nor one sent after it", name, d.ContentHash))
				continue
			}
			body, sections = b, -1
			l.acked[name] = version{body: b, sections: len(d.Sections)}
		}
		// Whatever else was sent to the killed server was not stored.
		delete(l.inflight, name)
		if err := checkIntact(client, base, id, body, sections, byName[name].Marker); err != nil {
			errs = append(errs, fmt.Errorf("acknowledged upload %s: %w", name, err))
			continue
		}
		checked++
	}
	var list struct {
		Documents []docRow `json:"documents"`
	}
	if _, err := getJSON(client, base+"/api/documents", &list); err != nil {
		return checked, 0, append(errs, err)
	}
	count := map[string]int{}
	for _, r := range list.Documents {
		if strings.HasPrefix(filepath.Base(r.Source), "opp-") {
			count[filepath.Base(r.Source)]++
		}
	}
	for name, c := range count {
		if c > 1 {
			dupes += c - 1
			errs = append(errs, fmt.Errorf("%s listed %d times", name, c))
		}
	}
	return checked, dupes, errs
}

// uploadUntilKilled sends the round's files with two workers and kills the
// server after delay; if the files run out first, the kill still comes at
// delay. It returns how many uploads were acknowledged and how many were in
// flight at the kill and got no answer.
func uploadUntilKilled(t *testing.T, srv *serveproc.Server, l *ledger, round []loadtest.Upload, delay time.Duration) (acked, cut int) {
	client := &http.Client{Timeout: 30 * time.Second}
	queue := make(chan loadtest.Upload)
	var killed atomic.Bool
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range queue {
				if killed.Load() {
					continue // the server is gone; drain the queue
				}
				l.send(u.Name, u.Body)
				status, answer, err := loadtest.UploadFile(context.Background(), client, srv.URL, token, u)
				mu.Lock()
				switch {
				case err == nil && status/100 == 2:
					if err := l.ack(u.Name, u.Body, answer); err != nil {
						t.Error(err)
					}
					acked++
				case err == nil:
					t.Errorf("upload of %s answered %d: %s", u.Name, status, answer)
				default:
					cut++
				}
				mu.Unlock()
			}
		}()
	}
	timer := time.AfterFunc(delay, func() { killed.Store(true); srv.Kill() })
feed:
	for _, u := range round {
		select {
		case <-srv.Done():
			break feed
		default:
		}
		select {
		case queue <- u:
		case <-srv.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	<-srv.Done()
	timer.Stop()
	return acked, cut
}

func TestServeKillDuringUpload(t *testing.T) {
	testutil.Heavy(t)
	fx := setup(t)
	n := max(3, testutil.EnvInt(t, envKills, defaultKills)/3)
	docs := loadtest.Generate(fx.sentences, uploadDocs, 11)
	byName := map[string]loadtest.GeneratedDoc{}
	for i := range docs {
		docs[i].Name = "opp-" + docs[i].Name
		byName[docs[i].Name] = docs[i]
	}
	data := filepath.Join(t.TempDir(), "data")
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 2))
	t.Logf("kill timing seed %d, %d kills", seed, n)

	l := newLedger()
	client := &http.Client{Timeout: 30 * time.Second}
	start := func(round int) *serveproc.Server {
		t.Helper()
		srv, err := serveproc.Start(context.Background(), serveproc.Options{Bin: fx.bin, Data: data, Token: token})
		if err != nil {
			t.Fatalf("start %d: %v", round, err)
		}
		t.Cleanup(srv.Kill) // no server outlives the test, whatever fails
		checked, _, errs := l.verify(client, srv.URL, byName)
		for _, err := range errs {
			t.Errorf("after kill %d: %v", round, err)
		}
		if len(errs) > 0 {
			srv.Kill()
			t.FailNow()
		}
		t.Logf("start %d: %d acknowledged uploads verified intact", round, checked)
		return srv
	}

	totalAcked, totalCut := 0, 0
	for round := range n {
		srv := start(round)
		// Each round sends every file not yet acknowledged, then new
		// versions of acknowledged ones, so kills land on first writes and
		// on replacements; each name at most once per round.
		var send []loadtest.Upload
		var revise []loadtest.Upload
		for _, d := range docs {
			if _, ok := l.acked[d.Name]; !ok {
				send = append(send, loadtest.Upload{Name: d.Name, Body: d.Body})
			} else {
				body := append([]byte(nil), d.Body...)
				body = fmt.Appendf(body, "\nRevisjon %d av dokumentet.\n", round)
				revise = append(revise, loadtest.Upload{Name: d.Name, Body: body})
			}
		}
		rng.Shuffle(len(revise), func(i, j int) { revise[i], revise[j] = revise[j], revise[i] })
		send = append(send, revise...)
		delay := time.Duration(rng.Int64N(int64(2500*time.Millisecond))) + 200*time.Millisecond
		acked, cut := uploadUntilKilled(t, srv, l, send, delay)
		totalAcked += acked
		totalCut += cut
		t.Logf("round %d: killed after %v; %d uploads acknowledged, %d cut off", round, delay.Round(time.Millisecond), acked, cut)
	}

	// After the last kill: everything acknowledged is there, then the rest goes in.
	srv := start(n)
	defer func() {
		if err := srv.Stop(10 * time.Second); err != nil {
			t.Errorf("stopping serve: %v", err)
		}
	}()
	for _, d := range docs {
		if _, ok := l.acked[d.Name]; ok {
			continue
		}
		u := loadtest.Upload{Name: d.Name, Body: d.Body}
		l.send(u.Name, u.Body)
		status, answer, err := loadtest.UploadFile(context.Background(), client, srv.URL, token, u)
		if err != nil || status/100 != 2 {
			t.Fatalf("final upload of %s: %d %v %s", d.Name, status, err, answer)
		}
		if err := l.ack(u.Name, u.Body, answer); err != nil {
			t.Fatal(err)
		}
	}
	checked, dupes, errs := l.verify(client, srv.URL, byName)
	for _, err := range errs {
		t.Errorf("final: %v", err)
	}
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
	t.Logf("SUMMARY serve kill loop: %d kills during uploads, %d uploads acknowledged, %d cut off by a kill; final: %d documents verified intact, %d listed (want %d), %d duplicates",
		n, totalAcked, totalCut, checked, uploaded, len(docs), dupes)
}
