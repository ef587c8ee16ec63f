package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/strategispor/strategispor/index"
	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/internal/corpus"
)

// TestQueryShapes compares, on an existing index, the product's search with
// bare Bleve queries over the same stemmed fields: every query word optional
// (OR, at least one) or required (AND), with and without the facet. It
// prints a table; it asserts nothing about time. Point it at the index folder
// of a data directory, e.g. one a `bench --keep` run left:
//
//	STRATEGISPOR_BENCH_INDEX=/tmp/strategispor-bench/data-100000/index \
//	  go test ./internal/bench -run QueryShapes -v
func TestQueryShapes(t *testing.T) {
	dir := os.Getenv("STRATEGISPOR_BENCH_INDEX")
	if dir == "" {
		t.Skip("set STRATEGISPOR_BENCH_INDEX to an index folder")
	}
	shared := sharedDir(t)
	queries, err := readQueries(filepath.Join(shared, "bench", "queries.txt"))
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.New(analysis.Config{})
	if err != nil {
		t.Fatal(err)
	}
	timed := func(fn func() (uint64, error)) (uint64, float64) {
		t0 := time.Now()
		n, err := fn()
		if err != nil {
			t.Fatal(err)
		}
		return n, float64(time.Since(t0).Microseconds()) / 1000
	}

	ix, err := index.Open(dir, index.Options{Analysis: an})
	if err != nil {
		t.Fatal(err)
	}
	rd := ix.Reader()
	product := make([]float64, len(queries))
	for i, q := range queries {
		_, product[i] = timed(func() (uint64, error) {
			res, err := rd.Search(context.Background(), corpus.SearchRequest{Query: q, Size: 10})
			return res.Total, err
		})
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// The field names are the index's own (index/mapping.go).
	b, err := bleve.Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	term := func(field, v string) query.Query {
		q := bleve.NewTermQuery(v)
		q.SetField(field)
		return q
	}
	bare := func(q string, and, facets bool) (uint64, error) {
		var words []query.Query
		for _, tok := range an.Text.Analyze([]byte(q)) {
			words = append(words, bleve.NewDisjunctionQuery(term("heading", string(tok.Term)), term("body", string(tok.Term))))
		}
		bq := bleve.NewBooleanQuery()
		bq.AddMust(term("kind", "section"))
		if and {
			bq.AddMust(words...)
		} else {
			bq.AddShould(words...)
			bq.SetMinShould(1)
		}
		req := bleve.NewSearchRequestOptions(bq, 10, 0, false)
		req.Fields = []string{"src", "loc"} // sections keep "loc" (the section store), documents "src"
		if facets {
			req.AddFacet("facet", bleve.NewFacetRequest("facet", 1000))
		}
		res, err := b.Search(req)
		if err != nil {
			return 0, err
		}
		return res.Total, nil
	}
	shapes := []struct {
		name        string
		and, facets bool
	}{{"OR+facets", false, true}, {"OR", false, false}, {"AND+facets", true, true}, {"AND", true, false}}
	ms := map[string][]float64{"product": product}
	var out strings.Builder
	out.WriteString("| query | product ms | OR hits | OR+facets ms | OR ms | AND hits | AND+facets ms | AND ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for i, q := range queries {
		var hits [4]uint64
		var took [4]float64
		for j, s := range shapes {
			hits[j], took[j] = timed(func() (uint64, error) { return bare(q, s.and, s.facets) })
			ms[s.name] = append(ms[s.name], took[j])
		}
		fmt.Fprintf(&out, "| %s | %.1f | %d | %.1f | %.1f | %d | %.1f | %.1f |\n", q, product[i], hits[0], took[0], took[1], hits[2], took[2], took[3])
	}
	out.WriteString("\n")
	for _, k := range []string{"product", "OR+facets", "OR", "AND+facets", "AND"} {
		s := slices.Sorted(slices.Values(ms[k]))
		fmt.Fprintf(&out, "- %s: p50 %.1f ms, max %.1f ms\n", k, percentile(s, 50), s[len(s)-1])
	}
	t.Log("\n" + out.String())
}
