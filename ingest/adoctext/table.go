package adoctext

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/ingest/block"
)

// cellSpecRe finds the cell specifier before a separator ("2+|", "a|", ".2+^.^|").
var cellSpecRe = regexp.MustCompile(`^(?:\d+[+*])?(?:\.\d+\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?$`)

// table emits one paragraph per row of a table, cells joined by " | " as
// the DOCX and HTML readers give them. The column count comes from a
// preceding [cols=…] attribute, else from the cells on the first line.
func (r *reader) table(lines []string, sep string) {
	var cells []string
	cols := colsOf(r.lastAttr)
	first := true
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if sep == "," || sep == ":" { // CSV and DSV: one row a line
			cells = append(cells, strings.Split(l, sep)...)
			if cols == 0 {
				cols = len(strings.Split(l, sep))
			}
			continue
		}
		if !strings.Contains(l, "|") || !cellSpecRe.MatchString(l[:strings.Index(l, "|")]) {
			if n := len(cells); n > 0 { // a cell's text continues
				cells[n-1] += " " + l
			}
			continue
		}
		parts := strings.Split(l, "|")
		n := 0
		for k, p := range parts[1:] {
			// The tail of each part but the last may be the next cell's specifier.
			if k < len(parts)-2 {
				if f := strings.Fields(p); len(f) > 0 && cellSpecRe.MatchString(f[len(f)-1]) && len(f[len(f)-1]) <= 4 && strings.ContainsAny(f[len(f)-1], "+*adehlmsv<^>") {
					p = strings.TrimSuffix(strings.TrimSpace(p), f[len(f)-1])
				}
			}
			cells = append(cells, strings.TrimSpace(p))
			n++
		}
		if first && cols == 0 {
			cols = n
		}
		first = false
	}
	if cols <= 0 {
		cols = 1
	}
	for i := 0; i < len(cells); i += cols {
		row := cells[i:min(i+cols, len(cells))]
		for k := range row {
			row[k] = inline(r.subst(row[k]))
		}
		if text := strings.Join(row, " | "); strings.Trim(text, " |") != "" {
			r.emit(block.Block{Kind: block.Paragraph, Text: text})
		}
	}
}

var colsRe = regexp.MustCompile(`cols\s*=\s*"?([^",\]]*(?:,[^",\]]*)*)"?`)

// colsOf reads the column count from a block attribute line such as
// [cols="1,2,1"], [cols="3*"] or [cols=3].
func colsOf(attr string) int {
	m := colsRe.FindStringSubmatch(attr)
	if m == nil {
		return 0
	}
	spec := strings.TrimSpace(m[1])
	if n, err := strconv.Atoi(spec); err == nil && !strings.Contains(spec, ",") {
		return n
	}
	total := 0
	for _, c := range strings.Split(spec, ",") {
		if mul, _, ok := strings.Cut(c, "*"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(mul))
			if err != nil {
				n = 1
			}
			total += n
			continue
		}
		total++
	}
	return total
}
