package index

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/strategispor/strategispor/index/analysis"

	"github.com/strategispor/strategispor/internal/corpus"
)

// benchCorpus reads a gen-corpus JSONL file named by STRATEGISPOR_BENCH_CORPUS
// (make one with /work/shared/bench/gen-corpus) into documents of 20 sections.
func benchCorpus(b *testing.B) ([]corpus.Document, int64) {
	path := os.Getenv("STRATEGISPOR_BENCH_CORPUS")
	if path == "" {
		b.Skip("set STRATEGISPOR_BENCH_CORPUS to a gen-corpus JSONL file")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var docs []corpus.Document
	var bytes int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	types := []corpus.DocType{corpus.TypeStrategi, corpus.TypeRapport, corpus.TypeStatusrapport}
	for n := 0; sc.Scan(); n++ {
		var rec struct{ ID, Doc, Heading, Body string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		if n%20 == 0 {
			i := len(docs)
			docs = append(docs, corpus.Document{ID: fmt.Sprintf("doc-%d", i), Title: rec.Doc, DocType: types[i%3],
				Date: fmt.Sprintf("%d-01-01", 2015+i%10), Organisation: []string{"Digdir", "KS", "KDD"}[i%3]})
		}
		d := &docs[len(docs)-1]
		d.Sections = append(d.Sections, corpus.Section{ID: fmt.Sprintf("%s-%d", d.ID, n), DocumentID: d.ID,
			Ordinal: len(d.Sections), Heading: rec.Heading, Text: rec.Body, Level: 1})
		bytes += int64(len(rec.Heading) + len(rec.Body))
	}
	return docs, bytes
}

// BenchmarkIngest indexes the corpus on disk in batches of 50 documents
// (about 1000 sections), from one goroutine and from two at once, as batch
// ingest does.
func BenchmarkIngest(b *testing.B) {
	docs, bytes := benchCorpus(b)
	for _, writers := range []int{1, 2} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			b.SetBytes(bytes)
			for b.Loop() {
				ix, err := Open(b.TempDir(), testOptions(b))
				if err != nil {
					b.Fatal(err)
				}
				next := make(chan []corpus.Document)
				go func() {
					defer close(next)
					for i := 0; i < len(docs); i += 50 {
						next <- docs[i:min(i+50, len(docs))]
					}
				}()
				var wg sync.WaitGroup
				for range writers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for batch := range next {
							if err := ix.Writer().PutMany(context.Background(), batch); err != nil {
								b.Error(err)
							}
						}
					}()
				}
				wg.Wait()
				ix.Close()
			}
		})
	}
}

// BenchmarkSearch runs the bench query list with snippets and facets.
func BenchmarkSearch(b *testing.B) {
	docs, _ := benchCorpus(b)
	ix, err := Open(b.TempDir(), testOptions(b))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for i := 0; i < len(docs); i += 50 {
		if err := ix.Writer().PutMany(context.Background(), docs[i:min(i+50, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	data, err := os.ReadFile("../../shared/bench/queries.txt")
	if err != nil {
		b.Skip(err)
	}
	queries := strings.Split(strings.TrimSpace(string(data)), "\n")
	var took []float64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: queries[i%len(queries)]})
		if err != nil {
			b.Fatal(err)
		}
		took = append(took, res.TookMS)
	}
	slices.Sort(took)
	b.ReportMetric(took[len(took)/2], "p50-ms")
	b.ReportMetric(took[len(took)*99/100], "p99-ms")
	b.ReportMetric(took[len(took)-1], "worst-ms")
}

// BenchmarkOpen opens an existing on-disk index the way a command does,
// building its analysis: with the dictionary cache (the default) and without.
func BenchmarkOpen(b *testing.B) {
	dir := b.TempDir()
	ix, err := Open(dir, testOptions(b))
	if err != nil {
		b.Fatal(err)
	}
	if err := ix.Writer().PutMany(context.Background(), testDocs()); err != nil {
		b.Fatal(err)
	}
	ix.Close()
	for _, tc := range []struct {
		name string
		cfg  analysis.Config
	}{{"cached", analysis.Config{}}, {"uncached", analysis.Config{NoCache: true}}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				an, err := analysis.New(tc.cfg)
				if err != nil {
					b.Fatal(err)
				}
				ix, err := Open(dir, Options{Analysis: an})
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
		})
	}
}
