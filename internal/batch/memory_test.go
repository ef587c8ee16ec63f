package batch_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/strategispor/strategispor/internal/batch"
)

// TestReportKeepsNoText checks that a finished batch holds on to no file's
// text: its report keeps titles and warnings, which are cut from the text,
// and a cut string keeps the whole text alive. 24 files of 1 MB each would
// keep about 24 MB.
func TestReportKeepsNoText(t *testing.T) {
	dir := t.TempDir()
	// One commitment a paragraph: 1,320 a file, under corpus.MaxFindings.
	para := "Regjeringen vil styrke samarbeidet om digitalisering i kommunene. " +
		strings.Repeat("Kommunene samarbeider om digitalisering og deling av data. ", 11) + "\n\n"
	body := strings.Repeat(para, (1<<20)/len(para))
	for i := range 24 {
		write(t, filepath.Join(dir, fmt.Sprintf("rapport-%02d.txt", i)), fmt.Sprintf("Rapport nummer %d om deling av data\n\n", i)+body)
	}
	before := heapInUse()
	rep, err := batch.New(nil, batch.Options{DryRun: true}).Run(context.Background(), batch.Walk([]string{dir}))
	if err != nil {
		t.Fatal(err)
	}
	kept := heapInUse() - before
	if len(rep.Results) != 24 || rep.Results[0].Title == "" {
		t.Fatalf("unexpected report: %d results, first %+v", len(rep.Results), rep.Results[0])
	}
	if kept > 8<<20 {
		t.Errorf("the report of 24 MB of text keeps %.1f MB of heap", float64(kept)/(1<<20))
	}
	runtime.KeepAlive(rep)
}

func heapInUse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}
