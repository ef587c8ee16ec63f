package analysis

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestLexiconTableCurrent regenerates the word-form table from the installed
// hunspell dictionaries and compares it with the embedded one: a change to
// the dictionaries, to cmd/lexgen's rules or to the plain stemmer must come
// with a regenerated table (go run ./cmd/lexgen).
func TestLexiconTableCurrent(t *testing.T) {
	if _, err := os.Stat(filepath.Join(HunspellDir, "nb_NO.dic")); err != nil {
		t.Skip("hunspell-no not installed; .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("regenerating the table takes ~15 s")
	}
	var b bytes.Buffer
	if _, err := GenerateLexicon(&b, HunspellDir); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), lexiconTable) {
		t.Errorf("data/lexicon.txt.gz is not what go run ./cmd/lexgen makes from %s (%d vs %d bytes)",
			HunspellDir, len(lexiconTable), b.Len())
	}
}

// lexiconRows reads the embedded table's lines: form and lemmas.
func lexiconRows(t testing.TB) [][2]string {
	z, err := gzip.NewReader(bytes.NewReader(lexiconTable))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][2]string
	sc := bufio.NewScanner(z)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f, l, _ := strings.Cut(line, "\t")
		rows = append(rows, [2]string{f, l})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestLexiconLoads(t *testing.T) {
	l, err := embeddedLexicon("")
	if err != nil {
		t.Fatal(err)
	}
	rows := lexiconRows(t)
	mapped := 0
	for _, r := range rows {
		if r[1] != "" {
			mapped++
		}
	}
	t.Logf("%d forms, %d mapped, %d lemmas, %d terms with extra sources", l.Forms(), l.Mapped(), l.Lemmas, len(l.extra))
	// Forms differ by hash; a collision would lose one.
	if l.Forms() != len(rows) || l.Mapped() != mapped {
		t.Errorf("lexicon holds %d forms (%d mapped), table has %d (%d)", l.Forms(), l.Mapped(), len(rows), mapped)
	}
	for _, w := range []string{"kommuner", "regjeringen", "intelligens", "etablerte", "tenestene"} {
		if !l.Has(w) {
			t.Errorf("lexicon lacks %q", w)
		}
	}
	for _, w := range []string{"regjringen", "inteligens", "kommuneer"} {
		if l.Has(w) {
			t.Errorf("lexicon has %q", w)
		}
	}
}

// TestWordFormGroups: every form of one word gets one term, whichever
// lemma the lexicon knows it by; a form of two lemmas gets both lemmas' terms.
func TestWordFormGroups(t *testing.T) {
	a, err := New(Config{WordLists: []string{}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, group := range [][]string{
		{"ekstern", "eksterne", "eksternt"},
		{"etablere", "etablert", "etablerer", "etablerte", "etableres"},
		{"digital", "digitale", "digitalt"},
		{"nasjonal", "nasjonale", "nasjonalt"},
		{"dele", "deler", "delte", "delt", "deles"},
		{"administrere", "administrert", "administrerer", "administrerte"},
		{"innbygger", "innbyggere", "innbyggerne", "innbyggjar", "innbyggjarane"},
		{"gå", "går", "gått"},
		{"vurdere", "vurderer", "vurderte", "vurdert"},
		{"kommune", "kommunen", "kommuner", "kommunene", "kommunar", "kommunane"},
		{"teneste", "tenesta", "tenester", "tenestene", "tjeneste", "tjenesten", "tjenester", "tjenestene"},
		{"offentleg", "offentlege", "offentlig", "offentlige"},
		{"viktig", "viktige", "viktigere", "viktigst"},
	} {
		t.Run(group[0], func(t *testing.T) {
			var common []string
			for i, w := range group {
				st, _ := a.Terms(w)
				if i == 0 {
					common = st
					continue
				}
				common = slices.DeleteFunc(common, func(s string) bool { return !slices.Contains(st, s) })
			}
			if len(common) == 0 {
				for _, w := range group {
					st, _ := a.Terms(w)
					t.Logf("%s → %q", w, st)
				}
				t.Errorf("the forms of %q share no term", group[0])
			}
		})
	}
	// "deler" is a form of the noun "del" and of the verb "dele".
	st, _ := a.Terms("deler")
	for _, w := range []string{"del", "delen", "dele", "delte"} {
		o, _ := a.Terms(w)
		if !slices.ContainsFunc(o, func(s string) bool { return slices.Contains(st, s) }) {
			t.Errorf("deler %q and %s %q share no term", st, w, o)
		}
	}
}

// BenchmarkLexiconLoad reads the embedded table as the first analysis of a
// process does, and reports the heap the lexicon keeps.
func BenchmarkLexiconLoad(b *testing.B) {
	term := newPlainStemmer().plainStem
	var l *Lexicon
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		var err error
		if l, err = readLexicon(bytes.NewReader(lexiconTable), term); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "live-MB")
	runtime.KeepAlive(l)
}
