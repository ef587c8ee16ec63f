package index

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Reader reads documents and searches sections.
type Reader struct{ ix *Index }

func isNotFound(err error) bool { return errors.Is(err, corpus.ErrNotFound) }

// storedSrc returns the stored JSON of a Bleve record, or ErrNotFound.
func (ix *Index) storedSrc(key string) ([]byte, error) {
	d, err := ix.document(key)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, corpus.ErrNotFound
	}
	var src, at []byte
	d.VisitFields(func(f bindex.Field) {
		switch f.Name() {
		case fSrc:
			src = f.Value()
		case fLoc:
			at = f.Value()
		}
	})
	return ix.source(string(src), string(at))
}

// source returns a record's JSON: stored in Bleve (src), or in the section
// store at the location loc.
func (ix *Index) source(src, at string) ([]byte, error) {
	if at != "" {
		l, err := parseLoc(at)
		if err != nil {
			return nil, err
		}
		return ix.store.read(l)
	}
	if src == "" {
		return nil, corpus.ErrNotFound
	}
	return []byte(src), nil
}

// hitSource returns the JSON of a hit fetched with Fields [fSrc, fLoc].
func (ix *Index) hitSource(fields map[string]any) ([]byte, error) {
	src, _ := fields[fSrc].(string)
	at, _ := fields[fLoc].(string)
	return ix.source(src, at)
}

func (ix *Index) loadDocRecord(id string) (docRecord, error) {
	var rec docRecord
	src, err := ix.storedSrc(docKey(id))
	if err != nil {
		if isNotFound(err) {
			return rec, fmt.Errorf("document %q: %w", id, corpus.ErrNotFound)
		}
		return rec, err
	}
	if err := json.Unmarshal(src, &rec); err != nil {
		return rec, fmt.Errorf("decoding document %q: %w", id, err)
	}
	return rec, nil
}

func termQ(field, term string) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

// count returns the number of records matching q.
func (ix *Index) count(ctx context.Context, q query.Query) (int, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	res, err := ix.searchIn(ctx, req)
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

// Stats counts documents and sections.
func (r *Reader) Stats(ctx context.Context) (documents, sections int, err error) {
	if documents, err = r.ix.count(ctx, termQ(fKind, kindDocument)); err != nil {
		return 0, 0, fmt.Errorf("counting documents: %w", err)
	}
	if sections, err = r.ix.count(ctx, termQ(fKind, kindSection)); err != nil {
		return 0, 0, fmt.Errorf("counting sections: %w", err)
	}
	return documents, sections, nil
}

// records loads the stored records matching q, in Bleve's sort order.
func (ix *Index) records(ctx context.Context, q query.Query, sortBy []string, each func(src []byte) error) error {
	const page = 1000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.Fields = []string{fSrc, fLoc}
		req.SortBy(sortBy)
		res, err := ix.searchIn(ctx, req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			src, err := ix.hitSource(h.Fields)
			if err != nil {
				return fmt.Errorf("reading %s: %w", h.ID, err)
			}
			if err := each(src); err != nil {
				return err
			}
		}
		if len(res.Hits) < page {
			return nil
		}
	}
}

// documentRecords returns every document record, sorted by title then id.
func (r *Reader) documentRecords(ctx context.Context) ([]docRecord, error) {
	var out []docRecord
	err := r.ix.records(ctx, termQ(fKind, kindDocument), []string{"_id"}, func(src []byte) error {
		var rec docRecord
		if err := json.Unmarshal(src, &rec); err != nil {
			return err
		}
		out = append(out, rec)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing documents: %w", err)
	}
	slices.SortFunc(out, func(a, b docRecord) int {
		return cmp.Or(cmp.Compare(a.Doc.Title, b.Doc.Title), cmp.Compare(a.Doc.ID, b.Doc.ID))
	})
	return out, nil
}

// Documents returns every document's metadata, commitments and tiltak
// (Sections nil), sorted by title.
func (r *Reader) Documents(ctx context.Context) ([]corpus.Document, error) {
	recs, err := r.documentRecords(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]corpus.Document, len(recs))
	for i, rec := range recs {
		out[i] = rec.Doc
		out[i].SectionCount = len(rec.SectionIDs)
	}
	return out, nil
}

// SectionCount returns how many sections a document has.
func (r *Reader) SectionCount(ctx context.Context, docID string) (int, error) {
	rec, err := r.ix.loadDocRecord(docID)
	if err != nil {
		return 0, err
	}
	return len(rec.SectionIDs), nil
}

// Document returns a document with its ordered sections.
func (r *Reader) Document(ctx context.Context, id string) (corpus.Document, error) {
	rec, err := r.ix.loadDocRecord(id)
	if err != nil {
		return corpus.Document{}, err
	}
	doc := rec.Doc
	doc.SectionCount = len(rec.SectionIDs)
	q := bleve.NewConjunctionQuery(termQ(fKind, kindSection), termQ(fDocID, id))
	err = r.ix.records(ctx, q, []string{fOrdinal, "_id"}, func(src []byte) error {
		var s sectionRecord
		if err := json.Unmarshal(src, &s); err != nil {
			return err
		}
		doc.Sections = append(doc.Sections, s.Section)
		return nil
	})
	if err != nil {
		return corpus.Document{}, fmt.Errorf("loading sections of %s: %w", id, err)
	}
	return doc, nil
}

// ContentHash returns the stored content hash of a document; "" and
// ErrNotFound when the document is absent.
func (r *Reader) ContentHash(ctx context.Context, id string) (string, error) {
	rec, err := r.ix.loadDocRecord(id)
	if err != nil {
		return "", err
	}
	return rec.Doc.ContentHash, nil
}

// Section returns one section.
func (r *Reader) Section(ctx context.Context, id string) (corpus.Section, error) {
	src, err := r.ix.storedSrc(sectionKey(id))
	if err != nil {
		if isNotFound(err) {
			return corpus.Section{}, fmt.Errorf("section %q: %w", id, corpus.ErrNotFound)
		}
		return corpus.Section{}, fmt.Errorf("loading section %s: %w", id, err)
	}
	var s sectionRecord
	if err := json.Unmarshal(src, &s); err != nil {
		return corpus.Section{}, fmt.Errorf("decoding section %s: %w", id, err)
	}
	return s.Section, nil
}

// Commitments returns all commitments, documents in title order and each
// document's commitments in their own order.
func (r *Reader) Commitments(ctx context.Context) ([]corpus.Commitment, error) {
	recs, err := r.documentRecords(ctx)
	if err != nil {
		return nil, err
	}
	var out []corpus.Commitment
	for _, rec := range recs {
		out = append(out, rec.Doc.Commitments...)
	}
	return out, nil
}

// Tiltak returns all tiltak, in the same order as Commitments.
func (r *Reader) Tiltak(ctx context.Context) ([]corpus.Tiltak, error) {
	recs, err := r.documentRecords(ctx)
	if err != nil {
		return nil, err
	}
	var out []corpus.Tiltak
	for _, rec := range recs {
		out = append(out, rec.Doc.Tiltak...)
	}
	return out, nil
}
