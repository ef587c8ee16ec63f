// Command lexgen generates strategispor's embedded word-form table,
// index/analysis/data/lexicon.txt.gz, from the Norwegian hunspell
// dictionaries (Debian package hunspell-no):
//
//	go run ./cmd/lexgen [-dir /usr/share/hunspell] [-o index/analysis/data/lexicon.txt.gz]
//
// Run it again after changing the stemmer's plain rules (Snowball, the
// agent-noun rule, the nynorsk pairs): the table records which forms those
// rules would split from their lemma. TestLexiconTableCurrent fails when the
// table is out of date and the dictionaries are installed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/strategispor/strategispor/index/analysis"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "lexgen:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("lexgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", analysis.HunspellDir, "directory with nb_NO and nn_NO .aff/.dic")
	out := fs.String("o", "index/analysis/data/lexicon.txt.gz", "table to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var b bytes.Buffer
	st, err := analysis.GenerateLexicon(&b, *dir)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: %d .dic entries, %d stems, %d paradigms, %d forms, %d bytes\n",
		*out, st.Entries, st.Stems, st.Roots, st.Forms, b.Len())
	return nil
}
