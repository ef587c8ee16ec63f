// Package datadir manages strategispor's data directory: where it lives, the
// lock that lets one process at a time open the index, and server.json, which
// tells other processes which running server holds the directory.
package datadir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
)

// EnvData names the environment variable that overrides the default data directory.
const EnvData = "STRATEGISPOR_DATA"

// Resolve picks the data directory: the flag if set, else $STRATEGISPOR_DATA,
// else $XDG_DATA_HOME/strategispor, else ~/.local/share/strategispor.
// getenv is os.Getenv outside tests.
func Resolve(flag string, getenv func(string) string) (string, error) {
	dir := flag
	if dir == "" {
		dir = getenv(EnvData)
	}
	if dir == "" {
		if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
			dir = filepath.Join(x, "strategispor")
		}
	}
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			h, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("finding the data directory: %w (set --data or %s)", err, EnvData)
			}
			home = h
		}
		dir = filepath.Join(home, ".local", "share", "strategispor")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding the data directory: %w", err)
	}
	return abs, nil
}

// Dir is a data directory this process holds the lock on.
type Dir struct {
	path string
	lock *os.File
}

// Lock creates dir if needed and takes an exclusive lock on dir/lock without
// waiting. When another process (or another Lock in this one) holds it, Lock
// returns an error wrapping corpus.ErrLocked that names the server holding it
// when server.json says so.
func Lock(dir string) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating data directory: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if !errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		if info, rerr := ReadServer(dir); rerr == nil && info.URL != "" {
			return nil, fmt.Errorf("%s is held by the strategispor server at %s (pid %d): %w", dir, info.URL, info.PID, corpus.ErrLocked)
		}
		return nil, fmt.Errorf("%s is held by another strategispor process: %w", dir, corpus.ErrLocked)
	}
	return &Dir{path: dir, lock: f}, nil
}

// Path is the data directory.
func (d *Dir) Path() string { return d.path }

// IndexPath is where the index lives inside the data directory.
func (d *Dir) IndexPath() string { return filepath.Join(d.path, "index") }

// Release drops the lock. The lock file stays; its presence means nothing.
func (d *Dir) Release() error {
	if d == nil || d.lock == nil {
		return nil
	}
	err := d.lock.Close() // closing the descriptor releases the flock
	d.lock = nil
	if err != nil {
		return fmt.Errorf("releasing data directory lock: %w", err)
	}
	return nil
}

// ServerInfo is what a running server writes to server.json.
type ServerInfo struct {
	Addr    string    `json:"addr"` // host:port it listens on
	URL     string    `json:"url"`  // base URL for clients
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
}

const serverFile = "server.json"

// WriteServer records info in d's server.json. Only the lock holder writes it.
func (d *Dir) WriteServer(info ServerInfo) error {
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("writing %s: %w", serverFile, err)
	}
	tmp := filepath.Join(d.path, serverFile+".tmp")
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", serverFile, err)
	}
	if err := os.Rename(tmp, filepath.Join(d.path, serverFile)); err != nil {
		return fmt.Errorf("writing %s: %w", serverFile, err)
	}
	return nil
}

// RemoveServer deletes server.json when the server stops.
func (d *Dir) RemoveServer() error {
	err := os.Remove(filepath.Join(d.path, serverFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing %s: %w", serverFile, err)
	}
	return nil
}

// ReadServer reads dir/server.json. It returns an error wrapping
// corpus.ErrNotFound when no server has recorded itself. The file can be
// stale after a crash; callers learn that when the address does not answer.
func ReadServer(dir string) (ServerInfo, error) {
	var info ServerInfo
	data, err := os.ReadFile(filepath.Join(dir, serverFile))
	if errors.Is(err, fs.ErrNotExist) {
		return info, fmt.Errorf("no %s in %s: %w", serverFile, dir, corpus.ErrNotFound)
	}
	if err != nil {
		return info, fmt.Errorf("reading %s: %w", serverFile, err)
	}
	if err := json.Unmarshal(data, &info); err != nil {
		return info, fmt.Errorf("reading %s: %w", serverFile, err)
	}
	return info, nil
}
