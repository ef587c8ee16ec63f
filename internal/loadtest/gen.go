package loadtest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// GeneratedDoc is a synthetic document built from seed sentences.
type GeneratedDoc struct {
	Name string // file name, .md or .txt
	Body []byte
	// Marker is a word that occurs only in this document, for search checks.
	Marker string
}

// SeedSentences reads every .txt file in dir and returns its sentences of a
// useful length, in a stable order.
func SeedSentences(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("listing seeds: %w", err)
	}
	sort.Strings(files)
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reading seed: %w", err)
		}
		for _, para := range strings.Split(string(data), "\n\n") {
			para = strings.Join(strings.Fields(para), " ")
			for _, s := range strings.SplitAfter(para, ". ") {
				s = strings.TrimSpace(s)
				if n := utf8.RuneCountInString(s); n >= 40 && n <= 300 {
					out = append(out, s)
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sentences in the seeds in %s", dir)
	}
	return out, nil
}

var headings = []string{
	"Mål", "Bakgrunn", "Styring og samordning", "Deling av data", "Digital kompetanse",
	"Informasjonssikkerhet", "Sammenhengende tjenester", "Finansiering", "Oppfølging", "Tiltak",
}

// Generate builds n documents from the sentences with a deterministic random
// source. Odd-numbered documents are Markdown, even ones plain text; each has
// a few headed sections, a "Regjeringen vil" list and a unique marker word.
func Generate(sentences []string, n int, seed uint64) []GeneratedDoc {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	pick := func() string { return sentences[rng.IntN(len(sentences))] }
	docs := make([]GeneratedDoc, n)
	for i := range docs {
		marker := fmt.Sprintf("kjennemerke%05d", i)
		md := i%2 == 1
		var b strings.Builder
		h := func(level int, s string) {
			if md {
				fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", level), s)
			} else {
				fmt.Fprintf(&b, "%s\n\n", s)
			}
		}
		h(1, fmt.Sprintf("Strategidokument %d om %s", i, strings.ToLower(headings[rng.IntN(len(headings))])))
		fmt.Fprintf(&b, "Dokumentet har %s og handler om digital styring.\n\n", marker)
		sections := 2 + rng.IntN(4)
		for s := 0; s < sections; s++ {
			h(2, fmt.Sprintf("%d %s", s+1, headings[rng.IntN(len(headings))]))
			for p := 0; p < 1+rng.IntN(3); p++ {
				fmt.Fprintf(&b, "%s %s\n\n", pick(), pick())
			}
			if s == 0 {
				b.WriteString("Regjeringen vil:\n\n")
				for k := 0; k < 2+rng.IntN(3); k++ {
					fmt.Fprintf(&b, "- %s\n", pick())
				}
				b.WriteString("\n")
			}
		}
		ext := ".txt"
		if md {
			ext = ".md"
		}
		docs[i] = GeneratedDoc{Name: fmt.Sprintf("dok-%05d%s", i, ext), Body: []byte(b.String()), Marker: marker}
	}
	return docs
}

// WriteAll writes the documents into dir.
func WriteAll(dir string, docs []GeneratedDoc) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	for _, d := range docs {
		if err := os.WriteFile(filepath.Join(dir, d.Name), d.Body, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", d.Name, err)
		}
	}
	return nil
}
