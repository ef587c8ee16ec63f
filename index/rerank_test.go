package index

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/corpus"
)

func TestMinWindow(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lists [][]int
		want  int
	}{
		{"adjacent", [][]int{{4}, {5}}, 2},
		{"best of several", [][]int{{1, 30}, {10, 32}}, 3},
		{"three lists", [][]int{{0, 20}, {9, 22}, {21}}, 3},
		{"one list", [][]int{{7, 9}}, 1},
		{"far apart", [][]int{{0}, {50}}, 51},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := minWindow(tt.lists); got != tt.want {
				t.Errorf("minWindow(%v) = %d, want %d", tt.lists, got, tt.want)
			}
		})
	}
}

// filler is n words of neutral text.
func filler(n int) string {
	words := strings.Fields("det er viktig at arbeidet fortsetter i tiden som kommer med god fremdrift")
	var b []string
	for i := range n {
		b = append(b, words[i%len(words)])
	}
	return strings.Join(b, " ")
}

func TestRerank(t *testing.T) {
	doc := corpus.Document{ID: "r", Title: "Rangering", DocType: corpus.TypeRapport, Source: "r.txt", ContentHash: "h"}
	doc.Sections = []corpus.Section{
		// Many matches of one word, in the heading too, but not the other word.
		section("r", 0, "Anskaffelser", "Anskaffelser og anskaffelser. "+filler(10)),
		// Both words once, in a long body.
		section("r", 1, "Innkjøp", filler(40)+" innovative anskaffelser "+filler(40)),
		// Both words, far apart.
		section("r", 2, "Leveranser", "drone "+filler(60)+" beredskap "+filler(5)),
		// Both words close together but not adjacent.
		section("r", 3, "Hendelser", filler(5)+" drone over anlegget under beredskap "+filler(60)),
	}
	ix := memIndex(t)
	if err := ix.Writer().Put(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, query, first string
	}{
		{"all words beat most words", "innovativ anskaffelse", "Innkjøp"},
		{"near words beat distant words", "drone beredskap", "Hendelser"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := find(t, ix, tt.query)
			if len(res.Hits) == 0 || res.Hits[0].Heading != tt.first {
				var got []string
				for _, h := range res.Hits {
					got = append(got, h.Heading)
				}
				t.Errorf("%q ranks %v, want %q first", tt.query, got, tt.first)
			}
		})
	}
}

// TestPagingAcrossRerankDepth checks that pages before and after the rerank
// depth join into the same order as one large page.
func TestPagingAcrossRerankDepth(t *testing.T) {
	doc := corpus.Document{ID: "p", Title: "Mange", DocType: corpus.TypeRapport, Source: "p.txt", ContentHash: "h"}
	for i := range rerankDepth + 25 {
		text := fmt.Sprintf("samarbeid %s digitalisering %s", filler(i%17), filler(i%5))
		if i%3 == 0 {
			text = "samarbeid " + filler(i%11) + " digitalisering"
		}
		doc.Sections = append(doc.Sections, section("p", i, fmt.Sprintf("Del %d", i), text))
	}
	ix := memIndex(t)
	ctx := context.Background()
	if err := ix.Writer().Put(ctx, doc); err != nil {
		t.Fatal(err)
	}
	q := "samarbeid digitalisering"
	all, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: q, Size: 100, NoSnippets: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Hits) != rerankDepth+25 {
		t.Fatalf("%d hits, want %d", len(all.Hits), rerankDepth+25)
	}
	var paged []string
	for from := 0; from < len(all.Hits); from += 7 {
		res, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: q, Size: 7, From: from, NoSnippets: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			paged = append(paged, h.SectionID)
		}
	}
	for i, h := range all.Hits {
		if i >= len(paged) || paged[i] != h.SectionID {
			t.Fatalf("paged order differs from one page at %d", i)
		}
	}
}
