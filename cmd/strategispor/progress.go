package main

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
)

// progress follows an ingest as files are extracted and batches written.
// On a terminal it is one bar over the input bytes, moved as each file is
// extracted and redrawn up to ten times a second, with files extracted and
// documents written, MB/s and time left. Anywhere else it is one line per
// batch written and one line per file once its outcome is final, with MB/s
// and time left: a file printed "ingested" is on disk, which scripts (and
// the crash tests) rely on.
type progress struct {
	w          io.Writer
	bar        *progressbar.ProgressBar
	now        func() time.Time
	start      time.Time
	files      int
	totalBytes int64
	dryRun     bool
	extractedN int
	bytes      int64 // input of the files extracted so far
	docs, secs int   // written so far
	timing     bool  // start is set: the clock runs from the first extraction, not from opening the index
}

func newProgress(w io.Writer, items []batch.Item, dryRun bool, now func() time.Time) *progress {
	p := &progress{w: w, now: now, files: len(items), dryRun: dryRun}
	for _, it := range items {
		p.totalBytes += it.Size
	}
	if isTerminal(w) {
		p.bar = progressbar.NewOptions64(max(p.totalBytes, 1),
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(p.describe()),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetRenderBlankState(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) describe() string {
	if p.dryRun {
		return fmt.Sprintf("%d/%d files extracted", p.extractedN, p.files)
	}
	return fmt.Sprintf("%d/%d files extracted, %d documents written", p.extractedN, p.files, p.docs)
}

// rate is the input read so far per second, and the time the rest takes at it.
func (p *progress) rate(done int64) (mbps float64, left time.Duration, ok bool) {
	secs := p.now().Sub(p.start).Seconds()
	if secs <= 0 || done <= 0 {
		return 0, 0, false
	}
	perSec := float64(done) / secs
	return perSec / 1e6, time.Duration(float64(p.totalBytes-done) / perSec * float64(time.Second)), true
}

// extracted is batch.Options.Extracted.
func (p *progress) extracted(n, total int, bytes int64, r corpus.FileResult) {
	p.extractedN, p.bytes = n, bytes
	if !p.timing {
		p.start, p.timing = p.now().Add(-time.Duration(r.Millis)*time.Millisecond), true
	}
	if p.bar != nil {
		p.bar.Describe(p.describe())
		_ = p.bar.Set64(bytes)
	}
}

// final is batch.Options.Progress: a file's outcome once it is final.
func (p *progress) final(done, total int, r corpus.FileResult) {
	if p.bar != nil {
		return
	}
	detail := r.Reason
	if r.Outcome == corpus.OutcomeIngested || r.Outcome == corpus.OutcomeDryRun {
		detail = fmt.Sprintf("%d sections, %d ms", r.Sections, r.Millis)
	}
	if detail != "" {
		detail = " (" + detail + ")"
	}
	speed := ""
	if mbps, left, ok := p.rate(p.bytes); ok {
		speed = fmt.Sprintf(" · %d extracted, %.1f MB/s, %s left", p.extractedN, mbps, left.Round(100*time.Millisecond))
	}
	printf(p.w, "[%d/%d] %-9s %s%s%s\n", done, total, r.Outcome, r.Path, detail, speed)
}

// written is batch.Options.Written.
func (p *progress) written(docs, sections int) {
	p.docs += docs
	p.secs += sections
	if p.bar != nil {
		p.bar.Describe(p.describe())
		return
	}
	printf(p.w, "wrote %s (%s); %d written so far\n", count(docs, "document"), count(sections, "section"), p.docs)
}

// count is "1 document", "2 documents".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
