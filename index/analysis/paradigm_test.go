package analysis

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// udDir regenerates testdata/ud-paradigms.txt from the Universal
// Dependencies treebanks UD_Norwegian-Bokmaal and UD_Norwegian-Nynorsk (a
// directory holding their dev and test .conllu files).
var udDir = flag.String("ud", "", "directory with no_bokmaal-ud-{dev,test}.conllu and no_nynorsk-ud-{dev,test}.conllu; rewrites testdata/ud-paradigms.txt")

const paradigmFile = "testdata/ud-paradigms.txt"

// paradigmFloor is the share of joined paradigms the analysis must keep.
const paradigmFloor = 0.96

const paradigmHeader = `# Paradigms seen in the Norwegian Universal Dependencies treebanks: every
# lower-case, letters-only form annotated with one lemma and part of speech
# (NOUN, VERB, ADJ), for lemmas seen in two forms or more. The annotation is
# the manual one of the Norwegian Dependency Treebank (Språkbanken), nothing
# of hunspell: the word-form table is not made from it.
# Source: github.com/UniversalDependencies/UD_Norwegian-Bokmaal (commit
# e83586ff8b32, 2025-05-10) and UD_Norwegian-Nynorsk (d332ca710814,
# 2025-11-11), files *-ud-dev.conllu and *-ud-test.conllu.
# Licence: CC BY-SA 4.0. Regenerate: go test ./index/analysis -run TestParadigms -ud DIR
# lang	pos	lemma	forms
`

type paradigm struct {
	lang, pos, lemma string
	forms            []string
}

func letters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// readCoNLLU collects the paradigms of one language's files.
func readCoNLLU(t *testing.T, lang string, files []string) []paradigm {
	forms := map[[2]string]map[string]bool{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			c := strings.Split(sc.Text(), "\t")
			if len(c) < 4 || strings.ContainsAny(c[0], "-.") {
				continue
			}
			form, lemma, pos := strings.ToLower(c[1]), strings.ToLower(c[2]), c[3]
			if (pos != "NOUN" && pos != "VERB" && pos != "ADJ") || !letters(form) || !letters(lemma) {
				continue
			}
			k := [2]string{pos, lemma}
			if forms[k] == nil {
				forms[k] = map[string]bool{}
			}
			forms[k][form] = true
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	var out []paradigm
	for k, fs := range forms {
		if len(fs) < 2 {
			continue
		}
		p := paradigm{lang: lang, pos: k[0], lemma: k[1]}
		for f := range fs {
			p.forms = append(p.forms, f)
		}
		slices.Sort(p.forms)
		out = append(out, p)
	}
	return out
}

func writeParadigms(t *testing.T, dir string) {
	var all []paradigm
	for _, l := range []struct{ lang, file string }{{"nb", "no_bokmaal"}, {"nn", "no_nynorsk"}} {
		all = append(all, readCoNLLU(t, l.lang, []string{
			filepath.Join(dir, l.file+"-ud-dev.conllu"), filepath.Join(dir, l.file+"-ud-test.conllu")})...)
	}
	slices.SortFunc(all, func(a, b paradigm) int {
		return strings.Compare(a.lang+"\t"+a.pos+"\t"+a.lemma, b.lang+"\t"+b.pos+"\t"+b.lemma)
	})
	var b strings.Builder
	b.WriteString(paradigmHeader)
	for _, p := range all {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", p.lang, p.pos, p.lemma, strings.Join(p.forms, " "))
	}
	if err := os.WriteFile(paradigmFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readParadigms(t *testing.T) []paradigm {
	data, err := os.ReadFile(paradigmFile)
	if err != nil {
		t.Fatal(err)
	}
	var out []paradigm
	for _, line := range strings.Split(string(data), "\n") {
		c := strings.Split(line, "\t")
		if len(c) != 4 || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, paradigm{c[0], c[1], c[2], strings.Fields(c[3])})
	}
	return out
}

// TestParadigms measures how many of the treebanks' paradigms the stemmed
// analysis joins: a paradigm is joined when every two of its forms share a
// term (so that searching either finds the other; compound parts do not
// count). It reports the share by language and part of speech.
func TestParadigms(t *testing.T) {
	if *udDir != "" {
		writeParadigms(t, *udDir)
	}
	ps := readParadigms(t)
	if len(ps) < 2000 {
		t.Fatalf("only %d paradigms in %s", len(ps), paradigmFile)
	}
	a, err := New(Config{WordLists: []string{}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	type tally struct{ n, joined int }
	by := map[string]*tally{}
	total := tally{}
	var split []string
	stops := 0
	for _, p := range ps {
		// Stop words are matched as typed only, in phrases: a paradigm
		// with one ("være", "bli", "ha") has nothing to join.
		if slices.ContainsFunc(p.forms, IsStopWord) {
			stops++
			continue
		}
		terms := make([][]string, len(p.forms))
		for i, f := range p.forms {
			terms[i], _ = a.Terms(f)
		}
		ok := true
		for i := range terms {
			for j := i + 1; j < len(terms) && ok; j++ {
				ok = slices.ContainsFunc(terms[i], func(s string) bool { return slices.Contains(terms[j], s) })
			}
		}
		k := p.lang + " " + p.pos
		if by[k] == nil {
			by[k] = &tally{}
		}
		by[k].n++
		total.n++
		if ok {
			by[k].joined++
			total.joined++
		} else {
			var b strings.Builder
			for i, f := range p.forms {
				fmt.Fprintf(&b, " %s→%s", f, strings.Join(terms[i], "|"))
			}
			split = append(split, fmt.Sprintf("%s %s %s:%s", p.lang, p.pos, p.lemma, b.String()))
		}
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.Logf("%-7s %5d paradigms, %5.1f %% joined", k, by[k].n, 100*float64(by[k].joined)/float64(by[k].n))
	}
	// The same measure for the plain stemmer (Snowball, agent nouns, the
	// nynorsk pairs: the analysis before the lexicon).
	plain, plainJoined := newPlainStemmer(), 0
	for _, p := range ps {
		if slices.ContainsFunc(p.forms, IsStopWord) {
			continue
		}
		st := plain.plainStem(p.forms[0])
		if !slices.ContainsFunc(p.forms, func(f string) bool { return plain.plainStem(f) != st }) {
			plainJoined++
		}
	}
	t.Logf("plain stemmer: %5.1f %% joined", 100*float64(plainJoined)/float64(total.n))
	share := float64(total.joined) / float64(total.n)
	t.Logf("all     %5d paradigms, %5.1f %% joined (%d paradigms with a stop word left out)", total.n, 100*share, stops)
	if testing.Verbose() {
		for _, s := range split {
			t.Log("split: " + s)
		}
	}
	// The goal is 98 %; what the hunspell dictionaries give is below it (strong
	// verbs and irregular comparison are entries of their own there, and
	// some of the treebank's forms are misspellings). The floor holds what
	// was reached against regressions; see docs/search.md.
	if share < paradigmFloor {
		t.Errorf("%.1f %% of the paradigms joined, want at least %.1f %% (-v lists the split ones)", 100*share, 100*paradigmFloor)
	}
	if share < 0.98 {
		t.Logf("below the 98 %% goal by %.1f points", 100*(0.98-share))
	}
}
