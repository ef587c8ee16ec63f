package htmltext

import (
	"context"
	"fmt"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// flatten reads a page the parser refused with the tokenizer alone: text
// outside script, style and head, split at block tags, h1–h6 as headings.
// It keeps no stack, so nesting depth costs nothing.
func flatten(ctx context.Context, page string) (block.Extracted, error) {
	var ex block.Extracted
	z := html.NewTokenizer(strings.NewReader(page))
	z.SetMaxBuf(16 << 20)
	var buf strings.Builder
	skipDepth, heading := 0, 0
	inTitle := false
	var budget block.Budget
	var tooLarge error
	flush := func() {
		t := collapse(buf.String())
		buf.Reset()
		if t == "" || tooLarge != nil {
			return
		}
		if err := budget.Add(len(t)); err != nil {
			tooLarge = fmt.Errorf("extracting html: %w", err)
			return
		}
		b := block.Block{Kind: block.Paragraph, Text: t}
		if heading > 0 {
			b.Kind, b.Level = block.Heading, heading
		}
		ex.Blocks = append(ex.Blocks, b)
	}
	for steps := 0; ; steps++ {
		if tooLarge != nil {
			return block.Extracted{}, tooLarge
		}
		if steps%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return block.Extracted{}, fmt.Errorf("extracting html: %w", err)
			}
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			if tooLarge != nil {
				return block.Extracted{}, tooLarge
			}
			return ex, nil
		case html.TextToken:
			switch {
			case inTitle:
				ex.Title = cleanTitle(string(z.Text()), "")
			case skipDepth == 0:
				buf.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			start := tt == html.StartTagToken
			switch {
			case a == atom.Title:
				inTitle = start
			case a == atom.Script || a == atom.Style || a == atom.Noscript || a == atom.Template:
				if start {
					skipDepth++
				} else if tt == html.EndTagToken && skipDepth > 0 {
					skipDepth--
				}
			case headingLevel[a] > 0:
				flush()
				if start {
					heading = headingLevel[a]
				} else {
					heading = 0
				}
			case blockTag[a] || a == atom.Br:
				if heading == 0 {
					flush()
				} else {
					buf.WriteByte(' ')
				}
			}
		}
	}
}
