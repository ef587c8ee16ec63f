package pdftext

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
	"github.com/strategispor/strategispor/internal/corpus"
	"golang.org/x/text/unicode/norm"
)

// Limits on the page tree, which a hostile file can make cyclic or huge.
const (
	maxTreeDepth = 64
	maxPages     = 20000
)

// pageList walks the page tree itself, with depth and size limits, instead
// of calling Reader.Page for each number: that loops forever on a cyclic
// tree and costs a tree walk per page.
func pageList(r *pdf.Reader) (pages []pdf.Page, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, fmt.Errorf("extracting pdf: damaged page tree (%v): %w", x, corpus.ErrUnreadable)
		}
	}()
	root := r.Trailer().Key("Root").Key("Pages")
	if root.IsNull() {
		return nil, fmt.Errorf("extracting pdf: no page tree: %w", corpus.ErrUnreadable)
	}
	type node struct {
		v     pdf.Value
		depth int
	}
	stack := []node{{root, 0}}
	visited := 0
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visited++
		if visited > 4*maxPages {
			return nil, fmt.Errorf("extracting pdf: page tree too large or cyclic: %w", corpus.ErrUnreadable)
		}
		kids := n.v.Key("Kids")
		if kids.Kind() != pdf.Array || n.v.Key("Type").Name() == "Page" {
			if n.v.Kind() == pdf.Dict {
				pages = append(pages, pdf.Page{V: n.v})
				if len(pages) > maxPages {
					return nil, fmt.Errorf("extracting pdf: more than %d pages (limit of %d pages): %w", maxPages, maxPages, corpus.ErrTooLarge)
				}
			}
			continue
		}
		if n.depth >= maxTreeDepth {
			return nil, fmt.Errorf("extracting pdf: page tree nested deeper than %d (cyclic?): %w", maxTreeDepth, corpus.ErrUnreadable)
		}
		// Every kid holds at least one page, so the fan-out is checked
		// against the page limit before any kid is resolved: a /Kids array
		// of millions of references is refused as read.
		if n := kids.Len(); len(pages)+len(stack)+n > maxPages {
			return nil, tooWide(n)
		}
		for i := kids.Len() - 1; i >= 0; i-- {
			stack = append(stack, node{kids.Index(i), n.depth + 1})
		}
	}
	return pages, nil
}

// line is a run of glyphs on one baseline, in content-stream order.
type line struct {
	text   string
	page   int
	x0, x1 float64
	y      float64
	size   float64 // font size of most of the characters
	bold   bool    // most characters in a bold face
	face   string  // the font face of the characters, "" when several share the line
	top    float64 // page height (MediaBox), for header/footer zones
}

// pageLines reads one page's glyphs and joins them into lines. Words get a
// space where the gap to the previous glyph exceeds a fraction of the font
// size, which repairs text that the PDF positions without space characters.
func pageLines(p pdf.Page, num int) (lines []line, err error) {
	defer func() {
		if x := recover(); x != nil {
			lines, err = nil, fmt.Errorf("damaged content (%v)", x)
		}
	}()
	// The library looks up inherited attributes along /Parent without a
	// limit; a cyclic chain would never end.
	top := 842.0
	found := false
	var resources pdf.Value
	v := p.V
	for i := 0; !v.IsNull(); i++ {
		if i > maxTreeDepth {
			return nil, fmt.Errorf("page tree has a /Parent cycle")
		}
		if mb := v.Key("MediaBox"); !found && mb.Kind() == pdf.Array && mb.Len() == 4 {
			if h := mb.Index(3).Float64(); h > 0 {
				top, found = h, true
			}
		}
		if r := v.Key("Resources"); resources.IsNull() && !r.IsNull() {
			resources = r
		}
		v = v.Key("Parent")
	}
	glyphs, gerr := pageGlyphs(p, resources)
	if gerr != nil && len(glyphs) == 0 {
		return nil, gerr
	}
	var cur *lineBuilder
	flush := func() {
		if cur != nil {
			if l, ok := cur.finish(num, top); ok {
				lines = append(lines, l)
			}
			cur = nil
		}
	}
	for _, g := range glyphs {
		s := cleanGlyph(g.s)
		if s == "" {
			continue
		}
		size, rotated := g.size, g.rotated
		if cur != nil && !cur.continues(g, size, rotated) {
			flush()
		}
		if cur == nil {
			cur = &lineBuilder{y: g.y, x0: g.x, rotated: rotated, lastX: g.x, lastEnd: g.x}
		} else if cur.needsSpace(g, size, s) {
			cur.b.WriteByte(' ')
		}
		if s == " " && strings.HasSuffix(cur.b.String(), " ") {
			continue
		}
		// Some producers print a glyph twice at almost the same spot to fake bold.
		if g.widthKnown && s == cur.lastS && math.Abs(g.x-cur.lastX) < 0.1*max(size, 1) && g.y == cur.lastY {
			continue
		}
		cur.add(g, size, s)
	}
	flush()
	return lines, gerr
}

// cleanGlyph drops control characters, replacement characters and the
// line-break markers the library inserts after each TJ array.
func cleanGlyph(s string) string {
	if s == " " || s == "\u00a0" {
		return " "
	}
	return strings.Map(func(r rune) rune {
		if r == '\uFFFD' || unicode.IsControl(r) || (r >= 0xE000 && r <= 0xF8FF && !isBulletPUA(r)) {
			return -1
		}
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
}

// isBulletPUA reports private-use code points that Symbol and Wingdings
// fonts use for bullets.
func isBulletPUA(r rune) bool {
	switch r {
	case 0xF0B7, 0xF0A7, 0xF0D8, 0xF076, 0xF0FC, 0xF0A8, 0xF06E, 0xF0E0, 0xF02D:
		return true
	}
	return false
}

type lineBuilder struct {
	b                   strings.Builder
	x0, y               float64
	lastX, lastEnd      float64
	lastY               float64
	lastS               string
	lastSize            float64
	rotated, lastKnown  bool
	sizeChars           map[float64]int
	boldChars, allChars int
	faceChars           map[string]int
}

// continues reports whether glyph g belongs on the current line.
func (lb *lineBuilder) continues(g glyph, size float64, rotated bool) bool {
	if rotated || lb.rotated {
		// Rotated text: glyphs advance along Y at a fixed X.
		return rotated && lb.rotated && math.Abs(g.x-lb.lastX) < 1
	}
	ref := max(size, lb.lastSize, 1)
	if math.Abs(g.y-lb.lastY) > 0.45*ref {
		return false
	}
	// A jump back to the left, or far to the right (another column or a
	// table cell), starts a new line.
	return g.x >= lb.lastEnd-1.5*ref && g.x <= lb.lastEnd+3*ref
}

// needsSpace reports whether a word gap lies between the previous glyph and g.
func (lb *lineBuilder) needsSpace(g glyph, size float64, s string) bool {
	if s == " " || lb.lastS == " " || lb.rotated {
		return false
	}
	if !lb.lastKnown {
		// Unknown widths: geometry cannot tell words apart.
		return false
	}
	return g.x-lb.lastEnd > 0.18*max(size, lb.lastSize)
}

func (lb *lineBuilder) add(g glyph, size float64, s string) {
	lb.b.WriteString(s)
	lb.lastX, lb.lastY, lb.lastS, lb.lastSize, lb.lastKnown = g.x, g.y, s, size, g.widthKnown
	lb.lastEnd = g.x + math.Abs(g.w)
	if s == " " {
		return
	}
	if lb.sizeChars == nil {
		lb.sizeChars = map[float64]int{}
	}
	n := len([]rune(s))
	lb.sizeChars[math.Round(size*2)/2] += n
	lb.allChars += n
	if lb.faceChars == nil {
		lb.faceChars = map[string]int{}
	}
	lb.faceChars[g.face] += n
	if g.bold {
		lb.boldChars += n
	}
}

func (lb *lineBuilder) finish(page int, top float64) (line, bool) {
	text := strings.Join(strings.Fields(norm.NFKC.String(lb.b.String())), " ")
	if text == "" {
		return line{}, false
	}
	l := line{text: text, page: page, x0: lb.x0, x1: lb.lastEnd, y: lb.y, top: top, bold: lb.boldChars*2 > lb.allChars}
	// A line has a face when nine in ten of its characters are set in it:
	// a heading is set wholly in its style, a bold phrase in a paragraph
	// shares the line with the body face.
	for f, n := range lb.faceChars {
		if n*10 >= lb.allChars*9 {
			l.face = f
		}
	}
	best := 0
	for s, n := range lb.sizeChars {
		if n > best || (n == best && s > l.size) {
			l.size, best = s, n
		}
	}
	return l, true
}

func isBold(font string) bool {
	f := strings.ToLower(font)
	return strings.Contains(f, "bold") || strings.Contains(f, "black") || strings.Contains(f, "heavy") ||
		strings.Contains(f, "semibold") || strings.Contains(f, "demi") || strings.HasSuffix(f, ",b") || strings.Contains(f, "-bd")
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// widestKids returns the most references in any /Kids array written
// uncompressed in data, counting no further than limit+1. It lets a page
// tree that is too wide be refused before the PDF library parses the array:
// ten million references in 60 MB cost the library 5.7 s and 775 MB to read.
// Arrays inside compressed object streams are measured by pageList instead.
func widestKids(data []byte, limit int) int {
	widest := 0
	for rest := data; ; {
		i := bytes.Index(rest, []byte("/Kids"))
		if i < 0 {
			return widest
		}
		rest = rest[i+len("/Kids"):]
		j := 0
		for j < len(rest) && isPDFSpace(rest[j]) {
			j++
		}
		if j == len(rest) || rest[j] != '[' {
			continue
		}
		n := 0
		for j++; j < len(rest) && rest[j] != ']' && n <= limit; j++ {
			if rest[j] == 'R' {
				n++
			}
		}
		widest = max(widest, n)
		if widest > limit {
			return widest
		}
		rest = rest[j:]
	}
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// tooWide is the error for a page tree with a /Kids array of n entries.
func tooWide(n int) error {
	return fmt.Errorf("extracting pdf: page tree of more than %d pages (a /Kids array of %d entries; limit of %d pages): %w",
		maxPages, n, maxPages, corpus.ErrTooLarge)
}

// tooWideRaw is the error of the scan before parsing, which stops counting
// at the limit.
func tooWideRaw() error {
	return fmt.Errorf("extracting pdf: page tree of more than %d pages (a /Kids array of more than %d entries; limit of %d pages): %w",
		maxPages, maxPages, maxPages, corpus.ErrTooLarge)
}
