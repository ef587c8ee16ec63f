// Package htmltext reads .html and .htm files: it finds the page's main
// content (skipping navigation, headers, footers, cookie banners, share
// widgets and similar page furniture) and returns it as headings,
// paragraphs and list items, together with the page title and metadata
// (language, date, author, owning organisation) and a guess at whether the
// page is a document or a listing of links to documents.
package htmltext

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// MaxElements caps the start tags of a page, counted before it is parsed:
// the parser builds the whole tree, at some 350 bytes and 3 µs an element,
// before the block limit can count anything (seven million "<p>a</p>" took
// 24 s and 2.5 GB). A 300-page report in HTML has about 100,000 elements.
const MaxElements = 500_000

// startTags counts '<' followed by a letter: every start tag, and an upper
// bound on the elements the parser builds from the page's markup.
func startTags(s string) int {
	n := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '<' {
			if c := s[i+1] | 0x20; c >= 'a' && c <= 'z' {
				n++
			}
		}
	}
	return n
}

// Extract returns the main content of the HTML page in data.
//
// Pages the HTML parser refuses (it stops at 512 nested elements) fall back
// to a flat reading of the text with a warning, so a hostile or broken page
// still yields its words.
func Extract(ctx context.Context, data []byte) (ex block.Extracted, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex = block.Extracted{}
			err = fmt.Errorf("extracting html: internal error (%v): %w", r, corpus.ErrUnreadable)
		}
	}()
	if err := ctx.Err(); err != nil {
		return block.Extracted{}, fmt.Errorf("extracting html: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return block.Extracted{}, fmt.Errorf("extracting html: empty file: %w", corpus.ErrUnreadable)
	}
	if bytes.IndexByte(data, 0) >= 0 && bytes.Count(data, []byte{0}) > len(data)/100 {
		return block.Extracted{}, fmt.Errorf("extracting html: binary data, not HTML: %w", corpus.ErrUnreadable)
	}
	text, warnings, err := decode(data)
	if err != nil {
		return block.Extracted{}, err
	}
	if n := startTags(text); n > MaxElements {
		return block.Extracted{}, fmt.Errorf("extracting html: more than %d elements (limit of %d a page): %w",
			MaxElements, MaxElements, corpus.ErrTooLarge)
	}
	doc, perr := html.Parse(strings.NewReader(text))
	if perr != nil {
		ex, err = flatten(ctx, text)
		if err != nil {
			return block.Extracted{}, err
		}
		ex.Warnings = append(warnings, fmt.Sprintf("HTML structure not read (%v); text extracted without structure", perr))
		return ex, nil
	}
	ex.Warnings = warnings
	readHead(doc, &ex)
	root, how := mainContent(doc)
	w := walker{ctx: ctx, keepHeader: root.DataAtom != atom.Body}
	if err := w.walk(root, 0); err != nil {
		return block.Extracted{}, err
	}
	w.flush()
	if w.err != nil {
		return block.Extracted{}, w.err
	}
	ex.Blocks = dropBoilerplate(w.items)
	readBodyMeta(doc, &ex)
	if ex.Title == "" {
		for _, b := range ex.Blocks {
			if b.Kind == block.Heading && b.Level == 1 {
				ex.Title = b.Text
				break
			}
		}
	}
	ex.SetMeta("content_root", how, "html: structure")
	classifyPage(&w, &ex)
	if len(ex.Blocks) == 0 {
		ex.Warnings = append(ex.Warnings, "no text found in the page's main content")
	}
	return ex, nil
}

// decode converts the page to UTF-8 using its BOM, <meta charset> or, failing
// those, a UTF-8 validity check with Windows-1252 as the fallback.
func decode(data []byte) (string, []string, error) {
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" {
		data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil, nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", nil, fmt.Errorf("extracting html: decoding %s: %v: %w", name, err, corpus.ErrUnreadable)
	}
	return string(out), []string{"page encoded as " + name + "; converted to UTF-8"}, nil
}

// mainContent picks the element holding the page's own content: <main>,
// [role=main], the largest <article>, known content containers, else <body>.
func mainContent(doc *html.Node) (*html.Node, string) {
	var mains, roles, articles, containers []*html.Node
	var body *html.Node
	visit(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch {
		case n.DataAtom == atom.Body && body == nil:
			body = n
		case n.DataAtom == atom.Main:
			mains = append(mains, n)
		case attr(n, "role") == "main":
			roles = append(roles, n)
		case n.DataAtom == atom.Article:
			articles = append(articles, n)
		}
		if id := attr(n, "id"); id == "mainContent" || id == "main-content" || id == "maincontent" || id == "content" {
			containers = append(containers, n)
		}
		return true
	})
	if n := largest(mains); n != nil {
		return n, "<main>"
	}
	if n := largest(roles); n != nil {
		return n, "[role=main]"
	}
	if n := largest(articles); n != nil {
		return n, "<article>"
	}
	if n := largest(containers); n != nil {
		return n, "#" + attr(n, "id")
	}
	if body != nil {
		return body, "<body>"
	}
	return doc, "document"
}

// largest returns the node with the most text, ignoring hidden ones.
func largest(nodes []*html.Node) *html.Node {
	var best *html.Node
	bestLen := -1
	for _, n := range nodes {
		if hidden(n) {
			continue
		}
		if l := textLen(n); l > bestLen {
			best, bestLen = n, l
		}
	}
	return best
}

func textLen(n *html.Node) int {
	total := 0
	visit(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && skipTag[c.DataAtom] {
			return false
		}
		if c.Type == html.TextNode {
			total += len(strings.TrimSpace(c.Data))
		}
		return true
	})
	return total
}

// visit walks the tree depth first without recursion; f returns false to
// skip a node's children.
func visit(root *html.Node, f func(*html.Node) bool) {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !f(n) {
			continue
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// text returns the whitespace-collapsed text under n.
func text(n *html.Node) string {
	var b strings.Builder
	visit(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style) {
			return false
		}
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
		return true
	})
	return collapse(b.String())
}

// collapse joins whitespace runs (no-break spaces included) into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
