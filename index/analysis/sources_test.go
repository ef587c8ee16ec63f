package analysis

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestSourcesCoverStems checks the promise of Stemmer.Sources, which the
// search's rerank relies on to skip analysing words that cannot match: every
// stem and compound part the stemmed analyzer gives a word contains one of
// that term's sources as a substring of the word, or the word holds HeitMark.
// The words are the embedded lists (curated words, both sides of the nynorsk
// pairs, the lexicon's mapped forms) and, with the Debian word lists
// installed, every 7th form of them.
func TestSourcesCoverStems(t *testing.T) {
	a, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(curatedWords + "\n" + nynorskPairs)
	system := 0
	for _, path := range SystemWordLists {
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(charmap.ISO8859_1.NewDecoder().Reader(f))
		for n := 0; sc.Scan(); n++ {
			if n%7 == 0 {
				words = append(words, sc.Text())
				system++
			}
		}
		f.Close()
	}
	// Every mapped form of the word-form table: the forms whose terms need
	// not be in them ("gikk", "skrev").
	mapped := 0
	for _, r := range lexiconRows(t) {
		if r[1] != "" {
			words = append(words, r[0])
			mapped++
		}
	}
	t.Logf("%d words, %d of them from the system lists, %d mapped forms of the lexicon", len(words), system, mapped)
	least := 1000
	if system == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("none of the word lists %q found; install the Debian package wnorwegian", SystemWordLists)
		}
		t.Logf("none of the word lists %q found (Debian package wnorwegian): checking the embedded lists only", SystemWordLists)
		least = 400
	}
	checked := 0
	for _, w := range words {
		w = strings.ToLower(w)
		if strings.HasPrefix(w, "#") {
			continue
		}
		for _, tok := range a.Text.Analyze([]byte(w)) {
			term := string(tok.Term)
			ok := strings.Contains(w, HeitMark)
			for _, src := range a.Stemmer.Sources(term) {
				ok = ok || strings.Contains(w, src)
			}
			if !ok {
				t.Errorf("%q gives %q, which contains none of %q", w, term, a.Stemmer.Sources(term))
			}
			checked++
		}
	}
	if checked < least {
		t.Fatalf("only %d terms checked", checked)
	}
}
