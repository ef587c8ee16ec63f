package link

import (
	"hash/maphash"
	"slices"
	"strings"
	"unicode"

	"github.com/strategispor/strategispor/internal/corpus"
)

// The same text ingested as PDF, DOCX, HTML and .txt is one document to a
// reader: only one of its copies is a link target, so that a follow-up is
// not listed three times and three copies do not outvote one real
// follow-up.

const (
	sigSize   = 64   // MinHash values per document
	copyShare = 0.85 // estimated share of shared words for two texts to be copies
	minWords  = 40   // shorter texts are not judged as copies
)

var sigSeed = maphash.MakeSeed()

// signature is a MinHash of a document's distinct words: the share of equal
// entries in two signatures estimates the share of words the texts share.
type signature struct {
	min   [sigSize]uint64
	words int
}

func sign(doc corpus.Document) signature {
	var s signature
	for i := range s.min {
		s.min[i] = ^uint64(0)
	}
	seen := map[string]bool{}
	for _, sec := range doc.Sections {
		for _, w := range strings.FieldsFunc(strings.ToLower(sec.Heading+" "+sec.Text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if len(w) < 3 || seen[w] {
				continue
			}
			seen[w] = true
			h := maphash.String(sigSeed, w)
			for i := range s.min {
				// One hash, many permutations: xorshift-multiply with a
				// different odd constant per entry.
				x := (h ^ uint64(i)*0x9E3779B97F4A7C15) * 0xBF58476D1CE4E5B9
				x ^= x >> 31
				if x < s.min[i] {
					s.min[i] = x
				}
			}
		}
	}
	s.words = len(seen)
	return s
}

func (a *signature) similar(b *signature) bool {
	if a.words < minWords || b.words < minWords {
		return false
	}
	if lo, hi := min(a.words, b.words), max(a.words, b.words); float64(lo) < copyShare*float64(hi) {
		return false
	}
	same := 0
	for i := range a.min {
		if a.min[i] == b.min[i] {
			same++
		}
	}
	return float64(same) >= copyShare*sigSize
}

// formatRank prefers, among copies, the format whose structure comes out
// best.
var formatRank = map[string]int{"html": 0, "md": 1, "docx": 2, "txt": 3, "pdf": 4}

// findCopies groups the documents that are copies of one text and returns,
// for each document, the index of the copy that stands for the group (its
// own index when it has no copies).
func findCopies(entries []*docEntry) []int32 {
	primary := make([]int32, len(entries))
	for i := range primary {
		primary[i] = int32(i)
	}
	find := func(i int32) int32 {
		for primary[i] != i {
			primary[i] = primary[primary[i]]
			i = primary[i]
		}
		return i
	}
	// Candidates share one band of their signatures (locality-sensitive
	// hashing): texts that share 85 % of their words almost surely do,
	// unrelated texts seldom, so not every pair is compared.
	const bands = 16
	const rows = sigSize / bands
	blocks := map[[rows + 1]uint64][]int32{}
	for i, e := range entries {
		if e.sig.words < minWords {
			continue
		}
		for b := range bands {
			var key [rows + 1]uint64
			key[0] = uint64(b)
			copy(key[1:], e.sig.min[b*rows:(b+1)*rows])
			blocks[key] = append(blocks[key], int32(i))
		}
	}
	for _, b := range blocks {
		for x := range b {
			for y := x + 1; y < len(b); y++ {
				rx, ry := find(b[x]), find(b[y])
				if rx != ry && entries[b[x]].sig.similar(&entries[b[y]].sig) {
					primary[max(rx, ry)] = min(rx, ry)
				}
			}
		}
	}
	// Within each group, the best format stands for it.
	groups := map[int32][]int32{}
	for i := range entries {
		r := find(int32(i))
		groups[r] = append(groups[r], int32(i))
	}
	out := make([]int32, len(entries))
	for _, g := range groups {
		best := slices.MinFunc(g, func(a, b int32) int {
			// The copy indexed first keeps standing for the text, so that
			// adding a copy moves no link; among copies indexed at once, the
			// format whose structure comes out best.
			if ta, tb := entries[a].meta.IngestedAt, entries[b].meta.IngestedAt; !ta.Equal(tb) {
				if ta.Before(tb) {
					return -1
				}
				return 1
			}
			ra, rb := rankOf(entries[a].meta.Format), rankOf(entries[b].meta.Format)
			if ra != rb {
				return ra - rb
			}
			return strings.Compare(entries[a].meta.ID, entries[b].meta.ID)
		})
		for _, i := range g {
			out[i] = best
		}
	}
	return out
}

func rankOf(format string) int {
	if r, ok := formatRank[format]; ok {
		return r
	}
	return len(formatRank)
}
