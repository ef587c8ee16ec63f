package analysis

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/strategispor/strategispor/index/analysis/hunspell"
)

// irregularText lists the paradigms the dictionaries do not join (strong
// verbs, irregular comparison): one lemma and its forms a line.
//
//go:embed data/irregular.txt
var irregularText string

// irregularGroups parses irregularText.
func irregularGroups() [][]string {
	var out [][]string
	for _, line := range strings.Split(irregularText, "\n") {
		if f := strings.Fields(line); len(f) > 1 && !strings.HasPrefix(f[0], "#") {
			out = append(out, f)
		}
	}
	return out
}

// HunspellDir is where Debian's hunspell-no puts nb_NO and nn_NO.
const HunspellDir = "/usr/share/hunspell"

// ReadHunspell reads the bokmål and nynorsk dictionaries from dir
// (ISO-8859-1, as their SET line says).
func ReadHunspell(dir string) ([]hunspell.Dict, error) {
	var out []hunspell.Dict
	for _, name := range []string{"nb_NO", "nn_NO"} {
		d := hunspell.Dict{Name: name}
		for _, f := range []struct {
			ext string
			dst *string
		}{{".aff", &d.Aff}, {".dic", &d.Dic}} {
			raw, err := os.ReadFile(filepath.Join(dir, name+f.ext))
			if err != nil {
				return nil, err
			}
			text, err := charmap.ISO8859_1.NewDecoder().Bytes(raw)
			if err != nil {
				return nil, fmt.Errorf("decoding %s%s: %w", name, f.ext, err)
			}
			*f.dst = string(text)
		}
		out = append(out, d)
	}
	return out, nil
}

// GenerateLexicon writes the word-form table made from the dictionaries in
// dir to w.
func GenerateLexicon(w io.Writer, dir string) (hunspell.Stats, error) {
	dicts, err := ReadHunspell(dir)
	if err != nil {
		return hunspell.Stats{}, err
	}
	forms, st, err := hunspell.Lemmas(dicts, irregularGroups())
	if err != nil {
		return st, err
	}
	return st, WriteLexicon(w, forms)
}
