package analysis

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SystemWordLists are the Debian "wnorwegian" word lists (ISO-8859-1, one
// inflected form a line). They are GPL-licensed, so strategispor reads them at
// run time when present instead of shipping them.
var SystemWordLists = []string{"/usr/share/dict/bokmaal", "/usr/share/dict/nynorsk"}

//go:embed data/words.txt
var curatedWords string

// Dictionary answers "is this a Norwegian word?" for the decompounder. It holds
// 64-bit hashes of every word (about 12 MB for the 1.5 million forms of the
// Debian lists) rather than the words themselves, plus the stems of the small
// curated list so that inflected heads ("krisen", "tjenestene") are recognised
// when no full-form list is installed.
type Dictionary struct {
	hashes  []uint64            // sorted hashWord values
	buckets []uint32            // buckets[b] = first index in hashes whose top bucketBits bits are ≥ b
	stems   map[string]struct{} // stems of curated and extra words
	curated map[string]struct{} // curated and extra words as written
	sources []string
}

// LoadDictionary builds a dictionary from the embedded curated list, the word
// list files that exist among paths (missing files are skipped, so the product
// works with weaker decompounding where the lists are not installed), and
// extra words. stem must be the stemmer used by the analyzer.
func LoadDictionary(paths []string, extra []string, stem func(string) string) (*Dictionary, error) {
	d := newCuratedDictionary(extra, stem)
	if _, err := d.readLists(paths); err != nil {
		return nil, err
	}
	d.finish()
	return d, nil
}

// newCuratedDictionary holds the embedded curated list and extra words: their
// hashes, their stems and the words as written.
func newCuratedDictionary(extra []string, stem func(string) string) *Dictionary {
	d := &Dictionary{stems: map[string]struct{}{}, curated: map[string]struct{}{}}
	for _, line := range strings.Split(curatedWords, "\n") {
		w := strings.TrimSpace(line)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		d.addCurated(w, stem)
	}
	d.sources = append(d.sources, "embedded curated list")
	for _, w := range extra {
		w = strings.ToLower(strings.TrimSpace(w))
		d.addCurated(w, stem)
	}
	return d
}

// readLists adds the words of the list files that exist among paths and
// returns how many files it read.
func (d *Dictionary) readLists(paths []string) (int, error) {
	read := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return read, fmt.Errorf("reading word list %s: %w", p, err)
		}
		read++
		n := len(d.hashes)
		forEachWord(data, d.add)
		d.sources = append(d.sources, fmt.Sprintf("%s (%d words)", p, len(d.hashes)-n))
	}
	return read, nil
}

// finish sorts the hashes and drops duplicates, for binary search.
func (d *Dictionary) finish() {
	slices.Sort(d.hashes)
	d.hashes = slices.Compact(d.hashes)
	d.index()
}

// bucketBits chooses the bucket of a hash by its top bits. The hashes are
// uniform, so 2^16 buckets hold about 23 of 1.5 million words each: a lookup
// searches one short, cache-friendly run instead of the whole 12 MB array,
// which made Has the largest cost of decompounding.
const bucketBits = 16

// index builds the bucket offsets over the sorted hashes.
func (d *Dictionary) index() {
	d.buckets = make([]uint32, 1<<bucketBits+1)
	j := 0
	for b := range d.buckets {
		for j < len(d.hashes) && d.hashes[j]>>(64-bucketBits) < uint64(b) {
			j++
		}
		d.buckets[b] = uint32(j)
	}
}

func (d *Dictionary) add(w string) {
	if n := utf8.RuneCountInString(w); n >= 3 && n <= 40 {
		d.hashes = append(d.hashes, hashWord(w))
	}
}

// hashWord is 64-bit FNV-1a. It must not depend on the process (as a maphash
// seed would) because the sorted hashes are cached on disk. With 1.5 million
// words, a lookup of an unknown word is taken for a known one with odds of
// about 1 in 10^13, harmless for choosing compound splits.
func hashWord(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

// inflections are the endings tried on curated words: Snowball gives
// "senter" and "senteret" different stems, so the stems of the usual
// inflected forms are recorded too.
var inflections = []string{"", "e", "en", "et", "er", "ene", "a", "ar", "ane", "ne"}

func (d *Dictionary) addCurated(w string, stem func(string) string) {
	d.add(w)
	d.curated[w] = struct{}{}
	for _, suf := range inflections {
		d.stems[stem(w+suf)] = struct{}{}
	}
}

// forEachWord calls add for each lower-case, letters-only line of a word list,
// decoding ISO-8859-1 when the file is not UTF-8.
func forEachWord(data []byte, add func(string)) {
	latin1 := !utf8.Valid(data)
	sc := bufio.NewScanner(bytes.NewReader(data))
	var b strings.Builder
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if i := bytes.IndexByte(line, '/'); i >= 0 { // hunspell-style affix flags
			line = line[:i]
		}
		b.Reset()
		ok := len(line) > 0
		if latin1 {
			for _, c := range line {
				b.WriteRune(rune(c))
			}
		} else {
			b.Write(line)
		}
		w := b.String()
		for _, r := range w {
			if !unicode.IsLetter(r) || unicode.IsUpper(r) {
				ok = false
				break
			}
		}
		if ok {
			add(w)
		}
	}
}

// Has reports whether w (lower-case) is a known word form.
func (d *Dictionary) Has(w string) bool {
	h := hashWord(w)
	hs := d.hashes
	if d.buckets != nil {
		b := h >> (64 - bucketBits)
		hs = hs[d.buckets[b]:d.buckets[b+1]]
	}
	_, ok := slices.BinarySearch(hs, h)
	return ok
}

// hasStem reports whether a curated word has this stem.
func (d *Dictionary) hasStem(st string) bool {
	_, ok := d.stems[st]
	return ok
}

// isCurated reports whether w is written exactly so in the curated or extra words.
func (d *Dictionary) isCurated(w string) bool {
	_, ok := d.curated[w]
	return ok
}

// Size is the number of distinct word forms.
func (d *Dictionary) Size() int { return len(d.hashes) }

// Sources describes where the words came from, for logs and diagnostics.
func (d *Dictionary) Sources() []string { return slices.Clone(d.sources) }
