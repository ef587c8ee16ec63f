// Package pdftext reads .pdf files with github.com/ledongthuc/pdf. It
// rebuilds lines from glyph positions (so words that the PDF places without
// space characters are not glued together), drops running headers, footers
// and page numbers, marks headings by font size, boldness and chapter
// numbering, and splits bullet lists into list items. Every call into the
// PDF library is guarded: damaged files give an error, never a panic.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Extract returns the text of the PDF in data as blocks with page numbers.
//
// Encrypted files that need a password give an error wrapping
// corpus.ErrEncrypted; files that cannot be parsed, or that have no text
// layer, give corpus.ErrUnreadable. Extraction runs in its own goroutine and
// Extract returns as soon as ctx is done.
func Extract(ctx context.Context, data []byte) (block.Extracted, error) {
	if err := ctx.Err(); err != nil {
		return block.Extracted{}, fmt.Errorf("extracting pdf: %w", err)
	}
	type result struct {
		ex  block.Extracted
		err error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if r := recover(); r != nil {
				res = result{err: fmt.Errorf("extracting pdf: damaged file (%v): %w", r, corpus.ErrUnreadable)}
			}
			done <- res
		}()
		res.ex, res.err = extract(ctx, data)
	}()
	select {
	case res := <-done:
		return res.ex, res.err
	case <-ctx.Done():
		return block.Extracted{}, fmt.Errorf("extracting pdf: %w", ctx.Err())
	}
}

func extract(ctx context.Context, data []byte) (block.Extracted, error) {
	var ex block.Extracted
	fixed, warnings, err := prepare(data)
	if err != nil {
		return ex, err
	}
	ex.Warnings = warnings
	if widestKids(fixed, maxPages) > maxPages {
		return ex, tooWideRaw()
	}
	r, err := pdf.NewReader(bytes.NewReader(fixed), int64(len(fixed)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || hasEncrypt(fixed) {
			return ex, fmt.Errorf("extracting pdf: password-protected; remove the password and ingest again (%v): %w", err, corpus.ErrEncrypted)
		}
		return ex, fmt.Errorf("extracting pdf: damaged or unsupported PDF (%v): %w", err, corpus.ErrUnreadable)
	}
	if !r.Trailer().Key("Encrypt").IsNull() {
		ex.Warnings = append(ex.Warnings, "PDF is encrypted without a user password (owner restrictions only); text read with the empty password")
	}
	readInfo(r, &ex)
	pages, err := pageList(r)
	if err != nil {
		return ex, err
	}
	ex.Pages = len(pages)
	var all []line
	var budget block.Budget // lines, of which blocks are made
	failed := 0
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return block.Extracted{}, fmt.Errorf("extracting pdf: %w", err)
		}
		lines, err := pageLines(p, i+1)
		if err != nil && len(lines) > 0 {
			ex.Warnings = append(ex.Warnings, fmt.Sprintf("page %d partly read: %v", i+1, err))
		} else if err != nil {
			failed++
			if failed <= 3 {
				ex.Warnings = append(ex.Warnings, fmt.Sprintf("page %d: %v", i+1, err))
			}
			continue
		}
		for _, l := range lines {
			if err := budget.Add(len(l.text)); err != nil {
				return block.Extracted{}, fmt.Errorf("extracting pdf: %w", err)
			}
		}
		all = append(all, lines...)
	}
	if failed > 3 {
		ex.Warnings = append(ex.Warnings, fmt.Sprintf("%d pages could not be read", failed))
	}
	if len(all) == 0 {
		if failed > 0 {
			return ex, fmt.Errorf("extracting pdf: no page could be read (%d of %d failed): %w", failed, len(pages), corpus.ErrUnreadable)
		}
		return ex, fmt.Errorf("extracting pdf: no extractable text (scanned pages without a text layer, or fonts without a Unicode mapping): %w", corpus.ErrUnreadable)
	}
	all, garbledPages := dropGarbled(all)
	if len(all) == 0 {
		return ex, fmt.Errorf("extracting pdf: the text is garbled (the fonts have no usable Unicode mapping, so the characters read are not the ones shown): %w", corpus.ErrUnreadable)
	}
	if len(garbledPages) > 0 {
		ex.Warnings = append(ex.Warnings, droppedWarning(garbledPages))
	}
	all, off := dropOffPage(all)
	if off > 0 {
		ex.SetMeta("offpage_lines_removed", fmt.Sprint(off), "pdf: lines drawn outside the page")
	}
	all, removed := dropRunning(all, len(pages))
	if removed > 0 {
		ex.SetMeta("running_lines_removed", fmt.Sprint(removed), "pdf: repeated header/footer lines and page numbers")
	}
	all, toc := dropContents(all)
	if toc > 0 {
		ex.SetMeta("contents_lines_removed", fmt.Sprint(toc), "pdf: table of contents lines")
	}
	if ex.Title == "" {
		ex.Title = pageOneTitle(all)
	}
	ex.Blocks = buildBlocks(all)
	ex.TakeFrontMatter("pdf")
	ex.Warnings = append(ex.Warnings, textWarnings(ex.Blocks)...)
	return ex, nil
}

// readInfo copies the document information dictionary into Meta.
func readInfo(r *pdf.Reader, ex *block.Extracted) {
	info := r.Trailer().Key("Info")
	if info.IsNull() {
		return
	}
	if t := cleanInfoTitle(info.Key("Title").Text()); t != "" {
		ex.Title = t
		ex.SetMeta("title", t, "pdf: /Title")
	}
	for key, field := range map[string]string{"author": "Author", "subject": "Subject", "keywords": "Keywords", "creator": "Creator", "producer": "Producer"} {
		if v := strings.TrimSpace(info.Key(field).Text()); v != "" && !strings.ContainsRune(v, '\uFFFD') {
			ex.SetMeta(key, v, "pdf: /"+field)
		}
	}
	if d := pdfDate(info.Key("CreationDate").Text()); d != "" {
		ex.SetMeta("date", d, "pdf: /CreationDate")
	}
	if d := pdfDate(info.Key("ModDate").Text()); d != "" {
		ex.SetMeta("modified", d, "pdf: /ModDate")
	}
}

var junkTitleRe = regexp.MustCompile(`(?i)^(microsoft (word|powerpoint) - |untitled|uten tittel|dokument\d*$|document\d*$)|\.(docx?|pptx?|indd|pdf|txt)$`)

// cleanInfoTitle rejects /Title values that are file names or tool defaults.
func cleanInfoTitle(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	if len([]rune(t)) < 4 || junkTitleRe.MatchString(t) || strings.ContainsRune(t, '\uFFFD') {
		return ""
	}
	return t
}

var pdfDateRe = regexp.MustCompile(`^(?:D:)?(\d{4})(\d{2})?(\d{2})?`)

// pdfDate turns "D:20130816135407+02'00'" into "2013-08-16".
func pdfDate(s string) string {
	m := pdfDateRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	mon, day := m[2], m[3]
	if mon == "" {
		mon = "01"
	}
	if day == "" {
		day = "01"
	}
	t, err := time.Parse("20060102", m[1]+mon+day)
	if err != nil || t.Year() < 1990 || t.Year() > 2100 {
		return ""
	}
	return t.Format(time.DateOnly)
}
