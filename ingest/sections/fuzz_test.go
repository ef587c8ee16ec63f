package sections

import (
	"strings"
	"testing"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/ingest/internal/wordcount"
	"github.com/strategispor/strategispor/ingest/normalize"
)

// FuzzSplit feeds the splitter block lists built from fuzzed text: each line
// becomes a block whose kind is picked by the kinds string, so that plain
// lines, headings, paragraphs, list items and footnotes mix freely.
func FuzzSplit(f *testing.F) {
	f.Add("Tittel\n\nTekst.\n\nRegjeringen vil\n\n  • gjøre noe\n\n[i] Kilde", "", true)
	f.Add("SAKSFRAMLEGG\n\nForum: Skate\n\nMøtedato: 13.6.2019\n\nHistorikk/bakgrunn\n\nTekst.", "", true)
	f.Add("Innsatsområde\nTekst.\nStatus: På plan\nNeste\nMer tekst.", "", true)
	f.Add("1. Innledning\n\n1.1 Bakgrunn\n\nTekst\n\n2. Del\n", "hhpp", false)
	f.Add("digitali-\nsering\n[ii]\nKilde\n• punkt\n- punkt", "llflil", true)
	f.Add(strings.Repeat("ord ", 900), "p", false)
	f.Add("A\nB\nC\nD\nE\nF\nG", "", true)
	f.Fuzz(func(t *testing.T, text, kinds string, plain bool) {
		var bs []block.Block
		for i, l := range strings.Split(text, "\n") {
			b := block.Block{Kind: block.Line, Text: l}
			if i < len(kinds) {
				switch kinds[i] {
				case 'h':
					b = block.Block{Kind: block.Heading, Text: l, Level: i % 4}
				case 'p':
					b.Kind = block.Paragraph
				case 'i':
					b = block.Block{Kind: block.ListItem, Text: l, Level: i % 3, Ordered: i%2 == 0}
				case 'f':
					b = block.Block{Kind: block.Footnote, Text: l, Marker: "i"}
				}
			}
			bs = append(bs, b)
		}
		const max = 50
		secs := Split(normalize.Blocks(bs), Options{PlainText: plain, MaxWords: max})
		for i, s := range secs {
			if s.Ordinal != i {
				t.Fatalf("ordinal %d at %d", s.Ordinal, i)
			}
			if s.Path == nil || s.Level < 0 || (s.Level == 0) != (s.Heading == "") {
				t.Fatalf("section %d: path %v level %d heading %q", i, s.Path, s.Level, s.Heading)
			}
			if strings.TrimSpace(s.Text) == "" && len(s.References) == 0 {
				t.Fatalf("empty section %d: %+v", i, s)
			}
			if wordcount.Count(s.Text) > max && len(s.ListItems) == 0 && !strings.Contains(s.Text, "\n") {
				// A single paragraph is cut between sentences or words.
				t.Fatalf("section %d has %d words > %d: %q", i, wordcount.Count(s.Text), max, s.Text)
			}
		}
		AssignIDs("d", secs)
		seen := map[string]bool{}
		for _, s := range secs {
			if seen[s.ID] {
				t.Fatalf("duplicate id %s", s.ID)
			}
			seen[s.ID] = true
		}
	})
}
