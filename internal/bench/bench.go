// Package bench measures strategispor against PostgreSQL full-text search on
// the same synthetic Norwegian corpus, in one run, so that every figure comes
// with the ratio ours/theirs taken under the same machine load.
//
// For each corpus size it generates (or reuses) the corpus with the shared
// gen-corpus tool, ingests its .txt files with the real `strategispor ingest`,
// indexes pre-built documents through index.Writer.PutMany, queries a real
// `strategispor serve` over HTTP (snippets and facets included; each query
// once on a fresh process, then repeated; 1 and 2 clients), reads the server's
// resident memory, and does the same load and queries in a throwaway
// PostgreSQL cluster (COPY, to_tsvector('norwegian'), GIN, ts_headline).
// It also times serve's cold start over the seed documents.
//
// The result is a Markdown report; Options.JSONPath adds the raw figures.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Options configures a benchmark run. ParseArgs fills it from the command line.
type Options struct {
	Sections []int  // corpus sizes, e.g. 10000 and 100000
	Scratch  string // work directory: corpora, data dirs, the PostgreSQL cluster
	Shared   string // the shared material: bench/gen-corpus, bench/queries.txt, seeds/
	Binary   string // the strategispor binary; "" builds ./cmd/strategispor from the module root
	Seed     uint64 // corpus PRNG seed

	// IngestArgs and ServeArgs are the command lines given to Binary;
	// {data}, {src} and {addr} are replaced by the data directory, the folder
	// of .txt files and the listen address.
	IngestArgs string
	ServeArgs  string
	ServeEnv   []string // extra environment for serve, e.g. GOMEMLIMIT=250MiB

	Rounds     int  // repetitions of the 30 queries per client in the repeated phases
	IndexBatch int  // documents per PutMany call in the index-only measurement
	InProcess  bool // also time PutMany alone (and search in process) in this process
	Extract    bool // also time extraction alone (ingest.File without the index)
	Postgres   bool // run the PostgreSQL side
	PGBin      string
	PGPort     int
	ColdStart  bool   // time serve's start over the seeds
	ProfileDir string // write CPU profiles of the in-process phases here
	JSONPath   string // also write the result as JSON here ("-" = stdout, after the Markdown)
	Keep       bool   // keep data directories and the PostgreSQL cluster
	Reuse      bool   // take data directories a --keep run left instead of ingesting again

	Args   []string // the command line, reported with the results
	Logger *slog.Logger
}

// Defaults used by ParseArgs.
const (
	DefaultIngestArgs = "ingest --data {data} {src}"
	DefaultServeArgs  = "serve --data {data} --addr {addr}"
	DefaultPGBin      = "/usr/lib/postgresql/15/bin"
	DefaultPGPort     = 55433
)

// ParseArgs parses the arguments of `strategispor-bench`.
func ParseArgs(args []string) (Options, error) {
	fs := pflag.NewFlagSet("bench", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	opt := Options{Args: append([]string(nil), args...)}
	fs.IntSliceVar(&opt.Sections, "sections", []int{10000, 100000}, "corpus sizes in sections")
	fs.StringVar(&opt.Scratch, "scratch", filepath.Join(os.TempDir(), "strategispor-bench"), "work directory (corpora are reused from here)")
	fs.StringVar(&opt.Shared, "shared", "", "shared material directory (default: ../shared next to the module root)")
	fs.StringVar(&opt.Binary, "binary", "", "strategispor binary (default: build ./cmd/strategispor)")
	fs.Uint64Var(&opt.Seed, "seed", 1, "corpus seed")
	fs.StringVar(&opt.IngestArgs, "ingest-args", DefaultIngestArgs, "ingest command line ({data}, {src})")
	fs.StringVar(&opt.ServeArgs, "serve-args", DefaultServeArgs, "serve command line ({data}, {addr})")
	fs.StringArrayVar(&opt.ServeEnv, "serve-env", nil, "extra KEY=VALUE environment for serve (repeatable)")
	fs.IntVar(&opt.Rounds, "rounds", 3, "rounds of the query list per client in the repeated phases")
	fs.IntVar(&opt.IndexBatch, "index-batch", 50, "documents per PutMany call (20 sections each)")
	fs.BoolVar(&opt.InProcess, "in-process", true, "also measure PutMany alone and Reader.Search in process")
	fs.BoolVar(&opt.Extract, "extract", true, "also measure extraction alone (ingest.File without the index)")
	fs.BoolVar(&opt.Postgres, "postgres", true, "compare with PostgreSQL full-text search")
	fs.StringVar(&opt.PGBin, "pg-bin", DefaultPGBin, "PostgreSQL binaries")
	fs.IntVar(&opt.PGPort, "pg-port", DefaultPGPort, "loopback port for the throwaway PostgreSQL cluster")
	fs.BoolVar(&opt.ColdStart, "cold-start", true, "time serve's start over the seeds")
	fs.StringVar(&opt.ProfileDir, "profile", "", "write CPU profiles of the in-process phases to this directory")
	fs.StringVar(&opt.JSONPath, "json", "", "also write JSON results to this file (- for stdout)")
	fs.BoolVar(&opt.Keep, "keep", false, "keep data directories and the PostgreSQL cluster")
	fs.BoolVar(&opt.Reuse, "reuse", false, "query the data directories a --keep run left instead of ingesting again (ingest figures are that run's)")
	if err := fs.Parse(args); err != nil {
		return Options{}, fmt.Errorf("bench: %w", err)
	}
	if fs.NArg() > 0 {
		return Options{}, fmt.Errorf("bench: unexpected argument %q", fs.Arg(0))
	}
	if err := opt.validate(); err != nil {
		return Options{}, err
	}
	return opt, nil
}

func (opt *Options) validate() error {
	if len(opt.Sections) == 0 {
		return errors.New("bench: --sections needs at least one size")
	}
	for _, n := range opt.Sections {
		if n < 20 {
			return fmt.Errorf("bench: corpus size %d is below one document (20 sections)", n)
		}
	}
	if opt.Rounds < 1 {
		return errors.New("bench: --rounds must be at least 1")
	}
	if opt.IndexBatch < 1 {
		return errors.New("bench: --index-batch must be at least 1")
	}
	if !strings.Contains(opt.ServeArgs, "{addr}") || !strings.Contains(opt.ServeArgs, "{data}") {
		return errors.New("bench: --serve-args must contain {data} and {addr}")
	}
	if !strings.Contains(opt.IngestArgs, "{src}") || !strings.Contains(opt.IngestArgs, "{data}") {
		return errors.New("bench: --ingest-args must contain {data} and {src}")
	}
	return nil
}

// Run performs the benchmark and writes the Markdown report to stdout.
func Run(ctx context.Context, opt Options, stdout io.Writer) error {
	if err := opt.validate(); err != nil {
		return err
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(opt.Scratch, 0o755); err != nil {
		return fmt.Errorf("bench: creating scratch dir: %w", err)
	}
	scratch, err := filepath.Abs(opt.Scratch)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	opt.Scratch = scratch
	if opt.Shared == "" {
		if opt.Shared, err = findShared(); err != nil {
			return err
		}
	}
	queries, err := readQueries(filepath.Join(opt.Shared, "bench", "queries.txt"))
	if err != nil {
		return err
	}
	if opt.Binary == "" {
		if opt.Binary, err = buildBinary(ctx, opt.Scratch, log); err != nil {
			return err
		}
	}
	if opt.ProfileDir != "" {
		if err := os.MkdirAll(opt.ProfileDir, 0o755); err != nil {
			return fmt.Errorf("bench: creating profile dir: %w", err)
		}
	}

	res := &Result{Command: commandLine(opt.Args), Machine: describeMachine(), Started: time.Now().UTC()}
	load := startLoadMonitor(ctx, 5*time.Second)
	r := &runner{opt: opt, log: log, queries: queries}
	defer r.cleanup()

	if opt.ColdStart {
		log.Info("cold start over the seeds")
		cs, err := r.seedColdStart(ctx)
		if err != nil {
			return err
		}
		res.Seeds = &cs
	}
	for _, n := range opt.Sections {
		sr, err := r.size(ctx, n)
		if err != nil {
			return err
		}
		res.Sizes = append(res.Sizes, sr)
	}
	res.Seconds = time.Since(res.Started).Seconds()
	res.Load = load.stop()

	if err := writeMarkdown(stdout, res); err != nil {
		return err
	}
	if opt.JSONPath != "" {
		if err := writeJSON(opt.JSONPath, stdout, res); err != nil {
			return err
		}
	}
	return nil
}

func commandLine(args []string) string {
	parts := []string{"strategispor-bench"}
	for _, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$*?") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}
