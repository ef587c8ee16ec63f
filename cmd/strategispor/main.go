// Strategispor searches Norwegian public-sector strategy texts: what the
// government committed to ("Regjeringen vil …"), which tiltak follow those
// commitments up, and their status.
//
// Usage:
//
//	strategispor <command> [flags] [arguments]
//
// Commands:
//
//	serve        run the web UI and JSON API
//	ingest       add files and folders to the index
//	documents    list indexed documents
//	delete       remove a document
//	search       search sections
//	commitments  list commitments with their best link
//	tiltak       list tiltak with their status, counted by status
//	links        show the links of a commitment or a tiltak
//	version      print version and build information
//
// Every command takes --data DIR, the data directory (default
// $STRATEGISPOR_DATA, else $XDG_DATA_HOME/strategispor, else
// ~/.local/share/strategispor), and --help. One process at a time owns a data
// directory. While `serve` runs, the read-only commands ask the server
// instead, and `ingest --server auto` and `delete --server auto` send their
// changes to it with the token in $STRATEGISPOR_TOKEN.
//
// Exit status: 0 on success, 1 when some files failed or on a runtime error,
// 2 on a usage error.
//
// The benchmark against PostgreSQL full-text search is a separate tool,
// cmd/strategispor-bench; this binary carries no test or bench harness.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/pflag"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the process at once
	}()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(report(err, os.Stderr))
}

// report prints err, if it has something to say, and returns the exit code.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "strategispor:", ee.err)
			if ee.code == 2 && ee.cmd != "" {
				fmt.Fprintf(stderr, "Run 'strategispor %s --help' for usage.\n", ee.cmd)
			} else if ee.code == 2 {
				fmt.Fprintln(stderr, "Run 'strategispor --help' for usage.")
			}
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "strategispor:", err)
	return 1
}

// exitError carries the exit code; a nil err means the message was printed already.
type exitError struct {
	code int
	cmd  string
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func usageErrorf(cmd, format string, args ...any) error {
	return &exitError{code: 2, cmd: cmd, err: fmt.Errorf(format, args...)}
}

// app is what every command gets: standard streams and the environment.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	name    string
	args    string // argument synopsis after the flags
	summary string
	run     func(ctx context.Context, a *app, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "", "run the web UI and JSON API", runServe},
		{"ingest", "PATH...", "add files and folders to the index", runIngest},
		{"documents", "", "list indexed documents", runDocuments},
		{"delete", "ID", "remove a document", runDelete},
		{"search", "QUERY...", "search sections", runSearch},
		{"commitments", "", "list commitments with their best link", runCommitments},
		{"tiltak", "", "list tiltak with their status, counted by status", runTiltak},
		{"links", "ID", "show the links of a commitment or a tiltak", runLinks},
		{"version", "", "print version and build information", runVersion},
	}
}

// run is the whole command line; main only adds signals and the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	out := &outWriter{w: stdout}
	err := dispatch(ctx, &app{stdin: stdin, stdout: out, stderr: stderr, getenv: os.Getenv}, args)
	if err == nil && out.err != nil {
		err = fmt.Errorf("writing the output: %w", out.err)
	}
	return err
}

// outWriter remembers the first failed write, so that output lost to a full
// disk or a closed pipe fails the command instead of passing in silence.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	o.err = err
	return n, err
}

// dispatch runs the command args name.
func dispatch(ctx context.Context, a *app, args []string) error {
	if len(args) == 0 {
		a.usage(a.stderr)
		return &exitError{code: 2}
	}
	switch args[0] {
	case "-h", "--help", "help":
		a.usage(a.stdout)
		return nil
	case "--version", "-version":
		return runVersion(ctx, a, nil)
	case "bench":
		return usageErrorf("", "the benchmark is its own command now: go run ./cmd/strategispor-bench %s (see docs/performance.md)",
			strings.Join(args[1:], " "))
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, a, args[1:])
		}
	}
	return usageErrorf("", "unknown command %q", args[0])
}

func (a *app) usage(w io.Writer) {
	fmt.Fprint(w, "strategispor searches Norwegian public-sector strategies, their commitments and tiltak.\n\n")
	fmt.Fprint(w, "Usage: strategispor <command> [flags] [arguments]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'strategispor <command> --help' for a command's flags.\n")
}

// common holds the flags every command has.
type common struct {
	data    string
	verbose bool
}

func (c *common) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.data, "data", "", "data directory (default $STRATEGISPOR_DATA or ~/.local/share/strategispor)")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "log debug details to stderr")
}

// logger writes to stderr: warnings and errors, or everything with --verbose.
func (c *common) logger(a *app, base slog.Level) *slog.Logger {
	level := base
	if c.verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
}

// newFlags makes a command's flag set; errors are reported by parse.
func newFlags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	return fs
}

// errHelp stops a command after its help was printed.
var errHelp = errors.New("help shown")

// parse parses args; on --help it prints the command's usage to stdout and
// returns errHelp, on bad flags a usage error.
func (a *app) parse(fs *pflag.FlagSet, args []string, synopsis, description string) error {
	err := fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) {
		fmt.Fprintf(a.stdout, "Usage: strategispor %s [flags] %s\n\n%s\n\nFlags:\n%s", fs.Name(), synopsis,
			strings.TrimSpace(description), fs.FlagUsages())
		return errHelp
	}
	if err != nil {
		return usageErrorf(fs.Name(), "%s: %v", fs.Name(), err)
	}
	return nil
}

// done turns errHelp into success.
func done(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}
