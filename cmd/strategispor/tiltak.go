package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
	"github.com/strategispor/strategispor/internal/server"
)

type tiltakOptions struct {
	common
	sheetFlags
	json     bool
	status   string
	document string
	query    string
}

func runTiltak(ctx context.Context, a *app, args []string) error {
	var o tiltakOptions
	fs := newFlags("tiltak")
	o.common.register(fs)
	fs.BoolVar(&o.json, "json", false, "print JSON")
	o.sheetFlags.register(fs)
	fs.StringVar(&o.status, "status", "", "only tiltak with this status (\"forsinket\", \"på plan\", …)")
	fs.StringVar(&o.document, "document", "", "only tiltak from this document id")
	fs.StringVarP(&o.query, "query", "q", "", "only tiltak with these words")
	if err := a.parse(fs, args, "", "Lists tiltak with their status, the date the status holds for and the document, and counts them by status."); err != nil {
		return done(err)
	}
	if fs.NArg() > 0 {
		return usageErrorf("tiltak", "tiltak takes no arguments (use --query for words)")
	}
	semi, err := o.sheetFlags.check("tiltak", o.json)
	if err != nil {
		return err
	}
	f := corpus.TiltakFilter{Query: o.query, DocumentID: o.document}
	if o.status != "" {
		st, ok := corpus.ParseStatus(o.status)
		if !ok {
			return usageErrorf("tiltak", "--status %q is not one of %s", o.status, corpus.StatusList())
		}
		f.Status = st
	}
	b, err := a.openBackend(ctx, o.common, "", false, o.logger(a, slog.LevelWarn))
	if err != nil {
		return err
	}
	defer b.Close()
	views, err := b.TiltakList(ctx, f)
	if err != nil {
		return err
	}
	views = nonNil(views)
	counts := server.StatusCounts(views)
	switch {
	case o.json:
		for i := range views {
			views[i].Commitments = nonNil(views[i].Commitments)
		}
		return writeJSON(a.stdout, server.TiltakList{Tiltak: views, Total: len(views), StatusCounts: counts})
	case o.csv:
		return files.TiltakCSV(a.stdout, views, semi)
	case o.xlsx != "":
		if err := writeXLSX(o.xlsx, func(b *bytes.Buffer) error { return files.TiltakXLSX(b, views) }); err != nil {
			return err
		}
		printf(a.stdout, "wrote %d tiltak to %s\n", len(views), o.xlsx)
		return nil
	}
	tw := newTable(a.stdout)
	fmt.Fprintln(tw, "ID\tSTATUS\tAS OF\tDOCUMENT\tTILTAK")
	for _, v := range views {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", v.ID, orDash(string(v.Status)), orDash(v.StatusDate), clip(v.DocumentTitle, 30), clip(tiltakName(v.Tiltak), 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	printf(a.stdout, "%d tiltak%s\n", len(views), countLine(counts))
	return nil
}

// countLine is ": 3 på plan, 1 forsinket" in the order of corpus.Statuses.
func countLine(counts map[corpus.Status]int) string {
	var parts []string
	for _, st := range corpus.Statuses {
		if n := counts[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}

// tiltakName is a tiltak with its number when it has one.
func tiltakName(t corpus.Tiltak) string {
	if t.Ref != "" && t.Kind != corpus.TiltakInnsatsomraade {
		return t.Ref + " " + t.Text
	}
	return t.Text
}
