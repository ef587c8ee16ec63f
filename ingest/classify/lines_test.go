package classify

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The whole-text (?m)^ patterns that firstAt and countAt replace; the
// tests hold the line-start versions to the same answers.
var (
	commitListRe   = regexp.MustCompile(`(?m)^(?:Regjeringen|Regjeringa|Departementet|Vi)\s+vil\s*:?\s*\n\s*(?:[•▪◦‣–*\-]|\d{1,2}[.)])\s`)
	statusLineRe   = regexp.MustCompile(`(?m)^Status\s*:\s*\S`)
	paragraphRe    = regexp.MustCompile(`(?m)^§\s*\d+`)
	saksLabelRe    = regexp.MustCompile(`(?m)^(?:SAKSFRAMLEGG|Saksframlegg)\s*$`)
	meetingRe      = regexp.MustCompile(`(?im)^\s*møtedato\s*:`)
	tiltakLineRe   = regexp.MustCompile(`(?m)^(?:\S+ )?Tiltak\s+\d{1,2}(?:\.\d{1,2})?\b`)
	caseTitleRe    = regexp.MustCompile(`(?m)^(?i:sak)\s+(\d{1,4}/\d{2,4})\s+(.{3,200})$`)
	labelledDateRe = regexp.MustCompile(`(?im)^\s*(` + dateLabels + `)\s*:\s*(` + dateInText + `)`)
	reportWordRe   = regexp.MustCompile(`(?i)\brapport(?:en|er|ene)?\b`)
	placeDateRe    = regexp.MustCompile(`(?m)^\s*(\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)?),\s*(` + dateInText + `)\s*$`)
)

var lineStartSeeds = []string{
	"Regjeringen vil:\n• styrke samarbeidet\n• sørge for",
	"Regjeringen\nvil\n\n1. lage\nVi vil:\n- dele\nRegjeringa vil\n-\nDepartementet vil: \n 2) gjøre ",
	"Status: På plan\nStatus:\nS\nStatus\n:\nStatus: x\nstatus: nei\n Status: nei",
	"§ 1 Formål\n§\n\n2 Virkeområde\n§3\n §4\n§ x",
	"SAKSFRAMLEGG\nSaksframlegg \r\nSAKSFRAMLEGG X\n\nSaksframlegg\n",
	"Sak 13/2019 Felles arkitektur Behandlingssak\nsak\n12/2020\nDigital post\nSAK 1/19 ab\nſak 2/2021 Tittel her",
	"Tiltak 7.1 Utarbeide\nNytt Tiltak 12 lage\nTiltak\n3 dele\nA B Tiltak 4\nTiltak 5.12x\nTiltak 66",
	"Forum: Skate\n\n  \nMøtedato: 13.6.2019\nMØTEDATO : 1. juni 2020\n møtedato\n:\n",
	"Dato: ukjent\n\nPublisert: 3. mars 2021\nDATE:1.2.21\nſignert: 1.1.2020",
	"Tekst.\nOslo, 27.5.2019\nNy York, 1. mai 2020\nOslo\nBergen, 2.2.2022\nØrsta,\n3.3.2023\n\n\nÅs, 4.4.2024 \n",
	"Oslo 27.5.2019\nOslo,27.5.2019 og mer\nI Oslo, 1.1.2020",
	"Mo i Rana, 1.1.2020\nOslo Bergen\n, 2.2.2022\nNye Sandnes, 3.3.2023\nNye Sandnes\n4.4.2024\nNye\nSandnes, 5.5.2025",
	"Rapporten, rapportene og RAPPORTER; statusrapport, rapport_x, årapport, rapporteneRapport rapport",
}

// lineStartTexts returns the seeds above and the shared seed documents.
func lineStartTexts(t *testing.T) []string {
	texts := slices.Clone(lineStartSeeds)
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	return texts
}

// checkLineStarts compares the line-start matchers with the whole-text patterns on text.
func checkLineStarts(t *testing.T, text string) {
	t.Helper()
	c := &context{text: text, lines: strings.Split(text, "\n")}
	counts := []struct {
		name string
		old  *regexp.Regexp
		re   *regexp.Regexp
		may  func(string) bool
	}{
		{"commit list", commitListRe, commitListAtRe, startsCommitList},
		{"status line", statusLineRe, statusLineAtRe, startsStatus},
		{"paragraph", paragraphRe, paragraphAtRe, startsParagraph},
		{"tiltak line", tiltakLineRe, tiltakLineAtRe, hasTiltak},
	}
	for _, k := range counts {
		if got, want := c.countAt(k.re, k.may), len(k.old.FindAllStringIndex(text, -1)); got != want {
			t.Errorf("%s: %d matches at line starts, %d over the text %q", k.name, got, want, text)
		}
	}
	firsts := []struct {
		name string
		old  *regexp.Regexp
		re   *regexp.Regexp
		may  func(string) bool
	}{
		{"meeting", meetingRe, meetingAtRe, startsMeeting},
		{"case title", caseTitleRe, caseTitleAtRe, startsCase},
		{"labelled date", labelledDateRe, labelledDateAtRe, startsDateLabel},
		{"place date", placeDateRe, placeDateAtRe, startsPlace},
	}
	for _, k := range firsts {
		got, want := c.firstAt(k.re, k.may), k.old.FindStringSubmatch(text)
		if got != nil && want != nil {
			// A match may start earlier on blank lines; callers trim it.
			got[0], want[0] = strings.TrimSpace(got[0]), strings.TrimSpace(want[0])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: first match %q at line starts, %q over the text %q", k.name, got, want, text)
		}
	}
	if got, want := countReportWords(text), len(reportWordRe.FindAllStringIndex(text, -1)); got != want {
		t.Errorf("report words: %d counted, %d by the pattern in %q", got, want, text)
	}
	if got, want := slices.ContainsFunc(c.lines, isSaksLabel), saksLabelRe.MatchString(text); got != want {
		t.Errorf("saks label: %v by line, %v over the text %q", got, want, text)
	}
}

func TestLineStarts(t *testing.T) {
	for i, text := range lineStartTexts(t) {
		t.Run(strconv.Itoa(i), func(t *testing.T) { checkLineStarts(t, text) })
	}
}

func FuzzLineStarts(f *testing.F) {
	for _, s := range lineStartSeeds {
		f.Add(s)
	}
	f.Fuzz(checkLineStarts)
}

// TestLowerKeepsLetters holds what countMarkers relies on: lower-casing
// never turns a letter into a non-letter or back.
func TestLowerKeepsLetters(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsLetter(r) != unicode.IsLetter(unicode.ToLower(r)) {
			t.Errorf("%U: letter %v, lower-cased %U letter %v", r, unicode.IsLetter(r), unicode.ToLower(r), !unicode.IsLetter(r))
		}
	}
	for w := range nynorsk {
		if len(w) > maxMarkerLen {
			t.Errorf("marker %q is longer than maxMarkerLen", w)
		}
	}
	for w := range bokmal {
		if len(w) > maxMarkerLen {
			t.Errorf("marker %q is longer than maxMarkerLen", w)
		}
	}
}

func TestCountMarkers(t *testing.T) {
	for _, text := range append(lineStartTexts(t), "Regjeringa IKKJE ikke \xffikke\xc3 REGJERINGEN Eit, ein. høyring HØYRINGA", "") {
		nn, nb := 0, 0
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if nynorsk[w] {
				nn++
			} else if bokmal[w] {
				nb++
			}
		}
		if gotNN, gotNB := countMarkers(text); gotNN != nn || gotNB != nb {
			t.Errorf("countMarkers = %d, %d; splitting the lower-cased text gives %d, %d", gotNN, gotNB, nn, nb)
		}
	}
}
