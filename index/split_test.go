package index

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

// TestSplitSearchMatchesUnsplit checks that a search run in two halves gives
// exactly the answer of one search: hits in the same order with the same
// scores, totals, facets and snippets, on an index of many segments with
// replaced and deleted documents and with tied scores (identical sections
// in many documents).
func TestSplitSearchMatchesUnsplit(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	types := []corpus.DocType{corpus.TypeStrategi, corpus.TypeRapport, corpus.TypeStatusrapport}
	words := []string{"tjenestene", "brukerne", "samarbeid", "digitalisering", "datadeling", "kommunene"}
	mk := func(i, version int) corpus.Document {
		d := corpus.Document{ID: fmt.Sprintf("d%d", i), Title: fmt.Sprintf("Dokument %d", i), DocType: types[i%3],
			Organisation: []string{"Digdir", "KS", ""}[i%3], Date: fmt.Sprintf("%d-03-01", 2015+i%6),
			Source: fmt.Sprintf("d%d.txt", i), ContentHash: fmt.Sprint(version)}
		for s := range 2 + i%5 {
			text := words[(i+s)%6] + " og " + words[(i*s+version)%6] + " i offentlig sektor. " + filler(s+i%3)
			if s == 0 {
				text = "Regjeringen vil styrke samarbeid om digitalisering og deling av data." // a tie in every document
			}
			d.Sections = append(d.Sections, section(d.ID, s, fmt.Sprintf("Del %d om %s", s, words[s%6]), text))
		}
		return d
	}
	for i := range 90 {
		if err := ix.Writer().Put(ctx, mk(i, 0)); err != nil {
			t.Fatal(err)
		}
	}
	for _, i := range []int{3, 40, 77} {
		if err := ix.Writer().Put(ctx, mk(i, 1)); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"d4", "d50"} {
		if err := ix.Writer().Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}

	search := func(req corpus.SearchRequest, splitMin int) corpus.SearchResult {
		t.Helper()
		ix.splitMin = splitMin
		res, err := ix.Reader().Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		res.TookMS = 0
		return res
	}
	queries := []string{"digitalisering", "samarbeid digitalisering", "regjeringen vil", `"deling av data"`,
		"tjeneste OR bruker", "datadeling -kommunene", "kommune type:rapport", "digitalsering", "finnesikke"}
	for _, q := range queries {
		for _, page := range []struct{ from, size int }{{0, 10}, {5, 20}, {38, 10}, {60, 30}} {
			req := corpus.SearchRequest{Query: q, From: page.from, Size: page.size}
			t.Run(fmt.Sprintf("%s/%d+%d", q, page.from, page.size), func(t *testing.T) {
				before := ix.splits.Load()
				got := search(req, 0)
				if ix.splits.Load() == before {
					t.Fatal("the search did not run in halves")
				}
				want := search(req, 1<<30)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("in halves:\n%+v\nin one:\n%+v", got, want)
				}
			})
		}
	}
	// The checks above compare something: the tie query has many hits.
	if res := search(corpus.SearchRequest{Query: "regjeringen vil", Size: 50}, 0); res.Total < 80 || len(res.Hits) != 50 {
		t.Fatalf("tie query: total %d, %d hits", res.Total, len(res.Hits))
	}
}

// TestSplitSearchDuringWrites searches in halves while documents are being
// replaced, so that writes and merges bring new snapshots between and
// during the halves: every answer must be whole (no error, every section
// counted once, none shown twice, hits ordered by score; a document is
// replaced atomically, so every snapshot holds exactly 160 matching
// sections), and the race detector watches the goroutines.
func TestSplitSearchDuringWrites(t *testing.T) {
	ix := memIndex(t)
	ctx := context.Background()
	mk := func(i, version int) corpus.Document {
		d := corpus.Document{ID: fmt.Sprintf("d%d", i), Title: fmt.Sprintf("Dokument %d", i), DocType: corpus.TypeRapport,
			Source: fmt.Sprintf("d%d.txt", i), ContentHash: fmt.Sprint(version)}
		for s := range 4 {
			d.Sections = append(d.Sections, section(d.ID, s, fmt.Sprintf("Del %d", s),
				fmt.Sprintf("Regjeringen vil styrke digitalisering i kommunene, versjon %d. %s", version, filler(s+i%3))))
		}
		return d
	}
	for i := range 40 {
		if err := ix.Writer().Put(ctx, mk(i, 0)); err != nil {
			t.Fatal(err)
		}
	}
	ix.splitMin = 0
	stop := make(chan struct{})
	writerDone := make(chan error, 1)
	go func() {
		for v := 1; ; v++ {
			select {
			case <-stop:
				writerDone <- nil
				return
			default:
			}
			if err := ix.Writer().Put(ctx, mk(v%40, v)); err != nil {
				writerDone <- err
				return
			}
		}
	}()
	for range 200 {
		res, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: "digitalisering kommunene", Size: 50, NoSnippets: true})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for i, h := range res.Hits {
			if seen[h.SectionID] {
				t.Fatalf("section %s twice in one answer", h.SectionID)
			}
			seen[h.SectionID] = true
			if i > 0 && h.Score > res.Hits[i-1].Score {
				t.Fatalf("hit %d scores above the one before it", i)
			}
		}
		if res.Total != 160 || len(res.Hits) != 50 {
			t.Fatalf("total %d, %d hits; want the 160 sections of the 40 documents", res.Total, len(res.Hits))
		}
	}
	close(stop)
	if err := <-writerDone; err != nil {
		t.Fatal(err)
	}
	if ix.splits.Load() == 0 {
		t.Fatal("no search ran in halves")
	}
	t.Logf("%d searches in halves, %d ran again unsplit after their halves met different snapshots",
		ix.splits.Load(), ix.splitRetries.Load())
}
