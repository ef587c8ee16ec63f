package docxtext

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/strategispor/strategispor/ingest/block"
)

// style is what a paragraph style says about structure.
type style struct {
	name     string
	basedOn  string
	outline  int // outline level + 1; 0 = none
	numbered bool
}

type styles struct{ byID map[string]style }

var headingNameRe = regexp.MustCompile(`(?i)^(heading|overskrift|rubrik|überschrift|titre)\s*([1-9])$`)

// headingLevel resolves a style to a heading level (0 = not a heading),
// following basedOn a few steps.
func (s *styles) headingLevel(id string) int {
	for i := 0; i < 10 && id != ""; i++ {
		st, ok := s.byID[id]
		if m := headingNameRe.FindStringSubmatch(strings.TrimSpace(st.name)); m != nil {
			n, _ := strconv.Atoi(m[2])
			return n
		}
		if m := headingNameRe.FindStringSubmatch(id); m != nil {
			n, _ := strconv.Atoi(m[2])
			return n
		}
		if !ok {
			return 0
		}
		if st.outline > 0 && st.outline <= 9 {
			return st.outline
		}
		id = st.basedOn
	}
	return 0
}

var (
	titleNameRe = regexp.MustCompile(`(?i)^(title|tittel)$`)
	listNameRe  = regexp.MustCompile(`(?i)(list|liste|punkt|bullet|nummerer)`)
	orderedRe   = regexp.MustCompile(`(?i)(number|nummer|tall)`)
)

func (s *styles) isTitle(id string) bool {
	return titleNameRe.MatchString(s.byID[id].name) || titleNameRe.MatchString(id)
}

// listStyle reports whether a style marks list paragraphs, and whether numbered.
func (s *styles) listStyle(id string) (list, ordered bool) {
	for i := 0; i < 10 && id != ""; i++ {
		st := s.byID[id]
		if st.numbered || listNameRe.MatchString(st.name) {
			return true, orderedRe.MatchString(st.name)
		}
		id = st.basedOn
	}
	return false, false
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func readStyles(b []byte) *styles {
	s := &styles{byID: map[string]style{}}
	d := xml.NewDecoder(bytes.NewReader(b))
	var id string
	var cur style
	for {
		tok, err := d.Token()
		if err != nil {
			return s
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "style":
				id, cur = attr(e, "styleId"), style{}
			case "name":
				cur.name = attr(e, "val")
			case "basedOn":
				cur.basedOn = attr(e, "val")
			case "outlineLvl":
				if n, err := strconv.Atoi(attr(e, "val")); err == nil && n >= 0 && n < 9 {
					cur.outline = n + 1
				}
			case "numPr":
				cur.numbered = true
			}
		case xml.EndElement:
			if e.Name.Local == "style" && id != "" {
				s.byID[id] = cur
				id = ""
			}
		}
	}
}

// numbering maps numId and level to whether the list is ordered.
type numbering struct {
	abstract map[string]map[string]string // abstractNumId → ilvl → numFmt
	nums     map[string]string            // numId → abstractNumId
}

func (n *numbering) ordered(numID, ilvl string) bool {
	if n.nums == nil {
		return false
	}
	f := n.abstract[n.nums[numID]][ilvl]
	return f != "" && f != "bullet" && f != "none"
}

func readNumbering(b []byte) *numbering {
	n := &numbering{abstract: map[string]map[string]string{}, nums: map[string]string{}}
	d := xml.NewDecoder(bytes.NewReader(b))
	var abs, lvl, num string
	for {
		tok, err := d.Token()
		if err != nil {
			return n
		}
		if e, ok := tok.(xml.StartElement); ok {
			switch e.Name.Local {
			case "abstractNum":
				abs, num = attr(e, "abstractNumId"), ""
				if n.abstract[abs] == nil {
					n.abstract[abs] = map[string]string{}
				}
			case "lvl":
				lvl = attr(e, "ilvl")
			case "numFmt":
				if abs != "" && num == "" {
					n.abstract[abs][lvl] = attr(e, "val")
				}
			case "num":
				num, abs = attr(e, "numId"), ""
			case "abstractNumId":
				if num != "" {
					n.nums[num] = attr(e, "val")
				}
			}
		}
	}
}

// eachField calls fn with the name of each element of a small property part
// and its text, white space collapsed; empty texts are left out.
func eachField(b []byte, fn func(field, value string)) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var field string
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch e := tok.(type) {
		case xml.StartElement:
			field = e.Name.Local
		case xml.EndElement:
			field = ""
		case xml.CharData:
			if v := strings.Join(strings.Fields(string(e)), " "); v != "" {
				fn(field, v)
			}
		}
	}
}

// readCore reads docProps/core.xml (Dublin Core properties).
func readCore(b []byte, ex *block.Extracted) {
	eachField(b, func(field, v string) {
		switch field {
		case "title":
			if ex.Title == "" {
				ex.Title = v
			}
			ex.SetMeta("title", v, "docx: dc:title")
		case "creator":
			ex.SetMeta("author", v, "docx: dc:creator")
		case "created":
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				ex.SetMeta("date", t.Format(time.DateOnly), "docx: dcterms:created")
			}
		case "modified":
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				ex.SetMeta("modified", t.Format(time.DateOnly), "docx: dcterms:modified")
			}
		case "language":
			ex.SetMeta("language", strings.ToLower(strings.SplitN(v, "-", 2)[0]), "docx: dc:language")
		case "subject", "description", "keywords":
			ex.SetMeta(field, v, "docx: "+field)
		}
	})
}

// readApp reads docProps/app.xml for the company name.
func readApp(b []byte, ex *block.Extracted) {
	eachField(b, func(field, v string) {
		if field == "Company" {
			ex.SetMeta("organisation", v, "docx: app.xml Company")
		}
	})
}
