// Package docxtext reads .docx files (Office Open XML word-processing
// packages) with archive/zip and encoding/xml: paragraphs, headings (by
// style name, Word's built-in "Heading n"/"Overskrift n" styles or outline
// level), list items (numbering or list styles), tables (one paragraph per
// row), footnotes, and the core properties (title, author, created date).
// It defends against zip bombs by capping the bytes it decompresses.
package docxtext

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Limits against hostile packages.
const (
	// MaxUncompressed caps the bytes decompressed from one package.
	MaxUncompressed = 64 << 20
	// maxRatio is the largest compression ratio accepted for a part bigger
	// than ratioFloor; XML compresses well, but not a thousandfold.
	maxRatio   = 200
	ratioFloor = 1 << 20
	// MaxXMLTokens caps the XML tokens (start and end tags, text runs) read
	// from one part. Decoding costs about 1 µs a token, and empty
	// paragraphs make no blocks for the block limit to count: ten million
	// "<w:p/>" took 17 s. Word writes some 50–100 tokens a paragraph, so a
	// 300-page report of 8,000 paragraphs has under a million.
	MaxXMLTokens = 4_000_000
)

var (
	cfbMagic       = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	encryptedUTF16 = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
)

// Extract returns the blocks and properties of the DOCX package in data.
func Extract(ctx context.Context, data []byte) (ex block.Extracted, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex = block.Extracted{}
			err = fmt.Errorf("extracting docx: internal error (%v): %w", r, corpus.ErrUnreadable)
		}
	}()
	if err := ctx.Err(); err != nil {
		return block.Extracted{}, fmt.Errorf("extracting docx: %w", err)
	}
	if bytes.HasPrefix(data, cfbMagic) {
		if bytes.Contains(data, encryptedUTF16) {
			return block.Extracted{}, fmt.Errorf("extracting docx: password-protected Word document; remove the password and ingest again: %w", corpus.ErrEncrypted)
		}
		return block.Extracted{}, fmt.Errorf("extracting docx: old Word (.doc) binary format; save it as .docx and ingest again: %w", corpus.ErrUnsupported)
	}
	if len(data) == 0 {
		return block.Extracted{}, fmt.Errorf("extracting docx: empty file: %w", corpus.ErrUnreadable)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return block.Extracted{}, fmt.Errorf("extracting docx: not a zip package (%v): %w", err, corpus.ErrUnreadable)
	}
	pkg := &pkg{files: map[string]*zip.File{}, budget: MaxUncompressed}
	for _, f := range zr.File {
		pkg.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	main := pkg.mainPart()
	if main == "" {
		return block.Extracted{}, fmt.Errorf("extracting docx: no word/document.xml in the package: %w", corpus.ErrUnreadable)
	}
	dir := path.Dir(main)
	st := &styles{byID: map[string]style{}}
	if b, err := pkg.read(path.Join(dir, "styles.xml")); err == nil {
		st = readStyles(b)
	} else if !errors.Is(err, errMissing) {
		return block.Extracted{}, err
	}
	num := &numbering{}
	if b, err := pkg.read(path.Join(dir, "numbering.xml")); err == nil {
		num = readNumbering(b)
	} else if !errors.Is(err, errMissing) {
		return block.Extracted{}, err
	}
	doc, err := pkg.read(main)
	if err != nil {
		if errors.Is(err, errMissing) {
			return block.Extracted{}, fmt.Errorf("extracting docx: %s missing: %w", main, corpus.ErrUnreadable)
		}
		return block.Extracted{}, err
	}
	budget := &block.Budget{}
	w := &walker{ctx: ctx, styles: st, numbering: num, budget: budget}
	if err := w.document(doc); err != nil {
		return block.Extracted{}, err
	}
	ex.Blocks = w.blocks
	if b, err := pkg.read(path.Join(dir, "footnotes.xml")); err == nil {
		fw := &walker{ctx: ctx, styles: st, numbering: num, budget: budget}
		if err := fw.notes(b, "footnote"); errors.Is(err, corpus.ErrTooLarge) {
			return block.Extracted{}, err
		} else if err != nil {
			// A damaged footnotes part keeps the notes before the damage and
			// says so, as a damaged document.xml does.
			w.warnings = append(w.warnings, fmt.Sprintf("footnotes.xml damaged after %d notes: %v", len(fw.blocks), err))
		}
		ex.Blocks = append(ex.Blocks, fw.blocks...)
	} else if !errors.Is(err, errMissing) {
		return block.Extracted{}, err
	}
	if b, err := pkg.read("docProps/core.xml"); err == nil {
		readCore(b, &ex)
	}
	if b, err := pkg.read("docProps/app.xml"); err == nil {
		readApp(b, &ex)
	}
	if ex.Title == "" && w.title != "" {
		ex.Title = w.title
	}
	ex.TakeFrontMatter("docx")
	ex.Warnings = append(ex.Warnings, w.warnings...)
	if len(ex.Blocks) == 0 {
		return block.Extracted{}, fmt.Errorf("extracting docx: the document has no text: %w", corpus.ErrUnreadable)
	}
	return ex, nil
}

var errMissing = errors.New("part missing")

// pkg reads parts of a zip package within a shared decompression budget.
type pkg struct {
	files  map[string]*zip.File
	budget int64
}

// mainPart finds the main document part, normally word/document.xml.
func (p *pkg) mainPart() string {
	if _, ok := p.files["word/document.xml"]; ok {
		return "word/document.xml"
	}
	for name := range p.files {
		if strings.HasSuffix(strings.ToLower(name), "/document.xml") {
			return name
		}
	}
	return ""
}

func (p *pkg) read(name string) ([]byte, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, errMissing
	}
	if f.UncompressedSize64 > uint64(p.budget) {
		return nil, fmt.Errorf("extracting docx: %s unpacks to %d bytes, over the %d MiB limit: %w", name, f.UncompressedSize64, MaxUncompressed>>20, corpus.ErrTooLarge)
	}
	if f.UncompressedSize64 > ratioFloor && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > maxRatio {
		return nil, fmt.Errorf("extracting docx: %s has a compression ratio of %d:1 (zip bomb?): %w", name, f.UncompressedSize64/f.CompressedSize64, corpus.ErrUnreadable)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("extracting docx: opening %s: %v: %w", name, err, corpus.ErrUnreadable)
	}
	defer rc.Close()
	// The declared size can lie; the limit reader holds whatever it says.
	b, err := io.ReadAll(io.LimitReader(rc, p.budget+1))
	if err != nil {
		return nil, fmt.Errorf("extracting docx: reading %s: %v: %w", name, err, corpus.ErrUnreadable)
	}
	if int64(len(b)) > p.budget {
		return nil, fmt.Errorf("extracting docx: package unpacks to more than %d MiB: %w", MaxUncompressed>>20, corpus.ErrTooLarge)
	}
	p.budget -= int64(len(b))
	return b, nil
}
