package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil"
)

// TestQueryLatency runs the bench query list once each, then once more, on an
// existing on-disk index (STRATEGISPOR_BENCH_INDEX=<data dir>/index, not in
// use by a server), with snippets and facets, and logs per-query times and
// totals. It measures; it asserts nothing about time.
//
//	STRATEGISPOR_BENCH_INDEX=/tmp/data/index go test ./index -run QueryLatency -v -cpuprofile q.pprof
//
// STRATEGISPOR_BENCH_QUERIES names another query file.
func TestQueryLatency(t *testing.T) {
	dir := os.Getenv("STRATEGISPOR_BENCH_INDEX")
	if dir == "" {
		t.Skip("set STRATEGISPOR_BENCH_INDEX to an index directory (<data>/index)")
	}
	list := os.Getenv("STRATEGISPOR_BENCH_QUERIES") // one query a line; default the bench list
	if list == "" {
		list = filepath.Join(testutil.RepoRoot(t), "..", "shared", "bench", "queries.txt")
	}
	data, err := os.ReadFile(list)
	if err != nil {
		t.Skip(err)
	}
	queries := strings.Split(strings.TrimSpace(string(data)), "\n")
	opt := testOptions(t)
	opened := time.Now()
	ix, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Open: %.1f ms (analysis built before)", float64(time.Since(opened).Microseconds())/1000)
	defer ix.Close()
	ctx := context.Background()
	for _, round := range []string{"first", "again"} {
		var took, cpu []float64
		for _, q := range queries {
			start, cpu0 := time.Now(), cpuTime()
			res, err := ix.Reader().Search(ctx, corpus.SearchRequest{Query: q})
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			ms := float64(time.Since(start).Microseconds()) / 1000
			cms := float64((cpuTime() - cpu0).Microseconds()) / 1000
			took, cpu = append(took, ms), append(cpu, cms)
			if len(res.Hits) > 0 && (res.Hits[0].Snippet == "" || len(res.Facets["doc_type"]) == 0) {
				t.Errorf("%q: no snippet or facets", q)
			}
			if round == "first" {
				t.Logf("%8.1f ms %8.1f cpu-ms %7d hits  %s", ms, cms, res.Total, q)
			}
		}
		slices.Sort(took)
		slices.Sort(cpu)
		t.Logf("%s: p50 %.1f ms, max %.1f ms; CPU p50 %.1f ms, max %.1f ms over %d queries",
			round, took[len(took)/2], took[len(took)-1], cpu[len(cpu)/2], cpu[len(cpu)-1], len(took))
	}
}

// cpuTime is the process's user and system CPU time so far: unlike wall
// time, it hardly changes with the load of other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// repoRoot walks up from the working directory to the directory holding go.mod.
