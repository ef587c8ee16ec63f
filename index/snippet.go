package index

import (
	"html"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
)

// snippetWords is the length of a snippet in words.
const snippetWords = 36

// snippet returns the best fragment of a text (about snippetWords words),
// HTML-escaped, with every token flagged in hit wrapped in <mark>. Offsets
// are bytes into the text, so slicing is correct for æ, ø and å.
func snippet(a *analysed, hit []bool) string {
	text, exact := a.text, a.exact
	if text == "" {
		return ""
	}
	if len(exact) == 0 {
		return html.EscapeString(firstRunes(text, 300))
	}
	// Pick the window with the most distinct matched words, then the most matches.
	best, bestScore := 0, -1
	for s := 0; s < len(exact); s++ {
		if s > 0 && !hit[s] {
			continue // windows worth having start at a match (or at the beginning)
		}
		seen := map[string]bool{}
		score := 0
		for i := s; i < min(s+snippetWords, len(exact)); i++ {
			if hit[i] {
				score++
				if !seen[string(exact[i].Term)] {
					seen[string(exact[i].Term)] = true
					score += 10
				}
			}
		}
		if score > bestScore {
			best, bestScore = s, score
		}
	}
	// Start a few words before the first match for context, without going
	// past the start of the text.
	start := max(0, best-4)
	end := min(len(exact), start+snippetWords)
	if end-start < snippetWords {
		start = max(0, end-snippetWords)
	}

	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := exact[start].Start
	for i := start; i < end; i++ {
		t := exact[i]
		b.WriteString(html.EscapeString(oneLine(text[pos:t.Start])))
		word := html.EscapeString(text[t.Start:t.End])
		if hit[i] {
			b.WriteString("<mark>" + word + "</mark>")
		} else {
			b.WriteString(word)
		}
		pos = t.End
	}
	if end < len(exact) {
		b.WriteString(" …")
	} else {
		b.WriteString(html.EscapeString(oneLine(text[pos:])))
	}
	return b.String()
}

// markPhrases marks every occurrence of each phrase (exact tokens in order).
func markPhrases(toks analysis.TokenStream, hit []bool, phrases [][]string) {
	for _, p := range phrases {
		if len(p) == 0 {
			continue
		}
		for i := 0; i+len(p) <= len(toks); i++ {
			ok := true
			for j, w := range p {
				if string(toks[i+j].Term) != w {
					ok = false
					break
				}
			}
			if ok {
				for j := range p {
					hit[i+j] = true
				}
			}
		}
	}
}

// oneLine collapses runs of white space (paragraph breaks included) to one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return b.String()
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + " …"
		}
		n--
	}
	return s
}
