package batch

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/strategispor/strategispor/ingest"
)

// Item is one file found for a batch, or one problem found while looking.
type Item struct {
	Path string // as shown to the operator: relative to the argument it came from
	Key  string // source key: the cleaned absolute path (or "seeds/…" for embedded files)
	Name string // base name, which decides the format
	Size int64
	// SourceURL is where the original is published: from --source-url, or
	// from the .sources file of the file's folder.
	SourceURL string

	// Skip, when set, says why the item is skipped (unsupported type,
	// duplicate, not a regular file); Err says why it failed.
	Skip string
	Err  error

	read func() ([]byte, error)
}

// Read returns the file's bytes.
func (it Item) Read() ([]byte, error) {
	if it.read == nil {
		return nil, fmt.Errorf("%s: nothing to read", it.Path)
	}
	return it.read()
}

// Walk lists the files under paths, which may be files or folders. Folders
// are walked recursively, hidden files and folders are left out, symbolic
// links are followed once, and every problem (a missing path, an unreadable
// folder, a symlink loop, a dangling link) becomes an Item with Err instead
// of stopping the walk.
func Walk(paths []string) []Item {
	w := &walker{dirs: map[string]string{}, files: map[string]int{}}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			w.fail(p, err)
			continue
		}
		fi, err := os.Stat(abs)
		if err != nil {
			w.fail(p, statError(err))
			continue
		}
		if fi.IsDir() {
			w.dir(abs, p, nil)
			continue
		}
		w.file(abs, p, fi)
	}
	return w.items
}

type walker struct {
	items []Item
	dirs  map[string]string // real path of a walked folder → path shown for it
	files map[string]int    // real path of a listed file → its index in items
}

func (w *walker) fail(display string, err error) {
	w.items = append(w.items, Item{Path: display, Name: filepath.Base(display), Err: err})
}

func (w *walker) skip(display, reason string) {
	w.items = append(w.items, Item{Path: display, Name: filepath.Base(display), Skip: reason})
}

// dir walks one folder; ancestors holds the real paths above it, to tell a
// symlink loop from a second link to a folder already walked.
func (w *walker) dir(abs, display string, ancestors []string) {
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		w.fail(display, statError(err))
		return
	}
	for _, a := range ancestors {
		if a == real {
			w.fail(display, fmt.Errorf("symlink loop: %s leads back to %s", display, w.dirs[real]))
			return
		}
	}
	if first, ok := w.dirs[real]; ok {
		w.skip(display, "same folder as "+first)
		return
	}
	w.dirs[real] = display
	urls, err := readSources(filepath.Join(abs, SourcesFile))
	if err != nil {
		w.fail(filepath.Join(display, SourcesFile), err)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		// ReadDir returns what it read before the error; report and go on.
		w.fail(display, fmt.Errorf("reading folder: %w", err))
	}
	ancestors = append(ancestors, real)
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p, shown := filepath.Join(abs, name), filepath.Join(display, name)
		if e.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				w.fail(shown, statError(err))
				continue
			}
			if fi.IsDir() {
				w.dir(p, shown, ancestors)
			} else {
				w.file(p, shown, fi)
			}
			continue
		}
		if e.IsDir() {
			w.dir(p, shown, ancestors)
			continue
		}
		fi, err := e.Info()
		if err != nil {
			w.fail(shown, statError(err))
			continue
		}
		w.file(p, shown, fi)
		if u, ok := urls[name]; ok && len(w.items) > 0 && w.items[len(w.items)-1].Key == filepath.Clean(p) {
			w.items[len(w.items)-1].SourceURL = u
		}
	}
}

func (w *walker) file(abs, display string, fi fs.FileInfo) {
	if !fi.Mode().IsRegular() {
		w.skip(display, "not a regular file")
		return
	}
	name := filepath.Base(abs)
	if !ingest.Supported(name) {
		w.skip(display, unsupportedReason(name))
		return
	}
	key := filepath.Clean(abs)
	real, err := filepath.EvalSymlinks(key)
	if err == nil {
		if i, ok := w.files[real]; ok {
			// Keep the file's own path over a link to it, whatever came first.
			first := &w.items[i]
			if first.Key == real || key != real {
				w.skip(display, "same file as "+first.Path)
				return
			}
			dup := *first
			*first = Item{Path: display, Key: key, Name: name, Size: fi.Size(), read: readFile(key)}
			w.items = append(w.items, Item{Path: dup.Path, Name: dup.Name, Skip: "same file as " + display})
			return
		}
		w.files[real] = len(w.items)
	}
	w.items = append(w.items, Item{Path: display, Key: key, Name: name, Size: fi.Size(), read: readFile(key)})
}

func readFile(path string) func() ([]byte, error) {
	return func() ([]byte, error) { return os.ReadFile(path) }
}

func unsupportedReason(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		return "unsupported file type (no extension)"
	}
	return "unsupported file type (" + ext + ")"
}

// statError says in plain words what a failed stat means.
func statError(err error) error {
	switch {
	case os.IsNotExist(err):
		return fmt.Errorf("no such file or folder (or a dangling link): %w", err)
	case os.IsPermission(err):
		return fmt.Errorf("permission denied: %w", err)
	case strings.Contains(err.Error(), "too many levels of symbolic links"):
		return fmt.Errorf("symlink loop: %w", err)
	}
	return err
}

// WalkFS lists the supported files in fsys, keyed "prefix/<path>"; the
// command uses it for the embedded seed documents.
func WalkFS(fsys fs.FS, prefix string) ([]Item, error) {
	var items []Item
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		shown := path.Join(prefix, p)
		if !ingest.Supported(d.Name()) {
			items = append(items, Item{Path: shown, Name: d.Name(), Skip: unsupportedReason(d.Name())})
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		items = append(items, Item{Path: shown, Key: shown, Name: d.Name(), Size: fi.Size(),
			read: func() ([]byte, error) { return fs.ReadFile(fsys, p) }})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", prefix, err)
	}
	return items, nil
}
