package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/strategispor/strategispor/index/analysis"
)

// Field names. Stemmed fields carry no term vectors (they are only scored);
// the exact (_x) fields keep positions for phrases and prefixes.
const (
	fKind     = "kind"      // "document" or "section"
	fDocID    = "doc_id"    // keyword
	fDocType  = "doc_type"  // keyword
	fStatus   = "status"    // keyword, one per status of the tiltak in the section
	fOrg      = "org_x"     // organisation, exact tokens (filter by phrase)
	fYear     = "year"      // keyword "2019"
	fDate     = "date"      // keyword ISO date, for ranges
	fFacet    = "facet"     // keyword values "t:…", "o:…", "y:…" with doc values
	fOrdinal  = "ordinal"   // numeric, for ordering a document's sections
	fHeading  = "heading"   // stemmed
	fHeadingX = "heading_x" // exact
	fBody     = "body"      // stemmed
	fBodyX    = "body_x"    // exact
	fRefs     = "refs"      // stemmed footnote/reference text
	fSrc      = "src"       // stored JSON, not indexed (documents; sections before the store)
	fLoc      = "loc"       // where a section's JSON lies in the section store (store.go)

	kindDocument = "document"
	kindSection  = "section"
)

// Option sets for the fields.
const (
	optKeyword = bindex.IndexField
	optFacet   = bindex.IndexField | bindex.DocValues
	optText    = bindex.IndexField
	optExact   = bindex.IndexField | bindex.IncludeTermVectors
	optStored  = bindex.StoreField
)

// newMapping describes the fields for Bleve. Documents are indexed with
// IndexAdvanced and carry their own analyzers, so the mapping mainly names the
// registered analyzers for tools that inspect the index, and sets BM25.
func newMapping() mapping.IndexMapping {
	text := func(an string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = an
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	kw := func() *mapping.FieldMapping { return text(keyword.Name) }
	dm := bleve.NewDocumentStaticMapping()
	for _, name := range []string{fKind, fDocID, fDocType, fStatus, fYear, fDate, fFacet} {
		dm.AddFieldMappingsAt(name, kw())
	}
	for _, name := range []string{fHeading, fBody, fRefs} {
		dm.AddFieldMappingsAt(name, text(analysis.AnalyzerName))
	}
	for _, name := range []string{fHeadingX, fBodyX, fOrg} {
		f := text(analysis.ExactAnalyzerName)
		f.IncludeTermVectors = true
		dm.AddFieldMappingsAt(name, f)
	}
	num := bleve.NewNumericFieldMapping()
	num.IncludeInAll = false
	dm.AddFieldMappingsAt(fOrdinal, num)
	src := bleve.NewTextFieldMapping()
	src.Index, src.Store, src.IncludeInAll = false, true, false
	dm.AddFieldMappingsAt(fSrc, src)
	sloc := bleve.NewTextFieldMapping()
	sloc.Index, sloc.Store, sloc.IncludeInAll = false, true, false
	dm.AddFieldMappingsAt(fLoc, sloc)

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = analysis.AnalyzerName
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	im.ScoringModel = bindex.BM25Scoring
	return im
}
