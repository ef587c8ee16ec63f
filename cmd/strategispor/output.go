package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"regexp"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal, so output can use colour and
// a progress bar; anything else (a pipe, a file, a test buffer) gets plain text.
func isTerminal(w io.Writer) bool {
	if o, ok := w.(*outWriter); ok {
		w = o.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
}

var markTag = regexp.MustCompile(`</?mark>`)

// renderSnippet turns an HTML-escaped snippet with <mark> into terminal text:
// matches in bold inverse on a terminal, plain otherwise.
func renderSnippet(s string, ansi bool) string {
	if ansi {
		s = strings.ReplaceAll(s, "<mark>", "\x1b[1;7m")
		s = strings.ReplaceAll(s, "</mark>", "\x1b[0m")
	} else {
		s = markTag.ReplaceAllString(s, "")
	}
	return html.UnescapeString(s)
}

// clip shortens s to n runes for table cells, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func printf(w io.Writer, format string, args ...any) { fmt.Fprintf(w, format, args...) }
