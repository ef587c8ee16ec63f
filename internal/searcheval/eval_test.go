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
	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Floors for our analysis, set a little under what it reaches (see TestEvaluation's output).
const (
	floorMRR  = 0.85
	floorNDCG = 0.70
)

func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared material absent: %v", err)
	}
	return shared
}

// ingestAll runs the seeds and the shared corpus's other/ files through ingest.File.
func ingestAll(t *testing.T) []corpus.Document {
	shared := sharedDir(t)
	var files []string
	for _, pattern := range []string{"seeds/*.txt", "corpus/other/*"} {
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

type engine func(q string) ([]Key, error)

func ours(t *testing.T, docs []corpus.Document) engine {
	ix, err := index.OpenMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Writer().PutMany(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	source := map[string]string{}
	for _, d := range docs {
		source[d.ID] = d.Source
	}
	return func(q string) ([]Key, error) {
		res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: q, Size: 10, NoFacets: true, NoSnippets: true})
		if err != nil {
			return nil, err
		}
		var out []Key
		for _, h := range res.Hits {
			out = append(out, Key{source[h.DocumentID], h.Heading})
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
	keys := map[string]Key{}
	for _, d := range docs {
		for _, s := range d.Sections {
			keys[s.ID] = Key{d.Source, s.Heading}
			if err := b.Index(s.ID, map[string]string{"heading": s.Heading, "body": s.Text}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := ix.Batch(b); err != nil {
		t.Fatal(err)
	}
	return func(q string) ([]Key, error) {
		res, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), 10, 0, false))
		if err != nil {
			return nil, err
		}
		var out []Key
		for _, h := range res.Hits {
			out = append(out, keys[h.ID])
		}
		return out, nil
	}
}

type scores struct{ mrr, ndcg, top5 float64 }

func evaluate(t *testing.T, name string, e engine, judged []Judged, verbose bool) scores {
	var s scores
	byKind := map[string][]float64{}
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
		byKind[j.Kind] = append(byKind[j.Kind], rr)
		if verbose && (first == 0 || first > 1) {
			t.Logf("  %-6s %-45q first relevant at %d; top: %v", name, j.Query, first, headOf(ranked, 3))
		}
	}
	n := float64(len(judged))
	s.mrr, s.ndcg = s.mrr/n, s.ndcg/n
	var kinds []string
	for k, v := range byKind {
		sum := 0.0
		for _, x := range v {
			sum += x
		}
		kinds = append(kinds, fmt.Sprintf("%s %.2f", k, sum/float64(len(v))))
	}
	sort.Strings(kinds)
	t.Logf("%-14s MRR@10 %.3f  nDCG@10 %.3f  answered in top 5: %.0f/%.0f  by kind (MRR): %s",
		name, s.mrr, s.ndcg, s.top5, n, strings.Join(kinds, ", "))
	return s
}

func headOf(ks []Key, n int) []string {
	var out []string
	for _, k := range ks[:min(n, len(ks))] {
		out = append(out, strings.TrimSuffix(k.Source, filepath.Ext(k.Source))[:8]+"/"+k.Heading)
	}
	return out
}

// TestEvaluation prints MRR@10 and nDCG@10 for strategispor's analysis and
// for plain Bleve "no" on the same sections, and fails below the floors.
func TestEvaluation(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "judgments.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	judged, err := ReadJudgments(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(judged) < 30 {
		t.Fatalf("only %d judged queries", len(judged))
	}
	docs := ingestAll(t)
	// Every judged section must exist, or the judgments are stale.
	have := map[Key]bool{}
	for _, d := range docs {
		for _, s := range d.Sections {
			have[Key{d.Source, s.Heading}] = true
		}
	}
	for _, j := range judged {
		for k := range j.Relevant {
			if !have[k] {
				t.Errorf("judged section %v of %q not produced by ingest", k, j.Query)
			}
		}
	}
	t.Logf("%d documents, %d judged queries", len(docs), len(judged))
	o := evaluate(t, "strategispor", ours(t, docs), judged, true)
	evaluate(t, "bleve \"no\"", plain(t, docs), judged, false)
	if o.mrr < floorMRR || o.ndcg < floorNDCG {
		t.Errorf("quality below floor: MRR@10 %.3f (floor %.2f), nDCG@10 %.3f (floor %.2f)", o.mrr, floorMRR, o.ndcg, floorNDCG)
	}
}
