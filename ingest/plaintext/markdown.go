package plaintext

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	// admonitionRe finds an mkdocs / Python-Markdown admonition opener:
	// `!!! quote "Tittel"`, `??? note`, `???+ tip "Tittel"`.
	admonitionRe = regexp.MustCompile(`^ {0,3}(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"([^"]*)")?[ \t]*$`)
	tagRe        = regexp.MustCompile(`<[^>]*>`)
	parser       = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser()
)

// parseMarkdown turns lines into blocks with a CommonMark parser (goldmark,
// with GitHub tables): headings, list items with their depth and marker,
// table rows with cells joined by " | ", paragraphs as lines. HTML comments
// and other raw HTML, admonition markers ("!!! quote") and inline markup
// are dropped; their text is kept.
func parseMarkdown(ctx context.Context, lines []string, ex *block.Extracted) error {
	lines = frontMatter(lines, ex)
	lines, titles := admonitions(lines)
	src := []byte(strings.Join(lines, "\n"))
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extracting markdown: %w", err)
	}
	doc := parser.Parse(text.NewReader(src))
	w := &mdWalker{src: src, ex: ex, titles: map[int]bool{}}
	// Admonition titles by byte offset: they are text, never a heading the
	// splitter should infer.
	off := 0
	for i, l := range lines {
		if titles[i] {
			w.titles[off] = true
		}
		off += len(l) + 1
	}
	if err := w.blocks(ctx, doc, 0); err != nil {
		return err
	}
	return nil
}

type mdWalker struct {
	src    []byte
	ex     *block.Extracted
	titles map[int]bool // byte offsets of admonition titles
	n      int          // blocks visited, for the context checks
}

func (w *mdWalker) add(b block.Block) { w.ex.Blocks = append(w.ex.Blocks, b) }

// blank ends a paragraph for the splitter.
func (w *mdWalker) blank() {
	if n := len(w.ex.Blocks); n > 0 && !(w.ex.Blocks[n-1].Kind == block.Line && w.ex.Blocks[n-1].Text == "") {
		w.add(block.Block{Kind: block.Line})
	}
}

// blocks emits the block children of n; depth is the list nesting depth.
func (w *mdWalker) blocks(ctx context.Context, n ast.Node, depth int) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if w.n++; w.n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("extracting markdown: %w", err)
			}
		}
		switch c := c.(type) {
		case *ast.Heading:
			w.add(block.Block{Kind: block.Heading, Level: c.Level, Text: oneLine(w.inline(c))})
		case *ast.Paragraph, *ast.TextBlock:
			if ls := c.Lines(); ls.Len() == 1 && w.titles[ls.At(0).Start] {
				w.add(block.Block{Kind: block.Paragraph, Text: oneLine(w.inline(c))})
				w.blank()
				continue
			}
			// One line a source line, so that the splitter can still find
			// headings among them in a file without Markdown headings.
			for _, l := range strings.Split(w.inline(c), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					w.add(block.Block{Kind: block.Line, Text: l})
				}
			}
			w.blank()
		case *ast.List:
			if err := w.list(ctx, c, depth); err != nil {
				return err
			}
			// A change of marker starts a new list in CommonMark; to a
			// reader it is the same list, so no blank line between.
			if _, ok := c.NextSibling().(*ast.List); !ok {
				w.blank()
			}
		case *ast.Blockquote:
			if err := w.blocks(ctx, c, depth); err != nil {
				return err
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			w.raw(c, false)
			w.blank()
		case *ast.HTMLBlock:
			if c.HTMLBlockType != ast.HTMLBlockType2 { // type 2 is a comment
				w.raw(c, true)
				w.blank()
			}
		case *extast.Table:
			for r := c.FirstChild(); r != nil; r = r.NextSibling() {
				var cells []string
				for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
					cells = append(cells, oneLine(w.inline(cell)))
				}
				if row := strings.Join(cells, " | "); strings.Trim(row, " |") != "" {
					w.add(block.Block{Kind: block.Paragraph, Text: row})
				}
			}
		case *ast.ThematicBreak:
			w.blank()
		default:
			if err := w.blocks(ctx, c, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// list emits one ListItem per item: the text of its paragraphs joined, then
// its nested lists one level deeper.
func (w *mdWalker) list(ctx context.Context, l *ast.List, depth int) error {
	num := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		marker := string(l.Marker)
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + marker
			num++
		}
		var parts []string
		var nested []ast.Node
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				parts = append(parts, oneLine(w.inline(c)))
			case *ast.List:
				nested = append(nested, c)
			default:
				parts = append(parts, oneLine(w.rawText(c)))
			}
		}
		w.add(block.Block{Kind: block.ListItem, Ordered: l.IsOrdered(), Marker: marker, Level: min(depth, 8),
			Text: strings.TrimSpace(strings.Join(parts, " "))})
		for _, n := range nested {
			if err := w.list(ctx, n.(*ast.List), depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// raw emits the lines of a code or HTML block, tags removed from HTML.
func (w *mdWalker) raw(n ast.Node, html bool) {
	for _, l := range strings.Split(w.rawText(n), "\n") {
		if html {
			l = strings.TrimSpace(tagRe.ReplaceAllString(l, " "))
			if l == "" {
				continue
			}
		}
		w.add(block.Block{Kind: block.Line, Text: strings.TrimRight(l, " \t")})
	}
}

func (w *mdWalker) rawText(n ast.Node) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(w.src))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		b.Write(h.ClosureLine.Value(w.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// inline returns the text of n's inline children: links and images by
// their text, code spans by their code, raw HTML (comments, tags) dropped,
// soft and hard line breaks as "\n".
func (w *mdWalker) inline(n ast.Node) string {
	var b strings.Builder
	w.inlineTo(&b, n)
	return b.String()
}

func (w *mdWalker) inlineTo(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(unescape(c.Segment.Value(w.src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(unescape(c.Value))
		case *ast.AutoLink:
			b.Write(c.Label(w.src))
		case *ast.RawHTML:
			// Comments and tags; the text between tags is in Text nodes.
		default:
			w.inlineTo(b, c)
		}
	}
}

func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// admonitions drops mkdocs admonition openers ("!!! quote \"Tittel\"") and
// takes the indented body after them out of the code block CommonMark would
// make of it. A title is kept as a line of its own; titles holds the
// indexes of those lines in the result.
func admonitions(lines []string) (out []string, titles map[int]bool) {
	titles = map[int]bool{}
	for i := 0; i < len(lines); i++ {
		m := admonitionRe.FindStringSubmatch(lines[i])
		if m == nil {
			out = append(out, lines[i])
			continue
		}
		if t := strings.TrimSpace(m[1]); t != "" {
			titles[len(out)] = true
			out = append(out, t, "")
		}
		for i+1 < len(lines) {
			next := lines[i+1]
			if strings.TrimSpace(next) != "" && !strings.HasPrefix(next, "    ") && !strings.HasPrefix(next, "\t") {
				break
			}
			i++
			if strings.HasPrefix(next, "\t") {
				next = next[1:]
			} else {
				next = strings.TrimPrefix(next, "    ")
			}
			out = append(out, next)
		}
	}
	return out, titles
}

// frontMatter reads a leading YAML block ("---" … "---") for title and date
// and returns the lines after it.
func frontMatter(lines []string, ex *block.Extracted) []string {
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return lines
	}
	for i := 1; i < len(lines) && i < 100; i++ {
		l := strings.TrimSpace(lines[i])
		if l == "---" || l == "..." {
			for _, f := range lines[1:i] {
				key, val, ok := strings.Cut(f, ":")
				if !ok {
					continue
				}
				key = strings.ToLower(strings.TrimSpace(key))
				val = strings.Trim(strings.TrimSpace(val), `"'`)
				switch key {
				case "title":
					ex.Title = val
				case "date", "author", "language", "description":
					ex.SetMeta(key, val, "markdown: front matter "+key)
				}
			}
			return lines[i+1:]
		}
	}
	return lines
}
