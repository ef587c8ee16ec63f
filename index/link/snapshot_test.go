package link_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/corpus"
)

// gatedSource is the index's reader with a gate in front of Documents: while
// the gate is closed, a recomputation stops at its first read, as a slow one
// on a large corpus would.
type gatedSource struct {
	*index.Reader
	calls atomic.Int32 // Documents calls, one per recomputation

	mu      sync.Mutex
	gate    chan struct{} // non-nil: Documents waits until it is closed
	entered chan struct{} // receives when a call reaches the closed gate
}

func (g *gatedSource) Documents(ctx context.Context) ([]corpus.Document, error) {
	g.calls.Add(1)
	g.mu.Lock()
	gate, entered := g.gate, g.entered
	g.mu.Unlock()
	if gate != nil {
		entered <- struct{}{}
		<-gate
	}
	return g.Reader.Documents(ctx)
}

// hold closes the gate; the returned func opens it again, once however
// often it is called.
func (g *gatedSource) hold() (release func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	gate := make(chan struct{})
	g.gate, g.entered = gate, make(chan struct{}, 16)
	return sync.OnceFunc(func() {
		g.mu.Lock()
		g.gate = nil
		g.mu.Unlock()
		close(gate)
	})
}

// waitEntered waits until a recomputation is held at the gate.
func (g *gatedSource) waitEntered(t *testing.T) {
	t.Helper()
	g.mu.Lock()
	entered := g.entered
	g.mu.Unlock()
	select {
	case <-entered:
	case <-time.After(30 * time.Second):
		t.Fatal("no recomputation reached the source")
	}
}

const followUp = "identifisere nye områder for samarbeid om digitalisering mellom offentlig, privat og frivillig sektor"

// linkedTo71 reports whether the commitment linked in the status report's
// tiltak 7.1 is linked to it in views.
func linkedTo71(t *testing.T, f *fixture, views []corpus.CommitmentView) bool {
	t.Helper()
	t71 := f.tiltakByRef(t, "000", "7.1")
	for _, v := range views {
		if v.Kind == corpus.KindProse && strings.Contains(v.Text, followUp) {
			_, ok := linksTo(v, t71.ID)
			return ok
		}
	}
	t.Fatalf("no commitment %q", followUp)
	return false
}

// TestReadsDuringSlowRecompute holds a recomputation at its first read of
// the index and checks that requests meanwhile get the previous links at
// once, that many changes during it cause one more recomputation, and that
// the links then catch up.
func TestReadsDuringSlowRecompute(t *testing.T) {
	f := newFixture(t, "001", "002", "003", "004")
	ctx := context.Background()
	src := &gatedSource{Reader: f.idx.Reader()}
	svc := link.New(src, textAnalyzer(t), link.Options{Generation: f.idx.Generation, Debounce: -1})
	defer svc.Close()

	before, err := svc.Commitments(ctx, corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if linkedTo71(t, f, before) {
		t.Fatal("linked to tiltak 7.1 before the status report was added")
	}
	oldGen := svc.Generation()
	if svc.Stale() || oldGen != f.idx.Generation() {
		t.Fatalf("after the first computation: stale %v, generation %d, index %d", svc.Stale(), oldGen, f.idx.Generation())
	}

	release := f.holdAndPut(t, src, svc)
	defer release()
	// A recomputation is now held; requests are answered from the previous
	// links without waiting for it (a request that waited would run into
	// its deadline here, since nothing releases the gate until later).
	for i := range 5 {
		rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		got, err := svc.Commitments(rctx, corpus.CommitmentFilter{})
		cancel()
		if err != nil {
			t.Fatalf("request %d during the recomputation: %v", i, err)
		}
		if len(got) != len(before) || linkedTo71(t, f, got) {
			t.Fatalf("request %d did not get the previous links", i)
		}
		// More uploads while the recomputation is held.
		if err := f.idx.Writer().Delete(ctx, f.docs["000"].ID); err != nil {
			t.Fatal(err)
		}
		if err := f.idx.Writer().Put(ctx, f.docs["000"]); err != nil {
			t.Fatal(err)
		}
	}
	if !svc.Stale() || svc.Generation() != oldGen {
		t.Errorf("during the recomputation: stale %v, generation %d (was %d)", svc.Stale(), svc.Generation(), oldGen)
	}
	release()

	if err := svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := svc.Commitments(ctx, corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !linkedTo71(t, f, after) {
		t.Error("no link to tiltak 7.1 after the recomputation")
	}
	if svc.Stale() || svc.Generation() != f.idx.Generation() {
		t.Errorf("after refreshing: stale %v, generation %d, index %d", svc.Stale(), svc.Generation(), f.idx.Generation())
	}
	// The first computation, the held one, and one more for all the changes
	// made while it was held.
	if n := src.calls.Load(); n != 3 {
		t.Errorf("%d recomputations, want 3", n)
	}
}

// holdAndPut closes the gate, adds the status report and makes a request,
// which starts a recomputation that stops at the gate. The caller must
// release the gate before closing svc.
func (f *fixture) holdAndPut(t *testing.T, src *gatedSource, svc *link.Service) (release func()) {
	t.Helper()
	release = src.hold()
	if err := f.idx.Writer().Put(context.Background(), f.docs["000"]); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Commitments(context.Background(), corpus.CommitmentFilter{}); err != nil {
		t.Fatal(err)
	}
	src.waitEntered(t)
	return release
}

// TestFirstComputationOutlivesRequest cancels the request that started the
// first computation; the computation goes on and serves the next request.
func TestFirstComputationOutlivesRequest(t *testing.T) {
	f := newFixture(t, "000", "003")
	src := &gatedSource{Reader: f.idx.Reader()}
	svc := link.New(src, textAnalyzer(t), link.Options{Generation: f.idx.Generation})
	defer svc.Close()
	release := src.hold()
	defer release()

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := svc.Commitments(ctx, corpus.CommitmentFilter{})
		errc <- err
	}()
	src.waitEntered(t)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled first request: %v, want context.Canceled", err)
	}
	release()

	got, err := svc.Commitments(context.Background(), corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !linkedTo71(t, f, got) {
		t.Error("no link to tiltak 7.1")
	}
	if n := src.calls.Load(); n != 1 {
		t.Errorf("%d computations, want the one the cancelled request started", n)
	}
}

// TestClosed checks that a closed service without links says so instead
// of waiting.
func TestClosed(t *testing.T) {
	f := newFixture(t, "003")
	svc := link.New(f.idx.Reader(), textAnalyzer(t), link.Options{Generation: f.idx.Generation})
	svc.Close()
	if _, err := svc.Commitments(context.Background(), corpus.CommitmentFilter{}); err == nil {
		t.Error("a closed service without links answered")
	}
	if err := svc.Refresh(context.Background()); err == nil {
		t.Error("a closed service refreshed")
	}
}
