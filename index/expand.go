package index

import (
	"fmt"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Limits on prefix expansion. A prefix query stands for every indexed word
// that starts with it, and Bleve opens one term searcher per word and field:
// "st*" over a large vocabulary is tens of thousands of them. The words are
// counted in the field dictionaries before the query is built, and a query
// over a limit is refused (corpus.ErrInvalid, a 400) with the limit named,
// the way Elasticsearch refuses a query over max_clause_count (1024 before
// version 8).
const (
	// MaxPrefixTerms is how many indexed words one prefix may stand for in
	// one field.
	MaxPrefixTerms = 1024
	// MaxExpansionTerms is how many words all the prefixes of one query may
	// stand for together, counted in every field they search.
	MaxExpansionTerms = 4096
)

// expansion counts the words a query's prefixes stand for.
type expansion struct {
	terms int
	err   error // the first limit exceeded
}

// countPrefix returns how many words of field start with prefix, counting
// no further than limit+1.
func (ix *Index) countPrefix(field, prefix string, limit int) (int, error) {
	d, err := ix.idx().FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return 0, fmt.Errorf("reading the dictionary of %s: %w", field, err)
	}
	defer d.Close()
	n := 0
	for n <= limit {
		e, err := d.Next()
		if err != nil {
			return 0, fmt.Errorf("reading the dictionary of %s: %w", field, err)
		}
		if e == nil {
			break
		}
		n++
	}
	return n, nil
}

// prefix checks prefix against the limits in fields and counts its words
// into e. It reports whether the prefix may be queried.
func (e *expansion) prefix(ix *Index, prefix string, fields ...string) bool {
	if e.err != nil {
		return false
	}
	for _, f := range fields {
		n, err := ix.countPrefix(f, prefix, MaxPrefixTerms)
		if err != nil {
			e.err = err
			return false
		}
		if n > MaxPrefixTerms {
			e.err = fmt.Errorf("%w: %s* stands for more than %d indexed words (limit of %d a prefix); write more letters",
				corpus.ErrInvalid, prefix, MaxPrefixTerms, MaxPrefixTerms)
			return false
		}
		e.terms += n
		if e.terms > MaxExpansionTerms {
			e.err = fmt.Errorf("%w: the prefixes of the query stand for more than %d indexed words together (limit of %d a query); use fewer prefixes or longer ones",
				corpus.ErrInvalid, MaxExpansionTerms, MaxExpansionTerms)
			return false
		}
	}
	return true
}
