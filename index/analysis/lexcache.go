package analysis

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// lexCacheMagic starts a lexicon cache file; its last byte is the format
// version, to be raised whenever the layout, hashWord or the way the table is
// read changes.
const lexCacheMagic = "SPLEX\x00\x00\x02"

// Layout, little-endian: magic, key, the counts of known forms, mapped forms
// and term sets, the lemma count (uint64 each); the known hashes, the mapped
// hashes (uint64 each), the mapped forms' sets (uint32 each); the length of
// a text block and the block (one line per term set, terms separated by
// spaces, then one line per term with extra sources: the term, a tab and the
// sources); the FNV-1a sum of everything before it. The arrays are read
// straight into the lexicon's slices, so that opening allocates little more
// than the lexicon itself.

// lexKey identifies the inputs of a lexicon build: the table and the plain
// stemmer's own data (the nynorsk pairs).
func lexKey() uint64 {
	h := fnv.New64a()
	io.WriteString(h, lexCacheMagic)
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
		file = filepath.Join(cacheDir, fmt.Sprintf("lexicon-%016x.bin", key))
		if l, err := readLexCache(file, key); err == nil {
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
// versions of strategispor), about 18 MB each.
func removeStaleLexCaches(dir, keep string) {
	old, _ := filepath.Glob(filepath.Join(dir, "lexicon-*"))
	for _, f := range old {
		if f != keep && !strings.HasSuffix(f, ".tmp") {
			os.Remove(f)
		}
	}
}

var errBadCache = errors.New("damaged or stale lexicon cache")

// maxCacheCount bounds the counts read from a cache header before anything
// is allocated for them.
const maxCacheCount = 1 << 26

// cacheReader reads the cache and sums what it read.
type cacheReader struct {
	r   *bufio.Reader
	sum hash.Hash64
	buf []byte
}

func (c *cacheReader) full(n int) ([]byte, error) {
	if cap(c.buf) < n {
		c.buf = make([]byte, n)
	}
	b := c.buf[:n]
	if _, err := io.ReadFull(c.r, b); err != nil {
		return nil, errBadCache
	}
	c.sum.Write(b)
	return b, nil
}

func (c *cacheReader) u64() (uint64, error) {
	b, err := c.full(8)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b), nil
}

// u64s fills dst in chunks of 8k values.
func (c *cacheReader) u64s(dst []uint64) error {
	for len(dst) > 0 {
		n := min(len(dst), 8192)
		b, err := c.full(8 * n)
		if err != nil {
			return err
		}
		for i := range n {
			dst[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
		dst = dst[n:]
	}
	return nil
}

func (c *cacheReader) u32s(dst []uint32) error {
	for len(dst) > 0 {
		n := min(len(dst), 8192)
		b, err := c.full(4 * n)
		if err != nil {
			return err
		}
		for i := range n {
			dst[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
		dst = dst[n:]
	}
	return nil
}

func readLexCache(file string, key uint64) (*Lexicon, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	c := &cacheReader{r: bufio.NewReaderSize(f, 1<<16), sum: fnv.New64a()}
	magic, err := c.full(len(lexCacheMagic))
	if err != nil || string(magic) != lexCacheMagic {
		return nil, errBadCache
	}
	var head [5]uint64 // key, known, mapped, sets, lemmas
	for i := range head {
		if head[i], err = c.u64(); err != nil {
			return nil, err
		}
	}
	nKnown, nMapped, nSets := head[1], head[2], head[3]
	if head[0] != key || nKnown > maxCacheCount || nMapped > nKnown || nSets > nMapped ||
		uint64(fi.Size()) < 48+8*nKnown+12*nMapped {
		return nil, errBadCache
	}
	l := &Lexicon{known: make([]uint64, nKnown), mapped: make([]uint64, nMapped), sets: make([]uint32, nMapped),
		extra: map[string][]string{}, Lemmas: int(head[4])}
	if err := c.u64s(l.known); err != nil {
		return nil, err
	}
	if err := c.u64s(l.mapped); err != nil {
		return nil, err
	}
	if err := c.u32s(l.sets); err != nil {
		return nil, err
	}
	textLen, err := c.u64()
	if err != nil || textLen > uint64(fi.Size()) {
		return nil, errBadCache
	}
	text, err := c.full(int(textLen))
	if err != nil {
		return nil, err
	}
	lines := strings.Split(string(text), "\n")
	if uint64(len(lines)) < nSets {
		return nil, errBadCache
	}
	l.terms = make([][]string, nSets)
	for i := range l.terms {
		l.terms[i] = strings.Fields(lines[i])
	}
	for _, line := range lines[nSets:] {
		if t, srcs, ok := strings.Cut(line, "\t"); ok {
			l.extra[t] = strings.Fields(srcs)
		}
	}
	want := c.sum.Sum64()
	got, err := c.u64()
	if err != nil || got != want {
		return nil, errBadCache
	}
	for _, s := range l.sets {
		if uint64(s) >= nSets {
			return nil, errBadCache
		}
	}
	return l, nil
}

// writeLexCache writes through a temporary file and a rename, so that a
// reader sees the old file, the new one or none.
func writeLexCache(file string, key uint64, l *Lexicon) (err error) {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating lexicon cache dir: %w", err)
	}
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
	sum := fnv.New64a()
	w := bufio.NewWriterSize(io.MultiWriter(f, sum), 1<<16)
	le := binary.LittleEndian
	var b [8]byte
	u64 := func(x uint64) { le.PutUint64(b[:], x); w.Write(b[:]) }
	w.WriteString(lexCacheMagic)
	for _, x := range []uint64{key, uint64(len(l.known)), uint64(len(l.mapped)), uint64(len(l.terms)), uint64(l.Lemmas)} {
		u64(x)
	}
	for _, x := range l.known {
		u64(x)
	}
	for _, x := range l.mapped {
		u64(x)
	}
	for _, x := range l.sets {
		le.PutUint32(b[:4], x)
		w.Write(b[:4])
	}
	var text strings.Builder
	for _, ts := range l.terms {
		text.WriteString(strings.Join(ts, " "))
		text.WriteByte('\n')
	}
	for t, srcs := range l.extra {
		text.WriteString(t + "\t" + strings.Join(srcs, " ") + "\n")
	}
	u64(uint64(text.Len()))
	w.WriteString(text.String())
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing lexicon cache: %w", err)
	}
	le.PutUint64(b[:], sum.Sum64())
	if _, err := f.Write(b[:]); err != nil {
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
