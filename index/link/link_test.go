package link_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/strategispor/strategispor/index"
	noanalysis "github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
)

// The index's reader is what the server's link service runs on.
var _ link.Source = (*index.Reader)(nil)

var (
	analyzerOnce sync.Once
	sharedText   analysis.Analyzer
)

// textAnalyzer builds the Norwegian analyzer once for all tests.
func textAnalyzer(t testing.TB) analysis.Analyzer {
	analyzerOnce.Do(func() {
		a, err := noanalysis.New(noanalysis.Config{})
		if err != nil {
			t.Fatal(err)
		}
		sharedText = a.Text
	})
	return sharedText
}

var (
	seedOnce sync.Once
	seedDocs map[string]corpus.Document
)

// seeds ingests the shared seed documents with the real pipeline, once.
func seeds(t testing.TB) map[string]corpus.Document {
	t.Helper()
	seedOnce.Do(func() { seedDocs = ingestSeeds(t) })
	if seedDocs == nil {
		t.Skip("../shared/seeds is absent")
	}
	return seedDocs
}

func ingestSeeds(t testing.TB) map[string]corpus.Document {
	dir := testutil.RepoRoot(t)
	files, _ := filepath.Glob(filepath.Join(dir, "..", "shared", "seeds", "*.txt"))
	if len(files) == 0 {
		return nil
	}
	docs := map[string]corpus.Document{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		d, err := ingest.File(context.Background(), name, data, ingest.Options{SourceKey: "seeds/" + name})
		if err != nil {
			t.Fatal(err)
		}
		docs[name[:3]] = d
	}
	return docs
}

// fixture is a real in-memory index with the seeds and a link service on it.
type fixture struct {
	idx  *index.Index
	svc  *link.Service
	docs map[string]corpus.Document
}

func newFixture(t *testing.T, keys ...string) *fixture {
	t.Helper()
	docs := seeds(t)
	idx, err := index.OpenMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	if len(keys) == 0 {
		keys = []string{"000", "001", "002", "003", "004"}
	}
	for _, k := range keys {
		if err := idx.Writer().Put(context.Background(), docs[k]); err != nil {
			t.Fatal(err)
		}
	}
	svc := link.New(idx.Reader(), textAnalyzer(t), link.Options{Generation: idx.Generation})
	t.Cleanup(svc.Close)
	return &fixture{idx: idx, svc: svc, docs: docs}
}

// commitment finds the one commitment whose text contains s.
func (f *fixture) commitment(t *testing.T, s string, kind corpus.CommitmentKind) corpus.CommitmentView {
	t.Helper()
	all, err := f.svc.Commitments(context.Background(), corpus.CommitmentFilter{Kind: kind})
	if err != nil {
		t.Fatal(err)
	}
	var found []corpus.CommitmentView
	for _, v := range all {
		if strings.Contains(v.Text, s) {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d commitments contain %q", len(found), s)
	}
	return found[0]
}

// tiltakByRef finds a tiltak of document key by its ref.
func (f *fixture) tiltakByRef(t *testing.T, key, ref string) corpus.Tiltak {
	t.Helper()
	for _, tk := range f.docs[key].Tiltak {
		if tk.Ref == ref {
			return tk
		}
	}
	t.Fatalf("no tiltak %q in %s", ref, key)
	return corpus.Tiltak{}
}

func linksTo(v corpus.CommitmentView, id string) (corpus.Link, bool) {
	for _, l := range v.Links {
		if l.TargetID == id {
			return l, true
		}
	}
	return corpus.Link{}, false
}

func TestRequiredLinks(t *testing.T) {
	f := newFixture(t)
	t71 := f.tiltakByRef(t, "000", "7.1")
	t44 := f.tiltakByRef(t, "000", "4.4")
	regelverk := f.tiltakByRef(t, "000", "Klart og digitaliseringsvennlig regelverk")

	t.Run("samarbeid med privat og frivillig sektor → tiltak 7.1, ikke startet", func(t *testing.T) {
		v := f.commitment(t, "identifisere nye områder for samarbeid om digitalisering mellom offentlig, privat og frivillig sektor", corpus.KindProse)
		l, ok := linksTo(v, t71.ID)
		if !ok {
			t.Fatalf("no link to tiltak 7.1; links: %+v", v.Links)
		}
		if l.Status != corpus.StatusIkkeStartet || l.TargetType != corpus.TargetTiltak || l.DocumentID != f.docs["000"].ID {
			t.Errorf("link = %+v", l)
		}
		if !strings.HasPrefix(l.TargetText, "Tiltak 7.1 Utarbeide felles prinsipper") {
			t.Errorf("target text %q", l.TargetText)
		}
		var terms []string
		for _, r := range l.Reasons {
			if r.Kind == "shared_terms" {
				for _, tw := range r.Terms {
					terms = append(terms, tw.Term)
					if tw.Weight <= 0 {
						t.Errorf("term %q has weight %v", tw.Term, tw.Weight)
					}
				}
			}
		}
		for _, want := range []string{"privat", "samarbeid", "sektor"} {
			if !slices.ContainsFunc(terms, func(s string) bool { return strings.HasPrefix(s, want) }) {
				t.Errorf("shared terms %q lack %q", terms, want)
			}
		}
		if !slices.ContainsFunc(l.Reasons, func(r corpus.Reason) bool { return r.Kind == link.StatusReason && r.Detail == "er ikke startet" }) {
			t.Errorf("no status words among reasons: %+v", l.Reasons)
		}
		if v.BestStatus == "" {
			t.Error("no best status")
		}
	})
	t.Run("digitaliseringsvennlig regelverk → innsatsområdet and tiltak 4.4", func(t *testing.T) {
		for _, c := range []struct {
			text string
			kind corpus.CommitmentKind
		}{
			{"Regjeringen vil styrke arbeidet med digitaliseringsvennlig regelverk.", corpus.KindProse},
			{"styrke arbeidet med digitaliseringsvennlig regelverk og klart lovspråk", corpus.KindBullet},
		} {
			v := f.commitment(t, c.text, c.kind)
			_, toArea := linksTo(v, regelverk.ID)
			l44, to44 := linksTo(v, t44.ID)
			if !toArea && !to44 {
				t.Errorf("%q: no link to the innsatsområde or tiltak 4.4: %+v", c.text, v.Links)
			}
			if to44 && l44.Status != corpus.StatusForsinket {
				t.Errorf("tiltak 4.4 status %q", l44.Status)
			}
			if !slices.ContainsFunc(v.Links, func(l corpus.Link) bool {
				return slices.ContainsFunc(l.Reasons, func(r corpus.Reason) bool { return r.Kind == "shared_heading" })
			}) {
				t.Errorf("%q: no link names the shared heading", c.text)
			}
		}
	})
	t.Run("EU commitments have no links", func(t *testing.T) {
		for _, s := range []string{
			"delta aktivt i utformingen av EUs fremtidige langtidsprogrammer",
			"redusere etterslepet på gjennomføringen av vedtatt EØS-relevant EU-regelverk",
			"gjennomføre en helhetlig vurdering av Norges deltakelse i EUs fremtidige langtidsprogrammer",
		} {
			if v := f.commitment(t, s, corpus.KindBullet); len(v.Links) != 0 {
				t.Errorf("%q has links: %+v", s, v.Links)
			}
		}
	})
	t.Run("links are well-formed", func(t *testing.T) {
		all, err := f.svc.Commitments(context.Background(), corpus.CommitmentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range all {
			if v.Links == nil {
				t.Errorf("%s: nil links (want [])", v.ID)
			}
			for i, l := range v.Links {
				if l.Score < link.DefaultThreshold || l.Score > 1 || len(l.Reasons) == 0 || l.DocumentID == v.DocumentID || l.CommitmentID != v.ID {
					t.Errorf("%s: bad link %+v", v.ID, l)
				}
				if i > 0 && l.Score > v.Links[i-1].Score {
					t.Errorf("%s: links not sorted by score", v.ID)
				}
				var sum float64
				for _, r := range l.Reasons {
					sum += r.Weight
				}
				if sum < l.Score-0.01 {
					t.Errorf("%s: reasons add up to %.3f, score %.3f", v.ID, sum, l.Score)
				}
			}
		}
	})
}

func TestReverseLinks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	all, err := f.svc.Commitments(ctx, corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	forward := map[string][]string{} // tiltak id → commitment ids
	for _, v := range all {
		for _, l := range v.Links {
			if l.TargetType == corpus.TargetTiltak {
				forward[l.TargetID] = append(forward[l.TargetID], v.ID)
			}
		}
	}
	list, err := f.svc.TiltakList(ctx, corpus.TiltakFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(f.docs["000"].Tiltak) + len(f.docs["001"].Tiltak); len(list) != want {
		t.Errorf("got %d tiltak, want %d", len(list), want)
	}
	for _, tv := range list {
		var got []string
		for _, c := range tv.Commitments {
			got = append(got, c.ID)
		}
		want := forward[tv.ID]
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("tiltak %s lists %v, forward links say %v", tv.Ref, got, want)
		}
		one, err := f.svc.Tiltak(ctx, tv.ID)
		if err != nil || one.ID != tv.ID || len(one.Commitments) != len(tv.Commitments) || one.DocumentTitle == "" {
			t.Errorf("Tiltak(%s) = %+v, %v", tv.ID, one.Tiltak, err)
		}
	}
	t71 := f.tiltakByRef(t, "000", "7.1")
	if len(forward[t71.ID]) == 0 {
		t.Error("tiltak 7.1 follows up no commitment")
	}
}

func TestFilters(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	all, err := f.svc.Commitments(ctx, corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	strategy := f.docs["003"].ID
	tests := []struct {
		name   string
		filter corpus.CommitmentFilter
		want   func(corpus.CommitmentView) bool
	}{
		{"unlinked", corpus.CommitmentFilter{Unlinked: true}, func(v corpus.CommitmentView) bool { return len(v.Links) == 0 }},
		{"document", corpus.CommitmentFilter{DocumentID: strategy}, func(v corpus.CommitmentView) bool { return v.DocumentID == strategy }},
		{"other document", corpus.CommitmentFilter{DocumentID: f.docs["000"].ID}, func(corpus.CommitmentView) bool { return false }},
		{"kind", corpus.CommitmentFilter{Kind: corpus.KindProse}, func(v corpus.CommitmentView) bool { return v.Kind == corpus.KindProse }},
		{"status", corpus.CommitmentFilter{Status: corpus.StatusIkkeStartet}, func(v corpus.CommitmentView) bool { return v.FollowUpStatus == corpus.StatusIkkeStartet }},
		// "regelverket" is analysed: it finds "regelverk" and the compound "regelverksutvikling".
		{"query", corpus.CommitmentFilter{Query: "regelverket"}, func(v corpus.CommitmentView) bool {
			return strings.Contains(strings.ToLower(v.Text), "regelverk")
		}},
		{"query and kind", corpus.CommitmentFilter{Query: "EU", Kind: corpus.KindBullet}, func(v corpus.CommitmentView) bool {
			return v.Kind == corpus.KindBullet && strings.Contains(v.Text, "EU")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.svc.Commitments(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, v := range all {
				if tt.want(v) {
					want = append(want, v.ID)
				}
			}
			var ids []string
			for _, v := range got {
				ids = append(ids, v.ID)
			}
			if !slices.Equal(ids, want) {
				t.Errorf("got %d %v\nwant %d %v", len(ids), ids, len(want), want)
			}
		})
	}
	if len(all) != len(f.docs["003"].Commitments) {
		t.Errorf("got %d commitments, want the strategy's %d", len(all), len(f.docs["003"].Commitments))
	}
	tl, err := f.svc.TiltakList(ctx, corpus.TiltakFilter{Status: corpus.StatusForsinket})
	if err != nil || len(tl) != 1 || tl[0].Ref != "4.4" {
		t.Errorf("tiltak with status forsinket = %+v, %v", tl, err)
	}
	tl, err = f.svc.TiltakList(ctx, corpus.TiltakFilter{Query: "anskaffelser", DocumentID: f.docs["001"].ID})
	if err != nil || len(tl) != 1 || tl[0].Ref != "4" {
		t.Errorf("tiltak about anskaffelser = %+v, %v", tl, err)
	}
}

func TestNotFound(t *testing.T) {
	f := newFixture(t, "003")
	ctx := context.Background()
	if _, err := f.svc.Commitment(ctx, "nope"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("Commitment: %v", err)
	}
	if _, err := f.svc.Tiltak(ctx, "nope"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("Tiltak: %v", err)
	}
	c := f.docs["003"].Commitments[0]
	if v, err := f.svc.Commitment(ctx, c.ID); err != nil || v.ID != c.ID || v.DocumentTitle == "" {
		t.Errorf("Commitment(%s) = %+v, %v", c.ID, v, err)
	}
}

// TestRecompute adds and removes the status report and watches the links
// follow the index's generation once they are refreshed.
func TestRecompute(t *testing.T) {
	f := newFixture(t, "001", "002", "003", "004")
	ctx := context.Background()
	const text = "identifisere nye områder for samarbeid om digitalisering mellom offentlig, privat og frivillig sektor"
	t71 := f.tiltakByRef(t, "000", "7.1")

	if _, ok := linksTo(f.commitment(t, text, corpus.KindProse), t71.ID); ok {
		t.Fatal("linked to tiltak 7.1 before the status report was added")
	}
	if err := f.idx.Writer().Put(ctx, f.docs["000"]); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := linksTo(f.commitment(t, text, corpus.KindProse), t71.ID); !ok {
		t.Error("no link to tiltak 7.1 after the status report was added")
	}
	if tv, err := f.svc.Tiltak(ctx, t71.ID); err != nil || len(tv.Commitments) == 0 {
		t.Errorf("tiltak 7.1 after adding: %d commitments, %v", len(tv.Commitments), err)
	}
	if err := f.idx.Writer().Delete(ctx, f.docs["000"].ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := linksTo(f.commitment(t, text, corpus.KindProse), t71.ID); ok {
		t.Error("still linked to tiltak 7.1 after the status report was removed")
	}
	if _, err := f.svc.Tiltak(ctx, t71.ID); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("tiltak 7.1 after removal: %v", err)
	}
}

// TestWithoutGeneration checks the fallback that watches the document list.
func TestWithoutGeneration(t *testing.T) {
	f := newFixture(t, "003")
	svc := link.New(f.idx.Reader(), textAnalyzer(t), link.Options{})
	defer svc.Close()
	ctx := context.Background()
	before, err := svc.Commitments(ctx, corpus.CommitmentFilter{Unlinked: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.idx.Writer().Put(ctx, f.docs["000"]); err != nil {
		t.Fatal(err)
	}
	if err := svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := svc.Commitments(ctx, corpus.CommitmentFilter{Unlinked: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) >= len(before) {
		t.Errorf("unlinked commitments: %d before adding the status report, %d after", len(before), len(after))
	}
}

// copies returns n copies of every seed under new ids; each shares all its
// words with the others, which is the hard case for candidate selection.
func copies(docs map[string]corpus.Document, from, n int) []corpus.Document {
	var out []corpus.Document
	for i := from; i < from+n; i++ {
		for k, d := range docs {
			data, _ := json.Marshal(d)
			var c corpus.Document
			_ = json.Unmarshal(data, &c)
			suffix := fmt.Sprintf("-%d", i)
			c.ID += suffix
			for j := range c.Sections {
				c.Sections[j].ID += suffix
				c.Sections[j].DocumentID = c.ID
			}
			for j := range c.Commitments {
				c.Commitments[j].ID += suffix
				c.Commitments[j].DocumentID, c.Commitments[j].SectionID = c.ID, c.Commitments[j].SectionID+suffix
			}
			for j := range c.Tiltak {
				c.Tiltak[j].ID += suffix
				c.Tiltak[j].DocumentID, c.Tiltak[j].SectionID = c.ID, c.Tiltak[j].SectionID+suffix
			}
			c.Source = k + suffix
			out = append(out, c)
		}
	}
	return out
}

func benchIndex(b *testing.B) (*index.Index, map[string]corpus.Document) {
	docs := seeds(b)
	idx, err := index.OpenMemory(index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { idx.Close() })
	if err := idx.Writer().PutMany(context.Background(), copies(docs, 0, 40)); err != nil {
		b.Fatal(err)
	}
	return idx, docs
}

// BenchmarkLinkAll measures computing every link from scratch, analysis of
// every document included, over 200 copies of the seeds (run with
// -benchtime=1x).
func BenchmarkLinkAll(b *testing.B) {
	idx, _ := benchIndex(b)
	an := textAnalyzer(b)
	b.ResetTimer()
	for range b.N {
		svc := link.New(idx.Reader(), an, link.Options{Generation: idx.Generation})
		if _, err := svc.Commitments(context.Background(), corpus.CommitmentFilter{Unlinked: true}); err != nil {
			b.Fatal(err)
		}
		svc.Close()
	}
}

// BenchmarkRecomputeAfterUpload measures what an upload costs the link
// service: one new document's analysis and relinking the whole corpus.
func BenchmarkRecomputeAfterUpload(b *testing.B) {
	idx, docs := benchIndex(b)
	ctx := context.Background()
	svc := link.New(idx.Reader(), textAnalyzer(b), link.Options{Generation: idx.Generation})
	defer svc.Close()
	if err := svc.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if err := idx.Writer().Put(ctx, copies(docs, 1000+i, 1)[0]); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := svc.Refresh(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
