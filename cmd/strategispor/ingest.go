package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/strategispor/strategispor/internal/batch"
	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/datadir"
	"github.com/strategispor/strategispor/internal/server"
)

type ingestOptions struct {
	common
	typ       string
	json      bool
	dryRun    bool
	force     bool
	workers   int
	server    string
	sourceURL string
	maxBytes  int64
	timeout   time.Duration
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

Where a document is published is kept with it: --source-url URL for one
file, or for a folder a file named .sources in it, one line per file:

    # file name, then the URL
    nsm-risiko-2020.pdf  https://nsm.no/.../risiko-2020.pdf
    "Digital strategi.docx"  https://www.regjeringen.no/...

A new URL for a file already indexed is taken in by ingesting it again.

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
	fs.StringVar(&o.sourceURL, "source-url", "", "where the one file given is published (an http or https URL)")
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
	if o.sourceURL != "" {
		if err := corpus.CheckSourceURL(o.sourceURL); err != nil {
			return usageErrorf("ingest", "--source-url: %s", strings.TrimSuffix(err.Error(), ": "+corpus.ErrInvalid.Error()))
		}
		if fi, err := os.Stat(paths[0]); len(paths) != 1 || len(items) != 1 || items[0].Key == "" || err != nil || fi.IsDir() {
			return usageErrorf("ingest", "--source-url goes with one file; for a folder, list the URLs in its %s file", batch.SourcesFile)
		}
		items[0].SourceURL = o.sourceURL
	}
	progress := newProgress(a.stderr, items, o.dryRun, time.Now)
	opt := batch.Options{
		Type: corpus.DocType(o.typ), Workers: o.workers, DryRun: o.dryRun, Keep: o.dryRun && o.json, Force: o.force,
		MaxBytes: o.maxBytes, Timeout: o.timeout, Logger: log,
		Extracted: progress.extracted, Written: progress.written, Progress: progress.final,
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
			return corpus.IngestReport{}, lockedAdvice(err, dir, "send the files to it")
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
	sent := int64(0)
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
				res, err = r.Upload(ctx, it.Name, it.Key, it.SourceURL, opt.Type, data)
				res.Path = it.Path
			}
			if err != nil {
				if server.IsConnError(err) {
					rep.Seconds = time.Since(start).Seconds()
					return rep, err // the server is gone; no point trying the rest
				}
				// Every other file would be refused the same way: say it once.
				if refused := refusal(err); refused != nil {
					rep.Seconds = time.Since(start).Seconds()
					return rep, fmt.Errorf("upload stopped at %s, %d of %d files: %w", it.Path, i+1, len(items), refused)
				}
				res.Outcome, res.Reason = corpus.OutcomeFailed, err.Error()
			}
		}
		res.Millis = time.Since(begin).Milliseconds()
		sent += it.Size
		if opt.Extracted != nil {
			opt.Extracted(i+1, len(items), sent, res)
		}
		if opt.Written != nil && res.Outcome == corpus.OutcomeIngested {
			opt.Written(1, res.Sections)
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(items), res)
		}
		rep.Add(res)
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// refusal tells why a server refuses every write, or nil for an error that
// concerns one file only.
func refusal(err error) error {
	switch {
	case errors.Is(err, corpus.ErrUnauthorized):
		return fmt.Errorf("the server wants its token: set $%s to the token it was started with: %w", envToken, corpus.ErrUnauthorized)
	case errors.Is(err, corpus.ErrWritesDisabled):
		return fmt.Errorf("the server was started without a token and takes no uploads; start it with $%s set: %w", envToken, corpus.ErrWritesDisabled)
	}
	return nil
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

func typeList() string {
	s := make([]string, len(corpus.DocTypes))
	for i, t := range corpus.DocTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}
