package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/datadir"
	"github.com/strategispor/strategispor/internal/server"
)

// envToken names the variable holding the bearer token for writes.
const envToken = "STRATEGISPOR_TOKEN"

// backend is what the query commands need, from the local index or from the
// server that holds the data directory.
type backend interface {
	Documents(ctx context.Context) ([]server.DocumentSummary, error)
	Search(ctx context.Context, req corpus.SearchRequest) (corpus.SearchResult, error)
	Commitments(ctx context.Context, f corpus.CommitmentFilter) ([]corpus.CommitmentView, error)
	Commitment(ctx context.Context, id string) (corpus.CommitmentView, error)
	TiltakList(ctx context.Context, f corpus.TiltakFilter) ([]corpus.TiltakView, error)
	Tiltak(ctx context.Context, id string) (corpus.TiltakView, error)
	Delete(ctx context.Context, id string) error
	Close() error
}

var (
	_ backend = (*server.Client)(nil)
	_ backend = (*local)(nil)
)

// openBackend opens the local index, or, when serverFlag is set or a server
// holds the directory and the command only reads, that server's API. A
// write with no serverFlag on a held directory fails, naming the server.
func (a *app) openBackend(ctx context.Context, c common, serverFlag string, write bool, log *slog.Logger) (backend, error) {
	dir, err := datadir.Resolve(c.data, a.getenv)
	if err != nil {
		return nil, err
	}
	if serverFlag != "" {
		base, err := serverURL(serverFlag, dir)
		if err != nil {
			return nil, err
		}
		return server.NewClient(base, a.getenv(envToken)), nil
	}
	l, err := openLocal(ctx, dir, log)
	if err == nil {
		return l, nil
	}
	if !errors.Is(err, corpus.ErrLocked) {
		return nil, err
	}
	info, rerr := datadir.ReadServer(dir)
	if rerr != nil || info.URL == "" {
		return nil, lockedAdvice(err, dir, "")
	}
	if write {
		return nil, lockedAdvice(err, dir, "send the change to it")
	}
	log.Info("data directory held by a server; asking it", "url", info.URL)
	return server.NewClient(info.URL, a.getenv(envToken)), nil
}

// lockedAdvice adds to a locked-directory error the step that works: with
// a server recorded in the directory, --server auto (what it does is
// doing); with none, another command holds the directory for a while
// (an ingest or a delete), so wait and run the command again.
func lockedAdvice(err error, dir, doing string) error {
	if info, rerr := datadir.ReadServer(dir); rerr == nil && info.URL != "" && doing != "" {
		return fmt.Errorf("%w; add --server auto to %s (with the token in $%s)", err, doing, envToken)
	}
	return fmt.Errorf("%w; it is busy with another command (an ingest or a delete): run this one again when that has finished", err)
}

// serverURL resolves --server: "auto" reads the data directory's server.json.
func serverURL(flag, dir string) (string, error) {
	if flag == "auto" {
		info, err := datadir.ReadServer(dir)
		if err != nil {
			return "", fmt.Errorf("--server auto: no running server recorded for %s: %w", dir, err)
		}
		return info.URL, nil
	}
	u, err := url.Parse(flag)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", &exitError{code: 2, err: fmt.Errorf("--server %q is not an http(s) URL or \"auto\"", flag)}
	}
	return flag, nil
}
