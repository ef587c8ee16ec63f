package plaintext

import (
	"context"
	"fmt"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
)

// Extract decodes data and returns one block.Line per line, with "" lines
// for blank lines. With markdown set, the text is parsed as CommonMark with
// GitHub tables (see parseMarkdown): headings become block.Heading, list
// items block.ListItem, table rows block.Paragraph, and paragraph lines stay
// block.Line. PlainText is always true so that the splitter still looks for
// headings among the lines.
func Extract(ctx context.Context, data []byte, markdown bool) (ex block.Extracted, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex = block.Extracted{}
			err = fmt.Errorf("extracting text: internal error (%v): %w", r, corpus.ErrUnreadable)
		}
	}()
	if err := ctx.Err(); err != nil {
		return block.Extracted{}, fmt.Errorf("extracting text: %w", err)
	}
	text, warnings, err := Decode(data)
	if err != nil {
		return block.Extracted{}, err
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	// Every line is a block: count them before splitting into a slice.
	if err := block.Over(strings.Count(text, "\n"), len(text)); err != nil {
		return block.Extracted{}, fmt.Errorf("extracting text: %w", err)
	}
	lines := strings.Split(text, "\n")
	// A trailing newline does not start another line.
	if n := len(lines); n > 1 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	ex = block.Extracted{PlainText: true, Warnings: warnings}
	if markdown {
		err = parseMarkdown(ctx, lines, &ex)
	} else {
		ex.Blocks = make([]block.Block, 0, len(lines))
		for i, l := range lines {
			if i%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return block.Extracted{}, fmt.Errorf("extracting text: %w", err)
				}
			}
			ex.Blocks = append(ex.Blocks, block.Block{Kind: block.Line, Text: strings.TrimRight(l, " \t\f\v")})
		}
	}
	if err != nil {
		return block.Extracted{}, err
	}
	return ex, nil
}
