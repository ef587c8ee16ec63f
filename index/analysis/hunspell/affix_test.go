package hunspell

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// testAff has rules in the dictionaries' own shapes: a strip with a longer
// condition, a negated set, "0" for nothing, and a derivational flag (t).
const testAff = `SET UTF-8
SFX E Y 3
SFX E   0     r           e
SFX E   0     er          [^el]
SFX E   el    ler         [^dfkmnpstj]el
SFX O Y 2
SFX O   e     te          [^t]e
SFX O   e     t           [^t]e
SFX R Y 1
SFX R   e     0           [^m]e
SFX t Y 1
SFX t   e     ing         e
PFX a Y 1
PFX a   0     u           .
`

func TestExpand(t *testing.T) {
	a, err := ParseAffixes(testAff)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		stem, flags string
		want        []string
	}{
		{"etablere", "EORt", []string{"etablere", "etablerer", "etablerte", "etablert", "etabler"}},
		{"dele", "EO", []string{"dele", "deler", "delte", "delt"}},
		{"sette", "EO", []string{"sette", "setter"}}, // [^t]e: no "sette"+"te"
		{"engel", "E", []string{"engel", "engler"}},
		{"ta", "a", []string{"ta"}}, // prefixes make other words
		{"kan", "", []string{"kan"}},
	} {
		t.Run(tc.stem, func(t *testing.T) {
			got := a.Expand(tc.stem, tc.flags, nil)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Expand(%q, %q) = %q, want %q", tc.stem, tc.flags, got, tc.want)
			}
		})
	}
}

func TestParseCondErrors(t *testing.T) {
	if _, err := ParseAffixes("SFX E Y 1\nSFX E 0 r [^e\n"); err == nil {
		t.Error("unclosed condition accepted")
	}
	if _, err := ParseAffixes("SFX E Y 1\nSFX E 0 r/AB e\n"); err == nil {
		t.Error("continuation flags accepted")
	}
}

func TestParseDic(t *testing.T) {
	got := ParseDic("5\nA-aksje/EG\nOslo/J\ndele/EOR\nkan\n  sykkel/E  \n")
	want := []Entry{{"dele", "EOR"}, {"kan", ""}, {"sykkel", "E"}}
	if !slices.Equal(got, want) {
		t.Errorf("ParseDic = %q, want %q", got, want)
	}
}

// TestExpandMatchesUnmunch holds Expand to hunspell's own unmunch over a
// sample of the installed nb_NO and nn_NO dictionaries, for stems whose flags
// are all inflectional (unmunch has no notion of derivational flags).
func TestExpandMatchesUnmunch(t *testing.T) {
	unmunch, err := exec.LookPath("unmunch")
	if err != nil {
		t.Skip("unmunch not installed (Debian package hunspell-tools)")
	}
	for _, name := range []string{"nb_NO", "nn_NO"} {
		t.Run(name, func(t *testing.T) {
			dir := "/usr/share/hunspell"
			affRaw, err1 := os.ReadFile(filepath.Join(dir, name+".aff"))
			dicRaw, err2 := os.ReadFile(filepath.Join(dir, name+".dic"))
			if err1 != nil || err2 != nil {
				t.Skip("hunspell-no not installed")
			}
			dec := func(b []byte) string {
				s, err := charmap.ISO8859_1.NewDecoder().Bytes(b)
				if err != nil {
					t.Fatal(err)
				}
				return string(s)
			}
			aff, err := ParseAffixes(dec(affRaw))
			if err != nil {
				t.Fatal(err)
			}
			var sample []Entry
			for i, e := range ParseDic(dec(dicRaw)) {
				if i%97 == 0 && strings.IndexFunc(e.Flags, func(r rune) bool {
					return strings.ContainsRune(derivational, r) || (r >= 'a' && r <= 's')
				}) < 0 {
					sample = append(sample, e)
				}
			}
			var dic bytes.Buffer
			dic.WriteString("1\n")
			for _, e := range sample {
				dic.WriteString(e.Stem + "/" + e.Flags + "\n")
			}
			enc, err := charmap.ISO8859_1.NewEncoder().Bytes(dic.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			tmp := filepath.Join(t.TempDir(), "sample.dic")
			if err := os.WriteFile(tmp, enc, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(unmunch, tmp, filepath.Join(dir, name+".aff")).Output()
			if err != nil {
				t.Fatalf("unmunch: %v", err)
			}
			want := map[string]bool{}
			for _, w := range strings.Fields(dec(out)) {
				want[w] = true
			}
			got := map[string]bool{}
			for _, e := range sample {
				for _, f := range aff.Expand(e.Stem, e.Flags, nil) {
					got[f] = true
				}
			}
			missing, extra := 0, 0
			for w := range want {
				if !got[w] {
					missing++
					if missing < 5 {
						t.Errorf("unmunch has %q, Expand does not", w)
					}
				}
			}
			for w := range got {
				if !want[w] {
					extra++
					if extra < 5 {
						t.Errorf("Expand has %q, unmunch does not", w)
					}
				}
			}
			t.Logf("%d stems, %d forms from unmunch, %d missing, %d extra", len(sample), len(want), missing, extra)
		})
	}
}
