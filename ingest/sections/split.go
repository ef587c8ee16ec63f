package sections

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/internal/wordcount"
	"github.com/strategispor/strategispor/internal/corpus"
)

// split turns a draft into one section, or several when its text exceeds
// max words. Parts are cut between paragraphs (never between a lead-in and
// its list), preferably where a run of footnotes ends a passage; a single
// paragraph or list longer than max is cut between sentences or items. The
// first part keeps the heading, later ones are named by their content
// ("Heading – Regjeringen vil", "Heading – EU har en ambisiøs …"), or
// "Heading (2)" when a part opens with nothing to name it by or repeats a name.
// Each footnote goes to the nearest part at or before its position that
// cites its marker ("[iv]"), else to the part it follows.
func (d draft) split(max int) []corpus.Section {
	pieces, refAt := expand(d.pieces, d.refs, max)

	// Assign pieces to parts.
	refBefore := make(map[int]bool, len(refAt))
	for _, at := range refAt {
		refBefore[at] = true
	}
	partOf := make([]int, len(pieces))
	part, words := 0, 0
	for i, p := range pieces {
		if words > 0 && (p.restart || words+p.words > max || words >= max/2 && refBefore[i]) {
			part++
			words = 0
		}
		partOf[i] = part
		words += p.words
	}
	parts := make([]corpus.Section, part+1)
	texts := make([][]string, part+1)
	for i, p := range pieces {
		k := partOf[i]
		texts[k] = append(texts[k], p.text())
		parts[k].ListItems = append(parts[k].ListItems, p.items...)
		if parts[k].Page == 0 {
			parts[k].Page = p.page
		}
	}
	for k := range parts {
		parts[k].Text = strings.Join(texts[k], "\n\n")
	}
	for i, r := range d.refs {
		k := 0
		if at := refAt[i]; at > 0 {
			k = partOf[at-1]
		}
		if r.marker != "" {
			cite := "[" + r.marker + "]"
			for j := k; j >= 0; j-- {
				if strings.Contains(parts[j].Text, cite) {
					k = j
					break
				}
			}
		}
		parts[k].References = append(parts[k].References, r.text)
	}
	// Name later parts by their content; a name twice in one section, or
	// none, falls back to the part's number.
	first := make([]int, part+1)
	for i := len(pieces) - 1; i >= 0; i-- {
		first[partOf[i]] = i
	}
	used := map[string]bool{}
	for k := range parts {
		s := &parts[k]
		s.Heading = d.heading
		if k > 0 && d.heading != "" {
			name := partName(pieces[first[k]])
			if name == "" || used[name] {
				name = fmt.Sprintf("(%d)", k+1)
				s.Heading = d.heading + " " + name
			} else {
				s.Heading = d.heading + PartSep + name
			}
			used[name] = true
		}
		s.Level = d.level
		s.Path = append([]string{}, d.path...)
		if k == 0 && d.page > 0 {
			s.Page = d.page
		}
	}
	return parts
}

// expand cuts pieces longer than max words into smaller ones and returns
// the new pieces with each footnote's position translated.
func expand(in []piece, refs []ref, max int) ([]piece, []int) {
	refAt := make([]int, len(refs))
	big := false
	for _, p := range in {
		if p.words > max {
			big = true
			break
		}
	}
	if !big {
		for i, r := range refs {
			refAt[i] = r.at
		}
		return in, refAt
	}
	out := make([]piece, 0, len(in)+4)
	newAt := make([]int, len(in)+1) // newAt[i]: pieces before old piece i
	for i, p := range in {
		newAt[i] = len(out)
		if p.words <= max {
			out = append(out, p)
			continue
		}
		out = append(out, cutPiece(p, max)...)
	}
	newAt[len(in)] = len(out)
	for i, r := range refs {
		refAt[i] = newAt[r.at]
	}
	return out, refAt
}

// cutPiece splits an oversized paragraph between sentences, or an oversized
// list between items (the lead-in stays with the first items).
func cutPiece(p piece, max int) []piece {
	var out []piece
	if len(p.lines) > 0 {
		cur := piece{lead: p.lead, words: wordcount.Count(p.lead), page: p.page}
		for i, line := range p.lines {
			w := wordcount.Count(p.items[i])
			if cur.words > 0 && cur.words+w > max && len(cur.lines) > 0 {
				out = append(out, cur)
				cur = piece{page: p.page}
			}
			cur.lines = append(cur.lines, line)
			cur.items = append(cur.items, p.items[i])
			cur.words += w
		}
		return append(out, cur)
	}
	var sb strings.Builder
	n := 0
	emit := func() {
		if sb.Len() > 0 {
			out = append(out, piece{lead: strings.TrimSpace(sb.String()), words: n, page: p.page})
			sb.Reset()
			n = 0
		}
	}
	for _, sent := range sentences(p.lead) {
		w := wordcount.Count(sent)
		if n > 0 && n+w > max {
			emit()
		}
		if w > max {
			// A "sentence" longer than a section: cut between words.
			for _, f := range strings.Fields(sent) {
				if n >= max {
					emit()
				}
				if sb.Len() > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(f)
				n++
			}
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(sent)
		n += w
	}
	emit()
	return out
}

// sentences splits text after ". ", "? " or "! " when a capital follows.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(text); i++ {
		c := text[i]
		if (c != '.' && c != '?' && c != '!') || text[i+1] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[i+2:])
		if !unicode.IsUpper(r) {
			continue
		}
		out = append(out, text[start:i+1])
		start = i + 2
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}
