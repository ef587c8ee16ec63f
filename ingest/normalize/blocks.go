package normalize

import (
	"regexp"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
)

// admonitionRe finds an mkdocs admonition opener that reached a Word or
// HTML file as a paragraph of its own: `!!! quote ""`, `!!! note "Tittel"`,
// `???+ tip` (with straight or curly quotes).
var admonitionRe = regexp.MustCompile(`^(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*(?:\s+["“”]([^"“”]*)["“”])?$`)

// admonition reports whether a paragraph is an admonition opener and
// returns its title ("" when it has none).
func admonition(p string) (string, bool) {
	if !strings.HasPrefix(p, "!!!") && !strings.HasPrefix(p, "???") {
		return "", false
	}
	m := admonitionRe.FindStringSubmatch(p)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

// Blocks returns a cleaned copy of an extractor's blocks.
//
// Every text goes through Line (paragraphs through Text, split at blank lines
// into separate paragraphs). Plain-text lines that start with a bullet or an
// item number become ListItem blocks (Marker, Ordered, and Level from the
// indentation); lines and paragraphs of the form "[iv] …" become Footnote
// blocks with the marker in Marker (and still in Text, as block.Footnote
// says). Words hyphenated across two consecutive
// lines are joined. A paragraph that is only an mkdocs admonition opener
// ("!!! quote \"Tittel\"", as Markdown converted to Word or HTML keeps it)
// is replaced by its title or dropped. Blank lines stay as empty Line blocks: they are the
// paragraph boundaries of plain text. Blocks that become empty otherwise are
// dropped.
func Blocks(in []block.Block) []block.Block {
	out := make([]block.Block, 0, len(in))
	for _, b := range in {
		switch b.Kind {
		case block.Line:
			out = append(out, lineBlock(b))
		case block.Paragraph:
			for _, p := range strings.Split(Text(b.Text), "\n\n") {
				p = strings.ReplaceAll(p, "\n", " ")
				if p == "" {
					continue
				}
				if t, ok := admonition(p); ok {
					if t == "" {
						continue
					}
					p = t
				}
				nb := b
				nb.Text = p
				if m, _, ok := Footnote(p); ok {
					nb.Kind, nb.Marker = block.Footnote, m
				}
				out = append(out, nb)
			}
		case block.ListItem:
			nb := b
			nb.Text = Line(b.Text)
			// Some extractors leave the glyph in the text.
			if it, ok := ListItem(nb.Text); ok && !it.Ordered && (nb.Marker == "" || !b.Ordered) {
				nb.Text = it.Text
				if nb.Marker == "" {
					nb.Marker = it.Marker
				}
			}
			if nb.Text != "" {
				out = append(out, nb)
			}
		case block.Footnote:
			nb := b
			nb.Text = Line(b.Text)
			if m, _, ok := Footnote(nb.Text); ok {
				if nb.Marker == "" {
					nb.Marker = m
				}
			} else if nb.Marker != "" {
				nb.Text = strings.TrimSpace("[" + nb.Marker + "] " + nb.Text)
			}
			if nb.Text != "" || nb.Marker != "" {
				out = append(out, nb)
			}
		default: // Heading and anything newer
			nb := b
			nb.Text = Line(b.Text)
			if nb.Text != "" {
				out = append(out, nb)
			}
		}
	}
	return joinLines(out)
}

// lineBlock classifies and cleans one plain-text line.
func lineBlock(b block.Block) block.Block {
	if it, ok := ListItem(b.Text); ok {
		b.Kind, b.Marker, b.Ordered, b.Level, b.Text = block.ListItem, it.Marker, it.Ordered, it.Depth, it.Text
		return b
	}
	if m, _, ok := Footnote(b.Text); ok {
		b.Kind, b.Marker, b.Text = block.Footnote, m, Line(b.Text)
		return b
	}
	b.Text = Line(b.Text)
	return b
}

// joinLines repairs words hyphenated across consecutive non-empty lines and
// drops a line whose only word moved up, so that it does not read as a
// paragraph break.
func joinLines(bs []block.Block) []block.Block {
	gone := 0
	for i := 0; i+1 < len(bs); i++ {
		cur, next := &bs[i], &bs[i+1]
		if cur.Text == "" || next.Text == "" || next.Kind != block.Line ||
			(cur.Kind != block.Line && cur.Kind != block.ListItem) {
			continue
		}
		cur.Text, next.Text = JoinHyphenated(cur.Text, next.Text)
		if next.Text == "" {
			next.Marker = moved
			gone++
		}
	}
	if gone == 0 {
		return bs
	}
	out := bs[:0]
	for _, b := range bs {
		if !(b.Kind == block.Line && b.Text == "" && b.Marker == moved) {
			out = append(out, b)
		}
	}
	return out
}

// moved marks a line emptied by joinLines (plain lines never carry a marker).
const moved = "\x00moved"
