package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The section store. Each section's stored JSON lives in one append-only
// file beside Bleve's segments (index.bleve/sections.store), and the
// section's Bleve record keeps only where it is (field loc). Hits are read
// with ReadAt: the pages come from the page cache without being mapped into
// the process, which mapped segments were (docs/performance.md), and Bleve
// neither copies the text into its segments nor merges it again and again.
//
// Durability: a batch's records are written and synced before the Bleve
// batch that refers to them is submitted, so a record Bleve knows is always
// on disk. A crash in between leaves bytes no record refers to: garbage,
// like the records of replaced and deleted sections, which the header
// counts.

// storeName is the file's name inside the Bleve index directory. Scorch
// removes only its own *.zap files there, and the store goes wherever the
// index goes (created, moved aside or deleted with it).
const storeName = "sections.store"

// The header: a magic string and the count of garbage bytes (little
// endian), rewritten after each write that makes garbage. The count is
// durable with the next sync; a crash may lose the last writes' share.
var storeMagic = []byte("SPSTORE1")

const storeHeader = 16

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sectionStore is the file (or, for an in-memory index, a byte slice).
type sectionStore struct {
	path    string
	f       *os.File
	mu      sync.Mutex // guards end and mem
	end     int64
	mem     []byte
	garbage atomic.Int64
}

// openStore opens or creates the store in the Bleve directory dir; dir ""
// keeps it in memory.
func openStore(dir string) (*sectionStore, error) {
	if dir == "" {
		s := &sectionStore{mem: make([]byte, storeHeader)}
		copy(s.mem, storeMagic)
		s.end = storeHeader
		return s, nil
	}
	path := filepath.Join(dir, storeName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening the section store: %w", err)
	}
	s := &sectionStore{path: path, f: f}
	if err := s.init(dir); err != nil {
		f.Close()
		return nil, fmt.Errorf("opening the section store %s: %w", path, err)
	}
	return s, nil
}

func (s *sectionStore) init(dir string) error {
	info, err := s.f.Stat()
	if err != nil {
		return err
	}
	if info.Size() < storeHeader {
		// New, or a creation cut short: nothing can refer to it yet, since
		// every record lies past the header and was synced before use.
		hdr := make([]byte, storeHeader)
		copy(hdr, storeMagic)
		if err := s.f.Truncate(0); err != nil {
			return err
		}
		if _, err := s.f.WriteAt(hdr, 0); err != nil {
			return err
		}
		if err := s.f.Sync(); err != nil {
			return err
		}
		s.end = storeHeader
		return syncDir(dir)
	}
	hdr := make([]byte, storeHeader)
	if _, err := s.f.ReadAt(hdr, 0); err != nil {
		return err
	}
	if !bytes.Equal(hdr[:len(storeMagic)], storeMagic) {
		return errors.New("not a section store (bad header)")
	}
	s.garbage.Store(int64(binary.LittleEndian.Uint64(hdr[8:])))
	// A torn tail of an interrupted write is garbage no record refers to;
	// new records go after it.
	s.end = info.Size()
	return nil
}

// loc is where a record lies, with its checksum.
type loc struct {
	off int64
	n   int
	crc uint32
}

func (l loc) String() string {
	return strconv.FormatInt(l.off, 36) + "." + strconv.Itoa(l.n) + "." + strconv.FormatUint(uint64(l.crc), 36)
}

func parseLoc(s string) (loc, error) {
	a, rest, ok1 := strings.Cut(s, ".")
	b, c, ok2 := strings.Cut(rest, ".")
	off, err1 := strconv.ParseInt(a, 36, 64)
	n, err2 := strconv.Atoi(b)
	crc, err3 := strconv.ParseUint(c, 36, 32)
	if !ok1 || !ok2 || err1 != nil || err2 != nil || err3 != nil || off < storeHeader || n < 0 {
		return loc{}, fmt.Errorf("bad section location %q", s)
	}
	return loc{off: off, n: n, crc: uint32(crc)}, nil
}

// append writes buf at the end of the store and syncs it, returning the
// offset it starts at. Writes may run at once; each gets its own range.
func (s *sectionStore) append(buf []byte) (int64, error) {
	s.mu.Lock()
	base := s.end
	s.end += int64(len(buf))
	if s.f == nil {
		s.mem = append(s.mem, buf...)
		s.mu.Unlock()
		return base, nil
	}
	s.mu.Unlock()
	_, err := s.f.WriteAt(buf, base)
	if err == nil {
		err = s.f.Sync()
	}
	if err != nil {
		s.mu.Lock()
		if s.end == base+int64(len(buf)) {
			s.end = base // the last range: the next write reuses it
		} else {
			s.garbage.Add(int64(len(buf)))
		}
		s.mu.Unlock()
		return 0, fmt.Errorf("writing the section store: %w", err)
	}
	return base, nil
}

// locate returns the loc of buf[from:to] written at base.
func locate(base int64, buf []byte, from, to int) loc {
	return loc{off: base + int64(from), n: to - from, crc: crc32.Checksum(buf[from:to], castagnoli)}
}

// read returns the record at l, checked against its checksum.
func (s *sectionStore) read(l loc) ([]byte, error) {
	out := make([]byte, l.n)
	if s.f == nil {
		s.mu.Lock()
		if l.off+int64(l.n) > int64(len(s.mem)) {
			s.mu.Unlock()
			return nil, fmt.Errorf("section store: record %s past the end", l)
		}
		copy(out, s.mem[l.off:])
		s.mu.Unlock()
	} else if _, err := s.f.ReadAt(out, l.off); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("reading the section store %s at %d: %w", s.path, l.off, err)
	}
	if crc32.Checksum(out, castagnoli) != l.crc {
		return nil, fmt.Errorf("section store %s: record at %d is damaged (checksum); ingest its document again", s.path, l.off)
	}
	return out, nil
}

// freed counts n more bytes as garbage and records the count in the header
// (durable with the next sync).
func (s *sectionStore) freed(n int64) {
	if n <= 0 {
		return
	}
	s.garbage.Add(n)
	if s.f == nil {
		return
	}
	s.mu.Lock() // the header gets the latest count, not one overtaken
	defer s.mu.Unlock()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(s.garbage.Load()))
	s.f.WriteAt(b[:], 8) // best effort: the count only guides compaction
}

// usage returns the store's size and how much of it is garbage.
func (s *sectionStore) usage() (size, garbage int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.end, s.garbage.Load()
}

// close syncs the header and closes the file.
func (s *sectionStore) close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Sync()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("closing the section store: %w", err)
	}
	return nil
}
