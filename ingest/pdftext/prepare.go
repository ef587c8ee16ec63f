package pdftext

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/strategispor/strategispor/internal/corpus"
)

// headerWindow is how far into the file "%PDF-" may start; readers such as
// Acrobat accept junk (mail headers, a BOM) in the first kilobyte.
const headerWindow = 1024

var encryptRe = regexp.MustCompile(`/Encrypt\s*(\d+\s+\d+\s+R|<<)`)

func hasEncrypt(data []byte) bool { return encryptRe.Match(data) }

// prepare adapts what the PDF library is strict about without changing
// any object offsets: bytes before "%PDF-" are cut (offsets in such files
// count from the header), a header the library refuses ("%PDF-2.0", no line
// break after the version) is rewritten in a copy to "%PDF-1.7" followed by
// a newline, and bytes after the last "%%EOF" are dropped.
func prepare(data []byte) ([]byte, []string, error) {
	var warnings []string
	start := bytes.Index(data[:min(len(data), headerWindow)], []byte("%PDF-"))
	if start < 0 {
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, nil, fmt.Errorf("extracting pdf: empty file: %w", corpus.ErrUnreadable)
		}
		return nil, nil, fmt.Errorf("extracting pdf: not a PDF (no %%PDF- header): %w", corpus.ErrUnreadable)
	}
	if start > 0 {
		warnings = append(warnings, fmt.Sprintf("%d bytes before the %%PDF header ignored", start))
	}
	data = data[start:]
	end := bytes.LastIndex(data, []byte("%%EOF"))
	if end < 0 {
		if hasEncrypt(data) {
			return nil, nil, fmt.Errorf("extracting pdf: password-protected; remove the password and ingest again: %w", corpus.ErrEncrypted)
		}
		return nil, nil, fmt.Errorf("extracting pdf: truncated or damaged PDF (no %%%%EOF marker): %w", corpus.ErrUnreadable)
	}
	if tail := bytes.TrimSpace(data[end+5:]); len(tail) > 0 {
		warnings = append(warnings, fmt.Sprintf("%d bytes after %%%%EOF ignored", len(tail)))
		data = data[:end+5]
	}
	if len(data) < 9 {
		return nil, nil, fmt.Errorf("extracting pdf: truncated PDF: %w", corpus.ErrUnreadable)
	}
	if !acceptedHeader(data) {
		version := string(bytes.TrimRight(data[5:8], "\r\n"))
		fixed := make([]byte, len(data))
		copy(fixed, data)
		copy(fixed, "%PDF-1.7\n")
		warnings = append(warnings, fmt.Sprintf("PDF version header %q read as 1.7", version))
		data = fixed
	}
	return data, warnings, nil
}

// acceptedHeader mirrors the library's check: "%PDF-1.0" to "%PDF-1.7"
// followed by CR or LF.
func acceptedHeader(b []byte) bool {
	return bytes.HasPrefix(b, []byte("%PDF-1.")) && b[7] >= '0' && b[7] <= '7' && (b[8] == '\r' || b[8] == '\n')
}
