// Package adoctext reads AsciiDoc (.adoc, .asciidoc) files: the subset that
// architecture and strategy documents use. Section titles ("=" … "======")
// become headings (the document title "= …" is level 1, "==" level 2, and so
// on), paragraphs are joined into one block each, "*", "-", "." and "1."
// items become list items, tables ("|===") one paragraph per row with cells
// joined by " | ", and admonitions ("NOTE: …", "[WARNING]" blocks) keep their
// text without the label. Attributes (":name: value") are substituted where
// "{name}" refers to them, and ifdef/ifndef/ifeval … endif blocks are kept or
// dropped by the attributes set above them. Comments, block attribute lines,
// images and passthrough blocks are dropped; include lines are dropped with a
// warning, since a file read on its own cannot follow them.
package adoctext

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/ingest/plaintext"
	"github.com/strategispor/strategispor/internal/corpus"
)

var (
	headingRe   = regexp.MustCompile(`^(={1,6})[ \t]+(\S.*?)(?:[ \t]+=+)?[ \t]*$`)
	attrRe      = regexp.MustCompile(`^:(!?)([\pL\pN_][\pL\pN_-]*)(!?):(?:[ \t]+(.*))?$`)
	condRe      = regexp.MustCompile(`^(ifdef|ifndef|ifeval|endif)::([^\[]*)\[(.*)\][ \t]*$`)
	bulletRe    = regexp.MustCompile(`^[ \t]*(\*{1,5}|-)[ \t]+(\S.*)$`)
	dotItemRe   = regexp.MustCompile(`^[ \t]*(\.{1,5})[ \t]+(\S.*)$`)
	numItemRe   = regexp.MustCompile(`^[ \t]*(\d{1,9}\.)[ \t]+(\S.*)$`)
	descRe      = regexp.MustCompile(`^(\S.*?)(:{2,4}|;;)(?:[ \t]+(.*))?$`)
	admonRe     = regexp.MustCompile(`^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+(.*)$`)
	blockAttrRe = regexp.MustCompile(`^\[[^\]]*\][ \t]*$`)
	titleRe     = regexp.MustCompile(`^\.[^ \t.].*$`)
	macroRe     = regexp.MustCompile(`^(image|video|audio|toc)::`)
	includeRe   = regexp.MustCompile(`^include::([^\[]*)\[`)
)

// delimiters of blocks whose content is kept as text (quote, example,
// sidebar, open, listing, literal) or dropped (passthrough, comment).
var delimiters = map[string]string{
	"____": "text", "====": "text", "****": "text", "--": "text",
	"----": "verbatim", "....": "verbatim",
	"++++": "drop", "////": "drop",
}

// reader holds the state of one pass over the lines.
type reader struct {
	ex       *block.Extracted
	budget   block.Budget
	attrs    map[string]string
	skip     []bool // one entry per open conditional: true when its content is dropped
	para     []string
	lastAttr string   // the last block attribute line ("[cols=\"1,2\"]")
	notes    []string // footnotes of the current paragraph
	nnotes   int
	lastErr  error
}

// Extract decodes data and returns its blocks. Errors wrap
// corpus.ErrUnreadable (not text) or corpus.ErrTooLarge (over the block or
// text limits).
func Extract(ctx context.Context, data []byte) (ex block.Extracted, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex = block.Extracted{}
			err = fmt.Errorf("extracting asciidoc: internal error (%v): %w", r, corpus.ErrUnreadable)
		}
	}()
	if err := ctx.Err(); err != nil {
		return block.Extracted{}, fmt.Errorf("extracting asciidoc: %w", err)
	}
	data, stray := dropStrayNULs(data)
	text, warnings, err := plaintext.Decode(data)
	if err != nil {
		return block.Extracted{}, err
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if err := block.Over(strings.Count(text, "\n"), len(text)); err != nil {
		return block.Extracted{}, fmt.Errorf("extracting asciidoc: %w", err)
	}
	if stray > 0 {
		warnings = append(warnings, fmt.Sprintf("%d stray NUL byte(s) dropped", stray))
	}
	ex = block.Extracted{Warnings: warnings}
	r := &reader{ex: &ex, attrs: map[string]string{
		"nbsp": "\u00a0", "sp": " ", "empty": "", "blank": "", "zwsp": "", "amp": "&", "lt": "<", "gt": ">",
		"quot": `"`, "apos": "'", "startsb": "[", "endsb": "]", "vbar": "|", "plus": "+", "asterisk": "*",
	}}
	if err := r.read(ctx, strings.Split(text, "\n")); err != nil {
		return block.Extracted{}, err
	}
	return ex, nil
}

func (r *reader) read(ctx context.Context, lines []string) error {
	for i := 0; i < len(lines); i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("extracting asciidoc: %w", err)
			}
		}
		raw := strings.TrimRight(lines[i], " \t\f\v")
		if m := condRe.FindStringSubmatch(raw); m != nil {
			r.flush()
			r.conditional(m[1], m[2], m[3])
			continue
		}
		if r.skipping() {
			continue
		}
		switch {
		case strings.HasPrefix(raw, "//") && !strings.HasPrefix(raw, "////"):
			continue // line comment
		case raw == "":
			r.flush()
			continue
		case includeRe.MatchString(raw):
			r.flush()
			r.ex.Warnings = append(r.ex.Warnings, fmt.Sprintf("line %d: %s not followed (a file is read on its own)", i+1, strings.SplitN(raw, "[", 2)[0]))
			continue
		}
		if kind, ok := delimiters[raw]; ok || raw == "|===" || raw == ",===" || raw == ":===" {
			r.flush()
			end := closing(lines, i, raw)
			inner := lines[i+1 : end]
			switch {
			case raw == "|===" || raw == ",===" || raw == ":===":
				r.table(inner, raw[:1])
				r.lastAttr = ""
			case kind == "verbatim":
				r.emit(block.Block{Kind: block.Paragraph, Text: r.subst(strings.Join(trimAll(inner), "\n"))})
			case kind == "text":
				if err := r.read(ctx, inner); err != nil {
					return err
				}
				r.flush()
			}
			i = end
			continue
		}
		if m := attrRe.FindStringSubmatch(raw); m != nil && len(r.para) == 0 {
			if m[1] == "!" || m[3] == "!" {
				delete(r.attrs, m[2])
			} else {
				r.attrs[m[2]] = r.subst(m[4])
			}
			continue
		}
		if m := headingRe.FindStringSubmatch(raw); m != nil && len(r.para) == 0 {
			level := len(m[1])
			title := inline(r.subst(m[2]))
			if level == 1 && r.ex.Title == "" {
				r.ex.Title = title
			}
			r.emit(block.Block{Kind: block.Heading, Level: level, Text: title})
			continue
		}
		if len(r.para) == 0 && (blockAttrRe.MatchString(raw) || macroRe.MatchString(raw) || titleRe.MatchString(raw) && !strings.HasPrefix(raw, "..")) {
			if blockAttrRe.MatchString(raw) {
				r.lastAttr = raw
			}
			if titleRe.MatchString(raw) {
				r.emit(block.Block{Kind: block.Paragraph, Text: inline(r.subst(raw[1:]))})
			}
			continue // block attributes ("[arabic]", "[NOTE]"), block macros
		}
		if m := bulletRe.FindStringSubmatch(raw); m != nil {
			r.flush()
			r.para = []string{m[2]}
			r.item(m[1], false)
			continue
		}
		if m := dotItemRe.FindStringSubmatch(raw); m != nil {
			r.flush()
			r.para = []string{m[2]}
			r.item(m[1], true)
			continue
		}
		if m := numItemRe.FindStringSubmatch(raw); m != nil {
			r.flush()
			r.para = []string{m[2]}
			r.item(m[1], true)
			continue
		}
		if raw == "+" { // list continuation: the next block belongs to the item
			continue
		}
		if m := admonRe.FindStringSubmatch(raw); m != nil && len(r.para) == 0 {
			raw = m[2]
		}
		if m := descRe.FindStringSubmatch(raw); m != nil && len(r.para) == 0 && !strings.Contains(m[1], "://") && !strings.Contains(m[1], "[") {
			r.para = []string{strings.TrimSpace(m[1]) + ": " + m[3]}
			continue
		}
		r.para = append(r.para, strings.TrimSpace(strings.TrimSuffix(raw, " +")))
	}
	r.flush()
	return r.lastErr
}

// item turns the pending text into a list item once its lines are in: the
// item is the last block, and continuation lines are appended by flush.
func (r *reader) item(marker string, ordered bool) {
	depth := len(marker) - 1
	if marker == "-" || strings.HasSuffix(marker, ".") && marker[0] != '.' {
		depth = 0
	}
	r.emit(block.Block{Kind: block.ListItem, Ordered: ordered, Marker: marker, Level: depth})
	r.ex.Blocks[len(r.ex.Blocks)-1].Text = "\x00" // placeholder until flush fills it
}

// flush ends the pending paragraph or list item.
func (r *reader) flush() {
	if len(r.para) == 0 {
		return
	}
	text := inline(r.subst(strings.Join(r.para, " ")))
	text = r.footnotes(text)
	r.para = nil
	if n := len(r.ex.Blocks); n > 0 && r.ex.Blocks[n-1].Kind == block.ListItem && r.ex.Blocks[n-1].Text == "\x00" {
		r.ex.Blocks[n-1].Text = text
	} else if text != "" {
		r.emit(block.Block{Kind: block.Paragraph, Text: text})
	}
	for _, f := range r.notes {
		r.emit(block.Block{Kind: block.Footnote, Text: f})
	}
	r.notes = nil
}

func (r *reader) emit(b block.Block) {
	if r.lastErr != nil {
		return
	}
	if err := r.budget.Add(len(b.Text)); err != nil {
		r.lastErr = fmt.Errorf("extracting asciidoc: %w", err)
		return
	}
	r.ex.Blocks = append(r.ex.Blocks, b)
}

func (r *reader) skipping() bool {
	for _, s := range r.skip {
		if s {
			return true
		}
	}
	return false
}

// conditional handles ifdef::a[], ifndef::a,b[], ifeval::[expr], endif::[]
// and the one-line form ifdef::a[text].
func (r *reader) conditional(kind, names, content string) {
	if kind == "endif" {
		if n := len(r.skip); n > 0 {
			r.skip = r.skip[:n-1]
		}
		return
	}
	var keep bool
	switch kind {
	case "ifeval":
		keep = r.eval(content)
		content = ""
	case "ifdef", "ifndef":
		keep = r.defined(names)
		if kind == "ifndef" {
			keep = !keep
		}
	}
	if content != "" { // one-line form: no endif follows
		if keep && !r.skipping() {
			r.para = append(r.para, content)
		}
		return
	}
	r.skip = append(r.skip, !keep)
}

// defined reads "a,b" (any set) and "a+b" (all set).
func (r *reader) defined(names string) bool {
	if strings.Contains(names, "+") {
		for _, n := range strings.Split(names, "+") {
			if _, ok := r.attrs[strings.TrimSpace(n)]; !ok {
				return false
			}
		}
		return true
	}
	for _, n := range strings.Split(names, ",") {
		if _, ok := r.attrs[strings.TrimSpace(n)]; ok {
			return true
		}
	}
	return false
}

var evalRe = regexp.MustCompile(`^\s*(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*?)\s*$`)

// eval reads "{a} == 1" and the like: both sides after substitution,
// compared as numbers when both are numbers, otherwise as strings. An
// expression it cannot read is false.
func (r *reader) eval(expr string) bool {
	m := evalRe.FindStringSubmatch(r.subst(expr))
	if m == nil {
		return false
	}
	a, b := strings.Trim(m[1], `"'`), strings.Trim(m[3], `"'`)
	var x, y float64
	_, errA := fmt.Sscan(a, &x)
	_, errB := fmt.Sscan(b, &y)
	cmp := strings.Compare(a, b)
	if errA == nil && errB == nil {
		cmp = 0
		if x < y {
			cmp = -1
		} else if x > y {
			cmp = 1
		}
	}
	switch m[2] {
	case "==":
		return cmp == 0
	case "!=":
		return cmp != 0
	case "<":
		return cmp < 0
	case ">":
		return cmp > 0
	case "<=":
		return cmp <= 0
	}
	return cmp >= 0
}

var refRe = regexp.MustCompile(`\\?\{([\pL\pN_][\pL\pN_-]*)\}`)

// subst replaces {name} with the attribute's value; unknown names and
// escaped references (\{name}) stay as written.
func (r *reader) subst(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return refRe.ReplaceAllStringFunc(s, func(m string) string {
		if m[0] == '\\' {
			return m[1:]
		}
		if v, ok := r.attrs[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// dropStrayNULs removes a few NUL bytes from text that has them only here
// and there (an editor's slip, as in a real HK-dir document); text with more
// is left for Decode to refuse as binary or read as UTF-16.
func dropStrayNULs(data []byte) ([]byte, int) {
	n := bytes.Count(data, []byte{0})
	if n == 0 || n > 4 || n*1000 > len(data) {
		return data, 0
	}
	return bytes.ReplaceAll(data, []byte{0}, nil), n
}

// closing returns the index of the line that closes the block opened at
// lines[open], or len(lines) when it is never closed.
func closing(lines []string, open int, delim string) int {
	for j := open + 1; j < len(lines); j++ {
		if strings.TrimRight(lines[j], " \t\f\v") == delim {
			return j
		}
	}
	return len(lines)
}

func trimAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(l, " \t\f\v")
	}
	return out
}
