// Strategispor-bench measures strategispor beside PostgreSQL full-text search:
// ingest speed, index size, query latency with snippets and facets, serve's
// memory and cold start, on generated corpora (10k and 100k sections by
// default), doing the same work in PostgreSQL in the same run and printing
// each figure with the ratio ours/theirs. It runs the real strategispor
// binary (built from this module unless --binary names one), needs
// ../shared/bench beside the module, and PostgreSQL 15 binaries for the
// comparison. It is a tool, not part of the strategispor binary.
//
// Usage:
//
//	go run ./cmd/strategispor-bench [flags]
//
// Flags:
//
//	--sections N[,N] --scratch DIR --shared DIR --binary FILE --seed N
//	--rounds N --index-batch N --in-process --extract --postgres --pg-bin DIR
//	--pg-port N --cold-start --profile DIR --json FILE --keep --reuse
//	--serve-env KEY=VALUE --ingest-args ARGS --serve-args ARGS
//
// See docs/performance.md for what each flag and figure means.
//
// Exit status: 0 on success, 1 on a runtime error, 2 on a usage error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/strategispor/strategispor/internal/bench"
)

const help = `Usage: strategispor-bench [flags]

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

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var ue usageError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		fmt.Fprintf(os.Stderr, "strategispor-bench: %v\nRun 'strategispor-bench --help' for usage.\n", ue.err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "strategispor-bench:", err)
		os.Exit(1)
	}
}

// usageError is a bad command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// run is the whole command; main only adds signals and the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	for _, arg := range args {
		if arg == "-h" || arg == "--help" {
			_, err := io.WriteString(stdout, help)
			return err
		}
	}
	opt, err := bench.ParseArgs(args)
	if errors.Is(err, pflag.ErrHelp) {
		_, err := io.WriteString(stdout, help)
		return err
	}
	if err != nil {
		return usageError{err}
	}
	opt.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return bench.Run(ctx, opt, stdout)
}
