package index

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/internal/corpus"
)

// sharedAnalysis builds the analysis (with its large dictionary) once per test binary.
var sharedAnalysis = sync.OnceValues(func() (*analysis.Analysis, error) { return analysis.New(analysis.Config{}) })

type tlogWriter struct{ t testing.TB }

func (w tlogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func testOptions(t testing.TB) Options {
	an, err := sharedAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	return Options{Analysis: an, Logger: slog.New(slog.NewTextHandler(tlogWriter{t}, nil))}
}

func memIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := OpenMemory(testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func section(docID string, ord int, heading, text string) corpus.Section {
	return corpus.Section{ID: docID + "-" + corpus.Hash8(heading, text), DocumentID: docID, Ordinal: ord,
		Heading: heading, Level: 1, Text: text, Path: []string{}}
}

func testDocs() []corpus.Document {
	a := corpus.Document{ID: "itpraksis", Title: "IT i praksis 2020", DocType: corpus.TypeRapport, Date: "2020-06-01",
		Organisation: "Rambøll", Source: "itpraksis.txt", ContentHash: "h1"}
	a.Sections = []corpus.Section{
		section("itpraksis", 0, "Digital kompetanse", "Gjennom koronakrisen har både ansatte i offentlig sektor og brukere måttet forholde seg til digitalt førstevalg."),
		section("itpraksis", 1, "Økt deling av data", "Deling av data er et viktig virkemiddel for å skape sømløse tjenester."),
	}
	b := corpus.Document{ID: "strategi", Title: "Digitaliseringsstrategien", DocType: corpus.TypeStrategi, Date: "2024-09-01",
		Organisation: "Digitaliserings- og forvaltningsdepartementet", Source: "strategi.txt", ContentHash: "h2",
		Commitments: []corpus.Commitment{{ID: "c1", Text: "styrke samarbeidet med KS", Kind: corpus.KindBullet, DocumentID: "strategi"}},
		Tiltak:      []corpus.Tiltak{{ID: "t1", Ref: "7.1", Text: "Utarbeide felles prinsipper", Status: corpus.StatusIkkeStartet, DocumentID: "strategi"}}}
	b.Sections = []corpus.Section{
		section("strategi", 0, "Forsterke styring og samordning", "Regjeringen vil styrke samarbeidet med KS om digitalisering i offentlig sektor."),
		section("strategi", 1, "Helse", "Status og forslag til videre arbeid med kunstig intelligens i helse- og omsorgstjenesten."),
		section("strategi", 2, "Tilskudd", "Målet er deling og gjenbruk av data i statlig tilskuddsforvaltning."),
	}
	b.Tiltak[0].SectionID = b.Sections[0].ID
	c := corpus.Document{ID: "status", Title: "Handlingsplanen – status", DocType: corpus.TypeStatusrapport, Date: "2023-02-01",
		Organisation: "Digdir og KS", Source: "status.txt", ContentHash: "h3"}
	c.Sections = []corpus.Section{
		section("status", 0, "Styrket samarbeid med privat sektor", "Tiltak 7.1 Utarbeide felles prinsipper for samarbeid med privat sektor er ikke startet. Dette skyldes begrenset kapasitet i KDD."),
	}
	return []corpus.Document{a, b, c}
}

func loaded(t testing.TB) *Index {
	ix := memIndex(t)
	if err := ix.Writer().PutMany(context.Background(), testDocs()); err != nil {
		t.Fatal(err)
	}
	return ix
}

func find(t *testing.T, ix *Index, q string) corpus.SearchResult {
	t.Helper()
	res, err := ix.Reader().Search(context.Background(), corpus.SearchRequest{Query: q})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

func TestPutReplacesAndDeleteRemoves(t *testing.T) {
	ctx := context.Background()
	ix := loaded(t)
	r := ix.Reader()
	docs, secs, err := r.Stats(ctx)
	if err != nil || docs != 3 || secs != 6 {
		t.Fatalf("Stats = %d, %d, %v; want 3, 6", docs, secs, err)
	}
	g := ix.Generation()
	d := testDocs()[0]
	d.Sections = d.Sections[1:]
	d.Sections[0].Text = "Deling av data om pandemien."
	d.Sections[0].ID = "itpraksis-new"
	if err := ix.Writer().Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	if ix.Generation() <= g {
		t.Error("generation did not increase on Put")
	}
	if n, _ := r.SectionCount(ctx, "itpraksis"); n != 1 {
		t.Errorf("SectionCount after replace = %d, want 1", n)
	}
	listed, err := r.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range listed {
		if d.ID == "itpraksis" && d.SectionCount != 1 {
			t.Errorf("Documents() gives itpraksis %d sections, want 1", d.SectionCount)
		}
	}
	if res := find(t, ix, "koronakrisen"); res.Total != 0 {
		t.Errorf("old section still found after replace: %+v", res.Hits)
	}
	if res := find(t, ix, "pandemien"); res.Total != 1 {
		t.Errorf("new section not found: total %d", res.Total)
	}
	full, err := r.Document(ctx, "strategi")
	if err != nil || len(full.Sections) != 3 || full.Sections[0].Heading != "Forsterke styring og samordning" || full.Sections[2].Ordinal != 2 {
		t.Fatalf("Document = %+v, %v", full.Sections, err)
	}
	if len(full.Commitments) != 1 || len(full.Tiltak) != 1 {
		t.Errorf("commitments/tiltak not stored: %+v %+v", full.Commitments, full.Tiltak)
	}
	if h, err := r.ContentHash(ctx, "strategi"); h != "h2" || err != nil {
		t.Errorf("ContentHash = %q, %v", h, err)
	}
	if s, err := r.Section(ctx, full.Sections[1].ID); err != nil || s.Heading != "Helse" {
		t.Errorf("Section = %+v, %v", s, err)
	}
	cs, _ := r.Commitments(ctx)
	ts, _ := r.Tiltak(ctx)
	if len(cs) != 1 || len(ts) != 1 {
		t.Errorf("Commitments %d, Tiltak %d; want 1, 1", len(cs), len(ts))
	}

	if err := ix.Writer().Delete(ctx, "strategi"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Document(ctx, "strategi"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("Document after delete: %v", err)
	}
	if _, err := r.Section(ctx, full.Sections[1].ID); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("Section after delete: %v", err)
	}
	if err := ix.Writer().Delete(ctx, "strategi"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
	if _, err := r.ContentHash(ctx, "nope"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("ContentHash of absent: %v", err)
	}
	docsList, _ := r.Documents(ctx)
	if len(docsList) != 2 || docsList[0].Sections != nil {
		t.Errorf("Documents = %+v", docsList)
	}
	if res := find(t, ix, "tilskuddsforvaltning"); res.Total != 0 {
		t.Errorf("deleted document still searchable")
	}
}

func TestSearchFindsCompoundsAndMarksThem(t *testing.T) {
	ix := loaded(t)
	tests := []struct {
		query, heading, mark string
	}{
		{"korona", "Digital kompetanse", "<mark>koronakrisen</mark>"},
		{"krise", "Digital kompetanse", "<mark>koronakrisen</mark>"},
		{"forvaltning", "Tilskudd", "<mark>tilskuddsforvaltning</mark>"},
		{"omsorgstjenester", "Helse", "<mark>omsorgstjenesten</mark>"},
		{"KI", "Helse", "<mark>kunstig</mark> <mark>intelligens</mark>"},
		{`"Regjeringen vil"`, "Forsterke styring og samordning", "<mark>Regjeringen</mark> <mark>vil</mark>"},
		{`"ikke startet"`, "Styrket samarbeid med privat sektor", "<mark>ikke</mark> <mark>startet</mark>"},
		{"tenester", "Økt deling av data", "<mark>tjenester</mark>"},
		{"samarbied", "Styrket samarbeid med privat sektor", "<mark>samarbeid</mark>"},
		{"digitali*", "Forsterke styring og samordning", "<mark>digitalisering</mark>"},
		{"Kommunal- og distriktsdepartementet", "Styrket samarbeid med privat sektor", "<mark>KDD</mark>"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := find(t, ix, tt.query)
			if len(res.Hits) == 0 {
				t.Fatalf("no hits")
			}
			top := res.Hits[0]
			if top.Heading != tt.heading {
				t.Errorf("top hit %q, want %q", top.Heading, tt.heading)
			}
			if !strings.Contains(top.Snippet, tt.mark) {
				t.Errorf("snippet %q lacks %q", top.Snippet, tt.mark)
			}
		})
	}
}

func TestSuggestion(t *testing.T) {
	ix := loaded(t)
	res := find(t, ix, "samarbied privat")
	if res.Suggestion != "samarbeid privat" || !res.Fuzzy || res.ShowingFor != "samarbeid privat" {
		t.Errorf("suggestion %q fuzzy %v showing_for %q", res.Suggestion, res.Fuzzy, res.ShowingFor)
	}
	if res := find(t, ix, "samarbeid"); res.Suggestion != "" || res.Fuzzy {
		t.Errorf("correct query got suggestion %q", res.Suggestion)
	}
}

func TestFiltersAndFacets(t *testing.T) {
	ix := loaded(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		req   corpus.SearchRequest
		total uint64
	}{
		{"type in query", corpus.SearchRequest{Query: "data type:strategi"}, 1},
		{"type in request", corpus.SearchRequest{Query: "data", Types: []corpus.DocType{corpus.TypeRapport}}, 1},
		{"org word", corpus.SearchRequest{Query: "samarbeid org:KS"}, 1},
		{"org phrase", corpus.SearchRequest{Query: `data org:"forvaltningsdepartementet"`}, 1},
		{"year", corpus.SearchRequest{Query: "data year:2020"}, 1},
		{"date range", corpus.SearchRequest{Query: "samarbeid date:2023-01-01..2024-12-31"}, 2},
		{"request dates", corpus.SearchRequest{Query: "samarbeid", FromDate: "2024-01-01"}, 1},
		{"document", corpus.SearchRequest{Query: "data", DocumentID: "strategi"}, 1},
		{"filters only", corpus.SearchRequest{Types: []corpus.DocType{corpus.TypeStrategi}}, 3},
		{"exclude", corpus.SearchRequest{Query: "data -tilskudd"}, 1},
		{"or", corpus.SearchRequest{Query: "pandemi OR koronakrisen"}, 1},
		{"status in query", corpus.SearchRequest{Query: "samarbeid status:ikke-startet"}, 1},
		{"status of no tiltak here", corpus.SearchRequest{Query: "samarbeid status:forsinket"}, 0},
		{"status in request", corpus.SearchRequest{Statuses: []corpus.Status{corpus.StatusIkkeStartet, corpus.StatusFerdig}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Reader().Search(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.total {
				var hs []string
				for _, h := range res.Hits {
					hs = append(hs, h.DocumentID+"/"+h.Heading)
				}
				t.Errorf("total %d, want %d: %v", res.Total, tt.total, hs)
			}
		})
	}
	res, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: "data"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]int{
		"doc_type":     {"rapport": 1, "strategi": 1},
		"organisation": {"Rambøll": 1, "Digitaliserings- og forvaltningsdepartementet": 1},
		"year":         {"2020": 1, "2024": 1},
	}
	for name, vals := range want {
		got := map[string]int{}
		for _, f := range res.Facets[name] {
			got[f.Value] = f.Count
		}
		for v, n := range vals {
			if got[v] != n {
				t.Errorf("facet %s[%s] = %d, want %d (all: %v)", name, v, got[v], n, res.Facets[name])
			}
		}
	}
}

func TestMalformedQueries(t *testing.T) {
	ix := loaded(t)
	for _, req := range []corpus.SearchRequest{
		{Query: `"Regjeringen vil`}, {Query: ""}, {Query: "type:foo"}, {Query: "date:2020-02-30"},
		{Query: "data", FromDate: "2020"}, {Query: "data", Types: []corpus.DocType{"foo"}},
		{Query: "data", From: -1}, {Query: "-data"},
	} {
		t.Run(req.Query, func(t *testing.T) {
			_, err := ix.Reader().Search(context.Background(), req)
			if !errors.Is(err, corpus.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestPagination(t *testing.T) {
	ix := loaded(t)
	ctx := context.Background()
	all, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: "data samarbeid sektor", Size: 100})
	if err != nil || all.Total < 3 {
		t.Fatalf("total %d, %v", all.Total, err)
	}
	var paged []string
	for from := 0; from < int(all.Total); from += 2 {
		res, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: "data samarbeid sektor", Size: 2, From: from})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != all.Total || len(res.Hits) > 2 {
			t.Fatalf("page at %d: total %d, %d hits", from, res.Total, len(res.Hits))
		}
		for _, h := range res.Hits {
			paged = append(paged, h.SectionID)
		}
	}
	for i, h := range all.Hits {
		if paged[i] != h.SectionID {
			t.Fatalf("page order differs at %d", i)
		}
	}
}

func TestPersistsAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	ix, err := Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Writer().PutMany(ctx, testDocs()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir, testOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if res := find(t, ix, "korona"); res.Total != 1 {
		t.Errorf("after reopen: total %d", res.Total)
	}
}
