package query

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/internal/corpus"
)

// item is one lexical unit of the query string.
type item struct {
	text    string
	phrase  bool
	negated bool
	or      bool   // the OR operator
	key     string // filter key, lower-cased, when text is a filter value
	pos     int    // byte offset, for error messages
}

// filterKeys are the recognised filter names; any other "x:y" is plain text.
var filterKeys = map[string]bool{"type": true, "status": true, "org": true, "year": true, "date": true, "from": true, "to": true}

// Parse parses a query string. It never panics; malformed input gives an
// error wrapping corpus.ErrInvalid.
func Parse(s string) (Query, error) {
	var q Query
	if len(s) > MaxQueryBytes {
		return q, invalid("query is longer than %d bytes", MaxQueryBytes)
	}
	if !utf8.ValidString(s) {
		return q, invalid("query is not valid UTF-8")
	}
	items, err := lex(s)
	if err != nil {
		return q, err
	}
	// lastTerm is true when the item before added a search term to a group:
	// only then has an OR something on its left side.
	var pendingOr, lastTerm bool
	for _, it := range items {
		if it.or {
			if !lastTerm {
				return q, invalid("OR at position %d needs a search term before it", it.pos+1)
			}
			pendingOr, lastTerm = true, false
			continue
		}
		lastTerm = false
		if it.key != "" {
			if pendingOr {
				return q, invalid("OR at position %d needs a search term after it, not a filter", it.pos+1)
			}
			if it.negated {
				return q, invalid("filters cannot be negated (-%s:)", it.key)
			}
			if err := applyFilter(&q.Filter, it); err != nil {
				return q, err
			}
			continue
		}
		t, ok, err := term(it)
		if err != nil {
			return q, err
		}
		if !ok {
			if pendingOr {
				return q, invalid("OR at position %d needs a search term after it", it.pos+1)
			}
			continue // punctuation only: nothing to search for
		}
		switch {
		case it.negated && pendingOr:
			return q, invalid("an excluded term cannot be part of OR (position %d)", it.pos+1)
		case it.negated:
			q.Exclude = append(q.Exclude, t)
		case pendingOr:
			q.Groups[len(q.Groups)-1] = append(q.Groups[len(q.Groups)-1], t)
			lastTerm = true
		default:
			q.Groups = append(q.Groups, Group{t})
			lastTerm = true
		}
		pendingOr = false
	}
	if pendingOr {
		return q, invalid("OR at the end of the query needs a search term after it")
	}
	n := len(q.Exclude)
	for _, g := range q.Groups {
		n += len(g)
	}
	if n > MaxTerms {
		return q, invalid("query has %d terms; at most %d are allowed", n, MaxTerms)
	}
	if !q.HasTerms() && q.Filter.Empty() {
		if len(q.Exclude) > 0 {
			return q, invalid("query only excludes; add a word to search for")
		}
		return q, invalid("query is empty: nothing to search for")
	}
	return q, nil
}

func lex(s string) ([]item, error) {
	var items []item
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		it := item{pos: i}
		if r == '-' && i+1 < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[i+1:]); !unicode.IsSpace(next) && next != '-' {
				it.negated = true
				i++
			}
		}
		if i < len(s) && s[i] == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return nil, invalid("unbalanced quote at position %d", i+1)
			}
			it.text, it.phrase = s[i+1:i+1+end], true
			i += end + 2
			items = append(items, it)
			continue
		}
		start := i
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			if r == '"' {
				// key:"quoted value"
				if k := strings.ToLower(s[start:i]); strings.HasSuffix(k, ":") && filterKeys[strings.TrimSuffix(k, ":")] {
					end := strings.IndexByte(s[i+1:], '"')
					if end < 0 {
						return nil, invalid("unbalanced quote at position %d", i+1)
					}
					it.key, it.text = strings.TrimSuffix(k, ":"), s[i+1:i+1+end]
					i += end + 2
					break
				}
				return nil, invalid("quote inside a word at position %d; put spaces around phrases", i+1)
			}
			i += size
		}
		if it.key == "" {
			word := s[start:i]
			k, v, ok := strings.Cut(word, ":")
			// "Status: På plan" pasted from a status report is text: a
			// bare status: with nothing after it is a word, not a filter.
			if ok && v == "" && strings.EqualFold(k, "status") {
				ok = false
			}
			if ok && filterKeys[strings.ToLower(k)] {
				it.key, it.text = strings.ToLower(k), v
				if v == "" {
					return nil, invalid("filter %s: has no value", it.key)
				}
			} else {
				it.text = word
				it.or = word == "OR" && !it.negated
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// term turns a word or phrase into a Term; ok is false when it holds no letters or digits.
func term(it item) (Term, bool, error) {
	text := strings.TrimSpace(it.text)
	if it.phrase {
		return Term{Text: strings.Join(strings.Fields(text), " "), Phrase: true}, hasWordChars(text), nil
	}
	if strings.HasSuffix(text, "*") {
		stem := strings.TrimRight(text, "*")
		if utf8.RuneCountInString(stem) < 2 || !hasWordChars(stem) {
			return Term{}, false, invalid("prefix %q needs at least two letters before *", text)
		}
		if strings.Contains(stem, "*") {
			return Term{}, false, invalid("* is only allowed at the end of a word (%q)", text)
		}
		return Term{Text: stem, Prefix: true}, true, nil
	}
	if strings.Contains(text, "*") {
		return Term{}, false, invalid("* is only allowed at the end of a word (%q)", text)
	}
	return Term{Text: text}, hasWordChars(text), nil
}

func hasWordChars(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func applyFilter(f *Filter, it item) error {
	v := strings.TrimSpace(it.text)
	if v == "" {
		return invalid("filter %s: has no value", it.key)
	}
	switch it.key {
	case "type":
		for _, t := range strings.Split(v, ",") {
			dt := corpus.DocType(strings.ToLower(strings.TrimSpace(t)))
			if dt == "horing" {
				dt = corpus.TypeHoring
			}
			if !dt.Valid() {
				return invalid("unknown document type %q; use one of %s", t, typeList())
			}
			f.Types = append(f.Types, dt)
		}
	case "status":
		for _, s := range strings.Split(v, ",") {
			st, ok := corpus.ParseStatus(s)
			if !ok {
				return invalid("unknown status %q; use one of %s", strings.TrimSpace(s), corpus.StatusList())
			}
			f.Statuses = append(f.Statuses, st)
		}
	case "org":
		f.Orgs = append(f.Orgs, v)
	case "year":
		lo, hi, isRange := strings.Cut(v, "..")
		from, err := parseYear(lo)
		if err != nil {
			return err
		}
		to := from
		if isRange {
			if to, err = parseYear(hi); err != nil {
				return err
			}
			if to < from || to-from > 200 {
				return invalid("year range %q is backwards or too wide", v)
			}
		}
		for y := from; y <= to; y++ {
			f.Years = append(f.Years, y)
		}
	case "date":
		lo, hi, isRange := strings.Cut(v, "..")
		if !isRange {
			hi = lo
		}
		if lo == "" && hi == "" {
			return invalid("date filter %q has no dates", v)
		}
		if err := setRange(f, lo, hi); err != nil {
			return err
		}
	case "from":
		return setRange(f, v, "")
	case "to":
		return setRange(f, "", v)
	}
	return nil
}

func setRange(f *Filter, lo, hi string) error {
	if lo != "" {
		d, err := parseDate(lo, false)
		if err != nil {
			return err
		}
		f.From = d
	}
	if hi != "" {
		d, err := parseDate(hi, true)
		if err != nil {
			return err
		}
		f.To = d
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return invalid("date range %s..%s ends before it starts", f.From, f.To)
	}
	return nil
}

// parseDate accepts YYYY-MM-DD, YYYY-MM or YYYY; a partial date means its
// first day, or its last day when end is true.
func parseDate(s string, end bool) (string, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t.Format("2006-01-02"), nil
	}
	return "", invalid("bad date %q; write YYYY-MM-DD (or YYYY-MM, YYYY)", s)
}

func parseYear(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < 1800 || y > 2200 {
		return 0, invalid("bad year %q; write four digits like 2019", s)
	}
	return y, nil
}

func typeList() string {
	var ts []string
	for _, t := range corpus.DocTypes {
		ts = append(ts, string(t))
	}
	return strings.Join(ts, ", ")
}
