// Package findings reads commitments ("Regjeringen vil …") and tiltak with
// their status out of a document's sections.
package findings

import "github.com/strategispor/strategispor/internal/corpus"

// Find fills doc.Commitments and doc.Tiltak from doc.Sections. Section and
// document ids must already be set.
func Find(doc *corpus.Document) {
	// Filled in by the commitments work; until then documents carry no findings.
	_ = doc
}
