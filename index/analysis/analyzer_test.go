package analysis

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render shows every token of both analyzers with its position and byte span.
func render(a *Analysis, line string) string {
	var b strings.Builder
	show := func(name string, ts analysis.TokenStream) {
		fmt.Fprintf(&b, "  %s:", name)
		for _, t := range ts {
			fmt.Fprintf(&b, " %s@%d[%d:%d]", t.Term, t.Position, t.Start, t.End)
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%s\n", line)
	show("text", a.Text.Analyze([]byte(line)))
	show("exact", a.Exact.Analyze([]byte(line)))
	return b.String()
}

func golden(t *testing.T, a *Analysis, name string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "words.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			fmt.Fprintln(&got, line)
			continue
		}
		got.WriteString(render(a, line))
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got.String() != string(want) {
		t.Errorf("analyzer output differs from %s (run with -update and review the diff):\n%s", path, got.String())
	}
}

// TestGoldenEmbedded pins the analysis with only the embedded word list, as on
// a machine without the Debian word lists.
func TestGoldenEmbedded(t *testing.T) {
	a, err := New(Config{WordLists: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, a, "analyzer-embedded.golden")
}

// TestGoldenSystem pins the analysis with the Debian wnorwegian lists, which
// CI installs.
func TestGoldenSystem(t *testing.T) {
	for _, p := range SystemWordLists {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("%s not installed (apt-get install wnorwegian)", p)
		}
	}
	a, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, a, "analyzer-system.golden")
}

func TestRequiredMatches(t *testing.T) {
	a, err := New(Config{WordLists: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	terms := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, t := range a.Text.Analyze([]byte(s)) {
			m[string(t.Term)] = true
		}
		return m
	}
	tests := []struct{ query, doc string }{
		{"strategi", "digitaliseringsstrategi"},
		{"krise", "koronakrisen"},
		{"korona", "koronakrisen"},
		{"forvaltning", "tilskuddsforvaltning"},
		{"tilskudd", "tilskuddsforvaltning"},
		{"omsorg", "omsorgstjenesten"},
		{"tjeneste", "omsorgstjenesten"},
		{"regjeringa", "regjeringen"},
		{"tenester", "tjenester"},
		{"høyring", "høring"},
		{"sikkerheit", "sikkerhet"},
		{"tryggheita", "tryggheten"},
		{"anskaffingar", "anskaffelser"},
		{"innbyggere", "innbyggerne"},
		{"vil", "Regjeringen vil"},
		{"ikke", "ikke startet"},
	}
	for _, tt := range tests {
		t.Run(tt.query+"→"+tt.doc, func(t *testing.T) {
			doc := terms(tt.doc)
			for q := range terms(tt.query) {
				if doc[q] {
					return
				}
			}
			t.Errorf("no shared term: query %v, document %v", terms(tt.query), doc)
		})
	}
}

func TestStopWordsDropped(t *testing.T) {
	a, err := New(Config{WordLists: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"og", "det", "som"} {
		if ts := a.Text.Analyze([]byte(w)); len(ts) != 0 {
			t.Errorf("%q kept as %s", w, ts[0].Term)
		}
		if ts := a.Exact.Analyze([]byte(w)); len(ts) != 1 {
			t.Errorf("%q missing from the exact field", w)
		}
	}
}

func TestTokenizerOffsetsAreBytes(t *testing.T) {
	text := "Økt «deling» av data – på tvers av sektorer, også for små kommuner."
	for _, tok := range NewTokenizer().Tokenize([]byte(text)) {
		if got := text[tok.Start:tok.End]; got != string(tok.Term) {
			t.Errorf("token %q spans %q", tok.Term, got)
		}
	}
}

func TestTokenizerInvalidUTF8(t *testing.T) {
	ts := NewTokenizer().Tokenize([]byte("før\xffetter"))
	if len(ts) != 2 || string(ts[1].Term) != "etter" {
		t.Fatalf("got %v", ts)
	}
}

func TestSynonyms(t *testing.T) {
	a, err := New(Config{WordLists: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSynonyms("", a.Exact)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words []string
		n     int
		want  string
	}{
		{[]string{"ki"}, 1, "kunstig intelligens"},
		{[]string{"kunstig", "intelligens", "i", "helse"}, 2, "ki"},
		{[]string{"digdir"}, 1, "difi"},
		{[]string{"difi"}, 1, "direktoratet for forvaltning og ikt"},
		{[]string{"ks"}, 1, "kommunesektorens organisasjon"},
		{[]string{"kdd"}, 1, "kommunal og distriktsdepartementet"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.words, "_"), func(t *testing.T) {
			n, alts := s.Match(tt.words, 0)
			if n != tt.n {
				t.Fatalf("matched %d words, want %d", n, tt.n)
			}
			for _, alt := range alts {
				if strings.Join(alt, " ") == tt.want {
					return
				}
			}
			t.Errorf("alternatives %v lack %q", alts, tt.want)
		})
	}
	// One-way: Difi does not expand to Digdir.
	_, alts := s.Match([]string{"difi"}, 0)
	for _, alt := range alts {
		if alt[0] == "digdir" {
			t.Errorf("difi expanded to digdir")
		}
	}
	if _, err := ParseSynonyms("lonely\n", a.Exact); err == nil {
		t.Error("a group of one entry was accepted")
	}
}

func TestOverrideSynonymFile(t *testing.T) {
	a, err := New(Config{WordLists: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "synonyms.txt")
	if err := os.WriteFile(path, []byte("sky, cloud\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSynonyms(path, a.Exact)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Match([]string{"cloud"}, 0); n != 1 {
		t.Error("override entry not used")
	}
	if n, _ := s.Match([]string{"ki"}, 0); n != 0 {
		t.Error("override did not replace the default")
	}
}

func BenchmarkTextAnalyzer(b *testing.B) {
	a, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("../../../shared/seeds/003_5de24772d35db489.txt")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		a.Text.Analyze(data)
	}
}
