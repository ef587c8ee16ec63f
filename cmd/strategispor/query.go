package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/server"
)

func runDocuments(ctx context.Context, a *app, args []string) error {
	var c common
	var asJSON bool
	fs := newFlags("documents")
	c.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if err := a.parse(fs, args, "", "Lists the indexed documents: id, type, date, title and number of sections."); err != nil {
		return done(err)
	}
	if fs.NArg() > 0 {
		return usageErrorf("documents", "documents takes no arguments")
	}
	b, err := a.openBackend(ctx, c, "", false, c.logger(a, slog.LevelWarn))
	if err != nil {
		return err
	}
	defer b.Close()
	docs, err := b.Documents(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(a.stdout, server.DocumentList{Documents: nonNil(docs)})
	}
	tw := newTable(a.stdout)
	fmt.Fprintln(tw, "ID\tTYPE\tDATE\tSECTIONS\tTITLE")
	for _, d := range docs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", d.ID, d.DocType, orDash(d.Date), d.Sections, clip(d.Title, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	printf(a.stdout, "%d documents\n", len(docs))
	return nil
}

func runDelete(ctx context.Context, a *app, args []string) error {
	var c common
	var srv string
	fs := newFlags("delete")
	c.register(fs)
	fs.StringVar(&srv, "server", "", `delete through a running server: its URL, or "auto"`)
	if err := a.parse(fs, args, "ID", "Removes a document with its sections, commitments and tiltak from the index."); err != nil {
		return done(err)
	}
	if fs.NArg() != 1 {
		return usageErrorf("delete", "delete needs exactly one document id")
	}
	id := fs.Arg(0)
	b, err := a.openBackend(ctx, c, srv, true, c.logger(a, slog.LevelWarn))
	if err != nil {
		return err
	}
	if err := b.Delete(ctx, id); err != nil {
		return errors.Join(err, b.Close())
	}
	// The delete is durable once the index has closed.
	if err := b.Close(); err != nil {
		return fmt.Errorf("closing the index: %w", err)
	}
	printf(a.stdout, "deleted %s\n", id)
	return nil
}

type searchOptions struct {
	common
	json     bool
	types    []string
	size     int
	from     int
	org      string
	year     int
	fromDate string
	toDate   string
	document string
}

func runSearch(ctx context.Context, a *app, args []string) error {
	var o searchOptions
	fs := newFlags("search")
	o.common.register(fs)
	fs.BoolVar(&o.json, "json", false, "print JSON")
	fs.StringSliceVar(&o.types, "type", nil, "only these document types (repeat or separate with commas)")
	fs.IntVar(&o.size, "size", 10, fmt.Sprintf("hits to show, at most %d", corpus.MaxSearchSize))
	fs.IntVar(&o.from, "from", 0, "skip this many hits")
	fs.StringVar(&o.org, "org", "", "only documents from this organisation")
	fs.IntVar(&o.year, "year", 0, "only documents from this year")
	fs.StringVar(&o.fromDate, "from-date", "", "only documents dated on or after YYYY-MM-DD")
	fs.StringVar(&o.toDate, "to-date", "", "only documents dated on or before YYYY-MM-DD")
	fs.StringVar(&o.document, "document", "", "only sections of this document id")
	if err := a.parse(fs, args, "QUERY...", "Searches sections and prints the ranked hits with heading path and snippet."); err != nil {
		return done(err)
	}
	if fs.NArg() == 0 {
		return usageErrorf("search", "search needs a query")
	}
	if o.size < 1 || o.size > corpus.MaxSearchSize {
		return usageErrorf("search", "--size must be from 1 to %d", corpus.MaxSearchSize)
	}
	if o.from < 0 {
		return usageErrorf("search", "--from must be 0 or more")
	}
	req := corpus.SearchRequest{Query: strings.Join(fs.Args(), " "), Size: o.size, From: o.from,
		Organisation: o.org, Year: o.year, FromDate: o.fromDate, ToDate: o.toDate, DocumentID: o.document}
	for _, t := range o.types {
		if !corpus.DocType(t).Valid() {
			return usageErrorf("search", "--type %q is not one of %s", t, typeList())
		}
		req.Types = append(req.Types, corpus.DocType(t))
	}
	b, err := a.openBackend(ctx, o.common, "", false, o.logger(a, slog.LevelWarn))
	if err != nil {
		return err
	}
	defer b.Close()
	res, err := b.Search(ctx, req)
	if errors.Is(err, corpus.ErrInvalid) {
		return &exitError{code: 2, cmd: "search", err: err}
	}
	if err != nil {
		return err
	}
	if o.json {
		res.Hits = nonNil(res.Hits)
		return writeJSON(a.stdout, res)
	}
	ansi := isTerminal(a.stdout)
	printf(a.stdout, "%d hits (%.0f ms)\n", res.Total, res.TookMS)
	switch {
	case res.ShowingFor != "":
		printf(a.stdout, "Viser treff for: %s\n", res.ShowingFor)
	case res.Suggestion != "":
		printf(a.stdout, "Mente du: %s\n", res.Suggestion)
	}
	for i, h := range res.Hits {
		path := strings.Join(append(append([]string{}, h.Path...), h.Heading), " › ")
		printf(a.stdout, "\n%d. %s [%s] score %.2f\n", o.from+i+1, h.DocumentTitle, h.DocType, h.Score)
		printf(a.stdout, "   %s\n", orDash(path))
		printf(a.stdout, "   section %s\n", h.SectionID)
		if s := renderSnippet(h.Snippet, ansi); s != "" {
			printf(a.stdout, "   %s\n", strings.Join(strings.Fields(s), " "))
		}
	}
	return nil
}

type commitmentsOptions struct {
	common
	sheetFlags
	json     bool
	unlinked bool
	document string
	query    string
	size     int
	from     int
}

func runCommitments(ctx context.Context, a *app, args []string) error {
	var o commitmentsOptions
	fs := newFlags("commitments")
	o.common.register(fs)
	fs.BoolVar(&o.json, "json", false, "print JSON")
	o.sheetFlags.register(fs)
	fs.BoolVar(&o.unlinked, "unlinked", false, "only commitments no tiltak or section follows up")
	fs.StringVar(&o.document, "document", "", "only commitments from this document id")
	fs.StringVarP(&o.query, "query", "q", "", "only commitments with these words")
	fs.IntVar(&o.size, "size", 0, "show at most this many commitments (0: all)")
	fs.IntVar(&o.from, "from", 0, "skip this many commitments")
	if err := a.parse(fs, args, "", "Lists commitments with the status of their best-linked tiltak."); err != nil {
		return done(err)
	}
	if fs.NArg() > 0 {
		return usageErrorf("commitments", "commitments takes no arguments (use --query for words)")
	}
	semi, err := o.sheetFlags.check("commitments", o.json)
	if err != nil {
		return err
	}
	if o.size < 0 || o.from < 0 {
		return usageErrorf("commitments", "--size and --from must be 0 or more")
	}
	b, err := a.openBackend(ctx, o.common, "", false, o.logger(a, slog.LevelWarn))
	if err != nil {
		return err
	}
	defer b.Close()
	views, err := b.Commitments(ctx, corpus.CommitmentFilter{Query: o.query, DocumentID: o.document, Unlinked: o.unlinked})
	if err != nil {
		return err
	}
	total := len(views)
	views = views[min(o.from, total):]
	if o.size > 0 && len(views) > o.size {
		views = views[:o.size]
	}
	switch {
	case o.json:
		return writeJSON(a.stdout, server.CommitmentList{Commitments: nonNil(views), Total: total})
	case o.csv:
		return files.CommitmentsCSV(a.stdout, views, semi)
	case o.xlsx != "":
		if err := writeXLSX(o.xlsx, func(b *bytes.Buffer) error { return files.CommitmentsXLSX(b, views) }); err != nil {
			return err
		}
		printf(a.stdout, "wrote %d commitments to %s\n", len(views), o.xlsx)
		return nil
	}
	tw := newTable(a.stdout)
	fmt.Fprintln(tw, "ID\tSTATUS\tLINKS\tDOCUMENT\tCOMMITMENT")
	for _, v := range views {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", v.ID, orDash(string(v.FollowUpStatus)), len(v.Links), clip(v.DocumentTitle, 30), clip(v.Text, 80))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(views) == total {
		printf(a.stdout, "%d commitments\n", total)
	} else {
		printf(a.stdout, "%d of %d commitments\n", len(views), total)
	}
	return nil
}

func runLinks(ctx context.Context, a *app, args []string) error {
	var c common
	var asJSON bool
	fs := newFlags("links")
	c.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if err := a.parse(fs, args, "ID", "Shows what follows up a commitment, or which commitments a tiltak follows up, with score and reasons."); err != nil {
		return done(err)
	}
	if fs.NArg() != 1 {
		return usageErrorf("links", "links needs one commitment or tiltak id")
	}
	id := fs.Arg(0)
	b, err := a.openBackend(ctx, c, "", false, c.logger(a, slog.LevelWarn))
	if err != nil {
		return err
	}
	defer b.Close()
	cv, err := b.Commitment(ctx, id)
	if err == nil {
		if asJSON {
			cv.Links = nonNil(cv.Links)
			return writeJSON(a.stdout, cv)
		}
		printf(a.stdout, "Commitment %s (%s)\n  %s\n", cv.ID, cv.DocumentTitle, cv.Text)
		if len(cv.Links) == 0 {
			printf(a.stdout, "\nNo tiltak or section follows it up.\n")
		}
		for i, l := range cv.Links {
			printf(a.stdout, "\n%d. %.2f  %s %s [%s] %s\n   %s\n", i+1, l.Score, l.TargetType, l.TargetID, orDash(string(l.Status)), l.DocumentTitle, clip(l.TargetText, 160))
			printReasons(a, l.Reasons)
		}
		return nil
	}
	if !errors.Is(err, corpus.ErrNotFound) {
		return err
	}
	tv, err := b.Tiltak(ctx, id)
	if errors.Is(err, corpus.ErrNotFound) {
		return fmt.Errorf("no commitment or tiltak with id %q: %w", id, corpus.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if asJSON {
		tv.Commitments = nonNil(tv.Commitments)
		return writeJSON(a.stdout, tv)
	}
	printf(a.stdout, "Tiltak %s %s [%s] (%s)\n  %s\n", tv.ID, tv.Ref, tv.Status, tv.DocumentTitle, tv.Text)
	if len(tv.Commitments) == 0 {
		printf(a.stdout, "\nNo commitment links to it.\n")
	}
	for i, lc := range tv.Commitments {
		printf(a.stdout, "\n%d. %.2f  commitment %s (%s)\n   %s\n", i+1, lc.Score, lc.ID, lc.DocumentTitle, clip(lc.Text, 160))
		printReasons(a, lc.Reasons)
	}
	return nil
}

func printReasons(a *app, reasons []corpus.Reason) {
	for _, r := range reasons {
		printf(a.stdout, "   - %s (%+.2f): %s\n", r.Kind, r.Weight, r.Detail)
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
