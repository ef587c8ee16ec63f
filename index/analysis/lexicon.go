package analysis

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// lexiconTable is the word-form table generated from the Norwegian hunspell
// dictionaries by cmd/lexgen (see data/SOURCES.md): one form a line, sorted,
// followed by a tab and its lemmas where the plain stemmer alone would not
// give the form the term of its lemma.
//
//go:embed data/lexicon.txt.gz
var lexiconTable []byte

// Lexicon is a full-form lexicon of bokmål and nynorsk: it knows some 1.4
// million inflected forms, and maps those that the plain stemmer (Snowball
// after the agent-noun rule, then the nynorsk mapping) would split from their
// lemma to the term of that lemma: "etablerte", "etablert" and "etablerer"
// to the term of "etablere", "digitalt" to that of "digital". The term of a
// lemma is the plain stem of the lemma, so that words the lexicon lacks
// still meet the words it has wherever Snowball joins them. A form of two
// lemmas with different terms has both.
//
// Forms are held as sorted 64-bit hashes (hashWord): 8 bytes a known form,
// 12 a mapped one.
type Lexicon struct {
	known  []uint64   // every form
	mapped []uint64   // forms with their own terms
	sets   []uint32   // sets[i] is the term set of mapped[i]
	terms  [][]string // term sets
	// extra holds, for a term, strings of which every mapped form with that
	// term contains one when the term itself is not in the form (the form's
	// own Snowball stem, a prefix of it): see Stemmer.Sources.
	extra map[string][]string
	// Lemmas is the number of distinct lemmas in the table.
	Lemmas int
}

// Has reports whether w (lower-case) is a form the lexicon knows.
func (l *Lexicon) Has(w string) bool {
	if l == nil {
		return false
	}
	_, ok := slices.BinarySearch(l.known, hashWord(w))
	return ok
}

// Forms is the number of forms the lexicon knows; Mapped, the number it
// gives terms of their own.
func (l *Lexicon) Forms() int  { return len(l.known) }
func (l *Lexicon) Mapped() int { return len(l.mapped) }

// terms returns the term set of a mapped form, or nil.
func (l *Lexicon) lookup(w []byte) []string {
	if l == nil {
		return nil
	}
	i, ok := slices.BinarySearch(l.mapped, hashBytes(w))
	if !ok {
		return nil
	}
	return l.terms[l.sets[i]]
}

// hashBytes is hashWord of a byte slice, without the conversion.
func hashBytes(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// The lexicon is built once per process: the table and the plain stemmer it
// depends on are both fixed at build time. The first caller's cache dir is
// the one used.
var lexOnce struct {
	sync.Mutex
	lex *Lexicon
}

// embeddedLexicon returns the process's lexicon, building it (or reading
// it from cacheDir, "" for none) on the first call.
func embeddedLexicon(cacheDir string) (*Lexicon, error) {
	lexOnce.Lock()
	defer lexOnce.Unlock()
	if lexOnce.lex != nil {
		return lexOnce.lex, nil
	}
	l, err := openLexicon(cacheDir)
	if err != nil {
		return nil, err
	}
	lexOnce.lex = l
	return l, nil
}

// readLexicon reads a gzipped table; term is the plain stemmer.
func readLexicon(r io.Reader, term func(string) string) (*Lexicon, error) {
	z, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("reading word-form table: %w", err)
	}
	l := &Lexicon{extra: map[string][]string{}}
	type row struct {
		h   uint64
		set uint32
	}
	var rows []row
	setID := map[string]uint32{}
	lemmaTerm := map[string]string{}
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var ts []string
	for sc.Scan() {
		raw := sc.Bytes()
		if len(raw) == 0 || raw[0] == '#' {
			continue
		}
		if bytes.IndexByte(raw, '\t') < 0 {
			l.known = append(l.known, hashBytes(raw))
			continue
		}
		form, lemmas, _ := strings.Cut(string(raw), "\t")
		h := hashWord(form)
		l.known = append(l.known, h)
		ts = ts[:0]
		for _, lm := range strings.Fields(lemmas) {
			t, ok := lemmaTerm[lm]
			if !ok {
				t = term(lm)
				lemmaTerm[lm] = t
			}
			if !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
		slices.Sort(ts)
		key := strings.Join(ts, " ")
		id, ok := setID[key]
		if !ok {
			id = uint32(len(l.terms))
			setID[key] = id
			l.terms = append(l.terms, slices.Clone(ts))
		}
		rows = append(rows, row{h, id})
		for _, t := range ts {
			if !strings.Contains(form, t) && !l.covered(t, form) {
				l.extra[t] = append(l.extra[t], snowballStem(form))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading word-form table: %w", err)
	}
	l.Lemmas = len(lemmaTerm)
	slices.Sort(l.known)
	l.known = slices.Compact(l.known)
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a.h, b.h) })
	l.mapped = make([]uint64, 0, len(rows))
	l.sets = make([]uint32, 0, len(rows))
	for i, r := range rows {
		if i > 0 && r.h == rows[i-1].h {
			continue
		}
		l.mapped = append(l.mapped, r.h)
		l.sets = append(l.sets, r.set)
	}
	return l, nil
}

// covered reports whether f already contains one of t's extra sources.
func (l *Lexicon) covered(t, f string) bool {
	for _, s := range l.extra[t] {
		if strings.Contains(f, s) {
			return true
		}
	}
	return false
}

// LexiconHeader starts the generated table; cmd/lexgen writes it.
const LexiconHeader = `# Norwegian word forms and their lemmas, for strategispor's analysis.
# Generated by "go run ./cmd/lexgen" from the hunspell dictionaries nb_NO and
# nn_NO (Debian package hunspell-no; spell-norwegian project, GPL-2).
# A line is a form, followed by a tab and its lemmas where the plain stemmer
# would not give the form the term of its lemma. Do not edit.
`

// WriteLexicon writes the word-form table for forms (form → its lemmas, as
// hunspell.Lemmas gives them), gzipped, deterministically.
func WriteLexicon(w io.Writer, forms map[string][]string) error {
	st := newPlainStemmer()
	keys := make([]string, 0, len(forms))
	for f := range forms {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	z, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(z)
	b.WriteString(LexiconHeader)
	for _, f := range keys {
		b.WriteString(f)
		plain := st.plainStem(f)
		for _, lm := range forms[f] {
			if st.plainStem(lm) != plain {
				b.WriteByte('\t')
				b.WriteString(strings.Join(forms[f], " "))
				break
			}
		}
		b.WriteByte('\n')
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("writing word-form table: %w", err)
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("writing word-form table: %w", err)
	}
	return nil
}
