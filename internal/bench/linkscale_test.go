package bench

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/strategispor/strategispor/index/analysis"
	"github.com/strategispor/strategispor/index/link"
	"github.com/strategispor/strategispor/ingest"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/testutil/memsource"
)

// TestLinkScale times the link computation over a generated corpus run
// through the real ingest pipeline (so commitments and tiltak are found the
// way an upload finds them): the first full computation, then one upload.
//
//	STRATEGISPOR_HEAVY=1 STRATEGISPOR_LINKSCALE_TXT=<gen-corpus --txt-dir> \
//	  STRATEGISPOR_LINKSCALE_FILES=500 go test ./internal/bench -run LinkScale -v
//
// STRATEGISPOR_LINKSCALE_PROFILE=dir writes CPU profiles of both steps.
func TestLinkScale(t *testing.T) {
	dir := os.Getenv("STRATEGISPOR_LINKSCALE_TXT")
	if os.Getenv("STRATEGISPOR_HEAVY") == "" || dir == "" {
		t.Skip("set STRATEGISPOR_HEAVY=1 and STRATEGISPOR_LINKSCALE_TXT to a gen-corpus --txt-dir")
	}
	limit, _ := strconv.Atoi(os.Getenv("STRATEGISPOR_LINKSCALE_FILES"))
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && ingest.Supported(p) {
			files = append(files, p)
		}
		return err
	})
	slices.Sort(files)
	if limit > 0 && len(files) > limit+1 {
		files = files[:limit+1]
	}
	ctx := context.Background()
	src := memsource.New()
	var docs []corpus.Document
	sections, commitments, tiltak := 0, 0, 0
	t0 := time.Now()
	for i, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.File(ctx, filepath.Base(p), data, ingest.Options{SourceKey: p})
		if err != nil {
			t.Fatal(err)
		}
		doc.IngestedAt = time.Unix(int64(i), 0)
		docs = append(docs, doc)
		if i < len(files)-1 {
			sections += len(doc.Sections)
			commitments += len(doc.Commitments)
			tiltak += len(doc.Tiltak)
		}
	}
	t.Logf("ingested %d files in %v: %d sections, %d commitments, %d tiltak (without the upload)",
		len(files)-1, time.Since(t0).Round(time.Millisecond), sections, commitments, tiltak)
	for _, d := range docs[:len(docs)-1] {
		src.Put(d)
	}
	an, err := analysis.New(analysis.Config{})
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(t.TempDir(), link.StateFileName)
	logger := slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	svc := link.New(src, an.Text, link.Options{Generation: src.Generation, Debounce: -1, StateFile: state, Logger: logger})
	defer svc.Close()
	prof := os.Getenv("STRATEGISPOR_LINKSCALE_PROFILE")
	step := func(name string, svc *link.Service) {
		t.Helper()
		if prof != "" {
			f, err := os.Create(filepath.Join(prof, name+".pprof"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		t1 := time.Now()
		if err := svc.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t.Logf("%s: %v (heap %d MB)", name, time.Since(t1).Round(time.Millisecond), ms.HeapAlloc>>20)
	}
	step(fmt.Sprintf("full-%d", sections), svc)
	up := docs[len(docs)-1]
	t1 := time.Now()
	src.Put(up)
	shown := make(chan time.Duration, 1)
	go func() { // how long until the upload's own commitments show
		for {
			cs, err := svc.Commitments(ctx, corpus.CommitmentFilter{DocumentID: up.ID})
			if err == nil && len(cs) > 0 {
				shown <- time.Since(t1)
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	step(fmt.Sprintf("upload-%d", sections), svc)
	t.Logf("upload's own links shown after %v", (<-shown).Round(time.Millisecond))
	cs, err := svc.Commitments(ctx, corpus.CommitmentFilter{DocumentID: up.ID})
	if err != nil {
		t.Fatal(err)
	}
	linked := 0
	for _, c := range cs {
		if len(c.Links) > 0 {
			linked++
		}
	}
	t.Logf("upload: %d commitments, %d linked", len(cs), linked)
	svc.Close()
	if fi, err := os.Stat(state); err == nil {
		t.Logf("%s: %d MB", link.StateFileName, fi.Size()>>20)
	}
	// A restart: every document is analysed again, the links come from the file.
	again := link.New(src, an.Text, link.Options{Generation: src.Generation, Debounce: -1, StateFile: state, Logger: logger})
	defer again.Close()
	step(fmt.Sprintf("restart-%d", sections), again)
}
