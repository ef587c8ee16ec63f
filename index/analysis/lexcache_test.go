package analysis

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestLexiconCache(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "lexicon-0000000000000000.bin")
	if err := os.WriteFile(stale, []byte("an older table's cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	built, err := openLexicon(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "lexicon-*.bin"))
	if len(files) != 1 || files[0] == stale {
		t.Fatalf("cache files %q, want one, not the stale one", files)
	}
	same := func(what string, l *Lexicon) {
		t.Helper()
		if !reflect.DeepEqual(l, built) {
			t.Errorf("%s: lexicon differs from the built one", what)
		}
	}
	cached, err := readLexCache(files[0], lexKey())
	if err != nil {
		t.Fatal("cache not read back")
	}
	same("cached", cached)
	if _, err := readLexCache(files[0], lexKey()+1); err == nil {
		t.Error("cache of another key accepted")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"truncated": data[:len(data)/2],
		"flipped":   append(append([]byte{}, data[:len(data)-100]...), append([]byte{data[len(data)-100] ^ 0x55}, data[len(data)-99:]...)...),
		"empty":     {},
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(files[0], bad, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := readLexCache(files[0], lexKey()); err == nil {
				t.Error("damaged cache accepted")
			}
			l, err := openLexicon(dir) // rebuilds and rewrites
			if err != nil {
				t.Fatal(err)
			}
			same("rebuilt", l)
			if _, err := readLexCache(files[0], lexKey()); err != nil {
				t.Error("cache not rewritten")
			}
		})
	}
}

// BenchmarkLexiconOpenCached opens the lexicon from its cache, as every
// process after the first does.
func BenchmarkLexiconOpenCached(b *testing.B) {
	dir := b.TempDir()
	if _, err := openLexicon(dir); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := openLexicon(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzLexCache: a damaged cache file is refused, never a panic or a huge
// allocation.
func FuzzLexCache(f *testing.F) {
	l := &Lexicon{known: []uint64{1, 2, 3}, mapped: []uint64{2}, sets: []uint32{0}, terms: [][]string{{"del"}},
		extra: map[string][]string{"gå": {"gikk"}}, Lemmas: 1}
	dir := f.TempDir()
	good := filepath.Join(dir, "good.bin")
	if err := writeLexCache(good, 7, l); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:40])
	f.Fuzz(func(t *testing.T, b []byte) {
		file := filepath.Join(t.TempDir(), "c.bin")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := readLexCache(file, 7); err == nil {
			for _, s := range got.sets {
				if int(s) >= len(got.terms) {
					t.Fatalf("set %d of %d accepted", s, len(got.terms))
				}
			}
		}
	})
}
