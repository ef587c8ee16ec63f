package batch

import "github.com/strategispor/strategispor/index"

// indexStore joins the index's read and write sides into a Store.
type indexStore struct {
	*index.Reader
	*index.Writer
}

// IndexStore is the Store for a Bleve index.
func IndexStore(ix *index.Index) Store { return indexStore{ix.Reader(), ix.Writer()} }
