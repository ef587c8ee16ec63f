package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/spf13/pflag"

	"github.com/strategispor/strategispor/internal/bench"
)

const benchHelp = `Usage: strategispor bench [flags]

Measures ingest speed, index size, query latency with snippets and facets,
serve's memory and cold start on generated corpora (10k and 100k sections by
default), and does the same work in PostgreSQL full-text search in the same
run, printing each figure with the ratio ours/theirs. Needs ../shared/bench
beside the module and PostgreSQL 15 binaries for the comparison.
See docs/performance.md for the flags and what each figure means.

Flags: --sections N[,N] --scratch DIR --shared DIR --binary FILE --seed N
  --rounds N --index-batch N --in-process --extract --postgres --pg-bin DIR
  --pg-port N --cold-start --profile DIR --json FILE --keep --reuse
  --serve-env KEY=VALUE --ingest-args ARGS --serve-args ARGS
`

func runBench(ctx context.Context, a *app, args []string) error {
	for _, arg := range args {
		if arg == "-h" || arg == "--help" {
			printf(a.stdout, "%s", benchHelp)
			return nil
		}
	}
	opt, err := bench.ParseArgs(args)
	if err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			printf(a.stdout, "%s", benchHelp)
			return nil
		}
		return usageErrorf("bench", "%v", err)
	}
	opt.Logger = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return bench.Run(ctx, opt, a.stdout)
}
