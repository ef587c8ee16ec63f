package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// creatingSuffix marks the sibling directory a new index is built in
// ("index.bleve.creating-<pid>") before it is renamed into place.
const creatingSuffix = ".creating-"

// openBleve opens the Bleve index at path, creating it when missing. A new
// index is never visible half-made: a process killed while creating leaves
// only a temporary sibling, which the next open removes. An index that exists
// but does not open is reported, never replaced: it may hold the user's data.
func (ix *Index) openBleve(path string) (bleve.Index, error) {
	if err := ix.removeLeftovers(path); err != nil {
		return nil, err
	}
	if empty, err := isEmptyDir(path); err != nil {
		return nil, err
	} else if empty {
		// An empty directory holds nothing to lose; Bleve would call it
		// "metadata missing".
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("replacing empty index directory %s: %w", path, err)
		}
	}
	b, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		return createBleve(path)
	}
	if err != nil {
		return nil, fmt.Errorf("index %s cannot be opened; if it was damaged (for example by a crash or a "+
			"full disk), move it aside or delete it and ingest the documents again: %w", path, err)
	}
	return b, nil
}

// removeLeftovers deletes temporary directories of interrupted creations.
// The caller holds the data directory lock, so no other process is creating.
func (ix *Index) removeLeftovers(path string) error {
	parent, base := filepath.Split(path)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading index directory %s: %w", parent, err)
	}
	for _, e := range entries {
		pid, ok := strings.CutPrefix(e.Name(), base+creatingSuffix)
		if _, err := strconv.Atoi(pid); !ok || err != nil || !e.IsDir() {
			continue
		}
		left := filepath.Join(parent, e.Name())
		ix.log.Warn("removing an index whose creation was interrupted", "path", left)
		if err := os.RemoveAll(left); err != nil {
			return fmt.Errorf("removing interrupted index creation %s: %w", left, err)
		}
	}
	return nil
}

func isEmptyDir(path string) (bool, error) {
	entries, err := os.ReadDir(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading index directory %s: %w", path, err)
	}
	return len(entries) == 0, nil
}

// createBleve builds an empty index in a temporary sibling of path, syncs it
// and renames it into place, then opens it.
func createBleve(path string) (bleve.Index, error) {
	parent := filepath.Dir(path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating index directory %s: %w", parent, err)
	}
	tmp := path + creatingSuffix + strconv.Itoa(os.Getpid())
	if err := os.RemoveAll(tmp); err != nil {
		return nil, fmt.Errorf("creating index %s: %w", path, err)
	}
	err := func() error {
		b, err := bleve.NewUsing(tmp, newMapping(), scorch.Name, scorch.Name, nil)
		if err != nil {
			return err
		}
		if err := b.Close(); err != nil {
			return err
		}
		if err := syncTree(tmp); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		return syncDir(parent)
	}()
	if err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("creating index %s: %w", path, err)
	}
	b, err := bleve.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening new index %s: %w", path, err)
	}
	return b, nil
}

// syncTree flushes every file and directory under root to disk, so that the
// rename publishes a complete index.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(p)
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
