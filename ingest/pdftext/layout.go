package pdftext

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strategispor/strategispor/ingest/block"
)

var (
	digitsRe     = regexp.MustCompile(`\d+`)
	pageNumberRe = regexp.MustCompile(`(?i)^((side|page|s\.)?\s*[-–(]?\s*\d{1,4}\s*[-–)]?(\s*(av|of|/)\s*\d{1,4})?|(side|page)\s+[ivxlc]{1,6})$`)
	leaderRe     = regexp.MustCompile(`(\.\s?){5,}\s*\d+$|…{2,}\s*\d+$`)
	tocTitleRe   = regexp.MustCompile(`(?i)^(innhold|innholdsfortegnelse|innhald|contents|table of contents)$`)
	pageRefRe    = regexp.MustCompile(`^\d{1,3}\s+\p{L}|\s\d{1,3}$`)
	bareNumberRe = regexp.MustCompile(`^\d{1,3}$`)
	numberedRe   = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(\S.*)$`)
	orderedRe    = regexp.MustCompile(`^(\d{1,2}[.)]|[a-zA-Z][.)]|[ivxIVX]{1,4}[.)])\s+(\S.*)$`)
	tocRe        = regexp.MustCompile(`(\.\s?){4,}\s*\d+$|\s\d{1,3}$`)
)

// bullets are the characters lists start with, the private-use ones being
// what Symbol and Wingdings bullets decode to.
const bullets = "•●▪■◦○‣⁃–—-·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0e0\uf02d"

// dropOffPage removes lines drawn wholly outside the page, left of it or
// below or above it: a designed report's spread leaves the facing page's
// running labels there ("Om rapporten" at x = -357), invisible in print.
func dropOffPage(lines []line) ([]line, int) {
	out := lines[:0]
	n := 0
	for _, l := range lines {
		if l.x1 <= 0 || l.y < 0 || l.top > 0 && l.y > l.top {
			n++
			continue
		}
		out = append(out, l)
	}
	return out, n
}

// dropRunning removes running headers and footers (lines in the top or
// bottom tenth of the page whose text, digits aside, recurs on many pages)
// and bare page numbers in those zones.
func dropRunning(lines []line, pages int) ([]line, int) {
	zone := func(l line) bool { return l.y > 0.9*l.top || l.y < 0.1*l.top }
	key := func(l line) string { return strings.ToLower(digitsRe.ReplaceAllString(l.text, "#")) }
	seen := map[string]map[int]bool{}
	for _, l := range lines {
		if zone(l) {
			k := key(l)
			if seen[k] == nil {
				seen[k] = map[int]bool{}
			}
			seen[k][l.page] = true
		}
	}
	need := max(3, int(math.Ceil(0.3*float64(pages))))
	out := lines[:0:0]
	removed := 0
	for _, l := range lines {
		if zone(l) && (pageNumberRe.MatchString(l.text) || (pages >= 3 && len(seen[key(l)]) >= need)) {
			removed++
			continue
		}
		out = append(out, l)
	}
	return out, removed
}

// dropContents removes tables of contents: lines ending in dot leaders and a
// page number, and on a page titled "Innhold" every line that starts or
// ends with a page number. They repeat the headings and would only add
// false hits.
func dropContents(lines []line) ([]line, int) {
	tocPages := map[int]bool{}
	for _, l := range lines {
		if tocTitleRe.MatchString(strings.TrimSpace(l.text)) {
			tocPages[l.page] = true
		}
	}
	// A contents page may set its page numbers apart from the titles
	// ("Sammendrag", "8"): there a bare number goes, and so does a title
	// that a line on another page repeats.
	elsewhere := map[string]bool{}
	for _, l := range lines {
		if len(tocPages) > 0 && !tocPages[l.page] {
			elsewhere[strings.ToLower(l.text)] = true
		}
	}
	out := lines[:0:0]
	removed := 0
	for _, l := range lines {
		toc := tocPages[l.page] && !tocTitleRe.MatchString(strings.TrimSpace(l.text)) && (pageRefRe.MatchString(l.text) || bareNumberRe.MatchString(l.text) || elsewhere[strings.ToLower(l.text)])
		if leaderRe.MatchString(l.text) || toc {
			removed++
			continue
		}
		out = append(out, l)
	}
	return out, removed
}

// pageOneTitle returns the longest group of page-1 lines set in the
// largest type: on cover pages the publisher's name is often as large as
// the title, and shorter.
func pageOneTitle(lines []line) string {
	var size float64
	for _, l := range lines {
		if l.page == 1 && l.size > size && hasLetter(l.text) {
			size = l.size
		}
	}
	var best string
	var parts []string
	var prev line
	end := func() {
		if t := strings.Join(parts, " "); len(t) > len(best) {
			best = t
		}
		parts = nil
	}
	for _, l := range lines {
		if l.page > 1 {
			break
		}
		if l.size != size || !hasLetter(l.text) {
			end()
			continue
		}
		if len(parts) > 0 && prev.y-l.y > 1.6*size {
			end()
		}
		parts = append(parts, l.text)
		prev = l
	}
	end()
	return best
}

// bodySize is the font size of most characters.
func bodySize(lines []line) float64 {
	chars := map[float64]int{}
	for _, l := range lines {
		chars[l.size] += utf8.RuneCountInString(l.text)
	}
	best, size := 0, 0.0
	for s, n := range chars {
		if n > best || (n == best && s < size) {
			best, size = n, s
		}
	}
	return size
}

// headingSizes ranks the font sizes clearly larger than the body text;
// sizes used for much of the text (an ingress, a fact box) do not count.
// A size only a little larger counts for its bold lines when most of its
// text is bold (NSM sets its subheadings in 10 pt bold over 8.5 pt text,
// and a few figure labels in 10 pt regular); boldOnly holds those sizes.
func headingSizes(lines []line, body float64) (map[float64]int, map[float64]bool) {
	chars := map[float64]int{}
	total := 0
	bold, plain := map[float64]int{}, map[float64]int{}
	for _, l := range lines {
		if l.bold {
			bold[l.size] += utf8.RuneCountInString(l.text)
		} else {
			plain[l.size] += utf8.RuneCountInString(l.text)
		}
	}
	boldOnly := map[float64]bool{}
	for _, l := range lines {
		n := utf8.RuneCountInString(l.text)
		total += n
		switch {
		case l.size >= body*1.12+0.5:
			chars[l.size] += n
		case l.bold && l.size >= body*1.1 && bold[l.size] > 2*plain[l.size]:
			chars[l.size] += n
			boldOnly[l.size] = true
		}
	}
	var sizes []float64
	for s, n := range chars {
		if n*100 <= total*12 {
			sizes = append(sizes, s)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(sizes)))
	rank := map[float64]int{}
	for i, s := range sizes {
		rank[s] = min(i+1, 6)
	}
	return rank, boldOnly
}

// buildBlocks groups lines into headings, paragraphs and list items.
func buildBlocks(lines []line) []block.Block {
	body := bodySize(lines)
	ranks, boldOnly := headingSizes(lines, body)
	var blocks []block.Block
	var cur *block.Block
	var prev, first line
	boldPoint := false // cur is a numbered point set in bold (see below)
	push := func() {
		if cur != nil {
			cur.Text = strings.TrimSpace(cur.Text)
			if cur.Text != "" {
				blocks = append(blocks, *cur)
			}
			cur = nil
		}
	}
	right := map[int]float64{} // right edge of each page's text
	for _, l := range lines {
		right[l.page] = max(right[l.page], l.x1)
	}
	maxRank := 0
	for _, r := range ranks {
		maxRank = max(maxRank, r)
	}
	styled := styledHeadings(lines, body, maxRank, right)
	type class struct {
		kind         block.Kind
		level        int
		text, marker string
		ordered      bool
	}
	classes := make([]class, len(lines))
	for i, l := range lines {
		c := &classes[i]
		c.kind, c.level, c.text, c.marker, c.ordered = classify(l, body, ranks, boldOnly)
		if lv, ok := styled[i]; ok && c.kind == block.Paragraph {
			c.kind, c.level = block.Heading, lv
		}
	}
	for _, i := range readingOrder(lines, func(i int) bool { return classes[i].kind == block.Heading }) {
		l := lines[i]
		c := classes[i]
		kind, level, text, marker, ordered := c.kind, c.level, c.text, c.marker, c.ordered
		// A bold numbered "heading" at body size whose text goes on in
		// lower case is a numbered point set in bold ("1. Etablering av et
		// nasjonalt, digitalt" + "målbilde: En overordnet …"), not a heading.
		// Its further bold lines go on with it.
		if boldPoint && cur != nil && kind == block.Paragraph && l.page == prev.page && l.bold &&
			math.Abs(prev.size-l.size) < 0.6 && prev.y-l.y > 0 && prev.y-l.y <= l.size*1.6+1 {
			cur.Text = joinLines(cur.Text, text)
			prev = l
			continue
		}
		boldPoint = false
		if cur != nil && cur.Kind == block.Heading && kind == block.Paragraph && l.page == prev.page &&
			prev.bold && l.bold && prev.size < body+0.6 && math.Abs(prev.size-l.size) < 0.6 && startsLower(text) &&
			prev.y-l.y > 0 && prev.y-l.y <= l.size*1.6+1 {
			if m := orderedRe.FindStringSubmatch(cur.Text); m != nil {
				cur.Kind, cur.Level, cur.Ordered, cur.Marker, cur.Text = block.ListItem, 0, true, m[1], m[2]
			} else if m := numberedRe.FindStringSubmatch(cur.Text); m != nil {
				cur.Kind, cur.Level, cur.Ordered, cur.Marker, cur.Text = block.ListItem, 0, true, m[1], m[2]
			}
			if cur.Kind == block.ListItem {
				cur.Text = joinLines(cur.Text, text)
				prev, boldPoint = l, true
				continue
			}
		}
		joinable := cur != nil && l.page == prev.page && continuesBlock(*cur, first, prev, l, kind, right[l.page])
		if _, ok := styled[i]; ok && cur != nil && cur.Kind == block.Heading && prev.face != l.face {
			joinable = false // a heading in another style right under this one
		}
		if !joinable && cur != nil && continuesElsewhere(*cur, prev, l, kind) {
			joinable = true
		}
		if joinable {
			cur.Text = joinLines(cur.Text, text)
			if kind == block.Heading && cur.Kind == block.Heading {
				cur.Level = min(cur.Level, level)
			}
			prev = l
			continue
		}
		push()
		cur = &block.Block{Kind: kind, Level: level, Text: text, Marker: marker, Ordered: ordered, Page: l.page}
		prev, first = l, l
	}
	push()
	return blocks
}

// classify decides what a line starts: a heading, a list item or text.
func classify(l line, body float64, ranks map[float64]int, boldOnly map[float64]bool) (kind block.Kind, level int, text, marker string, ordered bool) {
	text = l.text
	if r, size := utf8.DecodeRuneInString(text); strings.ContainsRune(bullets, r) && size < len(text) {
		rest := strings.TrimSpace(text[size:])
		// "-" and "–" only mark items when followed by a space ("- 3" is not a bullet).
		if rest != "" && (!strings.ContainsRune("-–—", r) || text[size] == ' ') {
			return block.ListItem, 0, rest, "•", false
		}
	}
	toc := tocRe.MatchString(text) && strings.Count(text, ".") >= 4
	if rank, ok := ranks[l.size]; ok && !toc && (l.bold || !boldOnly[l.size]) && utf8.RuneCountInString(text) <= 200 && hasLetter(text) {
		if m := numberedRe.FindStringSubmatch(text); m != nil {
			return block.Heading, strings.Count(m[1], ".") + 1, text, "", false
		}
		return block.Heading, rank, text, "", false
	}
	if m := numberedRe.FindStringSubmatch(text); m != nil && l.bold && !toc && l.size >= body-0.5 &&
		utf8.RuneCountInString(text) <= 150 && startsUpper(m[2]) && !strings.HasSuffix(text, ".") {
		return block.Heading, strings.Count(m[1], ".") + 1, text, "", false
	}
	if m := orderedRe.FindStringSubmatch(text); m != nil && !l.bold {
		return block.ListItem, 0, m[2], m[1], true
	}
	return block.Paragraph, 0, text, "", false
}

// continuesBlock reports whether line l continues block cur, whose first
// line is first and last line prev; right is the right edge of the page's
// text.
func continuesBlock(cur block.Block, first, prev, l line, kind block.Kind, right float64) bool {
	gap := prev.y - l.y
	lineHeight := max(prev.size, l.size) * 1.6
	if gap <= 0 || gap > lineHeight+1 {
		return false
	}
	switch cur.Kind {
	case block.Heading:
		// A heading line goes on with the next one in its size; across a
		// change of weight only when it cannot end there (a comma, "og")
		// or the next starts in lower case or with a digit that numbers
		// nothing ("5G-baserte"): a graphic's captions mix bold
		// and plain words in one sentence ("Plattformene er åpne og" +
		// bold "standardbaserte, inkludert").
		return kind == block.Heading && math.Abs(prev.size-l.size) < 0.6 &&
			(l.bold == prev.bold || startsLower(l.text) || openEnded(cur.Text) ||
				startsDigit(l.text) && !numberedRe.MatchString(l.text))
	case block.ListItem:
		if kind != block.Paragraph || math.Abs(prev.size-l.size) >= 0.6 {
			return false
		}
		// Wrapped item text is indented past the bullet; without a hanging
		// indent (text set with spaces before the bullet), a line in lower
		// case goes on with the item when its first word would not have
		// fitted at the end of the line before.
		return l.x0 > first.x0+0.3*l.size || startsLower(l.text) && wrapped(prev, l, right)
	case block.Paragraph:
		return kind == block.Paragraph && math.Abs(prev.size-l.size) < 0.6
	}
	return false
}

// continuesElsewhere reports whether line l, which does not follow prev
// down the same column, goes on with paragraph cur in the next column or on
// the next page: the paragraph stops mid-sentence, l starts in lower case,
// and both are set alike.
func continuesElsewhere(cur block.Block, prev, l line, kind block.Kind) bool {
	if cur.Kind != block.Paragraph || kind != block.Paragraph || !startsLower(l.text) ||
		math.Abs(prev.size-l.size) >= 0.6 || prev.bold != l.bold || prev.face != l.face {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(cur.Text); strings.ContainsRune(".!?:;»”)", last) {
		return false
	}
	nextColumn := l.page == prev.page && l.y > prev.y && l.x0 > prev.x0+2*l.size
	return nextColumn || l.page == prev.page+1
}

// openEnded reports whether text stops where no heading or sentence ends:
// after a comma or a word that joins it to what follows.
func openEnded(text string) bool {
	if strings.HasSuffix(text, ",") {
		return true
	}
	w := text[strings.LastIndexByte(text, ' ')+1:]
	switch strings.ToLower(w) {
	case "og", "eller", "i", "på", "for", "med", "til", "av", "som", "en", "et", "ei", "der", "at", "å", "om", "fra", "mot", "ved", "and", "or", "of", "the":
		return true
	}
	return false
}

// joinLines joins wrapped lines, undoing end-of-line hyphenation
// ("digitali-" + "sering") but not compound hyphens ("stats- og"), and
// keeping the hyphen after a capital or digit ("EU-" + "regelverk").
func joinLines(a, b string) string {
	if strings.HasSuffix(a, "-") && len(a) > 1 {
		r, _ := utf8.DecodeLastRuneInString(a[:len(a)-1])
		first, _ := utf8.DecodeRuneInString(b)
		word, _, _ := strings.Cut(b, " ")
		switch word {
		case "og", "eller", "til", "samt", "and", "or":
			return a + " " + b
		}
		if unicode.IsLower(r) && unicode.IsLower(first) {
			return a[:len(a)-1] + b
		}
		return a + b
	}
	return a + " " + b
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// wrapped reports whether the first word of l would have run past right at
// the end of prev, so that prev broke there for want of room. The word's
// width is estimated from l's average character width.
func wrapped(prev, l line, right float64) bool {
	n := utf8.RuneCountInString(l.text)
	word, _, _ := strings.Cut(l.text, " ")
	if n == 0 || l.x1 <= l.x0 {
		return false
	}
	charW := (l.x1 - l.x0) / float64(n)
	return prev.x1+float64(utf8.RuneCountInString(word)+1)*charW >= right-0.5*l.size
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func startsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// textWarnings flags text that looks glued together.
func textWarnings(blocks []block.Block) []string {
	var words, long, letters int
	for _, b := range blocks {
		for _, w := range strings.Fields(b.Text) {
			n := utf8.RuneCountInString(w)
			words++
			letters += n
			if n >= 30 && !strings.ContainsAny(w, "/.:@_") {
				long++
			}
		}
	}
	var out []string
	if words > 50 && (long*100 > words*2 || float64(letters)/float64(words) > 10) {
		out = append(out, fmt.Sprintf("words may be glued together: %d of %d words have 30 or more letters", long, words))
	}
	return out
}
