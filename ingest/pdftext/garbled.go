package pdftext

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// minJudgedWords is how many words a page needs before it is judged garbled
// on its own; a title page of three words says too little.
const minJudgedWords = 12

// dropGarbled removes the pages whose text is garbled (fonts whose codes are
// not Unicode, read as "3HQČåQt SURVWĜHGN"). When the document as a whole
// reads as garbled, every page goes and the caller refuses the file, so that
// garbage never becomes a title or a section. It returns the kept lines and
// the dropped page numbers in order.
func dropGarbled(lines []line) (kept []line, dropped []int) {
	if garbledWords(wordsOf(lines, func(line) bool { return true })) {
		return nil, pagesOf(lines)
	}
	bad := map[int]bool{}
	for _, p := range pagesOf(lines) {
		words := wordsOf(lines, func(l line) bool { return l.page == p })
		if len(words) >= minJudgedWords && garbledWords(words) {
			bad[p] = true
			dropped = append(dropped, p)
		}
	}
	if len(bad) == 0 {
		return lines, nil
	}
	kept = make([]line, 0, len(lines))
	for _, l := range lines {
		if !bad[l.page] {
			kept = append(kept, l)
		}
	}
	return kept, dropped
}

func pagesOf(lines []line) []int {
	var pages []int
	for i, l := range lines {
		if i == 0 || l.page != lines[i-1].page {
			pages = append(pages, l.page)
		}
	}
	return pages
}

func wordsOf(lines []line, keep func(line) bool) []string {
	var words []string
	for _, l := range lines {
		if keep(l) {
			words = append(words, strings.Fields(l.text)...)
		}
	}
	return words
}

// garbledWords reports text where at least a third of the words switch from
// lower to upper case inside the word, the way no language writes
// ("3HQČåQt"); "eID", "iPhone" and "NAVs" are too rare to reach that share.
func garbledWords(words []string) bool {
	odd := 0
	for _, w := range words {
		prevLower := false
		for _, r := range w {
			if unicode.IsUpper(r) && prevLower {
				odd++
				break
			}
			prevLower = unicode.IsLower(r)
		}
	}
	return len(words) >= 3 && odd*3 >= len(words)
}

// pageNumbers formats page numbers for a warning: "3, 5 and 9".
func pageNumbers(pages []int) string {
	s := make([]string, len(pages))
	for i, p := range pages {
		s[i] = strconv.Itoa(p)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func droppedWarning(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %s dropped: its text is garbled (fonts without a usable Unicode mapping)", pageNumbers(pages))
	}
	if len(pages) > 10 {
		return fmt.Sprintf("%d pages dropped (first %s): their text is garbled (fonts without a usable Unicode mapping)", len(pages), pageNumbers(pages[:3]))
	}
	return fmt.Sprintf("pages %s dropped: their text is garbled (fonts without a usable Unicode mapping)", pageNumbers(pages))
}
