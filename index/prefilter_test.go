package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
)

// TestRerankPrefilterChangesNothing checks that skipping the analysis of
// words that cannot match (analyse, analysis.Stemmer.Sources) changes no
// answer: the same searches over the seed texts give identical results on a
// fresh index, whose memo is empty so that the prefilter decides, and after
// the memo holds every word of the corpus, so that it decides nothing.
func TestRerankPrefilterChangesNothing(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	paths, err := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed texts: %v", err)
	}
	var all []string
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := corpus.Document{ID: fmt.Sprintf("s%d", i), Title: filepath.Base(p), DocType: corpus.TypeRapport, Source: p}
		for j, para := range strings.Split(string(data), "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				d.Sections = append(d.Sections, section(d.ID, j, fmt.Sprintf("Del %d", j), para))
				all = append(all, para)
			}
		}
		if err := ix.Writer().Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	queries := []string{"digitalisering", "tjenester for innbyggerne", "sikkerheit", "tenester", "kunstig intelligens",
		"deling av data", "samarbeid med KS", "datadeling", "ikke startet", `"regjeringen vil"`, "fellesløsninger",
		"digitaliseringsstrategi", "styring og samordning", "innbyggjarar", "kommune*", "offentleg sektor"}
	run := func() []corpus.SearchResult {
		var out []corpus.SearchResult
		for _, q := range queries {
			res, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: q, Size: 20})
			if err != nil {
				t.Fatal(err)
			}
			res.TookMS = 0
			out = append(out, res)
		}
		return out
	}
	prefiltered := run()
	for _, text := range all {
		for _, tok := range ix.an.Exact.Analyze([]byte(text)) {
			ix.stemsOf(tok.Term)
		}
	}
	full := run()
	hits := 0
	for i, q := range queries {
		hits += len(full[i].Hits)
		if !reflect.DeepEqual(prefiltered[i], full[i]) {
			t.Errorf("%q: with the prefilter\n%+v\nwith every word analysed\n%+v", q, prefiltered[i], full[i])
		}
	}
	if hits < 100 {
		t.Fatalf("only %d hits; the comparison checks little", hits)
	}
}
