package index

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"

	"github.com/strategispor/strategispor/internal/corpus"
)

// Writer adds, replaces and deletes documents.
type Writer struct{ ix *Index }

// docRecord is the stored form of a document: everything but the sections,
// plus the ids of its sections so that a replacement can delete them.
type docRecord struct {
	Doc        corpus.Document `json:"doc"`
	SectionIDs []string        `json:"section_ids"`
	// Stored is how many bytes of the section store its sections take
	// (0 when they are in Bleve, as an older release wrote them).
	Stored int64 `json:"stored,omitempty"`
}

// sectionRecord is the stored form of a section with the document metadata a
// hit shows.
type sectionRecord struct {
	Section corpus.Section `json:"section"`
	Title   string         `json:"title"`
	DocType corpus.DocType `json:"doc_type"`
	Org     string         `json:"org,omitempty"`
	Date    string         `json:"date,omitempty"`
	Ordinal int            `json:"-"`
}

func docKey(id string) string     { return "d/" + id }
func sectionKey(id string) string { return "s/" + id }

// claims lets writes of different documents run at once (Bleve analyses and
// builds a segment per batch, and each batch waits to be on disk), while a
// write of a document waits for any other write of that document: a
// replacement must see the section ids of the version before it.
type claims struct {
	mu   sync.Mutex
	held map[string]chan struct{} // document id → closed when its write ends
}

// claim waits until no other write holds any of ids, then holds them all
// until release is called.
func (c *claims) claim(ctx context.Context, ids []string) (release func(), err error) {
	for {
		c.mu.Lock()
		var busy chan struct{}
		for _, id := range ids {
			if ch, ok := c.held[id]; ok {
				busy = ch
				break
			}
		}
		if busy == nil {
			if c.held == nil {
				c.held = map[string]chan struct{}{}
			}
			done := make(chan struct{})
			for _, id := range ids {
				c.held[id] = done
			}
			c.mu.Unlock()
			return func() {
				c.mu.Lock()
				for _, id := range ids {
					delete(c.held, id)
				}
				c.mu.Unlock()
				close(done)
			}, nil
		}
		c.mu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Put atomically replaces the document with doc.ID (its sections, commitments
// and tiltak). The write is on disk when Put returns.
func (w *Writer) Put(ctx context.Context, doc corpus.Document) error {
	return w.PutMany(ctx, []corpus.Document{doc})
}

// PutMany writes several documents in one batch; a document id given twice
// keeps the last version.
func (w *Writer) PutMany(ctx context.Context, docs []corpus.Document) error {
	if len(docs) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	ix := w.ix
	last := map[string]int{}
	ids := make([]string, 0, len(docs))
	for i, d := range docs {
		if d.ID == "" {
			return fmt.Errorf("indexing %q: %w: document has no id", d.Source, corpus.ErrInvalid)
		}
		if _, ok := last[d.ID]; !ok {
			ids = append(ids, d.ID)
		}
		last[d.ID] = i
	}
	release, err := ix.writing.claim(ctx, ids)
	if err != nil {
		return err
	}
	defer release()
	var text int64
	for _, d := range docs {
		for _, sec := range d.Sections {
			text += int64(len(sec.Heading) + len(sec.Text))
		}
	}
	if err := ix.checkSpace(text); err != nil {
		return err
	}
	// The sections' JSON goes to the store first, synced, so that every
	// location the Bleve batch holds is on disk before the batch is.
	var buf []byte
	var olds []docRecord
	var ends [][]int // per document, where each section's JSON ends in buf
	var freed int64
	for i, d := range docs {
		if last[d.ID] != i {
			olds, ends = append(olds, docRecord{}), append(ends, nil)
			continue
		}
		old, err := ix.loadDocRecord(d.ID)
		if err != nil && !isNotFound(err) {
			return fmt.Errorf("indexing %s: %w", d.ID, err)
		}
		freed += old.Stored
		var e []int
		if buf, e, err = appendSections(buf, d); err != nil {
			return fmt.Errorf("indexing %s: %w", d.ID, err)
		}
		olds, ends = append(olds, old), append(ends, e)
	}
	base, err := ix.store.append(buf)
	if err != nil {
		if isNoSpace(err) {
			// Nothing reached Bleve; the error kind is the full disk's.
			return fmt.Errorf("writing batch of %d documents: %w (%v)", len(last), corpus.ErrNoSpace, err)
		}
		return fmt.Errorf("writing batch of %d documents: %w", len(last), err)
	}
	bx := ix.idx()
	b := bx.NewBatch()
	from := 0
	for i, d := range docs {
		if last[d.ID] != i {
			continue
		}
		for _, sid := range olds[i].SectionIDs {
			b.Delete(sectionKey(sid))
		}
		locs := make([]loc, len(ends[i]))
		for j, to := range ends[i] {
			locs[j] = locate(base, buf, from, to)
			from = to
		}
		if err := ix.addDocument(b, d, locs); err != nil {
			return fmt.Errorf("indexing %s: %w", d.ID, err)
		}
	}
	// The last moment a write can be given up: a caller that has gone, or
	// whose deadline passed while the batch was built, writes nothing.
	if err := ctx.Err(); err != nil {
		ix.store.freed(int64(len(buf)))
		return err
	}
	if err := bx.Batch(b); err != nil {
		err = ix.afterFailedWrite(err, func() bool { return ix.holds(docs, last) })
		if err != nil {
			ix.store.freed(int64(len(buf)))
			return fmt.Errorf("writing batch of %d documents: %w", len(last), err)
		}
	}
	ix.store.freed(freed)
	ix.gen.Add(1)
	return nil
}

// appendSections appends the stored JSON of d's sections to buf and
// returns where each ends.
func appendSections(buf []byte, d corpus.Document) ([]byte, []int, error) {
	ends := make([]int, 0, len(d.Sections))
	for i, s := range d.Sections {
		if s.ID == "" {
			return buf, nil, fmt.Errorf("%w: section %d has no id", corpus.ErrInvalid, i)
		}
		if s.DocumentID == "" {
			s.DocumentID = d.ID
		}
		srec := sectionRecord{Section: s, Title: d.Title, DocType: d.DocType, Org: d.Organisation, Date: d.Date}
		ssrc, err := json.Marshal(srec)
		if err != nil {
			return buf, nil, err
		}
		buf = append(buf, ssrc...)
		ends = append(ends, len(buf))
	}
	return buf, ends, nil
}

// holds reports whether the index holds every document of a write exactly
// as written (same content hash and ingest time).
func (ix *Index) holds(docs []corpus.Document, last map[string]int) bool {
	for i, d := range docs {
		if last[d.ID] != i {
			continue
		}
		rec, err := ix.loadDocRecord(d.ID)
		if err != nil || rec.Doc.ContentHash != d.ContentHash || !rec.Doc.IngestedAt.Equal(d.IngestedAt) ||
			len(rec.SectionIDs) != len(d.Sections) {
			return false
		}
	}
	return true
}

// Delete removes a document and its sections; corpus.ErrNotFound if absent.
func (w *Writer) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ix := w.ix
	release, err := ix.writing.claim(ctx, []string{id})
	if err != nil {
		return err
	}
	defer release()
	old, err := ix.loadDocRecord(id)
	if isNotFound(err) {
		return err // `document "id": not found` says it all
	}
	if err != nil {
		return fmt.Errorf("deleting %s: %w", id, err)
	}
	// No space check: a delete writes little, and may be how space is made.
	bx := ix.idx()
	b := bx.NewBatch()
	for _, sid := range old.SectionIDs {
		b.Delete(sectionKey(sid))
	}
	b.Delete(docKey(id))
	if err := bx.Batch(b); err != nil {
		err = ix.afterFailedWrite(err, func() bool { _, err := ix.loadDocRecord(id); return isNotFound(err) })
		if err != nil {
			return fmt.Errorf("deleting %s: %w", id, err)
		}
	}
	ix.store.freed(old.Stored)
	ix.gen.Add(1)
	return nil
}

// addDocument adds d's records to b; locs are where its sections' JSON
// lies in the store.
func (ix *Index) addDocument(b *bleve.Batch, d corpus.Document, locs []loc) error {
	sections := d.Sections
	d.Sections = nil
	rec := docRecord{Doc: d}
	for i, s := range sections {
		rec.SectionIDs = append(rec.SectionIDs, s.ID)
		rec.Stored += int64(locs[i].n)
	}
	src, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	kw := keywordAnalyzer()
	bd := document.NewDocument(docKey(d.ID))
	bd.AddField(document.NewTextFieldCustom(fKind, nil, []byte(kindDocument), optKeyword, kw))
	bd.AddField(document.NewTextFieldCustom(fDocID, nil, []byte(d.ID), optKeyword, kw))
	bd.AddField(document.NewTextFieldWithIndexingOptions(fSrc, nil, src, optStored))
	if err := b.IndexAdvanced(bd); err != nil {
		return err
	}
	year := yearOf(d.Date)
	statuses := sectionStatuses(d.Tiltak)
	for i, s := range sections {
		sd := document.NewDocument(sectionKey(s.ID))
		sd.AddField(document.NewTextFieldCustom(fKind, nil, []byte(kindSection), optKeyword, kw))
		sd.AddField(document.NewTextFieldCustom(fDocID, nil, []byte(d.ID), optKeyword, kw))
		sd.AddField(document.NewTextFieldCustom(fDocType, nil, []byte(d.DocType), optKeyword, kw))
		for _, st := range statuses[s.ID] {
			sd.AddField(document.NewTextFieldCustom(fStatus, nil, []byte(st), optKeyword, kw))
		}
		facets := "t:" + string(d.DocType)
		if d.Organisation != "" {
			sd.AddField(document.NewTextFieldCustom(fOrg, nil, []byte(d.Organisation), optExact, ix.an.Exact))
			facets += "\x00o:" + d.Organisation
		}
		if year != "" {
			sd.AddField(document.NewTextFieldCustom(fYear, nil, []byte(year), optKeyword, kw))
			sd.AddField(document.NewTextFieldCustom(fDate, nil, []byte(d.Date), optKeyword, kw))
			facets += "\x00y:" + year
		}
		sd.AddField(document.NewTextFieldCustom(fFacet, nil, []byte(facets), optFacet, facetAnalyzer{}))
		sd.AddField(document.NewNumericFieldWithIndexingOptions(fOrdinal, nil, float64(s.Ordinal), optKeyword|optFacet))
		heading := []byte(s.Heading)
		body := []byte(s.Text)
		hp, bp := newTextPair(ix.an), newTextPair(ix.an)
		sd.AddField(document.NewTextFieldCustom(fHeading, nil, heading, optText, stemSide{hp}))
		sd.AddField(document.NewTextFieldCustom(fHeadingX, nil, heading, optExact, exactSide{hp}))
		sd.AddField(document.NewTextFieldCustom(fBody, nil, body, optText, stemSide{bp}))
		sd.AddField(document.NewTextFieldCustom(fBodyX, nil, body, optExact, exactSide{bp}))
		if len(s.References) > 0 {
			sd.AddField(document.NewTextFieldCustom(fRefs, nil, []byte(strings.Join(s.References, "\n")), optText, ix.an.Text))
		}
		sd.AddField(document.NewTextFieldWithIndexingOptions(fLoc, nil, []byte(locs[i].String()), optStored))
		if err := b.IndexAdvanced(sd); err != nil {
			return err
		}
	}
	return nil
}

// sectionStatuses maps a section id to the statuses of the tiltak in it,
// each once; a tiltak without a status counts as unknown.
func sectionStatuses(ts []corpus.Tiltak) map[string][]corpus.Status {
	out := map[string][]corpus.Status{}
	for _, t := range ts {
		st := t.Status
		if st == "" {
			st = corpus.StatusUkjent
		}
		if !slices.Contains(out[t.SectionID], st) {
			out[t.SectionID] = append(out[t.SectionID], st)
		}
	}
	return out
}

// yearOf returns the year of an ISO date, or "".
func yearOf(date string) string {
	if len(date) >= 4 && isDigits(date[:4]) {
		return date[:4]
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
