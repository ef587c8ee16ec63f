package analysis

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

//go:embed data/synonyms.txt
var defaultSynonyms string

// Synonyms expands query words with equivalent words and phrases
// ("KI" ↔ "kunstig intelligens" ↔ "AI"). Expansion happens at query time only,
// so the list can be edited without re-indexing.
type Synonyms struct {
	// alts maps an expression (its tokens joined by one space) to the other
	// expressions it should also find.
	alts   map[string][][]string
	maxLen int // longest expression, in tokens
	Source string
}

// LoadSynonyms reads the synonym file at path, or the embedded default when
// path is "" or does not exist. The file replaces the default entirely.
func LoadSynonyms(path string, exact analysis.Analyzer) (*Synonyms, error) {
	text, source := defaultSynonyms, "embedded default"
	if path != "" {
		b, err := os.ReadFile(path)
		switch {
		case err == nil:
			text, source = string(b), path
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("reading synonyms %s: %w", path, err)
		}
	}
	s, err := ParseSynonyms(text, exact)
	if err != nil {
		return nil, fmt.Errorf("synonyms %s: %w", source, err)
	}
	s.Source = source
	return s, nil
}

// ParseSynonyms parses the synonym file format (see data/synonyms.txt).
func ParseSynonyms(text string, exact analysis.Analyzer) (*Synonyms, error) {
	s := &Synonyms{alts: map[string][][]string{}}
	tokens := func(expr string) []string {
		var out []string
		for _, t := range exact.Analyze([]byte(expr)) {
			out = append(out, string(t.Term))
		}
		return out
	}
	link := func(from, to []string) {
		if len(from) == 0 || len(to) == 0 || slices.Equal(from, to) {
			return
		}
		k := strings.Join(from, " ")
		for _, have := range s.alts[k] {
			if slices.Equal(have, to) {
				return
			}
		}
		s.alts[k] = append(s.alts[k], to)
		s.maxLen = max(s.maxLen, len(from))
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		split := func(list string) (out [][]string) {
			for _, e := range strings.Split(list, ",") {
				if t := tokens(e); len(t) > 0 {
					out = append(out, t)
				}
			}
			return out
		}
		if lhs, rhs, ok := strings.Cut(line, "=>"); ok {
			froms, tos := split(lhs), split(rhs)
			if len(froms) == 0 || len(tos) == 0 {
				return nil, fmt.Errorf("line %d: %q needs words on both sides of =>", n, line)
			}
			for _, f := range froms {
				for _, t := range tos {
					link(f, t)
				}
			}
			continue
		}
		group := split(line)
		if len(group) < 2 {
			return nil, fmt.Errorf("line %d: %q needs at least two comma-separated entries", n, line)
		}
		for _, a := range group {
			for _, b := range group {
				link(a, b)
			}
		}
	}
	return s, nil
}

// Match finds the longest expression starting at words[i] (lower-cased
// tokens) and returns its length in tokens and its alternatives.
func (s *Synonyms) Match(words []string, i int) (n int, alternatives [][]string) {
	for n = min(s.maxLen, len(words)-i); n > 0; n-- {
		if alts, ok := s.alts[strings.Join(words[i:i+n], " ")]; ok {
			return n, alts
		}
	}
	return 0, nil
}

// Len is the number of expressions that expand.
func (s *Synonyms) Len() int { return len(s.alts) }
