package searcheval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/no"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
)

// Floors for our analysis, set a little under what it reaches (see TestEvaluation's output).
const (
	floorMRR  = 0.93
	floorNDCG = 0.90
)

// ingestAll runs the seeds, the shared corpus's other/ files and its PDF
// reports through ingest.File.
func ingestAll(t *testing.T) []corpus.Document {
	shared := testutil.SharedDir(t)
	var files []string
	for _, pattern := range []string{"seeds/*.txt", "corpus/other/*", "corpus/rapport/*.pdf"} {
		m, err := filepath.Glob(filepath.Join(shared, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	var docs []corpus.Document
	for _, f := range files {
		if !ingest.Supported(f) {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ingest.File(context.Background(), filepath.Base(f), data, ingest.Options{SourceKey: f})
		if err != nil {
			t.Logf("skipping %s: %v", filepath.Base(f), err)
			continue
		}
		docs = append(docs, d)
	}
	if len(docs) < 5 {
		t.Fatalf("only %d documents ingested", len(docs))
	}
	return docs
}

type engine func(q string) ([]Section, error)

// sectionsByID maps section ids to what the judgments compare.
func sectionsByID(docs []corpus.Document) map[string]Section {
	out := map[string]Section{}
	for _, d := range docs {
		for _, s := range d.Sections {
			out[s.ID] = Section{Source: d.Source, Heading: s.Heading, Text: s.Text}
		}
	}
	return out
}

func ours(t *testing.T, docs []corpus.Document) engine {
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Writer().PutMany(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	byID := sectionsByID(docs)
	return func(q string) ([]Section, error) {
		res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: q, Size: 10, NoFacets: true, NoSnippets: true})
		if err != nil {
			return nil, err
		}
		var out []Section
		for _, h := range res.Hits {
			out = append(out, byID[h.SectionID])
		}
		return out, nil
	}
}

// plain indexes the same sections with Bleve's built-in "no" analyzer and
// searches them with Bleve's query-string syntax.
func plain(t *testing.T, docs []corpus.Document) engine {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = "no"
	ix, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	b := ix.NewBatch()
	byID := sectionsByID(docs)
	for _, d := range docs {
		for _, s := range d.Sections {
			if err := b.Index(s.ID, map[string]string{"heading": s.Heading, "body": s.Text}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := ix.Batch(b); err != nil {
		t.Fatal(err)
	}
	return func(q string) ([]Section, error) {
		res, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), 10, 0, false))
		if err != nil {
			return nil, err
		}
		var out []Section
		for _, h := range res.Hits {
			out = append(out, byID[h.ID])
		}
		return out, nil
	}
}

type scores struct{ mrr, ndcg, top5 float64 }

// kindScores sums one kind's reciprocal ranks and nDCG.
type kindScores struct {
	n           int
	rr, nd      float64
	outsideTop5 int
}

func evaluate(t *testing.T, name string, e engine, judged []Judged, verbose bool) scores {
	var s scores
	byKind := map[string]*kindScores{}
	for _, j := range judged {
		ranked, err := e(j.Query)
		if err != nil {
			t.Errorf("%s: %q: %v", name, j.Query, err)
			continue
		}
		rr, nd := RR(ranked, j.Relevant, 10), NDCG(ranked, j.Relevant, 10)
		s.mrr += rr
		s.ndcg += nd
		first := FirstRelevant(ranked, j.Relevant)
		if first >= 1 && first <= 5 {
			s.top5++
		}
		k := byKind[j.Kind]
		if k == nil {
			k = &kindScores{}
			byKind[j.Kind] = k
		}
		k.n++
		k.rr += rr
		k.nd += nd
		if first == 0 || first > 5 {
			k.outsideTop5++
		}
		if verbose && (first == 0 || first > 1) {
			t.Logf("  %-6s %-45q first relevant at %d; top: %v", name, j.Query, first, headOf(ranked, 3))
		}
	}
	n := float64(len(judged))
	s.mrr, s.ndcg = s.mrr/n, s.ndcg/n
	var kinds []string
	for k, v := range byKind {
		kinds = append(kinds, fmt.Sprintf("%-12s n=%2d MRR %.3f nDCG %.3f outside top 5: %d",
			k, v.n, v.rr/float64(v.n), v.nd/float64(v.n), v.outsideTop5))
	}
	sort.Strings(kinds)
	t.Logf("%-14s MRR@10 %.3f  nDCG@10 %.3f  answered in top 5: %.0f/%.0f", name, s.mrr, s.ndcg, s.top5, n)
	for _, k := range kinds {
		t.Logf("%-14s   %s", "", k)
	}
	return s
}

func headOf(ss []Section, n int) []string {
	var out []string
	for _, s := range ss[:min(n, len(ss))] {
		src := strings.TrimSuffix(s.Source, filepath.Ext(s.Source))
		out = append(out, src[:min(8, len(src))]+"/"+s.Heading)
	}
	return out
}

// TestEvaluation prints MRR@10 and nDCG@10 for strategispor's analysis and
// for plain Bleve "no" on the same sections, and fails below the floors.
func TestEvaluation(t *testing.T) {
	// The floors below were set with the system word lists, which the
	// decompounder reads by default.
	for _, p := range analysis.SystemWordLists {
		testutil.NeedFile(t, "install the Debian package wnorwegian", p)
	}
	f, err := os.Open(filepath.Join("testdata", "judgments.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	judged, err := ReadJudgments(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(judged) < 50 {
		t.Fatalf("only %d judged queries", len(judged))
	}
	docs := ingestAll(t)
	// Every judged section must exist, or the judgments are stale.
	all := sectionsByID(docs)
	for _, j := range judged {
		for _, target := range j.Relevant {
			found := false
			for _, s := range all {
				if target.Matches(s) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("judged section %q / %q / %q of %q not produced by ingest", target.Source, target.Heading, target.Phrase, j.Query)
			}
		}
	}
	t.Logf("%d documents, %d judged queries", len(docs), len(judged))
	o := evaluate(t, "strategispor", ours(t, docs), judged, true)
	evaluate(t, "bleve \"no\"", plain(t, docs), judged, false)
	if o.top5 < float64(len(judged)) {
		t.Errorf("%d of %d judged queries have no relevant section in the top 5", len(judged)-int(o.top5), len(judged))
	}
	if o.mrr < floorMRR || o.ndcg < floorNDCG {
		t.Errorf("quality below floor: MRR@10 %.3f (floor %.2f), nDCG@10 %.3f (floor %.2f)", o.mrr, floorMRR, o.ndcg, floorNDCG)
	}
}
