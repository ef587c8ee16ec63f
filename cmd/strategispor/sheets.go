package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/pflag"
)

// sheetFlags are the spreadsheet options of the list commands.
type sheetFlags struct {
	csv  bool
	sep  string
	xlsx string
}

func (s *sheetFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&s.csv, "csv", false, "print CSV (UTF-8 with BOM)")
	fs.StringVar(&s.sep, "csv-sep", ",", `CSV separator: "," (English headers) or ";" (Norwegian headers, for Norwegian Excel)`)
	fs.StringVar(&s.xlsx, "xlsx", "", "write an Excel workbook to this file")
}

// check validates the flags for cmd; asJSON is the command's --json.
func (s *sheetFlags) check(cmd string, asJSON bool) (semicolon bool, err error) {
	n := 0
	for _, on := range []bool{asJSON, s.csv, s.xlsx != ""} {
		if on {
			n++
		}
	}
	if n > 1 {
		return false, usageErrorf(cmd, "choose one of --json, --csv and --xlsx")
	}
	switch s.sep {
	case ",", "comma":
		semicolon = false
	case ";", "semicolon":
		semicolon = true
	default:
		return false, usageErrorf(cmd, `--csv-sep %q is not "," or ";"`, s.sep)
	}
	return semicolon, nil
}

// writeXLSX writes a workbook to path whole, or not at all.
func writeXLSX(path string, write func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
