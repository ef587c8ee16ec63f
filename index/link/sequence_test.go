package link_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/internal/corpus"
)

// TestSequenceMatchesScratch adds and removes documents one at a time under
// a long-lived service, which keeps its per-document analysis across the
// changes, and compares its links after every step with those of a new
// service computing from scratch.
func TestSequenceMatchesScratch(t *testing.T) {
	f := newFixture(t, "003")
	ctx := context.Background()
	steps := []struct {
		name string
		add  string // seed to add, or
		del  string // seed to remove
	}{
		{"add status report", "000", ""},
		{"add anskaffelser", "001", ""},
		{"remove status report", "", "000"},
		{"add two more", "002", ""},
		{"and another", "004", ""},
		{"status report back", "000", ""},
		{"remove the strategy", "", "003"},
		{"strategy back", "003", ""},
		{"remove anskaffelser", "", "001"},
	}
	if _, err := f.svc.Commitments(ctx, corpus.CommitmentFilter{}); err != nil {
		t.Fatal(err)
	}
	total := 0 // links over all steps: the comparison must have had something to compare
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var err error
			if st.add != "" {
				err = f.idx.Writer().Put(ctx, f.docs[st.add])
			} else {
				err = f.idx.Writer().Delete(ctx, f.docs[st.del].ID)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := f.svc.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			fresh := link.New(f.idx.Reader(), textAnalyzer(t), link.Options{Generation: f.idx.Generation})
			defer fresh.Close()
			gotC, err := f.svc.Commitments(ctx, corpus.CommitmentFilter{})
			if err != nil {
				t.Fatal(err)
			}
			wantC, err := fresh.Commitments(ctx, corpus.CommitmentFilter{})
			if err != nil {
				t.Fatal(err)
			}
			links := 0
			for _, v := range wantC {
				links += len(v.Links)
			}
			total += links
			if !reflect.DeepEqual(gotC, wantC) {
				t.Errorf("commitments differ from a computation from scratch (%d vs %d, %d links from scratch)", len(gotC), len(wantC), links)
				for i := range min(len(gotC), len(wantC)) {
					if !reflect.DeepEqual(gotC[i], wantC[i]) {
						t.Logf("first difference, %s:\n got %+v\nwant %+v", wantC[i].ID, gotC[i].Links, wantC[i].Links)
						break
					}
				}
			}
			gotT, err := f.svc.TiltakList(ctx, corpus.TiltakFilter{})
			if err != nil {
				t.Fatal(err)
			}
			wantT, err := fresh.TiltakList(ctx, corpus.TiltakFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotT, wantT) {
				t.Errorf("tiltak differ from a computation from scratch (%d vs %d)", len(gotT), len(wantT))
			}
		})
	}
	if total == 0 {
		t.Error("no step had any links")
	}
}
