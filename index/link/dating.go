package link

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Documents to the Storting are named by number and session: "St.meld. nr.
// 28 (2007–2008)", "Meld. St. 31 (2019–2020)", "Prop. 1 S (2019–2020)". A
// document that opens with such a line is that document; one that names it
// in its text cites it, and came after it.
var designationRe = regexp.MustCompile(`(?i)\b(?:st\.\s?meld\.\s?nr\.\s?(\d{1,3})|meld\.\s?st\.\s?(\d{1,3})|prop\.\s?(\d{1,3})\s?([lse]{1,2}))\.?\s*\(\s*(\d{4})\s*[–-]\s*(\d{4})\s*\)`)

// ownDesignationRe is a designation on a line of its own (a title line).
var ownDesignationRe = regexp.MustCompile(`(?im)^[ \t#]*` + strings.TrimPrefix(designationRe.String(), `(?i)\b`) + `[ \t]*$`)

// printMarkRe is a government print's mark of month and year ("Trykk:
// 10/2008 - 500", "Trykk og ombrekking: Grøset 11/2011").
var printMarkRe = regexp.MustCompile(`(?i)\btrykk\b[^\n]{0,40}?\b(\d{1,2})/((?:19|20)\d{2})\b`)

// openingBytes is how far into a document its own designation or print
// mark stands.
const openingBytes = 1500

// designation is a designation's key ("meld 28 2007-2008") and its session.
type designation struct {
	key      string
	from, to int
}

func readDesignation(m []string) designation {
	d := designation{}
	switch {
	case m[1] != "":
		d.key = "meld " + m[1]
	case m[2] != "":
		d.key = "meld " + m[2]
	default:
		d.key = "prop " + m[3] + " " + strings.ToLower(m[4])
	}
	d.from, _ = strconv.Atoi(m[5])
	d.to, _ = strconv.Atoi(m[6])
	d.key += " " + m[5] + "-" + m[6]
	return d
}

// opening is the start of a document: its title and first sections.
func opening(doc corpus.Document) string {
	var b strings.Builder
	b.WriteString(doc.Title)
	for _, s := range doc.Sections {
		if b.Len() >= openingBytes {
			break
		}
		b.WriteString("\n" + s.Heading + "\n" + s.Text)
	}
	o := b.String()
	return o[:min(len(o), openingBytes)]
}

// span is when a document was written, to the year: from its date, else
// from its own session, else from its print mark. Zero when unknown.
type span struct {
	from, to int
	date     string // the full date, when known
}

func (s span) known() bool { return s.from > 0 }

// before reports whether a was written entirely before b.
func (a span) before(b span) bool {
	if a.date != "" && b.date != "" {
		return a.date < b.date
	}
	return a.known() && b.known() && a.to < b.from
}

func (a span) String() string {
	if a.from == a.to {
		return strconv.Itoa(a.from)
	}
	return strconv.Itoa(a.from) + "–" + strconv.Itoa(a.to)
}

// dating reads a document's own designation and its span.
func dating(doc corpus.Document) (own designation, when span, source string) {
	o := opening(doc)
	if m := ownDesignationRe.FindStringSubmatch(o); m != nil {
		own = readDesignation(m[0:])
	}
	switch {
	case len(doc.Date) >= 4:
		if y, err := strconv.Atoi(doc.Date[:4]); err == nil {
			return own, span{y, y, doc.Date}, doc.Date
		}
	case own.key != "":
		return own, span{own.from, own.to, ""}, strings.TrimSpace(ownDesignationRe.FindString(o))
	}
	if m := printMarkRe.FindStringSubmatch(o); m != nil {
		y, _ := strconv.Atoi(m[2])
		return own, span{y, y, ""}, strings.TrimSpace(m[0])
	}
	return own, span{}, ""
}
