package link

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"
)

var errClosed = errors.New("link service closed")

// snapshot is one computed link state and what it was computed from. It is
// never changed after it is published, so readers use it without a lock.
type snapshot struct {
	st  *state
	key string // "g<generation>", or a fingerprint of the document list
	gen uint64 // the generation read before the documents were (0 without Options.Generation)
}

// current returns the latest link state. Once a first state exists it never
// waits: a state computed for an older generation is returned as it is and
// a recomputation is started in the background. Only the very first call
// waits for a computation, and only as long as ctx allows; cancelling ctx
// does not cancel the computation, which the next call can then use.
func (s *Service) current(ctx context.Context) (*state, error) {
	if sn := s.snap.Load(); sn != nil {
		if s.opt.Generation == nil || sn.gen != s.opt.Generation() {
			s.mu.Lock()
			s.startLocked(false)
			s.mu.Unlock()
		}
		return sn.st, nil
	}
	for {
		s.mu.Lock()
		if sn := s.snap.Load(); sn != nil {
			s.mu.Unlock()
			return sn.st, nil
		}
		if s.bg.Err() != nil {
			s.mu.Unlock()
			return nil, fmt.Errorf("computing links: %w", errClosed)
		}
		s.startLocked(true)
		done := s.done
		s.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return nil, fmt.Errorf("computing links: %w", ctx.Err())
		}
		if sn := s.snap.Load(); sn != nil {
			return sn.st, nil
		}
		s.mu.Lock()
		err := s.err
		s.mu.Unlock()
		if err != nil {
			return nil, err
		}
	}
}

// Refresh waits until the links reflect every change made to the source
// before it was called, or ctx ends. Readers never need it; it is for
// callers that must see their own writes (tests, a command that ingests
// and then prints links).
func (s *Service) Refresh(ctx context.Context) error {
	s.mu.Lock()
	if sn := s.snap.Load(); sn != nil && s.opt.Generation != nil && sn.gen == s.opt.Generation() {
		s.mu.Unlock()
		return nil
	}
	if s.bg.Err() != nil {
		s.mu.Unlock()
		return fmt.Errorf("refreshing links: %w", errClosed)
	}
	// A computation that starts after this point reads the source as it is now.
	target := s.started + 1
	s.startLocked(true)
	for s.finished < target {
		done := s.done
		s.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return fmt.Errorf("refreshing links: %w", ctx.Err())
		}
		s.mu.Lock()
	}
	err := s.err
	s.mu.Unlock()
	return err
}

// Generation is the index generation the links being served were computed
// for; 0 before the first computation or without Options.Generation.
func (s *Service) Generation() uint64 {
	if sn := s.snap.Load(); sn != nil {
		return sn.gen
	}
	return 0
}

// Stale reports whether the links being served may lag behind the source:
// there are none yet, the index generation moved on since they were
// computed, or (without Options.Generation) a check is under way.
func (s *Service) Stale() bool {
	sn := s.snap.Load()
	if sn == nil {
		return true
	}
	if s.opt.Generation != nil {
		return sn.gen != s.opt.Generation()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

// Close stops a background computation and waits for it to end. Calls
// after Close answer from the last state, or with an error if there is none.
func (s *Service) Close() {
	s.stop()
	s.wg.Wait()
}

// startLocked makes sure a computation will run: it starts the background
// worker, or, when one is already working, asks it for one more round.
// Many calls while it works cost one more round, not many. urgent skips the
// debounce wait. s.mu must be held.
func (s *Service) startLocked(urgent bool) {
	if s.bg.Err() != nil {
		return
	}
	if s.running {
		s.again = true
		s.urgent = s.urgent || urgent
		if urgent {
			select { // cut a debounce wait short
			case s.wake <- struct{}{}:
			default:
			}
		}
		return
	}
	s.running = true
	s.wg.Add(1)
	go s.work(urgent)
}

// work computes link states until no change is waiting.
func (s *Service) work(urgent bool) {
	defer s.wg.Done()
	for {
		if !urgent {
			// Let a burst of uploads settle into one recomputation, and
			// under a steady stream leave the machine to the requests at
			// least as long as the last recomputation took.
			s.mu.Lock()
			wait := max(s.opt.Debounce, s.took)
			s.mu.Unlock()
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-s.wake:
				t.Stop()
			case <-s.bg.Done():
				t.Stop()
			}
		}
		s.mu.Lock()
		s.started++
		s.again, s.urgent = false, false
		s.mu.Unlock()

		start := time.Now()
		sn, err := s.compute(s.bg)
		// Readers need no lock; the file is written outside it, so that
		// they are not held up while it is.
		published := err == nil && sn != s.snap.Load()
		if published {
			s.snap.Store(sn)
			if s.opt.StateFile != "" {
				if err := s.save(s.opt.StateFile); err != nil {
					s.log.Warn("keeping links for the next start", "err", err)
				}
			}
		}

		s.mu.Lock()
		s.took = time.Since(start)
		if err == nil {
			if published {
				s.log.Debug("links computed", "generation", sn.gen, "commitments", len(sn.st.commitments),
					"units", len(sn.st.units), "links", sn.st.linkCount, "relinked", s.inc.last, "full", s.inc.full, "took", s.took)
			}
		} else {
			s.log.Warn("computing links", "err", err)
		}
		s.err = err
		s.finished++
		close(s.done)
		s.done = make(chan struct{})
		if !s.again || s.bg.Err() != nil {
			s.running = false
			s.mu.Unlock()
			return
		}
		urgent = s.urgent
		s.mu.Unlock()
	}
}

// compute returns the link state for the source as it is now, or the
// published one when nothing changed. Only the worker calls it, so the
// per-document analysis cache needs no lock.
func (s *Service) compute(ctx context.Context) (sn *snapshot, err error) {
	defer func() {
		if r := recover(); r != nil {
			sn, err = nil, fmt.Errorf("computing links: panic: %v", r)
		}
	}()
	if !s.loaded && s.opt.StateFile != "" {
		s.loaded = true
		switch err := s.load(s.opt.StateFile); {
		case err == nil:
			s.log.Info("links state loaded", "path", s.opt.StateFile, "commitments", len(s.inc.cache))
		case errors.Is(err, fs.ErrNotExist):
		default:
			s.log.Warn("links state unusable, computing all links again", "path", s.opt.StateFile, "err", err)
		}
	}
	old := s.snap.Load()
	next := &snapshot{}
	if s.opt.Generation != nil {
		next.gen = s.opt.Generation()
		next.key = fmt.Sprint("g", next.gen)
		if old != nil && old.key == next.key {
			return old, nil
		}
	}
	metas, err := s.src.Documents(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing documents for links: %w", err)
	}
	if next.key == "" {
		next.key = fingerprint(metas)
		if old != nil && old.key == next.key {
			return old, nil
		}
	}
	if err := s.refresh(ctx, metas); err != nil {
		return nil, err
	}
	// An interim state keeps the old key and generation: readers see the
	// changed documents' links at once and the links stay stale.
	publish := func(st *state) {
		if old != nil {
			s.snap.Store(&snapshot{st: st, key: old.key, gen: old.gen})
			s.log.Debug("changed documents linked", "generation", next.gen, "commitments", len(st.commitments))
		}
	}
	next.st = s.build(metas, publish)
	return next, nil
}
