package analysis

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
)

// lexCacheVersion is raised whenever the layout of lexCache, hashWord or the
// way the table is read changes.
const lexCacheVersion = 1

// lexCache is the built lexicon as stored on disk.
type lexCache struct {
	Version       int
	Key           uint64
	Known, Mapped []uint64
	Sets          []uint32
	Terms         [][]string
	Extra         map[string][]string
	Lemmas        int
}

// A cache file is the 64-bit FNV-1a sum of the gob payload (little-endian)
// followed by the payload, so that any damage is seen before decoding.
func payloadSum(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

// lexKey identifies the inputs of a lexicon build: the table and the plain
// stemmer's own data (the nynorsk pairs).
func lexKey() uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "lexicon %d\n", lexCacheVersion)
	h.Write(lexiconTable)
	io.WriteString(h, nynorskPairs)
	return h.Sum64()
}

// openLexicon reads the lexicon from its cache in cacheDir ("" for none),
// or builds it from the embedded table and writes the cache. Building takes
// about a second; reading the cache a few tens of milliseconds. A missing,
// stale or damaged cache is rebuilt; a cache dir that cannot be written only
// costs the build.
func openLexicon(cacheDir string) (*Lexicon, error) {
	key := lexKey()
	var file string
	if cacheDir != "" {
		file = filepath.Join(cacheDir, fmt.Sprintf("lexicon-%016x.gob", key))
		if l, ok := readLexCache(file, key); ok {
			return l, nil
		}
	}
	l, err := readLexicon(bytes.NewReader(lexiconTable), newPlainStemmer().plainStem)
	if err != nil {
		return nil, err
	}
	if file != "" && writeLexCache(file, key, l) == nil { // only a cache: a failure costs the next build
		removeStaleLexCaches(cacheDir, file)
	}
	return l, nil
}

// removeStaleLexCaches deletes the caches of other tables (of earlier
// versions of strategispor), 15 MB each.
func removeStaleLexCaches(dir, keep string) {
	old, _ := filepath.Glob(filepath.Join(dir, "lexicon-*.gob"))
	for _, f := range old {
		if f != keep {
			os.Remove(f)
		}
	}
}

func readLexCache(file string, key uint64) (*Lexicon, bool) {
	data, err := os.ReadFile(file)
	if err != nil || len(data) < 8 || binary.LittleEndian.Uint64(data) != payloadSum(data[8:]) {
		return nil, false
	}
	var c lexCache
	if err := gob.NewDecoder(bytes.NewReader(data[8:])).Decode(&c); err != nil ||
		c.Version != lexCacheVersion || c.Key != key || len(c.Mapped) != len(c.Sets) {
		return nil, false
	}
	l := &Lexicon{known: c.Known, mapped: c.Mapped, sets: c.Sets, terms: c.Terms, extra: c.Extra, Lemmas: c.Lemmas}
	if l.extra == nil {
		l.extra = map[string][]string{}
	}
	for _, s := range l.sets {
		if int(s) >= len(l.terms) {
			return nil, false
		}
	}
	return l, true
}

// writeLexCache writes through a temporary file and a rename, so that a
// reader sees the old file, the new one or none.
func writeLexCache(file string, key uint64, l *Lexicon) (err error) {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating lexicon cache dir: %w", err)
	}
	var b bytes.Buffer
	b.Write(make([]byte, 8))
	c := lexCache{Version: lexCacheVersion, Key: key, Known: l.known, Mapped: l.mapped, Sets: l.sets,
		Terms: l.terms, Extra: l.extra, Lemmas: l.Lemmas}
	if err := gob.NewEncoder(&b).Encode(&c); err != nil {
		return fmt.Errorf("encoding lexicon cache: %w", err)
	}
	binary.LittleEndian.PutUint64(b.Bytes(), payloadSum(b.Bytes()[8:]))
	f, err := os.CreateTemp(dir, "lexicon-*.tmp")
	if err != nil {
		return fmt.Errorf("writing lexicon cache: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(b.Bytes()); err != nil {
		return fmt.Errorf("writing lexicon cache: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing lexicon cache: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing lexicon cache: %w", err)
	}
	if err := os.Rename(f.Name(), file); err != nil {
		return fmt.Errorf("writing lexicon cache: %w", err)
	}
	return nil
}
