package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
)

// TestIngestProgressInAPipe: outside a terminal, ingest prints one line per
// file once its outcome is final, with the files extracted, MB/s and the
// time left, and one line per batch written, before the files in it.
func TestIngestProgressInAPipe(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := testFolder(t) // 4 files: 2 documents, a broken PDF, an unsupported file
	_, stderr, code := cli(t, "ingest", "--data", data, dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (one file fails)", code)
	}
	lines := regexp.MustCompile(`(?m)^\[(\d)/4\] (ingested|failed|skipped)\s+\S+.*$`).FindAllStringSubmatch(stderr, -1)
	if len(lines) != 4 {
		t.Fatalf("%d file lines, want 4:\n%s", len(lines), stderr)
	}
	for i, l := range lines {
		if l[1] != string(rune('1'+i)) {
			t.Errorf("line %d counts %s", i+1, l[1])
		}
	}
	if !regexp.MustCompile(`\[4/4\] .* · 4 extracted, [0-9.]+ MB/s, [0-9.a-z]+ left`).MatchString(stderr) {
		t.Errorf("no rate and time left:\n%s", stderr)
	}
	wrote := strings.Index(stderr, "wrote 2 documents (")
	if wrote < 0 || wrote > strings.Index(stderr, "] ingested") {
		t.Errorf("no line for the batch written before its files:\n%s", stderr)
	}
}

// TestProgressRate: the rate runs from the first extraction (not from
// opening the index), and the time left is the rest of the bytes at it.
func TestProgressRate(t *testing.T) {
	clock := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	items := []batch.Item{{Path: "a.pdf", Size: 2e6}, {Path: "b.pdf", Size: 6e6}}
	var out bytes.Buffer
	p := newProgress(&out, items, false, now)
	clock = clock.Add(5 * time.Second) // opening the index
	r := corpus.FileResult{Path: "a.pdf", Outcome: corpus.OutcomeIngested, Sections: 3, Millis: 1000}
	p.extracted(1, 2, 2e6, r)
	clock = clock.Add(time.Second) // writing the batch
	p.written(1, 3)
	p.final(1, 2, r)
	want := "wrote 1 document (3 sections); 1 written so far\n[1/2] ingested  a.pdf (3 sections, 1000 ms) · 1 extracted, 1.0 MB/s, 6s left\n"
	if got := out.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
