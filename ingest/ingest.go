// Package ingest turns one file into a corpus.Document: it picks the
// extractor for the file's format, then normalizes the text, splits it into
// sections, classifies the document, reads its metadata and finds its
// commitments and tiltak. It is safe to call from many goroutines at once.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/ingest/classify"
	"github.com/strategispor/strategispor/ingest/findings"
	"github.com/strategispor/strategispor/ingest/normalize"
	"github.com/strategispor/strategispor/ingest/sections"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Defaults for Options.
const (
	DefaultMaxBytes = 256 << 20
	DefaultTimeout  = 60 * time.Second
)

// Options tune File.
type Options struct {
	SourceKey string         // identity of the file (cleaned absolute path, or upload name); Document.ID = corpus.DocumentID(SourceKey)
	Type      corpus.DocType // override; "" = detect
	MaxBytes  int64          // 0 = default (256 MiB)
	Timeout   time.Duration  // per file; 0 = default (60 s)
	Logger    *slog.Logger   // nil = discard
}

// formats maps file extensions to format names.
var formats = map[string]string{
	".txt": "txt", ".md": "md", ".markdown": "md",
	".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx",
	".adoc": "adoc", ".asciidoc": "adoc",
}

// Supported reports whether File reads files with name's extension.
func Supported(name string) bool {
	_, ok := formats[strings.ToLower(filepath.Ext(name))]
	return ok
}

// File extracts, structures and classifies one file. name is the file name
// or path as the operator gave it (Document.Source); data is its content.
// Every Document field except IngestedAt is filled. Errors name the file
// and wrap corpus.ErrUnsupported, ErrUnreadable, ErrEncrypted, ErrTooLarge,
// ErrTimeout or ErrInvalid (a bad Options.Type).
func File(ctx context.Context, name string, data []byte, opt Options) (corpus.Document, error) {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	maxBytes := opt.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	format, ok := formats[strings.ToLower(filepath.Ext(name))]
	if !ok {
		return corpus.Document{}, fmt.Errorf("ingesting %s: extension %q: %w", name, filepath.Ext(name), corpus.ErrUnsupported)
	}
	if opt.Type != "" && !opt.Type.Valid() {
		return corpus.Document{}, fmt.Errorf("ingesting %s: document type %q: %w", name, opt.Type, corpus.ErrInvalid)
	}
	if int64(len(data)) > maxBytes {
		return corpus.Document{}, fmt.Errorf("ingesting %s: %d bytes, limit %d: %w", name, len(data), maxBytes, corpus.ErrTooLarge)
	}
	format, warnings, err := sniff(format, data)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("ingesting %s: %w", name, err)
	}

	start := time.Now()
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		doc corpus.Document
		err error
	}
	done := make(chan result, 1) // buffered: a late pipeline must not block forever
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("ingesting %s: internal error: %v: %w", name, p, corpus.ErrUnreadable)}
			}
			done <- r
		}()
		r.doc, r.err = pipeline(tctx, name, format, data, opt)
	}()
	var r result
	select {
	case r = <-done:
	case <-tctx.Done():
		return corpus.Document{}, fmt.Errorf("ingesting %s: %w after %s (%w)", name, corpus.ErrTimeout, time.Since(start).Round(time.Millisecond), tctx.Err())
	}
	if r.err != nil {
		// The pipeline may notice an ended context before the select above
		// does; the error must then say the same as the timeout branch.
		if cerr := tctx.Err(); cerr != nil && !errors.Is(r.err, corpus.ErrTimeout) {
			r.err = fmt.Errorf("%w (%w): %w", corpus.ErrTimeout, cerr, r.err)
		}
		return corpus.Document{}, r.err
	}
	r.doc.Warnings = append(warnings, r.doc.Warnings...)
	log.Debug("ingested", "file", name, "format", format, "sections", len(r.doc.Sections),
		"doc_type", r.doc.DocType, "ms", time.Since(start).Milliseconds())
	return r.doc, nil
}

// pipeline runs the stages after the checks: extract, normalize, split,
// classify, find.
func pipeline(ctx context.Context, name, format string, data []byte, opt Options) (corpus.Document, error) {
	ex, err := extract(ctx, format, data)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("ingesting %s: %w", name, err)
	}
	if err := ctx.Err(); err != nil {
		return corpus.Document{}, fmt.Errorf("ingesting %s: %w", name, err)
	}
	key := opt.SourceKey
	if key == "" {
		key = name
	}
	sum := sha256.Sum256(data)
	doc := corpus.Document{
		ID:          corpus.DocumentID(key),
		Source:      name,
		Format:      format,
		ContentHash: hex.EncodeToString(sum[:]),
		Bytes:       int64(len(data)),
		Pages:       ex.Pages,
		Warnings:    ex.Warnings,
	}
	flatToLines(format, &ex)
	blocks := normalize.Blocks(ex.Blocks)
	doc.Sections = sections.Split(blocks, sections.Options{PlainText: ex.PlainText})
	if len(doc.Sections) == 0 {
		return corpus.Document{}, fmt.Errorf("ingesting %s: no text found: %w", name, corpus.ErrUnreadable)
	}
	if err := tooManySections(len(doc.Sections)); err != nil {
		return corpus.Document{}, fmt.Errorf("ingesting %s: %w", name, err)
	}
	sections.AssignIDs(doc.ID, doc.Sections)
	classify.Apply(&doc, ex, opt.Type)
	findings.Find(&doc)
	if err := tooManyFindings(&doc); err != nil {
		return corpus.Document{}, fmt.Errorf("ingesting %s: %w", name, err)
	}
	if w := longWordWarning(&doc); w != "" {
		doc.Warnings = append(doc.Warnings, w)
	}
	return doc, nil
}

// flatToLines lets the splitter find headings in a PDF or Word file that
// marks none (a text file printed to PDF or saved as Word: one font size,
// one paragraph style), as it does in plain text. A PDF's paragraphs become
// lines with a blank line after each. A Word file saved from plain text
// keeps one paragraph a line and its blank lines as empty paragraphs, so
// its paragraphs become lines as they are; one without empty paragraphs is
// left alone, since its paragraphs cannot be told from wrapped lines.
func flatToLines(format string, ex *block.Extracted) {
	if format != "pdf" && format != "docx" || ex.PlainText {
		return
	}
	blank := false
	for _, b := range ex.Blocks {
		if b.Kind == block.Heading {
			return
		}
		blank = blank || b.Kind == block.Line && b.Text == ""
	}
	if format == "docx" {
		if !blank {
			return
		}
		for i := range ex.Blocks {
			if ex.Blocks[i].Kind == block.Paragraph {
				ex.Blocks[i].Kind = block.Line
			}
		}
		ex.PlainText = true
		return
	}
	out := make([]block.Block, 0, 2*len(ex.Blocks))
	for _, b := range ex.Blocks {
		if b.Kind == block.Paragraph {
			b.Kind = block.Line
			out = append(out, b, block.Block{Kind: block.Line, Page: b.Page})
			continue
		}
		out = append(out, b)
	}
	ex.Blocks, ex.PlainText = out, true
}

// sniff checks the content against the extension. A PDF or DOCX under the
// wrong name is read for what it is, with a warning; a .pdf or .docx that is
// neither is unreadable.
func sniff(format string, data []byte) (string, []string, error) {
	head := data[:min(len(data), 1024)]
	isPDF := bytes.Contains(head, []byte("%PDF"))
	isZip := bytes.HasPrefix(data, []byte("PK\x03\x04"))
	switch {
	case format == "pdf" && isPDF, format == "docx" && isZip:
		return format, nil, nil
	case isPDF:
		return "pdf", []string{fmt.Sprintf("named .%s but the content is a PDF; read as PDF", format)}, nil
	case isZip && format != "docx":
		return "docx", []string{fmt.Sprintf("named .%s but the content is a ZIP archive; read as DOCX", format)}, nil
	case format == "pdf":
		return "", nil, fmt.Errorf("not a PDF (no %%PDF header in the first 1 KiB): %w", corpus.ErrUnreadable)
	case format == "docx":
		return "", nil, fmt.Errorf("not a DOCX (not a ZIP archive): %w", corpus.ErrUnreadable)
	}
	return format, nil, nil
}

// extractFunc is the shape shared by the format extractors.
type extractFunc func(ctx context.Context, data []byte) (block.Extracted, error)
