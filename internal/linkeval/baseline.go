package linkeval

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Baseline links the way a plain search would: each commitment's text as a
// Bleve match query (default mapping, standard analyzer, any word may
// match) over the sections of the other documents, the first TopK hits
// asserted whenever the query returns anything.
func Baseline(docs []corpus.Document) (Ranked, error) {
	idx, err := bleve.NewMemOnly(bleve.NewIndexMapping())
	if err != nil {
		return nil, fmt.Errorf("baseline index: %w", err)
	}
	defer idx.Close()
	owner := map[string]string{}
	b := idx.NewBatch()
	for _, d := range docs {
		for _, s := range d.Sections {
			owner[s.ID] = d.ID
			if err := b.Index(s.ID, map[string]any{"text": s.Heading + "\n" + s.Text}); err != nil {
				return nil, fmt.Errorf("baseline index: %w", err)
			}
		}
	}
	if err := idx.Batch(b); err != nil {
		return nil, fmt.Errorf("baseline index: %w", err)
	}
	out := Ranked{}
	for _, d := range docs {
		for _, c := range d.Commitments {
			req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(c.Text), 50, 0, false)
			res, err := idx.Search(req)
			if err != nil {
				return nil, fmt.Errorf("baseline query %q: %w", c.Text, err)
			}
			for _, h := range res.Hits {
				if owner[h.ID] == d.ID {
					continue
				}
				out[c.ID] = append(out[c.ID], Link{Type: corpus.TargetSection, ID: h.ID})
				if len(out[c.ID]) == TopK {
					break
				}
			}
		}
	}
	return out, nil
}
