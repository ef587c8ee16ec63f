package ingest

import (
	"context"
	"fmt"

	"github.com/strategispor/strategispor/ingest/adoctext"
	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/ingest/docxtext"
	"github.com/strategispor/strategispor/ingest/htmltext"
	"github.com/strategispor/strategispor/ingest/pdftext"
	"github.com/strategispor/strategispor/ingest/plaintext"
	"github.com/strategispor/strategispor/internal/corpus"
)

// extract runs the extractor for format.
func extract(ctx context.Context, format string, data []byte) (block.Extracted, error) {
	var fn extractFunc
	switch format {
	case "txt":
		fn = func(ctx context.Context, data []byte) (block.Extracted, error) {
			return plaintext.Extract(ctx, data, false)
		}
	case "md":
		fn = func(ctx context.Context, data []byte) (block.Extracted, error) {
			return plaintext.Extract(ctx, data, true)
		}
	case "html":
		fn = htmltext.Extract
	case "pdf":
		fn = pdftext.Extract
	case "docx":
		fn = docxtext.Extract
	case "adoc":
		fn = adoctext.Extract
	default:
		return block.Extracted{}, fmt.Errorf("no %s reader in this build: %w", format, corpus.ErrUnsupported)
	}
	return fn(ctx, data)
}
