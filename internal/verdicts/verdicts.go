// Package verdicts keeps advisers' judgements of links (confirmed or
// rejected) in one JSON file in the data directory. Every change is written
// to a temporary file, synced and renamed over the old one, so a crash
// leaves either the old verdicts or the new, never half a file.
package verdicts

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/strategispor/strategispor/internal/corpus"
)

// FileName is the verdict file's name in the data directory.
const FileName = "verdicts.json"

// Store holds the verdicts in memory and on disk. It is safe for
// concurrent use.
type Store struct {
	path string
	mu   sync.RWMutex
	m    map[string]map[string]corpus.Verdict // commitment → target → verdict
}

type file struct {
	Verdicts []corpus.Verdict `json:"verdicts"`
}

// Open reads the verdicts at path; a missing file is an empty store.
func Open(path string) (*Store, error) {
	s := &Store{path: path, m: map[string]map[string]corpus.Verdict{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading verdicts: %w", err)
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("reading verdicts from %s: %w", path, err)
	}
	for _, v := range f.Verdicts {
		if v.CommitmentID == "" || v.TargetID == "" || !v.Verdict.Valid() {
			return nil, fmt.Errorf("reading verdicts from %s: invalid entry %+v", path, v)
		}
		s.put(v)
	}
	return s, nil
}

func (s *Store) put(v corpus.Verdict) {
	if s.m[v.CommitmentID] == nil {
		s.m[v.CommitmentID] = map[string]corpus.Verdict{}
	}
	s.m[v.CommitmentID][v.TargetID] = v
}

// For returns the verdicts on one commitment's links, by target id.
func (s *Store) For(commitmentID string) []corpus.Verdict {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return sorted(s.m[commitmentID])
}

// All returns every verdict, by commitment and target.
func (s *Store) All() []corpus.Verdict {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []corpus.Verdict
	for _, m := range s.m {
		out = append(out, sorted(m)...)
	}
	slices.SortFunc(out, func(a, b corpus.Verdict) int {
		if c := strings.Compare(a.CommitmentID, b.CommitmentID); c != 0 {
			return c
		}
		return strings.Compare(a.TargetID, b.TargetID)
	})
	return out
}

func sorted(m map[string]corpus.Verdict) []corpus.Verdict {
	out := make([]corpus.Verdict, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b corpus.Verdict) int { return strings.Compare(a.TargetID, b.TargetID) })
	return out
}

// Set records v, replacing an earlier verdict on the same link, and writes
// the file. When writing fails the store is left as it was.
func (s *Store) Set(v corpus.Verdict) error {
	if v.CommitmentID == "" || v.TargetID == "" || !v.Verdict.Valid() {
		return fmt.Errorf("verdict %q on %s → %s: %w", v.Verdict, v.CommitmentID, v.TargetID, corpus.ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, had := s.m[v.CommitmentID][v.TargetID]
	s.put(v)
	if err := s.save(); err != nil {
		if had {
			s.put(old)
		} else {
			s.remove(v.CommitmentID, v.TargetID)
		}
		return err
	}
	return nil
}

// Delete removes the verdict on one link; it wraps corpus.ErrNotFound when
// there is none.
func (s *Store) Delete(commitmentID, targetID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.m[commitmentID][targetID]
	if !ok {
		return fmt.Errorf("verdict on %s → %s: %w", commitmentID, targetID, corpus.ErrNotFound)
	}
	s.remove(commitmentID, targetID)
	if err := s.save(); err != nil {
		s.put(old)
		return err
	}
	return nil
}

func (s *Store) remove(commitmentID, targetID string) {
	delete(s.m[commitmentID], targetID)
	if len(s.m[commitmentID]) == 0 {
		delete(s.m, commitmentID)
	}
}

// save writes every verdict; the caller holds the lock.
func (s *Store) save() error {
	var f file
	for _, m := range s.m {
		f.Verdicts = append(f.Verdicts, sorted(m)...)
	}
	slices.SortFunc(f.Verdicts, func(a, b corpus.Verdict) int {
		if c := strings.Compare(a.CommitmentID, b.CommitmentID); c != 0 {
			return c
		}
		return strings.Compare(a.TargetID, b.TargetID)
	})
	if f.Verdicts == nil {
		f.Verdicts = []corpus.Verdict{}
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("saving verdicts: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), FileName+".*.tmp")
	if err != nil {
		return fmt.Errorf("saving verdicts: %w", err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving verdicts: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving verdicts: %w", err)
	}
	return nil
}
