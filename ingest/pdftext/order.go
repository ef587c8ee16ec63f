package pdftext

import (
	"strings"
)

// Bounds on the reordering: the lines of a page it looks at, and how many
// flows a heading may move back over.
const (
	maxOrderLines = 1000
	maxHoist      = 8
)

// flow is a run of lines in content-stream order that read down one
// column: each line under the one before it.
type flow struct {
	from, to    int // lines[from:to]
	x0, x1      float64
	top, bottom float64 // baselines of the first and the last line
}

// flows cuts one page's lines into flows.
func flows(lines []line, from, to int) []flow {
	var out []flow
	for i := from; i < to; i++ {
		l := lines[i]
		if n := len(out); n > 0 {
			f := &out[n-1]
			p := lines[i-1]
			if g := p.y - l.y; g > 0 && g <= 2.2*max(p.size, l.size) && l.x0 < f.x1 && l.x1 > f.x0 {
				f.to = i + 1
				f.x0, f.x1, f.bottom = min(f.x0, l.x0), max(f.x1, l.x1), l.y
				continue
			}
		}
		out = append(out, flow{from: i, to: i + 1, x0: l.x0, x1: l.x1, top: l.y, bottom: l.y})
	}
	return out
}

// readingOrder puts a heading that a designed page draws after the text
// under it back above that text: NSM's chapter titles come after the first
// column of the chapter's text in the file ("Verdier av betydning for
// risikobildet" after "Det skapes stadig nye verdier …"). A flow of heading
// lines moves before the earliest flow drawn before it that lies right under
// it, with nothing between them, when every flow it passes lies lower on the
// page. A sentence set large (a pull quote) stays where it is drawn.
// heading reports the lines classified as headings.
func readingOrder(lines []line, heading func(i int) bool) []int {
	order := make([]int, 0, len(lines))
	for from := 0; from < len(lines); {
		to := from
		for to < len(lines) && lines[to].page == lines[from].page {
			to++
		}
		if to-from > maxOrderLines {
			// No designed page has this many lines; a hostile one would
			// cost time in the square of them.
			for i := from; i < to; i++ {
				order = append(order, i)
			}
			from = to
			continue
		}
		fs := flows(lines, from, to)
		placed := make([]flow, 0, len(fs))
		for _, f := range fs {
			at := len(placed)
			if headingFlow(lines, f, heading) {
				for j := len(placed) - 1; j >= 0 && j >= len(placed)-maxHoist && placed[j].top < f.bottom; j-- {
					if overlaps(placed[j], f) && nothingBetween(lines, from, to, f, placed[j]) {
						at = j
					}
				}
			}
			placed = append(placed, flow{})
			copy(placed[at+1:], placed[at:])
			placed[at] = f
		}
		for _, f := range placed {
			for i := f.from; i < f.to; i++ {
				order = append(order, i)
			}
		}
		from = to
	}
	return order
}

func headingFlow(lines []line, f flow, heading func(i int) bool) bool {
	var text []string
	for i := f.from; i < f.to; i++ {
		if !heading(i) {
			return false
		}
		text = append(text, lines[i].text)
	}
	return !strings.HasSuffix(strings.Join(text, " "), ".")
}

func overlaps(a, b flow) bool { return a.x0 < b.x1 && a.x1 > b.x0 }

// nothingBetween reports whether no line of the page lies between heading
// flow h and flow f under it, within the width both share.
func nothingBetween(lines []line, from, to int, h, f flow) bool {
	x0, x1 := max(h.x0, f.x0), min(h.x1, f.x1)
	for i := from; i < to; i++ {
		if i >= h.from && i < h.to || i >= f.from && i < f.to {
			continue
		}
		l := lines[i]
		if l.y < h.bottom && l.y > f.top && l.x0 < x1 && l.x1 > x0 {
			return false
		}
	}
	return true
}
