// Package export writes commitments and their follow-up as files advisers
// open in a spreadsheet.
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Header is the first row CommitmentsCSV writes.
var Header = keys(commitmentColumns)

// StatusReason is the Reason kind a link carries the status words of its
// tiltak in ("er ikke startet"); it is shown as status_text.
const StatusReason = "status"

// bom makes Excel read the file as UTF-8, so that æ, ø and å survive.
const bom = "\ufeff"

// CommitmentsCSV writes one row per commitment with its best link, that
// link's status and score, the reasons for it, the other links, and the
// status the commitment shows (the worst of its linked tiltak) with a
// summary when they disagree. The file
// is RFC 4180 CSV (comma, CRLF, quotes doubled) in UTF-8 with a byte order
// mark. A commitment without links gets empty link columns.
func CommitmentsCSV(w io.Writer, views []corpus.CommitmentView) error {
	return WriteCSV(w, Commitments(views), CSVOptions{})
}

// CSVOptions chooses the separator and the header language of a CSV file.
type CSVOptions struct {
	Sep       rune // ',' when zero
	Norwegian bool // Norwegian column names, as an adviser's spreadsheet shows them
}

// WriteCSV writes t as RFC 4180 CSV (CRLF, quotes doubled) in UTF-8 with a
// byte order mark. Cells a spreadsheet would run as a formula are defused.
func WriteCSV(w io.Writer, t Table, o CSVOptions) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("writing %s csv: %w", t.Name, err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if o.Sep != 0 {
		cw.Comma = o.Sep
	}
	if err := cw.Write(t.Header(o.Norwegian)); err != nil {
		return fmt.Errorf("writing %s csv: %w", t.Name, err)
	}
	for _, row := range t.Rows {
		out := make([]string, len(row))
		for i, c := range row {
			out[i] = defuse(c)
		}
		if err := cw.Write(out); err != nil {
			return fmt.Errorf("writing %s csv: %w", t.Name, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing %s csv: %w", t.Name, err)
	}
	return nil
}

func title(t, id string) string {
	if t != "" {
		return t
	}
	return id
}

// statusText returns the status words the link carries, if any.
func statusText(l corpus.Link) string {
	if l.StatusText != "" {
		return l.StatusText
	}
	for _, r := range l.Reasons {
		if r.Kind == StatusReason {
			return r.Detail
		}
	}
	return ""
}

// reasons joins a link's reasons with their weights: "Felles ord: … (0.45); …".
func reasons(l corpus.Link) string {
	var parts []string
	for _, r := range l.Reasons {
		if r.Kind == StatusReason {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (%.2f)", r.Detail, r.Weight))
	}
	return strings.Join(parts, "; ")
}

// others lists the remaining links: "tiltak: Tittel – Tekst (0.63, ikke startet) | …".
func others(ls []corpus.Link) string {
	var parts []string
	for _, l := range ls {
		text := l.TargetText
		if r := []rune(text); len(r) > 100 {
			text = string(r[:100]) + "…"
		}
		p := fmt.Sprintf("%s: %s – %s (%.2f", l.TargetType, title(l.DocumentTitle, l.DocumentID), text, l.Score)
		if l.Status != "" {
			p += ", " + string(l.Status)
		}
		parts = append(parts, p+")")
	}
	return strings.Join(parts, " | ")
}

// defuse keeps a spreadsheet from running a cell as a formula: cells that
// start with = + - @ or a control character get a leading apostrophe.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
