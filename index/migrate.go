package index

import (
	"context"
	"fmt"
	"time"
)

// analysisKey is where the index records the fingerprint of the analysis
// its terms were made with (Bleve's internal storage).
var analysisKey = []byte("strategispor.analysis")

// schemaVersion numbers what the index writes for a document (fields,
// their analysis). Raise it with every such change, so that indexes written
// before are written again from their stored documents. 2: the status
// field of sections holding tiltak.
const schemaVersion = 2

// reindexBatch is how many documents go into one write while an index is
// analysed again.
const reindexBatch = 25

// checkAnalysis makes sure the index's terms and fields are those the
// current analysis and release give: an index written by an earlier
// release (no fingerprint, or another one) is analysed again from its stored documents, with
// progress in the log, before it answers anything. Nothing is lost: every
// document is stored whole and rewritten in place.
func (ix *Index) checkAnalysis(ctx context.Context) error {
	want := fmt.Sprintf("%s index=%d", ix.an.Fingerprint(), schemaVersion)
	got, err := ix.idx().GetInternal(analysisKey)
	if err != nil {
		return fmt.Errorf("reading the analysis fingerprint: %w", err)
	}
	if string(got) == want {
		return nil
	}
	r := ix.Reader()
	docs, err := r.Documents(ctx)
	if err != nil {
		return err
	}
	if len(docs) > 0 {
		start := time.Now()
		ix.log.Info("analysing the index again: it was written by another release or with other Norwegian analysis",
			"documents", len(docs), "was", string(got), "now", want)
		w := ix.Writer()
		for i := 0; i < len(docs); i += reindexBatch {
			batch := docs[i:min(i+reindexBatch, len(docs))]
			full := batch[:0:0]
			for _, d := range batch {
				doc, err := r.Document(ctx, d.ID)
				if err != nil {
					return fmt.Errorf("re-analysing %s: %w", d.ID, err)
				}
				full = append(full, doc)
			}
			if err := w.PutMany(ctx, full); err != nil {
				return fmt.Errorf("re-analysing the index: %w", err)
			}
			ix.log.Info("analysing the index again", "done", i+len(batch), "of", len(docs),
				"elapsed", time.Since(start).Round(time.Millisecond))
		}
		ix.log.Info("index analysed again", "documents", len(docs), "took", time.Since(start).Round(time.Millisecond))
	}
	if err := ix.idx().SetInternal(analysisKey, []byte(want)); err != nil {
		return fmt.Errorf("recording the analysis fingerprint: %w", err)
	}
	return nil
}
