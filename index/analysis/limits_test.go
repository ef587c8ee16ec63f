package analysis

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TestTokenizerCutsLongWords holds the tokenizer to MaxTokenBytes: a longer
// run of letters or digits comes out in pieces of at most MaxTokenBytes,
// cut at character boundaries, with offsets into the input and one position
// each; shorter words are untouched.
func TestTokenizerCutsLongWords(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		pieces []int // byte lengths of the tokens
	}{
		{"at the limit", strings.Repeat("a", MaxTokenBytes), []int{MaxTokenBytes}},
		{"one over", strings.Repeat("a", MaxTokenBytes+1), []int{MaxTokenBytes, 1}},
		{"three pieces", strings.Repeat("7", 2*MaxTokenBytes+10), []int{MaxTokenBytes, MaxTokenBytes, 10}},
		// 2-byte runes: 127 fit in 254 bytes; the 128th would cross the limit.
		{"æøå at a boundary", strings.Repeat("ø", 130), []int{254, 6}},
		{"words around", "før " + strings.Repeat("b", MaxTokenBytes+5) + " etter", []int{4, MaxTokenBytes, 5, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := NewTokenizer().Tokenize([]byte(tt.in))
			var got []int
			for i, tok := range ts {
				got = append(got, len(tok.Term))
				if !bytes.Equal(tok.Term, []byte(tt.in[tok.Start:tok.End])) || !utf8.Valid(tok.Term) {
					t.Errorf("token %d: term %q, offsets %d:%d", i, tok.Term, tok.Start, tok.End)
				}
				if tok.Position != i+1 {
					t.Errorf("token %d: position %d", i, tok.Position)
				}
			}
			if !slicesEqual(got, tt.pieces) {
				t.Errorf("token lengths %v, want %v", got, tt.pieces)
			}
		})
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestLongWordsBounded analyses the hostile words of a probe that used to
// take gigabytes (the decompounder tried every split of the whole word): a
// 100 KB word, 400,000 digits, a long run of real compounds and many
// distinct long words. Every term stays within MaxTokenBytes and the memos
// within their byte budgets.
func TestLongWordsBounded(t *testing.T) {
	a, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, in string }{
		{"100 KB word", strings.Repeat("a", 100_000)},
		{"400k digits", strings.Repeat("1234567890", 40_000)},
		{"compound chain", strings.Repeat("digitaliseringsstrategi", 5_000)},
		{"many distinct", distinctLongWords(20_000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, an := range map[string]analysis.Analyzer{"text": a.Text, "exact": a.Exact} {
				ts := an.Analyze([]byte(tt.in))
				if len(ts) == 0 {
					t.Fatalf("%s analyzer: no tokens", name)
				}
				for _, tok := range ts {
					if len(tok.Term) > MaxTokenBytes {
						t.Fatalf("%s analyzer: a term of %d bytes", name, len(tok.Term))
					}
				}
			}
		})
	}
	for name, c := range map[string]interface{ size() (int, int) }{
		"stem": a.Stemmer.cache, "decompound": a.Decompounder.cache,
	} {
		n, b := c.size()
		t.Logf("%s cache: %d entries, %d bytes", name, n, b)
	}
	if _, b := a.Stemmer.cache.size(); b > stemCacheBytes {
		t.Errorf("stem cache holds %d bytes, budget %d", b, stemCacheBytes)
	}
}

// TestDecompounderSkipsOverlongWords: a run of real compounds longer than
// maxCompound is not split, one within it is.
func TestDecompounderSkipsOverlongWords(t *testing.T) {
	a, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if p := a.Decompounder.Parts("digitaliseringsstrategi"); p == nil {
		t.Fatal("digitaliseringsstrategi: not split")
	}
	long := strings.Repeat("strategi", maxCompound/8+1)
	if p := a.Decompounder.Parts(long); p != nil {
		t.Errorf("%d runes split into %q; words over %d runes are left whole", len(long), p, maxCompound)
	}
}

// TestTermCacheBytes fills a cache with large entries and checks that it
// keeps within its byte budget and still answers for what it holds.
func TestTermCacheBytes(t *testing.T) {
	const budget = 1 << 20
	c := newTermCache[[]byte](1<<20, budget)
	val := bytes.Repeat([]byte("v"), 200)
	for i := range 50_000 {
		key := []byte(fmt.Sprintf("%0200d", i))
		c.put(key, val, len(val))
		if got, ok := c.get(key); !ok || len(got) != len(val) {
			t.Fatalf("entry %d not found right after put", i)
		}
	}
	n, b := c.size()
	if b > budget || n*(400+entryOverhead) > budget {
		t.Errorf("cache holds %d entries, %d bytes; budget %d", n, b, budget)
	}
	if n == 0 {
		t.Error("cache is empty")
	}
	c.put(bytes.Repeat([]byte("k"), budget), nil, 0)
	if _, ok := c.get(bytes.Repeat([]byte("k"), budget)); ok {
		t.Error("an entry larger than a shard was kept")
	}
}

// distinctLongWords returns n different words of 200 letters each.
func distinctLongWords(n int) string {
	var b strings.Builder
	for i := range n {
		w := []byte(strings.Repeat("k", 200))
		for j, k := 0, i; j < 8; j, k = j+1, k/26 {
			w[j*20] = byte('a' + k%26)
		}
		b.Write(w)
		b.WriteByte(' ')
	}
	return b.String()
}

// FuzzTokenizer holds every token to MaxTokenBytes, to its offsets and to
// character boundaries, and checks that pieces of a long word are adjacent.
func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{"", "IKT-prosjekter", "før\xffetter", strings.Repeat("ø", 200), strings.Repeat("a", 600) + " b",
		strings.Repeat("e\u0301", 150)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prevEnd := -1
		for i, tok := range NewTokenizer().Tokenize([]byte(s)) {
			if len(tok.Term) == 0 || len(tok.Term) > MaxTokenBytes {
				t.Fatalf("token %d: %d bytes", i, len(tok.Term))
			}
			if tok.Start < prevEnd || string(tok.Term) != s[tok.Start:tok.End] || tok.Position != i+1 {
				t.Fatalf("token %d %q at %d:%d position %d after end %d", i, tok.Term, tok.Start, tok.End, tok.Position, prevEnd)
			}
			if r, _ := utf8.DecodeRuneInString(s[tok.Start:]); r == utf8.RuneError || !corpus.IsWordRune(r) {
				t.Fatalf("token %d starts inside a character or at a separator: %q", i, tok.Term)
			}
			prevEnd = tok.End
		}
	})
}
