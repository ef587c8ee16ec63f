package analysis

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// dictCacheMagic starts a dictionary cache file; its last byte is the format
// version, to be raised whenever hashWord, the word filter or the layout
// changes.
const dictCacheMagic = "SPDICT\x00\x01"

// Layout: magic, key, count, checksum (uint64 little-endian each), sources
// length (uint32) and text ("\n"-separated), then count sorted hashes.
const dictCacheHeader = len(dictCacheMagic) + 8 + 8 + 8 + 4

// DefaultCacheDir is where built dictionaries are kept between runs:
// os.UserCacheDir()/strategispor, or "" when the system has no cache dir.
func DefaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "strategispor")
}

// OpenDictionary is LoadDictionary with the sorted word hashes cached in
// cacheDir ("" means no cache). Building reads and hashes some 1.5 million
// words; loading the cache is one read of ~12 MB. The cache is keyed by the
// lists' paths, sizes and modification times, the curated and extra words and
// the format version. A missing, stale or damaged cache is rebuilt and
// rewritten; a cache dir that cannot be written only costs the build.
func OpenDictionary(paths, extra []string, stem func(string) string, cacheDir string) (*Dictionary, error) {
	d := newCuratedDictionary(extra, stem)
	var file string
	var key uint64
	if cacheDir != "" {
		key = dictKey(paths, extra)
		file = filepath.Join(cacheDir, fmt.Sprintf("dictionary-%016x.bin", key))
		if hashes, sources, ok := readDictCache(file, key); ok {
			d.hashes = hashes
			d.index()
			d.sources = append(sources, "cache "+file)
			return d, nil
		}
	}
	read, err := d.readLists(paths)
	if err != nil {
		return nil, err
	}
	d.finish()
	// Without a word list the build is only the curated words: nothing to save.
	if file != "" && read > 0 {
		if err := writeDictCache(file, key, d.hashes, d.sources); err == nil {
			d.sources = append(d.sources, "cached as "+file)
		}
	}
	return d, nil
}

// dictKey identifies the inputs of a dictionary build.
func dictKey(paths, extra []string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%q\n", dictCacheMagic)
	io.WriteString(h, curatedWords)
	for _, w := range extra {
		fmt.Fprintf(h, "extra %q\n", w)
	}
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		fi, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(h, "list %q: %v\n", p, err)
			continue
		}
		fmt.Fprintf(h, "list %q %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
	}
	return h.Sum64()
}

// checksum guards the cached hashes against truncation and stray writes.
func checksum(hashes []uint64) uint64 {
	h := uint64(14695981039346656037)
	for _, x := range hashes {
		h = (h ^ x) * 1099511628211
	}
	return h
}

// readDictCache loads a cache file; ok is false when it is absent, for
// another key, or damaged in any way the header, length, checksum or order
// can tell.
func readDictCache(file string, key uint64) (hashes []uint64, sources []string, ok bool) {
	data, err := os.ReadFile(file)
	if err != nil || len(data) < dictCacheHeader || string(data[:len(dictCacheMagic)]) != dictCacheMagic {
		return nil, nil, false
	}
	le := binary.LittleEndian
	p := data[len(dictCacheMagic):]
	fileKey, count, sum, srcLen := le.Uint64(p), le.Uint64(p[8:]), le.Uint64(p[16:]), uint64(le.Uint32(p[24:]))
	body := data[dictCacheHeader:]
	if fileKey != key || srcLen > uint64(len(body)) || count != (uint64(len(body))-srcLen)/8 ||
		(uint64(len(body))-srcLen)%8 != 0 {
		return nil, nil, false
	}
	src, raw := body[:srcLen], body[srcLen:]
	hashes = make([]uint64, count)
	for i := range hashes {
		hashes[i] = le.Uint64(raw[8*i:])
		if i > 0 && hashes[i] <= hashes[i-1] {
			return nil, nil, false
		}
	}
	if checksum(hashes) != sum {
		return nil, nil, false
	}
	if len(src) > 0 {
		sources = strings.Split(string(src), "\n")
	}
	return hashes, sources, true
}

// writeDictCache writes the cache through a temporary file and a rename, so
// that a reader sees the old file, the new one or none.
func writeDictCache(file string, key uint64, hashes []uint64, sources []string) (err error) {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating dictionary cache dir: %w", err)
	}
	src := strings.Join(sources, "\n")
	var b bytes.Buffer
	b.Grow(dictCacheHeader + len(src) + 8*len(hashes))
	b.WriteString(dictCacheMagic)
	le := binary.LittleEndian
	b.Write(le.AppendUint64(nil, key))
	b.Write(le.AppendUint64(nil, uint64(len(hashes))))
	b.Write(le.AppendUint64(nil, checksum(hashes)))
	b.Write(le.AppendUint32(nil, uint32(len(src))))
	b.WriteString(src)
	buf := b.AvailableBuffer()
	for _, h := range hashes {
		buf = le.AppendUint64(buf, h)
	}
	b.Write(buf)

	f, err := os.CreateTemp(dir, "dictionary-*.tmp")
	if err != nil {
		return fmt.Errorf("writing dictionary cache: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(b.Bytes()); err != nil {
		return fmt.Errorf("writing dictionary cache: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing dictionary cache: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing dictionary cache: %w", err)
	}
	if err := os.Rename(f.Name(), file); err != nil {
		return fmt.Errorf("writing dictionary cache: %w", err)
	}
	return nil
}
