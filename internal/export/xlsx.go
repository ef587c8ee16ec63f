package export

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// maxCell is the longest text an Excel cell holds; longer text is cut with
// an ellipsis rather than making the workbook unreadable.
const maxCell = 32767

// WriteXLSX writes t as an Excel workbook with one sheet: Norwegian headers
// in bold, the header row frozen and filterable, numbers as numbers, every
// other cell as text (never a formula).
func WriteXLSX(w io.Writer, t Table) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s workbook: %w", t.Name, cerr)
		}
	}()
	sheet := t.Name
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	for i, c := range t.Columns {
		if err := sw.SetColWidth(i+1, i+1, c.width()); err != nil {
			return fmt.Errorf("writing %s workbook: %w", t.Name, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = excelize.Cell{StyleID: bold, Value: c.Norsk}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	for r, row := range t.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = cellValue(t.Columns[i], v, wrap)
		}
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return fmt.Errorf("writing %s workbook: %w", t.Name, err)
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("writing %s workbook: %w", t.Name, err)
		}
	}
	last, err := excelize.CoordinatesToCellName(len(t.Columns), len(t.Rows)+1)
	if err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing %s workbook: %w", t.Name, err)
	}
	return nil
}

// cellValue is a number for number columns and text otherwise; the stream
// writer stores a Go string as a shared string, so "=SUM(A1)" stays text.
func cellValue(c Column, v string, style int) any {
	if c.Number && v != "" {
		if n, err := strconv.ParseFloat(v, 64); err == nil {
			return excelize.Cell{StyleID: style, Value: n}
		}
	}
	if r := []rune(v); len(r) > maxCell {
		v = string(r[:maxCell-1]) + "…"
	}
	return excelize.Cell{StyleID: style, Value: v}
}

func (c Column) width() float64 {
	if c.Width > 0 {
		return c.Width
	}
	return 16
}
