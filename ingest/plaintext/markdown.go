package plaintext

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
)

var (
	atxRe      = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	setextRe   = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)
	bulletRe   = regexp.MustCompile(`^([ \t]*)([-*+])[ \t]+(.*)$`)
	orderedRe  = regexp.MustCompile(`^([ \t]*)(\d{1,9}[.)])[ \t]+(.*)$`)
	breakRe    = regexp.MustCompile(`^ {0,3}((\*[ \t]*){3,}|(-[ \t]*){3,}|(_[ \t]*){3,})$`)
	fenceRe    = regexp.MustCompile("^ {0,3}(```|~~~)")
	imageRe    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	linkRe     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	emphasisRe = regexp.MustCompile(`\*\*|__|` + "`")
)

// parseMarkdown turns lines into blocks. It reads the common subset of
// Markdown that strategy documents use; inline markup is reduced to its text.
func parseMarkdown(ctx context.Context, lines []string, ex *block.Extracted) error {
	lines = frontMatter(lines, ex)
	inFence := false
	for i := 0; i < len(lines); i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("extracting markdown: %w", err)
			}
		}
		raw := strings.TrimRight(lines[i], " \t\f\v")
		if fenceRe.MatchString(raw) {
			inFence = !inFence
			continue
		}
		if inFence {
			ex.Blocks = append(ex.Blocks, block.Block{Kind: block.Line, Text: raw})
			continue
		}
		// Setext underline: turns the line before it into a heading.
		if m := setextRe.FindStringSubmatch(raw); m != nil && len(ex.Blocks) > 0 {
			prev := &ex.Blocks[len(ex.Blocks)-1]
			if prev.Kind == block.Line && strings.TrimSpace(prev.Text) != "" && i > 0 && strings.TrimSpace(lines[i-1]) != "" {
				prev.Kind = block.Heading
				prev.Level = 1
				if m[1][0] == '-' {
					prev.Level = 2
				}
				prev.Text = inline(strings.TrimSpace(prev.Text))
				continue
			}
		}
		if breakRe.MatchString(raw) {
			ex.Blocks = append(ex.Blocks, block.Block{Kind: block.Line})
			continue
		}
		if m := atxRe.FindStringSubmatch(raw); m != nil {
			ex.Blocks = append(ex.Blocks, block.Block{Kind: block.Heading, Level: len(m[1]), Text: inline(strings.TrimSpace(m[2]))})
			continue
		}
		if m := bulletRe.FindStringSubmatch(raw); m != nil {
			ex.Blocks = append(ex.Blocks, block.Block{Kind: block.ListItem, Marker: m[2], Level: depth(m[1]), Text: inline(m[3])})
			continue
		}
		if m := orderedRe.FindStringSubmatch(raw); m != nil {
			ex.Blocks = append(ex.Blocks, block.Block{Kind: block.ListItem, Ordered: true, Marker: m[2], Level: depth(m[1]), Text: inline(m[3])})
			continue
		}
		text := strings.TrimSpace(raw)
		// Indented text right after a list item continues that item.
		if n := len(ex.Blocks); n > 0 && text != "" && raw != text && ex.Blocks[n-1].Kind == block.ListItem {
			ex.Blocks[n-1].Text += " " + inline(text)
			continue
		}
		text = strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(raw, " "), ">"), " ")
		if text != "" {
			text = inline(text)
		}
		ex.Blocks = append(ex.Blocks, block.Block{Kind: block.Line, Text: text})
	}
	return nil
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

// depth is the list nesting level from the indentation: two columns (or a
// tab) per level.
func depth(indent string) int {
	cols := 0
	for _, c := range indent {
		if c == '\t' {
			cols += 4
		} else {
			cols++
		}
	}
	return min(cols/2, 8)
}

// inline reduces links and images to their text and drops strong emphasis
// and code markers.
func inline(s string) string {
	if !strings.ContainsAny(s, "[*_`") {
		return s
	}
	s = imageRe.ReplaceAllString(s, "$1")
	s = linkRe.ReplaceAllString(s, "$1")
	return emphasisRe.ReplaceAllString(s, "")
}
