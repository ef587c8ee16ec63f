package link

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
)

// StateFileName is the file in the data directory that keeps the computed
// links across restarts.
const StateFileName = "links.state"

// stateFormat changes whenever the file's layout does.
const stateFormat = 1

// ScoringVersion changes whenever what a link is or how it is scored does.
// The build key also names the binary's revision, but a binary built
// without version-control stamps (go run, a source tarball) has none, and
// links scored by older rules must still never be served from links.state.
const ScoringVersion = 2

// savedState is what links.state holds: the incremental cache and what it
// was computed under. Build is the binary's revision and the scoring
// options, so that links scored by another release or with other options
// are never served.
type savedState struct {
	Format int
	Build  string
	Epoch  uint64
	Base   map[string]int
	Units  int
	Cache  map[string]cachedLinks
	Docs   map[string]string
}

// buildKey names the code and options the links were scored with.
func (s *Service) buildKey() string {
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev = bi.Main.Version
		for _, kv := range bi.Settings {
			if kv.Key == "vcs.revision" || kv.Key == "vcs.modified" {
				rev += " " + kv.Value
			}
		}
	}
	o := s.opt
	return fmt.Sprint(rev, "|scoring=", ScoringVersion, "|", o.Threshold, o.MaxLinks, o.RelativeCut, o.StatsTolerance)
}

// save writes the cache to path atomically: a temporary file, synced,
// renamed over the old one, and the directory synced.
func (s *Service) save(path string) error {
	in := &s.inc
	st := savedState{Format: stateFormat, Build: s.buildKey(), Epoch: in.epoch, Base: in.base, Units: in.units,
		Cache: in.cache, Docs: in.docs}
	tmp, err := os.CreateTemp(filepath.Dir(path), StateFileName+".*.tmp")
	if err != nil {
		return fmt.Errorf("saving links: %w", err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	w := bufio.NewWriter(io.MultiWriter(tmp, h))
	if err := gob.NewEncoder(w).Encode(&st); err != nil {
		tmp.Close()
		return fmt.Errorf("saving links: %w", err)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("saving links: %w", err)
	}
	if _, err := tmp.Write(h.Sum(nil)); err != nil {
		tmp.Close()
		return fmt.Errorf("saving links: %w", err)
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		return fmt.Errorf("saving links: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("saving links: %w", err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// load reads a cache saved by save. Anything but a whole file written by
// this build with these options is an error, and the caller recomputes.
func (s *Service) load(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(b) < sha256.Size {
		return errors.New("links state: truncated")
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if h := sha256.Sum256(body); string(h[:]) != string(sum) {
		return errors.New("links state: checksum mismatch")
	}
	var st savedState
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&st); err != nil {
		return fmt.Errorf("links state: %w", err)
	}
	if st.Format != stateFormat {
		return fmt.Errorf("links state: format %d, want %d", st.Format, stateFormat)
	}
	if st.Build != s.buildKey() {
		return errors.New("links state: written by another build or with other options")
	}
	s.inc = incremental{epoch: st.Epoch, base: st.Base, units: st.Units, cache: st.Cache, prev: st.Cache, docs: st.Docs}
	return nil
}
