package htmltext

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipTag lists elements whose content is never document text.
var skipTag = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Aside: true, atom.Form: true, atom.Iframe: true,
	atom.Svg: true, atom.Math: true, atom.Select: true, atom.Option: true,
	atom.Input: true, atom.Textarea: true, atom.Label: true, atom.Fieldset: true,
	atom.Dialog: true, atom.Canvas: true, atom.Object: true, atom.Embed: true,
	atom.Video: true, atom.Audio: true, atom.Head: true, atom.Map: true,
	atom.Footer: true, atom.Menu: true,
}

// blockTag lists elements that start a new block.
var blockTag = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Figcaption: true, atom.Figure: true, atom.Header: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Ul: true,
	atom.Caption: true, atom.Center: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

var headingLevel = map[atom.Atom]int{
	atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6,
}

// boilerClass holds class and id fragments of page furniture.
var boilerClass = []string{
	"breadcrumb", "crumb", "cookie", "consent", "share", "sharing", "social",
	"newsletter", "survey", "megamenu", "to-top", "totop", "skip-link", "skiplink",
	"pagination", "paging", "pager", "print", "visuallyhidden", "sr-only",
	"screen-reader", "hidden", "banner", "feedback", "-cta", "btn-cta",
}

type list struct {
	ordered bool
	next    int // number of the next item
}

type item struct {
	block    block.Block
	linkOnly bool // every character of the block is link text
}

// walker turns the content tree into blocks.
type walker struct {
	ctx        context.Context
	keepHeader bool // keep <header> elements that carry a heading
	steps      int

	items []item
	buf   strings.Builder
	link  strings.Builder // link text in buf

	heading int    // level while inside h1–h6
	inItem  bool   // inside <li>
	lists   []list // open <ul>/<ol>
	marker  string
	ordered bool

	totalChars, linkChars int
	anchors               int

	budget block.Budget
	err    error // set when the budget runs out
}

func (w *walker) walk(n *html.Node, inLink int) error {
	if w.err != nil {
		return w.err
	}
	w.steps++
	if w.steps%2048 == 0 {
		if err := w.ctx.Err(); err != nil {
			return fmt.Errorf("extracting html: %w", err)
		}
	}
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		if inLink > 0 {
			w.link.WriteString(n.Data)
		}
		return nil
	case html.ElementNode:
	case html.DocumentNode:
	default:
		return nil
	}
	a := n.DataAtom
	if n.Type == html.ElementNode {
		if w.skip(n) {
			return nil
		}
		if a == atom.Br {
			w.buf.WriteByte(' ')
			return nil
		}
		if a == atom.A && hasAttr(n, "href") {
			inLink++
			w.anchors++
		}
	}
	if lvl := headingLevel[a]; lvl > 0 && w.heading == 0 {
		w.flush()
		w.heading = lvl
		defer func() { w.flush(); w.heading = 0 }()
		return w.children(n, inLink)
	}
	switch a {
	case atom.Ul, atom.Ol:
		w.flush()
		l := list{ordered: a == atom.Ol, next: 1}
		if s, err := strconv.Atoi(attr(n, "start")); err == nil {
			l.next = s
		}
		w.lists = append(w.lists, l)
		defer func() { w.flush(); w.lists = w.lists[:len(w.lists)-1] }()
		return w.children(n, inLink)
	case atom.Li:
		w.flush()
		saved := w.inItem
		w.inItem = true
		w.ordered, w.marker = false, "•"
		if k := len(w.lists); k > 0 && w.lists[k-1].ordered {
			l := &w.lists[k-1]
			if v, err := strconv.Atoi(attr(n, "value")); err == nil {
				l.next = v
			}
			w.ordered, w.marker = true, strconv.Itoa(l.next)+"."
			l.next++
		}
		defer func() { w.flush(); w.inItem = saved }()
		return w.children(n, inLink)
	case atom.Td, atom.Th:
		if strings.TrimSpace(w.buf.String()) != "" {
			w.buf.WriteString(" | ")
		}
		return w.children(n, inLink)
	}
	if blockTag[a] && w.heading == 0 && !(w.inItem && (a == atom.P || a == atom.Div || a == atom.Section)) {
		w.flush()
		defer w.flush()
	} else if blockTag[a] {
		w.buf.WriteByte(' ')
	}
	return w.children(n, inLink)
}

func (w *walker) children(n *html.Node, inLink int) error {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := w.walk(c, inLink); err != nil {
			return err
		}
	}
	return nil
}

// skip reports whether an element holds page furniture rather than content.
func (w *walker) skip(n *html.Node) bool {
	a := n.DataAtom
	if skipTag[a] {
		return true
	}
	if a == atom.Button && w.heading == 0 {
		return true
	}
	if a == atom.Header && !(w.keepHeader && hasHeading(n)) {
		return true
	}
	if hidden(n) {
		return true
	}
	if r := attr(n, "role"); r == "navigation" || r == "banner" || r == "contentinfo" || r == "search" || r == "complementary" {
		return true
	}
	return boilerplateAttr(attr(n, "class")) || boilerplateAttr(attr(n, "id"))
}

func hasHeading(n *html.Node) bool {
	found := false
	visit(n, func(c *html.Node) bool {
		if headingLevel[c.DataAtom] > 0 {
			found = true
		}
		return !found
	})
	return found
}

func hidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return true
	}
	style := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

func boilerplateAttr(v string) bool {
	if v == "" {
		return false
	}
	v = strings.ToLower(v)
	for _, f := range boilerClass {
		if strings.Contains(v, f) {
			return true
		}
	}
	return false
}

// flush ends the current block.
func (w *walker) flush() {
	t := collapse(w.buf.String())
	lt := collapse(w.link.String())
	w.buf.Reset()
	w.link.Reset()
	t = strings.Trim(t, " |")
	if t == "" {
		return
	}
	b := block.Block{Kind: block.Paragraph, Text: t}
	switch {
	case w.heading > 0:
		b.Kind, b.Level = block.Heading, w.heading
	case w.inItem:
		b.Kind, b.Ordered, b.Marker = block.ListItem, w.ordered, w.marker
		b.Level = max(len(w.lists)-1, 0)
	}
	if w.err != nil {
		return
	}
	if err := w.budget.Add(len(t)); err != nil {
		w.err = fmt.Errorf("extracting html: %w", err)
		return
	}
	w.totalChars += len(t)
	w.linkChars += min(len(lt), len(t))
	w.items = append(w.items, item{block: b, linkOnly: lt != "" && len(lt) >= len(t)})
}
