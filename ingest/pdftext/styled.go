package pdftext

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a heading set in a style of its own at body size.
const (
	styledMaxLines = 2
	styledMaxWords = 15
	styledMaxRunes = 120
	// styledMaxShare is the largest share of the body-size text a face may
	// have and still be a heading style rather than a second body face.
	styledMaxShare = 0.15
)

// captionRe matches the label of a figure or table caption, set in a face
// of its own like a heading but naming no section.
var captionRe = regexp.MustCompile(`(?i)^(figur|figure|fig\.|tabell|table|bilde|illustrasjon|kilde|source)\s*\d`)

// styledHeadings finds headings set at body size in a face of their own:
// Word's lower heading styles printed by LibreOffice come out in bold or
// italic at the size of the text ("Felles tillitsmodell for datadeling" in
// DejaVu Sans Bold, "Anbefalt tiltak" in DejaVu Sans Oblique, over DejaVu
// Serif). A run of at most two lines is one when every line is set wholly in
// a face other than the body's, the run stands apart (more space above it
// than between the lines of a paragraph, or at the top of a page), its last
// line stops short of the right edge, the text after it is in another face
// or further down, and its text is short, capitalised and not a sentence.
// A bold phrase inside a paragraph shares its line with the body face, and a
// bold paragraph runs to the right edge, so neither is taken.
//
// The result maps line indexes to levels. Faces are ranked in the order they
// first head a run, as reStructuredText ranks its underline styles, below
// the sizes ranked as headings (maxRank).
func styledHeadings(lines []line, body float64, maxRank int, right map[int]float64) map[int]int {
	bodyFace, share := bodyFaces(lines, body)
	pitch := linePitch(lines, body, bodyFace)
	atBody := func(l line) bool { return math.Abs(l.size-body) < 0.6 }
	out := map[int]int{}
	rank := map[string]int{}
	for i := 0; i < len(lines); {
		l := lines[i]
		if l.face == "" || l.face == bodyFace || !atBody(l) || share[l.face] > styledMaxShare {
			i++
			continue
		}
		j := i
		for j+1 < len(lines) && j+1-i < styledMaxLines && lines[j+1].face == l.face && lines[j+1].page == l.page &&
			atBody(lines[j+1]) && gapBetween(lines[j], lines[j+1]) > 0 && gapBetween(lines[j], lines[j+1]) <= 1.15*pitch {
			j++
		}
		if j+1 < len(lines) && lines[j+1].face == l.face && lines[j+1].page == l.page &&
			gapBetween(lines[j], lines[j+1]) <= 1.15*pitch {
			// A longer run in the face is a paragraph set in it (a fact box).
			for j+1 < len(lines) && lines[j+1].face == l.face {
				j++
			}
			i = j + 1
			continue
		}
		if standsApart(lines, i, j, pitch, right) && headingText(joinRun(lines[i:j+1])) && !inline(lines, i, j) {
			r, ok := rank[l.face]
			if !ok {
				r = len(rank)
				rank[l.face] = r
			}
			for k := i; k <= j; k++ {
				out[k] = min(maxRank+1+r, 6)
			}
		}
		i = j + 1
	}
	return out
}

// bodyFaces returns the face of most body-size characters and each face's
// share of them.
func bodyFaces(lines []line, body float64) (string, map[string]float64) {
	chars := map[string]int{}
	total := 0
	for _, l := range lines {
		if math.Abs(l.size-body) < 0.6 {
			n := utf8.RuneCountInString(l.text)
			chars[l.face] += n
			total += n
		}
	}
	best, face := 0, ""
	for f, n := range chars {
		if f != "" && (n > best || n == best && f < face) {
			best, face = n, f
		}
	}
	share := map[string]float64{}
	for f, n := range chars {
		share[f] = float64(n) / float64(max(total, 1))
	}
	return face, share
}

// linePitch is the most common distance between the baselines of two
// lines of body text that follow each other on a page.
func linePitch(lines []line, body float64, bodyFace string) float64 {
	count := map[float64]int{}
	for i := 1; i < len(lines); i++ {
		a, b := lines[i-1], lines[i]
		if a.page != b.page || a.face != bodyFace || b.face != bodyFace ||
			math.Abs(a.size-body) >= 0.6 || math.Abs(b.size-body) >= 0.6 {
			continue
		}
		if g := gapBetween(a, b); g > 0 && g < 3*body {
			count[math.Round(g*2)/2]++
		}
	}
	best, pitch := 0, 1.2*body
	for g, n := range count {
		if n > best || n == best && g < pitch {
			best, pitch = n, g
		}
	}
	return pitch
}

func gapBetween(a, b line) float64 { return a.y - b.y }

// standsApart reports whether lines i…j are set off from the text around
// them: space above (or the top of a page, or a larger heading above), the
// last line short of the right edge, and after it text in another face or
// a gap.
func standsApart(lines []line, i, j int, pitch float64, right map[int]float64) bool {
	first, last := lines[i], lines[j]
	if i > 0 && lines[i-1].page == first.page {
		prev := lines[i-1]
		g := gapBetween(prev, first)
		if g > 0 && g <= 1.2*pitch && prev.size < first.size+0.5 {
			return false
		}
	}
	if last.x1 > right[last.page]-3*last.size {
		return false
	}
	if j+1 < len(lines) {
		next := lines[j+1]
		if next.face == last.face && (next.page != last.page || gapBetween(last, next) <= 1.2*pitch) {
			return false
		}
		// A heading has text under it; a line in a style of its own before
		// a larger heading is a cover's or a box's label.
		if math.Abs(next.size-last.size) >= 0.6 && next.size > last.size {
			return false
		}
		// Text going on in lower case or with punctuation continues the
		// bold words as a sentence ("Integritet" + ", som innebærer …").
		if r, _ := utf8.DecodeRuneInString(next.text); unicode.IsLower(r) || strings.ContainsRune(",.;:)]»”’", r) {
			return false
		}
	}
	return true
}

// inline reports whether a line of run i…j shares its baseline with a line
// beside it: a bold phrase the line builder split off the rest of its line.
func inline(lines []line, i, j int) bool {
	for _, k := range []int{i - 1, j + 1} {
		if k >= 0 && k < len(lines) && lines[k].page == lines[i].page &&
			(math.Abs(lines[k].y-lines[i].y) < 0.3*lines[i].size || math.Abs(lines[k].y-lines[j].y) < 0.3*lines[j].size) {
			return true
		}
	}
	return false
}

func joinRun(run []line) string {
	t := run[0].text
	for _, l := range run[1:] {
		t = joinLines(t, l.text)
	}
	return t
}

// headingText reports whether t reads as a heading: short, starting with a
// capital or a digit, not ending as a sentence or a lead-in does.
func headingText(t string) bool {
	if utf8.RuneCountInString(t) > styledMaxRunes || len(strings.Fields(t)) > styledMaxWords || !hasLetter(t) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) || captionRe.MatchString(t) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".:;,-–!", last)
}
