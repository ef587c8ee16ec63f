package sections

import (
	"strconv"
	"strings"

	"github.com/strategispor/strategispor/internal/corpus"
)

// AssignIDs sets DocumentID and a stable ID on every section:
// docID + "-" + 8 hex digits of a hash of the heading path, heading and text.
// The same content gives the same IDs on every ingest; when two sections are
// identical in all three, the second and later ones hash in their occurrence
// number too, so IDs stay unique and stay 8 hex digits.
func AssignIDs(docID string, secs []corpus.Section) {
	seen := make(map[string]int, len(secs))
	for i := range secs {
		s := &secs[i]
		path := strings.Join(s.Path, "\x1f")
		key := corpus.Hash8(path, s.Heading, s.Text)
		seen[key]++
		if n := seen[key]; n > 1 {
			key = corpus.Hash8(path, s.Heading, s.Text, strconv.Itoa(n))
		}
		s.DocumentID = docID
		s.ID = docID + "-" + key
	}
}
