package ingest

import (
	"context"
	"strings"
	"testing"
)

// TestLongWordWarning: a text holding one 100 KB word is ingested with its
// other text and a warning that names the limit; ordinary text has none.
func TestLongWordWarning(t *testing.T) {
	text := "Handlingsplan\n\nRegjeringen vil styrke samarbeidet.\n\n" + strings.Repeat("a", 100_000) + "\n"
	doc, err := File(context.Background(), "lang.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, w := range doc.Warnings {
		found = found || strings.Contains(w, "a word longer than 255 bytes")
	}
	if !found {
		t.Errorf("warnings %q do not report the long word", doc.Warnings)
	}
	doc, err = File(context.Background(), "kort.txt", []byte("Handlingsplan\n\nRegjeringen vil styrke samarbeidet.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range doc.Warnings {
		if strings.Contains(w, "longer than") {
			t.Errorf("warning on ordinary text: %q", w)
		}
	}
}
