package docxtext

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
	"github.com/strategispor/strategispor/internal/corpus"
)

// walker streams document.xml and emits blocks.
type walker struct {
	ctx       context.Context
	styles    *styles
	numbering *numbering
	blocks    []block.Block
	title     string
	warnings  []string
	budget    *block.Budget // shared by the walkers of one package
	err       error         // set when the budget runs out
}

// add appends b, counting it against the budget.
func (w *walker) add(b block.Block) {
	if w.err != nil {
		return
	}
	if err := w.budget.Add(len(b.Text)); err != nil {
		w.err = fmt.Errorf("extracting docx: %w", err)
		return
	}
	w.blocks = append(w.blocks, b)
}

// para collects one w:p.
type para struct {
	text           strings.Builder
	style          string
	numID, ilvl    string
	hasNum         bool
	outline        int
	inDel, inInstr bool
	inText         bool
}

func (w *walker) document(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	var p *para
	var tblDepth int
	var row []string  // cells of the current outermost table row
	var cell []string // paragraphs of the current cell
	steps := 0
	for {
		steps++
		if steps%4096 == 0 {
			if err := w.ctx.Err(); err != nil {
				return fmt.Errorf("extracting docx: %w", err)
			}
		}
		if steps > MaxXMLTokens {
			return tooManyTokens("document.xml")
		}
		if w.err != nil {
			return w.err
		}
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			if len(w.blocks) > 0 {
				w.warnings = append(w.warnings, fmt.Sprintf("document.xml damaged after %d blocks: %v", len(w.blocks), err))
				return nil
			}
			return fmt.Errorf("extracting docx: document.xml: %v: %w", err, corpus.ErrUnreadable)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "tbl":
				tblDepth++
			case "tr":
				if tblDepth == 1 {
					row = nil
				}
			case "tc":
				if tblDepth == 1 {
					cell = nil
				}
			case "p":
				p = &para{}
			}
			if p != nil {
				p.start(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "p":
				if p == nil {
					continue
				}
				if tblDepth > 0 {
					if t := strings.Join(strings.Fields(p.text.String()), " "); t != "" {
						cell = append(cell, t)
					}
				} else {
					w.emit(p)
				}
				p = nil
			case "tc":
				if tblDepth == 1 && len(cell) > 0 {
					row = append(row, strings.Join(cell, " "))
				}
			case "tr":
				if tblDepth == 1 && len(row) > 0 {
					w.add(block.Block{Kind: block.Paragraph, Text: strings.Join(row, " | ")})
					row = nil
				}
			case "tbl":
				tblDepth = max(tblDepth-1, 0)
			}
			if p != nil {
				p.end(e)
			}
		case xml.CharData:
			if p != nil && p.inText && !p.inDel && !p.inInstr {
				p.text.Write(e)
			}
		}
	}
}

func (p *para) start(e xml.StartElement) {
	switch e.Name.Local {
	case "pStyle":
		p.style = attr(e, "val")
	case "numPr":
		p.hasNum = true
	case "numId":
		p.numID = attr(e, "val")
		if p.numID == "0" { // numId 0 switches numbering off
			p.hasNum = false
		}
	case "ilvl":
		p.ilvl = attr(e, "val")
	case "outlineLvl":
		var n int
		if _, err := fmt.Sscan(attr(e, "val"), &n); err == nil && n >= 0 && n < 9 {
			p.outline = n + 1
		}
	case "t":
		p.inText = true
	case "delText":
		p.inDel = true
	case "instrText":
		p.inInstr = true
	case "tab", "br", "cr":
		p.text.WriteByte(' ')
	case "noBreakHyphen":
		p.text.WriteByte('-')
	}
}

func (p *para) end(e xml.EndElement) {
	switch e.Name.Local {
	case "t":
		p.inText = false
	case "delText":
		p.inDel = false
	case "instrText":
		p.inInstr = false
	}
}

// emit turns a finished paragraph into a block.
func (w *walker) emit(p *para) {
	text := strings.Join(strings.Fields(p.text.String()), " ")
	if text == "" {
		// An empty paragraph is a blank line, as a text file saved as Word
		// keeps its blank lines; one is enough.
		if n := len(w.blocks); n > 0 && !(w.blocks[n-1].Kind == block.Line && w.blocks[n-1].Text == "") {
			w.add(block.Block{Kind: block.Line})
		}
		return
	}
	b := block.Block{Kind: block.Paragraph, Text: text}
	level := w.styles.headingLevel(p.style)
	if level == 0 && p.outline > 0 {
		level = p.outline
	}
	listStyle, orderedStyle := w.styles.listStyle(p.style)
	switch {
	case w.styles.isTitle(p.style):
		b.Kind, b.Level = block.Heading, 1
		if w.title == "" {
			w.title = text
		}
	case level > 0:
		b.Kind, b.Level = block.Heading, min(level, 6)
	case p.hasNum || listStyle:
		b.Kind = block.ListItem
		b.Ordered = orderedStyle
		if p.hasNum {
			b.Ordered = w.numbering.ordered(p.numID, p.ilvl)
		}
		depth, _ := strconv.Atoi(p.ilvl) // a missing or bad level is level 0
		b.Level = min(max(depth, 0), 8)
		b.Marker = "•"
		if b.Ordered {
			b.Marker = "1."
		}
	}
	w.add(b)
}

// notes reads footnotes.xml or endnotes.xml into Footnote blocks, skipping
// the separator notes Word keeps at ids -1, 0.
func (w *walker) notes(b []byte, elem string) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	var id string
	var text strings.Builder
	inText := false
	for steps := 1; ; steps++ {
		if w.err != nil {
			return w.err
		}
		if steps > MaxXMLTokens {
			return tooManyTokens(elem + "s")
		}
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case elem:
				id = attr(e, "id")
				text.Reset()
			case "t":
				inText = true
			case "tab", "br":
				text.WriteByte(' ')
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case elem:
				t := strings.Join(strings.Fields(text.String()), " ")
				if t != "" && id != "0" && id != "-1" {
					w.add(block.Block{Kind: block.Footnote, Marker: id, Text: "[" + id + "] " + t})
				}
			}
		case xml.CharData:
			if inText {
				text.Write(e)
			}
		}
	}
}

// tooManyTokens is the error for a part over MaxXMLTokens.
func tooManyTokens(part string) error {
	return fmt.Errorf("extracting docx: %s has more than %d XML elements and text runs (limit of %d a part): %w",
		part, MaxXMLTokens, MaxXMLTokens, corpus.ErrTooLarge)
}
