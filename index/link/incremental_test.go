package link_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
	"github.com/strategispor/strategispor/internal/testutil/memsource"
)

// realDocs ingests the seeds, the shared corpus and the real link gold
// set's documents, in a fixed order.
func realDocs(t *testing.T) []corpus.Document {
	t.Helper()
	root := testutil.RepoRoot(t)
	var files []string
	for _, pat := range []string{
		filepath.Join(root, "..", "shared", "seeds", "*.txt"),
		filepath.Join(root, "..", "shared", "corpus", "*", "*"),
		filepath.Join(root, "internal", "linkeval", "testdata", "real", "docs", "*"),
	} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	var docs []corpus.Document
	for i, f := range files {
		if !ingest.Supported(f) || strings.Contains(f, "pdf-torture") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ingest.File(context.Background(), filepath.Base(f), data, ingest.Options{SourceKey: f})
		if err != nil {
			t.Logf("skipping %s: %v", f, err)
			continue
		}
		d.IngestedAt = time.Unix(int64(i), 0).UTC()
		docs = append(docs, d)
	}
	if len(docs) < 8 {
		t.Skipf("only %d real documents found", len(docs))
	}
	return docs
}

// linksOf returns every commitment's links and every tiltak's linked
// commitments as JSON, by id.
func linksOf(t *testing.T, svc *link.Service) map[string]string {
	t.Helper()
	ctx := context.Background()
	if err := svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	cs, err := svc.Commitments(ctx, corpus.CommitmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		b, _ := json.Marshal(c)
		out[c.ID] = string(b)
	}
	ts, err := svc.TiltakList(ctx, corpus.TiltakFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		b, _ := json.Marshal(x)
		out[x.ID] = string(b)
	}
	return out
}

// TestIncrementalEqualsFull runs adds, replaces and deletes of real
// documents through one service and checks it against a fresh service
// that computes everything from scratch: with a negative tolerance
// (statistics held exact) every answer must be the same; with a tolerance
// that never forces a full relinking, the commitments of changed documents
// and of documents related to them must be the same, and every other
// commitment keeps the links it had.
func TestIncrementalEqualsFull(t *testing.T) {
	docs := realDocs(t)
	an := textAnalyzer(t)
	for _, tc := range []struct {
		name string
		tol  float64
	}{{"exact statistics", -1}, {"statistics kept", 1e9}} {
		t.Run(tc.name, func(t *testing.T) {
			src := memsource.New()
			half := len(docs) / 2
			for _, d := range docs[:half] {
				src.Put(d)
			}
			inc := link.New(src, an, link.Options{Generation: src.Generation, Debounce: -1, StatsTolerance: tc.tol})
			defer inc.Close()
			prev := linksOf(t, inc)
			replaced := docs[1]
			replaced.IngestedAt = replaced.IngestedAt.Add(time.Hour)
			replaced.ContentHash = "changed"
			if len(replaced.Sections) > 0 {
				replaced.Sections = slices.Clone(replaced.Sections)
				replaced.Sections[0].Text += " Regjeringen vil styrke samarbeidet om digitalisering i kommunene."
			}
			steps := []struct {
				name    string
				do      func()
				changed []string
			}{
				{"add " + docs[half].ID, func() { src.Put(docs[half]) }, []string{docs[half].ID}},
				{"replace " + replaced.ID, func() { src.Put(replaced) }, []string{replaced.ID}},
				{"delete " + docs[0].ID, func() { src.Delete(docs[0].ID) }, []string{docs[0].ID}},
				{"add the rest", func() {
					for _, d := range docs[half+1:] {
						src.Put(d)
					}
				}, ids(docs[half+1:])},
				{"delete " + docs[2].ID, func() { src.Delete(docs[2].ID) }, []string{docs[2].ID}},
			}
			for _, st := range steps {
				st.do()
				got := linksOf(t, inc)
				full := link.New(src, an, link.Options{Generation: src.Generation, Debounce: -1, StatsTolerance: -1})
				want := linksOf(t, full)
				n, all := inc.Relinked()
				t.Logf("%s: relinked %d commitments (all: %v)", st.name, n, all)
				touched := touchedDocs(t, full, st.changed)
				for id, w := range want {
					g, ok := got[id]
					if !ok {
						t.Errorf("%s: %s missing after the incremental computation", st.name, id)
						continue
					}
					if g == w {
						continue
					}
					if tc.tol < 0 || touched[docOf(w)] || !strings.HasPrefix(w, `{"id":`) || g != prev[id] {
						t.Errorf("%s: %s differs from a full computation\n got %s\nwant %s", st.name, id, g, w)
					}
				}
				if len(got) != len(want) {
					t.Errorf("%s: %d answers, a full computation has %d", st.name, len(got), len(want))
				}
				full.Close()
				prev = got
			}
		})
	}
}

func ids(ds []corpus.Document) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

func docOf(view string) string {
	var v struct {
		DocumentID string `json:"document_id"`
	}
	json.Unmarshal([]byte(view), &v)
	return v.DocumentID
}

// touchedDocs lists the changed documents and those related to them, as
// the full computation sees the relations.
func touchedDocs(t *testing.T, svc *link.Service, changed []string) map[string]bool {
	out := map[string]bool{}
	for _, id := range changed {
		out[id] = true
		r, err := svc.Relations(context.Background(), id)
		if err != nil {
			continue // deleted
		}
		for _, l := range [][]corpus.DocumentRelation{r.FollowsUp, r.FollowedUpBy, r.Cites, r.CitedBy, r.SamePlan, r.Copies} {
			for _, x := range l {
				out[x.DocumentID] = true
			}
		}
	}
	return out
}

// TestStateFile restarts the service over the same documents: links come
// back from links.state without relinking and equal the computed ones; a
// damaged or foreign file is recomputed, never served.
func TestStateFile(t *testing.T) {
	docs := realDocs(t)
	an := textAnalyzer(t)
	src := memsource.New()
	for _, d := range docs {
		src.Put(d)
	}
	path := filepath.Join(t.TempDir(), link.StateFileName)
	open := func(opt link.Options) *link.Service {
		opt.Generation, opt.Debounce, opt.StateFile = src.Generation, -1, path
		return link.New(src, an, opt)
	}
	first := open(link.Options{})
	want := linksOf(t, first)
	n, _ := first.Relinked()
	first.Close()
	if n == 0 {
		t.Fatal("the first computation linked nothing")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damaged := slices.Clone(data)
	damaged[len(damaged)/2] ^= 0xff
	for _, tc := range []struct {
		name    string
		file    []byte
		opt     link.Options
		relinks bool
	}{
		{"as written", data, link.Options{}, false},
		{"damaged", damaged, link.Options{}, true},
		{"truncated", data[:len(data)/3], link.Options{}, true},
		{"other options", data, link.Options{MaxLinks: 2}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(path, tc.file, 0o644); err != nil {
				t.Fatal(err)
			}
			svc := open(tc.opt)
			defer svc.Close()
			got := linksOf(t, svc)
			n, _ := svc.Relinked()
			if relinked := n > 0; relinked != tc.relinks {
				t.Errorf("relinked %d commitments, want relinking: %v", n, tc.relinks)
			}
			if tc.opt.MaxLinks != 0 {
				return
			}
			for id, w := range want {
				if got[id] != w {
					t.Errorf("%s after a restart:\n got %s\nwant %s", id, got[id], w)
				}
			}
		})
	}
}
