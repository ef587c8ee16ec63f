package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/datadir"
	"github.com/strategispor/strategispor/internal/server"
)

type ingestOptions struct {
	common
	typ      string
	json     bool
	dryRun   bool
	force    bool
	workers  int
	server   string
	maxBytes int64
	timeout  time.Duration
}

const ingestHelp = `
Adds files and folders to the index. Folders are walked recursively (hidden
files and folders are left out); .txt, .md, .markdown, .html, .htm, .pdf,
.docx, .adoc and .asciidoc files are extracted in parallel, other files are
skipped with a note.
Files whose content is already indexed are reported as unchanged; a changed
file replaces its document. A file that cannot be read is reported with the
reason and never stops the batch.

While a server holds the data directory, add --server auto (or its URL) to
send the files to it; the token comes from $STRATEGISPOR_TOKEN.

Exit status: 0 when every file succeeded, 1 when some failed (the others stay
ingested), 2 on a usage error.`

func runIngest(ctx context.Context, a *app, args []string) error {
	var o ingestOptions
	fs := newFlags("ingest")
	o.register(fs)
	fs.StringVar(&o.typ, "type", "", "document type for every file instead of detecting it: "+typeList())
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.BoolVar(&o.dryRun, "dry-run", false, "extract and report without writing to the index")
	fs.BoolVar(&o.force, "force", false, "re-extract files even when their content is already indexed")
	fs.IntVar(&o.workers, "workers", 0, "parallel extractions (default: number of CPUs)")
	fs.StringVar(&o.server, "server", "", `send the files to a running server: its URL, or "auto" to read it from the data directory`)
	fs.Int64Var(&o.maxBytes, "max-bytes", 0, "skip files larger than this many bytes (default 256 MiB)")
	fs.DurationVar(&o.timeout, "timeout", 0, "time limit per file (default 60s)")
	if err := a.parse(fs, args, "PATH...", ingestHelp); err != nil {
		return done(err)
	}
	paths := fs.Args()
	switch {
	case len(paths) == 0:
		return usageErrorf("ingest", "ingest needs at least one file or folder")
	case o.typ != "" && !corpus.DocType(o.typ).Valid():
		return usageErrorf("ingest", "--type %q is not one of %s", o.typ, typeList())
	case o.workers < 0:
		return usageErrorf("ingest", "--workers must be 0 or more")
	case o.dryRun && o.server != "":
		return usageErrorf("ingest", "--dry-run and --server do not go together")
	}
	log := o.logger(a, slog.LevelWarn)
	items := batch.Walk(paths)
	progress := newProgress(a.stderr, len(items))
	opt := batch.Options{
		Type: corpus.DocType(o.typ), Workers: o.workers, DryRun: o.dryRun, Force: o.force,
		MaxBytes: o.maxBytes, Timeout: o.timeout, Logger: log, Progress: progress.update,
	}

	var (
		rep corpus.IngestReport
		err error
	)
	switch {
	case o.server != "":
		dir, derr := datadir.Resolve(o.data, a.getenv)
		if derr != nil {
			return derr
		}
		base, uerr := serverURL(o.server, dir)
		if uerr != nil {
			return uerr
		}
		rep, err = uploadAll(ctx, server.NewClient(base, a.getenv(envToken)), items, opt)
	case o.dryRun:
		rep, err = batch.New(nil, opt).Run(ctx, items)
	default:
		rep, err = a.ingestLocal(ctx, o, items, opt, log)
	}
	progress.finish()
	if rep.Files == 0 && err != nil {
		return err
	}
	if o.json {
		if jerr := writeJSON(a.stdout, rep); jerr != nil {
			return jerr
		}
	} else {
		printSummary(a.stdout, rep, o.dryRun)
	}
	if err != nil {
		return err
	}
	if rep.Failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d of %d files failed", rep.Failed, rep.Files)}
	}
	return nil
}

func (a *app) ingestLocal(ctx context.Context, o ingestOptions, items []batch.Item, opt batch.Options, log *slog.Logger) (_ corpus.IngestReport, err error) {
	dir, err := datadir.Resolve(o.data, a.getenv)
	if err != nil {
		return corpus.IngestReport{}, err
	}
	l, err := openLocal(ctx, dir, log)
	if err != nil {
		if errors.Is(err, corpus.ErrLocked) {
			return corpus.IngestReport{}, fmt.Errorf("%w; add --server auto to send the files to it (with the token in $%s)", err, envToken)
		}
		return corpus.IngestReport{}, err
	}
	defer func() {
		if cerr := l.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing the index: %w", cerr)
		}
	}()
	return batch.New(l.store(), opt).Run(ctx, items)
}

// uploadAll sends every item to a server, one at a time, reporting like a local batch.
func uploadAll(ctx context.Context, r *server.Client, items []batch.Item, opt batch.Options) (corpus.IngestReport, error) {
	start := time.Now()
	rep := corpus.IngestReport{Results: []corpus.FileResult{}}
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			rep.Seconds = time.Since(start).Seconds()
			return rep, fmt.Errorf("upload stopped after %d of %d files: %w", i, len(items), err)
		}
		begin := time.Now()
		res := corpus.FileResult{Path: it.Path}
		switch {
		case it.Err != nil:
			res.Outcome, res.Reason = corpus.OutcomeFailed, it.Err.Error()
		case it.Skip != "":
			res.Outcome, res.Reason = corpus.OutcomeSkipped, it.Skip
		default:
			data, err := it.Read()
			if err == nil {
				res, err = r.Upload(ctx, it.Name, it.Key, opt.Type, data)
				res.Path = it.Path
			}
			if err != nil {
				if server.IsConnError(err) {
					rep.Seconds = time.Since(start).Seconds()
					return rep, err // the server is gone; no point trying the rest
				}
				res.Outcome, res.Reason = corpus.OutcomeFailed, err.Error()
			}
		}
		res.Millis = time.Since(begin).Milliseconds()
		if opt.Progress != nil {
			opt.Progress(i+1, len(items), res)
		}
		rep.Add(res)
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

func printSummary(w io.Writer, rep corpus.IngestReport, dryRun bool) {
	verb := "ingested"
	if dryRun {
		verb = "extracted (dry run, nothing written)"
	}
	printf(w, "%d files: %d documents (%d %s, %d unchanged), %d sections, %d skipped, %d failed in %.1f s\n",
		rep.Files, rep.Documents, rep.Ingested, verb, rep.Unchanged, rep.Sections, rep.Skipped, rep.Failed, rep.Seconds)
	for _, kind := range []corpus.FileOutcome{corpus.OutcomeFailed, corpus.OutcomeSkipped} {
		first := true
		for _, r := range rep.Results {
			if r.Outcome != kind {
				continue
			}
			if first {
				printf(w, "%s:\n", kind)
				first = false
			}
			printf(w, "  %s: %s\n", r.Path, r.Reason)
		}
	}
}

// progress shows a bar on a terminal and one line per file elsewhere.
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w}
	if isTerminal(w) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) update(done, total int, r corpus.FileResult) {
	if p.bar != nil {
		_ = p.bar.Set(done)
		return
	}
	detail := r.Reason
	if r.Outcome == corpus.OutcomeIngested || r.Outcome == corpus.OutcomeDryRun {
		detail = fmt.Sprintf("%d sections, %d ms", r.Sections, r.Millis)
	}
	if detail != "" {
		detail = " (" + detail + ")"
	}
	printf(p.w, "[%d/%d] %-9s %s%s\n", done, total, r.Outcome, r.Path, detail)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

func typeList() string {
	s := make([]string, len(corpus.DocTypes))
	for i, t := range corpus.DocTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}
