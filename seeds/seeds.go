// Package seeds holds strategispor's default corpus: the five Norwegian
// public-sector texts the product was specified from, embedded in the binary
// so that a fresh installation has something to search. README.md in this
// folder says where each file comes from.
package seeds

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds the seed documents, UTF-8 plain text, byte for byte as received.
//
//go:embed *.txt
var FS embed.FS

// Files returns the names of the embedded seed documents in sorted order.
func Files() []string {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		// The embedded root always exists; this cannot happen.
		return nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}
