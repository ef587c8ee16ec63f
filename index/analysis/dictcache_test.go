package analysis

import (
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestHashWordIsFNV pins the hash to 64-bit FNV-1a: cached files from one
// process must be readable by the next.
func TestHashWordIsFNV(t *testing.T) {
	for _, w := range []string{"", "strategi", "forvaltning", "blåbær", "økonomi"} {
		h := fnv.New64a()
		h.Write([]byte(w))
		if got, want := hashWord(w), h.Sum64(); got != want {
			t.Errorf("hashWord(%q) = %x, want %x", w, got, want)
		}
	}
}

// cacheFixture writes a small ISO-8859-1 word list and returns its path and
// a cache dir.
func cacheFixture(t *testing.T) (list, cacheDir string) {
	t.Helper()
	dir := t.TempDir()
	list = filepath.Join(dir, "words")
	// "blåbær" in ISO-8859-1, as the Debian lists are encoded.
	if err := os.WriteFile(list, []byte("tilskudd\nforvaltning\nbl\xe5b\xe6r\nOslo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return list, filepath.Join(dir, "cache")
}

func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "dictionary-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func fromCache(d *Dictionary) bool {
	return slices.ContainsFunc(d.Sources(), func(s string) bool { return strings.HasPrefix(s, "cache ") })
}

func openTest(t *testing.T, list, cacheDir string) *Dictionary {
	t.Helper()
	d, err := OpenDictionary([]string{list}, nil, NewStemmer().Stem, cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"tilskudd", "forvaltning", "blåbær", "strategi"} { // strategi is curated
		if !d.Has(w) {
			t.Errorf("Has(%q) = false; sources %v", w, d.Sources())
		}
	}
	if d.Has("oslo") || d.Has("ukjentord") {
		t.Errorf("Has accepts a word not in the lists")
	}
	return d
}

func TestDictionaryCache(t *testing.T) {
	t.Run("built then loaded", func(t *testing.T) {
		list, cache := cacheFixture(t)
		first := openTest(t, list, cache)
		if fromCache(first) {
			t.Fatal("first open claims a cache")
		}
		if n := len(cacheFiles(t, cache)); n != 1 {
			t.Fatalf("%d cache files after the first open, want 1", n)
		}
		second := openTest(t, list, cache)
		if !fromCache(second) {
			t.Fatalf("second open did not use the cache: %v", second.Sources())
		}
		if !slices.Equal(first.hashes, second.hashes) {
			t.Error("cached hashes differ from the built ones")
		}
	})
	damage := []struct {
		name string
		edit func([]byte) []byte
	}{
		{"empty", func([]byte) []byte { return nil }},
		{"truncated", func(b []byte) []byte { return b[:len(b)-5] }},
		{"header only", func(b []byte) []byte { return b[:dictCacheHeader] }},
		{"bad magic", func(b []byte) []byte { b[0] = 'X'; return b }},
		{"flipped hash byte", func(b []byte) []byte { b[len(b)-3] ^= 0x40; return b }},
		{"extra bytes", func(b []byte) []byte { return append(b, 1, 2, 3, 4, 5, 6, 7, 8) }},
	}
	for _, tc := range damage {
		t.Run("damaged "+tc.name, func(t *testing.T) {
			list, cache := cacheFixture(t)
			openTest(t, list, cache)
			file := cacheFiles(t, cache)[0]
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, tc.edit(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if d := openTest(t, list, cache); fromCache(d) {
				t.Fatal("a damaged cache was used")
			}
			if d := openTest(t, list, cache); !fromCache(d) {
				t.Fatal("the damaged cache was not rewritten")
			}
		})
	}
	t.Run("stale after the list changes", func(t *testing.T) {
		list, cache := cacheFixture(t)
		openTest(t, list, cache)
		if err := os.WriteFile(list, []byte("tilskudd\nforvaltning\nbl\xe5b\xe6r\nsamordning\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(time.Minute)
		if err := os.Chtimes(list, later, later); err != nil {
			t.Fatal(err)
		}
		d := openTest(t, list, cache)
		if fromCache(d) || !d.Has("samordning") {
			t.Fatalf("changed list not rebuilt: %v", d.Sources())
		}
	})
	t.Run("extra words change the key", func(t *testing.T) {
		list, cache := cacheFixture(t)
		openTest(t, list, cache)
		d, err := OpenDictionary([]string{list}, []string{"særord"}, NewStemmer().Stem, cache)
		if err != nil {
			t.Fatal(err)
		}
		if fromCache(d) || !d.Has("særord") {
			t.Fatalf("extra word missing or cache reused: %v", d.Sources())
		}
	})
	t.Run("unwritable cache dir", func(t *testing.T) {
		list, cache := cacheFixture(t)
		if err := os.WriteFile(cache, []byte("a file, not a dir"), 0o644); err != nil {
			t.Fatal(err)
		}
		openTest(t, list, filepath.Join(cache, "sub"))
		openTest(t, list, filepath.Join(cache, "sub"))
	})
	t.Run("no lists, no cache file", func(t *testing.T) {
		_, cache := cacheFixture(t)
		if _, err := OpenDictionary(nil, nil, NewStemmer().Stem, cache); err != nil {
			t.Fatal(err)
		}
		if n := len(cacheFiles(t, cache)); n != 0 {
			t.Fatalf("%d cache files for a curated-only dictionary", n)
		}
	})
}

// TestDictionaryCacheSystemLists checks that the cached Debian lists answer
// exactly as a fresh build does.
func TestDictionaryCacheSystemLists(t *testing.T) {
	for _, p := range SystemWordLists {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("%s not installed (apt-get install wnorwegian)", p)
		}
	}
	stem := NewStemmer().Stem
	built, err := LoadDictionary(SystemWordLists, nil, stem)
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	for range 2 {
		d, err := OpenDictionary(SystemWordLists, nil, stem, cache)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(built.hashes, d.hashes) {
			t.Fatalf("dictionary from %v differs from a fresh build", d.Sources())
		}
	}
}

func BenchmarkOpenDictionary(b *testing.B) {
	stem := NewStemmer().Stem
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if _, err := OpenDictionary(SystemWordLists, nil, stem, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		cache := b.TempDir()
		if _, err := OpenDictionary(SystemWordLists, nil, stem, cache); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := OpenDictionary(SystemWordLists, nil, stem, cache); err != nil {
				b.Fatal(err)
			}
		}
	})
}
